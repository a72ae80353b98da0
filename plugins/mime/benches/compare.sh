#!/usr/bin/env bash
# Sniffing speed against `file --mime-type`, side by side in one run: both name every file of
# a collection (the mime long tail, else the media corpus), in five interleaved rounds; the
# medians and their ratio are printed. Also prints how often the two answers agree.
#
#   plugins/mime/benches/compare.sh [DIR]   # DIR holds manifest.jsonl (default: target/longtail/mime)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
DIR="${1:-target/longtail/mime}"
[ -f "$DIR/manifest.jsonl" ] || DIR="target/corpus"
[ -f "$DIR/manifest.jsonl" ] || { echo "no collection: run plugins/mime/tools/longtail.sh target/longtail" >&2; exit 2; }
cargo build -q --release -p pipes-media-mime --example sniff_files
BIN=target/release/examples/sniff_files
mapfile -t FILES < <(/usr/bin/python3 -c '
import json, sys
for line in open(sys.argv[1] + "/manifest.jsonl"):
    if line.strip():
        print(sys.argv[1] + "/" + json.loads(line)["path"])' "$DIR")
ROUNDS=5
now() { date +%s%N; }
declare -a T_FILE T_OURS
for _ in $(seq $ROUNDS); do
  a=$(now); file -b --mime-type "${FILES[@]}" >/dev/null; b=$(now)
  "$BIN" "${FILES[@]}" >/dev/null; c=$(now)
  T_FILE+=($(( (b - a) / 1000 ))); T_OURS+=($(( (c - b) / 1000 )))
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
mf=$(median "${T_FILE[@]}"); mo=$(median "${T_OURS[@]}")
n=${#FILES[@]}
same=$(paste <(file -b --mime-type "${FILES[@]}") <("$BIN" "${FILES[@]}" | cut -f2) | awk -F'\t' '$1 == $2' | wc -l)
printf 'collection: %s (%d files)\n' "$DIR" "$n"
printf '| tool | median of %d rounds | per file |\n| --- | --- | --- |\n' "$ROUNDS"
printf '| file --mime-type | %d us | %.1f us |\n' "$mf" "$(echo "$mf / $n" | bc -l)"
printf '| pipes-media-mime sniff | %d us | %.1f us |\n' "$mo" "$(echo "$mo / $n" | bc -l)"
printf 'ratio file / ours: %.1fx; identical answers (no alias folding): %d of %d\n' "$(echo "$mf / $mo" | bc -l)" "$same" "$n"
# Inside the process, without its start-up: each file's open, head read and sniff.
SNIFF_TIMES=1 "$BIN" "${FILES[@]}" | cut -f3 | sort -n | awk '{ a[NR] = $1; s += $1 }
  END { printf "ours in-process per file: median %.1f us, p90 %.1f us, max %.1f us, sum %.0f us\n", a[int((NR + 1) / 2)], a[int(NR * 0.9)], a[NR], s }'
