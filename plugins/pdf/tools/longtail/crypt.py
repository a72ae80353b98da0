"""The PDF standard security handler (ISO 32000-1 7.6.3, algorithms 1-5) in plain Python, to
write encrypted test files the way old producers did, e.g. without a trailer /ID (the key is
then derived with an empty ID, as Acrobat and poppler read such files). RC4 is implemented
here; AES-128 (V4/AESV2) uses the `openssl` command line tool."""
import hashlib
import struct
import subprocess

PAD = bytes([0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA,
             0x01, 0x08, 0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE,
             0x64, 0x53, 0x69, 0x7A])


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 0xFF
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for b in data:
        i = (i + 1) & 0xFF
        j = (j + s[i]) & 0xFF
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) & 0xFF])
    return bytes(out)


def padded(password):
    return (password + PAD)[:32]


class Standard:
    """Keys and /Encrypt dictionary of one document: revision 2 (40-bit RC4), 3 (128-bit RC4)
    or 4 (128-bit AES)."""

    def __init__(self, revision, user=b"", owner=b"owner", file_id=b"", permissions=-4):
        self.revision = revision
        self.n = 5 if revision == 2 else 16
        self.p = permissions
        self.file_id = file_id
        self.aes = revision == 4
        # Algorithm 3: the O entry.
        h = hashlib.md5(padded(owner)).digest()
        if revision >= 3:
            for _ in range(50):
                h = hashlib.md5(h[:self.n]).digest()
        okey = h[:self.n]
        o = rc4(okey, padded(user))
        if revision >= 3:
            for i in range(1, 20):
                o = rc4(bytes(b ^ i for b in okey), o)
        self.o = o
        # Algorithm 2: the file key.
        h = hashlib.md5(padded(user) + self.o + struct.pack("<i", self.p) + file_id).digest()
        if revision >= 3:
            for _ in range(50):
                h = hashlib.md5(h[:self.n]).digest()
        self.key = h[:self.n]
        # Algorithms 4 and 5: the U entry.
        if revision == 2:
            self.u = rc4(self.key, PAD)
        else:
            u = rc4(self.key, hashlib.md5(PAD + file_id).digest())
            for i in range(1, 20):
                u = rc4(bytes(b ^ i for b in self.key), u)
            self.u = u + bytes(16)

    def object_key(self, num, gen):
        salt = b"sAlT" if self.aes else b""
        h = hashlib.md5(self.key + struct.pack("<i", num)[:3] + struct.pack("<i", gen)[:2] + salt).digest()
        return h[:min(self.n + 5, 16)]

    def encrypt(self, num, gen, data):
        key = self.object_key(num, gen)
        if not self.aes:
            return rc4(key, data)
        # A fixed IV per object keeps the output deterministic.
        iv = hashlib.md5(b"iv" + struct.pack("<ii", num, gen)).digest()
        out = subprocess.run(["openssl", "enc", "-aes-128-cbc", "-K", key.hex(), "-iv", iv.hex()],
                             input=data, capture_output=True, check=True).stdout
        return iv + out

    def dictionary(self):
        hexs = lambda b: b"<" + b.hex().upper().encode() + b">"
        if self.aes:
            return (b"<< /Filter /Standard /V 4 /R 4 /Length 128 /CF << /StdCF << /CFM /AESV2 "
                    b"/AuthEvent /DocOpen /Length 16 >> >> /StmF /StdCF /StrF /StdCF /O %s /U %s /P %d >>"
                    % (hexs(self.o), hexs(self.u), self.p))
        v = 1 if self.revision == 2 else 2
        return (b"<< /Filter /Standard /V %d /R %d /Length %d /O %s /U %s /P %d >>"
                % (v, self.revision, self.n * 8, hexs(self.o), hexs(self.u), self.p))
