//! Calibrating `dedup`'s near-match distance on the corpus photos, through the real thumbnail
//! stage (the picture `dedup` hashes in a pipeline):
//!
//! - **forwards** (must match): each photo against itself shrunk to half its size and
//!   re-encoded as JPEG quality 60, as WhatsApp does to a forwarded photo (transparent
//!   pictures composited onto white first, as a JPEG has no alpha);
//! - **different photos** (must not): every pair of corpus photos that are different pictures.
//!   The ground truth comes from the pixels, not from the hash: two files are the same picture
//!   when their 64x64 grey versions differ by less than 6/255 on average (the corpus holds one
//!   plasma picture at six sizes and in two formats, and one picture as PNG and WebP). The
//!   pairs include the dark and light variants of each GNOME wallpaper (one design, other
//!   colours);
//! - **other shots of one scene** (reported): two crops of one photo, the second moved by a
//!   tenth of the width, and one zoomed in by 15%, as a second shot from a shifted camera.
//!
//! Pictures whose hash is mostly unsteady bits (flat colour, a smooth gradient:
//! `DedupFacts::low_detail`) are only matched exactly by the stage; they are listed and left
//! out of the near-match figures.
//!
//! Prints the distributions and the false-match rate at the default threshold; fails when a
//! forward does not match or a different photo does. With `CALIBRATION_OUT=FILE` it also
//! writes every hash as JSON for studying other thresholds. SKIP without the corpus.

#![cfg(all(feature = "thumbnail", feature = "dedup"))]
#![allow(clippy::print_stderr, clippy::unwrap_used)]

use std::io::Cursor;

use pipes_media::dedup::{DedupConfig, PerceptualHash};
use pipes_media::thumbnail::{ThumbnailConfig, ThumbnailStage};
use pipes_media_testkit::corpus;
use pipes_media_testkit::stage::{StageHarness, TestMessage};

/// The perceptual hash (and unsteady bits) of the thumbnail the stage makes of `bytes`.
async fn through_thumbnail(
    h: &StageHarness<ThumbnailStage>,
    bytes: &[u8],
) -> (PerceptualHash, u32) {
    let run = h.run_bytes(bytes, TestMessage::image("image/jpeg")).await;
    let facts = run.ok().clone();
    let thumb = image::open(run.artifact_path(facts["path"].as_str().unwrap()))
        .unwrap()
        .to_rgb8();
    PerceptualHash::analyse_rgb(thumb.as_raw(), thumb.width(), thumb.height()).unwrap()
}

fn jpeg(img: &image::RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let encoder =
        image::codecs::jpeg::JpegEncoder::new_with_quality(Cursor::new(&mut out), quality);
    img.write_with_encoder(encoder).unwrap();
    out
}

/// The picture on white, as RGB.
fn on_white(img: &image::DynamicImage) -> image::RgbImage {
    let rgba = img.to_rgba8();
    image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let p = rgba.get_pixel(x, y).0;
        let a = u32::from(p[3]);
        image::Rgb([0, 1, 2].map(|c| ((u32::from(p[c]) * a + 255 * (255 - a) + 127) / 255) as u8))
    })
}

fn crop(img: &image::RgbImage, x: u32, y: u32, w: u32, h: u32) -> image::RgbImage {
    image::imageops::crop_imm(img, x, y, w, h).to_image()
}

/// 64x64 grey, for the pixel ground truth.
fn grey64(img: &image::RgbImage) -> Vec<f64> {
    let small = image::imageops::resize(img, 64, 64, image::imageops::FilterType::Triangle);
    small
        .pixels()
        .map(|p| 0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2]))
        .collect()
}

fn summary(name: &str, d: &mut [u32]) {
    if d.is_empty() {
        return;
    }
    d.sort_unstable();
    let q = |f: f64| d[((d.len() - 1) as f64 * f).round() as usize];
    eprintln!(
        "{name:<30} n={:<5} min {:>2}  p5 {:>2}  median {:>2}  p95 {:>2}  max {:>2}",
        d.len(),
        d[0],
        q(0.05),
        q(0.5),
        q(0.95),
        d[d.len() - 1]
    );
}

struct Photo {
    path: String,
    hash: PerceptualHash,
    unsteady: u32,
    grey: Vec<f64>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_default_distance_separates_forwards_from_other_photos() {
    let Some(dir) = corpus::dir() else {
        return;
    };
    let defaults = DedupConfig::default();
    let (threshold, max_unsteady) = (defaults.max_distance, defaults.max_unsteady_bits);
    let h = StageHarness::new(ThumbnailStage::new(ThumbnailConfig::default()));
    let mut paths = Vec::new();
    for e in corpus::manifest(&dir) {
        let kind = e["kind"].as_str().unwrap_or_default();
        let mime = e["mime"].as_str().unwrap_or_default();
        let path = e["path"].as_str().unwrap_or_default();
        let big_enough = e["width"]
            .as_u64()
            .unwrap_or(0)
            .min(e["height"].as_u64().unwrap_or(0))
            >= 200;
        // One of the eight EXIF orientation files (the same stored pixels) is enough.
        let orientation_copy = path.contains("exif_orientation_") && !path.ends_with("_1.jpg");
        if matches!(kind, "image" | "real")
            && matches!(mime, "image/jpeg" | "image/png" | "image/webp")
            && e["expect"] == "ok"
            && e.get("animated").is_none()
            && big_enough
            && !orientation_copy
        {
            paths.push(path.to_owned());
        }
    }
    eprintln!(
        "{} corpus photos, threshold {threshold}, at most {max_unsteady} unsteady bits",
        paths.len()
    );
    eprintln!(
        "{:<44} {:>8} {:>7} {:>6} {:>6}",
        "file", "unsteady", "forward", "shift", "zoom"
    );
    let (mut forwards, mut shots, mut photos) = (Vec::new(), Vec::new(), Vec::new());
    let mut failures = Vec::new();
    let mut json = Vec::new();
    for path in &paths {
        let bytes = std::fs::read(dir.join(path)).unwrap();
        let (original, unsteady) = through_thumbnail(&h, &bytes).await;
        let img = on_white(&image::load_from_memory(&bytes).unwrap());
        let (w, hgt) = img.dimensions();
        let half =
            image::imageops::resize(&img, w / 2, hgt / 2, image::imageops::FilterType::Triangle);
        let (forward, _) = through_thumbnail(&h, &jpeg(&half, 60)).await;
        let d = original.distance(forward);
        // Other shots, made from a copy of at most 1600 pixels (the scene, not the resolution).
        let scene = if w.max(hgt) > 1600 {
            image::imageops::resize(
                &img,
                w * 1600 / w.max(hgt),
                hgt * 1600 / w.max(hgt),
                image::imageops::FilterType::Triangle,
            )
        } else {
            img.clone()
        };
        let (sw, sh) = scene.dimensions();
        let (cw, ch) = (sw * 8 / 10, sh * 8 / 10);
        let (a, _) = through_thumbnail(&h, &jpeg(&crop(&scene, 0, sh / 10, cw, ch), 85)).await;
        let (b, _) =
            through_thumbnail(&h, &jpeg(&crop(&scene, sw / 10, sh / 10, cw, ch), 85)).await;
        let (zw, zh) = (sw * 100 / 115, sh * 100 / 115);
        let (zoom, _) = through_thumbnail(
            &h,
            &jpeg(&crop(&scene, (sw - zw) / 2, (sh - zh) / 2, zw, zh), 85),
        )
        .await;
        let (shift_d, zoom_d) = (a.distance(b), original.distance(zoom));
        eprintln!("{path:<44} {unsteady:>8} {d:>7} {shift_d:>6} {zoom_d:>6}");
        json.push(format!(
            "{{\"path\":\"{path}\",\"hash\":\"{original}\",\"unsteady\":{unsteady},\"forward\":\"{forward}\",\"shift\":[\"{a}\",\"{b}\"],\"zoom\":\"{zoom}\"}}"
        ));
        if unsteady <= max_unsteady {
            forwards.push(d);
            shots.push(shift_d);
            shots.push(zoom_d);
            if d > threshold {
                failures.push(format!("forward of {path}: distance {d}"));
            }
        }
        photos.push(Photo {
            path: path.clone(),
            hash: original,
            unsteady,
            grey: grey64(&img),
        });
    }
    let (mut different, mut same_picture) = (Vec::new(), Vec::new());
    let mut false_matches = Vec::new();
    for (i, a) in photos.iter().enumerate() {
        for b in &photos[i + 1..] {
            if a.unsteady > max_unsteady || b.unsteady > max_unsteady {
                continue;
            }
            let mad = a
                .grey
                .iter()
                .zip(&b.grey)
                .map(|(x, y)| (x - y).abs())
                .sum::<f64>()
                / a.grey.len() as f64;
            let d = a.hash.distance(b.hash);
            if mad < 6.0 {
                same_picture.push(d);
                continue;
            }
            different.push(d);
            if d <= threshold {
                false_matches.push(format!(
                    "{} ~ {}: distance {d}, pixels differ by {mad:.1}",
                    a.path, b.path
                ));
            }
        }
    }
    let low: Vec<&str> = photos
        .iter()
        .filter(|p| p.unsteady > max_unsteady)
        .map(|p| p.path.as_str())
        .collect();
    eprintln!("low detail (exact matches only): {low:?}");
    let shot_matches = shots.iter().filter(|&&d| d <= threshold).count();
    summary("forwards (q60, half size)", &mut forwards);
    summary("same picture, other file", &mut same_picture);
    summary("different photos", &mut different);
    summary("other shots of one scene", &mut shots);
    eprintln!(
        "false matches: {} of {} pairs of different photos ({:.2}%); other shots matched: {} of {}",
        false_matches.len(),
        different.len(),
        100.0 * false_matches.len() as f64 / different.len().max(1) as f64,
        shot_matches,
        shots.len()
    );
    if let Some(out) = std::env::var_os("CALIBRATION_OUT") {
        std::fs::write(out, json.join("\n") + "\n").unwrap();
    }
    failures.extend(false_matches);
    assert!(failures.is_empty(), "{failures:#?}");
}
