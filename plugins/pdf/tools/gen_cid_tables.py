#!/usr/bin/env python3
"""Regenerates src/extract/cid/*.bin: CID -> Unicode (BMP, u16 little-endian, 0 = none) for the
Adobe-Japan1, -GB1, -CNS1 and -Korea1 character collections, by inverting Adobe's
Uni*-UTF16-H CMaps (BSD-3-Clause, Copyright 1990-2022 Adobe; see src/extract/cid/NOTICE).

    apt-get install -y poppler-data && python3 tools/gen_cid_tables.py
"""
import os, re, struct

SRC = "/usr/share/poppler/cMap"
OUT = os.path.join(os.path.dirname(__file__), "..", "src", "extract", "cid")
for name, path in [("japan1", "Adobe-Japan1/UniJIS-UTF16-H"), ("gb1", "Adobe-GB1/UniGB-UTF16-H"),
                   ("cns1", "Adobe-CNS1/UniCNS-UTF16-H"), ("korea1", "Adobe-Korea1/UniKS-UTF16-H")]:
    text = open(os.path.join(SRC, path), encoding="latin-1").read()
    table = {}
    def rank(u):
        # Prefer unified ideographs and ordinary characters over radicals and compatibility forms.
        return 1 if 0x2E80 <= u <= 0x2FDF or 0xF900 <= u <= 0xFAFF or 0x3200 <= u <= 0x33FF else 0
    def put(cid, u):
        old = table.get(cid)
        if old is None or rank(u) < rank(old):
            table[cid] = u
    def char(h):
        s = bytes.fromhex(h).decode("utf-16-be", "replace")
        return ord(s) if len(s) == 1 and ord(s) <= 0xFFFF else None
    for sec in re.findall(r"begincidrange(.*?)endcidrange", text, re.S):
        for lo, hi, cid in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\d+)", sec):
            a, b = char(lo), char(hi)
            if a is None or b is None:
                continue
            for i in range(b - a + 1):
                put(int(cid) + i, a + i)
    for sec in re.findall(r"begincidchar(.*?)endcidchar", text, re.S):
        for u, cid in re.findall(r"<([0-9a-fA-F]+)>\s*(\d+)", sec):
            a = char(u)
            if a is not None:
                put(int(cid), a)
    size = max(table) + 1
    with open(os.path.join(OUT, name + ".bin"), "wb") as f:
        f.write(b"".join(struct.pack("<H", table.get(c, 0)) for c in range(size)))
    print(name, size, len(table))
