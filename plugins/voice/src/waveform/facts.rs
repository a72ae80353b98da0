//! [`WaveformFacts`]: what the `waveform` stage reports.

use pipes_media_core::Fact;
use serde::Serialize;

/// The decoded audio of one file (report stage `waveform`).
///
/// `waveform`, `decodedDurationMs`, `peakDbfs`, `rmsDbfs`, `silent` and `speechPath` are the
/// report contract's names; the others are extras. Levels are of the mono mix as `ffmpeg -ac 1`
/// makes it: stereo is (L + R)·√½, so a file with the same signal in both channels measures
/// 3 dB above either channel; wider layouts are averaged.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WaveformFacts {
    /// 64 integers 0–100: the mean absolute amplitude of each 64th of the audio over the
    /// loudest 64th's, rounded (WhatsApp's voice-note bars). A silent file has every bar ≤ 5.
    pub waveform: Vec<u8>,
    /// Duration of the samples actually decoded (after pre-skip and end trimming), in ms.
    pub decoded_duration_ms: u64,
    /// Largest absolute sample in dBFS, to 0.01 dB (−120 for digital silence).
    pub peak_dbfs: f64,
    /// RMS of all samples in dBFS, to 0.01 dB (−120 for digital silence).
    pub rms_dbfs: f64,
    /// Whether the loudest 64th of the audio is below −50 dBFS (mean absolute amplitude).
    pub silent: bool,
    /// The 16 kHz mono 16-bit WAV for speech recognition, relative to the output directory;
    /// absent when none was written (see `speechOmitted`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speech_path: Option<String>,
    /// Why there is no `speechPath`: `disabled`, `not_a_voice_note`, `too_long`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speech_omitted: Option<&'static str>,
    /// The container: `ogg`, `mp3`, `adts`, `mp4`, `matroska`, `wav`, `flac`.
    pub container: &'static str,
    /// The codec, by ffmpeg's name (`opus`, `vorbis`, `mp3`, `aac`, `flac`, `pcm_s16le`…).
    pub codec: String,
    /// The decoded sample rate in Hz (Opus: 48000).
    pub sample_rate: u32,
    /// The channels mixed into the mono signal.
    pub channels: usize,
    /// Mono frames decoded.
    pub decoded_frames: u64,
    /// Packets that failed to decode and were skipped (their time is missing).
    #[serde(skip_serializing_if = "is_zero")]
    pub damaged_packets: u32,
    /// Whether the stream ends early (a cut file); the facts describe what is there.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
    /// Whether this is the audio track of a video.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub from_video: bool,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Fact for WaveformFacts {}

/// Reported instead of [`WaveformFacts`] for a video without an audio track.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NoAudio {
    /// Always `false`.
    pub has_audio: bool,
}

impl Fact for NoAudio {}
