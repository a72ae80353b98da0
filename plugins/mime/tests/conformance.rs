//! The test kit's conformance rules, as every bundled stage passes them: a stable snake_case
//! name, no panic and a bounded time on truncated, mutated and random input, nothing written
//! outside the output directory. The `mime` stage accepts every item, so every sample is one
//! it must take.

use std::path::Path;

use pipes_media_mime::{MimeConfig, MimeStage};
use pipes_media_testkit::conformance::{check_stage, Sample};
use pipes_media_testkit::stage::TestMessage;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(path).expect("fixture")
}

/// Fixtures of every family the sniffer walks into (boxes, EBML, Ogg pages, zip directories,
/// RIFF chunks, MPEG frames, text), each declared as what it is.
fn samples() -> Vec<Sample> {
    [
        ("jpeg_64x64.jpg", TestMessage::image("image/jpeg")),
        ("png_1x1.png", TestMessage::image("image/png")),
        ("sticker_animated.webp", TestMessage::sticker("image/webp")),
        (
            "voice_opus.ogg",
            TestMessage::audio("audio/ogg; codecs=opus"),
        ),
        ("mp3_xing.mp3", TestMessage::audio("audio/mpeg")),
        ("tone_adts.aac", TestMessage::audio("audio/aac")),
        ("tone.wav", TestMessage::audio("audio/wav")),
        (
            "audio_only_moov_at_end.mp4",
            TestMessage::audio("audio/mp4"),
        ),
        ("video.mkv", TestMessage::video("video/x-matroska")),
        (
            "minimal.docx",
            TestMessage::document(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
        ),
        ("ascii.pdf", TestMessage::document("application/pdf")),
        ("contact.vcf", TestMessage::document("text/vcard")),
        ("targa_rle.tga", TestMessage::document("image/x-tga")),
        ("sgi_rle.sgi", TestMessage::document("image/x-sgi")),
        ("wavpack.wv", TestMessage::audio("audio/x-wavpack")),
    ]
    .into_iter()
    .map(|(name, message)| Sample::accepted(fixture(name), message.file_name(name)))
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mime_stage_conforms() {
    let report = check_stage(MimeStage::default(), &samples()).await;
    assert!(report.runs > samples().len() * 40, "{report:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_strict_mime_stage_conforms() {
    // With both policies on, broken input may stop items (that is what they are for), but
    // never panic or hang; whole samples declared as what they are pass.
    let strict = MimeStage::new(
        MimeConfig::default()
            .reject_mismatch(true)
            .reject_dangerous(true),
    );
    let report = check_stage(strict, &samples()).await;
    assert!(report.runs > samples().len() * 40, "{report:?}");
}
