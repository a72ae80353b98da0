#!/usr/bin/env bash
# Decode speed of the `waveform` stage vs ffmpeg, side by side in one run: each corpus voice
# note and music file (manifest kind `audio`, `expect: ok`) is decoded to mono by
#   ffmpeg -v error -i F -ac 1 -f f32le -      (one process per file, output discarded)
# and by the stage's decoder + meter (the `measure` example, one process per file too, so
# both pay a process start). Rounds are interleaved; each figure is the median of the rounds.
#
#   benches/compare_waveform.sh [ROUNDS]        (corpus: $PIPES_MEDIA_CORPUS or target/corpus)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CORPUS="${PIPES_MEDIA_CORPUS:-$ROOT/target/corpus}"
ROUNDS="${1:-3}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

if [ ! -f "$CORPUS/manifest.jsonl" ]; then
  echo "corpus not found at $CORPUS (set PIPES_MEDIA_CORPUS or run shared/corpus/build.sh)" >&2
  exit 1
fi
command -v ffmpeg >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq ffmpeg >/dev/null; }

mapfile -t FILES < <(python3 - "$CORPUS" <<'PY'
import json, sys, os
root = sys.argv[1]
for line in open(os.path.join(root, "manifest.jsonl")):
    e = json.loads(line)
    if e.get("kind") == "audio" and e.get("expect") == "ok":
        print(os.path.join(root, e["path"]))
PY
)
N=${#FILES[@]}
(cd "$ROOT" && CARGO_TARGET_DIR="$TARGET" cargo build -q --release -p pipes-media-voice --example measure)
OURS="$TARGET/release/examples/measure"
cat "${FILES[@]}" >/dev/null
seconds=$(python3 - "${FILES[@]}" <<'PY'
import subprocess, sys
total = 0.0
for f in sys.argv[1:]:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", f],
                         capture_output=True, text=True).stdout.strip()
    total += float(out or 0)
print(f"{total:.1f}")
PY
)
echo "corpus: $CORPUS (manifest sha256 $(sha256sum "$CORPUS/manifest.jsonl" | cut -c1-16)), $N audio files, ${seconds} s of audio, $ROUNDS rounds"

now() { date +%s.%N; }
ff=(); us=()
for _ in $(seq "$ROUNDS"); do
  t0=$(now)
  for f in "${FILES[@]}"; do ffmpeg -v error -i "$f" -ac 1 -f f32le - >/dev/null; done
  t1=$(now)
  for f in "${FILES[@]}"; do "$OURS" "$f" >/dev/null; done
  t2=$(now)
  ff+=("$(python3 -c "print($t1-$t0)")"); us+=("$(python3 -c "print($t2-$t1)")")
done
python3 - "$seconds" "${ff[*]}" "${us[*]}" <<'PY'
import statistics, sys
audio = float(sys.argv[1])
ff = statistics.median(map(float, sys.argv[2].split()))
us = statistics.median(map(float, sys.argv[3].split()))
print(f"ffmpeg -ac 1 -f f32le : {ff:7.2f} s  {audio/ff:8.0f}x real time")
print(f"waveform (measure)    : {us:7.2f} s  {audio/us:8.0f}x real time")
print(f"ratio ours/ffmpeg     : {us/ff:.2f} (below 1 is faster)")
PY
