//! # pipes-media-voice
//!
//! Voice notes heard: three stages of pipes-media around decoded audio.
//!
//! - **`waveform`** ([`WaveformStage`], on by default): decodes the audio of voice notes,
//!   music and the audio track of videos, and reports [`WaveformFacts`]: `waveform` (the 64
//!   bars of 0–100 WhatsApp draws for a voice note), `decodedDurationMs`, `peakDbfs`,
//!   `rmsDbfs`, `silent`, and for voice notes `speechPath`, a 16 kHz mono 16-bit WAV ready for
//!   speech recognition.
//! - **`transcribe`** ([`TranscribeStage`], cargo feature `transcribe`, off unless configured):
//!   posts the speech WAV to an OpenAI-compatible `POST {base}/audio/transcriptions` and
//!   reports `text` (first 500 characters), `textPath` (the whole transcript), `words`,
//!   `language`.
//! - **`reply`** ([`ReplyStage`], off by default): answers each message once with a text
//!   chosen by rules and templates over any stage's facts (`{transcribe.text}`,
//!   `{audio.durationMs:s}`, `{pdf.pages}`…), through the core's
//!   [`Replier`](pipes_media_core::Replier) seam (the ingest crate's `ReplyHandle` sends
//!   `whatsapp_reply` on the WebSocket), and reports `sent`, `text`, `code`.
//!
//! The crate depends on `pipes-media-core` and its codecs only; it reads other stages' facts
//! as JSON, never their crates.
//!
//! ## Decoding
//!
//! `symphonia` demuxes Ogg, mp4/m4a/3gp/mov, WebM/Matroska, WAV, FLAC, MP3 and ADTS and decodes
//! MP3, AAC-LC, Vorbis, FLAC and PCM; the pure-Rust `opus-decoder` decodes Opus (at 48 kHz,
//! its `OpusHead` output gain applied). Both are pure Rust: cargo alone builds them. Packets are
//! decoded one at a time and mixed to mono as `ffmpeg -ac 1` mixes (stereo: (L + R)·√½), so
//! an hour of audio never sits in memory: the meter keeps at most 32768 block sums, the speech
//! WAV is streamed to disk.
//!
//! Trimming is ffmpeg's: the Opus pre-skip and the end trim of the last Ogg granule; Vorbis,
//! FLAC and MP3 (LAME header) delay and padding; the priming samples of AAC in mp4 (the edit
//! list, which symphonia does not read: the crate reads `elst` itself, bounded). An MP3
//! without a Xing/Info header is decoded whole (symphonia would cut a VBR file at the length it
//! estimates from the first bit rate).
//!
//! ## The waveform
//!
//! The mono signal is cut into 64 equal spans of samples; each bar is the span's mean absolute
//! amplitude over the loudest span's, rounded to 0–100 (the loudest bar is 100), as Baileys
//! computes the waveform it sends with a voice note. When even the loudest span is below
//! −50 dBFS (mean absolute amplitude) the file is `silent` and is drawn on a fixed scale on
//! which −50 dBFS is 5, so no bar of a silent file exceeds 5. Checked against ffmpeg's decode
//! bucketed the same way (`tests/ffmpeg.rs`): every bar within ±3 (±1 on the corpus), the
//! duration within 20 ms, peak and RMS within 0.5 dB, on the corpus's voice notes, music and
//! videos and on generated voice notes of recorded speech (`tests/gen_voice_set.sh`). Where
//! ffmpeg 5.1's own decode disagrees with its container's length (some short Ogg Vorbis
//! system sounds, whose last granule it ignores), the comparison is skipped and says so.
//!
//! ## Limits and hostile input
//!
//! A decode stops at [`WaveformConfig::max_duration`] of audio (`TOO_LONG`) and after
//! [`WaveformConfig::time_limit`] of wall time (`DECODE_TIME_LIMIT`). A damaged packet is
//! skipped and counted (`damagedPackets`); more than [`WaveformConfig::max_damaged_packets`],
//! or more than half of the packets, is `CORRUPT_AUDIO`. A file cut short decodes to what is
//! there (a documented partial result; `truncated: true` when the container reports the break).
//! Tags and cover art are capped at 64 KiB and 0 bytes. A panic inside a decoder library is
//! caught and becomes `DECODER_FAULT`. Every failure is a typed [`VoiceError`] with a report
//! code.
//!
//! ## Voice notes and music
//!
//! The speech WAV is written for `audio` messages (not videos) whose audio is Opus or mono —
//! WhatsApp records voice notes as mono Opus; music files are stereo MP3/AAC — and that are
//! not longer than [`WaveformConfig::speech_max_duration`] (30 minutes). Otherwise
//! `speechOmitted` says why (`not_a_voice_note`, `too_long`, `disabled`).
//!
//! ## Example
//!
//! ```
//! use pipes_media_voice::{WaveformConfig, WaveformStage};
//!
//! // One second of a 440 Hz tone at half scale, as a 16 kHz mono WAV.
//! let mut wav = b"RIFF".to_vec();
//! wav.extend_from_slice(&(36 + 32_000u32).to_le_bytes());
//! wav.extend_from_slice(b"WAVEfmt \x10\0\0\0\x01\0\x01\0\x80\x3e\0\0\0\x7d\0\0\x02\0\x10\0data");
//! wav.extend_from_slice(&32_000u32.to_le_bytes());
//! for i in 0..16_000 {
//!     let s = 0.5 * (i as f32 * std::f32::consts::TAU * 440.0 / 16_000.0).sin();
//!     wav.extend_from_slice(&((s * 32_767.0) as i16).to_le_bytes());
//! }
//! let dir = tempfile::tempdir()?;
//! let path = dir.path().join("tone.wav");
//! std::fs::write(&path, &wav)?;
//!
//! let facts = WaveformStage::new(WaveformConfig::default()).measure_path(&path)?;
//! assert_eq!(facts.waveform.len(), 64);
//! assert!(facts.waveform.iter().all(|&bar| bar >= 95)); // a steady tone fills every bar
//! assert_eq!(facts.decoded_duration_ms, 1000);
//! assert!((facts.peak_dbfs + 6.0).abs() < 0.1); // half scale: −6 dBFS
//! assert!((facts.rms_dbfs + 9.0).abs() < 0.1); // a sine's RMS is 3 dB under its peak
//! assert!(!facts.silent);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! In a pipeline: `WaveformStage::new(WaveformConfig::default())`, then (with the
//! `transcribe` feature) `TranscribeStage::new(TranscribeConfig::new(url).key(..))?`, then
//! `ReplyStage::new(ReplyConfig::default(), Arc::new(source.replier()))`.

mod decode;
mod error;
mod level;
mod reply;
mod speech;
#[cfg(feature = "transcribe")]
mod transcribe;
mod waveform;

pub use decode::{sniff_container, Container};
pub use error::VoiceError;
pub use level::{BARS, FLOOR_DBFS, SILENCE_LEVEL};
pub use reply::{
    cut_at_word, ReplyConfig, ReplyFacts, ReplyRule, ReplySetupError, ReplyStage, Template, When,
};
#[cfg(feature = "transcribe")]
pub use transcribe::{
    TranscribeConfig, TranscribeError, TranscribeFacts, TranscribeKey, TranscribeStage, TEXT_CHARS,
};
pub use waveform::{NoAudio, WaveformConfig, WaveformFacts, WaveformStage, SPEECH_SAMPLE_RATE};
