//! The `transcribe` stage against a real speech recogniser on loopback (pocketsphinx through
//! the test kit's OpenAI-style server), fed real recorded speech (Debian's
//! `pocketsphinx-testdata`: LibriVox recordings with their transcripts) turned into
//! WhatsApp-style voice notes: Opus, 16 kbit/s, `-application voip`, mono 16 kHz.
//!
//! The word error rate through the whole path (voice note → `waveform` → speech WAV →
//! `transcribe`) must stay within 10 points of what pocketsphinx gets on the original WAV.

#![cfg(feature = "transcribe")]

use std::path::{Path, PathBuf};
use std::process::Command;

use pipes_media_core::{run_stage, Blob, Item, StageContext, StagePolicy};
use pipes_media_testkit::asr::{word_error_rate, AsrServer};
use pipes_media_testkit::stage::{StageHarness, TestMessage};
use pipes_media_voice::{
    TranscribeConfig, TranscribeKey, TranscribeStage, WaveformConfig, WaveformStage,
};

const KEY: &str = "test-key-0123456789abcdef";
const LIBRIVOX: &str = "/usr/share/pocketsphinx/test/data/librivox";
/// How much worse (in WER points) the voice-note path may do than pocketsphinx on the WAV.
const MARGIN: f64 = 0.10;

/// The recordings used (the three shortest) and their transcripts.
fn recordings() -> Option<Vec<(PathBuf, String)>> {
    let text = std::fs::read_to_string(Path::new(LIBRIVOX).join("transcription")).ok()?;
    let mut out: Vec<(PathBuf, String)> = text
        .lines()
        .filter_map(|line| {
            let (words, id) = line.rsplit_once(" (")?;
            let id = id.trim_end_matches(')');
            let words = words.replace("<s>", "").replace("</s>", "");
            Some((
                Path::new(LIBRIVOX).join(format!("{id}.wav")),
                words.trim().to_owned(),
            ))
        })
        .filter(|(p, _)| p.is_file())
        .collect();
    out.sort_by_key(|(p, _)| std::fs::metadata(p).map(|m| m.len()).unwrap_or(u64::MAX));
    out.truncate(3);
    (!out.is_empty()).then_some(out)
}

fn voice_note(wav: &Path, out: &Path) -> bool {
    Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-i"])
        .arg(wav)
        .args(["-ac", "1", "-ar", "16000", "-c:a", "libopus", "-b:a", "16k"])
        .args(["-application", "voip"])
        .arg(out)
        .status()
        .is_ok_and(|s| s.success())
}

fn stage(server: &AsrServer, key: &str) -> TranscribeStage {
    TranscribeStage::new(
        TranscribeConfig::new(server.base_url())
            .key(TranscribeKey::new(key))
            .model("pocketsphinx-en-us")
            .language("en"),
    )
    .expect("client")
}

#[tokio::test]
#[allow(clippy::print_stderr)]
async fn voice_notes_are_transcribed_about_as_well_as_the_original_recordings() {
    let Some(recordings) = recordings() else {
        eprintln!("SKIP: pocketsphinx-testdata recordings not found at {LIBRIVOX}");
        return;
    };
    if Command::new("ffmpeg").arg("-version").output().is_err() {
        eprintln!("SKIP: ffmpeg not found");
        return;
    }
    let Some(server) = AsrServer::start(Some(KEY)) else {
        return;
    };
    let transcribe = stage(&server, KEY);
    let waveform = WaveformStage::new(WaveformConfig::default());
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut words, mut base_errors, mut our_errors) = (0.0, 0.0, 0.0);
    for (n, (wav, reference)) in recordings.iter().enumerate() {
        let (baseline, _) = transcribe.transcribe_file(wav).await.expect("baseline");
        let note = dir.path().join(format!("note{n}.ogg"));
        assert!(voice_note(wav, &note), "ffmpeg made the voice note");

        let id = format!("msg_voice_{n}");
        let blob = Blob::read_in_place(&note, u64::MAX).expect("note");
        let message = TestMessage::audio("audio/ogg; codecs=opus")
            .id(&id)
            .to_message(blob.len());
        let mut item = Item::new(std::sync::Arc::new(message), blob);
        let out = dir.path().join("out");
        let policy = StagePolicy::default();
        item.facts.set_current_stage("waveform");
        run_stage(
            &waveform,
            &policy,
            &mut item,
            &StageContext::new(&out, "waveform", &id),
        )
        .await
        .expect("waveform");
        item.facts.set_current_stage("transcribe");
        run_stage(
            &transcribe,
            &transcribe.policy(),
            &mut item,
            &StageContext::new(&out, "transcribe", &id),
        )
        .await
        .expect("transcribe");
        let facts = item.facts.to_json_for("transcribe");
        let text = facts["text"].as_str().expect("text").to_owned();
        let whole = std::fs::read_to_string(out.join(facts["textPath"].as_str().expect("path")))
            .expect("transcript file");
        assert_eq!(whole, text, "a short transcript is whole in the facts");
        assert_eq!(facts["words"], whole.split_whitespace().count());
        assert_eq!(facts["language"], "en");

        let n_words = reference.split_whitespace().count() as f64;
        let (base, ours) = (
            word_error_rate(reference, &baseline),
            word_error_rate(reference, &text),
        );
        eprintln!("reference: {reference}\n  wav:        {baseline}  (WER {base:.3})\n  voice note: {text}  (WER {ours:.3})");
        words += n_words;
        base_errors += base * n_words;
        our_errors += ours * n_words;
    }
    let (base, ours) = (base_errors / words, our_errors / words);
    eprintln!(
        "WER over {} recordings ({words} words): pocketsphinx on the WAV {base:.3}, through the voice note {ours:.3}",
        recordings.len()
    );
    assert!(
        ours <= base + MARGIN,
        "WER {ours:.3} is more than {MARGIN} over the WAV's {base:.3}"
    );
}

#[tokio::test]
async fn a_wrong_key_and_a_dead_server_give_typed_errors() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/voice_note.ogg");
    // A dead server first (no recogniser needed): connection refused is a retryable NETWORK.
    let port = pipes_media_testkit::process::free_port();
    let dead = TranscribeStage::new(TranscribeConfig::new(format!("http://127.0.0.1:{port}/v1")))
        .expect("client");
    let waveform = StageHarness::new(WaveformStage::new(WaveformConfig::default()));
    let wav_run = waveform
        .run_file(&fixture, TestMessage::audio("audio/ogg"))
        .await;
    let speech = wav_run.artifact_path(wav_run.ok()["speechPath"].as_str().expect("speech"));
    let error = dead.transcribe_file(&speech).await.expect_err("refused");
    assert_eq!(error.code(), "NETWORK");
    assert!(error.is_retryable());

    let Some(server) = AsrServer::start(Some(KEY)) else {
        return;
    };
    let error = stage(&server, "not-the-key-000000000000")
        .transcribe_file(&speech)
        .await
        .expect_err("401");
    assert_eq!(error.code(), "UNAUTHORIZED");
    assert!(!error.is_retryable());
    assert!(!error.to_string().contains("not-the-key"), "{error}");

    // Through the harness: an item without a speech WAV is declined.
    let harness = StageHarness::new(stage(&server, KEY));
    let run = harness
        .run_file(&fixture, TestMessage::audio("audio/ogg"))
        .await;
    assert!(!run.accepted);
}

#[tokio::test]
async fn the_stage_passes_the_conformance_check() {
    // Without the `waveform` stage's speech WAV the stage takes nothing: it declines every
    // item, whatever its bytes.
    let config = TranscribeConfig::new("http://127.0.0.1:9/v1");
    let voice =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/voice_note.ogg"))
            .expect("fixture");
    let samples = [
        pipes_media_testkit::conformance::Sample::declined(voice, TestMessage::audio("audio/ogg")),
        pipes_media_testkit::conformance::Sample::declined(
            b"%PDF-1.4".to_vec(),
            TestMessage::document("application/pdf"),
        ),
    ];
    pipes_media_testkit::conformance::check_stage(
        TranscribeStage::new(config).expect("client"),
        &samples,
    )
    .await;
}
