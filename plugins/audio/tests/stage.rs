//! The stage on the committed fixtures (formats the corpus lacks: WebM, Matroska, Ogg FLAC,
//! fragmented mp4, AIFF, AMR) and on lying headers. Expected values are ffprobe's.
#![allow(clippy::unwrap_used, clippy::type_complexity)]

use std::path::{Path, PathBuf};

use pipes_media_audio::{AudioConfig, AudioError, AudioFacts, AudioStage};
use pipes_media_core::{Stage, StageContext};
use pipes_media_testkit::stage::{StageHarness, TestMessage};
use serde_json::json;

/// A committed fixture of this crate.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn probe(name: &str) -> AudioFacts {
    AudioStage::default().probe_path(&fixture(name)).unwrap()
}

fn probe_bytes(bytes: &[u8]) -> Result<AudioFacts, AudioError> {
    let len = bytes.len() as u64;
    AudioStage::default().probe_reader(&mut std::io::Cursor::new(bytes.to_vec()), len, &[])
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.020_f64.max(b * 0.001)
}

#[tokio::test]
async fn stage_reports_voice_note_facts() {
    let harness = StageHarness::new(AudioStage::new(AudioConfig::default()));
    let run = harness
        .run_file(&fixture("voice.webm"), TestMessage::audio("audio/webm"))
        .await;
    let facts = run.ok();
    // ffprobe says 1.508 s; minus the 312-sample pre-skip, as for Ogg Opus.
    assert!(
        (facts["durationMs"].as_u64().unwrap() as i64 - 1502).abs() <= 1,
        "{facts:?}"
    );
    assert_eq!(facts["codec"], json!("opus"));
    assert_eq!(facts["sampleRate"], json!(48000));
    assert_eq!(facts["channels"], json!(1));
    assert_eq!(facts["container"], json!("webm"));
    assert_eq!(facts["preSkip"], json!(312));
    assert!(facts.get("width").is_none());
}

#[tokio::test]
async fn stage_reports_video_facts() {
    let harness = StageHarness::new(AudioStage::default());
    let run = harness
        .run_file(&fixture("clip.webm"), TestMessage::video("video/webm"))
        .await;
    let facts = run.ok();
    assert_eq!(facts["durationMs"], json!(1003));
    assert_eq!(
        (facts["width"].clone(), facts["height"].clone()),
        (json!(64), json!(48))
    );
    assert_eq!(facts["videoCodec"], json!("vp8"));
    assert_eq!(facts["codec"], json!("vorbis"));
    assert_eq!(facts["hasAudio"], json!(true));
    assert_eq!(facts["fps"], json!(10.0));
}

#[tokio::test]
async fn stage_fails_with_a_typed_error_and_skips_non_media() {
    let dir = tempfile::tempdir().unwrap();
    let jpeg = dir.path().join("photo.ogg");
    std::fs::write(
        &jpeg,
        b"\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0",
    )
    .unwrap();
    let harness = StageHarness::new(AudioStage::default());
    let run = harness
        .run_file(&jpeg, TestMessage::image("image/jpeg"))
        .await;
    assert!(!run.accepted, "a JPEG is not for the audio stage");
    assert!(run.facts.is_empty());
    // Declared as audio (no mime stage ran): the bytes decide, so it is declined; run anyway,
    // it is refused with a code.
    let mut declared_audio =
        StageHarness::<AudioStage>::item_from_file(&jpeg, &TestMessage::audio("audio/ogg"));
    let stage = harness.stage();
    assert!(!stage.accepts(&declared_audio));
    let cx = StageContext::new(dir.path(), "audio", "m");
    let err = stage.process(&mut declared_audio, &cx).await.unwrap_err();
    assert_eq!(err.code(), "UNSUPPORTED_FORMAT");
}

#[test]
fn fixtures_match_ffprobe() {
    // (file, duration s, codec, rate, channels, video codec, width, height)
    let cases: &[(
        &str,
        f64,
        Option<&str>,
        Option<u32>,
        Option<u32>,
        Option<&str>,
        Option<u32>,
        Option<u32>,
    )] = &[
        (
            "voice.webm",
            1.508,
            Some("opus"),
            Some(48_000),
            Some(1),
            None,
            None,
            None,
        ),
        (
            "clip.webm",
            1.003,
            Some("vorbis"),
            Some(44_100),
            Some(1),
            Some("vp8"),
            Some(64),
            Some(48),
        ),
        (
            "mkvaudio.mka",
            1.025,
            Some("mp3"),
            Some(44_100),
            Some(1),
            None,
            None,
            None,
        ),
        (
            "oggflac.oga",
            1.250_023,
            Some("flac"),
            Some(22_050),
            Some(1),
            None,
            None,
            None,
        ),
        (
            "frag.m4a",
            2.046_44,
            Some("aac"),
            Some(22_050),
            Some(1),
            None,
            None,
            None,
        ),
        (
            "fragvideo.mp4",
            1.0,
            None,
            None,
            None,
            Some("h264"),
            Some(96),
            Some(64),
        ),
        (
            "tone.aiff",
            0.75,
            Some("pcm_s16be"),
            Some(8_000),
            Some(1),
            None,
            None,
            None,
        ),
        // ffprobe estimates AMR from the bitrate (1.032 s); 50 frames of 20 ms are 1.0 s.
        (
            "speech.amr",
            1.0,
            Some("amr_nb"),
            Some(8_000),
            Some(1),
            None,
            None,
            None,
        ),
        (
            "speech_wb.amr",
            0.5,
            Some("amr_wb"),
            Some(16_000),
            Some(1),
            None,
            None,
            None,
        ),
    ];
    for &(name, duration, codec, rate, channels, video, width, height) in cases {
        let f = probe(name);
        assert!(
            close(f.duration_s, duration),
            "{name}: {} vs {duration}",
            f.duration_s
        );
        assert_eq!(f.codec.as_deref(), codec, "{name}");
        assert_eq!((f.sample_rate, f.channels), (rate, channels), "{name}");
        assert_eq!(
            (f.video_codec.as_deref(), f.width, f.height),
            (video, width, height),
            "{name}"
        );
        assert!(!f.truncated, "{name}");
    }
    assert_eq!(probe("fragvideo.mp4").has_audio, Some(false));
    assert_eq!(probe("fragvideo.mp4").fps, Some(15.0));
}

fn find(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).position(|w| w == needle).unwrap()
}

#[test]
fn a_header_claiming_days_is_rejected() {
    // mvhd of the fragmented m4a: version 0, duration at +24 from the type, time scale at +20.
    let mut m4a = std::fs::read(fixture("frag.m4a")).unwrap();
    let at = find(&m4a, b"mvhd");
    let scale = u32::from_be_bytes(m4a[at + 16..at + 20].try_into().unwrap());
    m4a[at + 20..at + 24].copy_from_slice(&(scale * 3 * 86_400).to_be_bytes());
    let err = probe_bytes(&m4a).unwrap_err();
    assert_eq!(err.code(), "IMPLAUSIBLE_DURATION", "{err}");

    // A FLAC-in-Ogg STREAMINFO or a WAV data size claiming days.
    let mut wav =
        b"RIFF\0\0\0\0WAVEfmt \x10\0\0\0\x01\0\x01\0\x40\x1f\0\0\x80\x3e\0\0\x02\0\x10\0data"
            .to_vec();
    wav.extend_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    wav.resize(wav.len() + 1000, 0);
    assert_eq!(
        probe_bytes(&wav).unwrap_err().code(),
        "IMPLAUSIBLE_DURATION"
    );

    // A shorter limit applies to what is believed.
    let stage =
        AudioStage::new(AudioConfig::default().max_duration(std::time::Duration::from_secs(1)));
    let err = stage.probe_path(&fixture("frag.m4a")).unwrap_err();
    assert!(matches!(err, AudioError::ImplausibleDuration { .. }));
}

#[test]
fn a_zero_sample_rate_is_rejected() {
    let mut wav =
        b"RIFF\0\0\0\0WAVEfmt \x10\0\0\0\x01\0\x01\0\0\0\0\0\x80\x3e\0\0\x02\0\x10\0data".to_vec();
    wav.extend_from_slice(&100u32.to_le_bytes());
    wav.resize(wav.len() + 100, 0);
    assert_eq!(probe_bytes(&wav).unwrap_err().code(), "ZERO_SAMPLE_RATE");

    let mut aiff = std::fs::read(fixture("tone.aiff")).unwrap();
    let at = find(&aiff, b"COMM") + 8 + 8;
    aiff[at..at + 10].fill(0);
    assert_eq!(probe_bytes(&aiff).unwrap_err().code(), "ZERO_SAMPLE_RATE");

    let mut m4a = std::fs::read(fixture("frag.m4a")).unwrap();
    let at = find(&m4a, b"mdhd");
    m4a[at + 16..at + 20].fill(0);
    assert_eq!(probe_bytes(&m4a).unwrap_err().code(), "ZERO_SAMPLE_RATE");
}

#[test]
fn a_loop_in_the_box_tree_is_rejected() {
    let mut m4a = std::fs::read(fixture("frag.m4a")).unwrap();
    let at = find(&m4a, b"trak") - 4;
    m4a[at..at + 4].copy_from_slice(&4u32.to_be_bytes());
    assert_eq!(probe_bytes(&m4a).unwrap_err().code(), "STRUCTURE_LOOP");
}

#[test]
fn truncated_fixtures_give_what_is_there_or_a_typed_error() {
    for name in [
        "voice.webm",
        "clip.webm",
        "mkvaudio.mka",
        "oggflac.oga",
        "frag.m4a",
        "fragvideo.mp4",
        "tone.aiff",
        "speech.amr",
    ] {
        let bytes = std::fs::read(fixture(name)).unwrap();
        let full = probe(name).duration_s;
        for cut in [bytes.len() / 2, bytes.len() - 1, 200, 20] {
            match probe_bytes(&bytes[..cut]) {
                Ok(f) => assert!(
                    f.duration_s <= full + 0.05,
                    "{name} cut at {cut}: {} > {full}",
                    f.duration_s
                ),
                Err(e) => assert!(!e.code().is_empty()),
            }
        }
    }
}
