//! WAV (RIFF, RF64/BW64): the `fmt ` chunk and the size of the `data` chunk (or the `fact` sample
//! count for compressed formats). A `data` chunk longer than the file gives what is there.

use crate::error::ProbeError;
use crate::info::{DurationSource, MediaInfo};
use crate::measure::{bitrate, seconds, Limits};
use crate::names::{Codec, Container};
use crate::{bytes, Source};

const FORMAT: &str = "wav";

/// The `fmt ` chunk fields we use.
#[derive(Debug, Clone, Copy)]
struct Fmt {
    tag: u16,
    channels: u16,
    rate: u32,
    byte_rate: u32,
    block_align: u16,
    bits: u16,
}

pub(crate) fn probe(input: &mut Source<'_>, limits: &Limits) -> Result<MediaInfo, ProbeError> {
    let head = input.read_at(0, 12)?;
    let rf64 = !head.starts_with(b"RIFF");
    let mut pos = 12u64;
    let (mut fmt, mut fact_samples, mut ds64_data) = (None, None, None);
    let mut data = None;
    for n in 0.. {
        if n >= limits.max_boxes {
            return Err(ProbeError::TooComplex(FORMAT));
        }
        let h = input.read_at(pos, 8)?;
        if h.len() < 8 {
            break;
        }
        let id = &h[..4];
        let size = u64::from(bytes::le32(&h, 4).unwrap_or(0));
        let body = pos + 8;
        match id {
            b"fmt " => {
                let b = input.read_at(body, usize::try_from(size.min(64)).unwrap_or(64))?;
                let mut f = Fmt {
                    tag: bytes::le16(&b, 0).ok_or(ProbeError::Truncated("fmt chunk"))?,
                    channels: bytes::le16(&b, 2).ok_or(ProbeError::Truncated("fmt chunk"))?,
                    rate: bytes::le32(&b, 4).ok_or(ProbeError::Truncated("fmt chunk"))?,
                    byte_rate: bytes::le32(&b, 8).ok_or(ProbeError::Truncated("fmt chunk"))?,
                    block_align: bytes::le16(&b, 12).ok_or(ProbeError::Truncated("fmt chunk"))?,
                    bits: bytes::le16(&b, 14).unwrap_or(0),
                };
                if f.tag == 0xFFFE {
                    // WAVE_FORMAT_EXTENSIBLE: the real tag is the first two bytes of the GUID.
                    if let Some(sub) = bytes::le16(&b, 24) {
                        f.tag = sub;
                    }
                }
                fmt = Some(f);
            }
            b"fact" => fact_samples = bytes::le32(&input.read_at(body, 4)?, 0).map(u64::from),
            b"ds64" if rf64 => ds64_data = bytes::le64(&input.read_at(body, 16)?, 8),
            b"data" => {
                let declared = match ds64_data {
                    Some(d) if size == 0xFFFF_FFFF => d,
                    _ => size,
                };
                data = Some((body, declared));
                break;
            }
            _ => {}
        }
        pos = body + size + (size & 1);
    }
    let fmt = fmt.ok_or(if pos >= input.len() {
        ProbeError::Truncated("no fmt chunk")
    } else {
        ProbeError::invalid(FORMAT, "no fmt chunk")
    })?;
    let (data_at, declared) = data.ok_or(ProbeError::Truncated("no data chunk"))?;
    if fmt.rate == 0 {
        return Err(ProbeError::ZeroSampleRate(FORMAT));
    }
    if fmt.channels == 0 {
        return Err(ProbeError::invalid(FORMAT, "zero channels"));
    }
    if declared != 0xFFFF_FFFF && fmt.byte_rate > 0 {
        limits.claim(declared as f64 / f64::from(fmt.byte_rate))?;
    }
    let present = input.len().saturating_sub(data_at);
    let cut = declared > present && declared != 0xFFFF_FFFF;
    let data_len = declared.min(present);
    let pcm = matches!(fmt.tag, 1 | 3 | 6 | 7);
    let duration = if pcm && fmt.block_align > 0 {
        seconds(
            data_len / u64::from(fmt.block_align),
            u64::from(fmt.rate),
            FORMAT,
        )?
    } else if let Some(samples) = fact_samples.filter(|_| !cut) {
        seconds(samples, u64::from(fmt.rate), FORMAT)?
    } else if fmt.byte_rate > 0 {
        data_len as f64 / f64::from(fmt.byte_rate)
    } else {
        return Err(ProbeError::invalid(FORMAT, "zero byte rate"));
    };
    let mut facts = MediaInfo::new(
        Container::Wav,
        duration,
        if cut {
            DurationSource::Truncated
        } else {
            DurationSource::Header
        },
    );
    facts.truncated = cut;
    facts.codec = Some(codec(fmt.tag, fmt.bits));
    facts.sample_rate = Some(fmt.rate);
    facts.channels = Some(u32::from(fmt.channels));
    facts.bitrate = if pcm {
        Some(u64::from(fmt.rate) * u64::from(fmt.block_align) * 8)
    } else {
        bitrate(data_len, duration)
    };
    Ok(facts)
}

/// The codec of a WAV (and AVI) format tag with `bits` bits per sample; `0xFFFE`
/// (WAVE_FORMAT_EXTENSIBLE) must already be resolved to its sub-format.
///
/// ```
/// use pipes_media_probe::{wav, Codec};
/// assert_eq!(wav::codec(1, 16), Codec::PcmS16le);
/// assert_eq!(wav::codec(0x161, 16), Codec::Wmav2);
/// ```
pub fn codec(tag: u16, bits: u16) -> Codec {
    match (tag, bits) {
        (1, 8) => Codec::PcmU8,
        (1, 16 | 0) => Codec::PcmS16le,
        (1, b) => Codec::pcm(b, false, false),
        (3, b) => Codec::pcm(b.max(32), true, false),
        (2, _) => Codec::AdpcmMs,
        (6, _) => Codec::PcmAlaw,
        (7, _) => Codec::PcmMulaw,
        (0x11, _) => Codec::AdpcmImaWav,
        (0x31, _) => Codec::GsmMs,
        (0x50, _) => Codec::Mp2,
        (0x55, _) => Codec::Mp3,
        (0xFF | 0x1610 | 0x706D, _) => Codec::Aac,
        (0x160, _) => Codec::Wmav1,
        (0x161, _) => Codec::Wmav2,
        (0x162, _) => Codec::WmaPro,
        (0x163, _) => Codec::WmaLossless,
        (0x0A, _) => Codec::WmaVoice,
        (0x2000, _) => Codec::Ac3,
        (0x2001, _) => Codec::Dts,
        (0xF1AC, _) => Codec::Flac,
        (0x674F | 0x6750 | 0x6751 | 0x676F | 0x6770 | 0x6771, _) => Codec::Vorbis,
        (0x704F, _) => Codec::Opus,
        _ => Codec::Unknown,
    }
}

/// The format tag of a `fmt ` (or AVI `strf`) chunk body, WAVE_FORMAT_EXTENSIBLE resolved
/// to its sub-format, and the bits per sample.
pub fn format_tag(fmt: &[u8]) -> Option<(u16, u16)> {
    let tag = bytes::le16(fmt, 0)?;
    let bits = bytes::le16(fmt, 14).unwrap_or(0);
    if tag == 0xFFFE {
        return Some((bytes::le16(fmt, 24).unwrap_or(tag), bits));
    }
    Some((tag, bits))
}
