#!/usr/bin/env python3
"""Regenerates the CID tables in src/extract/cid/ from Adobe's CMap resources (BSD-3-Clause,
Copyright 1990-2023 Adobe; see src/extract/cid/NOTICE), as Debian's poppler-data ships them:

    apt-get install -y poppler-data && /usr/bin/python3 tools/gen_cid_tables.py

Writes, deterministically:
- `<collection>.bin`: CID -> Unicode of the Adobe-Japan1, -GB1, -CNS1 and -Korea1 character
  collections, one little-endian u16 per CID (0 = none, 0xFFFF = outside the BMP, see
  `<collection>-sup.bin`), from the collections' own `Adobe-*-UCS2` CMaps. A CID that maps
  to a sequence keeps its first character (variation selectors and enclosing marks dropped).
- `<collection>-sup.bin`: the CIDs that map outside the BMP, sorted: (cid u16, char u32) each.
- `codes16.bin`, `codes32.bin`: code -> CID ranges of the predefined CJK CMaps of ISO 32000-1
  table 118 (those not named Uni…: their codes are Unicode already), `usecmap` resolved. A CMap
  is stored as the ranges in which it differs from another one (its base, often its -H twin),
  so the 44 CMaps take about 60 KB. Records are sorted by code: 1- and 2-byte codes as
  (first u16, last u16, cid u16), 3- and 4-byte codes as (first u32, last u32, cid u16).
- `tables.rs`: the index (name, collection, writing mode, code space, record spans, base).
"""
import os
import re
import struct

SRC = "/usr/share/poppler/cMap"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "extract", "cid")
COLLECTIONS = [("Japan1", "japan1"), ("GB1", "gb1"), ("CNS1", "cns1"), ("Korea1", "korea1")]
# ISO 32000-1 table 118, the non-Unicode CMaps (H and V).
PREDEFINED = {
    "GB1": ["GB-EUC-H", "GB-EUC-V", "GBpc-EUC-H", "GBpc-EUC-V", "GBK-EUC-H", "GBK-EUC-V",
            "GBKp-EUC-H", "GBKp-EUC-V", "GBK2K-H", "GBK2K-V"],
    "CNS1": ["B5pc-H", "B5pc-V", "HKscs-B5-H", "HKscs-B5-V", "ETen-B5-H", "ETen-B5-V",
             "ETenms-B5-H", "ETenms-B5-V", "CNS-EUC-H", "CNS-EUC-V"],
    "Japan1": ["83pv-RKSJ-H", "90ms-RKSJ-H", "90ms-RKSJ-V", "90msp-RKSJ-H", "90msp-RKSJ-V",
               "90pv-RKSJ-H", "Add-RKSJ-H", "Add-RKSJ-V", "EUC-H", "EUC-V", "Ext-RKSJ-H",
               "Ext-RKSJ-V", "H", "V"],
    "Korea1": ["KSC-EUC-H", "KSC-EUC-V", "KSCms-UHC-H", "KSCms-UHC-V", "KSCms-UHC-HW-H",
               "KSCms-UHC-HW-V", "KSCpc-EUC-H"],
}


def read(collection, name):
    return open(os.path.join(SRC, "Adobe-" + collection, name), encoding="latin-1").read()


def first_char(hexstr):
    s = bytes.fromhex(hexstr).decode("utf-16-be", "replace")
    for c in s:
        o = ord(c)
        if 0xFE00 <= o <= 0xFE0F or 0xE0100 <= o <= 0xE01EF or 0x20DD <= o <= 0x20E4:
            continue
        return o
    return None


def cid_to_unicode(collection):
    text = read(collection, "Adobe-%s-UCS2" % collection)
    table = {}
    for sec in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for cid, u in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", sec):
            table[int(cid, 16)] = first_char(u)
    for sec in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])", sec):
            lo, hi = int(lo, 16), int(hi, 16)
            if dst.startswith("["):
                for i, u in enumerate(re.findall(r"<([0-9a-fA-F]+)>", dst)):
                    table[lo + i] = first_char(u)
            else:
                raw = bytes.fromhex(dst[1:-1])
                base = int.from_bytes(raw[-2:], "big")
                for i in range(hi - lo + 1):
                    table[lo + i] = first_char((raw[:-2] + (base + i).to_bytes(2, "big")).hex())
    table = {cid: u for cid, u in table.items() if u and u != 0xFFFD and cid > 0}
    return table


def parse_cmap(collection, name):
    """(codespace [(n, lo, hi)], {(n, code): cid}, wmode) with usecmap resolved."""
    text = read(collection, name)
    mapping, space, wmode = {}, [], 0
    used = re.search(r"/([\w-]+)\s+usecmap", text)
    if used:
        space, mapping, wmode = parse_cmap(collection, used.group(1))
        space = list(space)
    m = re.search(r"/WMode\s+(\d)", text)
    if m:
        wmode = int(m.group(1))
    for sec in re.findall(r"begincodespacerange(.*?)endcodespacerange", text, re.S):
        space = []
        for lo, hi in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", sec):
            space.append((len(lo) // 2, int(lo, 16), int(hi, 16)))
    for sec in re.findall(r"begincidrange(.*?)endcidrange", text, re.S):
        for lo, hi, cid in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\d+)", sec):
            n, lo, hi, cid = len(lo) // 2, int(lo, 16), int(hi, 16), int(cid)
            for code in range(lo, hi + 1):
                mapping[(n, code)] = cid + code - lo
    for sec in re.findall(r"begincidchar(.*?)endcidchar", text, re.S):
        for code, cid in re.findall(r"<([0-9a-fA-F]+)>\s*(\d+)", sec):
            mapping[(len(code) // 2, int(code, 16))] = int(cid)
    return space, mapping, wmode


def ranges(mapping, base=None):
    """Runs of consecutive codes with consecutive CIDs, leaving out what `base` maps alike."""
    out = []
    for key in sorted(mapping):
        cid = mapping[key]
        if base is not None and base.get(key) == cid:
            continue
        n, code = key
        last = out[-1] if out else None
        if last and last[0] == n and last[2] == code - 1 and last[3] + code - last[1] == cid:
            last[2] = code
        else:
            out.append([n, code, code, cid])
    return out


def main():
    rust = ["// Generated by tools/gen_cid_tables.py from Adobe's CMap resources (see NOTICE).",
            "// Regenerate rather than edit by hand.", "",
            "use super::{Collection, Predefined};", ""]
    for collection, stem in COLLECTIONS:
        table = cid_to_unicode(collection)
        size = max(table) + 1
        sup = sorted((cid, u) for cid, u in table.items() if u > 0xFFFF)
        with open(os.path.join(OUT, stem + ".bin"), "wb") as f:
            for cid in range(size):
                u = table.get(cid, 0)
                f.write(struct.pack("<H", 0xFFFF if u > 0xFFFF else u))
        with open(os.path.join(OUT, stem + "-sup.bin"), "wb") as f:
            for cid, u in sup:
                f.write(struct.pack("<HI", cid, u))
        print("Adobe-%s: %d CIDs, %d mapped, %d outside the BMP" % (collection, size, len(table), len(sup)))

    codes16, codes32 = bytearray(), bytearray()
    entries = []
    for collection, _ in COLLECTIONS:
        done = {}
        for name in PREDEFINED[collection]:
            space, mapping, wmode = parse_cmap(collection, name)
            best_ranges, best_base = ranges(mapping), None
            for other, other_map in done.items():
                r = ranges(mapping, other_map)
                if len(r) < len(best_ranges):
                    best_ranges, best_base = r, other
            done[name] = mapping
            short = [r for r in best_ranges if r[0] <= 2]
            long_ = [r for r in best_ranges if r[0] > 2]
            one = [r for r in short if r[0] == 1]
            two = [r for r in short if r[0] == 2]
            spans = []
            for group, blob, fmt in ((one, codes16, "<HHH"), (two, codes16, "<HHH"), (long_, codes32, "<IIH")):
                start = len(blob) // struct.calcsize(fmt)
                for _, lo, hi, cid in group:
                    blob += struct.pack(fmt, lo, hi, cid)
                spans.append((start, len(group)))
            entries.append((name, collection, wmode, space, spans, best_base))
            print("%-16s %6d codes, %5d ranges, base %s" % (name, len(mapping), len(best_ranges), best_base))
    names = [e[0] for e in entries]
    rust.append("/// The predefined CMaps, sorted by name.")
    rust.append("pub(super) static PREDEFINED: [Predefined; %d] = [" % len(entries))
    for name, collection, wmode, space, spans, base in sorted(entries):
        space_s = ", ".join("(%d, 0x%X, 0x%X)" % s for s in space)
        base_s = "None" if base is None else "Some(%d)" % sorted(names).index(base)
        rust.append("    Predefined {")
        rust.append("        name: %s," % ('"' + name + '"'))
        rust.append("        collection: Collection::%s," % collection)
        rust.append("        vertical: %s," % ("true" if wmode else "false"))
        rust.append("        space: &[%s]," % space_s)
        rust.append("        one: (%d, %d)," % spans[0])
        rust.append("        two: (%d, %d)," % spans[1])
        rust.append("        four: (%d, %d)," % spans[2])
        rust.append("        base: %s," % base_s)
        rust.append("    },")
    rust.append("];")
    with open(os.path.join(OUT, "codes16.bin"), "wb") as f:
        f.write(codes16)
    with open(os.path.join(OUT, "codes32.bin"), "wb") as f:
        f.write(codes32)
    with open(os.path.join(OUT, "tables.rs"), "w") as f:
        f.write("\n".join(rust) + "\n")
    print("codes16.bin %d bytes, codes32.bin %d bytes" % (len(codes16), len(codes32)))


if __name__ == "__main__":
    main()
