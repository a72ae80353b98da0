"""Image formats no installed tool writes, built to their specifications from real pixels."""

import struct
import zlib

import numpy as np


def pixels(width=32, height=24, seed=1):
    """A photo-like RGB image: a gradient with seeded noise (uint8, height x width x 3)."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width]
    base = np.stack([x * 255 // max(width - 1, 1), y * 255 // max(height - 1, 1),
                     (x + y) * 127 // max(width + height - 2, 1)], axis=-1)
    noise = rng.integers(-24, 25, size=base.shape)
    return np.clip(base + noise, 0, 255).astype(np.uint8)


def palette_image(width=32, height=24, colors=16, seed=2):
    """(indices height x width, palette colors x 3) of a quantised `pixels` image."""
    rgb = pixels(width, height, seed)
    palette = np.array([[i * 255 // (colors - 1), 255 - i * 255 // (colors - 1), (i * 67) % 256]
                        for i in range(colors)], dtype=np.uint8)
    dist = ((rgb[:, :, None, :].astype(int) - palette[None, None, :, :]) ** 2).sum(-1)
    return dist.argmin(-1).astype(np.uint8), palette


# --------------------------------------------------------------------------- FLI / FLC

def _byte_run(line: bytes) -> bytes:
    """One line of a FLIC BYTE_RUN chunk: runs of equal bytes, literals otherwise."""
    out = bytearray([0])  # packet count, ignored by readers (lines can exceed 255 packets)
    i = 0
    while i < len(line):
        run = 1
        while i + run < len(line) and line[i + run] == line[i] and run < 127:
            run += 1
        if run >= 3:
            out += bytes([run, line[i]])
            i += run
            continue
        j = i
        while j < len(line) and j - i < 127:
            if j + 2 < len(line) and line[j] == line[j + 1] == line[j + 2]:
                break
            j += 1
        out += struct.pack("b", -(j - i)) + line[i:j]
        i = j
    return bytes(out)


def flic(frames, palette, flc: bool) -> bytes:
    """An Autodesk animation: FLI (320x200-era, 64-level palette) or FLC, BYTE_RUN frames.

    `frames`: a list of (height x width) index arrays; `palette`: 256 x 3 uint8.
    """
    height, width = frames[0].shape
    body = bytearray()
    offsets = []
    for n, idx in enumerate(frames):
        chunks = bytearray()
        count = 0
        if n == 0:
            if flc:
                data = struct.pack("<HBB", 1, 0, 0) + bytes(palette.astype(np.uint8).tobytes())
                kind = 4  # COLOR_256
            else:
                data = struct.pack("<HBB", 1, 0, 0) + bytes((palette // 4).astype(np.uint8)
                                                           .tobytes())
                kind = 11  # COLOR_64
            if len(data) % 2:
                data += b"\0"
            chunks += struct.pack("<IH", 6 + len(data), kind) + data
            count += 1
        runs = b"".join(_byte_run(bytes(row)) for row in idx.astype(np.uint8))
        if len(runs) % 2:
            runs += b"\0"
        chunks += struct.pack("<IH", 6 + len(runs), 15) + runs  # BYTE_RUN
        count += 1
        offsets.append(128 + len(body))
        body += struct.pack("<IHH8x", 16 + len(chunks), 0xF1FA, count) + chunks
    size = 128 + len(body)
    header = bytearray(128)
    magic = 0xAF12 if flc else 0xAF11
    struct.pack_into("<IHHHHHH", header, 0, size, magic, len(frames), width, height, 8, 3)
    if flc:
        struct.pack_into("<I", header, 16, 100)  # milliseconds a frame
        struct.pack_into("<HH", header, 38, 1, 1)  # aspect
        struct.pack_into("<II", header, 80, offsets[0], offsets[min(1, len(offsets) - 1)])
    else:
        struct.pack_into("<H", header, 16, 7)  # 1/70 s units
    return bytes(header) + bytes(body)


# --------------------------------------------------------------------------- QOI

def qoi(rgb, channels=3) -> bytes:
    """The Quite OK Image format (qoiformat.org, spec 1.0): RUN, INDEX, DIFF, LUMA, RGB ops."""
    height, width = rgb.shape[:2]
    out = bytearray(b"qoif" + struct.pack(">IIBB", width, height, channels, 0))
    index = [(0, 0, 0, 0)] * 64
    prev = (0, 0, 0, 255)
    run = 0
    flat = rgb.reshape(-1, rgb.shape[2])
    for n, px in enumerate(flat):
        px = tuple(int(v) for v in px) + ((255,) if channels == 3 else ())
        if px == prev:
            run += 1
            if run == 62 or n == len(flat) - 1:
                out.append(0xC0 | (run - 1))
                run = 0
            continue
        if run:
            out.append(0xC0 | (run - 1))
            run = 0
        h = (px[0] * 3 + px[1] * 5 + px[2] * 7 + px[3] * 11) % 64
        if index[h] == px:
            out.append(h)
        else:
            index[h] = px
            if px[3] != prev[3]:
                out += bytes([0xFF, *px])
            else:
                dr, dg, db = ((px[i] - prev[i] + 128) % 256 - 128 for i in range(3))
                if -2 <= dr <= 1 and -2 <= dg <= 1 and -2 <= db <= 1:
                    out.append(0x40 | (dr + 2) << 4 | (dg + 2) << 2 | (db + 2))
                elif -32 <= dg <= 31 and -8 <= dr - dg <= 7 and -8 <= db - dg <= 7:
                    out += bytes([0x80 | (dg + 32), (dr - dg + 8) << 4 | (db - dg + 8)])
                else:
                    out += bytes([0xFE, *px[:3]])
        prev = px
    return bytes(out + b"\0" * 7 + b"\x01")


# --------------------------------------------------------------------------- XCF

def xcf(rgb) -> bytes:
    """A GIMP XCF (version 0): an RGB image with one uncompressed RGBA layer."""
    height, width = rgb.shape[:2]
    rgba = np.dstack([rgb, np.full(rgb.shape[:2], 255, np.uint8)])

    def prop(kind, payload=b""):
        return struct.pack(">II", kind, len(payload)) + payload

    header = b"gimp xcf file\0" + struct.pack(">III", width, height, 0)
    props = prop(17, b"\0") + prop(0)  # PROP_COMPRESSION none, PROP_END
    name = b"Background\0"
    at = len(header) + len(props) + 8 + 4  # layer pointer list, then channel list end
    layer_at = at
    layer = struct.pack(">III", width, height, 1) + struct.pack(">I", len(name)) + name
    layer_props = prop(8, struct.pack(">I", 1)) + prop(6, struct.pack(">I", 255)) + prop(0)
    hierarchy_at = layer_at + len(layer) + len(layer_props) + 8
    level_at = hierarchy_at + 4 * 3 + 8
    tile_at = level_at + 8 + 8
    tile = rgba.astype(np.uint8).tobytes()
    layer += layer_props + struct.pack(">II", hierarchy_at, 0)
    hierarchy = struct.pack(">IIIII", width, height, 4, level_at, 0)
    level = struct.pack(">IIII", width, height, tile_at, 0)
    return (header + props + struct.pack(">II", layer_at, 0) + struct.pack(">I", 0)
            + layer + hierarchy + level + tile)


# --------------------------------------------------------------------------- OpenEXR

def exr(rgb) -> bytes:
    """An OpenEXR scan-line image, uncompressed HALF B, G, R channels."""
    height, width = rgb.shape[:2]

    def attr(name, kind, value):
        return name.encode() + b"\0" + kind.encode() + b"\0" + struct.pack("<i", len(value)) + value

    chlist = b"".join(c + b"\0" + struct.pack("<iB3xii", 1, 0, 1, 1) for c in (b"B", b"G", b"R"))
    chlist += b"\0"
    box = struct.pack("<iiii", 0, 0, width - 1, height - 1)
    header = (b"\x76\x2f\x31\x01" + struct.pack("<I", 2)
              + attr("channels", "chlist", chlist)
              + attr("compression", "compression", b"\0")
              + attr("dataWindow", "box2i", box)
              + attr("displayWindow", "box2i", box)
              + attr("lineOrder", "lineOrder", b"\0")
              + attr("pixelAspectRatio", "float", struct.pack("<f", 1.0))
              + attr("screenWindowCenter", "v2f", struct.pack("<ff", 0.0, 0.0))
              + attr("screenWindowWidth", "float", struct.pack("<f", 1.0))
              + b"\0")
    linear = (rgb.astype(np.float32) / 255.0) ** 2.2
    blocks = []
    for y in range(height):
        data = b"".join(linear[y, :, c].astype("<f2").tobytes() for c in (2, 1, 0))
        blocks.append(struct.pack("<ii", y, len(data)) + data)
    table_at = len(header)
    at = table_at + 8 * height
    table = bytearray()
    for b in blocks:
        table += struct.pack("<Q", at)
        at += len(b)
    return header + bytes(table) + b"".join(blocks)


# --------------------------------------------------------------------------- WMF / EMF

def wmf(placeable: bool) -> bytes:
    """A Windows metafile drawing two filled rectangles, optionally with the placeable
    (Aldus) header."""
    def record(function, *params):
        return struct.pack("<IH", 3 + len(params), function) + struct.pack(f"<{len(params)}h",
                                                                           *params)

    records = (record(0x020B, 0, 0)  # SETWINDOWORG (y, x)
               + record(0x020C, 200, 300)  # SETWINDOWEXT
               + struct.pack("<IHHIH", 7, 0x02FC, 0, 0x0000FF, 0)  # CREATEBRUSHINDIRECT red
               + record(0x012D, 0)  # SELECTOBJECT
               + record(0x041B, 150, 250, 20, 30)  # RECTANGLE bottom, right, top, left
               + record(0x01F0, 0)  # DELETEOBJECT
               + record(0x0000))  # EOF
    words = (18 + len(records)) // 2
    max_record = 7
    header = struct.pack("<HHHIHIH", 1, 9, 0x0300, words, 1, max_record, 0)
    body = header + records
    if not placeable:
        return body
    head = struct.pack("<IHhhhhHI", 0x9AC6CDD7, 0, 0, 0, 300, 200, 1440, 0)
    checksum = 0
    for (w,) in struct.iter_unpack("<H", head):
        checksum ^= w
    return head + struct.pack("<H", checksum) + body


def emf() -> bytes:
    """An enhanced metafile: header, a rectangle, end of file."""
    desc = "pipes-media\0longtail\0\0".encode("utf-16-le")
    rect = struct.pack("<II iiii", 43, 24, 10, 10, 200, 150)
    eof = struct.pack("<IIIII", 14, 20, 0, 16, 20)
    header_len = 108
    total = header_len + len(desc) + len(rect) + len(eof)
    header = struct.pack("<II iiii iiii IIII HH III ii ii III ii",
                         1, header_len + len(desc), 0, 0, 299, 199, 0, 0, 7937, 5291,
                         0x464D4520, 0x10000, total, 3, 1, 0, len(desc) // 2, header_len, 0,
                         1024, 768, 270, 203, 0, 0, 0, 270000, 203000)
    return header + desc + rect + eof


# --------------------------------------------------------------------------- small patches

def icns(pngs) -> bytes:
    """An Apple icon family: PNG-compressed entries (`(type, png bytes)`) after a table of
    contents."""
    toc = b"".join(kind + struct.pack(">I", 8 + len(data)) for kind, data in pngs)
    body = b"TOC " + struct.pack(">I", 8 + len(toc)) + toc
    body += b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in pngs)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def cursor_from_icon(ico: bytes, hotspot=(3, 5)) -> bytes:
    """A Windows cursor (.cur) from an icon: resource type 2, hotspots in the directory."""
    out = bytearray(ico)
    struct.pack_into("<H", out, 2, 2)
    count = struct.unpack_from("<H", out, 4)[0]
    for i in range(count):
        struct.pack_into("<HH", out, 6 + 16 * i + 4, *hotspot)
    return bytes(out)


def dos_eps(ps: bytes, tiff: bytes) -> bytes:
    """An EPS with the binary DOS header (C5D0D3C6) and a TIFF preview after the PostScript."""
    ps_at = 30
    tiff_at = ps_at + len(ps)
    header = struct.pack("<IIIIIIIH", 0xC6D3D0C5, ps_at, len(ps), 0, 0, tiff_at, len(tiff),
                         0xFFFF)
    return header + ps + tiff


def jpx_from_jp2(jp2: bytes) -> bytes:
    """A JPX (JPEG 2000 part 2) file: a JP2 whose file-type box names the `jpx ` brand, with
    a reader-requirements box as part 2 asks for."""
    assert jp2[4:8] == b"jP  "
    sig_len = struct.unpack_from(">I", jp2, 0)[0]
    ftyp_len = struct.unpack_from(">I", jp2, sig_len)[0]
    rest = jp2[sig_len + ftyp_len:]
    ftyp = b"ftyp" + b"jpx " + struct.pack(">I", 0) + b"jpx " + b"jp2 " + b"jpxb"
    # rreq: mask length 1, fully/display masks, one standard feature (5: JPEG 2000 part 1
    # codestream), no vendor features.
    rreq = b"rreq" + bytes([1, 0x80, 0x80]) + struct.pack(">H", 1) + struct.pack(">HB", 5, 0x80) \
        + struct.pack(">H", 0)
    return (jp2[:sig_len] + struct.pack(">I", 4 + len(ftyp)) + ftyp
            + struct.pack(">I", 4 + len(rreq)) + rreq + rest)


def os2_bmp_v2(rgb) -> bytes:
    """An OS/2 2.x bitmap: 64-byte BITMAPINFOHEADER2, 24 bits a pixel, bottom-up rows."""
    height, width = rgb.shape[:2]
    stride = (width * 3 + 3) & ~3
    rows = b"".join(bytes(rgb[y, :, ::-1].tobytes()) + b"\0" * (stride - width * 3)
                    for y in range(height - 1, -1, -1))
    info = struct.pack("<IiiHHIIiiII", 64, width, height, 1, 24, 0, len(rows), 2835, 2835, 0, 0)
    info += b"\0" * (64 - len(info))
    offset = 14 + len(info)
    return b"BM" + struct.pack("<IHHI", offset + len(rows), 0, 0, offset) + info + rows


def png(rgb) -> bytes:
    """A plain PNG (for the ICNS/ICO inputs that want one)."""
    height, width = rgb.shape[:2]
    raw = b"".join(b"\0" + bytes(rgb[y].tobytes()) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0,
                                                              0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
