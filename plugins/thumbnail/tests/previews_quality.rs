//! Video posters and PDF first pages against the standard tools, on the committed fixtures
//! (`tests/fixtures/previews`), the generated preview set (`tools/previews.sh OUT_DIR`, found
//! through `$PIPES_MEDIA_PREVIEWS`) and the corpus videos and PDFs:
//!
//! - posters: luma PSNR at least 35 dB against `ffmpeg -ss T -i F -frames:v 1` scaled to the
//!   same size with Lanczos (T = the poster's `frameTimeMs`, with `-seek_timestamp 1` so that
//!   it is a presentation time; ffmpeg turns the frame upright by the display matrix, as the
//!   stage does);
//! - pages: at 64 px grey, mean absolute difference at most 8/255 against
//!   `pdftoppm -f 1 -l 1 -scale-to 320`, and the two correlate (correlation at least 0.6 when
//!   the reference has any contrast; a blank page must not pass for a page of text).
//!
//! Both with PNG output (what is measured is decoding, resizing and rotation, not JPEG loss).
//! Each check prints a SKIP line and passes when its inputs or tools are missing.

#![allow(clippy::print_stderr, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use pipes_media_testkit::corpus;
use pipes_media_testkit::stage::{StageHarness, TestMessage};
use pipes_media_thumbnail::{OutputFormat, ThumbnailConfig, ThumbnailStage};
use serde_json::Value;

/// The generated preview set, when `$PIPES_MEDIA_PREVIEWS` names one.
fn preview_set() -> Option<PathBuf> {
    let dir = std::env::var_os("PIPES_MEDIA_PREVIEWS").map(PathBuf::from);
    match dir {
        Some(d) if d.join("manifest.jsonl").is_file() => Some(d),
        _ => {
            eprintln!(
                "SKIP: preview set not found (plugins/thumbnail/tools/previews.sh DIR, then set PIPES_MEDIA_PREVIEWS=DIR)"
            );
            None
        }
    }
}

fn tool(name: &str, package: &str) -> bool {
    let ok = Command::new(name).arg("-h").output().is_ok();
    if !ok {
        eprintln!("SKIP: {name} not installed (apt-get install -y {package})");
    }
    ok
}

/// `(path, entry)` of every file of `kind` expected to work, from the committed fixtures, the
/// preview set and the corpus.
fn inputs(kinds: &[&str], mime_prefix: &str) -> Vec<(PathBuf, Value)> {
    let mut out = Vec::new();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/previews");
    for dir in [Some(fixtures), preview_set()].into_iter().flatten() {
        for e in corpus::manifest(&dir) {
            if kinds.contains(&e["kind"].as_str().unwrap_or_default()) && e["expect"] == "ok" {
                out.push((dir.join(e["path"].as_str().unwrap()), e));
            }
        }
    }
    if let Some(dir) = corpus::dir() {
        for e in corpus::manifest(&dir) {
            let mime = e["mime"].as_str().unwrap_or_default();
            let kind = e["kind"].as_str().unwrap_or_default();
            let codec_ok = e.get("video_codec").is_none_or(|c| c == "h264");
            if (kind == "real" || kinds.contains(&kind))
                && mime.starts_with(mime_prefix)
                && e["expect"] == "ok"
                && codec_ok
            {
                out.push((dir.join(e["path"].as_str().unwrap()), e));
            }
        }
    }
    out
}

fn luma(img: &image::RgbImage) -> Vec<f64> {
    img.pixels()
        .map(|p| 0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2]))
        .collect()
}

fn psnr(a: &[f64], b: &[f64]) -> f64 {
    let mse = a.iter().zip(b).map(|(x, y)| (x - y).powi(2)).sum::<f64>() / a.len() as f64;
    if mse == 0.0 {
        return 99.0;
    }
    10.0 * (255.0f64.powi(2) / mse).log10()
}

/// Runs the stage on `path`; returns its facts and the thumbnail it wrote.
fn run_stage(
    stage: &ThumbnailStage,
    path: &Path,
    message: TestMessage,
) -> (serde_json::Map<String, Value>, image::RgbImage) {
    let harness = StageHarness::new(stage.clone());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let run = rt.block_on(harness.run_file(path, message));
    let facts = run.ok().clone();
    let thumb = run.artifact_path(facts["path"].as_str().unwrap());
    let picture = image::open(&thumb).unwrap().to_rgb8();
    (facts, picture)
}

#[test]
fn video_posters_match_ffmpeg() {
    let files = inputs(&["video"], "video/");
    if files.is_empty() || !tool("ffmpeg", "ffmpeg") {
        return;
    }
    let stage = ThumbnailStage::new(ThumbnailConfig::default().format(OutputFormat::Png));
    let tmp = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    eprintln!(
        "{:<44} {:>9} {:>8} {:>7} {:>8}",
        "file", "size", "time ms", "orient", "PSNR dB"
    );
    for (n, (path, entry)) in files.iter().enumerate() {
        let (facts, ours) = run_stage(&stage, path, TestMessage::video("video/mp4"));
        let (w, h) = ours.dimensions();
        let t = facts["frameTimeMs"].as_u64().unwrap();
        let reference = tmp.path().join(format!("ref-{n}.png"));
        let status = Command::new("ffmpeg")
            // -seek_timestamp: T is a presentation time, not an offset from the first frame
            // (they differ when an empty edit delays the start).
            .args([
                "-nostdin",
                "-v",
                "error",
                "-y",
                "-seek_timestamp",
                "1",
                "-ss",
            ])
            .arg(format!("{}.{:03}", t / 1000, t % 1000))
            .arg("-i")
            .arg(path)
            .args(["-frames:v", "1", "-vf"])
            .arg(format!("scale={w}:{h}:flags=lanczos"))
            .arg(&reference)
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        if entry["truncated"] == true && !(status.success() && reference.is_file()) {
            // ffmpeg gives up where the data ends; nothing to compare with.
            eprintln!(
                "{name:<44} {:>9} {t:>8}  (ffmpeg has no picture of the cut file)",
                format!("{w}x{h}")
            );
            continue;
        }
        assert!(status.success(), "ffmpeg failed on {}", path.display());
        let reference = image::open(&reference).unwrap().to_rgb8();
        assert_eq!(reference.dimensions(), (w, h), "{}", path.display());
        let db = psnr(&luma(&ours), &luma(&reference));
        eprintln!(
            "{name:<44} {:>9} {t:>8} {:>7} {db:>8.2}",
            format!("{w}x{h}"),
            facts["orientation"]
        );
        if let (Some(dw), Some(dh)) = (
            entry["display_width"].as_u64(),
            entry["display_height"].as_u64(),
        ) {
            assert_eq!(
                (w as u64 >= h as u64),
                (dw >= dh),
                "{name}: upright orientation differs from ffprobe's display size {dw}x{dh}"
            );
        }
        if db < 35.0 {
            failures.push(format!("{name}: {db:.2} dB"));
        }
    }
    assert!(failures.is_empty(), "posters below 35 dB: {failures:?}");
}

/// Fits `img` into a 64x64 box (Lanczos3) and returns its grey levels (0-255).
fn grey64(img: &image::RgbImage) -> (u32, u32, Vec<f64>) {
    let (w, h) = img.dimensions();
    let scale = 64.0 / f64::from(w.max(h));
    let (nw, nh) = (
        ((f64::from(w) * scale).round() as u32).max(1),
        ((f64::from(h) * scale).round() as u32).max(1),
    );
    let small = image::imageops::resize(img, nw, nh, image::imageops::FilterType::Lanczos3);
    (nw, nh, luma(&small))
}

fn correlation(a: &[f64], b: &[f64]) -> Option<f64> {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let cov: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
    (va > 1e-9 && vb > 1e-9).then(|| cov / (va.sqrt() * vb.sqrt()))
}

#[test]
fn pdf_pages_match_pdftoppm() {
    let files = inputs(&["pdf"], "application/pdf");
    if files.is_empty() || !tool("pdftoppm", "poppler-utils") {
        return;
    }
    let stage = ThumbnailStage::new(ThumbnailConfig::default().format(OutputFormat::Png));
    let tmp = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    eprintln!(
        "{:<44} {:>9} {:>9} {:>8} {:>6}",
        "file", "size", "ref", "MAD/255", "corr"
    );
    for (n, (path, _entry)) in files.iter().enumerate() {
        let (_facts, ours) = run_stage(&stage, path, TestMessage::document("application/pdf"));
        let prefix = tmp.path().join(format!("ref-{n}"));
        let status = Command::new("pdftoppm")
            .args([
                "-f",
                "1",
                "-l",
                "1",
                "-scale-to",
                "320",
                "-png",
                "-singlefile",
            ])
            .arg(path)
            .arg(&prefix)
            .status()
            .unwrap();
        assert!(status.success(), "pdftoppm failed on {}", path.display());
        let reference = image::open(prefix.with_extension("png")).unwrap().to_rgb8();
        let (aw, ah, a) = grey64(&ours);
        let (bw, bh, b) = grey64(&reference);
        let name = path.file_name().unwrap().to_string_lossy();
        // The sizes may differ by a pixel of rounding; compare the common area.
        let (cw, ch) = (aw.min(bw) as usize, ah.min(bh) as usize);
        let crop = |v: &[f64], w: u32| -> Vec<f64> {
            (0..ch)
                .flat_map(|y| v[y * w as usize..y * w as usize + cw].to_vec())
                .collect()
        };
        let (a, b) = (crop(&a, aw), crop(&b, bw));
        let mad = a.iter().zip(&b).map(|(x, y)| (x - y).abs()).sum::<f64>() / a.len() as f64;
        let corr = correlation(&a, &b);
        eprintln!(
            "{name:<44} {:>9} {:>9} {mad:>8.2} {:>6}",
            format!("{}x{}", ours.width(), ours.height()),
            format!("{}x{}", reference.width(), reference.height()),
            corr.map_or("-".into(), |c| format!("{c:.3}"))
        );
        let ref_flat = correlation(&b, &b).is_none();
        let ours_flat = correlation(&a, &a).is_none();
        if mad > 8.0 {
            failures.push(format!("{name}: MAD {mad:.2}"));
        }
        match corr {
            Some(c) if c < 0.6 => failures.push(format!("{name}: correlation {c:.3}")),
            None if ref_flat != ours_flat => failures.push(format!(
                "{name}: one side is blank (ours {ours_flat}, pdftoppm {ref_flat})"
            )),
            _ => {}
        }
    }
    assert!(failures.is_empty(), "pages unlike pdftoppm's: {failures:?}");
}
