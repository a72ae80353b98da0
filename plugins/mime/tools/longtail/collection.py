"""The collection being built: files with their true type, built once, then the manifest."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

IM = "/usr/bin/convert"
FF = ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"]
# Bit-exact muxing, no encoder tags or dates.
BITEXACT = ["-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
            "-map_metadata", "-1"]


def log(msg):
    print(f"[longtail] {msg}", file=sys.stderr)


def run(*cmd, cwd=None, env=None):
    """Runs a tool; its output is shown only when it fails."""
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed:\n"
                           f"{done.stderr.decode(errors='replace')}")
    return done.stdout


class Collection:
    """Files under `root`, each with its true MIME type and how it was made."""

    def __init__(self, root: Path):
        self.root = root
        self.work = root / ".work"
        self.entries = []
        self.built = 0
        root.mkdir(parents=True, exist_ok=True)
        self.work.mkdir(exist_ok=True)

    def add(self, rel, cls, mime, made_by, build, note=""):
        """Registers `rel` (true type `mime`); calls `build(tmp_path)` when it does not exist.

        `build` writes the file at the path it is given (a temporary name with the same
        extension, renamed into place when complete, so an interrupted run leaves no half file).
        """
        path = self.root / rel
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(".part-" + path.name)
            if tmp.exists():
                tmp.unlink()
            build(tmp)
            if not tmp.exists():
                raise RuntimeError(f"{rel}: the build wrote nothing")
            tmp.rename(path)
            self.built += 1
        self.entries.append(dict(path=rel, cls=cls, mime=mime, made_by=made_by, note=note))

    def write_manifest(self):
        """Writes `manifest.jsonl`, asking `file --mime-type` about every file."""
        lines = []
        for e in self.entries:
            path = self.root / e["path"]
            data = path.read_bytes()
            file_mime = run("file", "-b", "--mime-type", path).decode().strip()
            file_says = run("file", "-b", path).decode().strip()
            row = {
                "path": e["path"], "class": e["cls"], "mime": e["mime"],
                "file_mime": file_mime, "file_says": file_says[:160],
                "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                "made_by": e["made_by"],
            }
            if e["note"]:
                row["note"] = e["note"]
            lines.append(json.dumps(row, ensure_ascii=False))
        tmp = self.root / ".manifest.part"
        tmp.write_text("\n".join(lines) + "\n")
        os.replace(tmp, self.root / "manifest.jsonl")
        return len(lines)


def write(path, data: bytes):
    Path(path).write_bytes(data)


def ffmpeg(out, *args, fmt):
    """An ffmpeg output of format `fmt`, bit-exact."""
    run(*FF, *args, *BITEXACT, "-f", fmt, out)


def im(src, out_spec, *opts):
    """ImageMagick: `src` converted to `out_spec` (`FORMAT:path`).

    Written under a fixed name in a scratch directory first: some writers (PostScript) put
    the output's path in the file.
    """
    fmt, _, path = str(out_spec).partition(":")
    path = Path(path)
    scratch = path.parent / ".im"
    scratch.mkdir(exist_ok=True)
    name = "image" + "".join(path.suffixes[-1:])
    run(IM, src, *opts, f"{fmt}:{name}", cwd=scratch)
    (scratch / name).rename(path)
