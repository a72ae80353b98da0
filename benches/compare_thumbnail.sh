#!/usr/bin/env bash
# Thumbnail speed, ours vs vipsthumbnail, same JPEG photos, same run, one thread each.
#
#   benches/compare_thumbnail.sh [ROUNDS]      (default 5; the best round of each tool counts)
#
# Files: every JPEG under the corpus's image/ and real/ (PIPES_MEDIA_CORPUS, else
# target/corpus; build it with shared/corpus/build.sh). Both tools make a 320x320-box JPEG at
# quality 80 of every file, many files in one process: ours through the `thumbnail_bench`
# example of pipes-media-thumbnail (release build), vips with VIPS_CONCURRENCY=1. Prints
# images/s, source megapixels/s and the ratio (ours / vips; above 1 means we are faster).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-5}"
CORPUS="${PIPES_MEDIA_CORPUS:-target/corpus}"
if [[ ! -f "$CORPUS/manifest.jsonl" ]]; then
  echo "SKIP: corpus not found (set PIPES_MEDIA_CORPUS or run shared/corpus/build.sh target/corpus)" >&2
  exit 0
fi
if ! command -v vipsthumbnail >/dev/null; then
  echo "installing libvips-tools for vipsthumbnail..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y libvips-tools >/dev/null
fi

# THUMBNAIL_BENCH_BIN: an already built thumbnail_bench (skips the build).
if [[ -z "${THUMBNAIL_BENCH_BIN:-}" ]]; then
  cargo build --quiet --release -p pipes-media-thumbnail --example thumbnail_bench
fi
BENCH=$(realpath "${THUMBNAIL_BENCH_BIN:-${CARGO_TARGET_DIR:-target}/release/examples/thumbnail_bench}")

mapfile -t FILES < <(cd "$CORPUS" && ls image/*.jpg real/*/*.jpg 2>/dev/null | sort)
if [[ ${#FILES[@]} -eq 0 ]]; then
  echo "SKIP: no JPEG files in $CORPUS" >&2
  exit 0
fi
# Total source megapixels, from the manifest.
MP=$(cd "$CORPUS" && python3 - "${FILES[@]}" <<'PY'
import json, sys
want = set(sys.argv[1:])
total = 0
for line in open("manifest.jsonl"):
    e = json.loads(line)
    if e["path"] in want:
        total += e.get("width", 0) * e.get("height", 0)
print(total / 1e6)
PY
)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
mkdir -p "$OUT/ours" "$OUT/vips"

now() { date +%s.%N; }
best_ours=999999; best_vips=999999
for ((r = 1; r <= ROUNDS; r++)); do
  t0=$(now)
  (cd "$CORPUS" && "$BENCH" --out "$OUT/ours" "${FILES[@]}" >/dev/null)
  t1=$(now)
  (cd "$CORPUS" && VIPS_CONCURRENCY=1 vipsthumbnail --size 320x320 -o "$OUT/vips/%s.jpg[Q=80,strip]" "${FILES[@]}")
  t2=$(now)
  o=$(echo "$t1 - $t0" | bc -l); v=$(echo "$t2 - $t1" | bc -l)
  printf 'round %d: ours %.3f s, vips %.3f s\n' "$r" "$o" "$v"
  best_ours=$(echo "if ($o < $best_ours) $o else $best_ours" | bc -l)
  best_vips=$(echo "if ($v < $best_vips) $v else $best_vips" | bc -l)
done

# vips's process start (library init), timed on one tiny file: reported so the ratio can be
# read with and without it (ours starts in about a millisecond).
TINY=$(cd "$CORPUS" && ls -S "${FILES[@]}" | tail -1)
best_start=999999
for ((r = 1; r <= 3; r++)); do
  t0=$(now)
  (cd "$CORPUS" && VIPS_CONCURRENCY=1 vipsthumbnail --size 320x320 -o "$OUT/vips/tiny.jpg[Q=80,strip]" "$TINY")
  t1=$(now)
  s=$(echo "$t1 - $t0" | bc -l)
  best_start=$(echo "if ($s < $best_start) $s else $best_start" | bc -l)
done

N=${#FILES[@]}
echo
echo "corpus: $CORPUS (manifest sha256 $(sha256sum "$CORPUS/manifest.jsonl" | cut -c1-16)), $N JPEG files, $(printf '%.1f' "$MP") megapixels, box 320x320, Q80, best of $ROUNDS"
printf '%-16s %8s %10s %10s\n' tool seconds images/s MP/s
printf '%-16s %8.3f %10.2f %10.1f\n' ours "$best_ours" "$(echo "$N / $best_ours" | bc -l)" "$(echo "$MP / $best_ours" | bc -l)"
printf '%-16s %8.3f %10.2f %10.1f\n' vipsthumbnail "$best_vips" "$(echo "$N / $best_vips" | bc -l)" "$(echo "$MP / $best_vips" | bc -l)"
printf 'ratio (ours / vipsthumbnail, images/s): %.2fx\n' "$(echo "$best_vips / $best_ours" | bc -l)"
printf 'vips process start (one tiny file): %.3f s; ratio without it: %.2fx\n' "$best_start" \
  "$(echo "($best_vips - $best_start) / $best_ours" | bc -l)"
