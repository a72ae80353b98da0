"""A tiny PDF writer for hand-made test files: numbered objects, streams (optionally
Flate-compressed), a classic xref table and a trailer with a fixed /ID (or none)."""
import zlib


class Raw(bytes):
    """Bytes written verbatim (already PDF syntax)."""


def pdf_str(b):
    """A literal string with (, ) and \\ escaped; bytes in, bytes out."""
    if isinstance(b, str):
        b = b.encode("latin-1")
    out = bytearray(b"(")
    for c in b:
        if c in b"()\\":
            out += b"\\" + bytes([c])
        elif c < 32 or c > 126:
            out += b"\\%03o" % c
        else:
            out.append(c)
    return bytes(out + b")")


def hexs(b):
    return b"<" + b.hex().upper().encode() + b">"


class Doc:
    def __init__(self, version="1.4"):
        self.version = version
        self.objects = []  # bytes bodies; index i is object i + 1
        self.pages = []
        self.catalog_extra = b""
        self.trailer_extra = b""
        self.file_id = b"<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>"
        self.info = b"<< /Producer (pipes-media longtail) /CreationDate (D:20240101000000Z) >>"
        self.encrypt = None  # callable(objnum, gen, bytes) -> bytes, for strings and streams
        self.encrypt_dict = None
        self._pages_num = self.reserve()
        self._catalog_num = self.reserve()

    def reserve(self):
        self.objects.append(None)
        return len(self.objects)

    def add(self, body, num=None):
        if isinstance(body, str):
            body = body.encode("latin-1")
        if num is None:
            num = self.reserve()
        self.objects[num - 1] = body
        return num

    def stream(self, data, dict_extra=b"", compress=True, num=None):
        if isinstance(data, str):
            data = data.encode("latin-1")
        if isinstance(dict_extra, str):
            dict_extra = dict_extra.encode("latin-1")
        if compress:
            data = zlib.compress(data, 9)
            dict_extra = b"/Filter /FlateDecode " + dict_extra
        return self.add(("stream", dict_extra, data), num)

    def page(self, content, resources, extra=b"", media=(0, 0, 612, 792), compress=True):
        if isinstance(resources, str):
            resources = resources.encode("latin-1")
        if isinstance(extra, str):
            extra = extra.encode("latin-1")
        c = self.stream(content, compress=compress)
        num = self.reserve()
        box = " ".join(str(v) for v in media).encode()
        self.add(b"<< /Type /Page /Parent %d 0 R /MediaBox [%s] /Contents %d 0 R /Resources %s %s >>"
                 % (self._pages_num, box, c, resources, extra), num)
        self.pages.append(num)
        return num

    def build(self):
        kids = b" ".join(b"%d 0 R" % p for p in self.pages)
        self.add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(self.pages)), self._pages_num)
        self.add(b"<< /Type /Catalog /Pages %d 0 R %s >>" % (self._pages_num, self.catalog_extra), self._catalog_num)
        info = self.add(self.info)
        enc = self.add(self.encrypt_dict) if self.encrypt_dict else None
        out = bytearray(b"%%PDF-%s\n%%\xe2\xe3\xcf\xd3\n" % self.version.encode())
        offsets = []
        for i, body in enumerate(self.objects):
            num = i + 1
            offsets.append(len(out))
            out += b"%d 0 obj\n" % num
            if isinstance(body, tuple):
                _, extra, data = body
                if self.encrypt and num != enc:
                    data = self.encrypt(num, 0, data)
                out += b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"
            else:
                if self.encrypt and num != enc:
                    body = self.encrypt_strings(num, body)
                out += body
            out += b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1)
        for o in offsets:
            out += b"%010d 00000 n \n" % o
        trailer = b"/Size %d /Root %d 0 R /Info %d 0 R" % (len(self.objects) + 1, self._catalog_num, info)
        if self.file_id:
            trailer += b" /ID [" + self.file_id + b"]"
        if enc:
            trailer += b" /Encrypt %d 0 R" % enc
        out += b"trailer\n<< " + trailer + b" " + self.trailer_extra + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
        return bytes(out)

    def encrypt_strings(self, num, body):
        """Encrypts the hex strings (<...>) of an object body; literal strings must not be used
        in encrypted documents made with this writer."""
        out = bytearray()
        i = 0
        while i < len(body):
            c = body[i:i + 1]
            if c == b"<" and body[i + 1:i + 2] != b"<":
                j = body.index(b">", i)
                raw = bytes.fromhex(body[i + 1:j].decode())
                out += hexs(self.encrypt(num, 0, raw))
                i = j + 1
            elif c == b"<":
                out += b"<<"
                i += 2
            else:
                out += c
                i += 1
        return bytes(out)
