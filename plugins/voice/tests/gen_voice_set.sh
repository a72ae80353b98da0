#!/usr/bin/env bash
# Builds the generated voice-note set the `waveform` agreement test also runs on
# (tests/ffmpeg.rs, `the_generated_voice_notes_agree_with_ffmpeg`): real recorded speech from
# Debian's pocketsphinx-testdata (LibriVox, with transcripts) turned into WhatsApp-style voice
# notes (Opus, 16 kbit/s, -application voip, mono, 16 and 48 kHz input), a five-minute note,
# a near-silent note, and music-like stereo files (MP3, AAC) with a loudness envelope.
#
#   plugins/voice/tests/gen_voice_set.sh [OUT_DIR]      (default: target/voice-set)
#
# Deterministic (bit-exact muxing, seeded noise) and idempotent (existing files are kept;
# manifest.jsonl is rewritten). Needs ffmpeg (with libopus) and pocketsphinx-testdata; installs
# them with apt-get when missing.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
OUT="${1:-$ROOT/target/voice-set}"
DATA=/usr/share/pocketsphinx/test/data/librivox
mkdir -p "$OUT"

need() {
  command -v "$1" >/dev/null 2>&1 && [ -z "${2:-}" ] && return 0
  [ -n "${2:-}" ] && [ -e "$2" ] && return 0
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$3" >/dev/null
}
need ffmpeg "" ffmpeg
need ffmpeg "$DATA/transcription" pocketsphinx-testdata

BITEXACT=(-map_metadata -1 -fflags +bitexact -flags:a +bitexact)
voice() { # voice IN OUT [extra ffmpeg input args]
  [ -f "$2" ] || ffmpeg -v error -y -i "$1" -ac 1 -c:a libopus -b:a 16k -application voip "${BITEXACT[@]}" "${@:3}" "$2"
}

for wav in "$DATA"/*.wav; do
  id=$(basename "$wav" .wav)
  voice "$wav" "$OUT/voice16k_$id.ogg" -ar 16000
  voice "$wav" "$OUT/voice48k_$id.ogg" -ar 48000
done

# Five minutes of speech: the recordings over and over.
if [ ! -f "$OUT/voice16k_5min.ogg" ]; then
  list="$OUT/.concat.txt"; : > "$list"
  for _ in $(seq 12); do for wav in "$DATA"/*.wav; do echo "file '$wav'" >> "$list"; done; done
  ffmpeg -v error -y -f concat -safe 0 -i "$list" -t 300 -ac 1 -ar 16000 -c:a libopus -b:a 16k \
    -application voip "${BITEXACT[@]}" "$OUT/voice16k_5min.ogg"
  rm -f "$list"
fi

# A near-silent note (room noise at -66 dBFS).
[ -f "$OUT/voice_silence.ogg" ] || ffmpeg -v error -y -f lavfi -i "anoisesrc=d=4:c=pink:a=0.0005:r=16000:seed=7" \
  -ac 1 -c:a libopus -b:a 16k -application voip "${BITEXACT[@]}" "$OUT/voice_silence.ogg"

# Music-like: a stereo chord swelling and fading (envelope visible in the bars).
music_src="aevalsrc=exprs='(0.3*sin(2*PI*220*t)+0.2*sin(2*PI*277*t)+0.2*sin(2*PI*330*t))*(0.2+0.8*abs(sin(PI*t/6)))|(0.3*sin(2*PI*221*t)+0.2*sin(2*PI*330*t))*(0.2+0.8*abs(sin(PI*t/6)))':s=44100:d=20"
[ -f "$OUT/music_stereo.mp3" ] || ffmpeg -v error -y -f lavfi -i "$music_src" -c:a libmp3lame -b:a 128k "${BITEXACT[@]}" "$OUT/music_stereo.mp3"
[ -f "$OUT/music_stereo.m4a" ] || ffmpeg -v error -y -f lavfi -i "$music_src" -c:a aac -b:a 128k "${BITEXACT[@]}" "$OUT/music_stereo.m4a"

# The manifest: ffprobe's view of each file.
python3 - "$OUT" <<'PY'
import json, os, subprocess, sys
out = sys.argv[1]
lines = []
for name in sorted(os.listdir(out)):
    if name.startswith(".") or name == "manifest.jsonl":
        continue
    probe = json.loads(subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration:stream=codec_name,sample_rate,channels",
         "-of", "json", os.path.join(out, name)], capture_output=True, text=True).stdout or "{}")
    stream = (probe.get("streams") or [{}])[0]
    lines.append(json.dumps({
        "path": name,
        "kind": "audio",
        "expect": "ok",
        "voice_note": name.startswith("voice"),
        "duration_s": float(probe.get("format", {}).get("duration", 0)),
        "audio_codec": stream.get("codec_name"),
        "sample_rate": int(stream.get("sample_rate", 0)),
        "channels": stream.get("channels"),
    }))
open(os.path.join(out, "manifest.jsonl"), "w").write("\n".join(lines) + "\n")
print(f"{len(lines)} files in {out}")
PY
