"""Archive and office files a phone sends that no installed tool writes: RAR 4 and 5 (stored
entries), legacy Office (OLE compound files), OpenDocument and Office Open XML."""

import io
import struct
import zipfile
import zlib

FIXED_DATE = (2000, 1, 1, 0, 0, 0)


# --------------------------------------------------------------------------- RAR

def _dos_time(y, mo, d, h, mi, s):
    return ((y - 1980) << 25) | (mo << 21) | (d << 16) | (h << 11) | (mi << 5) | (s // 2)


def rar4(name: str, data: bytes) -> bytes:
    """A RAR 1.5-4.x archive with one stored file (marker, archive, file and end blocks, each
    with its CRC)."""
    def block(kind, flags, body, add=b""):
        head = struct.pack("<BHH", kind, flags, 7 + len(body)) + body
        return struct.pack("<H", zlib.crc32(head) & 0xFFFF) + head + add

    marker = b"Rar!\x1a\x07\x00"
    archive = block(0x73, 0, struct.pack("<HI", 0, 0))
    fname = name.encode()
    file_body = struct.pack("<IIBIIBBHI", len(data), len(data), 3, zlib.crc32(data),
                            _dos_time(*FIXED_DATE), 20, 0x30, len(fname), 0o100644 << 16) + fname
    file_block = block(0x74, 0x8000, file_body, data)
    end = block(0x7B, 0x4000, b"")
    return marker + archive + file_block + end


def _vint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def rar5(name: str, data: bytes) -> bytes:
    """A RAR 5 archive with one stored file (main, file and end-of-archive headers)."""
    def header(kind, flags, fields, extra_data=None):
        body = _vint(kind) + _vint(flags)
        if extra_data is not None:
            body += _vint(extra_data)
        body += fields
        sized = _vint(len(body)) + body
        return struct.pack("<I", zlib.crc32(sized)) + sized

    main = header(1, 0, _vint(0))
    fname = name.encode()
    # File flags: 0x0004 data CRC present. Compression info 0: version 0, method 0 (store).
    fields = (_vint(0x0004) + _vint(len(data)) + _vint(0o100644)
              + struct.pack("<I", zlib.crc32(data)) + _vint(0) + _vint(1) + _vint(len(fname))
              + fname)
    file_header = header(2, 0x0002, fields, extra_data=len(data)) + data
    end = header(5, 0, _vint(0))
    return b"Rar!\x1a\x07\x01\x00" + main + file_header + end


# --------------------------------------------------------------------------- OLE / CFB

FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def cfb(streams, root_clsid=bytes(16)) -> bytes:
    """A compound file (MS-CFB version 3, 512-byte sectors) holding `streams` (name -> bytes)
    in the root storage. Streams are padded to 4096 bytes so none lives in the mini stream."""
    names = list(streams)
    data = [streams[n] + b"\0" * max(0, 4096 - len(streams[n])) for n in names]
    sectors = []
    starts = []
    for d in data:
        starts.append(len(sectors))
        for i in range(0, len(d), 512):
            sectors.append(d[i:i + 512].ljust(512, b"\0"))
    dir_entries = 1 + len(names)
    dir_sectors = -(-dir_entries * 128 // 512)
    dir_start = len(sectors)
    fat_start = dir_start + dir_sectors
    total = fat_start + 1
    assert total <= 128, "one FAT sector maps 128 sectors"
    fat = [FREE] * 128
    for s, d in zip(starts, data):
        n = len(d) // 512
        for i in range(n):
            fat[s + i] = s + i + 1 if i + 1 < n else END
    for i in range(dir_sectors):
        fat[dir_start + i] = dir_start + i + 1 if i + 1 < dir_sectors else END
    fat[fat_start] = FATSECT

    def entry(name, kind, child, right, start, size, clsid=bytes(16)):
        units = name.encode("utf-16-le") + b"\0\0"
        return (units.ljust(64, b"\0") + struct.pack("<HBB", len(units), kind, 1)
                + struct.pack("<III", FREE, right, child) + clsid + struct.pack("<I", 0)
                + bytes(16) + struct.pack("<IQ", start, size))

    # Siblings as a chain of right links in the order CFB compares names (length, then
    # upper-case code units): a valid, if unbalanced, tree.
    order = sorted(range(len(names)), key=lambda i: (len(names[i]), names[i].upper()))
    ids = {i: n + 1 for n, i in enumerate(order)}
    directory = entry("Root Entry", 5, ids[order[0]] if names else FREE, FREE, END, 0, root_clsid)
    for n, i in enumerate(order):
        right = ids[order[n + 1]] if n + 1 < len(order) else FREE
        directory += entry(names[i], 2, FREE, right, starts[i], len(data[i]))
    directory = directory.ljust(dir_sectors * 512, b"\0")
    # Unused entries are empty (type 0) with free links.
    blank = entry("", 0, FREE, FREE, 0, 0)
    blank = b"\0" * 64 + blank[64:]
    filled = dir_entries * 128
    directory = directory[:filled] + blank * ((len(directory) - filled) // 128)
    header = (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(16)
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<IIIIIIIII", 0, 1, dir_start, 0, 4096, END, 0, END, 0)
              + struct.pack("<I", fat_start) + struct.pack("<I", FREE) * 108)
    assert len(header) == 512
    body = b"".join(sectors) + directory + b"".join(struct.pack("<I", f) for f in fat)
    return header + body


def summary_information(app_name: str) -> bytes:
    """A `\\x05SummaryInformation` property set naming the application (PIDSI_APPNAME)."""
    fmtid = bytes.fromhex("E0859FF2F94F6810AB9108002B27B3D9")
    value = app_name.encode("cp1252") + b"\0"
    value = value.ljust((len(value) + 3) & ~3, b"\0")
    prop = struct.pack("<II", 30, len(app_name) + 1) + value  # VT_LPSTR
    section = struct.pack("<II", 8 + 8 + len(prop), 1) + struct.pack("<II", 18, 16) + prop
    head = struct.pack("<HHI", 0xFFFE, 0, 0x00020006) + bytes(16) + struct.pack("<I", 1)
    return head + fmtid + struct.pack("<I", len(head) + 20) + section


def word97() -> bytes:
    fib = struct.pack("<HH", 0xA5EC, 0x00C1) + bytes(508)
    return cfb({"WordDocument": fib, "1Table": bytes(512),
                "\x05SummaryInformation": summary_information("Microsoft Office Word")})


def excel97() -> bytes:
    bof = struct.pack("<HHHH", 0x0809, 8, 0x0600, 0x0005) + bytes(4)
    return cfb({"Workbook": bof + struct.pack("<HH", 0x000A, 0),
                "\x05SummaryInformation": summary_information("Microsoft Excel")})


def powerpoint97() -> bytes:
    return cfb({"PowerPoint Document": bytes(64), "Current User": bytes(64),
                "\x05SummaryInformation": summary_information("Microsoft Office PowerPoint")})


# --------------------------------------------------------------------------- ODF / OOXML

def _zip(entries, first_stored=None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, body in entries:
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.compress_type = zipfile.ZIP_STORED if name == first_stored \
                else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, body)
    return buf.getvalue()


def odf(mime: str, root: str) -> bytes:
    """An OpenDocument package: a stored `mimetype` first, then content, styles, manifest."""
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2"')
    body = {"text": "<office:text><text:p>Hello</text:p></office:text>",
            "spreadsheet": "<office:spreadsheet><table:table table:name=\"S\"/>"
                           "</office:spreadsheet>",
            "presentation": "<office:presentation/>"}[root]
    content = f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}>' \
              f"<office:body>{body}</office:body></office:document-content>"
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mime}"/>'
                '<manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>')
    styles = f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ns}/>'
    return _zip([("mimetype", mime), ("content.xml", content), ("styles.xml", styles),
                 ("META-INF/manifest.xml", manifest)], first_stored="mimetype")


def ooxml(kind: str) -> bytes:
    """A minimal Office Open XML package (`word`, `xl` or `ppt`), entries in Office's order."""
    main = {"word": ("word/document.xml", "application/vnd.openxmlformats-officedocument."
                     "wordprocessingml.document.main+xml",
                     '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                     '2006/main"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body>'
                     '</w:document>'),
            "xl": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument."
                   "spreadsheetml.sheet.main+xml",
                   '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   '<sheets/></workbook>'),
            "ppt": ("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument."
                    "presentationml.presentation.main+xml",
                    '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/'
                    '2006/main"/>')}[kind]
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://'
             'schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
             'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             f'<Override PartName="/{main[0]}" ContentType="{main[1]}"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns='
            '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/officeDocument" Target="{main[0]}"/></Relationships>')
    return _zip([("[Content_Types].xml", types), ("_rels/.rels", rels), (main[0], main[2])])
