//! Container recognition ([`detect`]) and measuring ([`measure`]): the dispatch to each
//! container's parser, and the [`Limits`] they all respect.
//!
//! Each parser reads only headers: the Ogg parser reads the first pages and the last one, the
//! mp4 parser reads `moov` (and `moof` boxes of fragmented files), the mp3 parser reads the
//! Xing/VBRI header or, without one, every frame header. Nothing is decoded.

use crate::error::ProbeError;
use crate::info::MediaInfo;
use crate::{ac3, ape, asf, avi, dsd, flv, mpeg, musepack, tak, tta, wavpack};
use crate::{adts, aiff, amr, flac, isobmff, matroska, mp3, ogg, wav};
use crate::{bytes, Source};

/// The containers [`measure`] reads, as [`detect`] recognises them from their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
#[allow(missing_docs)] // each variant is its container
pub enum Format {
    Ogg,
    Mp3,
    Mp4,
    Wav,
    Flac,
    Amr,
    Adts,
    Aiff,
    Matroska,
    Ac3,
    WavPack,
    Tta,
    Dsf,
    Dff,
    Ape,
    Tak,
    Musepack,
    Asf,
    Avi,
    Flv,
    MpegTs,
    MpegPs,
}

/// Limits applied while measuring: every parser respects them.
///
/// ```
/// let limits = pipes_media_probe::Limits::default();
/// assert_eq!(limits.max_depth, 16);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Limits {
    /// Largest header block read into memory at once (`moov`, `moof`, Matroska `Tracks`, a
    /// FLAC metadata block). Default: 64 MiB.
    pub max_header_bytes: u64,
    /// Most boxes, elements, chunks or packets visited in one file. Default: 1,000,000.
    pub max_boxes: usize,
    /// Deepest nesting of boxes or elements. Default: 16.
    pub max_depth: usize,
    /// Longest duration a header may claim, in seconds. Default: 24 hours.
    pub max_duration_s: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_header_bytes: 64 * 1024 * 1024,
            max_boxes: 1_000_000,
            max_depth: 16,
            max_duration_s: 24.0 * 3600.0,
        }
    }
}

impl Limits {
    /// Limits with these values.
    pub fn new(
        max_header_bytes: u64,
        max_boxes: usize,
        max_depth: usize,
        max_duration_s: f64,
    ) -> Self {
        Self {
            max_header_bytes,
            max_boxes,
            max_depth,
            max_duration_s,
        }
    }

    /// Passes a duration a header claims through when it is plausible.
    pub(crate) fn claim(&self, seconds: f64) -> Result<f64, ProbeError> {
        if seconds.is_finite() && seconds > self.max_duration_s {
            return Err(ProbeError::ImplausibleDuration {
                claimed_s: seconds,
                limit_s: self.max_duration_s as u64,
            });
        }
        Ok(seconds)
    }
}

/// What the head bytes are, by magic number alone (the first 4 KiB are enough; HEIF/AVIF still
/// images in ISO boxes are not media and give `None`).
///
/// ```
/// use pipes_media_probe::{detect, Format};
/// assert_eq!(detect(b"OggS\0\x02"), Some(Format::Ogg));
/// assert_eq!(detect(b"\xFF\xD8\xFF\xE0\0\x10JFIF"), None);
/// ```
pub fn detect(head: &[u8]) -> Option<Format> {
    let at = |i: usize, magic: &[u8]| head.get(i..i + magic.len()) == Some(magic);
    if at(0, b"OggS") {
        return Some(Format::Ogg);
    }
    if at(0, b"fLaC") {
        return Some(Format::Flac);
    }
    if (at(0, b"RIFF") || at(0, b"RF64") || at(0, b"BW64")) && at(8, b"WAVE") {
        return Some(Format::Wav);
    }
    if at(0, b"FORM") && (at(8, b"AIFF") || at(8, b"AIFC")) {
        return Some(Format::Aiff);
    }
    if at(0, b"#!AMR") {
        return Some(Format::Amr);
    }
    if at(0, &[0x1A, 0x45, 0xDF, 0xA3]) {
        return Some(Format::Matroska);
    }
    if at(0, &asf::HEADER) {
        return Some(Format::Asf);
    }
    if at(0, b"RIFF") && at(8, b"AVI ") {
        return Some(Format::Avi);
    }
    if at(0, b"FLV\x01") {
        return Some(Format::Flv);
    }
    if mpeg::is_program_stream(head) {
        return Some(Format::MpegPs);
    }
    if mpeg::is_transport_stream(head) {
        return Some(Format::MpegTs);
    }
    if at(0, b"DSD ") && at(28, b"fmt ") {
        return Some(Format::Dsf);
    }
    if at(0, b"FRM8") && at(12, b"DSD ") {
        return Some(Format::Dff);
    }
    if let Some(format) = magic_after_tags(head) {
        return Some(format);
    }
    if at(4, b"ftyp") && head.get(8..12).is_some_and(is_image_brand) {
        return None; // HEIF/HEIC/AVIF photos share the ISO box format
    }
    if at(4, b"ftyp")
        || ((at(4, b"moov") || at(4, b"mdat") || at(4, b"wide"))
            && bytes::be32(head, 0).is_some_and(|s| s == 1 || s >= 8))
    {
        return Some(Format::Mp4);
    }
    let start = id3v2_len(head);
    if start > 0 {
        let start = usize::try_from(start).ok()?;
        if head.get(start..start + 4) == Some(b"fLaC") {
            return Some(Format::Flac);
        }
        if head.get(start..).is_some_and(adts::is_sync) {
            return Some(Format::Adts);
        }
        if let Some(format) = head.get(start..).and_then(magic_after_tags) {
            return Some(format);
        }
        if head.get(start..).is_some_and(ac3::looks_like_ac3) {
            return Some(Format::Ac3);
        }
        return Some(Format::Mp3);
    }
    if ac3::looks_like_ac3(head) {
        return Some(Format::Ac3);
    }
    if adts::is_sync(head) && adts::header(head).is_some() {
        return Some(Format::Adts);
    }
    if mp3::looks_like_mp3(head) {
        return Some(Format::Mp3);
    }
    None
}

/// Formats with a magic of their own, which may also follow ID3v2 tags.
fn magic_after_tags(b: &[u8]) -> Option<Format> {
    let at = |magic: &[u8]| b.starts_with(magic);
    Some(if at(b"wvpk") {
        Format::WavPack
    } else if at(b"TTA1") {
        Format::Tta
    } else if at(b"MAC ") {
        Format::Ape
    } else if at(b"tBaK") {
        Format::Tak
    } else if at(b"MPCK") || (at(b"MP+") && b.get(3).is_some_and(|v| v & 0x0F == 7)) {
        Format::Musepack
    } else {
        return None;
    })
}

/// Major brands of still-image files in ISO BMFF boxes.
pub(crate) fn is_image_brand(brand: &[u8]) -> bool {
    matches!(
        brand,
        b"heic"
            | b"heix"
            | b"heim"
            | b"heis"
            | b"hevc"
            | b"hevx"
            | b"mif1"
            | b"msf1"
            | b"avif"
            | b"avis"
            | b"crx "
    )
}

/// Length of the ID3v2 tags at the start of `head` (0 when there is none).
pub fn id3v2_len(head: &[u8]) -> u64 {
    let mut pos = 0u64;
    // Some encoders write several tags back to back.
    for _ in 0..4 {
        let Ok(at) = usize::try_from(pos) else { break };
        let Some(h) = head.get(at..at + 10) else {
            break;
        };
        if &h[..3] != b"ID3" {
            break;
        }
        let size = h[6..10]
            .iter()
            .fold(0u64, |acc, b| (acc << 7) | u64::from(b & 0x7F));
        let footer = if h[5] & 0x10 != 0 { 10 } else { 0 };
        pos += 10 + size + footer;
    }
    pos
}

/// Measures `input` as `format` (from [`detect`]).
///
/// Errors are typed ([`ProbeError`]); the duration is checked against
/// [`Limits::max_duration_s`], finite and not negative.
pub fn measure(
    format: Format,
    input: &mut Source<'_>,
    limits: &Limits,
) -> Result<MediaInfo, ProbeError> {
    if input.is_empty() {
        return Err(ProbeError::Empty);
    }
    match format {
        Format::Ogg => ogg::probe(input, limits),
        Format::Mp3 => mp3::probe(input, limits),
        Format::Mp4 => isobmff::probe(input, limits),
        Format::Wav => wav::probe(input, limits),
        Format::Flac => flac::probe(input, limits),
        Format::Amr => amr::probe(input),
        Format::Adts => adts::probe(input),
        Format::Aiff => aiff::probe(input, limits),
        Format::Matroska => matroska::probe(input, limits),
        Format::Ac3 => ac3::probe(input),
        Format::WavPack => wavpack::probe(input, limits),
        Format::Tta => tta::probe(input, limits),
        Format::Dsf => dsd::probe_dsf(input, limits),
        Format::Dff => dsd::probe_dff(input, limits),
        Format::Ape => ape::probe(input, limits),
        Format::Tak => tak::probe(input, limits),
        Format::Musepack => musepack::probe(input, limits),
        Format::Asf => asf::probe(input, limits),
        Format::Avi => avi::probe(input, limits),
        Format::Flv => flv::probe(input, limits),
        Format::MpegTs => mpeg::probe_ts(input, limits),
        Format::MpegPs => mpeg::probe_ps(input, limits),
    }
    .and_then(|info| check(info, limits))
}

/// Final checks shared by every container: a finite, plausible duration.
fn check(info: MediaInfo, limits: &Limits) -> Result<MediaInfo, ProbeError> {
    if !info.duration_s.is_finite() || info.duration_s < 0.0 {
        return Err(ProbeError::invalid(
            info.container.name(),
            "duration is not a number",
        ));
    }
    limits.claim(info.duration_s)?;
    Ok(info)
}

/// Seconds from a sample count and a rate, refusing a zero rate.
pub(crate) fn seconds(samples: u64, rate: u64, format: &'static str) -> Result<f64, ProbeError> {
    if rate == 0 {
        return Err(ProbeError::ZeroSampleRate(format));
    }
    Ok(samples as f64 / rate as f64)
}

/// Average bits per second of `bytes` over `duration_s` (None for a zero duration).
pub(crate) fn bitrate(bytes: u64, duration_s: f64) -> Option<u64> {
    (duration_s > 0.0).then(|| (bytes as f64 * 8.0 / duration_s).round() as u64)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_magic_numbers() {
        assert_eq!(detect(b"OggS\0\x02"), Some(Format::Ogg));
        assert_eq!(detect(b"fLaC\0\0\0\x22"), Some(Format::Flac));
        assert_eq!(detect(b"RIFF\0\0\0\0WAVEfmt "), Some(Format::Wav));
        assert_eq!(detect(b"#!AMR\n"), Some(Format::Amr));
        assert_eq!(detect(b"\0\0\0\x18ftypmp42"), Some(Format::Mp4));
        assert_eq!(
            detect(&[0x1A, 0x45, 0xDF, 0xA3, 0x9F]),
            Some(Format::Matroska)
        );
        assert_eq!(detect(b"ID3\x04\0\0\0\0\0\0"), Some(Format::Mp3));
        assert_eq!(detect(b"\xFF\xD8\xFF\xE0\0\x10JFIF"), None);
        assert_eq!(detect(b""), None);
        assert_eq!(detect(b"%PDF-1.4"), None);
        assert_eq!(detect(b"\0\0\0\x1cftypheic\0\0\0\0mif1heic"), None);
    }

    #[test]
    fn id3_length_is_syncsafe() {
        let mut h = b"ID3\x04\x00\x00\x00\x00\x01\x7F".to_vec();
        h.resize(300, 0);
        assert_eq!(id3v2_len(&h), 10 + 255);
    }
}
