#!/usr/bin/env python3
"""Ground truth for the audio long-tail set: reads `path<TAB>class<TAB>note` lines, writes one
JSON object per file (see longtail.sh for the fields) from ffprobe and an ffmpeg decode."""
import json
import subprocess
import sys


def ffprobe(path):
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", path],
        capture_output=True, text=True)
    if out.returncode != 0:
        return None
    try:
        return json.loads(out.stdout)
    except ValueError:
        return None


def decoded_audio_s(path, rate):
    """Samples of the first audio stream as ffmpeg decodes them, over the decoder's rate."""
    out = subprocess.run(
        ["ffmpeg", "-v", "error", "-nostdin", "-i", path, "-map", "0:a:0", "-ac", "1",
         "-f", "s16le", "-"], capture_output=True)
    samples = len(out.stdout) // 2
    return samples / rate if rate else None, out.returncode == 0 and samples > 0


def decoded_video_s(path):
    """The end time ffmpeg reports after decoding every stream (`-f null`)."""
    out = subprocess.run(
        ["ffmpeg", "-nostdin", "-i", path, "-f", "null", "-", "-progress", "pipe:1", "-nostats"],
        capture_output=True, text=True)
    end = None
    for line in out.stdout.splitlines():
        if line.startswith("out_time_us="):
            try:
                end = int(line.split("=", 1)[1]) / 1e6
            except ValueError:
                pass
    return end, out.returncode == 0


CRAFTED = {"ape", "tak", "he-aac"}


def main():
    for line in open(sys.argv[1]):
        path, cls, note = line.rstrip("\n").split("\t")
        entry = {"path": path, "class": cls, "note": note, "truncated": cls == "truncated"}
        info = ffprobe(path)
        if info is None:
            entry["ffprobe_ok"] = False
            print(json.dumps(entry))
            continue
        entry["ffprobe_ok"] = True
        fmt = info.get("format", {})
        if "duration" in fmt:
            entry["ffprobe"] = round(float(fmt["duration"]), 6)
        streams = info.get("streams", [])
        audio = [s for s in streams if s.get("codec_type") == "audio"]
        video = [s for s in streams if s.get("codec_type") == "video"
                 and s.get("disposition", {}).get("attached_pic", 0) == 0]
        if audio:
            a = audio[0]
            entry["codec"] = a.get("codec_name")
            entry["sample_rate"] = int(a.get("sample_rate", 0))
            entry["channels"] = a.get("channels")
        if video:
            v = video[0]
            entry["video_codec"] = v.get("codec_name")
            entry["width"] = v.get("width")
            entry["height"] = v.get("height")
        if video:
            entry["decoded_s"], entry["decode_ok"] = decoded_video_s(path)
        elif audio:
            entry["decoded_s"], entry["decode_ok"] = decoded_audio_s(path, entry["sample_rate"])
        if cls in CRAFTED:
            # Headers written by hand over frames that are not real audio (APE, TAK), or a real
            # AAC-LC stream relabelled HE-AAC: what ffmpeg decodes from them says nothing of
            # the header's truth, so the truth is ffprobe's duration.
            entry["decode_ok"] = False
            entry["truth"] = "ffprobe"
        if entry.get("decoded_s") is not None:
            entry["decoded_s"] = round(entry["decoded_s"], 6)
        print(json.dumps(entry))


if __name__ == "__main__":
    main()
