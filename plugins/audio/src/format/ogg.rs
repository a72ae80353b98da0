//! Ogg (Opus, Vorbis, FLAC, Speex): codec headers from the first pages, duration from the granule
//! position of the last complete page of the same stream (RFC 3533, RFC 7845).

use super::{bitrate, seconds, Limits};
use crate::error::AudioError;
use crate::facts::{AudioFacts, DurationSource};
use crate::input::{bytes, Input};

const FORMAT: &str = "ogg";
/// Largest possible page: 27-byte header, 255 lacing values, 255 × 255 bytes of body.
const MAX_PAGE: usize = 27 + 255 + 255 * 255;
/// How far back from the end we look for a page with a granule position.
const MAX_TAIL_SEARCH: u64 = 1024 * 1024;
/// How many beginning-of-stream pages we look at (one per multiplexed stream).
const MAX_STREAMS: usize = 16;

/// One page header.
#[derive(Debug, Clone, Copy)]
struct Page {
    flags: u8,
    granule: u64,
    serial: u32,
    header_len: usize,
    body_len: usize,
}

impl Page {
    fn total(&self) -> usize {
        self.header_len + self.body_len
    }
}

fn page_header(b: &[u8]) -> Option<Page> {
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
    codec: &'static str,
    rate: u32,
    channels: u32,
    pre_skip: Option<u32>,
    nominal_bitrate: Option<u64>,
}

fn identify(serial: u32, packet: &[u8]) -> Result<Option<Stream>, AudioError> {
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
            .ok_or(AudioError::Truncated("OpusHead"))?;
        let pre_skip = bytes::le16(packet, 10).ok_or(AudioError::Truncated("OpusHead"))?;
        // Opus always decodes at 48 kHz; the header's rate is the input's, for information.
        Stream {
            pre_skip: Some(u32::from(pre_skip)),
            ..stream("opus", 48_000, u32::from(channels))
        }
    } else if packet.starts_with(b"\x01vorbis") {
        let channels = packet
            .get(11)
            .copied()
            .ok_or(AudioError::Truncated("vorbis header"))?;
        let rate = bytes::le32(packet, 12).ok_or(AudioError::Truncated("vorbis header"))?;
        let nominal = bytes::le32(packet, 20).map(|n| n as i32).filter(|&n| n > 0);
        Stream {
            nominal_bitrate: nominal.map(|n| n as u64),
            ..stream("vorbis", rate, u32::from(channels))
        }
    } else if packet.starts_with(b"\x7FFLAC") {
        let info = packet
            .get(17..)
            .ok_or(AudioError::Truncated("Ogg FLAC header"))?;
        let (rate, channels, _) = super::flac::streaminfo(info)?;
        stream("flac", rate, channels)
    } else if packet.starts_with(b"Speex   ") {
        let rate = bytes::le32(packet, 36).ok_or(AudioError::Truncated("Speex header"))?;
        let channels = bytes::le32(packet, 48).ok_or(AudioError::Truncated("Speex header"))?;
        stream("speex", rate, channels)
    } else {
        return Ok(None);
    };
    if s.rate == 0 {
        return Err(AudioError::ZeroSampleRate(FORMAT));
    }
    if s.channels == 0 {
        return Err(AudioError::invalid(FORMAT, "zero channels"));
    }
    Ok(Some(s))
}

pub(crate) fn probe(input: &mut Input<'_>, limits: &Limits) -> Result<AudioFacts, AudioError> {
    let stream = first_audio_stream(input)?;
    let (last, complete) = last_granule(input, stream.serial)?;
    let samples = match stream.pre_skip {
        Some(pre_skip) => last.saturating_sub(u64::from(pre_skip)),
        None => last,
    };
    let duration = limits.claim(seconds(samples, u64::from(stream.rate), FORMAT)?)?;
    let mut facts = AudioFacts::new(
        FORMAT,
        duration,
        if complete {
            DurationSource::Granule
        } else {
            DurationSource::Truncated
        },
    );
    facts.truncated = !complete;
    facts.codec = Some(stream.codec.to_owned());
    facts.sample_rate = Some(stream.rate);
    facts.channels = Some(stream.channels);
    facts.pre_skip = stream.pre_skip;
    facts.bitrate = bitrate(input.len(), duration).or(stream.nominal_bitrate);
    Ok(facts)
}

/// The first stream whose first packet names an audio codec we know.
fn first_audio_stream(input: &mut Input<'_>) -> Result<Stream, AudioError> {
    let mut offset = 0u64;
    for _ in 0..MAX_STREAMS {
        let buf = input.read_at(offset, MAX_PAGE)?;
        let page = page_header(&buf).ok_or(if buf.len() < 27 {
            AudioError::Truncated("first Ogg page")
        } else {
            AudioError::invalid(FORMAT, "bad page header")
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
            .ok_or(AudioError::Truncated("first Ogg page"))?;
        if let Some(stream) = identify(page.serial, packet)? {
            return Ok(stream);
        }
        offset += page.total() as u64;
    }
    Err(AudioError::NoStream)
}

/// The granule position of the last complete page of `serial`, and whether the stream looks
/// complete (that page ends the stream and the file).
fn last_granule(input: &mut Input<'_>, serial: u32) -> Result<(u64, bool), AudioError> {
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
            let page_end = start + (i + page.total()) as u64;
            let complete = page.flags & 0x04 != 0 && !truncated_after && page_end == len;
            return Ok((page.granule, complete));
        }
        if start == 0 {
            break;
        }
        end = start + 27;
    }
    Err(AudioError::Truncated(
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
            ("opus", 48_000, 1, Some(312))
        );
    }

    #[test]
    fn zero_rate_vorbis_is_rejected() {
        let mut head = b"\x01vorbis\0\0\0\0\x02".to_vec();
        head.extend_from_slice(&[0; 20]);
        assert!(matches!(
            identify(1, &head),
            Err(AudioError::ZeroSampleRate(_))
        ));
    }
}
