#!/usr/bin/env bash
# The thumbnail stage's long tail: image classes the ground-truth corpus does not have (TIFF
# variants, WebP/PNG orientation metadata, BMP layouts, TGA, ICO/CUR, PSD, netpbm, QOI, DDS,
# JPEG 2000, AVIF, HEIC, 16-bit grey), each made by the standard tools, and a manifest with
# Pillow's verdict on every file.
#
#   plugins/thumbnail/tools/longtail.sh OUT_DIR        (e.g. target/longtail)
#
# Writes OUT_DIR/thumbnail/<class>/<file> and OUT_DIR/thumbnail/manifest.jsonl, one JSON object
# a line: path, class, tool (what made it), decodable (Pillow could decode it), pillow_format,
# width and height after ImageOps.exif_transpose (the upright size), stored_width and
# stored_height, mode. plugins/thumbnail/tests/longtail.rs reads it (PIPES_MEDIA_LONGTAIL=OUT_DIR).
#
# Deterministic (seeded plasma sources, fixed parameters, no timestamps: exiftool and the
# encoders are told not to write dates) and idempotent: files that exist are kept, missing ones
# are made; the manifest is rewritten on every run. Delete a file or OUT_DIR to remake it.
#
# Needs Debian's imagemagick, libtiff-tools, webp, libheif-examples, libavif-bin,
# libopenjp2-tools, libimage-exiftool-perl (installed with apt-get when missing) and, from PyPI
# into OUT_DIR/.venv, pillow and pillow-heif (Pillow >= 11.3 reads AVIF itself; pillow-heif adds
# HEIC). The reference is that Pillow, not Debian's older one.
set -euo pipefail

OUT="${1:?usage: longtail.sh OUT_DIR}"
HERE="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$OUT/thumbnail"
OUT="$(cd "$OUT" && pwd)"

need() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "installing $2 for $1..." >&2
  if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq >/dev/null 2>&1 || true; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
need /usr/bin/convert imagemagick
need tiffcp libtiff-tools
need cwebp webp
need heif-enc libheif-examples
need avifenc libavif-bin
need opj_compress libopenjp2-tools
need exiftool libimage-exiftool-perl
[ -x /usr/bin/python3 ] || need /usr/bin/python3 python3
/usr/bin/python3 -c 'import venv' 2>/dev/null || need /usr/lib/python3/dist-packages/venv python3-venv

VENV="$OUT/.venv"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import PIL, pillow_heif' 2>/dev/null; then
  echo "creating $VENV with pillow and pillow-heif..." >&2
  /usr/bin/python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q pillow pillow-heif numpy
fi

"$VENV/bin/python" "$HERE/longtail.py" "$OUT/thumbnail"
echo "wrote $(wc -l < "$OUT/thumbnail/manifest.jsonl") entries to $OUT/thumbnail/manifest.jsonl" >&2
