//! Video posters, PDF first pages and ThumbHash on the committed fixtures
//! (`tests/fixtures/previews`, made by `tools/previews.sh DIR --fixtures`): facts, rotation,
//! edit lists, fragments, codecs refused by name, audio-only files declined, cut files, blank
//! and encrypted PDFs, the conformance check, and ThumbHash against the reference JavaScript.
//! Runs without the corpus; the ThumbHash comparison needs `node` (SKIP without it).

#![cfg(all(feature = "h264", feature = "pdf"))]
#![allow(clippy::print_stderr, clippy::unwrap_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use base64::Engine as _;
use pipes_media_testkit::conformance::{check_stage, Sample};
use pipes_media_testkit::rng::Rng;
use pipes_media_testkit::stage::{StageHarness, TestMessage};
use pipes_media_thumbnail::{OutputFormat, ThumbnailConfig, ThumbnailStage};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/previews")
        .join(name)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap()
}

fn harness() -> StageHarness<ThumbnailStage> {
    StageHarness::new(ThumbnailStage::new(ThumbnailConfig::default()))
}

fn mp4() -> TestMessage {
    TestMessage::video("video/mp4")
}

fn pdf() -> TestMessage {
    TestMessage::document("application/pdf")
}

#[tokio::test]
async fn a_video_gets_a_poster_with_the_image_facts() {
    let h = harness();
    let run = h
        .run_file(&fixture("video/baseline_160x90.mp4"), mp4())
        .await;
    let facts = run.ok();
    assert_eq!(facts["source"], "video");
    assert_eq!(facts["path"], "artifacts/msg_test_1/thumbnail.jpg");
    assert_eq!(
        (facts["width"].as_u64(), facts["height"].as_u64()),
        (Some(160), Some(90))
    );
    assert_eq!(facts["sourceWidth"], 160);
    assert_eq!(facts["sourceHeight"], 90);
    assert_eq!(facts["format"], "jpeg");
    assert_eq!(facts["sourceFormat"], "mp4");
    assert_eq!(facts["codec"], "h264");
    assert_eq!(facts["frameTimeMs"], 0);
    assert!(facts.get("truncated").is_none());
    assert!(!facts["thumbhash"].as_str().unwrap().is_empty());
    let file = std::fs::read(run.artifact_path(facts["path"].as_str().unwrap())).unwrap();
    assert!(file.starts_with(&[0xFF, 0xD8, 0xFF]));
    assert_eq!(run.artifacts.len(), 1);
    assert_eq!(run.artifacts[0].kind, "thumbnail");
}

#[tokio::test]
async fn the_display_matrix_turns_the_poster_upright() {
    // Coded 160x96; ffmpeg 5's `rotate=90` matrix is shown turned a quarter counter-clockwise.
    let h = harness();
    let run = h
        .run_file(&fixture("video/high_rot90_160x96.mp4"), mp4())
        .await;
    let facts = run.ok();
    assert_eq!(
        (facts["width"].as_u64(), facts["height"].as_u64()),
        (Some(96), Some(160))
    );
    assert_eq!(
        (
            facts["sourceWidth"].as_u64(),
            facts["sourceHeight"].as_u64()
        ),
        (Some(160), Some(96))
    );
    assert_eq!(facts["orientation"], 8);
}

#[tokio::test]
async fn edit_lists_and_fragments_choose_the_first_frame_shown() {
    let h = harness();
    // Stream-copied from 0.55 s: the edit list starts mid-GOP on a B-frame, shown at 0.
    let run = h
        .run_file(&fixture("video/main_editlist_160x90.mp4"), mp4())
        .await;
    assert_eq!(run.ok()["frameTimeMs"], 0);
    // Fragmented, no edit list, B-frames: the first frame is shown after the reorder delay.
    let run = h
        .run_file(&fixture("video/high_frag_160x90.mp4"), mp4())
        .await;
    let facts = run.ok();
    assert_eq!(facts["sourceFormat"], "mp4");
    assert!(facts["frameTimeMs"].as_u64().unwrap() < 200, "{facts:?}");
}

#[tokio::test]
async fn other_codecs_are_refused_by_name_and_audio_is_declined() {
    let h = harness();
    let run = h.run_file(&fixture("video/hevc_160x90.mp4"), mp4()).await;
    assert!(run.accepted);
    assert_eq!(run.code().as_deref(), Some("UNSUPPORTED_CODEC"));
    let message = run.result.unwrap_err().message().to_owned();
    assert!(message.contains("HEVC (hvc1)"), "{message}");
    // An AAC-only MP4 is no video, even declared as one.
    let run = h.run_file(&fixture("audio/aac_only.m4a"), mp4()).await;
    assert!(!run.accepted);
    let run = h
        .run_file(
            &fixture("audio/aac_only.m4a"),
            TestMessage::audio("audio/mp4"),
        )
        .await;
    assert!(!run.accepted);
}

#[tokio::test]
async fn cut_videos_give_what_is_there_or_a_typed_error() {
    let h = harness();
    let whole = read("video/baseline_160x90.mp4");
    // moov first: cut inside the mdat, past the first keyframe, still a poster, flagged.
    let run = h.run_bytes(&whole[..whole.len() * 3 / 4], mp4()).await;
    let facts = run.ok();
    assert_eq!(facts["truncated"], true);
    // Cut just after the moov, inside the first keyframe: TRUNCATED.
    let moov_end = whole.windows(4).position(|w| w == b"mdat").unwrap() + 4;
    let run = h.run_bytes(&whole[..moov_end + 100], mp4()).await;
    assert_eq!(run.code().as_deref(), Some("TRUNCATED"));
    // moov at the end (a stream copy), cut before it: TRUNCATED, with the reason.
    let moov_last = read("video/main_editlist_160x90.mp4");
    let run = h.run_bytes(&moov_last[..moov_last.len() / 2], mp4()).await;
    assert_eq!(run.code().as_deref(), Some("TRUNCATED"));
    assert!(run.result.unwrap_err().message().contains("moov"));
    // Not an MP4 at all, though declared one.
    let run = h.run_bytes(b"\0\0\0\x08junkjunkjunk", mp4()).await;
    assert!(run.accepted);
    assert!(run.result.is_err());
}

#[tokio::test]
async fn a_pdf_gets_its_first_page() {
    let h = StageHarness::new(ThumbnailStage::new(
        ThumbnailConfig::default().format(OutputFormat::Png),
    ));
    let run = h.run_file(&fixture("pdf/text_letter.pdf"), pdf()).await;
    let facts = run.ok();
    assert_eq!(facts["source"], "pdf");
    assert_eq!(facts["sourceFormat"], "pdf");
    // Letter, 612x792 points, fitted to the 320 box.
    assert_eq!(
        (
            facts["sourceWidth"].as_u64(),
            facts["sourceHeight"].as_u64()
        ),
        (Some(612), Some(792))
    );
    assert_eq!(
        (facts["width"].as_u64(), facts["height"].as_u64()),
        (Some(247), Some(320))
    );
    assert_eq!(facts["blank"], false);
    assert_eq!(facts["format"], "png");
    assert!(facts.get("frameTimeMs").is_none());
    let file = run.artifact_path(facts["path"].as_str().unwrap());
    let page = image::open(file).unwrap().to_luma8();
    // White paper with dark text on it.
    let dark = page.pixels().filter(|p| p[0] < 128).count();
    let white = page.pixels().filter(|p| p[0] > 240).count();
    assert!(
        dark > 500 && white > page.len() / 2,
        "dark {dark}, white {white}"
    );
}

#[tokio::test]
async fn blank_pages_are_told_apart_from_text_that_did_not_render() {
    let h = harness();
    let run = h.run_file(&fixture("pdf/blank_letter.pdf"), pdf()).await;
    assert_eq!(run.ok()["blank"], true);
    let run = h.run_file(&fixture("pdf/invisible_text.pdf"), pdf()).await;
    assert_eq!(run.code().as_deref(), Some("BLANK_RENDER"));
    let run = h.run_file(&fixture("pdf/encrypted_user.pdf"), pdf()).await;
    assert_eq!(run.code().as_deref(), Some("ENCRYPTED"));
    // A PDF cut in half: page 1 from what is there, flagged; or a typed error.
    let whole = read("pdf/text_letter.pdf");
    let run = h.run_bytes(&whole[..whole.len() * 2 / 3], pdf()).await;
    match &run.result {
        Ok(()) => assert_eq!(run.facts["truncated"], true),
        Err(e) => assert_eq!(e.code(), "INVALID_INPUT"),
    }
}

#[tokio::test]
async fn previews_can_be_switched_off() {
    let config = ThumbnailConfig::default().previews(
        pipes_media_thumbnail::PreviewConfig::default()
            .video(false)
            .pdf(false),
    );
    let h = StageHarness::new(ThumbnailStage::new(config));
    assert!(
        !h.run_file(&fixture("video/baseline_160x90.mp4"), mp4())
            .await
            .accepted
    );
    assert!(
        !h.run_file(&fixture("pdf/text_letter.pdf"), pdf())
            .await
            .accepted
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn video_and_pdf_paths_pass_the_conformance_check() {
    let stage = ThumbnailStage::new(ThumbnailConfig::default());
    let report = check_stage(
        stage,
        &[
            Sample::accepted(read("video/baseline_160x90.mp4"), mp4()),
            Sample::accepted(read("video/high_frag_160x90.mp4"), mp4()),
            Sample::accepted(read("pdf/text_letter.pdf"), pdf()),
            Sample::declined(read("audio/aac_only.m4a"), TestMessage::audio("audio/mp4")),
            Sample::declined(
                b"just some words".to_vec(),
                TestMessage::document("text/plain"),
            ),
        ],
    )
    .await;
    eprintln!(
        "conformance: {} runs, {} errors, slowest {:?}",
        report.runs, report.errors, report.slowest
    );
    assert!(report.runs > 100);
}

/// Reference ThumbHashes (base64) of RGBA pictures, from the vendored JavaScript; `None`
/// without `node`.
fn reference_hashes(pictures: &[(u32, u32, Vec<u8>)]) -> Option<Vec<String>> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/thumbhash/hash.mjs");
    let child = Command::new("node")
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        eprintln!("SKIP: node not installed (apt-get install -y nodejs): ThumbHash not compared with the reference");
        return None;
    };
    let mut input = String::new();
    for (w, h, rgba) in pictures {
        let b64 = base64::engine::general_purpose::STANDARD.encode(rgba);
        input.push_str(&format!("{{\"w\":{w},\"h\":{h},\"rgba\":\"{b64}\"}}\n"));
    }
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "node failed: {out:?}");
    Some(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect(),
    )
}

/// A seeded test picture: smooth colour waves, noise, and optionally a transparent region.
fn picture(rng: &mut Rng, w: u32, h: u32, alpha: bool) -> image::RgbaImage {
    let (fx, fy) = (1 + rng.below(6) as u32, 1 + rng.below(6) as u32);
    image::RgbaImage::from_fn(w, h, |x, y| {
        let r = (128.0 + 120.0 * (f64::from(x * fx) / f64::from(w) * std::f64::consts::TAU).sin())
            as u8;
        let g = (128.0 + 120.0 * (f64::from(y * fy) / f64::from(h) * std::f64::consts::TAU).cos())
            as u8;
        let b = ((x * 7 + y * 13) % 256) as u8 ^ (rng.below(32) as u8);
        let a = if alpha && (x + y) % 97 < 40 {
            (x * 3 % 256) as u8
        } else {
            255
        };
        image::Rgba([r, g, b, a])
    })
}

#[tokio::test]
async fn thumbhash_equals_the_reference_implementation() {
    // PNG output in the 32 box the hash input fits: the thumbnail file holds exactly the pixels
    // that were hashed.
    let stage = ThumbnailStage::new(
        ThumbnailConfig::default()
            .max_side(32)
            .format(OutputFormat::Png),
    );
    let h = StageHarness::new(stage);
    let mut rng = Rng(0x7B_A5_11);
    let mut inputs = Vec::new();
    for n in 0..24 {
        let (w, hgt) = (8 + rng.below(93) as u32, 8 + rng.below(93) as u32);
        let img = picture(&mut rng, w, hgt, n % 3 == 0);
        let mut png = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        inputs.push(png);
    }
    let mut files = vec![
        (read("video/baseline_160x90.mp4"), mp4()),
        (read("pdf/text_letter.pdf"), pdf()),
    ];
    files.extend(
        inputs
            .into_iter()
            .map(|png| (png, TestMessage::image("image/png"))),
    );
    let mut pictures = Vec::new();
    let mut ours = Vec::new();
    for (bytes, message) in files {
        let run = h.run_bytes(&bytes, message).await;
        let facts = run.ok().clone();
        let thumb = image::open(run.artifact_path(facts["path"].as_str().unwrap())).unwrap();
        let rgba = thumb.to_rgba8();
        pictures.push((rgba.width(), rgba.height(), rgba.into_raw()));
        ours.push(facts["thumbhash"].as_str().unwrap().to_owned());
    }
    let Some(reference) = reference_hashes(&pictures) else {
        return;
    };
    assert_eq!(reference.len(), ours.len());
    let differ: Vec<_> = ours
        .iter()
        .zip(&reference)
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, (a, b))| {
            format!(
                "#{i} {}x{}: ours {a}, reference {b}",
                pictures[i].0, pictures[i].1
            )
        })
        .collect();
    eprintln!(
        "ThumbHash: {} of {} equal to the reference",
        ours.len() - differ.len(),
        ours.len()
    );
    assert!(differ.is_empty(), "{differ:#?}");
}
