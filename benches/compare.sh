#!/usr/bin/env bash
# One table, one run, same files: pipes-media's example binary as a user runs it against the
# standard tools a user would otherwise script together.
#
#   benches/compare.sh [--quick]
#
# - download: `pipeline --stages none --concurrency 2` taking two 512 MiB bodies from a local
#   pipes-sim, vs `curl -o file` two at a time and one file after the other (which is faster
#   depends on the machine), and `curl -o file && sha256sum file` two at a time, on the same
#   URLs; peak RSS of our whole process from /usr/bin/time -v.
# - thumbnail / audio / pdf: `pipeline --input DIR --stages X --concurrency 1` (start-up, reading,
#   report, durable state: the whole process) vs vipsthumbnail (one process, VIPS_CONCURRENCY=1),
#   ffprobe per file, pdftotext per file, over the corpus files of that kind; three interleaved
#   rounds each, medians compared.
# - previews: video poster frames and PDF first pages through `--stages thumbnail` vs
#   `ffmpeg -frames:v 1` and `pdftoppm -f 1 -l 1 -scale-to 320` per file
#   (benches/compare_previews.sh, also runnable alone).
#
# Corpus: $PIPES_MEDIA_CORPUS or target/corpus (shared/corpus/build.sh). Tools are installed with
# apt-get when missing. Prints a Markdown table (paste it into benches/RESULTS.md).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CORPUS="${PIPES_MEDIA_CORPUS:-$ROOT/target/corpus}"
QUICK=0; [ "${1:-}" = "--quick" ] && QUICK=1
BODY_MIB=$([ $QUICK = 1 ] && echo 64 || echo 512)
WORK="$(mktemp -d /tmp/pipes-compare.XXXXXX)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
. "$ROOT/benches/lib.sh"

need curl curl; need vipsthumbnail libvips-tools; need ffprobe ffmpeg; need pdftotext poppler-utils
[ -x /usr/bin/time ] || need /usr/bin/time time
[ -f "$CORPUS/manifest.jsonl" ] || { echo "corpus not found at $CORPUS" >&2; exit 1; }

echo "building release binaries…" >&2
build_release

ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.2f}x' if b>0 else 'n/a')" "$1" "$2"; }
fmt() { python3 -c "import sys; print(f'{float(sys.argv[1]):.1f}')" "$1"; }
ROWS=()
row() { ROWS+=("| $1 | $2 | $3 | $4 | $5 |"); }

# ---------------------------------------------------------------- download
mkdir -p "$WORK/bodies" "$WORK/curl"
for i in 1 2; do head -c $((BODY_MIB * 1024 * 1024)) /dev/urandom > "$WORK/bodies/body$i.mp4"; done
start_sim "$WORK/bodies"
BYTES=$((2 * BODY_MIB * 1024 * 1024))
median() { python3 -c "import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }
# A warm-up round, then five counted rounds with the contenders in turn within each round; the
# medians are compared, so a burst of load from elsewhere on a shared machine moves one sample,
# not the verdict. `sync`
# before each contender, so none pays for writing back the gigabyte the one before it left dirty.
OURS=(); CURL=(); CURL1=(); CURLSHA=(); RSS_ALL=()
for round in 0 1 2 3 4 5; do
  rm -rf "$WORK/dl"; sync
  t0=$(now)
  PIPES_BASE_URL="$BASE" PIPES_API_KEY=$KEY /usr/bin/time -v -o "$WORK/time.txt" \
    "$PIPELINE" --out "$WORK/dl" --stages none --concurrency 2 --max-size $((BYTES)) --max-messages 2 --quiet
  t1=$(now)
  OURS+=("$(python3 -c "print($BYTES/1048576/($t1-$t0))")")
  RSS_ALL+=("$(awk -F': ' '/Maximum resident/ {print $2}' "$WORK/time.txt")")
  mapfile -t IDS < <(python3 -c "
import json,sys
for l in open('$WORK/dl/report.jsonl'): print(json.loads(l)['media']['mediaId'])")
  rm -f "$WORK"/curl/*; sync
  t0=$(now)
  PIDS=(); for id in "${IDS[@]}"; do curl -sS -L -H "Authorization: Bearer $KEY" -o "$WORK/curl/$id" "$BASE/v1/media/download/$id" & PIDS+=($!); done; wait "${PIDS[@]}"
  t1=$(now)
  CURL+=("$(python3 -c "print($BYTES/1048576/($t1-$t0))")")
  rm -f "$WORK"/curl/*; sync
  t0=$(now)
  for id in "${IDS[@]}"; do curl -sS -L -H "Authorization: Bearer $KEY" -o "$WORK/curl/$id" "$BASE/v1/media/download/$id"; done
  t1=$(now)
  CURL1+=("$(python3 -c "print($BYTES/1048576/($t1-$t0))")")
  rm -f "$WORK"/curl/*; sync
  t0=$(now)
  PIDS=(); for id in "${IDS[@]}"; do (curl -sS -L -H "Authorization: Bearer $KEY" -o "$WORK/curl/$id" "$BASE/v1/media/download/$id" && sha256sum "$WORK/curl/$id" >/dev/null) & PIDS+=($!); done; wait "${PIDS[@]}"
  t1=$(now)
  CURLSHA+=("$(python3 -c "print($BYTES/1048576/($t1-$t0))")")
  if [ "$round" = 0 ]; then # warm-up: every contender's first run is slow on a cold machine
    OURS=(); CURL=(); CURL1=(); CURLSHA=(); RSS_ALL=()
  fi
  # The simulator serves each body to one run only (a re-sent message gets fresh ids).
  stop_sim; start_sim "$WORK/bodies"
done
echo "download rounds (MiB/s): ours ${OURS[*]}; curl -o two at a time ${CURL[*]}; curl -o one after the other ${CURL1[*]}; curl -o && sha256sum ${CURLSHA[*]}" >&2
OURS_MIBS=$(median "${OURS[@]}"); CURL_MIBS=$(median "${CURL[@]}"); CURL1_MIBS=$(median "${CURL1[@]}"); CURLSHA_MIBS=$(median "${CURLSHA[@]}")
RSS_KIB=$(printf '%s\n' "${RSS_ALL[@]}" | sort -n | tail -1)
row "download 2×${BODY_MIB} MiB, SHA-256, to disk (MiB/s, median of 5)" "$(fmt "$OURS_MIBS")" "curl -o, two at a time" "$(fmt "$CURL_MIBS")" "$(ratio "$OURS_MIBS" "$CURL_MIBS")"
row "download, as above" "$(fmt "$OURS_MIBS")" "curl -o, one file after the other" "$(fmt "$CURL1_MIBS")" "$(ratio "$OURS_MIBS" "$CURL1_MIBS")"
row "download + hash (MiB/s)" "$(fmt "$OURS_MIBS")" "curl -o && sha256sum, two at a time" "$(fmt "$CURLSHA_MIBS")" "$(ratio "$OURS_MIBS" "$CURLSHA_MIBS")"
row "peak RSS of the whole process, worst of 5 (MiB)" "$((RSS_KIB / 1024))" "target" "64" "-"
stop_sim
rm -rf "$WORK/bodies" "$WORK/curl" "$WORK/dl"

# ---------------------------------------------------------------- stages over corpus files
pick() { python3 - "$CORPUS" "$1" "$2" <<'PY'
import json, os, sys
root, kinds, mimes = sys.argv[1], sys.argv[2].split(","), sys.argv[3]
for line in open(os.path.join(root, "manifest.jsonl")):
    e = json.loads(line)
    ok = mimes == "*" or any(e["mime"] == m or (m.endswith("/") and e["mime"].startswith(m)) for m in mimes.split(","))
    if e.get("kind") in kinds and e.get("expect", "ok") == "ok" and ok:
        print(os.path.join(root, e["path"]))
PY
}
stage_dir() { # name kinds mimes -> dir of symlinks
  local dir="$WORK/in-$1"; mkdir -p "$dir"; local n=0
  while read -r f; do n=$((n+1)); ln -s "$f" "$dir/$(printf %04d $n)-$(basename "$f")"; done < <(pick "$2" "$3")
  cat "$dir"/* >/dev/null; echo "$dir"
}
# Each stage row: three rounds, ours then the tool in each, medians compared (as for download).
STAGE_ROUNDS=3
timed() { local t0 t1; t0=$(now); "$@" >/dev/null; t1=$(now); python3 -c "print($t1-$t0)"; }
ours() { "$PIPELINE" --input "$1" --stages "$2" --concurrency 1 --out "$WORK/out-$2" --quiet; }
vips_all() { VIPS_CONCURRENCY=1 vipsthumbnail --size 320x320 -o "$WORK/vips/%s.jpg" "$1"/*; }
ffprobe_each() { local f; for f in "$1"/*; do ffprobe -v error -show_entries format=duration:stream=codec_name,sample_rate,channels,width,height -of json "$f" || true; done; }
pdftotext_each() { local f; for f in "$1"/*; do pdftotext -enc UTF-8 "$f" - 2>/dev/null || true; done; }
interleaved() { # dir stage tool-function -> "ours-median-seconds tool-median-seconds"
  local S=() T=() i
  for i in $(seq $STAGE_ROUNDS); do
    rm -rf "$WORK/out-$2" "$WORK/vips"; mkdir -p "$WORK/vips"
    S+=("$(timed ours "$1" "$2")")
    T+=("$(timed "$3" "$1")")
  done
  echo "$(median "${S[@]}") $(median "${T[@]}")"
}

# thumbnails: JPEG photos
D=$(stage_dir thumb image,real "image/jpeg"); N=$(ls "$D" | wc -l)
MP=$(python3 - "$CORPUS" <<'PY'
import json, os, sys
root = sys.argv[1]; mp = 0
for line in open(os.path.join(root, "manifest.jsonl")):
    e = json.loads(line)
    if e.get("kind") in ("image", "real") and e["mime"] == "image/jpeg" and e.get("expect","ok") == "ok":
        mp += e.get("width", 0) * e.get("height", 0) / 1e6
print(mp)
PY
)
read -r S V < <(interleaved "$D" thumbnail vips_all)
row "thumbnails, $N JPEG photos, 1 thread (img/s, median of $STAGE_ROUNDS)" "$(fmt "$(python3 -c "print($N/$S)")")" "vipsthumbnail" "$(fmt "$(python3 -c "print($N/$V)")")" "$(ratio "$V" "$S")"
row "thumbnails (MP/s)" "$(fmt "$(python3 -c "print($MP/$S)")")" "vipsthumbnail" "$(fmt "$(python3 -c "print($MP/$V)")")" "$(ratio "$V" "$S")"

# ---------------------------------------------------------------- thumbnails by image format
# (thumbnail stage) One row per format over the corpus files of that type (image/ and real/):
# the whole example binary, `--stages thumbnail --concurrency 1`, against one vipsthumbnail
# process (VIPS_CONCURRENCY=1) over the same files; ratio = vips seconds / ours (above 1: ours
# faster). Targets: >= 1.5x for every format, JPEG >= 2x.
for spec in "JPEG:image/jpeg" "PNG:image/png" "WebP:image/webp" "GIF:image/gif"; do
  FORMAT=${spec%%:*}; MIME=${spec#*:}
  DF=$(stage_dir "thumb-$FORMAT" image,real "$MIME"); NF=$(ls "$DF" | wc -l)
  [ "$NF" -gt 0 ] || continue
  read -r S V < <(interleaved "$DF" thumbnail vips_all)
  row "thumbnails, $NF $FORMAT files, 1 thread (img/s, median of $STAGE_ROUNDS)" "$(fmt "$(python3 -c "print($NF/$S)")")" "vipsthumbnail" "$(fmt "$(python3 -c "print($NF/$V)")")" "$(ratio "$V" "$S")"
done
# ---------------------------------------------------------------- end of thumbnails by format

# durations: audio and video
D2=$(stage_dir audio audio,video,real "audio/,video/"); N=$(ls "$D2" | wc -l)
read -r S F < <(interleaved "$D2" audio ffprobe_each)
row "duration, $N audio/video files (files/s, median of $STAGE_ROUNDS)" "$(fmt "$(python3 -c "print($N/$S)")")" "ffprobe per file" "$(fmt "$(python3 -c "print($N/$F)")")" "$(ratio "$F" "$S")"

# PDF text
D=$(stage_dir pdf pdf,real "application/pdf"); N=$(ls "$D" | wc -l)
PAGES=0; for f in "$D"/*; do p=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}'); PAGES=$((PAGES + ${p:-0})); done
read -r S P < <(interleaved "$D" pdf pdftotext_each)
row "PDF text, $N PDFs / $PAGES pages (pages/s, median of $STAGE_ROUNDS)" "$(fmt "$(python3 -c "print($PAGES/$S)")")" "pdftotext per file" "$(fmt "$(python3 -c "print($PAGES/$P)")")" "$(ratio "$P" "$S")"

# ---------------------------------------------------------------- previews (video, PDF)
# Video poster frames and PDF first pages through the thumbnail stage, vs ffmpeg and pdftoppm
# per file: benches/compare_previews.sh, with this script's binary and round count.
while IFS= read -r line; do ROWS+=("$line"); done < <(PIPELINE="$PIPELINE" PIPES_MEDIA_CORPUS="$CORPUS" \
  "$ROOT/benches/compare_previews.sh" --rows "$STAGE_ROUNDS")

echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(date -u +%Y-%m-%d)"
echo "corpus: $CORPUS ($(wc -l < "$CORPUS/manifest.jsonl") files)"
echo
echo "| measure | pipes-media | tool | tool figure | ratio |"
echo "| --- | --- | --- | --- | --- |"
printf '%s\n' "${ROWS[@]}"
