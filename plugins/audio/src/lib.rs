//! # pipes-media-audio
//!
//! The `audio` stage of pipes-media: exact duration and stream facts of voice notes, music and
//! video, read from container headers without decoding a single frame.
//!
//! It runs after the `mime` stage when there is one, but recognises containers from their magic
//! numbers itself, so it also works alone: it accepts exactly the items whose first bytes are a
//! container it measures (and declines them when the `mime` stage found an image, such as a
//! HEIC photo in ISO boxes). For each file it reports [`AudioFacts`] under the
//! stage name `audio`: `durationMs`, `codec`, `sampleRate`, `channels`, `bitrate`, and for video
//! `width`, `height`, `videoCodec`, `fps`, `hasAudio` (plus `container`, `preSkip`, `rotation`…).
//!
//! ## How each container is measured
//!
//! | container | duration from | reads |
//! | --- | --- | --- |
//! | Ogg (Opus, Vorbis, FLAC, Speex) | last page's granule position; Opus minus its pre-skip (RFC 7845) | first pages, the last page (at most 192 KiB from the end) |
//! | mp3 / mp2 | Xing/Info or VBRI frame count; without one (or when the file is cut), a count of every frame header | ID3v2 skipped, headers only |
//! | mp4, m4a, 3gp, mov | `mvhd`, else `mehd`, else `mdhd` + `moof`/`trun` fragments | top-level box headers, `moov`, `moof` |
//! | WAV, RF64, AIFF | `data` size (or `fact`) over the block size | chunk headers |
//! | FLAC | STREAMINFO sample count, checked against the last frame headers | metadata, last 64 KiB |
//! | AMR-NB/WB, ADTS AAC | a count of every frame header | headers only |
//! | WebM, Matroska | `Info` `Duration` × `TimecodeScale` (Opus: minus `CodecDelay`); live recordings without it: the last block's time | EBML header, `Info`, `Tracks` (block headers when needed) |
//!
//! The parsers live in `pipes-media-probe`, shared with the `mime` stage (one parser per
//! format, one table of codec names), written for exactly the headers needed: no codec library
//! is linked, so the stage builds in seconds, reads a few KiB per file and never decodes.
//! `symphonia` was the planned base and was left out on purpose: it is audio-only (no video
//! width, height or codec), its mp3 and ADTS readers give no duration without decoding, it
//! reads no AMR, and its 0.5 releases panic on a zero time scale (symphonia issue #488), one of
//! the hostile inputs this stage must reject with a typed error.
//!
//! ## Hostile input
//!
//! Every read is bounded ([`AudioConfig::max_header_bytes`]); box and element trees have a count
//! and depth limit; a box that does not advance is a loop ([`AudioError::StructureLoop`]); a zero
//! sample rate or time scale is [`AudioError::ZeroSampleRate`]; a claim longer than
//! [`AudioConfig::max_duration`] is [`AudioError::ImplausibleDuration`]. A truncated file gives
//! the duration of what is there (`truncated: true`) or [`AudioError::Truncated`].
//!
//! ## Example
//!
//! ```
//! use pipes_media_audio::{AudioConfig, AudioStage};
//! use std::io::Cursor;
//!
//! // A 1-second WAV: 8 kHz mono 16-bit.
//! let mut wav = b"RIFF\0\0\0\0WAVEfmt \x10\0\0\0\x01\0\x01\0\x40\x1f\0\0\x80\x3e\0\0\x02\0\x10\0data".to_vec();
//! wav.extend_from_slice(&16_000u32.to_le_bytes());
//! wav.resize(wav.len() + 16_000, 0);
//!
//! let stage = AudioStage::new(AudioConfig::default());
//! let len = wav.len() as u64;
//! let facts = stage.probe_reader(&mut Cursor::new(wav), len, &[])?;
//! assert_eq!(facts.duration_ms, 1000);
//! assert_eq!(facts.codec.as_deref(), Some("pcm_s16le"));
//! assert_eq!((facts.sample_rate, facts.channels), (Some(8000), Some(1)));
//! # Ok::<(), pipes_media_audio::AudioError>(())
//! ```
//!
//! In a pipeline, add `AudioStage::new(AudioConfig::default())` as a stage; it depends on
//! `pipes-media-core` only.

mod facts;
mod stage;

pub use facts::AudioFacts;
pub use pipes_media_probe::DurationSource;
/// Why an audio or video file could not be measured: the shared parsers' error
/// ([`pipes_media_probe::ProbeError`]), each variant with a stable report code (`code()`).
pub use pipes_media_probe::ProbeError as AudioError;
pub use stage::{AudioConfig, AudioStage};
