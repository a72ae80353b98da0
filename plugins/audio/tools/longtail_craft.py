#!/usr/bin/env python3
"""Writes the long-tail files no encoder here makes, deterministically (seeded bytes):

  dsd OUT.dsf|OUT.dff   DSD64 in DSF (stereo) or DSDIFF (mono), seeded noise as the DSD bits
  ape OUT.ape           a Monkey's Audio 3.99 header, seek table and (undecodable) frames
  tak OUT.tak           a TAK header (STREAMINFO) and one (undecodable) frame
  heaac OUT.m4a         an ffmpeg AAC-LC m4a at 22.05 kHz relabelled HE-AAC (explicit SBR)
  heaacv2 OUT.m4a       the same, mono, relabelled HE-AAC v2 (SBR + parametric stereo)
  append-id3v1 IN OUT   IN with an ID3v1 tag appended
  append-apev2 IN OUT   IN with an APEv2 tag appended
"""
import random
import struct
import subprocess
import sys
import tempfile
import os


def dsf(path):
    rng = random.Random(1)
    ch, rate, block = 2, 2822400, 4096
    samples = 8 * block * 87  # whole blocks: no padding in the last one
    per_ch = samples // 8
    data = bytearray()
    for _ in range(per_ch // block):
        for _ in range(ch):
            data += bytes(rng.getrandbits(8) for _ in range(block))
    fmt = struct.pack("<4sQIIIIIIQII", b"fmt ", 52, 1, 0, 2, ch, rate, 1, samples, block, 0)
    body = fmt + struct.pack("<4sQ", b"data", 12 + len(data)) + data
    total = 28 + len(body)
    open(path, "wb").write(struct.pack("<4sQQQ", b"DSD ", 28, total, 0) + body)


def dff(path):
    rng = random.Random(2)
    rate, seconds = 2822400, 1.3
    nbytes = int(rate * seconds / 8)
    data = bytes(rng.getrandbits(8) for _ in range(nbytes))

    def chunk(cid, body):
        pad = b"\0" if len(body) % 2 else b""
        return struct.pack(">4sQ", cid, len(body)) + body + pad

    cmpr = b"DSD " + bytes([14]) + b"not compressed" + b"\0"
    prop = b"SND " + chunk(b"FS  ", struct.pack(">I", rate)) + chunk(
        b"CHNL", struct.pack(">H", 1) + b"C   ") + chunk(b"CMPR", cmpr)
    form = b"DSD " + chunk(b"FVER", struct.pack(">I", 0x01050000)) + chunk(b"PROP", prop) + chunk(
        b"DSD ", data)
    open(path, "wb").write(struct.pack(">4sQ", b"FRM8", len(form)) + form)


def ape(path):
    rng = random.Random(3)
    blocks_per_frame, final_blocks, frames, rate, ch, bps = 73728, 20000, 3, 44100, 2, 16
    frame_len = 4000
    seek = struct.pack("<" + "I" * frames, *[0] * frames)  # patched below
    wav_header = b""
    descriptor_len, header_len = 52, 24
    audio_len = frame_len * frames
    start = descriptor_len + header_len + len(seek) + len(wav_header)
    seek = struct.pack("<" + "I" * frames, *[start + i * frame_len for i in range(frames)])
    desc = struct.pack("<4sHHIIIIIII16s", b"MAC ", 3990, 0, descriptor_len, header_len, len(seek),
                       len(wav_header), audio_len, 0, 0, bytes(16))
    header = struct.pack("<HHIIIHHI", 2000, 0, blocks_per_frame, final_blocks, frames, bps, ch, rate)
    frames_data = bytes(rng.getrandbits(8) for _ in range(audio_len))
    open(path, "wb").write(desc + header + seek + frames_data)


def crc24(data):
    crc = 0xB704CE
    for b in data:
        crc ^= b << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    return crc & 0xFFFFFF


class BitsLE:
    def __init__(self):
        self.value, self.n = 0, 0

    def put(self, v, bits):
        self.value |= (v & ((1 << bits) - 1)) << self.n
        self.n += bits

    def bytes(self):
        return self.value.to_bytes((self.n + 7) // 8, "little")


def tak(path):
    rng = random.Random(4)
    rate, samples, ch, bps = 44100, 44100 * 2 + 1234, 2, 16
    b = BitsLE()
    b.put(2, 6)          # codec: TAK 2.x
    b.put(0, 4)          # profile
    b.put(2, 4)          # frame duration code (94 ms)
    b.put(samples, 35)   # samples per channel
    b.put(0, 3)          # data type: PCM
    b.put(rate - 6000, 18)
    b.put(bps - 8, 5)
    b.put(ch - 1, 4)
    b.put(0, 1)          # no channel mask
    info = b.bytes()
    block = info + crc24(info).to_bytes(3, "big")
    meta = bytes([1]) + len(block).to_bytes(3, "little") + block
    end = bytes([0, 0, 0, 0])
    frame = bytes([0xFF, 0xA0]) + bytes(rng.getrandbits(8) for _ in range(600))
    open(path, "wb").write(b"tBaK" + meta + end + frame)


def boxes(buf):
    out, at = [], 0
    while at + 8 <= len(buf):
        size, kind = struct.unpack(">I4s", buf[at:at + 8])
        out.append((kind, buf[at + 8:at + size]))
        at += size
    return out


def box(kind, body):
    return struct.pack(">I4s", len(body) + 8, kind) + body


CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl"}


def patch(kind, body, asc):
    if kind in CONTAINERS:
        return box(kind, b"".join(patch(k, b, asc) for k, b in boxes(body)))
    if kind == b"stsd":
        head, entries = body[:8], boxes(body[8:])
        return box(kind, head + b"".join(patch(k, b, asc) for k, b in entries))
    if kind == b"mp4a":
        return box(kind, body[:28] + b"".join(patch(k, b, asc) for k, b in boxes(body[28:])))
    if kind == b"esds":
        dec_specific = bytes([0x05, len(asc)]) + asc
        dec_config = bytes([0x40, 0x15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) + dec_specific
        es = struct.pack(">HB", 1, 0) + bytes([0x04, len(dec_config)]) + dec_config + bytes([0x06, 1, 2])
        return box(kind, body[:4] + bytes([0x03, len(es)]) + es)
    return box(kind, body)


def heaac(path, v2):
    with tempfile.TemporaryDirectory() as tmp:
        lc = os.path.join(tmp, "lc.m4a")
        layout = "mono" if v2 else "stereo"
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-nostdin", "-f", "lavfi", "-i",
                        f"aevalsrc=0.4*sin(2*PI*440*t):s=22050:d=1.6,aformat=channel_layouts={layout}",
                        "-c:a", "aac", "-b:a", "32k", "-fflags", "+bitexact", "-flags:a", "+bitexact",
                        "-map_metadata", "-1", lc], check=True)
        buf = open(lc, "rb").read()
    # AOT 5 (SBR) or 29 (SBR+PS), core 22050 Hz (index 7), extension 44100 Hz (index 4), then AOT 2.
    aot, chans = (29, 1) if v2 else (5, 2)
    bits = f"{aot:05b}{7:04b}{chans:04b}{4:04b}{2:05b}000"
    bits += "0" * (-len(bits) % 8)
    asc = int(bits, 2).to_bytes(len(bits) // 8, "big")
    top = boxes(buf)
    out = b""
    for kind, body in top:
        if kind == b"moov" and top.index((kind, body)) != len(top) - 1:
            raise SystemExit("moov is not last: chunk offsets would move")
        out += patch(kind, body, asc)
    open(path, "wb").write(out)


def append(kind, src, dst):
    data = open(src, "rb").read()
    if kind == "id3v1":
        tag = b"TAG" + b"longtail".ljust(30, b"\0") + bytes(30 + 30 + 4 + 30) + b"\xff"
    else:
        item = struct.pack("<II", 8, 0) + b"Title\0" + b"longtail"
        def hf(flags):
            return b"APETAGEX" + struct.pack("<IIII", 2000, len(item) + 32, 1, flags) + bytes(8)
        tag = hf(0xA0000000) + item + hf(0x80000000)
    open(dst, "wb").write(data + tag)


def main():
    cmd = sys.argv[1]
    if cmd == "dsd":
        (dsf if sys.argv[2].endswith(".dsf") else dff)(sys.argv[2])
    elif cmd == "ape":
        ape(sys.argv[2])
    elif cmd == "tak":
        tak(sys.argv[2])
    elif cmd in ("heaac", "heaacv2"):
        heaac(sys.argv[2], cmd == "heaacv2")
    elif cmd.startswith("append-"):
        append(cmd[7:], sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
