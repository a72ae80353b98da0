//! The reference the `waveform` stage is held to: ffmpeg's decode (`ffmpeg -i F -ac 1 -f
//! f32le -`), measured by a plain whole-signal computation written independently of the
//! stage's streaming one.

#![allow(dead_code)] // each test binary uses part of it

use std::path::Path;
use std::process::Command;

/// What ffmpeg's samples give.
#[derive(Debug, Clone)]
pub struct Reference {
    pub waveform: Vec<u8>,
    pub duration_ms: f64,
    pub peak_dbfs: f64,
    pub rms_dbfs: f64,
    pub silent: bool,
    pub rate: u32,
    pub samples: usize,
}

/// Whether `ffmpeg` runs; prints a visible SKIP line when it does not.
#[allow(clippy::print_stderr)]
pub fn ffmpeg_available() -> bool {
    let ok = Command::new("ffmpeg")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("SKIP: ffmpeg not found");
    }
    ok
}

/// The sample rate ffmpeg decodes `path` at (first audio stream).
pub fn ffmpeg_rate(path: &Path) -> Option<u32> {
    let out = Command::new("ffprobe")
        .args(["-v", "error", "-select_streams", "a:0", "-show_entries"])
        .args(["stream=sample_rate", "-of", "csv=p=0"])
        .arg(path)
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

/// The first audio stream's codec and its length in samples as the container says
/// (`duration_ts`, e.g. the last Ogg granule position).
pub fn container_length(path: &Path) -> Option<(String, u64)> {
    let out = Command::new("ffprobe")
        .args(["-v", "error", "-select_streams", "a:0", "-show_entries"])
        .args(["stream=codec_name,duration_ts", "-of", "csv=p=0"])
        .arg(path)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.trim().split(',');
    let codec = parts.next()?.to_owned();
    let length = parts.next()?.parse().ok()?;
    Some((codec, length))
}

/// ffmpeg's mono f32 samples of `path`.
pub fn ffmpeg_samples(path: &Path) -> Option<Vec<f32>> {
    let out = Command::new("ffmpeg")
        .args(["-v", "error", "-i"])
        .arg(path)
        .args(["-vn", "-ac", "1", "-f", "f32le", "-"])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    Some(
        out.stdout
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect(),
    )
}

/// The reference measurement of `path`.
pub fn reference(path: &Path) -> Option<Reference> {
    let rate = ffmpeg_rate(path)?;
    let samples = ffmpeg_samples(path)?;
    Some(measure(&samples, rate))
}

/// 64 bars of mean absolute amplitude over exact sample ranges `[k·n/64, (k+1)·n/64)`,
/// normalised to the loudest (or to 20 × −50 dBFS when the loudest is below −50 dBFS).
pub fn measure(samples: &[f32], rate: u32) -> Reference {
    let n = samples.len();
    let start = |k: usize| ((n as u128 * k as u128) / 64) as usize;
    let means: Vec<f64> = (0..64)
        .map(|k| {
            let (a, b) = (start(k), start(k + 1));
            if b == a {
                return 0.0;
            }
            samples[a..b]
                .iter()
                .map(|s| f64::from(s.abs()))
                .sum::<f64>()
                / (b - a) as f64
        })
        .collect();
    let loudest = means.iter().copied().fold(0.0, f64::max);
    let floor = 10f64.powf(-50.0 / 20.0);
    let silent = loudest < floor;
    let scale = if silent { floor * 20.0 } else { loudest };
    let waveform = means
        .iter()
        .map(|m| (100.0 * m / scale).round().clamp(0.0, 100.0) as u8)
        .collect();
    let peak = samples
        .iter()
        .map(|s| f64::from(s.abs()))
        .fold(0.0, f64::max);
    let rms = (samples
        .iter()
        .map(|s| f64::from(*s) * f64::from(*s))
        .sum::<f64>()
        / n.max(1) as f64)
        .sqrt();
    let db = |x: f64| {
        if x > 0.0 {
            (20.0 * x.log10()).max(-120.0)
        } else {
            -120.0
        }
    };
    Reference {
        waveform,
        duration_ms: n as f64 * 1000.0 / f64::from(rate),
        peak_dbfs: db(peak),
        rms_dbfs: db(rms),
        silent,
        rate,
        samples: n,
    }
}
