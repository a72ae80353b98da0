//! The test kit's conformance check on the `audio` stage: stable name, accepts what it
//! measures and declines the rest, no panic or hang on truncated, mutated and random input.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use pipes_media_audio::AudioStage;
use pipes_media_testkit::conformance::{check_stage, Sample};
use pipes_media_testkit::stage::TestMessage;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audio_stage_conforms() {
    let samples = vec![
        Sample::accepted(fixture("voice.webm"), TestMessage::audio("audio/webm")),
        Sample::accepted(fixture("speech.amr"), TestMessage::audio("audio/amr")),
        Sample::accepted(fixture("frag.m4a"), TestMessage::audio("audio/mp4")),
        Sample::accepted(fixture("oggflac.oga"), TestMessage::audio("audio/ogg")),
        Sample::accepted(fixture("tone.aiff"), TestMessage::audio("audio/aiff")),
        Sample::accepted(fixture("clip.webm"), TestMessage::video("video/webm")),
        Sample::declined(
            b"\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0".to_vec(),
            TestMessage::image("image/jpeg"),
        ),
        Sample::declined(
            b"%PDF-1.4\n%\xE2\xE3".to_vec(),
            TestMessage::document("application/pdf"),
        ),
        Sample::declined(
            b"\0\0\0\x1cftypheic\0\0\0\0mif1heic".to_vec(),
            TestMessage::image("image/heic"),
        ),
    ];
    let report = check_stage(AudioStage::default(), &samples).await;
    assert!(report.runs > 100, "{report:?}");
}
