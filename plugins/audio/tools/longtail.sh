#!/usr/bin/env bash
# Builds the audio long-tail test set: files of every class the `audio` stage must measure beyond
# the project corpus (gapless MP3/M4A, MPEG-2/2.5 layer III, tagged MP3/FLAC, ASF/WMA/WMV, APE,
# WavPack, TTA, TAK, Musepack, DSF/DFF, AC-3/E-AC-3, AVI, FLV, MPEG-PS/TS, Ogg Theora, chaptered
# M4B, multi-track files, HE-AAC), with ground truth from ffmpeg/ffprobe in manifest.jsonl.
#
#   plugins/audio/tools/longtail.sh OUT_DIR        (default OUT_DIR: target/longtail/audio)
#
# Deterministic (seeded sources, -fflags +bitexact, fixed metadata) and idempotent: existing
# files are kept, manifest.jsonl is rewritten each run. Needs ffmpeg/ffprobe and python3; uses
# sox, mpcenc (musepack-tools) and flac when present (installed with apt-get when missing and
# root), and writes the formats no encoder here makes (DSF, DFF, APE, TAK headers) with the
# python helper next to this script.
#
# Manifest fields: path, class, ffprobe (format duration s), decoded_s (what ffmpeg decodes:
# the sample count of the first audio stream over its rate, or for video files the end time of
# `ffmpeg -i F -f null -`), codec, sample_rate, channels (first audio stream), video_codec,
# width, height, truncated (a file cut short on purpose), decode_ok (ffmpeg decoded it without
# error), note.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
OUT="${1:-$ROOT/target/longtail/audio}"
mkdir -p "$OUT"
cd "$OUT"

need() { command -v "$1" >/dev/null 2>&1; }
if ! need ffmpeg || ! need ffprobe; then
  apt-get update -qq && apt-get install -y -qq ffmpeg >/dev/null
fi
if ! need mpcenc || ! need flac || ! need sox; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq musepack-tools flac sox >/dev/null 2>&1 || true
  fi
fi
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

FF=(ffmpeg -v error -y -nostdin)
BITEXACT=(-fflags +bitexact -flags:v +bitexact -flags:a +bitexact)
# Seeded sources: a tone with noise (audio) and testsrc2 (video).
tone() { # tone DURATION RATE CHANNELS
  echo "-f lavfi -i aevalsrc=0.4*sin(2*PI*440*t)+0.05*(random(7)-0.5):s=$2:d=$1,aformat=channel_layouts=$([ "$3" = 1 ] && echo mono || echo stereo)"
}
video() { # video DURATION SIZE RATE
  echo "-f lavfi -i testsrc2=d=$1:s=$2:r=$3"
}

make() { # make NAME CLASS NOTE -- ffmpeg args...
  local name="$1" class="$2" note="$3"; shift 4
  if [ ! -s "$name" ]; then
    local meta=(-map_metadata -1)
    [ -n "${KEEP_META:-}" ] && meta=()
    "${FF[@]}" "$@" "${BITEXACT[@]}" "${meta[@]}" "$name" || { echo "SKIP: could not make $name" >&2; rm -f "$name"; return 0; }
  fi
  echo "$name	$class	$note" >> .list
}

rm -f .list
mkdir -p mp3 m4a flac asf ac3 wv tta mpc avi flv mpeg ogg multi dsd ape tak aac

# --- gapless MP3 (LAME tag delay/padding), short and long, CBR/VBR, MPEG-1/2/2.5 layer III
for d in 0.062 0.5 3.3; do
  make mp3/lame_cbr_${d}s.mp3 gapless "libmp3lame CBR 128k 44.1k" -- $(tone $d 44100 2) -c:a libmp3lame -b:a 128k
  make mp3/lame_vbr_${d}s.mp3 gapless "libmp3lame VBR q4 44.1k" -- $(tone $d 44100 1) -c:a libmp3lame -q:a 4
done
for r in 22050 24000 16000; do
  make mp3/mpeg2_${r}.mp3 mpeg2 "MPEG-2 layer III" -- $(tone 2.2 $r 1) -c:a libmp3lame -b:a 32k
done
for r in 11025 12000 8000; do
  make mp3/mpeg25_${r}.mp3 mpeg25 "MPEG-2.5 layer III" -- $(tone 1.7 $r 1) -c:a libmp3lame -b:a 16k
done
make mp3/id3v1.mp3 tags "ID3v1 at the end" -- $(tone 2.0 44100 2) -c:a libmp3lame -b:a 96k -write_id3v1 1 -metadata title=longtail
make mp3/apev2.mp3 tags "APEv2 at the end" -- $(tone 2.0 44100 2) -c:a libmp3lame -b:a 96k -write_apetag 1 -metadata title=longtail
make mp3/noxing_id3v1.mp3 tags "no Xing, ID3v1" -- $(tone 1.5 44100 2) -c:a libmp3lame -b:a 128k -write_xing 0 -write_id3v1 1 -metadata title=longtail
make mp3/mp2_48k.mp2 mp2 "MPEG-1 layer II" -- $(tone 2.0 48000 2) -c:a mp2 -b:a 192k -f mp2

# --- M4A: ffmpeg's edit list, and iTunSMPB (gapless info without an edit list)
make m4a/aac_elst.m4a gapless "aac with edit list" -- $(tone 1.3 44100 2) -c:a aac -b:a 96k
KEEP_META=1 make m4a/chapters.m4b chapters "M4B with a chapter track" -- $(tone 6.0 22050 1) -i "$HERE/chapters.ffmeta" -map 0:a -map_chapters 1 -c:a aac -b:a 48k -f ipod

# --- FLAC: whole files of odd lengths, and with ID3v1/APEv2 appended
for d in 0.7 2.13 5.05; do
  make flac/tone_${d}s.flac flac "ffmpeg flac" -- $(tone $d 44100 2) -c:a flac
done
make flac/blocksize1152.flac flac "flac 1152-sample blocks" -- $(tone 1.9 44100 2) -c:a flac -frame_size 1152
make flac/lpc_hi.flac flac "flac compression 12" -- $(tone 3.1 48000 1) -c:a flac -compression_level 12
if need flac; then
  if [ ! -s flac/cli.flac ]; then
    "${FF[@]}" $(tone 2.6 44100 2) -c:a pcm_s16le "${BITEXACT[@]}" flac/.cli.wav
    flac -s -f --no-seektable -o flac/cli.flac flac/.cli.wav && rm -f flac/.cli.wav
  fi
  echo "flac/cli.flac	flac	flac CLI" >> .list
fi
for tag in id3v1 apev2; do
  if [ ! -s flac/tagged_$tag.flac ] && [ -s flac/tone_2.13s.flac ]; then
    "$PY" "$HERE/longtail_craft.py" append-$tag flac/tone_2.13s.flac flac/tagged_$tag.flac
  fi
  [ -s flac/tagged_$tag.flac ] && echo "flac/tagged_$tag.flac	tags	FLAC + $tag" >> .list
done

# --- ASF: WMA v1/v2, WMV
make asf/wmav2.wma asf "wmav2" -- $(tone 2.5 44100 2) -c:a wmav2 -b:a 64k
make asf/wmav1.wma asf "wmav1" -- $(tone 1.4 22050 1) -c:a wmav1 -b:a 32k
make asf/wmv2.wmv asf "wmv2 + wmav2" -- $(video 2.0 320x240 25) $(tone 2.0 44100 2) -c:v wmv2 -b:v 300k -c:a wmav2 -b:a 64k
make asf/wmv1_only.wmv asf "wmv1, no audio" -- $(video 1.6 176x144 15) -c:v wmv1

# --- AC-3 / E-AC-3 (raw)
make ac3/stereo.ac3 ac3 "ac3 192k" -- $(tone 2.2 48000 2) -c:a ac3 -b:a 192k
make ac3/mono_44k.ac3 ac3 "ac3 mono 44.1k" -- $(tone 1.1 44100 1) -c:a ac3 -b:a 96k
make ac3/stereo.eac3 eac3 "eac3" -- $(tone 2.2 48000 2) -c:a eac3 -b:a 128k

# --- WavPack, TTA
make wv/lossless.wv wavpack "ffmpeg wavpack" -- $(tone 2.4 44100 2) -c:a wavpack
make wv/mono_8k.wv wavpack "ffmpeg wavpack mono" -- $(tone 0.9 8000 1) -c:a wavpack
if need wavpack && [ ! -s wv/cli.wv ]; then
  "${FF[@]}" $(tone 1.7 44100 2) -c:a pcm_s16le "${BITEXACT[@]}" wv/.cli.wav
  wavpack -q -y wv/.cli.wav -o wv/cli.wv >/dev/null 2>&1 && rm -f wv/.cli.wav
fi
[ -s wv/cli.wv ] && echo "wv/cli.wv	wavpack	wavpack CLI" >> .list
make tta/tone.tta tta "ffmpeg tta" -- $(tone 2.3 44100 2) -c:a tta
make tta/mono.tta tta "ffmpeg tta mono 16k" -- $(tone 1.2 16000 1) -c:a tta

# --- Musepack (SV8 from mpcenc)
if need mpcenc; then
  for d in 1.9 4.2; do
    if [ ! -s mpc/sv8_${d}s.mpc ]; then
      "${FF[@]}" $(tone $d 44100 2) -c:a pcm_s16le "${BITEXACT[@]}" mpc/.in.wav
      mpcenc --silent --overwrite mpc/.in.wav mpc/sv8_${d}s.mpc >/dev/null 2>&1 || rm -f mpc/sv8_${d}s.mpc
      rm -f mpc/.in.wav
    fi
    [ -s mpc/sv8_${d}s.mpc ] && echo "mpc/sv8_${d}s.mpc	musepack	mpcenc SV8" >> .list
  done
else
  echo "SKIP: mpcenc (musepack-tools) not installed: no Musepack files" >&2
fi

# --- AVI, FLV
make avi/mpeg4_mp3.avi avi "mpeg4 + mp3" -- $(video 2.0 320x240 25) $(tone 2.0 44100 2) -c:v mpeg4 -q:v 5 -c:a libmp3lame -b:a 96k
make avi/mjpeg_pcm.avi avi "mjpeg + pcm" -- $(video 1.5 160x120 10) $(tone 1.5 22050 1) -c:v mjpeg -q:v 5 -c:a pcm_s16le
make avi/msmpeg4_only.avi avi "msmpeg4v3, no audio" -- $(video 1.2 176x144 12) -c:v msmpeg4
make flv/flv1_mp3.flv flv "flv1 + mp3" -- $(video 2.0 320x240 25) $(tone 2.0 44100 2) -c:v flv -b:v 300k -c:a libmp3lame -b:a 64k
make flv/h264_aac.flv flv "h264 + aac" -- $(video 2.5 256x144 24) $(tone 2.5 44100 2) -c:v libx264 -preset ultrafast -c:a aac -b:a 64k
make flv/audio_only.flv flv "mp3 only" -- $(tone 1.8 22050 1) -c:a libmp3lame -b:a 32k

# --- MPEG-PS / MPEG-TS
make mpeg/mpeg1_mp2.mpg mpegps "mpeg1video + mp2 (PS)" -- $(video 2.0 352x288 25) $(tone 2.0 44100 2) -c:v mpeg1video -b:v 800k -c:a mp2 -b:a 128k -f mpeg
make mpeg/mpeg2_ac3.vob mpegps "mpeg2video + ac3 (VOB)" -- $(video 2.0 352x288 25) $(tone 2.0 48000 2) -c:v mpeg2video -b:v 800k -c:a ac3 -b:a 128k -f vob
make mpeg/h264_aac.ts mpegts "h264 + aac (TS)" -- $(video 2.4 320x240 25) $(tone 2.4 48000 2) -c:v libx264 -preset ultrafast -c:a aac -b:a 96k -f mpegts
make mpeg/mpeg2_mp2.ts mpegts "mpeg2video + mp2 (TS)" -- $(video 1.8 352x288 25) $(tone 1.8 48000 2) -c:v mpeg2video -b:v 800k -c:a mp2 -b:a 128k -f mpegts
make mpeg/audio_only.ts mpegts "mp2 only (TS)" -- $(tone 2.1 48000 2) -c:a mp2 -b:a 128k -f mpegts

# --- Ogg Theora
make ogg/theora_vorbis.ogv theora "theora + vorbis, video longer" -- $(video 3.0 320x240 25) $(tone 2.0 44100 2) -c:v libtheora -q:v 5 -c:a libvorbis -q:a 3
make ogg/theora_only.ogv theora "theora only" -- $(video 1.6 160x120 15) -c:v libtheora -q:v 5

# --- several audio tracks: channels are the first track's
make multi/two_tracks.mka multitrack "stereo + 5.1 audio tracks" -- $(tone 1.5 48000 2) -f lavfi -i "aevalsrc=0.1*sin(2*PI*220*t)|0.1*sin(2*PI*330*t)|0|0|0|0:s=48000:d=1.5" -map 0:a -map 1:a -c:a libvorbis -q:a 2
make multi/two_tracks.mp4 multitrack "stereo + mono aac tracks" -- $(tone 1.5 48000 2) $(tone 1.5 16000 1) -map 0:a -map 1:a -c:a aac -b:a 64k

# --- hand-crafted: DSF, DFF (DSD64 with seeded noise), APE, TAK (headers ffprobe reads)
for spec in "dsd/dsd64_stereo.dsf dsf dsd" "dsd/dsd64_mono.dff dff dsd" "ape/header.ape ape ape" "tak/header.tak tak tak" "aac/he_aac.m4a he-aac heaac" "aac/he_aac_v2.m4a he-aac heaacv2"; do
  set -- $spec
  if [ ! -s "$1" ]; then
    "$PY" "$HERE/longtail_craft.py" "$3" "$1" || { echo "SKIP: could not craft $1" >&2; rm -f "$1"; continue; }
  fi
  echo "$1	$2	crafted ($3)" >> .list
done

# --- truncated copies: what can be played, flagged
for src in mp3/lame_cbr_3.3s.mp3 flac/tone_5.05s.flac asf/wmav2.wma ac3/stereo.ac3 wv/lossless.wv mpeg/h264_aac.ts; do
  [ -s "$src" ] || continue
  dst="cut/$(echo "$src" | tr / _)"
  mkdir -p cut
  if [ ! -s "$dst" ]; then
    size=$(stat -c %s "$src")
    head -c $((size * 6 / 10 + 77)) "$src" > "$dst"
  fi
  echo "$dst	truncated	first 60% (+77 bytes) of $src" >> .list
done

"$PY" "$HERE/longtail_manifest.py" .list > manifest.jsonl
rm -f .list
echo "$(wc -l < manifest.jsonl) files in $OUT" >&2
