#!/usr/bin/env bash
# Build the long-tail collection for the `mime` stage: files of the formats the sniffer must
# name beyond the everyday ones (TGA, JPEG 2000, EPS, netpbm, PSD, DDS, WavPack, ASF, MPEG-TS,
# tar, ISO 9660, HDF5, GRIB, RAR, legacy Office, ...), made with the standard tools where they
# exist and by hand (tools/longtail/*.py, to the format's specification) where they do not.
#
#   longtail.sh OUT_DIR
#
# Writes OUT_DIR/mime/<group>/<file> and OUT_DIR/mime/manifest.jsonl: one JSON object a line
# with `path`, `class`, `mime` (the true type, from how the file was made), `file_mime` (what
# `file --mime-type` says), `file_says` (its description), `bytes`, `sha256`, `made_by` and
# `note`. The test `plugins/mime/tests/longtail.rs` reads `$PIPES_MEDIA_LONGTAIL/mime` (or
# `target/longtail/mime`).
#
# Deterministic (seeded sources, bit-exact muxing, fixed dates) and idempotent: files that
# exist are kept, the manifest is rewritten on every run. Delete a file to rebuild it.
set -euo pipefail

# Debian packages the generator needs (installed with apt-get when a tool is missing).
APT_TOOLS="ffmpeg imagemagick ghostscript file python3 python3-pil python3-numpy python3-h5py \
p7zip-full genisoimage wavpack musepack-tools libeccodes-data zstd xz-utils bzip2 gzip"

[ $# -eq 1 ] || { echo "usage: $0 OUT_DIR" >&2; exit 2; }
mkdir -p "$1"
OUT="$(cd "$1" && pwd)"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export LC_ALL=C.UTF-8 TZ=UTC SOURCE_DATE_EPOCH=946684800

have_tools() {
  local c
  for c in ffmpeg ffprobe gs file 7z genisoimage wavpack mpcenc zstd xz bzip2 gzip; do
    command -v "$c" >/dev/null || return 1
  done
  [ -x /usr/bin/convert ] && [ -x /usr/bin/python3 ] || return 1
  /usr/bin/python3 -c 'import PIL, numpy, h5py' 2>/dev/null || return 1
  [ -f /usr/share/eccodes/samples/GRIB2.tmpl ] || return 1
}
if ! have_tools; then
  SUDO=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO="sudo"; fi
  echo "[longtail] installing tools: $APT_TOOLS" >&2
  if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e lock -e partial || true)" ]; then
    $SUDO apt-get update -qq
  fi
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $APT_TOOLS >/dev/null
fi

# The distribution's Python (with Pillow, numpy, h5py), not a pyenv one.
exec /usr/bin/python3 "$HERE/longtail/main.py" "$OUT/mime"
