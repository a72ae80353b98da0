#!/usr/bin/env bash
# Files/s of the `audio` stage's parser vs `ffprobe`, side by side on the same corpus audio and
# video files (manifest kinds `audio` and `video`, `real/` included), in the same run.
#
#   benches/compare_audio.sh [ROUNDS]        (corpus: $PIPES_MEDIA_CORPUS or target/corpus)
#
# ffprobe is run once per file (how a pipeline would call it), asked for the same facts we
# report. Ours is timed two ways: in-process over the file list (what the stage does), and as one
# process per file (like ffprobe). Caches are warmed first so both read from memory.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CORPUS="${PIPES_MEDIA_CORPUS:-$ROOT/target/corpus}"
ROUNDS="${1:-3}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

if [ ! -f "$CORPUS/manifest.jsonl" ]; then
  echo "corpus not found at $CORPUS (set PIPES_MEDIA_CORPUS or run shared/corpus/build.sh)" >&2
  exit 1
fi
if ! command -v ffprobe >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq ffmpeg >/dev/null
fi

mapfile -t FILES < <(python3 - "$CORPUS" <<'PY'
import json, sys, os
root = sys.argv[1]
for line in open(os.path.join(root, "manifest.jsonl")):
    e = json.loads(line)
    if e.get("kind") in ("audio", "video"):
        print(os.path.join(root, e["path"]))
PY
)
N=${#FILES[@]}
echo "corpus: $CORPUS (manifest sha256 $(sha256sum "$CORPUS/manifest.jsonl" | cut -c1-16)), $N audio/video files, $ROUNDS rounds"

(cd "$ROOT" && CARGO_TARGET_DIR="$TARGET" cargo build -q --release -p pipes-media-audio --example probe_bench)
BENCH="$TARGET/release/examples/probe_bench"
cat "${FILES[@]}" >/dev/null

now() { date +%s.%N; }

t0=$(now)
for _ in $(seq "$ROUNDS"); do
  for f in "${FILES[@]}"; do
    ffprobe -v error -show_entries format=duration:stream=codec_name,sample_rate,channels,width,height \
      -of json "$f" >/dev/null
  done
done
t1=$(now)
ffprobe_fps=$(python3 -c "print(f'{$N*$ROUNDS/($t1-$t0):.1f}')")

ours_line=$("$BENCH" --rounds $((ROUNDS * 200)) "${FILES[@]}")
ours_fps=$(echo "$ours_line" | sed -n 's/.*files_per_s=\([0-9.]*\).*/\1/p')

t2=$(now)
for _ in $(seq "$ROUNDS"); do
  for f in "${FILES[@]}"; do
    "$BENCH" --print "$f" >/dev/null
  done
done
t3=$(now)
ours_proc_fps=$(python3 -c "print(f'{$N*$ROUNDS/($t3-$t2):.1f}')")

echo "ffprobe (one process per file):   $ffprobe_fps files/s"
echo "ours (in-process, the stage):     $ours_fps files/s   ($ours_line)"
echo "ours (one process per file):      $ours_proc_fps files/s"
python3 -c "print(f'ratio in-process / ffprobe:        {$ours_fps/$ffprobe_fps:.0f}x   (target >= 20x)')"
python3 -c "print(f'ratio per-process / ffprobe:       {$ours_proc_fps/$ffprobe_fps:.1f}x')"
