//! Ogg (Opus, Vorbis, FLAC, Speex, Theora): codec headers from the first pages, duration from
//! the granule position of the last complete page of each stream (RFC 3533, RFC 7845; Theora
//! granules count key frames and the frames since), the longest stream's.

use crate::error::ProbeError;
use crate::info::{DurationSource, MediaInfo};
use crate::measure::{bitrate, seconds, Limits};
use crate::names::{Codec, Container};
use crate::{bytes, Source};

const FORMAT: &str = "ogg";
/// Largest possible page: 27-byte header, 255 lacing values, 255 × 255 bytes of body.
const MAX_PAGE: usize = 27 + 255 + 255 * 255;
/// How far back from the end we look for a page with a granule position.
const MAX_TAIL_SEARCH: u64 = 1024 * 1024;
/// How many beginning-of-stream pages we look at (one per multiplexed stream).
const MAX_STREAMS: usize = 16;

/// One Ogg page header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Page {
    /// Header type flags: 0x01 continued packet, 0x02 beginning of stream, 0x04 end of stream.
    pub flags: u8,
    /// Granule position (codec-specific time; `u64::MAX` when no packet ends on this page).
    pub granule: u64,
    /// Bitstream serial number of the logical stream.
    pub serial: u32,
    /// Length of the header with its lacing table.
    pub header_len: usize,
    /// Length of the body, from the lacing table.
    pub body_len: usize,
}

impl Page {
    /// Header plus body length.
    pub fn total(&self) -> usize {
        self.header_len + self.body_len
    }

    /// Whether this is a beginning-of-stream page.
    pub fn is_bos(&self) -> bool {
        self.flags & 0x02 != 0
    }
}

/// The page header at the start of `b` (its lacing table must be there, its body need not).
///
/// ```
/// let mut page = b"OggS\0\x02".to_vec();
/// page.extend_from_slice(&[0; 20]);
/// page.extend_from_slice(&[1, 19]);
/// let p = pipes_media_probe::ogg::page_header(&page).unwrap();
/// assert!(p.is_bos());
/// assert_eq!((p.header_len, p.body_len), (28, 19));
/// ```
pub fn page_header(b: &[u8]) -> Option<Page> {
    if b.get(..4)? != b"OggS" || *b.get(4)? != 0 {
        return None;
    }
    let nsegs = usize::from(*b.get(26)?);
    let lacing = b.get(27..27 + nsegs)?;
    Some(Page {
        flags: *b.get(5)?,
        granule: bytes::le64(b, 6)?,
        serial: bytes::le32(b, 14)?,
        header_len: 27 + nsegs,
        body_len: lacing.iter().map(|&l| usize::from(l)).sum(),
    })
}

/// The codec of one logical stream, from its first packet.
#[derive(Debug, Clone, Copy)]
struct Stream {
    serial: u32,
    codec: Codec,
    rate: u32,
    channels: u32,
    pre_skip: Option<u32>,
    nominal_bitrate: Option<u64>,
}

/// The codec a logical stream's first packet announces (Opus, Vorbis, FLAC, Speex, Theora,
/// Daala, VP8), from its magic alone.
///
/// ```
/// use pipes_media_probe::{ogg, Codec};
/// assert_eq!(ogg::codec_of(b"OpusHead\x01\x01"), Some(Codec::Opus));
/// assert_eq!(ogg::codec_of(b"\x80theora\x03"), Some(Codec::Theora));
/// assert_eq!(ogg::codec_of(b"fishead\0"), None);
/// ```
pub fn codec_of(packet: &[u8]) -> Option<Codec> {
    const CODECS: &[(&[u8], Codec)] = &[
        (b"OpusHead", Codec::Opus),
        (b"\x01vorbis", Codec::Vorbis),
        (b"\x7fFLAC", Codec::Flac),
        (b"Speex   ", Codec::Speex),
        (b"\x80theora", Codec::Theora),
        (b"\x80daala", Codec::Daala),
        (b"OVP80", Codec::Vp8),
    ];
    CODECS
        .iter()
        .find(|(magic, _)| packet.starts_with(magic))
        .map(|&(_, codec)| codec)
}

fn identify(serial: u32, packet: &[u8]) -> Result<Option<Stream>, ProbeError> {
    let stream = |codec, rate, channels| Stream {
        serial,
        codec,
        rate,
        channels,
        pre_skip: None,
        nominal_bitrate: None,
    };
    let s = if packet.starts_with(b"OpusHead") {
        let channels = packet
            .get(9)
            .copied()
            .ok_or(ProbeError::Truncated("OpusHead"))?;
        let pre_skip = bytes::le16(packet, 10).ok_or(ProbeError::Truncated("OpusHead"))?;
        // Opus always decodes at 48 kHz; the header's rate is the input's, for information.
        Stream {
            pre_skip: Some(u32::from(pre_skip)),
            ..stream(Codec::Opus, 48_000, u32::from(channels))
        }
    } else if packet.starts_with(b"\x01vorbis") {
        let channels = packet
            .get(11)
            .copied()
            .ok_or(ProbeError::Truncated("vorbis header"))?;
        let rate = bytes::le32(packet, 12).ok_or(ProbeError::Truncated("vorbis header"))?;
        let nominal = bytes::le32(packet, 20).map(|n| n as i32).filter(|&n| n > 0);
        Stream {
            nominal_bitrate: nominal.map(|n| n as u64),
            ..stream(Codec::Vorbis, rate, u32::from(channels))
        }
    } else if packet.starts_with(b"\x7FFLAC") {
        let info = packet
            .get(17..)
            .ok_or(ProbeError::Truncated("Ogg FLAC header"))?;
        let (rate, channels, _) = crate::flac::streaminfo(info)?;
        stream(Codec::Flac, rate, channels)
    } else if packet.starts_with(b"Speex   ") {
        let rate = bytes::le32(packet, 36).ok_or(ProbeError::Truncated("Speex header"))?;
        let channels = bytes::le32(packet, 48).ok_or(ProbeError::Truncated("Speex header"))?;
        stream(Codec::Speex, rate, channels)
    } else {
        return Ok(None);
    };
    if s.rate == 0 {
        return Err(ProbeError::ZeroSampleRate(FORMAT));
    }
    if s.channels == 0 {
        return Err(ProbeError::invalid(FORMAT, "zero channels"));
    }
    Ok(Some(s))
}

/// A Theora stream's identification header (the fields the duration and facts need).
#[derive(Debug, Clone, Copy)]
struct Theora {
    serial: u32,
    width: u32,
    height: u32,
    fps_num: u32,
    fps_den: u32,
    shift: u32,
    /// `VMAJ.VMIN.VREV` as `0x030201`.
    version: u32,
}

fn theora(serial: u32, packet: &[u8]) -> Option<Theora> {
    if !packet.starts_with(b"\x80theora") {
        return None;
    }
    let version = bytes::be24(packet, 7)?;
    Some(Theora {
        serial,
        width: bytes::be24(packet, 14)?,
        height: bytes::be24(packet, 17)?,
        fps_num: bytes::be32(packet, 22)?,
        fps_den: bytes::be32(packet, 26)?,
        shift: u32::from((bytes::be16(packet, 40)? >> 5) & 0x1F),
        version,
    })
}

pub(crate) fn probe(input: &mut Source<'_>, limits: &Limits) -> Result<MediaInfo, ProbeError> {
    let (audio, video) = first_streams(input)?;
    let mut duration = 0f64;
    let mut complete = true;
    if let Some(stream) = &audio {
        let (last, whole) = last_granule(input, stream.serial)?;
        let samples = match stream.pre_skip {
            Some(pre_skip) => last.saturating_sub(u64::from(pre_skip)),
            None => last,
        };
        duration = limits.claim(seconds(samples, u64::from(stream.rate), FORMAT)?)?;
        complete &= whole;
    }
    if let Some(v) = &video {
        let (last, whole) = last_granule(input, v.serial)?;
        let (iframe, pframe) = (last >> v.shift, last & ((1u64 << v.shift) - 1));
        let frames = iframe + pframe + u64::from(v.version < 0x03_0201);
        if v.fps_num == 0 {
            return Err(ProbeError::ZeroSampleRate(FORMAT));
        }
        let video_s = frames as f64 * f64::from(v.fps_den) / f64::from(v.fps_num);
        duration = duration.max(limits.claim(video_s)?);
        complete &= whole;
    }
    let mut facts = MediaInfo::new(
        Container::Ogg,
        duration,
        if complete {
            DurationSource::Granule
        } else {
            DurationSource::Truncated
        },
    );
    facts.truncated = !complete;
    facts.bitrate = bitrate(input.len(), duration);
    if let Some(stream) = &audio {
        facts.codec = Some(stream.codec);
        facts.sample_rate = Some(stream.rate);
        facts.channels = Some(stream.channels);
        facts.pre_skip = stream.pre_skip;
        facts.bitrate = facts.bitrate.or(stream.nominal_bitrate);
    }
    if let Some(v) = &video {
        facts.video_codec = Some(Codec::Theora);
        facts.width = Some(v.width);
        facts.height = Some(v.height);
        if v.fps_den > 0 {
            let fps = f64::from(v.fps_num) / f64::from(v.fps_den);
            facts.fps = Some((fps * 1000.0).round() / 1000.0);
        }
        facts.has_audio = Some(audio.is_some());
    }
    Ok(facts)
}

/// The first audio stream whose first packet names a codec we know, and the first Theora
/// stream, from the beginning-of-stream pages.
fn first_streams(input: &mut Source<'_>) -> Result<(Option<Stream>, Option<Theora>), ProbeError> {
    let (mut audio, mut video) = (None, None);
    let mut offset = 0u64;
    for _ in 0..MAX_STREAMS {
        let buf = input.read_at(offset, MAX_PAGE)?;
        let page = page_header(&buf).ok_or(if buf.len() < 27 {
            ProbeError::Truncated("first Ogg page")
        } else {
            ProbeError::invalid(FORMAT, "bad page header")
        })?;
        if page.flags & 0x02 == 0 {
            break; // past the beginning-of-stream pages
        }
        let lacing = buf.get(27..page.header_len).unwrap_or_default();
        let first_len: usize = lacing
            .iter()
            .position(|&l| l < 255)
            .map_or(page.body_len, |i| {
                lacing[..=i].iter().map(|&l| usize::from(l)).sum()
            });
        let packet = buf
            .get(page.header_len..page.header_len + first_len)
            .ok_or(ProbeError::Truncated("first Ogg page"))?;
        if audio.is_none() {
            audio = identify(page.serial, packet)?;
        }
        if video.is_none() {
            video = theora(page.serial, packet);
        }
        offset += page.total() as u64;
    }
    if audio.is_none() && video.is_none() {
        return Err(ProbeError::NoStream);
    }
    Ok((audio, video))
}

/// The granule position of the last complete page of `serial`, and whether the stream looks
/// complete (that page ends the stream and the file).
fn last_granule(input: &mut Source<'_>, serial: u32) -> Result<(u64, bool), ProbeError> {
    let len = input.len();
    let mut end = len;
    let mut truncated_after = false;
    while len - end < MAX_TAIL_SEARCH && end > 0 {
        let start = end.saturating_sub(MAX_PAGE as u64 * 2);
        let want = usize::try_from(len.min(end + MAX_PAGE as u64) - start).unwrap_or(usize::MAX);
        let buf = input.read_at(start, want)?;
        let window_end = usize::try_from(end - start)
            .unwrap_or(buf.len())
            .min(buf.len());
        // Scan backwards for a capture pattern whose page is whole, checksummed and ours.
        let mut i = window_end;
        while i > 0 {
            i -= 1;
            if buf.get(i..i + 4) != Some(b"OggS") {
                continue;
            }
            let Some(page) = buf.get(i..).and_then(page_header) else {
                continue;
            };
            let Some(raw) = buf.get(i..i + page.total()) else {
                truncated_after = true; // a cut page at the end
                continue;
            };
            if !crc_ok(raw) {
                continue;
            }
            if page.serial != serial || page.granule == u64::MAX {
                continue;
            }
            let complete = page.flags & 0x04 != 0 && !truncated_after;
            return Ok((page.granule, complete));
        }
        if start == 0 {
            break;
        }
        end = start + 27;
    }
    Err(ProbeError::Truncated(
        "no complete Ogg page with a granule position",
    ))
}

/// The Ogg CRC-32 (polynomial 0x04C11DB7, no reflection) of a page, checked.
fn crc_ok(page: &[u8]) -> bool {
    let Some(stored) = bytes::le32(page, 22) else {
        return false;
    };
    let mut crc = 0u32;
    for (i, &b) in page.iter().enumerate() {
        let b = if (22..26).contains(&i) { 0 } else { b };
        crc = (crc << 8) ^ CRC_TABLE[usize::from((crc >> 24) as u8 ^ b)];
    }
    crc == stored
}

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut r = (i as u32) << 24;
        let mut j = 0;
        while j < 8 {
            r = if r & 0x8000_0000 != 0 {
                (r << 1) ^ 0x04C1_1DB7
            } else {
                r << 1
            };
            j += 1;
        }
        table[i] = r;
        i += 1;
    }
    table
};

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn opus_head_is_identified() {
        let mut head = b"OpusHead\x01\x01".to_vec();
        head.extend_from_slice(&312u16.to_le_bytes());
        head.extend_from_slice(&16000u32.to_le_bytes());
        head.extend_from_slice(&[0, 0, 0]);
        let s = identify(7, &head).unwrap().unwrap();
        assert_eq!(
            (s.codec, s.rate, s.channels, s.pre_skip),
            (Codec::Opus, 48_000, 1, Some(312))
        );
    }

    #[test]
    fn zero_rate_vorbis_is_rejected() {
        let mut head = b"\x01vorbis\0\0\0\0\x02".to_vec();
        head.extend_from_slice(&[0; 20]);
        assert!(matches!(
            identify(1, &head),
            Err(ProbeError::ZeroSampleRate(_))
        ));
    }
}
