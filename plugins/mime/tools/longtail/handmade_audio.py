"""Audio formats no installed tool writes, built to their specifications.

DSF and DSDIFF carry real DSD (a first-order sigma-delta modulation of a tone); ADIF carries
the real AAC raw data blocks of an ffmpeg ADTS stream; APE and TAK have exact headers (read
back by ffprobe) over frames of seeded noise, as no encoder for them is packaged.
"""

import math
import random
import struct


def dsd_bits(seconds: float, rate=2_822_400, freq=1000.0) -> bytes:
    """One channel of DSD: a sigma-delta modulated sine, bits MSB first (DSDIFF order)."""
    n = int(seconds * rate) // 8 * 8
    out = bytearray(n // 8)
    acc = 0.0
    for i in range(n):
        x = 0.5 * math.sin(2 * math.pi * freq * i / rate)
        bit = 1 if acc >= 0 else 0
        acc += x - (1.0 if bit else -1.0)
        if bit:
            out[i // 8] |= 0x80 >> (i % 8)
    return bytes(out)


def _reverse_bits(data: bytes) -> bytes:
    table = bytes(int(f"{b:08b}"[::-1], 2) for b in range(256))
    return data.translate(table)


def dsf(channels=2, seconds=0.02) -> bytes:
    """A Sony DSF file (DSD Stream File 1.01): DSD64, 4096-byte blocks per channel, LSB first."""
    block = 4096
    chans = [_reverse_bits(dsd_bits(seconds, freq=1000.0 * (c + 1))) for c in range(channels)]
    per_channel = len(chans[0])
    blocks = -(-per_channel // block)
    data = bytearray()
    for b in range(blocks):
        for c in chans:
            part = c[b * block:(b + 1) * block]
            data += part + b"\0" * (block - len(part))
    fmt = b"fmt " + struct.pack("<QIIIIIIQII", 52, 1, 0, 2 if channels == 2 else 1, channels,
                                2_822_400, 1, per_channel * 8, block, 0)
    data_chunk = b"data" + struct.pack("<Q", 12 + len(data)) + bytes(data)
    total = 28 + len(fmt) + len(data_chunk)
    return b"DSD " + struct.pack("<QQQ", 28, total, 0) + fmt + data_chunk


def dsdiff(channels=2, seconds=0.02) -> bytes:
    """A Philips DSDIFF 1.5 (.dff) file: FVER, PROP (FS, CHNL, CMPR), DSD sound data."""
    def chunk(ck_id, body):
        pad = b"\0" if len(body) % 2 else b""
        return ck_id + struct.pack(">Q", len(body)) + body + pad

    chans = [dsd_bits(seconds, freq=1000.0 * (c + 1)) for c in range(channels)]
    interleaved = bytes(b for frame in zip(*chans) for b in frame)
    ids = [b"SLFT", b"SRGT"][:channels] if channels <= 2 else [b"C%03d" % i for i in
                                                                 range(channels)]
    prop = b"SND " + chunk(b"FS  ", struct.pack(">I", 2_822_400)) \
        + chunk(b"CHNL", struct.pack(">H", channels) + b"".join(ids)) \
        + chunk(b"CMPR", b"DSD " + bytes([14]) + b"not compressed" + b"\0")
    body = b"DSD " + chunk(b"FVER", struct.pack(">I", 0x01050000)) + chunk(b"PROP", prop) \
        + chunk(b"DSD ", interleaved)
    return b"FRM8" + struct.pack(">Q", len(body)) + body


def adif_from_adts(adts: bytes, rate_index: int, channels: int, bitrate: int) -> bytes:
    """ADIF AAC: the ADIF header (ISO 14496-3 1.A.2) with a program config element, then
    the raw data blocks of an ADTS stream with its frame headers removed."""
    blocks = bytearray()
    at = 0
    while at + 7 <= len(adts) and adts[at] == 0xFF and adts[at + 1] & 0xF0 == 0xF0:
        protection_absent = adts[at + 1] & 1
        length = ((adts[at + 3] & 3) << 11) | (adts[at + 4] << 3) | (adts[at + 5] >> 5)
        header = 7 if protection_absent else 9
        blocks += adts[at + header:at + length]
        at += length
    bits = []

    def put(value, n):
        bits.extend((value >> (n - 1 - i)) & 1 for i in range(n))

    put(0, 1)  # copyright_id_present
    put(0, 1)  # original_copy
    put(0, 1)  # home
    put(1, 1)  # bitstream_type: variable rate
    put(bitrate, 23)
    put(0, 4)  # num_program_config_elements - 1
    # (variable rate: no adif_buffer_fullness)
    put(0, 4)  # element_instance_tag
    put(1, 2)  # object_type: AAC LC
    put(rate_index, 4)
    put(1, 4)  # num_front_channel_elements
    put(0, 4)  # num_side_channel_elements
    put(0, 4)  # num_back_channel_elements
    put(0, 2)  # num_lfe_channel_elements
    put(0, 3)  # num_assoc_data_elements
    put(0, 4)  # num_valid_cc_elements
    put(0, 1)  # mono_mixdown_present
    put(0, 1)  # stereo_mixdown_present
    put(0, 1)  # matrix_mixdown_idx_present
    put(1 if channels == 2 else 0, 1)  # front_element_is_cpe
    put(0, 4)  # front_element_tag_select
    while len(bits) % 8:
        bits.append(0)  # byte_alignment
    put(0, 8)  # comment_field_bytes
    header = bytes(int("".join(map(str, bits[i:i + 8])), 2) for i in range(0, len(bits), 8))
    return b"ADIF" + header + bytes(blocks)


def ape(channels=2, rate=44100, bits=16, frames=3, seed=5) -> bytes:
    """A Monkey's Audio 3.99 file: descriptor, header, seek table, WAV header, frames of
    seeded noise (no APE encoder is packaged)."""
    rng = random.Random(seed)
    blocks_per_frame = 73728
    final_blocks = 1000
    frame_len = 2048
    wav_header = (b"RIFF" + struct.pack("<I", 36) + b"WAVEfmt " + struct.pack(
        "<IHHIIHH", 16, 1, channels, rate, rate * channels * bits // 8, channels * bits // 8, bits)
        + b"data" + struct.pack("<I", 0))
    first = 52 + 24 + 4 * frames + len(wav_header)
    seek = b"".join(struct.pack("<I", first + i * frame_len) for i in range(frames))
    data = bytes(rng.getrandbits(8) for _ in range(frame_len * frames))
    descriptor = b"MAC " + struct.pack("<HH", 3990, 0) + struct.pack(
        "<IIIIIII", 52, 24, len(seek), len(wav_header), len(data), 0, 0) + bytes(16)
    header = struct.pack("<HHIIIHHI", 2000, 0, blocks_per_frame, final_blocks, frames, bits,
                         channels, rate)
    return descriptor + header + seek + wav_header + data


def _crc24(data: bytes, init=0xCE04B7, poly=0x864CFB) -> int:
    crc = init
    for b in data:
        crc ^= b << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= poly
        crc &= 0xFFFFFF
    return crc


def tak(channels=2, rate=44100, bits=16, samples=44100, seed=6) -> bytes:
    """A TAK file: `tBaK`, a STREAMINFO metadata block (little-endian bit fields, CRC-24),
    the end block, then frames of seeded noise behind a TAK frame sync."""
    fields = [
        (0, 6),  # codec: 0 (integer, 24-bit)
        (0, 4),  # profile
        (2, 4),  # frame duration type: 2 (=~ 94 ms)
        (samples, 35),
        (0, 3),  # data type: PCM
        (rate - 6000, 18),
        (bits - 8, 5),
        (channels - 1, 4),
        (0, 1),  # no channel layout
    ]
    value = 0
    shift = 0
    for v, n in fields:
        value |= v << shift
        shift += n
    info = value.to_bytes((shift + 7) // 8, "little")
    block = info + _crc24(info).to_bytes(3, "big")
    meta = bytes([1]) + len(block).to_bytes(3, "little") + block
    rng = random.Random(seed)
    frames = b"\xff\xa0" + bytes(rng.getrandbits(8) for _ in range(4096))
    return b"tBaK" + meta + bytes([0]) + (0).to_bytes(3, "little") + frames
