//! Accuracy over the ground-truth corpus: every audio and video file, `real/` included, must give
//! the truth duration within 20 ms or 0.1% (whichever is larger) and ffprobe's stream facts.
//!
//! Truth: what ffmpeg decodes. That is ffprobe's `duration_s`, except
//! - Opus: `duration_s` minus the OpusHead pre-skip / 48000 (RFC 7845; ffprobe does not subtract it);
//! - mp3 with a LAME/Info tag (every mp3 the corpus makes, except the `noxing` ones): ffmpeg's
//!   decoder drops the tag's encoder delay and padding, which leaves exactly the generated
//!   duration, `nominal_duration_s` (checked with `ffmpeg -i F -f s16le -` on every such file;
//!   ffprobe's `duration_s` counts the padding in);
//! - `mp3_vbr_noxing_*`: ffprobe only estimates from the bitrate there, so the truth is the
//!   generated duration plus the encoder's padding, which is exactly the duration of the sibling
//!   `mp3_vbr_xing_*` file (same encoder run, same audio frames, its Xing header counts them).
#![allow(clippy::print_stderr, clippy::unwrap_used)]

use std::path::Path;

use pipes_media_audio::{AudioConfig, AudioError, AudioStage};
use pipes_media_core::Stage;
use pipes_media_testkit::corpus;
use pipes_media_testkit::stage::{StageHarness, TestMessage};
use serde_json::Value;

fn opus_pre_skip(path: &Path) -> f64 {
    let head = std::fs::read(path).unwrap();
    let at = head
        .windows(8)
        .take(512)
        .position(|w| w == b"OpusHead")
        .unwrap();
    f64::from(u16::from_le_bytes([head[at + 10], head[at + 11]])) / 48_000.0
}

/// `(truth seconds, how it was obtained)`.
fn truth(dir: &Path, entry: &Value, all: &[Value]) -> (f64, &'static str) {
    let path = entry["path"].as_str().unwrap();
    let ffprobe = entry["duration_s"].as_f64().unwrap();
    if entry["audio_codec"] == "opus" {
        return (ffprobe - opus_pre_skip(&dir.join(path)), "ffprobe-preskip");
    }
    if entry["audio_codec"] == "mp3" && !path.contains("noxing") && !path.starts_with("hostile/") {
        if let Some(nominal) = entry["nominal_duration_s"].as_f64() {
            return (nominal, "decoded (gapless)");
        }
    }
    if path.contains("mp3_vbr_noxing_") {
        let sibling = path.replace("noxing", "xing");
        if let Some(s) = all.iter().find(|e| e["path"] == sibling.as_str()) {
            return (s["duration_s"].as_f64().unwrap(), "xing sibling");
        }
        // Without the sibling: the generated duration plus the LAME delay and padding (≤ 2 frames).
        return (
            entry["nominal_duration_s"].as_f64().unwrap() + 0.0486,
            "nominal+pad",
        );
    }
    (ffprobe, "ffprobe")
}

/// Whether the entry is an intact audio or video file (the accuracy set).
fn is_media(entry: &Value) -> bool {
    matches!(entry["kind"].as_str(), Some("audio" | "video"))
}

#[test]
fn every_corpus_audio_and_video_file_is_accurate() {
    let Some(dir) = corpus::dir() else {
        return;
    };
    let all = corpus::manifest(&dir);
    let stage = AudioStage::new(AudioConfig::default());
    let mut failures = Vec::new();
    let mut rows = 0;
    eprintln!(
        "{:<58} {:>11} {:>11} {:>8} {:>7} {:<16} {:<10} {:>6} {:>3} {:<6} {:>9}",
        "file",
        "truth_s",
        "ours_s",
        "diff_ms",
        "tol_ms",
        "truth from",
        "codec",
        "rate",
        "ch",
        "video",
        "size"
    );
    for entry in all.iter().filter(|e| is_media(e)) {
        let path = entry["path"].as_str().unwrap();
        let facts = match stage.probe_path(&dir.join(path)) {
            Ok(f) => f,
            Err(e) => {
                failures.push(format!("{path}: error {e}"));
                continue;
            }
        };
        rows += 1;
        assert!(
            stage.accepts(&StageHarness::<AudioStage>::item_from_file(
                &dir.join(path),
                &TestMessage::document("application/octet-stream")
            )),
            "{path}"
        );
        let (want, how) = truth(&dir, entry, &all);
        let tol = (want * 0.001).max(0.020);
        let diff = facts.duration_s - want;
        let size = facts
            .width
            .map(|w| format!("{w}x{}", facts.height.unwrap_or(0)))
            .unwrap_or_default();
        eprintln!(
            "{:<58} {:>11.6} {:>11.6} {:>8.2} {:>7.1} {:<16} {:<10} {:>6} {:>3} {:<6} {:>9}",
            path,
            want,
            facts.duration_s,
            diff * 1000.0,
            tol * 1000.0,
            how,
            facts.codec.as_deref().unwrap_or("-"),
            facts.sample_rate.unwrap_or(0),
            facts.channels.unwrap_or(0),
            facts.video_codec.as_deref().unwrap_or("-"),
            size
        );
        if how == "xing sibling" {
            // ffprobe only estimates these from the bitrate: we must beat it.
            let theirs = (entry["duration_s"].as_f64().unwrap() - want).abs();
            if diff.abs() >= theirs && theirs > 0.0 {
                failures.push(format!("{path}: ffprobe ({theirs} s off) is not beaten"));
            }
        }
        if diff.abs() > tol {
            failures.push(format!(
                "{path}: duration {} vs truth {want} ({how})",
                facts.duration_s
            ));
        }
        if facts.duration_ms != (facts.duration_s * 1000.0).round() as u64 {
            failures.push(format!("{path}: durationMs disagrees with durationS"));
        }
        let mut same = |name: &str, ours: Option<Value>, theirs: &Value| {
            if !theirs.is_null() && ours.as_ref() != Some(theirs) {
                failures.push(format!("{path}: {name} {ours:?} vs ffprobe {theirs}"));
            }
        };
        same(
            "codec",
            facts.codec.clone().map(Value::from),
            &entry["audio_codec"],
        );
        same(
            "sampleRate",
            facts.sample_rate.map(Value::from),
            &entry["sample_rate"],
        );
        same(
            "channels",
            facts.channels.map(Value::from),
            &entry["channels"],
        );
        same(
            "videoCodec",
            facts.video_codec.clone().map(Value::from),
            &entry["video_codec"],
        );
        if entry["kind"] == "video" {
            same("width", facts.width.map(Value::from), &entry["width"]);
            same("height", facts.height.map(Value::from), &entry["height"]);
            same(
                "hasAudio",
                facts.has_audio.map(Value::from),
                &entry["has_audio"],
            );
            same(
                "rotation",
                facts.rotation.map(Value::from),
                &entry["rotation"],
            );
            if let (Some(ours), Some(fps)) = (facts.fps, entry["fps"].as_f64()) {
                if (ours - fps).abs() > 0.05 {
                    failures.push(format!("{path}: fps {ours} vs {fps}"));
                }
            }
        }
    }
    eprintln!("{rows} files measured, {} failures", failures.len());
    assert!(rows > 0, "no audio or video file in the corpus manifest");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Hostile and non-media files: a typed error or a best-effort result, never a panic; a truncated
/// file never claims more than the intact one.
#[test]
fn hostile_and_other_corpus_files_fail_cleanly() {
    let Some(dir) = corpus::dir() else {
        return;
    };
    let all = corpus::manifest(&dir);
    let stage = AudioStage::new(AudioConfig::default());
    for entry in all.iter().filter(|e| !is_media(e)) {
        let path = entry["path"].as_str().unwrap();
        let mime = entry["mime"].as_str().unwrap_or_default();
        let result = stage.probe_path(&dir.join(path));
        let media = mime.starts_with("audio/") || mime.starts_with("video/");
        if std::fs::metadata(dir.join(path))
            .map(|m| m.len() > 0)
            .unwrap_or(false)
        {
            let item = StageHarness::<AudioStage>::item_from_file(
                &dir.join(path),
                &TestMessage::audio(mime),
            );
            assert_eq!(stage.accepts(&item), media, "{path}: accepts() for {mime}");
        }
        match &result {
            Ok(f) => {
                assert!(media, "{path} ({mime}) measured as media: {f:?}");
                let original = entry["truncated_from"]
                    .as_str()
                    .and_then(|o| all.iter().find(|e| e["path"] == o));
                if let Some(o) = original {
                    let full = o["duration_s"].as_f64().unwrap();
                    assert!(
                        f.duration_s <= full + 0.05,
                        "{path}: {} s from a {full} s file",
                        f.duration_s
                    );
                    assert!(f.truncated, "{path}: not flagged truncated");
                }
            }
            Err(e) => {
                if !media {
                    assert!(
                        matches!(e, AudioError::Unsupported | AudioError::Empty),
                        "{path}: {e}"
                    );
                }
            }
        }
        eprintln!(
            "{path:<50} {}",
            match result {
                Ok(f) => format!("ok {:.3} s truncated={}", f.duration_s, f.truncated),
                Err(e) => format!("{}: {e}", e.code()),
            }
        );
    }
}
