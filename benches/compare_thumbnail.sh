#!/usr/bin/env bash
# Thumbnail speed by image format, ours vs vipsthumbnail, same files, same run, one thread each.
#
#   benches/compare_thumbnail.sh [ROUNDS] [FORMATS]   (default 5 rounds; formats "jpg png webp gif")
#
# Files: the corpus's image/ and real/ files of each format (PIPES_MEDIA_CORPUS, else
# target/corpus; build it with shared/corpus/build.sh). Both tools make a 320x320-box JPEG at
# quality 80 of every file, many files in one process: ours through the `thumbnail_bench`
# example of pipes-media-thumbnail (release build), vips with VIPS_CONCURRENCY=1. The rounds
# alternate the two tools; the best round of each counts. Besides wall time it prints the CPU
# time (user + system) of the best round: on a shared machine wall time measures the load as
# much as the work, CPU time does not. Ratio = vips / ours (above 1: ours is faster).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-5}"
FORMATS="${2:-jpg png webp gif}"
CORPUS="${PIPES_MEDIA_CORPUS:-target/corpus}"
if [[ ! -f "$CORPUS/manifest.jsonl" ]]; then
  echo "SKIP: corpus not found (set PIPES_MEDIA_CORPUS or run shared/corpus/build.sh target/corpus)" >&2
  exit 0
fi
if ! command -v vipsthumbnail >/dev/null; then
  echo "installing libvips-tools for vipsthumbnail..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y libvips-tools >/dev/null
fi
[ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive apt-get install -y time >/dev/null

# THUMBNAIL_BENCH_BIN: an already built thumbnail_bench (skips the build).
if [[ -z "${THUMBNAIL_BENCH_BIN:-}" ]]; then
  cargo build --quiet --release -p pipes-media-thumbnail --example thumbnail_bench
fi
BENCH=$(realpath "${THUMBNAIL_BENCH_BIN:-${CARGO_TARGET_DIR:-target}/release/examples/thumbnail_bench}")
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
mkdir -p "$OUT/ours" "$OUT/vips"

# timed CMD...: runs it, prints "wall cpu" seconds.
timed() {
  /usr/bin/time -f "%e %U %S" -o "$OUT/time" "$@" >/dev/null
  awk '{printf "%s %.3f\n", $1, $2 + $3}' "$OUT/time"
}

ROWS=()
for FMT in $FORMATS; do
  mapfile -t FILES < <(cd "$CORPUS" && ls image/*."$FMT" real/*/*."$FMT" 2>/dev/null | sort)
  [[ ${#FILES[@]} -gt 0 ]] || { echo "no .$FMT files in $CORPUS" >&2; continue; }
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
  best=(999999 999999 999999 999999) # ours wall, ours cpu, vips wall, vips cpu
  for ((r = 1; r <= ROUNDS; r++)); do
    read -r ow oc < <(cd "$CORPUS" && timed "$BENCH" --out "$OUT/ours" "${FILES[@]}")
    read -r vw vc < <(cd "$CORPUS" && timed env VIPS_CONCURRENCY=1 vipsthumbnail --size 320x320 -o "$OUT/vips/%s.jpg[Q=80,strip]" "${FILES[@]}")
    echo "$FMT round $r: ours ${ow}s wall ${oc}s cpu, vips ${vw}s wall ${vc}s cpu" >&2
    best[0]=$(python3 -c "print(min($ow, ${best[0]}))"); best[1]=$(python3 -c "print(min($oc, ${best[1]}))")
    best[2]=$(python3 -c "print(min($vw, ${best[2]}))"); best[3]=$(python3 -c "print(min($vc, ${best[3]}))")
  done
  N=${#FILES[@]}
  ROWS+=("$(python3 -c "
n, mp = $N, $MP
# CPU time is counted in 10 ms ticks: a run shorter than one tick counts as one.
ow, oc, vw, vc = ${best[0]}, max(${best[1]}, 0.01), ${best[2]}, max(${best[3]}, 0.01)
print(f'| {\"$FMT\"} | {n} files, {mp:.1f} MP | {n/ow:.2f} | {n/vw:.2f} | {vw/ow:.2f}x | {oc:.2f} | {vc:.2f} | {vc/oc:.2f}x |')
")")
done

echo
echo "corpus: $CORPUS (manifest sha256 $(sha256sum "$CORPUS/manifest.jsonl" | cut -c1-16)), box 320x320, Q80, best of $ROUNDS; load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "| format | files | ours img/s (wall) | vips img/s (wall) | ratio wall | ours CPU s | vips CPU s | ratio CPU |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${ROWS[@]}"
