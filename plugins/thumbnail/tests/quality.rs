//! Thumbnails compared with `vipsthumbnail` at the same size: the mean absolute difference per
//! channel over pixels opaque in both must be at most 10/255 on every corpus image. Skips, with
//! a SKIP line, when the corpus or `vipsthumbnail` is missing.
//!
//! One exception: a CMYK JPEG without an embedded profile has no defined colours. vips assumes a
//! press profile (its built-in `cmyk`), ImageMagick (which made the corpus file, with
//! `-colorspace CMYK`) and this stage use the plain formula `R = (1-C)(1-K)`. For those files
//! the reference is ImageMagick's `convert -resize WxH!`; the vips figure is printed too.

#![allow(clippy::print_stderr, clippy::unwrap_used)]

mod support;

use std::process::Command;

use pipes_media_testkit::corpus;
use pipes_media_thumbnail::{OutputFormat, ThumbnailConfig, ThumbnailStage};
use support::text;

/// Mean absolute difference per channel (0-255) over the pixels opaque in both images, and
/// how many pixels that was.
fn mad(a: &image::RgbaImage, b: &image::RgbaImage) -> (f64, u64) {
    let (mut sum, mut count) = (0u64, 0u64);
    for (pa, pb) in a.pixels().zip(b.pixels()) {
        if pa.0[3] == 255 && pb.0[3] == 255 {
            for c in 0..3 {
                sum += u64::from(pa.0[c].abs_diff(pb.0[c]));
            }
            count += 1;
        }
    }
    (sum as f64 / (count.max(1) * 3) as f64, count)
}

#[test]
fn thumbnails_match_vipsthumbnail() {
    let Some(corpus) = corpus::dir() else {
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
    let tmp = tempfile::tempdir().unwrap();
    // PNG output, so that the figure measures decoding, resizing and colour, not JPEG loss.
    let stage = ThumbnailStage::new(ThumbnailConfig::default().format(OutputFormat::Png));
    // The default output (JPEG, quality 80), decoded back through the stage for a second figure.
    let jpeg_stage = ThumbnailStage::new(ThumbnailConfig::default());
    let (mut jpeg_total, mut jpeg_count) = (0.0, 0usize);
    let mut worst: f64 = 0.0;
    let mut failures = Vec::new();
    let mut total = (0.0, 0usize);
    eprintln!(
        "{:<48} {:>9} {:>8} {:>8} reference",
        "file", "size", "MAD png", "MAD jpeg"
    );
    for entry in corpus::manifest(&corpus) {
        let path = text(&entry, "path");
        if !text(&entry, "mime").starts_with("image/") || text(&entry, "expect") != "ok" {
            continue;
        }
        let file = corpus.join(path);
        let bytes = std::fs::read(&file).unwrap();
        let ours = stage.render(&bytes).unwrap();
        let jpeg = jpeg_stage.render(&bytes).unwrap();
        let jpeg_back = stage.render(&jpeg.bytes).unwrap();
        let jpeg_rgba = image::load_from_memory(&jpeg_back.bytes)
            .unwrap()
            .into_rgba8();
        let (w, h) = (ours.facts.width, ours.facts.height);
        let reference = tmp
            .path()
            .join(format!("ref_{}.png", path.replace('/', "_")));
        // `!` asks for exactly this size, so the two grids line up.
        let status = Command::new("vipsthumbnail")
            .arg(&file)
            .arg("--size")
            .arg(format!("{w}x{h}!"))
            .arg("-o")
            .arg(&reference)
            .env("VIPS_CONCURRENCY", "1")
            .output()
            .unwrap();
        assert!(status.status.success(), "vipsthumbnail {path}: {status:?}");
        let mut theirs = image::open(&reference).unwrap().into_rgba8();
        let ours = image::load_from_memory(&ours.bytes).unwrap().into_rgba8();
        assert_eq!(ours.dimensions(), theirs.dimensions(), "{path}");
        let mut tool = "vips";
        let mut note = String::new();
        if text(&entry, "color") == "cmyk" {
            let im = tmp.path().join("im.png");
            let made = Command::new("convert")
                .arg(&file)
                .arg("-resize")
                .arg(format!("{w}x{h}!"))
                .arg(&im)
                .output()
                .is_ok_and(|o| o.status.success());
            if made {
                note = format!("(vips: {:.2})", mad(&ours, &theirs).0);
                theirs = image::open(&im).unwrap().into_rgba8();
                tool = "magick";
            }
        }
        let (m, pixels) = mad(&ours, &theirs);
        // JPEG output flattens alpha, so compare it on opaque sources only.
        let opaque_source = ours.pixels().all(|p| p.0[3] == 255);
        let mj = if opaque_source {
            mad(&jpeg_rgba, &theirs).0
        } else {
            f64::NAN
        };
        eprintln!(
            "{:<48} {:>9} {:>8.2} {:>8.2} {tool} {note}",
            path,
            format!("{w}x{h}"),
            m,
            mj
        );
        if opaque_source {
            jpeg_total += mj;
            jpeg_count += 1;
            if mj > 10.0 {
                failures.push(format!("{path}: JPEG output MAD {mj:.2} > 10"));
            }
        }
        if pixels > 0 {
            worst = worst.max(m);
            total.0 += m;
            total.1 += 1;
        }
        if m > 10.0 {
            failures.push(format!("{path}: MAD {m:.2} > 10"));
        }
    }
    eprintln!(
        "{} images, PNG output: mean MAD {:.2}/255, worst {:.2}/255; JPEG output (opaque sources): mean {:.2}/255",
        total.1,
        total.0 / total.1.max(1) as f64,
        worst,
        jpeg_total / jpeg_count.max(1) as f64
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
