//! # pipes-media-probe
//!
//! The container parsers of pipes-media, shared by the stages that look inside media files:
//! the `mime` stage sniffs with them (which container, which tracks, which codec), the `audio`
//! stage measures with them (duration and stream facts). One parser per format means one
//! answer per file: both stages report the same codec and container names, from one table
//! ([`Codec`], [`Container`]: ffprobe's `codec_name` spellings).
//!
//! ## What is here
//!
//! - [`Source`]: one bounded reader over a blob, its in-memory head first, then a [`Budget`]
//!   of seeks and reads of the file. Sniffing reads best-effort ([`Source::read_lossy`]: an
//!   error or a spent budget gives fewer bytes); measuring gets typed errors
//!   ([`Source::read_at`], [`ProbeError`]).
//! - Container modules, each with the header parsing both stages need: [`isobmff`] (box
//!   walking, brands, track kinds, sample entries), [`matroska`] (EBML elements, DocType,
//!   tracks, codec ids), [`ogg`] (pages, CRC, codec identification), [`mp3`] (MPEG audio
//!   frame headers, Xing/Info/VBRI, ID3 skipping), [`adts`], [`adif`], [`flac`], [`amr`], [`wav`] and
//!   [`riff`] chunks, [`aiff`].
//! - [`detect`] (the container from the first bytes) and [`measure`] (duration and stream facts
//!   as a [`MediaInfo`], every read bounded by [`Limits`]).
//!
//! The long tail has modules too: [`ac3`] (AC-3 and E-AC-3 frames), [`asf`] (GUIDs, video
//! codec four-character codes), [`avi`], [`flv`], [`mpeg`] (MPEG-PS and MPEG-TS), [`wavpack`]
//! block headers, and the LAME tag in [`mp3`]; APE, TAK, TTA, Musepack, DSF and DSDIFF are
//! recognised by [`detect`] and read by [`measure`].
//!
//! ## Hostile input
//!
//! Everything read is attacker-controlled. Box and element trees have count and depth limits,
//! a box that does not advance is [`ProbeError::StructureLoop`], header blocks read into memory
//! are capped ([`Limits::max_header_bytes`]), a zero sample rate or time scale is
//! [`ProbeError::ZeroSampleRate`], a claim longer than [`Limits::max_duration_s`] is
//! [`ProbeError::ImplausibleDuration`]. Nothing panics on any input, and scans of frame
//! headers read through a sliding [`Window`], never the whole file at once.
//!
//! ## Example
//!
//! ```
//! use pipes_media_probe::{detect, measure, Codec, Container, Limits, Source};
//!
//! // A 1-second WAV: 8 kHz mono 16-bit.
//! let mut wav = b"RIFF\0\0\0\0WAVEfmt \x10\0\0\0\x01\0\x01\0\x40\x1f\0\0\x80\x3e\0\0\x02\0\x10\0data".to_vec();
//! wav.extend_from_slice(&16_000u32.to_le_bytes());
//! wav.resize(wav.len() + 16_000, 0);
//!
//! let format = detect(&wav).expect("a WAV file");
//! let info = measure(format, &mut Source::from_bytes(&wav), &Limits::default())?;
//! assert_eq!(info.container, Container::Wav);
//! assert_eq!(info.duration_s, 1.0);
//! assert_eq!(info.codec, Some(Codec::PcmS16le));
//! assert_eq!(info.codec.map(Codec::name), Some("pcm_s16le"));
//! assert_eq!((info.sample_rate, info.channels), (Some(8000), Some(1)));
//! # Ok::<(), pipes_media_probe::ProbeError>(())
//! ```
//!
//! Depends on `pipes-media-core` only for [`StageError`](pipes_media_core::StageError) (a
//! [`ProbeError`] converts into one, keeping its report code), plus `thiserror` and `tracing`.

pub mod ac3;
pub mod adif;
pub mod adts;
pub mod aiff;
pub mod amr;
mod ape;
pub mod asf;
pub mod avi;
pub mod bytes;
mod dsd;
mod error;
pub mod flac;
pub mod flv;
mod info;
pub mod isobmff;
pub mod matroska;
mod measure;
pub mod mp3;
pub mod mpeg;
mod musepack;
mod names;
pub mod ogg;
pub mod riff;
mod source;
mod tak;
mod tta;
pub mod wav;
pub mod wavpack;

pub use error::ProbeError;
pub use info::{DurationSource, MediaInfo};
pub use measure::{detect, id3v2_len, measure, Format, Limits};
pub use names::{Codec, Container};
pub use source::{Budget, ReadSeek, Source, Window};
