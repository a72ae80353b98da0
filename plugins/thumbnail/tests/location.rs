//! Location privacy: `hasGps` on images, and with `strip_location` the stored media is a copy
//! without its GPS position (EXIF GPS directory, XMP GPS properties), pixels untouched; the
//! report's `sha256` then names the stored bytes and `receivedSha256` the received ones.

#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::Command;

use pipes_media_testkit::stage::{StageHarness, TestMessage};
use pipes_media_thumbnail::{OutputFormat, ThumbnailConfig, ThumbnailStage};
use sha2::{Digest, Sha256};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

const PHOTOS: [(&str, &str); 3] = [
    ("gps_orientation_6.jpg", "image/jpeg"),
    ("gps.png", "image/png"),
    ("gps.webp", "image/webp"),
];

#[tokio::test]
async fn gps_is_reported_and_left_alone_by_default() {
    let harness = StageHarness::new(ThumbnailStage::new(ThumbnailConfig::default()));
    for (name, mime) in PHOTOS {
        let run = harness
            .run_file(&fixture(name), TestMessage::document(mime))
            .await;
        let facts = run.ok();
        assert_eq!(facts["hasGps"], true, "{name}");
        assert!(facts.get("receivedSha256").is_none(), "{name}");
        assert_eq!(run.item.blob().path(), fixture(name), "{name}: blob kept");
    }
    let run = harness
        .run_file(
            &fixture("jpeg_320x240.jpg"),
            TestMessage::image("image/jpeg"),
        )
        .await;
    assert_eq!(run.ok()["hasGps"], false);
}

#[tokio::test]
async fn strip_location_stores_a_copy_without_the_position() {
    let strip = ThumbnailStage::new(ThumbnailConfig::default().strip_location(true));
    let harness = StageHarness::new(strip);
    let png = ThumbnailStage::new(ThumbnailConfig::default().format(OutputFormat::Png));
    for (name, mime) in PHOTOS {
        let received = std::fs::read(fixture(name)).unwrap();
        let run = harness
            .run_file(&fixture(name), TestMessage::document(mime))
            .await;
        let facts = run.ok().clone();
        assert_eq!(facts["hasGps"], true, "{name}: as received");
        assert_eq!(facts["locationStripped"], true, "{name}");
        assert_eq!(facts["receivedSha256"], sha256_hex(&received), "{name}");
        // The item's blob is now the stripped copy: owned, elsewhere, with its own hash.
        let blob = run.item.blob();
        assert!(blob.is_owned(), "{name}");
        assert_ne!(blob.path(), fixture(name));
        let stored = std::fs::read(blob.path()).unwrap();
        assert_eq!(blob.sha256_hex(), sha256_hex(&stored), "{name}");
        assert_ne!(blob.sha256_hex(), sha256_hex(&received), "{name}");
        // No position left, same pixels, same orientation.
        let again = png.render(&stored).unwrap();
        assert!(!again.facts.has_gps, "{name}: GPS left in the stored copy");
        assert_eq!(
            again.bytes,
            png.render(&received).unwrap().bytes,
            "{name}: pixels changed"
        );
        // The stripped copy went through the stage's own checks: run it again, nothing to strip.
        let second = harness
            .run_file(blob.path(), TestMessage::document(mime))
            .await;
        assert_eq!(second.ok()["hasGps"], false, "{name}");
        assert!(second.ok().get("receivedSha256").is_none(), "{name}");
        exiftool_agrees(name, blob.path());
    }
}

#[tokio::test]
async fn files_without_a_position_are_stored_as_received() {
    let harness = StageHarness::new(ThumbnailStage::new(
        ThumbnailConfig::default().strip_location(true),
    ));
    let run = harness
        .run_file(
            &fixture("exif_orientation_6.jpg"),
            TestMessage::image("image/jpeg"),
        )
        .await;
    assert_eq!(run.ok()["hasGps"], false);
    assert!(run.ok().get("locationStripped").is_none());
    assert_eq!(run.item.blob().path(), fixture("exif_orientation_6.jpg"));
}

/// exiftool (when installed) finds no GPS tag in the stored copy but still the orientation.
fn exiftool_agrees(name: &str, stored: &Path) {
    let Ok(out) = Command::new("exiftool")
        .args([
            "-a",
            "-G1",
            "-s",
            "-gps:all",
            "-xmp-exif:all",
            "-orientation",
        ])
        .arg(stored)
        .output()
    else {
        eprintln!("SKIP: exiftool not installed (apt-get install -y libimage-exiftool-perl)");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains("GPSLatitude") && !text.contains("GPSLongitude"),
        "{name}: exiftool still sees a position:\n{text}"
    );
    if name.contains("orientation_6") {
        assert!(
            text.contains("Rotate 90 CW"),
            "{name}: orientation lost:\n{text}"
        );
    }
}
