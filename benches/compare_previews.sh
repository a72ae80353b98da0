#!/usr/bin/env bash
# Video poster frames and PDF first pages, ours vs the standard tools, same files, same run.
#
#   benches/compare_previews.sh [--rows] [ROUNDS]     (default 5 rounds; medians compared)
#
# - posters: `pipeline --input DIR --stages thumbnail --concurrency 1` (the example binary,
#   release: start-up, reading, report, the whole process) over the H.264 videos, vs
#   `ffmpeg -nostdin -v error -i F -frames:v 1 F.jpg` once per file;
# - pages: the same over the PDFs, vs `pdftoppm -f 1 -l 1 -scale-to 320 F OUT` once per file.
# Files: the corpus's H.264 videos and PDFs that are expected to work ($PIPES_MEDIA_CORPUS or
# target/corpus), plus those of the preview set when $PIPES_MEDIA_PREVIEWS names one
# (plugins/thumbnail/tools/previews.sh). Within each round ours runs first, then the tool.
# Prints a Markdown table; with --rows only its rows (benches/compare.sh appends them to its
# own table).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ROWS_ONLY=0; [ "${1:-}" = "--rows" ] && { ROWS_ONLY=1; shift; }
ROUNDS="${1:-5}"
CORPUS="${PIPES_MEDIA_CORPUS:-$ROOT/target/corpus}"
WORK="$(mktemp -d /tmp/pipes-previews.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
. "$ROOT/benches/lib.sh"

need ffmpeg ffmpeg; need pdftoppm poppler-utils
[ -f "$CORPUS/manifest.jsonl" ] || { echo "SKIP: corpus not found at $CORPUS" >&2; exit 0; }
if [ -z "${PIPELINE:-}" ]; then
  echo "building the release example…" >&2
  (cd "$ROOT" && CARGO_TARGET_DIR="$TARGET" cargo build -q --release --example pipeline -p pipes-media)
  PIPELINE="$TARGET/release/examples/pipeline"
fi

# pick KIND -> paths of the files of that kind expected to work, one a line.
pick() { python3 - "$1" "$CORPUS" "${PIPES_MEDIA_PREVIEWS:-}" <<'PY'
import json, os, sys
kind, dirs = sys.argv[1], [d for d in sys.argv[2:] if d]
for root in dirs:
    manifest = os.path.join(root, "manifest.jsonl")
    if not os.path.exists(manifest):
        continue
    for line in open(manifest):
        e = json.loads(line)
        if e.get("expect", "ok") != "ok":
            continue
        mime, codec = e.get("mime", ""), e.get("video_codec", e.get("codec"))
        if kind == "video" and e.get("kind") == "video" and codec == "h264" and not e.get("truncated"):
            print(os.path.join(root, e["path"]))
        if kind == "pdf" and (e.get("kind") == "pdf" or mime == "application/pdf") and "password" not in e:
            print(os.path.join(root, e["path"]))
PY
}
dir_of() { # name kind -> a directory of symlinks to the files (read once, so the cache is warm)
  local dir="$WORK/in-$1"; mkdir -p "$dir"; local n=0
  while read -r f; do n=$((n+1)); ln -s "$f" "$dir/$(printf %04d $n)-$(basename "$f")"; done < <(pick "$2")
  cat "$dir"/* >/dev/null; echo "$dir"
}
median() { python3 -c "import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }
timed() { local t0 t1; t0=$(now); "$@" >/dev/null 2>&1 || true; t1=$(now); python3 -c "print($t1-$t0)"; }
ours() { rm -rf "$WORK/out"; "$PIPELINE" --input "$1" --stages thumbnail --concurrency 1 --out "$WORK/out" --quiet; }
ffmpeg_each() { local f; for f in "$1"/*; do ffmpeg -nostdin -v error -y -i "$f" -frames:v 1 "$WORK/tool/$(basename "$f").jpg" || true; done; }
pdftoppm_each() { local f; for f in "$1"/*; do pdftoppm -f 1 -l 1 -scale-to 320 "$f" "$WORK/tool/$(basename "$f")" || true; done; }
compare() { # dir tool-function -> "ours-median tool-median"
  local S=() T=() i
  ours "$1" >/dev/null 2>&1 || true  # warm-up
  for i in $(seq "$ROUNDS"); do
    rm -rf "$WORK/tool"; mkdir -p "$WORK/tool"
    S+=("$(timed ours "$1")")
    T+=("$(timed "$2" "$1")")
  done
  echo "rounds: ours ${S[*]}; $2 ${T[*]}" >&2
  echo "$(median "${S[@]}") $(median "${T[@]}")"
}
fmt() { python3 -c "import sys; print(f'{float(sys.argv[1]):.1f}')" "$1"; }
per_s() { python3 -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.1f}')" "$1" "$2"; }
ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{b/a:.2f}x' if a>0 else 'n/a')" "$1" "$2"; }

ROWS=()
V=$(dir_of video video); NV=$(ls "$V" | wc -l)
if [ "$NV" -gt 0 ]; then
  read -r S F < <(compare "$V" ffmpeg_each)
  ROWS+=("| video poster frames, $NV H.264 videos, 1 thread (files/s, median of $ROUNDS) | $(per_s "$NV" "$S") | ffmpeg -i F -frames:v 1, per file | $(per_s "$NV" "$F") | $(ratio "$S" "$F") |")
fi
P=$(dir_of pdf pdf); NP=$(ls "$P" | wc -l)
if [ "$NP" -gt 0 ]; then
  read -r S T < <(compare "$P" pdftoppm_each)
  ROWS+=("| PDF first pages, $NP PDFs, 1 thread (files/s, median of $ROUNDS) | $(per_s "$NP" "$S") | pdftoppm -f 1 -l 1 -scale-to 320, per file | $(per_s "$NP" "$T") | $(ratio "$S" "$T") |")
fi

if [ "$ROWS_ONLY" = 1 ]; then
  printf '%s\n' "${ROWS[@]}"
  exit 0
fi
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(date -u +%Y-%m-%d)"
echo "corpus: $CORPUS (manifest sha256 $(sha256sum "$CORPUS/manifest.jsonl" | cut -c1-16))${PIPES_MEDIA_PREVIEWS:+, previews: $PIPES_MEDIA_PREVIEWS}"
echo
echo "| measure | pipes-media | tool | tool figure | ratio |"
echo "| --- | --- | --- | --- | --- |"
printf '%s\n' "${ROWS[@]}"
