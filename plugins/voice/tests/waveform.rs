//! The `waveform` stage through the stage harness: facts and the speech WAV of a voice note,
//! no speech WAV for music, silence, the audio of a video, limits, hostile corpus files, and
//! the conformance check.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use pipes_media_testkit::conformance::{check_stage, Sample};
use pipes_media_testkit::corpus;
use pipes_media_testkit::stage::{StageHarness, TestMessage};
use pipes_media_voice::{WaveformConfig, WaveformStage};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/voice_note.ogg")
}

fn harness(config: WaveformConfig) -> StageHarness<WaveformStage> {
    StageHarness::new(WaveformStage::new(config))
}

/// Runs ffmpeg with `args` writing `out`; false when ffmpeg is missing or fails.
fn ffmpeg(args: &[&str], out: &Path) -> bool {
    Command::new("ffmpeg")
        .args(["-v", "error", "-y"])
        .args(args)
        .arg(out)
        .status()
        .is_ok_and(|s| s.success())
}

#[tokio::test]
async fn a_voice_note_gets_facts_and_a_sixteen_khz_speech_wav() {
    // The harness owns the output directory: keep it alive while the files are read.
    let h = harness(WaveformConfig::default());
    let run = h
        .run_file(&fixture(), TestMessage::audio("audio/ogg; codecs=opus"))
        .await;
    let facts = run.ok();
    let bars = facts["waveform"].as_array().expect("bars");
    assert_eq!(bars.len(), 64);
    assert!(bars.iter().all(|b| b.as_u64().is_some_and(|v| v <= 100)));
    assert!(
        bars.iter().any(|b| b == 100),
        "normalised to the loudest bar"
    );
    // The LibriVox recording is 47840 samples at 16 kHz: 2.990 s (ffprobe says 2.9965 s, its
    // container duration counting the 6.5 ms pre-skip that the decode drops).
    assert_eq!(facts["decodedDurationMs"], 2990);
    assert_eq!(facts["codec"], "opus");
    assert_eq!(facts["silent"], false);
    let peak = facts["peakDbfs"].as_f64().expect("peak");
    let rms = facts["rmsDbfs"].as_f64().expect("rms");
    assert!(peak < 0.5 && rms < peak && rms > -60.0, "{peak} {rms}");

    let speech = facts["speechPath"].as_str().expect("speech path");
    assert_eq!(speech, "artifacts/msg_test_1/speech.wav");
    assert_eq!(run.artifacts.len(), 1);
    let wav = std::fs::read(run.artifact_path(speech)).expect("the WAV exists");
    assert_eq!(&wav[..4], b"RIFF");
    assert_eq!(&wav[8..16], b"WAVEfmt ");
    assert_eq!(u16::from_le_bytes([wav[20], wav[21]]), 1, "PCM");
    assert_eq!(u16::from_le_bytes([wav[22], wav[23]]), 1, "mono");
    assert_eq!(
        u32::from_le_bytes([wav[24], wav[25], wav[26], wav[27]]),
        16_000
    );
    assert_eq!(u16::from_le_bytes([wav[34], wav[35]]), 16, "16-bit");
    let frames = (wav.len() - 44) / 2;
    assert_eq!(frames, 47_840, "2.990 s at 16 kHz");
    assert!(
        !run.out_dir
            .join("artifacts/msg_test_1/speech.wav.part")
            .exists(),
        "no temporary file left"
    );
}

#[tokio::test]
async fn music_and_videos_get_no_speech_wav_and_speech_can_be_off() {
    let Some(dir) = corpus::dir() else { return };
    let h = harness(WaveformConfig::default());
    let music = h
        .run_file(
            &dir.join("audio/mp3_cbr128_xing_3_7s.mp3"),
            TestMessage::audio("audio/mpeg"),
        )
        .await;
    assert_eq!(
        music.ok()["speechOmitted"],
        "not_a_voice_note",
        "stereo mp3"
    );
    assert!(music.artifacts.is_empty());

    let video = h
        .run_file(
            &dir.join("video/mp4_h264_aac_640x360_3_7s.mp4"),
            TestMessage::video("video/mp4"),
        )
        .await;
    let facts = video.ok();
    assert_eq!(facts["fromVideo"], true);
    assert_eq!(facts["codec"], "aac");
    assert!(facts.get("speechPath").is_none());

    let silent_video = h
        .run_file(
            &dir.join("video/mp4_h264_noaudio_640x360_3_7s.mp4"),
            TestMessage::video("video/mp4"),
        )
        .await;
    assert_eq!(silent_video.ok()["hasAudio"], false);

    let off = harness(WaveformConfig::default().speech(false))
        .run_file(&fixture(), TestMessage::audio("audio/ogg"))
        .await;
    assert_eq!(off.ok()["speechOmitted"], "disabled");
    let no_video = harness(WaveformConfig::default().video(false))
        .run_file(
            &dir.join("video/mp4_h264_aac_640x360_3_7s.mp4"),
            TestMessage::video("video/mp4"),
        )
        .await;
    assert!(!no_video.accepted);
}

#[tokio::test]
#[allow(clippy::print_stderr)]
async fn a_silent_voice_note_is_silent_with_low_bars() {
    let dir = tempfile::tempdir().expect("tempdir");
    let note = dir.path().join("silence.ogg");
    let made = ffmpeg(
        &[
            "-f",
            "lavfi",
            "-i",
            "anoisesrc=d=2:c=pink:a=0.0005:r=16000:seed=3",
            "-ac",
            "1",
            "-c:a",
            "libopus",
            "-b:a",
            "16k",
            "-application",
            "voip",
        ],
        &note,
    );
    if !made {
        eprintln!("SKIP: ffmpeg with libopus not available");
        return;
    }
    let run = harness(WaveformConfig::default())
        .run_file(&note, TestMessage::audio("audio/ogg"))
        .await;
    let facts = run.ok();
    assert_eq!(facts["silent"], true, "{facts:?}");
    let bars = facts["waveform"].as_array().expect("bars");
    assert!(
        bars.iter().all(|b| b.as_u64().is_some_and(|v| v <= 5)),
        "{bars:?}"
    );
    assert!(facts["rmsDbfs"].as_f64().is_some_and(|r| r < -60.0));
}

#[tokio::test]
async fn the_length_and_time_limits_stop_the_decode() {
    let h1 = harness(WaveformConfig::default().max_duration(Duration::from_secs(1)));
    let too_long = h1
        .run_file(&fixture(), TestMessage::audio("audio/ogg"))
        .await;
    assert_eq!(too_long.code().as_deref(), Some("TOO_LONG"));
    let h2 = harness(WaveformConfig::default().time_limit(Duration::ZERO));
    let no_time = h2
        .run_file(&fixture(), TestMessage::audio("audio/ogg"))
        .await;
    assert_eq!(no_time.code().as_deref(), Some("DECODE_TIME_LIMIT"));
    // Neither leaves a speech WAV behind.
    for run in [&too_long, &no_time] {
        assert!(run.out_dir.is_dir());
        assert!(run.artifacts.is_empty());
        assert!(pipes_media_testkit::files::files_under(&run.out_dir).is_empty());
    }
    let h3 = harness(WaveformConfig::default().speech_max_duration(Duration::from_secs(1)));
    let short_speech = h3
        .run_file(&fixture(), TestMessage::audio("audio/ogg"))
        .await;
    assert!(
        short_speech.out_dir.is_dir(),
        "the output directory is still there"
    );
    assert_eq!(short_speech.ok()["speechOmitted"], "too_long");
    assert!(pipes_media_testkit::files::files_under(&short_speech.out_dir).is_empty());
}

#[tokio::test]
#[allow(clippy::print_stderr)]
async fn hostile_corpus_files_give_typed_errors_or_partial_results() {
    let Some(dir) = corpus::dir() else { return };
    let h = harness(WaveformConfig::default());
    let mut seen = 0;
    for entry in corpus::manifest(&dir) {
        if entry["kind"] != "hostile" {
            continue;
        }
        let Some(rel) = entry["path"].as_str() else {
            continue;
        };
        let mime = entry["mime"].as_str().unwrap_or("application/octet-stream");
        let run = h.run_file(&dir.join(rel), TestMessage::audio(mime)).await;
        if !run.accepted {
            continue;
        }
        seen += 1;
        match &run.result {
            Ok(()) => {
                // A cut file decodes to what is there: less than the whole file it was cut from.
                let whole_ms = entry["truncated_from"]
                    .as_str()
                    .and_then(|from| {
                        corpus::manifest(&dir)
                            .into_iter()
                            .find(|e| e["path"] == from)
                    })
                    .and_then(|e| e["duration_s"].as_f64())
                    .map(|s| s * 1000.0);
                let got = run.facts["decodedDurationMs"].as_f64().expect("a duration");
                assert!(
                    whole_ms.is_some_and(|w| got < w),
                    "{rel}: {got} ms decoded from a cut file, whole {whole_ms:?}"
                );
            }
            Err(e) => {
                let code = e.code().to_string();
                assert!(
                    [
                        "CORRUPT_AUDIO",
                        "EMPTY",
                        "UNSUPPORTED_FORMAT",
                        "NO_AUDIO_TRACK"
                    ]
                    .contains(&code.as_str()),
                    "{rel}: {e}"
                );
            }
        }
        eprintln!(
            "{rel}: {:?} {:?}",
            run.code(),
            run.facts.get("decodedDurationMs")
        );
    }
    assert!(seen >= 5, "the hostile audio files are taken");
}

#[tokio::test]
async fn the_stage_passes_the_conformance_check() {
    let voice = std::fs::read(fixture()).expect("fixture");
    let mut samples = vec![
        Sample::accepted(voice, TestMessage::audio("audio/ogg; codecs=opus")),
        Sample::declined(
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            TestMessage::image("image/png"),
        ),
        Sample::declined(
            b"%PDF-1.4\n".to_vec(),
            TestMessage::document("application/pdf"),
        ),
    ];
    if let Some(dir) = corpus::dir() {
        for rel in [
            "audio/mp3_cbr128_xing_0_5s.mp3",
            "audio/wav_s16_stereo44k_0_5s.wav",
        ] {
            if let Ok(bytes) = std::fs::read(dir.join(rel)) {
                samples.push(Sample::accepted(bytes, TestMessage::audio("audio/mpeg")));
            }
        }
    }
    let report = check_stage(WaveformStage::new(WaveformConfig::default()), &samples).await;
    assert!(report.runs > 40, "{report:?}");
}
