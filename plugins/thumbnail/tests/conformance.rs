//! The test kit's conformance check on the thumbnail stage: a stable name, images accepted and
//! other media declined, no panic and a bounded time on cut, mutated and random input, and
//! artifacts inside the output directory.

#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::path::Path;

use pipes_media_testkit::conformance::{check_stage, Sample};
use pipes_media_testkit::stage::TestMessage;
use pipes_media_thumbnail::{ThumbnailConfig, ThumbnailStage};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_stage_conforms() {
    let stage = ThumbnailStage::new(ThumbnailConfig::default().strip_location(true));
    let accepted = [
        ("jpeg_progressive_320x240.jpg", "image/jpeg"),
        ("png_palette_320x240.png", "image/png"),
        ("webp_lossy_alpha_400x300.webp", "image/webp"),
        ("gif_animated_256x256.gif", "image/gif"),
        ("gps_orientation_6.jpg", "image/jpeg"),
        ("longtail_tiled_planar_lzw.tif", "image/tiff"),
        ("longtail.psd", "image/vnd.adobe.photoshop"),
        ("longtail.avif", "image/avif"),
        ("longtail.heic", "image/heic"),
        ("longtail.jp2", "image/jp2"),
    ];
    let mut samples: Vec<Sample> = accepted
        .iter()
        .map(|(name, mime)| Sample::accepted(fixture(name), TestMessage::image(mime)))
        .collect();
    samples.push(Sample::declined(
        b"OggS\0\x02\0\0\0\0\0\0\0\0".to_vec(),
        TestMessage::audio("audio/ogg"),
    ));
    // PDFs are pictures too when the build renders first pages (their own conformance check is
    // in previews.rs).
    if !cfg!(feature = "pdf") {
        samples.push(Sample::declined(
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec(),
            TestMessage::document("application/pdf"),
        ));
    }
    samples.push(Sample::declined(
        b"BEGIN:VCARD\nVERSION:3.0\nEND:VCARD\n".to_vec(),
        TestMessage::document("text/vcard"),
    ));
    let report = check_stage(stage, &samples).await;
    eprintln!(
        "{} runs, {} errors, slowest {:?}",
        report.runs, report.errors, report.slowest
    );
    assert!(report.runs > 400);
}
