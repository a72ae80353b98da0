#!/usr/bin/env bash
# Compares the pdf stage's text extraction with poppler's pdftotext on the same corpus PDFs, in
# the same run, single-threaded: prints pages/s of each and the ratio (target: ours >= 3x).
#
#   benches/compare_pdf.sh [CORPUS_DIR] [ROUNDS]
#
# CORPUS_DIR defaults to $PIPES_MEDIA_CORPUS, then target/corpus. Files: every manifest entry
# with a `text_file` and no `password` (the PDFs the accuracy test compares).
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS="${1:-${PIPES_MEDIA_CORPUS:-target/corpus}}"
ROUNDS="${2:-3}"
[ -f "$CORPUS/manifest.jsonl" ] || { echo "no corpus at $CORPUS (see shared/corpus/README.md)" >&2; exit 1; }
if ! command -v pdftotext >/dev/null; then
    apt-get install -y poppler-utils >/dev/null || { apt-get update >/dev/null && apt-get install -y poppler-utils >/dev/null; }
fi
mapfile -t FILES < <(python3 - "$CORPUS" <<'PY'
import json, sys, os
d = sys.argv[1]
for line in open(os.path.join(d, "manifest.jsonl")):
    e = json.loads(line)
    if e.get("text_file") and not e.get("password"):
        print(os.path.join(d, e["path"]))
PY
)
[ "${#FILES[@]}" -gt 0 ] || { echo "no PDFs with text in $CORPUS" >&2; exit 1; }
PAGES=0
for f in "${FILES[@]}"; do PAGES=$((PAGES + $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}'))); done
BYTES=$(cat "${FILES[@]}" | wc -c)
echo "corpus: $CORPUS (manifest sha256 $(sha256sum "$CORPUS/manifest.jsonl" | cut -c1-16)), ${#FILES[@]} PDFs, $PAGES pages, $BYTES bytes, $ROUNDS rounds"

cargo build --release -q -p pipes-media-pdf --example pdf_bench
BENCH="${CARGO_TARGET_DIR:-target}/release/examples/pdf_bench"

start=$(date +%s.%N)
for _ in $(seq "$ROUNDS"); do
    for f in "${FILES[@]}"; do pdftotext -enc UTF-8 "$f" /dev/null; done
done
end=$(date +%s.%N)
POPPLER=$(python3 -c "print(f'{$PAGES * $ROUNDS / ($end - $start):.0f}')")
echo "pdftotext: $(python3 -c "print(f'{$end - $start:.3f}')") s, $POPPLER pages/s, $(python3 -c "print(f'{$BYTES * $ROUNDS / 1e6 / ($end - $start):.1f}')") MB/s"

OURS_LINE=$("$BENCH" --rounds "$ROUNDS" "${FILES[@]}")
echo "$OURS_LINE"
OURS=$(echo "$OURS_LINE" | sed -E 's/.*: ([0-9]+) pages\/s.*/\1/')
python3 -c "print(f'ratio: {$OURS / $POPPLER:.2f}x pdftotext pages/s (target >= 3x)')"
