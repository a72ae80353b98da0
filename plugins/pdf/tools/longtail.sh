#!/usr/bin/env bash
# Builds the long-tail PDF set: files of the classes the corpus lacks (right-to-left script,
# form fields, hidden and off-page text, encryption without /ID, CJK fonts with predefined
# CMaps and no ToUnicode) and a few ordinary ones, each with pdfinfo's page count and
# pdftotext's text as the reference.
#
#   plugins/pdf/tools/longtail.sh OUT_DIR
#
# Writes OUT_DIR/pdf/<class>/<name>.pdf, <name>.pdf.txt (pdftotext -enc UTF-8) and
# OUT_DIR/pdf/manifest.jsonl (path, class, bytes, pages, text_file, note). OUT_DIR is the
# long-tail root the test reads (PIPES_MEDIA_LONGTAIL, default target/longtail), so
#
#   plugins/pdf/tools/longtail.sh target/longtail && cargo test -p pipes-media-pdf --test longtail
#
# Deterministic (fixed dates and IDs, seeded content) and idempotent: existing PDFs are kept,
# the references and the manifest are rewritten. Delete a file to rebuild it. Missing tools are
# installed with apt-get (Debian/Ubuntu, needs root or sudo). About 50 files, 1 MB, 20 s.
set -euo pipefail

APT_TOOLS="python3 python3-reportlab pango1.0-tools fonts-dejavu-core qpdf ghostscript groff poppler-utils poppler-data openssl"

[ $# -eq 1 ] || { echo "usage: $0 OUT_DIR" >&2; exit 2; }
mkdir -p "$1/pdf"
OUT="$(cd "$1/pdf" && pwd)"
HERE="$(cd "$(dirname "$0")" && pwd)"
export LC_ALL=C.UTF-8 TZ=UTC SOURCE_DATE_EPOCH=946684800

have_tools() {
  local c
  for c in pango-view qpdf gs groff pdfinfo pdftotext openssl; do
    command -v "$c" >/dev/null || return 1
  done
  [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import reportlab' 2>/dev/null || return 1
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || return 1
  [ -d /usr/share/poppler/cMap/Adobe-Japan1 ] || return 1
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

/usr/bin/python3 "$HERE/longtail/generate.py" "$OUT"
