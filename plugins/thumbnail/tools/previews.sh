#!/usr/bin/env bash
# Test set for video poster frames and PDF first pages, with ground truth.
#
#   plugins/thumbnail/tools/previews.sh OUT_DIR            # the full set (~50 files, ~8 MB, ~1 min)
#   plugins/thumbnail/tools/previews.sh OUT_DIR --fixtures # the tiny set committed under
#                                                          # tests/fixtures/previews (~85 KB)
#
# - Videos from ffmpeg's testsrc2 through libx264 (Baseline, Main with B-frames, High), with
#   rotation matrices (remuxed with `-metadata:s:v:0 rotate=N`, which ffmpeg 5 turns into a
#   display matrix), moov at the start and at the end, fragmented (`frag_keyframe+empty_moov`,
#   with and without `default_base_moof`), 3GP and MOV, a 1080p stream (SPS cropping), BT.709
#   full range, an edit list that starts mid-GOP (stream copy from 0.55 s) and one with an
#   empty edit (`-itsoffset`), truncations (inside the mdat, inside the first keyframe, moov at
#   the end lost), codecs the stage does not decode (HEVC, VP9, AV1, MPEG-4 Part 2, H.263,
#   Motion JPEG) and audio-only MP4s.
# - PDFs written by the Python below (text in the base-14 fonts, a rotated and a landscape
#   page, an image page, a blank page, invisible and white-on-white text, decompression and
#   pixel bombs) plus ghostscript vector art and qpdf encryption.
# - `manifest.jsonl`: one JSON object per file: `path`, `kind` (`video`, `audio`, `pdf`),
#   `expect` (`ok`, `error`, `skip`), `code` (the error code expected), and from ffprobe /
#   pdfinfo: `width`, `height`, `rotation`, `display_width`, `display_height`, `profile`,
#   `codec`, `pages`, `page_width`, `page_height`.
#
# Deterministic (bit-exact ffmpeg flags, one x264 thread, fixed PDF bytes, ghostscript without
# dates or IDs, qpdf's AES-128 with `--static-id --static-aes-iv`: AES-256 salts are random) and
# idempotent: files that exist are kept, the
# manifest is rewritten every run. Needs ffmpeg with libx264, libx265, libvpx and libsvtav1
# (Debian's ffmpeg), ghostscript, qpdf, poppler-utils and /usr/bin/python3; missing Debian
# packages are installed with apt-get.
set -euo pipefail
export LC_ALL=C.UTF-8 TZ=UTC SOURCE_DATE_EPOCH=946684800

OUT="${1:?usage: previews.sh OUT_DIR [--fixtures]}"
MODE="${2:-full}"
mkdir -p "$OUT"
cd "$OUT"

need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  local sudo=""; [ "$(id -u)" != 0 ] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$2" >/dev/null
}
need ffmpeg ffmpeg; need ffprobe ffmpeg; need gs ghostscript; need qpdf qpdf; need pdfinfo poppler-utils

PY=/usr/bin/python3
FF=(ffmpeg -nostdin -hide_banner -loglevel error -y)
BITEXACT=(-fflags +bitexact -flags:v +bitexact -flags:a +bitexact -map_metadata -1)
X264=(-c:v libx264 -threads 1 -preset veryfast -pix_fmt yuv420p)
todo() { [ ! -s "$1" ]; }
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT

# src SIZE SECONDS -> the lavfi input arguments
src() { echo "-f lavfi -i testsrc2=size=$1:rate=30:duration=$2"; }

make_x264() { # out size seconds profile [extra ffmpeg args...]
  local out=$1 size=$2 secs=$3 profile=$4; shift 4
  todo "$out" || return 0
  # shellcheck disable=SC2046
  "${FF[@]}" $(src "$size" "$secs") "${X264[@]}" -profile:v "$profile" "$@" "${BITEXACT[@]}" "$out"
}

rotate() { # in out degrees
  todo "$2" || return 0
  "${FF[@]}" -i "$1" -c copy -metadata:s:v:0 rotate="$3" "${BITEXACT[@]}" -movflags +faststart "$2"
}

mkdir -p video pdf audio
if [ "$MODE" = "--fixtures" ]; then
  # The committed set: small enough to keep in git, enough for every test that must always run.
  make_x264 video/baseline_160x90.mp4 160x90 0.5 baseline -movflags +faststart
  make_x264 "$TMP/main.mp4" 160x90 1 main -bf 2
  if todo video/main_editlist_160x90.mp4; then
    "${FF[@]}" -ss 0.55 -i "$TMP/main.mp4" -c copy "${BITEXACT[@]}" video/main_editlist_160x90.mp4
  fi
  make_x264 "$TMP/rot.mp4" 160x96 0.5 high
  rotate "$TMP/rot.mp4" video/high_rot90_160x96.mp4 90
  make_x264 video/high_frag_160x90.mp4 160x90 0.5 high -g 8 -movflags frag_keyframe+empty_moov
  if todo video/hevc_160x90.mp4; then
    # shellcheck disable=SC2046
    "${FF[@]}" $(src 160x90 0.3) -c:v libx265 -x265-params log-level=none:pools=1:frame-threads=1 \
      -tag:v hvc1 -pix_fmt yuv420p "${BITEXACT[@]}" video/hevc_160x90.mp4
  fi
  if todo audio/aac_only.m4a; then
    "${FF[@]}" -f lavfi -i sine=frequency=440:duration=0.3 -c:a aac -b:a 32k "${BITEXACT[@]}" audio/aac_only.m4a
  fi
else
  make_x264 video/baseline_640x360.mp4 640x360 2 baseline -movflags +faststart
  make_x264 video/main_640x360.mp4 640x360 2 main -bf 3 -movflags +faststart
  make_x264 video/high_1280x720_moovend.mp4 1280x720 2 high -bf 3
  make_x264 video/high_1920x1080.mp4 1920x1080 1 high -movflags +faststart
  make_x264 "$TMP/b.mp4" 640x360 1 baseline
  make_x264 "$TMP/m.mp4" 640x368 1 main -bf 2
  make_x264 "$TMP/h.mp4" 1280x720 1 high -bf 3
  rotate "$TMP/b.mp4" video/baseline_rot90_640x360.mp4 90
  rotate "$TMP/m.mp4" video/main_rot180_640x368.mp4 180
  rotate "$TMP/h.mp4" video/high_rot270_1280x720.mp4 270
  rotate "$TMP/m.mp4" video/main_rot90_640x368.mp4 90
  make_x264 video/main_frag_640x360.mp4 640x360 2 main -g 15 -movflags frag_keyframe+empty_moov
  make_x264 video/high_frag_moof_640x360.mp4 640x360 2 high -g 15 -movflags frag_keyframe+empty_moov+default_base_moof
  make_x264 video/baseline_320x240.3gp 320x240 2 baseline -f 3gp
  make_x264 video/main_640x360.mov 640x360 2 main -f mov
  make_x264 video/high_bt709_full_640x360.mp4 640x360 2 high -pix_fmt yuvj420p -color_range pc \
    -colorspace bt709 -color_primaries bt709 -color_trc bt709 -movflags +faststart
  make_x264 "$TMP/gop.mp4" 640x360 2 main -bf 3 -g 60
  if todo video/main_editlist_midgop_640x360.mp4; then
    "${FF[@]}" -ss 0.55 -i "$TMP/gop.mp4" -c copy "${BITEXACT[@]}" video/main_editlist_midgop_640x360.mp4
  fi
  if todo video/baseline_empty_edit_640x360.mp4; then
    "${FF[@]}" -itsoffset 0.5 -i "$TMP/b.mp4" -c copy "${BITEXACT[@]}" video/baseline_empty_edit_640x360.mp4
  fi
  # Truncations.
  cut_to() { todo "$2" || return 0; head -c "$3" "$1" > "$2"; }
  F=video/main_640x360.mp4
  cut_to "$F" video/trunc_half_faststart.mp4 $(( $(stat -c %s "$F") / 2 ))
  cut_to video/high_1280x720_moovend.mp4 video/trunc_moovend_lost.mp4 \
    $(( $(stat -c %s video/high_1280x720_moovend.mp4) * 2 / 3 ))
  # Cut 200 bytes into the first sample (moov first: find the first chunk offset).
  FIRST=$($PY - "$F" <<'PY'
import struct, sys
b = open(sys.argv[1], 'rb').read()
i = b.find(b'stco')
print(struct.unpack('>I', b[i + 12:i + 16])[0])
PY
)
  cut_to "$F" video/trunc_in_keyframe.mp4 $((FIRST + 200))
  # Mid-GOP edit list cut inside the GOP: the poster comes from what is there.
  G=video/main_editlist_midgop_640x360.mp4
  if todo video/trunc_editlist_gop.mp4; then
    "${FF[@]}" -i "$G" -c copy -movflags +faststart "${BITEXACT[@]}" "$TMP/gf.mp4"
    CUT=$($PY - "$TMP/gf.mp4" <<'PY'
import struct, sys
b = open(sys.argv[1], 'rb').read()
co = b.find(b'stco'); first = struct.unpack('>I', b[co + 12:co + 16])[0]
sz = b.find(b'stsz'); sizes = struct.unpack('>%dI' % 3, b[sz + 16:sz + 28])
print(first + sizes[0] + sizes[1] + 10)  # keyframe and one more sample, then 10 bytes
PY
)
    head -c "$CUT" "$TMP/gf.mp4" > video/trunc_editlist_gop.mp4
  fi
  # Codecs without a decoder here.
  if todo video/hevc_640x360.mp4; then
    # shellcheck disable=SC2046
    "${FF[@]}" $(src 640x360 1) -c:v libx265 -x265-params log-level=none:pools=1:frame-threads=1 \
      -tag:v hvc1 -pix_fmt yuv420p "${BITEXACT[@]}" video/hevc_640x360.mp4
  fi
  if todo video/vp9_640x360.mp4; then
    # shellcheck disable=SC2046
    "${FF[@]}" $(src 640x360 1) -c:v libvpx-vp9 -threads 1 -deadline realtime -cpu-used 8 -b:v 300k \
      "${BITEXACT[@]}" video/vp9_640x360.mp4
  fi
  if todo video/av1_640x360.mp4; then
    # shellcheck disable=SC2046
    SVT_LOG=1 "${FF[@]}" $(src 640x360 0.5) -c:v libsvtav1 -preset 12 -pix_fmt yuv420p "${BITEXACT[@]}" video/av1_640x360.mp4
  fi
  if todo video/mpeg4_part2_640x360.mp4; then
    # shellcheck disable=SC2046
    "${FF[@]}" $(src 640x360 1) -c:v mpeg4 -q:v 5 "${BITEXACT[@]}" video/mpeg4_part2_640x360.mp4
  fi
  if todo video/h263_176x144.3gp; then
    # shellcheck disable=SC2046
    "${FF[@]}" $(src 176x144 1) -c:v h263 -q:v 5 "${BITEXACT[@]}" -f 3gp video/h263_176x144.3gp
  fi
  if todo video/mjpeg_320x240.mov; then
    # shellcheck disable=SC2046
    "${FF[@]}" $(src 320x240 0.5) -c:v mjpeg -q:v 5 "${BITEXACT[@]}" -f mov video/mjpeg_320x240.mov
  fi
  if todo audio/aac_only.m4a; then
    "${FF[@]}" -f lavfi -i sine=frequency=440:duration=1 -c:a aac -b:a 64k "${BITEXACT[@]}" audio/aac_only.m4a
  fi
  if todo audio/aac_only_moovend.mp4; then
    "${FF[@]}" -f lavfi -i sine=frequency=440:duration=1 -c:a aac -b:a 64k "${BITEXACT[@]}" -f mp4 \
      -brand isom audio/aac_only_moovend.mp4
  fi
fi

# ------------------------------------------------------------------ PDFs
$PY - "$MODE" <<'PY'
import os, sys, zlib

full = sys.argv[1] != "--fixtures"

def pdf(path, pages, extra_objects=()):
    """Writes a PDF whose pages are (content bytes, page dict extras, resources) tuples."""
    if os.path.exists(path) and os.path.getsize(path) > 0:
        return
    objs = []  # 1-based
    def add(body):
        objs.append(body)
        return len(objs)
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Bold /Encoding /WinAnsiEncoding >>")
    pages_id = len(objs) + 2 * len(pages) + len(extra_objects) + 1
    kids = []
    extra_ids = [add(o) for o in extra_objects]
    for content, extras, resources in pages:
        if isinstance(content, tuple):  # ("raw", a whole stream object)
            cid = add(content[1])
        else:
            data = zlib.compress(content, 9)
            cid = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        res = b"<< /Font << /F1 %d 0 R /F2 %d 0 R >> %s >>" % (font, bold, resources % tuple(extra_ids) if b"%d" in resources else resources)
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /Contents %d 0 R /Resources %s %s >>" % (pages_id, cid, res, extras)))
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog, xref)
    with open(path, "wb") as f:
        f.write(out)

LETTER = b"/MediaBox [0 0 612 792]"

def text_page(title, lines, size=12, x=72, top=720):
    ops = [b"BT /F2 28 Tf %d %d Td (%s) Tj ET" % (x, top, title.encode("latin-1"))]
    y = top - 48
    for line in lines:
        ops.append(b"BT /F1 %d Tf %d %d Td (%s) Tj ET" % (size, x, y, line.encode("latin-1")))
        y -= int(size * 1.4)
    ops.append(b"0.2 0.4 0.8 rg 72 60 468 8 re f")
    return b"\n".join(ops)

LOREM = [
    "Pipes.bot delivers WhatsApp media; this page checks the first-page preview.",
    "The quick brown fox jumps over the lazy dog. 0123456789",
    "Sphinx of black quartz, judge my vow. Pack my box with five dozen jugs.",
] * 12

pdf("pdf/text_letter.pdf", [(text_page("Quarterly report", LOREM), LETTER, b"")])
pdf("pdf/blank_letter.pdf", [(b"", LETTER, b"")])
pdf("pdf/invisible_text.pdf", [(b"BT 3 Tr /F1 24 Tf 72 700 Td (Only an OCR layer, nothing drawn) Tj ET", LETTER, b"")])
if full:
    pdf("pdf/text_two_pages.pdf", [(text_page("Page one", LOREM), LETTER, b""),
                                   (text_page("Page two", LOREM[:5]), LETTER, b"")])
    pdf("pdf/landscape_a4.pdf", [(text_page("Landscape", LOREM[:20], x=60, top=540), b"/MediaBox [0 0 842 595]", b"")])
    pdf("pdf/rotate90.pdf", [(text_page("Rotated page", LOREM), LETTER + b" /Rotate 90", b"")])
    pdf("pdf/white_text.pdf", [(b"1 1 1 rg BT /F1 24 Tf 72 700 Td (White on white) Tj ET", LETTER, b"")])
    # An image page: a 256x192 RGB gradient with a dark square, Flate.
    w, h = 256, 192
    px = bytearray()
    for yy in range(h):
        for xx in range(w):
            dark = 96 <= xx < 160 and 64 <= yy < 128
            px += bytes((20, 20, 20) if dark else (xx, yy, 255 - xx))
    img = zlib.compress(bytes(px), 9)
    image = b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (w, h, len(img)) + img + b"\nendstream"
    pdf("pdf/image_page.pdf", [(b"q 468 351 0 0 72 300 cm /Im1 Do Q\n" + text_page("Photo page", LOREM[:4], top=250), LETTER, b"/XObject << /Im1 %d 0 R >>")], [image])
    # Bombs: page content inflating to 200 MiB; an image declaring 20000x20000 pixels.
    if not os.path.exists("pdf/bomb_content.pdf"):
        big = zlib.compress(b" " * (200 << 20), 9)
        bomb = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(big) + big + b"\nendstream"
        pdf("pdf/bomb_content.pdf", [(("raw", bomb), LETTER, b"")])
    tiny = zlib.compress(b"\0" * 1000)
    huge = b"<< /Type /XObject /Subtype /Image /Width 20000 /Height 20000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % len(tiny) + tiny + b"\nendstream"
    pdf("pdf/bomb_image.pdf", [(b"q 500 500 0 0 50 50 cm /Im1 Do Q", LETTER, b"/XObject << /Im1 %d 0 R >>")], [huge])
PY

if todo pdf/encrypted_user.pdf; then
  qpdf --static-id --static-aes-iv --encrypt secret owner 128 --use-aes=y -- pdf/text_letter.pdf pdf/encrypted_user.pdf
fi
if [ "$MODE" != "--fixtures" ]; then
  if todo pdf/gs_vector.pdf; then
    cat > "$TMP/art.ps" <<'PS'
%!PS
/Helvetica-Bold findfont 40 scalefont setfont
0.9 0.3 0.1 setrgbcolor 100 500 moveto 412 0 rlineto 0 200 rlineto -412 0 rlineto closepath fill
0.1 0.3 0.7 setrgbcolor 306 300 150 0 360 arc fill
0 setgray 120 120 moveto (Vector art) show
showpage
PS
    gs -q -dBATCH -dNOPAUSE -dSAFER -sDEVICE=pdfwrite -dOmitInfoDate -dOmitXMP -dOmitID \
      -sOutputFile=pdf/gs_vector.pdf "$TMP/art.ps" >/dev/null
  fi
  if todo pdf/encrypted_owner_only.pdf; then
    qpdf --static-id --static-aes-iv --encrypt "" owner 128 --use-aes=y -- pdf/text_letter.pdf pdf/encrypted_owner_only.pdf
  fi
fi

# ------------------------------------------------------------------ manifest
$PY - <<'PY'
import json, os, subprocess

def probe(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_streams",
                          "-show_entries", "stream_side_data=rotation", "-of", "json", path],
                         capture_output=True, text=True)
    try:
        streams = json.loads(out.stdout).get("streams", [])
    except json.JSONDecodeError:
        return {}
    if not streams:
        return {}
    s = streams[0]
    rot = 0
    for sd in s.get("side_data_list", []):
        if "rotation" in sd:
            rot = int(sd["rotation"])
    info = {"codec": s.get("codec_name"), "width": s.get("width"), "height": s.get("height")}
    if s.get("profile"):
        info["profile"] = s["profile"]
    if rot:
        info["rotation"] = rot
    w, h = info["width"], info["height"]
    if w and h:
        info["display_width"], info["display_height"] = (h, w) if rot % 180 else (w, h)
    return info

def pdfinfo(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True)
    info = {}
    for line in out.stdout.splitlines():
        k, _, v = line.partition(":")
        v = v.strip()
        if k == "Pages":
            info["pages"] = int(v)
        elif k == "Page size":
            parts = v.split()
            info["page_width"], info["page_height"] = float(parts[0]), float(parts[2])
    return info

# What each file must give: (expect, code).
EXPECT = {
    "hevc": ("error", "UNSUPPORTED_CODEC"), "vp9": ("error", "UNSUPPORTED_CODEC"),
    "av1": ("error", "UNSUPPORTED_CODEC"), "mpeg4_part2": ("error", "UNSUPPORTED_CODEC"),
    "h263": ("error", "UNSUPPORTED_CODEC"), "mjpeg": ("error", "UNSUPPORTED_CODEC"),
    "trunc_moovend_lost": ("error", "TRUNCATED"), "trunc_in_keyframe": ("error", "TRUNCATED"),
    "invisible_text": ("error", "BLANK_RENDER"), "white_text": ("error", "BLANK_RENDER"),
    "encrypted_user": ("error", "ENCRYPTED"),
    "bomb_content": ("error", "TOO_LARGE"), "bomb_image": ("error", "TOO_LARGE"),
    "aac_only_moovend": ("error", "NO_VIDEO_TRACK"), "aac_only": ("skip", None),
}
lines = []
for root in ("video", "audio", "pdf"):
    for name in sorted(os.listdir(root)):
        path = f"{root}/{name}"
        stem = name.rsplit(".", 1)[0]
        key = next((k for k in sorted(EXPECT, key=len, reverse=True) if stem.startswith(k)), None)
        expect, code = EXPECT.get(key, ("ok", None))
        e = {"path": path, "kind": root if root != "audio" else "audio", "expect": expect,
             "bytes": os.path.getsize(path)}
        if code:
            e["code"] = code
        e.update(pdfinfo(path) if root == "pdf" else probe(path))
        if stem.startswith("trunc_"):
            e["truncated"] = True
        lines.append(json.dumps(e, sort_keys=True))
with open("manifest.jsonl", "w") as f:
    f.write("\n".join(lines) + "\n")
print(f"{len(lines)} files in {os.getcwd()}")
PY
