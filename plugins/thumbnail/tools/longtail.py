"""Builds the thumbnail long-tail set (see longtail.sh) and its manifest.

Run by longtail.sh with a Python that has Pillow >= 11.3 and pillow-heif. Every file is made
from seeded sources, by Pillow, ImageMagick, libtiff's tools, libheif, libavif, OpenJPEG, webp
or by hand (struct) for layouts no tool writes (old-style JPEG TIFF, signed and 12-bit samples,
BMP gaps, V5 headers); files that exist are kept.
"""

import io
import json
import os
import struct
import subprocess
import sys
import warnings

import numpy as np
from PIL import Image, ImageOps

warnings.simplefilter("ignore")
Image.MAX_IMAGE_PIXELS = None
try:
    import pillow_heif

    pillow_heif.register_heif_opener()
except ImportError:  # the manifest then says HEIC is not decodable, and the test skips it
    pillow_heif = None

ROOT = os.path.abspath(sys.argv[1])
CONVERT = "/usr/bin/convert"
ENTRIES = []  # (relative path, class, tool)


def path(cls, name):
    d = os.path.join(ROOT, cls)
    os.makedirs(d, exist_ok=True)
    return os.path.join(d, name)


def make(cls, name, tool, build):
    """Runs build(target) unless the file exists; records the entry."""
    target = path(cls, name)
    if not os.path.exists(target):
        tmp = target + ".tmp"
        try:
            build(tmp)
            os.replace(tmp, target)
        except Exception as e:  # a tool that cannot make this file: report, go on
            print(f"could not make {cls}/{name}: {e}", file=sys.stderr)
            if os.path.exists(tmp):
                os.remove(tmp)
            return
    ENTRIES.append((os.path.relpath(target, ROOT), cls, tool))


def run(*cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def source(w, h, seed, marker=True):
    """A seeded plasma picture (ImageMagick), RGB, with a red block at the top-left corner."""
    cache = os.path.join(ROOT, ".src", f"plasma_{w}x{h}_{seed}.png")
    if not os.path.exists(cache):
        os.makedirs(os.path.dirname(cache), exist_ok=True)
        run(CONVERT, "-size", f"{w}x{h}", "-seed", str(seed), "plasma:fractal", "-depth", "8",
            "+set", "date:create", "+set", "date:modify", "-define", "png:exclude-chunks=date,time",
            cache)
    im = Image.open(cache).convert("RGB")
    if marker:
        a = np.asarray(im).copy()
        a[: h // 5, : w // 5] = (230, 20, 20)
        im = Image.fromarray(a)
    return im


def save(im, **kw):
    return lambda t: im.save(t, **kw)


def exif_with(orientation):
    e = Image.Exif()
    e[0x0112] = orientation
    return e.tobytes()


def xmp_with(orientation):
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
        '22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:tiff="http://ns.adobe.com/'
        f'tiff/1.0/" tiff:Orientation="{orientation}"/></rdf:RDF></x:xmpmeta>'
    ).encode()


# ---------------------------------------------------------------- hand-written TIFF
def tiff_file(target, tags, strips):
    """A little-endian TIFF: `tags` {tag: (type, [values])}, `strips` byte strings (offsets and
    counts filled in unless given)."""
    body = bytearray(b"II*\0\0\0\0\0")
    offsets = []
    for s in strips:
        offsets.append(len(body))
        body += s
        if len(body) % 2:
            body += b"\0"
    tags = dict(tags)
    tags.setdefault(273, (4, offsets))
    tags.setdefault(279, (4, [len(s) for s in strips]))
    sizes = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 8: 2, 11: 4}
    fmt = {1: "B", 2: "B", 3: "H", 4: "I", 7: "B", 8: "h", 11: "f"}
    ifd_at = len(body)
    n = len(tags)
    extra_at = ifd_at + 2 + 12 * n + 4
    entries, extra = b"", bytearray()
    for tag in sorted(tags):
        kind, values = tags[tag]
        if kind == 5:
            raw = b"".join(struct.pack("<II", *v) for v in values)
        else:
            raw = struct.pack("<" + fmt[kind] * len(values), *values)
        count = len(values)
        if len(raw) <= 4:
            field = raw.ljust(4, b"\0")
        else:
            field = struct.pack("<I", extra_at + len(extra))
            extra += raw
            if len(extra) % 2:
                extra += b"\0"
        entries += struct.pack("<HHI", tag, kind, count) + field
    body[4:8] = struct.pack("<I", ifd_at)
    body += struct.pack("<H", n) + entries + b"\0\0\0\0" + extra
    with open(target, "wb") as f:
        f.write(bytes(body))


def grey_tags(w, h, bits, extra=None):
    t = {256: (4, [w]), 257: (4, [h]), 258: (3, [bits]), 259: (3, [1]), 262: (3, [1]),
         277: (3, [1]), 278: (4, [h])}
    t.update(extra or {})
    return t


def pack_bits_msb(values, bits, w):
    """Rows of `values` (h x w) packed MSB-first, each row byte-aligned."""
    out = bytearray()
    for row in values:
        acc, n = 0, 0
        for v in row:
            acc = (acc << bits) | int(v)
            n += bits
            while n >= 8:
                out.append((acc >> (n - 8)) & 0xFF)
                n -= 8
        if n:
            out.append((acc << (8 - n)) & 0xFF)
    return bytes(out)


def tiffs():
    src = source(200, 150, 11)
    src_png = path(".src", "tiff_src.png")
    if not os.path.exists(src_png):
        src.save(src_png)
    grey = np.asarray(src.convert("L"))
    h, w = grey.shape
    for depth in (8, 16):
        for comp, name in (("None", "raw"), ("LZW", "lzw")):
            make("tiff", f"tiled_planar_{depth}_{name}.tif", "imagemagick", lambda t, d=depth, c=comp: run(
                CONVERT, src_png, "-depth", str(d), "-define", "tiff:tile-geometry=64x64",
                "-interlace", "plane", "-compress", c, "tiff:" + t))
    make("tiff", "strip_planar_16_lzw.tif", "imagemagick", lambda t: run(
        CONVERT, src_png, "-depth", "16", "-interlace", "plane", "-compress", "LZW", "tiff:" + t))
    make("tiff", "palette.tif", "pillow", save(src.quantize(64), format="TIFF"))
    for bits in (2, 4):
        q = (grey.astype(int) * ((1 << bits) - 1) // 255)
        make("tiff", f"grey_{bits}bit.tif", "by hand", lambda t, q=q, b=bits: tiff_file(
            t, grey_tags(w, h, b), [pack_bits_msb(q, b, w)]))
    make("tiff", "grey_12bit.tif", "by hand", lambda t: tiff_file(
        t, grey_tags(w, h, 12), [pack_bits_msb(grey.astype(int) * 4095 // 255, 12, w)]))
    make("tiff", "lab_8.tif", "imagemagick", lambda t: run(
        CONVERT, src_png, "-colorspace", "Lab", "-depth", "8", "tiff:" + t))
    make("tiff", "lab_16.tif", "imagemagick", lambda t: run(
        CONVERT, src_png, "-colorspace", "Lab", "-depth", "16", "tiff:" + t))
    for sub, pil_sub in (((1, 1), 0), ((2, 2), 2)):
        def ycbcr_jpeg(t, sub=sub, pil_sub=pil_sub):
            buf = io.BytesIO()
            src.save(buf, "JPEG", quality=90, subsampling=pil_sub)
            tags = {256: (4, [w]), 257: (4, [h]), 258: (3, [8, 8, 8]), 259: (3, [7]),
                    262: (3, [6]), 277: (3, [3]), 278: (4, [h]), 530: (3, list(sub))}
            tiff_file(t, tags, [buf.getvalue()])
        make("tiff", f"ycbcr_jpeg_{sub[0]}x{sub[1]}.tif", "by hand", ycbcr_jpeg)
    make("tiff", "jpeg_libtiff.tif", "pillow", save(src, format="TIFF", compression="tiff_jpeg"))

    def ycbcr_raw(t):
        ycc = np.asarray(src.convert("YCbCr")).astype(int)
        units = bytearray()
        for y in range(0, h, 2):
            for x in range(0, w, 2):
                block = ycc[y:y + 2, x:x + 2]
                units += bytes(int(v) for v in block[:, :, 0].ravel())
                units += bytes([int(block[:, :, 1].mean()), int(block[:, :, 2].mean())])
        tags = {256: (4, [w]), 257: (4, [h]), 258: (3, [8, 8, 8]), 259: (3, [1]), 262: (3, [6]),
                277: (3, [3]), 278: (4, [h]), 530: (3, [2, 2])}
        tiff_file(t, tags, [bytes(units)])
    make("tiff", "ycbcr_raw_2x2.tif", "by hand", ycbcr_raw)
    s8 = (grey.astype(int) // 2).astype(np.int8)
    make("tiff", "signed_8.tif", "by hand", lambda t: tiff_file(
        t, grey_tags(w, h, 8, {339: (3, [2])}), [s8.tobytes()]))
    s16 = (grey.astype(int) * 128).astype("<i2")
    make("tiff", "signed_16.tif", "by hand", lambda t: tiff_file(
        t, grey_tags(w, h, 16, {339: (3, [2])}), [s16.tobytes()]))
    bilevel = src.convert("1")
    for comp in ("tiff_ccitt", "group3", "group4"):
        make("tiff", f"fax_{comp}.tif", "pillow", save(bilevel, format="TIFF", compression=comp))
    make("tiff", "fax_group3_2d.tif", "tiffcp", lambda t: run(
        "tiffcp", "-c", "g3:2d", path("tiff", "fax_group4.tif"), t))
    make("tiff", "lzma.tif", "pillow", save(src, format="TIFF", compression="lzma"))
    make("tiff", "lzma_predictor.tif", "tiffcp", lambda t: run(
        "tiffcp", "-c", "lzma:2", src_tif(), t))
    make("tiff", "zstd.tif", "pillow", save(src, format="TIFF", compression="zstd"))
    make("tiff", "packbits.tif", "pillow", save(src, format="TIFF", compression="packbits"))
    make("tiff", "deflate_predictor.tif", "tiffcp", lambda t: run(
        "tiffcp", "-c", "zip:2", src_tif(), t))

    def ojpeg(t):
        buf = io.BytesIO()
        src.save(buf, "JPEG", quality=90)
        jpeg = buf.getvalue()
        # Strip and interchange-format stream are the same bytes, at offset 8.
        tags = {256: (4, [w]), 257: (4, [h]), 258: (3, [8, 8, 8]), 259: (3, [6]), 262: (3, [6]),
                277: (3, [3]), 278: (4, [h]), 513: (4, [8]), 514: (4, [len(jpeg)])}
        tiff_file(t, tags, [jpeg])
    make("tiff", "old_style_jpeg.tif", "by hand", ojpeg)
    make("tiff", "bigtiff.tif", "tiffcp", lambda t: run("tiffcp", "-8", src_tif(), t))
    make("tiff", "multipage.tif", "pillow", lambda t: src.save(
        t, format="TIFF", save_all=True, append_images=[source(90, 120, 12)]))
    make("tiff", "float32.tif", "pillow", save(Image.fromarray(grey.astype("f4") / 255.0), format="TIFF"))
    make("tiff", "int32.tif", "pillow", save(Image.fromarray(grey.astype("i4") * 8_000_000), format="TIFF"))
    make("tiff", "cmyk.tif", "pillow", save(src.convert("CMYK"), format="TIFF"))
    make("tiff", "rgba.tif", "pillow", save(src.convert("RGBA"), format="TIFF", compression="tiff_deflate"))
    make("tiff", "grey_16bit.tif", "pillow", save(Image.fromarray(grey.astype("u2") * 257), format="TIFF"))


def src_tif():
    p = path(".src", "tiff_src.tif")
    if not os.path.exists(p):
        source(200, 150, 11).save(p, format="TIFF")
    return p


# ---------------------------------------------------------------- orientation metadata
def orientations():
    src = source(300, 200, 21)
    for o in (3, 5, 6, 8):
        make("orientation", f"webp_exif_{o}.webp", "pillow", save(src, format="WEBP", quality=85, exif=exif_with(o)))
    make("orientation", "webp_lossless_exif_6.webp", "pillow", save(src, format="WEBP", lossless=True, exif=exif_with(6)))
    for o in (6, 8):
        make("orientation", f"webp_xmp_{o}.webp", "pillow", save(src, format="WEBP", quality=85, xmp=xmp_with(o)))
        make("orientation", f"jpeg_xmp_{o}.jpg", "pillow", save(src, format="JPEG", quality=85, xmp=xmp_with(o)))

        def png_xmp(t, o=o):
            info = __import__("PIL.PngImagePlugin", fromlist=["PngInfo"]).PngInfo()
            info.add_itxt("XML:com.adobe.xmp", xmp_with(o).decode())
            src.save(t, format="PNG", pnginfo=info)
        make("orientation", f"png_xmp_{o}.png", "pillow", png_xmp)
        make("orientation", f"png_exif_{o}.png", "pillow", save(src, format="PNG", exif=exif_with(o)))
    jpeg6 = path(".src", "exif6.jpg")
    if not os.path.exists(jpeg6):
        src.save(jpeg6, format="JPEG", quality=85, exif=exif_with(6))
    make("orientation", "png_raw_profile_6.png", "imagemagick", lambda t: run(CONVERT, jpeg6, "png:" + t))
    make("orientation", "tiff_tag_6.tif", "pillow+tiffset", lambda t: (
        src.save(t, format="TIFF"), run("tiffset", "-s", "274", "6", t)))
    src_png = path(".src", "orient_src.png")
    if not os.path.exists(src_png):
        src.save(src_png)
    make("orientation", "avif_irot_1.avif", "avifenc", lambda t: run("avifenc", "-s", "8", "--irot", "1", src_png, t))
    make("orientation", "avif_imir_1.avif", "avifenc", lambda t: run("avifenc", "-s", "8", "--imir", "1", src_png, t))


# ---------------------------------------------------------------- BMP layouts
def bmps():
    src = source(127, 64, 31)
    gap = bytes(range(97))

    def with_gap(im, **kw):
        def build(t):
            buf = io.BytesIO()
            im.save(buf, format="BMP", **kw)
            b = bytearray(buf.getvalue())
            off = struct.unpack_from("<I", b, 10)[0]
            b = b[:off] + gap + b[off:]
            struct.pack_into("<I", b, 10, off + len(gap))
            struct.pack_into("<I", b, 2, len(b))
            open(t, "wb").write(bytes(b))
        return build
    make("bmp", "pal8_gap.bmp", "pillow+gap", with_gap(src.quantize(200)))
    make("bmp", "pal4_gap.bmp", "pillow+gap", with_gap(src.quantize(16)))
    make("bmp", "pal1_gap.bmp", "pillow+gap", with_gap(src.convert("1")))
    make("bmp", "rgb24_gap.bmp", "pillow+gap", with_gap(src))

    def v5_bitfields(t):
        # 32-bit BI_BITFIELDS with a BITMAPV5HEADER, masks in the header, 64 spare bytes before
        # the pixels.
        w, h = src.size
        a = np.asarray(src.convert("RGBA"))[::-1]
        pixels = a[:, :, [2, 1, 0, 3]].tobytes()
        header = struct.pack("<IiiHHIIiiII", 124, w, h, 1, 32, 3, len(pixels), 2835, 2835, 0, 0)
        header += struct.pack("<IIII", 0x00FF0000, 0x0000FF00, 0x000000FF, 0xFF000000)
        header += b"BGRs" + bytes(36) + struct.pack("<IIII", 0, 0, 0, 0)
        header += bytes(124 - len(header))
        spare = 64
        off = 14 + len(header) + spare
        filehead = b"BM" + struct.pack("<IHHI", off + len(pixels), 0, 0, off)
        open(t, "wb").write(filehead + header + bytes(spare) + pixels)
    make("bmp", "v5_bitfields_gap.bmp", "by hand", v5_bitfields)
    def os2_gap(t):
        # BMP 2 / OS/2 1.x: a 12-byte core header and 3-byte palette entries, then a gap.
        tmp = t + ".bmp2"
        run(CONVERT, bmp_src(), "-colors", "200", "bmp2:" + tmp)
        b = bytearray(open(tmp, "rb").read())
        os.remove(tmp)
        off = struct.unpack_from("<I", b, 10)[0]
        b = b[:off] + gap + b[off:]
        struct.pack_into("<I", b, 10, off + len(gap))
        struct.pack_into("<I", b, 2, len(b))
        open(t, "wb").write(bytes(b))
    make("bmp", "os2_pal8_gap.bmp", "imagemagick+gap", os2_gap)

    def rle4_gap(t):
        tmp = t + ".rle"
        run(CONVERT, bmp_src(), "-colors", "16", "-compress", "RLE", "bmp3:" + tmp)
        b = bytearray(open(tmp, "rb").read())
        os.remove(tmp)
        off = struct.unpack_from("<I", b, 10)[0]
        b = b[:off] + gap + b[off:]
        struct.pack_into("<I", b, 10, off + len(gap))
        struct.pack_into("<I", b, 2, len(b))
        open(t, "wb").write(bytes(b))
    make("bmp", "rle_gap.bmp", "imagemagick+gap", rle4_gap)
    make("bmp", "rle8.bmp", "imagemagick", lambda t: run(CONVERT, bmp_src(), "-compress", "RLE", "bmp3:" + t))


def bmp_src():
    p = path(".src", "bmp_src.png")
    if not os.path.exists(p):
        source(127, 64, 31).quantize(200).convert("RGB").save(p)
    return p


def write_png(im, name):
    p = path(".src", name)
    im.save(p)
    return p


# ---------------------------------------------------------------- formats
def formats():
    src = source(240, 160, 41)
    rgba = src.convert("RGBA")
    a = np.asarray(rgba).copy()
    a[100:, 150:, 3] = 0
    rgba = Image.fromarray(a)
    src_png = write_png(src, "formats_src.png") if not os.path.exists(path(".src", "formats_src.png")) else path(".src", "formats_src.png")
    rgba_png = write_png(rgba, "formats_rgba.png") if not os.path.exists(path(".src", "formats_rgba.png")) else path(".src", "formats_rgba.png")
    # TGA
    make("tga", "rgb.tga", "pillow", save(src, format="TGA"))
    make("tga", "rgb_rle.tga", "pillow", save(src, format="TGA", compression="tga_rle"))
    make("tga", "rgba_rle.tga", "pillow", save(rgba, format="TGA", compression="tga_rle"))
    make("tga", "grey.tga", "imagemagick", lambda t: run(CONVERT, src_png, "-colorspace", "gray", "tga:" + t))
    make("tga", "palette.tga", "pillow", save(src.quantize(100), format="TGA"))
    # ICO and CUR
    make("ico", "icon.ico", "pillow", save(rgba, format="ICO", sizes=[(16, 16), (32, 32), (64, 64)]))

    def cur(t):
        buf = io.BytesIO()
        rgba.resize((48, 48)).save(buf, format="ICO", sizes=[(48, 48)], bitmap_format="bmp")
        b = bytearray(buf.getvalue())
        b[2] = 2  # type 2: cursor; the planes and bit count fields become a hotspot
        struct.pack_into("<HH", b, 6 + 4, 3, 5)
        open(t, "wb").write(bytes(b))
    make("ico", "cursor.cur", "pillow+patch", cur)
    # PSD (ImageMagick writes the composite image Pillow and we read)
    make("psd", "rgb.psd", "imagemagick", lambda t: run(CONVERT, src_png, "psd:" + t))
    make("psd", "rgba.psd", "imagemagick", lambda t: run(CONVERT, rgba_png, "psd:" + t))
    make("psd", "cmyk.psd", "imagemagick", lambda t: run(CONVERT, src_png, "-colorspace", "CMYK", "psd:" + t))
    make("psd", "grey.psd", "imagemagick", lambda t: run(CONVERT, src_png, "-colorspace", "gray", "psd:" + t))
    make("psd", "rgb16.psd", "imagemagick", lambda t: run(CONVERT, src_png, "-depth", "16", "psd:" + t))
    # netpbm
    make("pnm", "raw.ppm", "pillow", save(src, format="PPM"))
    make("pnm", "raw.pgm", "pillow", save(src.convert("L"), format="PPM"))
    make("pnm", "raw.pbm", "pillow", save(src.convert("1"), format="PPM"))
    make("pnm", "plain.ppm", "imagemagick", lambda t: run(CONVERT, src_png, "-compress", "none", "ppm:" + t))
    make("pnm", "plain.pgm", "imagemagick", lambda t: run(CONVERT, src_png, "-compress", "none", "pgm:" + t))
    make("pnm", "plain.pbm", "imagemagick", lambda t: run(CONVERT, src_png, "-compress", "none", "pbm:" + t))
    make("pnm", "rgba.pam", "imagemagick", lambda t: run(CONVERT, rgba_png, "pam:" + t))
    make("pnm", "grey16.pgm", "pillow", save(Image.fromarray(np.asarray(src.convert("L")).astype("u2") * 257), format="PPM"))
    # QOI
    make("qoi", "rgb.qoi", "pillow", save(src, format="QOI"))
    make("qoi", "rgba.qoi", "pillow", save(rgba, format="QOI"))
    # DDS
    for fmt in ("DXT1", "DXT3", "DXT5"):
        make("dds", f"{fmt.lower()}.dds", "pillow", save(rgba, format="DDS", pixel_format=fmt))
    make("dds", "rgba.dds", "pillow", save(rgba, format="DDS"))
    make("dds", "rgb.dds", "pillow", save(src, format="DDS"))
    # JPEG 2000
    make("jp2", "opj.jp2", "opj_compress", lambda t: run("opj_compress", "-i", src_png, "-o", t + ".jp2") or os.replace(t + ".jp2", t))
    make("jp2", "opj.j2k", "opj_compress", lambda t: run("opj_compress", "-i", src_png, "-o", t + ".j2k") or os.replace(t + ".j2k", t))
    make("jp2", "pillow_rgba.jp2", "pillow", save(rgba, format="JPEG2000"))
    make("jp2", "pillow_grey.j2k", "pillow", save(src.convert("L"), format="JPEG2000", no_jp2=True))
    # AVIF
    make("avif", "yuv420.avif", "avifenc", lambda t: run("avifenc", "-s", "8", src_png, t))
    make("avif", "yuv444.avif", "avifenc", lambda t: run("avifenc", "-s", "8", "-y", "444", src_png, t))
    make("avif", "10bit.avif", "avifenc", lambda t: run("avifenc", "-s", "8", "-d", "10", src_png, t))
    make("avif", "alpha.avif", "avifenc", lambda t: run("avifenc", "-s", "8", rgba_png, t))
    make("avif", "limited_range.avif", "avifenc", lambda t: run("avifenc", "-s", "8", "-r", "limited", src_png, t))
    make("avif", "pillow.avif", "pillow", save(src, format="AVIF", quality=80))
    big_png = write_png(source(1600, 1200, 42), "avif_big.png") if not os.path.exists(path(".src", "avif_big.png")) else path(".src", "avif_big.png")
    make("avif", "grid.avif", "avifenc", lambda t: run("avifenc", "-s", "9", "--grid", "2x2", big_png, t))
    # HEIC
    make("heic", "heif_enc.heic", "heif-enc", lambda t: run("heif-enc", "-q", "80", "-o", t, src_png))
    make("heic", "alpha.heic", "heif-enc", lambda t: run("heif-enc", "-q", "80", "-o", t, rgba_png))
    if pillow_heif is not None:
        make("heic", "pillow_heif.heic", "pillow-heif", save(src, format="HEIF", quality=80))
    # 16-bit grey
    ramp = np.tile(np.linspace(0, 65535, 256).astype("u2"), (96, 1))
    make("grey16", "ramp.png", "pillow", save(Image.fromarray(ramp), format="PNG"))
    make("grey16", "ramp.tif", "pillow", save(Image.fromarray(ramp), format="TIFF"))
    photo16 = (np.asarray(src.convert("L")).astype("u2") * 257)
    make("grey16", "photo.png", "pillow", save(Image.fromarray(photo16), format="PNG"))


def truth(rel, cls, tool):
    p = os.path.join(ROOT, rel)
    e = {"path": rel, "class": cls, "tool": tool}
    try:
        im = Image.open(p)
        e["pillow_format"] = im.format
        im.load()
        up = ImageOps.exif_transpose(im)
        e["decodable"] = True
        e["width"], e["height"] = up.size
        e["stored_width"], e["stored_height"] = im.size
        e["mode"] = im.mode
        if cls == "orientation":
            # Where the red block of the stored top-left corner is after Pillow's transpose.
            rgb = np.asarray(up.convert("RGB")).astype(int)
            h, w = rgb.shape[:2]
            corners = [rgb[: h // 8, : w // 8], rgb[: h // 8, -w // 8:], rgb[-h // 8:, -w // 8:], rgb[-h // 8:, : w // 8]]
            redness = [float((c[..., 0] - c[..., 1]).mean()) for c in corners]
            e["red_corner"] = int(np.argmax(redness))
    except Exception as ex:
        e["decodable"] = False
        e["error"] = f"{type(ex).__name__}: {str(ex)[:120]}"
    return e


def main():
    tiffs()
    orientations()
    bmps()
    formats()
    with open(os.path.join(ROOT, "manifest.jsonl"), "w") as f:
        for rel, cls, tool in ENTRIES:
            f.write(json.dumps(truth(rel, cls, tool)) + "\n")


main()
