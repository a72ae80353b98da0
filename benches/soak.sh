#!/usr/bin/env bash
# Memory over time: N mixed messages (the bundled samples, repeated) from a local pipes-sim through
# the release example pipeline with every stage and the durable store, printing the process's RSS
# and the messages finished every few seconds, then a verdict on growth after warm-up.
#
#   benches/soak.sh [MESSAGES] [INTERVAL_SECS] [-- extra pipeline flags, e.g. --memory-queue]
#   (defaults 10000 messages, a sample every 2 s)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-10000}"; EVERY="${2:-2}"
shift $(( $# < 2 ? $# : 2 )); [ "${1:-}" = "--" ] && shift
WORK="$(mktemp -d /tmp/pipes-soak.XXXXXX)"
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; stop_sim; rm -rf "$WORK"' EXIT
. "$ROOT/benches/lib.sh"

build_release

# N symlinks to the samples, made in one python process (a shell loop forks N times).
python3 - "$ROOT/fixtures/samples" "$WORK/media" "$N" <<'PY'
import os, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
samples = sorted(os.path.join(src, f) for f in os.listdir(src))
os.makedirs(dst)
for i in range(n):
    f = samples[i % len(samples)]
    os.symlink(f, os.path.join(dst, f"{i:07d}-{os.path.basename(f)}"))
PY
# The protocol's offline queue holds 100 messages per sender: spread the batch over senders.
start_sim "$WORK/media" --senders $(( (N + 49) / 50 ))

PIPES_BASE_URL="$BASE" PIPES_API_KEY=$KEY "$PIPELINE" --out "$WORK/out" \
  --concurrency 2 --max-messages "$N" --quiet "$@" &
PID=$!
echo "soak: $N messages, all stages, --concurrency 2 $*; RSS of the pipeline process every ${EVERY} s"
echo "| t (s) | messages finished | RSS (MiB) |"
echo "| --- | --- | --- |"
start=$(date +%s.%N); SERIES=()
while kill -0 $PID 2>/dev/null; do
  rss=$(awk '/VmRSS/ {printf "%.1f", $2/1024}' /proc/$PID/status 2>/dev/null || true)
  done_n=$(wc -l 2>/dev/null < "$WORK/out/report.jsonl" || echo 0)
  t=$(python3 -c "print(f'{$(date +%s.%N)-$start:.0f}')")
  if [ -n "$rss" ]; then SERIES+=("$rss"); echo "| $t | $done_n | $rss |"; fi
  sleep "$EVERY"
done
wait $PID; PID=""
echo
echo "lines in report: $(wc -l < "$WORK/out/report.jsonl") of $N"
# Verdict: warm-up is the first quarter of the run; growth is the mean of the last quarter over
# the mean of the second quarter.
python3 - "${SERIES[@]}" <<'PY'
import sys
s = [float(x) for x in sys.argv[1:]]
if len(s) < 8:
    print("run too short for a verdict (fewer than 8 samples): raise MESSAGES")
    sys.exit(0)
q = len(s) // 4
second, last = s[q:2*q], s[-q:]
m2, m4 = sum(second)/len(second), sum(last)/len(last)
print(f"RSS after warm-up: min {min(s[q:]):.1f} MiB, max {max(s[q:]):.1f} MiB, peak {max(s):.1f} MiB; "
      f"mean of 2nd quarter {m2:.1f} MiB, of last quarter {m4:.1f} MiB ({(m4-m2)/m2*100:+.1f} %)")
PY
