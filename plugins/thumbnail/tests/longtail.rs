//! The long tail (`tools/longtail.sh`): every file Pillow decodes gets a thumbnail, unless its
//! format is one with no acceptable decoder (listed below), and the thumbnail's orientation and
//! aspect equal Pillow's after `ImageOps.exif_transpose`; where libvips reads the file too, the
//! thumbnail matches `vipsthumbnail`'s within the corpus quality bound (MAD <= 10/255).
//!
//! Reads `$PIPES_MEDIA_LONGTAIL/thumbnail` or `target/longtail/thumbnail`; prints a SKIP line
//! and passes without it (build it with `plugins/thumbnail/tools/longtail.sh target/longtail`).

#![allow(clippy::unwrap_used, clippy::print_stderr)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use pipes_media_testkit::stage::{StageHarness, TestMessage};
use pipes_media_thumbnail::{OutputFormat, ThumbnailConfig, ThumbnailStage};
use serde_json::Value;
use support::{num, text};

/// Files of these (class, name part) have no acceptable decoder here: the stage reports
/// `UNSUPPORTED` naming the format. (BC6H/BC7 DDS and TIFF in WebP or JPEG 2000 compression
/// are not in the generated set; see the crate report for the full list checked.)
const NO_DECODER: &[(&str, &str)] = &[];

/// Files whose vips reference is not comparable, and why.
fn vips_exception(entry: &Value) -> Option<&'static str> {
    let path = text(entry, "path");
    if path.contains("float32") {
        // libvips shows 0..1 floating-point samples as 0..1 of 255 (black); we stretch them.
        return Some("float samples in 0..1");
    }
    if path.contains("grey_12bit") {
        // libvips does not scale 12-bit samples (dark); we do.
        return Some("12-bit samples");
    }
    if path.contains("_xmp_") || path.contains("raw_profile") {
        // libvips applies EXIF orientation only, not XMP's or ImageMagick's raw profiles
        // (Pillow does; the other test checks those against Pillow).
        return Some("orientation libvips does not read");
    }
    if path.contains("cmyk") {
        // An uncalibrated CMYK: vips assumes a press profile, we the plain formula (see
        // quality.rs).
        return Some("CMYK without a profile");
    }
    None
}

fn dir() -> Option<PathBuf> {
    let root = std::env::var_os("PIPES_MEDIA_LONGTAIL")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/longtail"));
    let dir = root.join("thumbnail");
    if dir.join("manifest.jsonl").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "SKIP: long-tail set not found at {} (plugins/thumbnail/tools/longtail.sh target/longtail)",
            dir.display()
        );
        None
    }
}

fn manifest(dir: &Path) -> Vec<Value> {
    std::fs::read_to_string(dir.join("manifest.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Same orientation (landscape, portrait or square) and the aspect within a pixel.
fn same_shape(w: u64, h: u64, pw: u64, ph: u64) -> bool {
    let turned = if pw == ph {
        w.abs_diff(h) <= 1
    } else {
        (w > h) == (pw > ph)
    };
    turned && (w * ph).abs_diff(h * pw) <= pw.max(ph)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pillow_decodable_files_get_pillow_shaped_thumbnails() {
    let Some(dir) = dir() else {
        return;
    };
    let harness = StageHarness::new(ThumbnailStage::new(ThumbnailConfig::default()));
    let mut failures = Vec::new();
    let (mut checked, mut extra) = (0, 0);
    for entry in manifest(&dir) {
        let path = text(&entry, "path");
        let file = dir.join(path);
        let name = Path::new(path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let run = harness
            .run_file(
                &file,
                TestMessage::document("application/octet-stream").file_name(&name),
            )
            .await;
        let decodable = entry["decodable"] == true;
        let outcome = match (&run.accepted, &run.result) {
            (false, _) => "not accepted".to_owned(),
            (true, Ok(())) => format!("{}x{}", run.facts["width"], run.facts["height"]),
            (true, Err(e)) => format!("{} {}", e.code(), e.message()),
        };
        eprintln!(
            "{path:<44} pillow {:>9} ours {outcome}",
            if decodable {
                format!("{}x{}", entry["width"], entry["height"])
            } else {
                "no".into()
            }
        );
        if !decodable {
            extra += usize::from(run.result.is_ok() && run.accepted);
            continue;
        }
        let excused = NO_DECODER
            .iter()
            .any(|(cls, part)| text(&entry, "class") == *cls && path.contains(part));
        if !run.accepted || run.result.is_err() {
            if excused && run.code().as_deref() == Some("UNSUPPORTED") {
                continue;
            }
            failures.push(format!("{path}: Pillow decodes it, we gave {outcome}"));
            continue;
        }
        checked += 1;
        let (w, h) = (
            run.facts["width"].as_u64().unwrap(),
            run.facts["height"].as_u64().unwrap(),
        );
        let (pw, ph) = (
            num(&entry, "width").unwrap(),
            num(&entry, "height").unwrap(),
        );
        if !same_shape(w, h, pw, ph) {
            failures.push(format!("{path}: ours {w}x{h}, Pillow's {pw}x{ph}"));
        }
        if let Some(corner) = num(&entry, "red_corner") {
            // The stored top-left red block sits in the corner Pillow put it in.
            // The JPEG thumbnail, decoded back through the stage (the dev build of `image` has
            // no JPEG decoder), as PNG.
            let written =
                std::fs::read(run.artifact_path(run.facts["path"].as_str().unwrap())).unwrap();
            let png = ThumbnailStage::new(ThumbnailConfig::default().format(OutputFormat::Png));
            let back = png.render(&written).unwrap();
            let thumb = image::load_from_memory(&back.bytes).unwrap().into_rgb8();
            let (tw, th) = thumb.dimensions();
            let corners = [(2, 2), (tw - 3, 2), (tw - 3, th - 3), (2, th - 3)];
            let red = corners
                .iter()
                .map(|&(x, y)| {
                    let p = thumb.get_pixel(x, y).0;
                    i32::from(p[0]) - i32::from(p[1])
                })
                .enumerate()
                .max_by_key(|(_, r)| *r)
                .map(|(i, _)| i as u64);
            if red != Some(corner) {
                failures.push(format!("{path}: red corner {red:?}, Pillow's {corner}"));
            }
        }
    }
    eprintln!("{checked} thumbnails checked against Pillow; {extra} files Pillow cannot decode got one too");
    assert!(checked > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Mean absolute difference per channel over pixels opaque in both.
fn mad(a: &image::RgbaImage, b: &image::RgbaImage) -> f64 {
    let (mut sum, mut count) = (0u64, 0u64);
    for (pa, pb) in a.pixels().zip(b.pixels()) {
        if pa.0[3] == 255 && pb.0[3] == 255 {
            for c in 0..3 {
                sum += u64::from(pa.0[c].abs_diff(pb.0[c]));
            }
            count += 1;
        }
    }
    sum as f64 / (count.max(1) * 3) as f64
}

#[test]
fn thumbnails_match_vipsthumbnail_where_vips_reads_the_file() {
    let Some(dir) = dir() else {
        return;
    };
    if Command::new("vipsthumbnail")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("SKIP: vipsthumbnail not installed (apt-get install -y libvips-tools)");
        return;
    }
    let stage = ThumbnailStage::new(ThumbnailConfig::default().format(OutputFormat::Png));
    let tmp = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let mut compared = 0;
    for entry in manifest(&dir) {
        let path = text(&entry, "path");
        let bytes = std::fs::read(dir.join(path)).unwrap();
        let Ok(ours) = stage.render(&bytes) else {
            continue; // the other test judges what should decode (TGA needs the stage's hint)
        };
        let (w, h) = (ours.facts.width, ours.facts.height);
        let reference = tmp.path().join(format!("{}.png", path.replace('/', "_")));
        let made = Command::new("vipsthumbnail")
            .arg(dir.join(path))
            .arg("--size")
            .arg(format!("{w}x{h}!"))
            .arg("-o")
            .arg(&reference)
            .env("VIPS_CONCURRENCY", "1")
            .output()
            .is_ok_and(|o| o.status.success());
        let Some(theirs) = made.then(|| image::open(&reference).ok()).flatten() else {
            eprintln!("{path:<44} vips cannot read it");
            continue;
        };
        let theirs = theirs.into_rgba8();
        let ours = image::load_from_memory(&ours.bytes).unwrap().into_rgba8();
        if theirs.dimensions() != ours.dimensions() {
            failures.push(format!("{path}: vips made {:?}", theirs.dimensions()));
            continue;
        }
        let m = mad(&ours, &theirs);
        let exception = vips_exception(&entry);
        eprintln!("{path:<44} MAD {m:6.2} {}", exception.unwrap_or(""));
        compared += 1;
        if m > 10.0 && exception.is_none() {
            failures.push(format!("{path}: MAD {m:.2} > 10 against vipsthumbnail"));
        }
    }
    eprintln!("{compared} files compared with vipsthumbnail");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
