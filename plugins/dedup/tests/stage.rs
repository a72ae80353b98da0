//! The `dedup` stage through the stage harness: exact and near matches, different pictures
//! apart, the thumbnail artifact preferred, the index surviving restarts, staying bounded,
//! shared by two stages on one directory (as two worker processes would), a torn record
//! dropped, retries not matching themselves; and the conformance check.

#![allow(clippy::unwrap_used)]

use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

use pipes_media_core::{Artifact, Blob, Item, Message, StageContext};
use pipes_media_dedup::{DedupConfig, DedupStage, PerceptualHash};
use pipes_media_testkit::conformance::{check_stage, Sample};
use pipes_media_testkit::rng::Rng;
use pipes_media_testkit::stage::{StageHarness, TestMessage};

/// A photo-like picture: smooth blobs of colour from a seeded generator.
fn photo(seed: u64, width: u32, height: u32) -> image::RgbImage {
    let mut rng = Rng(seed);
    let blobs: Vec<(f64, f64, f64, [f64; 3])> = (0..12)
        .map(|_| {
            let x = rng.below(1000) as f64 / 1000.0;
            let y = rng.below(1000) as f64 / 1000.0;
            let r = 0.05 + rng.below(300) as f64 / 1000.0;
            let c = [
                rng.below(256) as f64,
                rng.below(256) as f64,
                rng.below(256) as f64,
            ];
            (x, y, r, c)
        })
        .collect();
    image::RgbImage::from_fn(width, height, |px, py| {
        let (u, v) = (
            f64::from(px) / f64::from(width),
            f64::from(py) / f64::from(height),
        );
        let mut acc = [40.0f64; 3];
        for (x, y, r, c) in &blobs {
            let w = (-((u - x).powi(2) + (v - y).powi(2)) / (r * r)).exp();
            for i in 0..3 {
                acc[i] += w * c[i];
            }
        }
        image::Rgb(acc.map(|a| a.min(255.0) as u8))
    })
}

fn jpeg(img: &image::RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let encoder =
        image::codecs::jpeg::JpegEncoder::new_with_quality(Cursor::new(&mut out), quality);
    img.write_with_encoder(encoder).unwrap();
    out
}

/// The WhatsApp forward: half the size, JPEG quality 60.
fn forwarded(img: &image::RgbImage) -> Vec<u8> {
    let half = image::imageops::resize(
        img,
        img.width() / 2,
        img.height() / 2,
        image::imageops::FilterType::Triangle,
    );
    jpeg(&half, 60)
}

fn stage(dir: &Path) -> DedupStage {
    DedupStage::new(DedupConfig::default().index_dir(dir))
}

fn msg(id: &str) -> TestMessage {
    TestMessage::image("image/jpeg").id(id)
}

#[tokio::test]
async fn exact_and_near_duplicates_name_the_earlier_message() {
    let index = tempfile::tempdir().unwrap();
    let h = StageHarness::new(stage(index.path()));
    let original = jpeg(&photo(1, 1200, 900), 90);
    let first = h.run_bytes(&original, msg("m_original")).await;
    let facts = first.ok();
    assert_eq!(facts["phash"].as_str().unwrap().len(), 16);
    assert_eq!(facts["phashOf"], "media");
    assert!(facts.get("duplicateOf").is_none());

    let again = h.run_bytes(&original, msg("m_again")).await;
    let facts = again.ok();
    assert_eq!(facts["duplicateOf"], "m_original");
    assert_eq!(facts["match"], "exact");
    assert_eq!(facts["distance"], 0);

    let forward = h
        .run_bytes(&forwarded(&photo(1, 1200, 900)), msg("m_forward"))
        .await;
    let facts = forward.ok();
    assert_eq!(facts["duplicateOf"], "m_original", "{facts:?}");
    assert_eq!(facts["match"], "near");
    assert!(facts["distance"].as_u64().unwrap() <= 4, "{facts:?}");

    let other = h
        .run_bytes(&jpeg(&photo(2, 1200, 900), 90), msg("m_other"))
        .await;
    assert!(other.ok().get("duplicateOf").is_none(), "{:?}", other.facts);
    // A voice note: exact matching only, no phash.
    let voice = h
        .run_bytes(
            b"OggS\0\x02 not really opus",
            TestMessage::audio("audio/ogg").id("m_voice"),
        )
        .await;
    assert!(voice.ok().get("phash").is_none());
    let voice2 = h
        .run_bytes(
            b"OggS\0\x02 not really opus",
            TestMessage::audio("audio/ogg").id("m_voice2"),
        )
        .await;
    assert_eq!(voice2.ok()["duplicateOf"], "m_voice");
}

#[tokio::test]
async fn the_thumbnail_artifact_is_hashed_when_there_is_one() {
    let index = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let stage = stage(index.path());
    // The media is a PDF; the thumbnail stage drew its page.
    let media = out.path().join("doc.pdf");
    std::fs::write(&media, b"%PDF-1.4 ...").unwrap();
    let thumb_rel = "artifacts/m_doc/thumbnail.jpg";
    std::fs::create_dir_all(out.path().join("artifacts/m_doc")).unwrap();
    let page = photo(7, 247, 320);
    std::fs::write(out.path().join(thumb_rel), jpeg(&page, 80)).unwrap();
    let blob = Blob::read_in_place(&media, u64::MAX).unwrap();
    let message: Message = TestMessage::document("application/pdf")
        .id("m_doc")
        .to_message(blob.len());
    let mut item = Item::new(Arc::new(message), blob);
    item.add_artifact(Artifact {
        kind: "thumbnail".into(),
        path: thumb_rel.into(),
    });
    item.facts.set_current_stage("dedup");
    let cx = StageContext::new(out.path(), "dedup", "m_doc");
    pipes_media_core::run_stage(&stage, &Default::default(), &mut item, &cx)
        .await
        .unwrap();
    let facts = item.facts.to_json_for("dedup");
    assert_eq!(facts["phashOf"], "thumbnail");
    let expected = PerceptualHash::of_rgb(page.as_raw(), page.width(), page.height()).unwrap();
    let got: PerceptualHash = facts["phash"].as_str().unwrap().parse().unwrap();
    assert!(got.distance(expected) <= 2, "{got} vs {expected}");
}

#[tokio::test]
async fn the_index_survives_restarts_and_stays_bounded() {
    let index = tempfile::tempdir().unwrap();
    {
        let h = StageHarness::new(stage(index.path()));
        h.run_bytes(&jpeg(&photo(3, 640, 480), 90), msg("m_before"))
            .await
            .ok();
    }
    // A new stage (a restarted process) on the same directory remembers.
    let h = StageHarness::new(stage(index.path()));
    let run = h
        .run_bytes(&forwarded(&photo(3, 640, 480)), msg("m_after"))
        .await;
    assert_eq!(run.ok()["duplicateOf"], "m_before");

    // Bounded: 10 entries at most; the oldest go first.
    let small = tempfile::tempdir().unwrap();
    let h = StageHarness::new(DedupStage::new(
        DedupConfig::default()
            .index_dir(small.path())
            .max_entries(10),
    ));
    for n in 0..40u32 {
        let run = h
            .run_bytes(
                format!("document {n}").as_bytes(),
                TestMessage::document("text/plain").id(&format!("d{n}")),
            )
            .await;
        assert!(run.ok()["indexed"].as_u64().unwrap() <= 10);
    }
    let log = std::fs::metadata(small.path().join("index.log"))
        .unwrap()
        .len();
    assert!(log < 13 * 60, "index file of {log} bytes for 10 entries");
    let run = h
        .run_bytes(
            b"document 39",
            TestMessage::document("text/plain").id("late"),
        )
        .await;
    assert_eq!(run.ok()["duplicateOf"], "d39");
    let run = h
        .run_bytes(
            b"document 0",
            TestMessage::document("text/plain").id("late0"),
        )
        .await;
    assert!(
        run.ok().get("duplicateOf").is_none(),
        "d0 should be forgotten"
    );
}

#[tokio::test]
async fn two_stages_on_one_directory_share_the_index() {
    let index = tempfile::tempdir().unwrap();
    // Two stages, two index handles: as two worker processes given one index directory.
    let a = StageHarness::new(stage(index.path()));
    let b = StageHarness::new(stage(index.path()));
    a.run_bytes(
        b"first copy",
        TestMessage::document("text/plain").id("on_a"),
    )
    .await
    .ok();
    let run = b
        .run_bytes(
            b"first copy",
            TestMessage::document("text/plain").id("on_b"),
        )
        .await;
    assert_eq!(run.ok()["duplicateOf"], "on_a");
    // And back, after b appended.
    b.run_bytes(b"second", TestMessage::document("text/plain").id("b2"))
        .await
        .ok();
    let run = a
        .run_bytes(b"second", TestMessage::document("text/plain").id("a2"))
        .await;
    assert_eq!(run.ok()["duplicateOf"], "b2");
    // b rewrites the file (bounded index); a notices and reloads.
    let small_a = StageHarness::new(DedupStage::new(
        DedupConfig::default()
            .index_dir(index.path())
            .max_entries(4),
    ));
    for n in 0..12 {
        small_a
            .run_bytes(
                format!("x{n}").as_bytes(),
                TestMessage::document("text/plain").id(&format!("x{n}")),
            )
            .await
            .ok();
    }
    let run = a
        .run_bytes(b"x11", TestMessage::document("text/plain").id("a3"))
        .await;
    assert_eq!(run.ok()["duplicateOf"], "x11");
}

#[tokio::test]
async fn a_torn_record_is_dropped_and_retries_do_not_match_themselves() {
    let index = tempfile::tempdir().unwrap();
    {
        let h = StageHarness::new(stage(index.path()));
        h.run_bytes(b"kept", TestMessage::document("text/plain").id("k1"))
            .await
            .ok();
        // The same message again (a retry): not a duplicate of itself.
        let run = h
            .run_bytes(b"kept", TestMessage::document("text/plain").id("k1"))
            .await;
        assert!(run.ok().get("duplicateOf").is_none());
    }
    // A crash in the middle of a write leaves half a record.
    let log = index.path().join("index.log");
    let mut bytes = std::fs::read(&log).unwrap();
    bytes.extend_from_slice(&[60, 0, 1, 2, 3]);
    std::fs::write(&log, &bytes).unwrap();
    let h = StageHarness::new(stage(index.path()));
    let run = h
        .run_bytes(b"kept", TestMessage::document("text/plain").id("k2"))
        .await;
    assert_eq!(run.ok()["duplicateOf"], "k1");
    // Not an index at all: put aside, a new one started.
    std::fs::write(&log, b"something else entirely").unwrap();
    let h = StageHarness::new(stage(index.path()));
    let run = h
        .run_bytes(b"kept", TestMessage::document("text/plain").id("k3"))
        .await;
    assert!(run.ok().get("duplicateOf").is_none());
    assert!(index.path().join("index.log.unreadable").is_file());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_stage_passes_the_conformance_check() {
    // The default: the index in the run's own state directory, inside its output.
    let report = check_stage(
        DedupStage::new(DedupConfig::default()),
        &[
            Sample::accepted(jpeg(&photo(5, 320, 240), 85), msg("c1")),
            Sample::accepted(b"plain text".to_vec(), TestMessage::document("text/plain")),
        ],
    )
    .await;
    assert!(report.runs > 50);
}
