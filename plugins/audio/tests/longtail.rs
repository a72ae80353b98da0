//! Accuracy over the long-tail set that `tools/longtail.sh` builds (gapless MP3/M4A, MPEG-2/2.5,
//! tagged files, ASF, APE, WavPack, TTA, TAK, Musepack, DSF/DFF, AC-3, AVI, FLV, MPEG-PS/TS,
//! Ogg Theora, M4B, multi-track, HE-AAC, truncated copies), read from `$PIPES_MEDIA_LONGTAIL`
//! (its `audio/` folder) or `target/longtail/audio`; SKIP without it.
//!
//! Truth is what ffmpeg decodes (`decoded_s`: the first audio stream's sample count over its
//! rate, or the end time of `ffmpeg -f null` for video); where ffmpeg cannot decode a file
//! (the hand-made APE and TAK files carry headers over undecodable frames) it is ffprobe's
//! duration. A file passes when its duration is within max(20 ms, 0.1 %) of the truth, its
//! codec, rate and channels are ffprobe's (first audio stream), its video codec and size are
//! ffprobe's, and a truncated copy is flagged truncated. At least 98 % must pass.
#![allow(clippy::print_stderr, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use pipes_media_audio::{AudioFacts, AudioStage};
use serde_json::Value;

fn dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("PIPES_MEDIA_LONGTAIL").map(|d| PathBuf::from(d).join("audio")),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/longtail/audio")),
    ];
    let found = candidates
        .into_iter()
        .flatten()
        .find(|d| d.join("manifest.jsonl").is_file());
    if found.is_none() {
        eprintln!(
            "SKIP: no long-tail set (run plugins/audio/tools/longtail.sh or set PIPES_MEDIA_LONGTAIL)"
        );
    }
    found
}

/// Every way `facts` disagrees with the manifest entry `e`.
fn problems(e: &Value, f: &AudioFacts) -> Vec<String> {
    let mut out = Vec::new();
    let decoded = e["decoded_s"].as_f64().filter(|_| e["decode_ok"] == true);
    let truth = decoded.or(e["ffprobe"].as_f64()).unwrap_or(0.0);
    if (f.duration_s - truth).abs() > 0.020_f64.max(truth * 0.001) {
        out.push(format!(
            "duration {:.4} s, truth {truth:.4} s",
            f.duration_s
        ));
    }
    let same = |ours: Option<Value>, key: &str| -> Option<String> {
        let want = &e[key];
        (!want.is_null() && ours.as_ref() != Some(want))
            .then(|| format!("{key} {ours:?}, ffprobe {want}"))
    };
    out.extend(same(f.codec.clone().map(Value::from), "codec"));
    out.extend(same(f.sample_rate.map(Value::from), "sample_rate"));
    out.extend(same(f.channels.map(Value::from), "channels"));
    out.extend(same(f.video_codec.clone().map(Value::from), "video_codec"));
    out.extend(same(f.width.map(Value::from), "width"));
    out.extend(same(f.height.map(Value::from), "height"));
    if e["truncated"] == true && !f.truncated {
        out.push("not flagged truncated".to_owned());
    }
    if e["truncated"] != true && f.truncated {
        out.push("flagged truncated".to_owned());
    }
    out
}

#[test]
fn long_tail_files_are_measured_as_ffmpeg_decodes_them() {
    let Some(dir) = dir() else {
        return;
    };
    let manifest = std::fs::read_to_string(dir.join("manifest.jsonl")).unwrap();
    let entries: Vec<Value> = manifest
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|e: &Value| e["ffprobe_ok"] == true)
        .collect();
    let stage = AudioStage::default();
    let (mut passed, mut failures) = (0usize, Vec::new());
    eprintln!(
        "{:<34} {:<10} {:>9} {:>9} {:<10} result",
        "file", "class", "ours s", "truth s", "source"
    );
    for e in &entries {
        let path = e["path"].as_str().unwrap();
        let result = stage.probe_path(&dir.join(path));
        let (line, ok) = match &result {
            Ok(f) => {
                let p = problems(e, f);
                let truth = e["decoded_s"]
                    .as_f64()
                    .filter(|_| e["decode_ok"] == true)
                    .or(e["ffprobe"].as_f64())
                    .unwrap_or(0.0);
                (
                    format!(
                        "{:>9.4} {truth:>9.4} {:<10} {}",
                        f.duration_s,
                        f.duration_source.as_str(),
                        if p.is_empty() {
                            "ok".to_owned()
                        } else {
                            p.join("; ")
                        }
                    ),
                    p.is_empty(),
                )
            }
            Err(err) => (format!("error {}: {err}", err.code()), false),
        };
        eprintln!(
            "{path:<34} {:<10} {line}",
            e["class"].as_str().unwrap_or("-")
        );
        if ok {
            passed += 1;
        } else {
            failures.push(format!("{path}: {line}"));
        }
    }
    let share = passed as f64 / entries.len().max(1) as f64;
    eprintln!(
        "long tail: {passed}/{} within max(20 ms, 0.1 %) with ffprobe's stream facts ({:.1} %)",
        entries.len(),
        share * 100.0
    );
    assert!(!entries.is_empty(), "empty long-tail manifest");
    assert!(share >= 0.98, "under 98 %:\n{}", failures.join("\n"));
}
