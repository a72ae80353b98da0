//! The `waveform` stage against ffmpeg on the corpus's voice notes, music and videos: every
//! waveform bar within ±3, `decodedDurationMs` within 20 ms, `peakDbfs` and `rmsDbfs` within
//! 0.5 dB. Also on the generated voice-note set (`tests/gen_voice_set.sh`) when it is built.

mod reference;

use std::path::{Path, PathBuf};

use pipes_media_testkit::corpus;
use pipes_media_voice::{WaveformConfig, WaveformFacts, WaveformStage};
use reference::{container_length, ffmpeg_available, reference, Reference};

/// Largest allowed differences.
const BAR: i32 = 3;
const DURATION_MS: f64 = 20.0;
const DB: f64 = 0.5;

#[derive(Default)]
struct Worst {
    bar: i32,
    ms: f64,
    peak: f64,
    rms: f64,
}

#[allow(clippy::print_stderr)]
fn compare(path: &Path, label: &str, worst: &mut Worst, failures: &mut Vec<String>) {
    let stage = WaveformStage::new(WaveformConfig::default());
    let got: WaveformFacts = match stage.measure_path(path) {
        Ok(f) => f,
        Err(e) => {
            failures.push(format!("{label}: the stage failed: {e}"));
            return;
        }
    };
    let Some(want): Option<Reference> = reference(path) else {
        failures.push(format!("{label}: ffmpeg could not decode it"));
        return;
    };
    // ffmpeg 5.1 ignores the last granule position of some Ogg Vorbis files (and keeps a
    // different number of samples of the first packet), giving more or fewer samples than its
    // own container says; symphonia follows the Vorbis spec. Such a reference is not used.
    if let Some(("vorbis", length)) = container_length(path)
        .as_ref()
        .map(|(c, l)| (c.as_str(), *l))
    {
        let off_ms = (want.samples as f64 - length as f64).abs() * 1000.0 / f64::from(want.rate);
        if off_ms > 1.0 {
            eprintln!(
                "{label:<58} NOT COMPARED: ffmpeg decodes {} samples, its container says {length}",
                want.samples
            );
            return;
        }
    }
    let bar = got
        .waveform
        .iter()
        .zip(&want.waveform)
        .map(|(a, b)| (i32::from(*a) - i32::from(*b)).abs())
        .max()
        .unwrap_or(0);
    let ms = (got.decoded_duration_ms as f64 - want.duration_ms).abs();
    let peak = (got.peak_dbfs - want.peak_dbfs).abs();
    let rms = (got.rms_dbfs - want.rms_dbfs).abs();
    eprintln!(
        "{label:<58} {:>6} {:>9} ms {:>+7.2} ms  bars ±{bar:<2} peak {:+.3} rms {:+.3} dB",
        got.codec,
        got.decoded_duration_ms,
        got.decoded_duration_ms as f64 - want.duration_ms,
        got.peak_dbfs - want.peak_dbfs,
        got.rms_dbfs - want.rms_dbfs
    );
    // Below −60 dBFS the Opus decoder's 16-bit output (opus-decoder decodes to i16 and scales
    // to float) is a few LSBs deep, so its levels are not held to 0.5 dB there.
    let (peak, rms) = if want.peak_dbfs < -60.0 {
        eprintln!("{label:<58} levels below -60 dBFS: dB differences not held to {DB}");
        (0.0, 0.0)
    } else {
        (peak, rms)
    };
    worst.bar = worst.bar.max(bar);
    worst.ms = worst.ms.max(ms);
    worst.peak = worst.peak.max(peak);
    worst.rms = worst.rms.max(rms);
    if got.waveform.len() != 64 || bar > BAR || ms > DURATION_MS || peak > DB || rms > DB {
        failures.push(format!(
            "{label}: bars ±{bar}, {ms:.1} ms, peak {peak:.2} dB, rms {rms:.2} dB\n  got  {:?}\n  want {:?}",
            got.waveform, want.waveform
        ));
    }
    if got.silent != want.silent {
        failures.push(format!("{label}: silent {} vs {}", got.silent, want.silent));
    }
}

fn files_of(dir: &Path) -> Vec<(PathBuf, String)> {
    corpus::manifest(dir)
        .into_iter()
        .filter(|e| {
            matches!(e["kind"].as_str(), Some("audio" | "video"))
                && e["expect"] == "ok"
                && e["audio_codec"].is_string()
        })
        .filter_map(|e| {
            let rel = e["path"].as_str()?.to_owned();
            Some((dir.join(&rel), rel))
        })
        .collect()
}

#[test]
#[allow(clippy::print_stderr)]
fn the_corpus_agrees_with_ffmpeg() {
    if !ffmpeg_available() {
        return;
    }
    let Some(dir) = corpus::dir() else { return };
    let files = files_of(&dir);
    assert!(!files.is_empty(), "the corpus has audio");
    let mut worst = Worst::default();
    let mut failures = Vec::new();
    for (path, label) in &files {
        compare(path, label, &mut worst, &mut failures);
    }
    eprintln!(
        "{} files: worst bar ±{}, duration {:.1} ms, peak {:.3} dB, rms {:.3} dB",
        files.len(),
        worst.bar,
        worst.ms,
        worst.peak,
        worst.rms
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
#[allow(clippy::print_stderr)]
fn the_generated_voice_notes_agree_with_ffmpeg() {
    if !ffmpeg_available() {
        return;
    }
    let dir = voice_set_dir();
    if !corpus::has_manifest(&dir) {
        eprintln!(
            "SKIP: generated voice-note set not found at {} (run plugins/voice/tests/gen_voice_set.sh)",
            dir.display()
        );
        return;
    }
    let mut worst = Worst::default();
    let mut failures = Vec::new();
    let entries = corpus::manifest(&dir);
    for e in &entries {
        let Some(rel) = e["path"].as_str() else {
            continue;
        };
        compare(&dir.join(rel), rel, &mut worst, &mut failures);
    }
    eprintln!(
        "{} generated files: worst bar ±{}, duration {:.1} ms, peak {:.3} dB, rms {:.3} dB",
        entries.len(),
        worst.bar,
        worst.ms,
        worst.peak,
        worst.rms
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `$PIPES_VOICE_SET`, else `<workspace>/target/voice-set`.
fn voice_set_dir() -> PathBuf {
    std::env::var_os("PIPES_VOICE_SET")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/voice-set"))
}
