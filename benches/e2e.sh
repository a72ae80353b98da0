#!/usr/bin/env bash
# End to end: N mixed messages (the bundled samples, repeated) from a local pipes-sim through the
# example pipeline with every stage, at 1 and 2 workers, against a shell loop of the standard tools
# doing the same work on the same media (curl download, sha256sum, then vipsthumbnail / ffprobe /
# pdftotext by type). Then RSS over time during a longer run (benches/soak.sh), to show memory
# stays flat.
#
#   benches/e2e.sh [MESSAGES] [SOAK_MESSAGES]      (defaults 1000 and 10000)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-1000}"; SOAK="${2:-10000}"
WORK="$(mktemp -d /tmp/pipes-e2e.XXXXXX)"
trap 'stop_sim; rm -rf "$WORK"' EXIT
. "$ROOT/benches/lib.sh"

need curl curl; need vipsthumbnail libvips-tools; need ffprobe ffmpeg; need pdftotext poppler-utils
build_release

make_dir() { # count dir
  mkdir -p "$2"; local samples=("$ROOT"/fixtures/samples/*); local i
  for ((i = 0; i < $1; i++)); do local f="${samples[$((i % ${#samples[@]}))]}"; ln -s "$f" "$2/$(printf %05d "$i")-$(basename "$f")"; done
}

make_dir "$N" "$WORK/mixed"
cat "$ROOT"/fixtures/samples/* >/dev/null
declare -A RATE
for workers in 1 2; do
  # The protocol's offline queue holds 100 messages per sender: spread the batch over senders.
  start_sim "$WORK/mixed" --senders $(( (N + 49) / 50 ))
  t0=$(now)
  PIPES_BASE_URL=$BASE PIPES_API_KEY=$KEY "$PIPELINE" --out "$WORK/out$workers" --concurrency $workers --max-messages "$N" --quiet
  t1=$(now)
  RATE[$workers]=$(python3 -c "print($N/($t1-$t0))")
  if [ $workers = 2 ]; then
    # The shell loop, on the same media ids, while this simulator still serves them.
    mkdir -p "$WORK/loop"
    python3 - "$WORK/out2/report.jsonl" > "$WORK/jobs.txt" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    d = json.loads(line)
    m = d.get("media") or {}
    if m.get("mediaId"):
        print(m["mediaId"], m.get("declaredMime") or "")
PY
    t0=$(now)
    while read -r id mime; do
      f="$WORK/loop/$id"
      curl -sS -L -H "Authorization: Bearer $KEY" -o "$f" "$BASE/v1/media/download/$id"
      sha256sum "$f" >/dev/null
      case "$mime" in
        image/*) VIPS_CONCURRENCY=1 vipsthumbnail --size 320x320 -o "$WORK/loop/%s-thumb.jpg" "$f" 2>/dev/null || true ;;
        audio/*|video/*) ffprobe -v error -show_entries format=duration:stream=codec_name,sample_rate,channels,width,height -of json "$f" >/dev/null || true ;;
        application/pdf) pdftotext -enc UTF-8 "$f" "$f.txt" || true ;;
      esac
    done < "$WORK/jobs.txt"
    t1=$(now)
    LOOP=$(python3 -c "print($(wc -l < "$WORK/jobs.txt")/($t1-$t0))")
  fi
  stop_sim
done

echo "| run | messages/s |"
echo "| --- | --- |"
printf '| pipeline, all stages, --concurrency 1 | %.1f |\n' "${RATE[1]}"
printf '| pipeline, all stages, --concurrency 2 | %.1f |\n' "${RATE[2]}"
printf '| shell loop: curl + sha256sum + vipsthumbnail/ffprobe/pdftotext | %.1f |\n' "$LOOP"
python3 -c "print(f'| ratio pipeline (2 workers) / shell loop | {${RATE[2]}/$LOOP:.2f}x |'); print(f'| scaling 2 workers / 1 worker | {${RATE[2]}/${RATE[1]}:.2f}x |')"

# Memory over time during a longer run.
echo
"$ROOT/benches/soak.sh" "$SOAK" 2
