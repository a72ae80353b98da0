//! Native FLAC: STREAMINFO gives rate, channels and the sample count; the frame headers near the
//! end of the file tell whether the file holds all of it (a truncated file gives what is there).

use crate::error::ProbeError;
use crate::info::{DurationSource, MediaInfo};
use crate::measure::{bitrate, id3v2_len, seconds, Limits};
use crate::names::{Codec, Container};
use crate::{bytes, Source};

const FORMAT: &str = "flac";
/// Most metadata blocks we walk before the audio.
const MAX_BLOCKS: usize = 4096;
/// Smallest and largest tail windows searched for frame headers.
const MIN_TAIL: u64 = 64 * 1024;
const MAX_TAIL: u64 = 1024 * 1024;

/// The fields of a STREAMINFO block we use.
#[derive(Debug, Clone, Copy)]
struct StreamInfo {
    max_block: u32,
    max_frame: u32,
    rate: u32,
    channels: u32,
    total: u64,
}

fn parse_streaminfo(b: &[u8]) -> Result<StreamInfo, ProbeError> {
    let b = b.get(..34).ok_or(ProbeError::Truncated("STREAMINFO"))?;
    let packed = bytes::be64(b, 10).ok_or(ProbeError::Truncated("STREAMINFO"))?;
    let info = StreamInfo {
        max_block: u32::from(bytes::be16(b, 2).unwrap_or(0)),
        max_frame: bytes::be24(b, 7).unwrap_or(0),
        rate: (packed >> 44) as u32,
        channels: ((packed >> 41) & 0x7) as u32 + 1,
        total: packed & 0xF_FFFF_FFFF,
    };
    if info.rate == 0 {
        return Err(ProbeError::ZeroSampleRate(FORMAT));
    }
    Ok(info)
}

/// Rate, channels and total samples from a 34-byte STREAMINFO block (also used by Ogg FLAC).
pub(crate) fn streaminfo(b: &[u8]) -> Result<(u32, u32, u64), ProbeError> {
    let i = parse_streaminfo(b)?;
    Ok((i.rate, i.channels, i.total))
}

pub(crate) fn probe(input: &mut Source<'_>, limits: &Limits) -> Result<MediaInfo, ProbeError> {
    let start = id3v2_len(&input.read_at(0, 64 * 1024)?);
    let magic = input.read_at(start, 4)?;
    if magic != b"fLaC" {
        return Err(ProbeError::invalid(FORMAT, "no fLaC marker"));
    }
    let mut pos = start + 4;
    let mut info = None;
    for n in 0.. {
        if n >= MAX_BLOCKS {
            return Err(ProbeError::TooComplex(FORMAT));
        }
        let h = input.read_at(pos, 4)?;
        let header = bytes::be32(&h, 0).ok_or(ProbeError::Truncated("FLAC metadata"))?;
        let kind = (header >> 24) & 0x7F;
        let len = u64::from(header & 0xFF_FFFF);
        if n == 0 {
            if kind != 0 {
                return Err(ProbeError::invalid(FORMAT, "first block is not STREAMINFO"));
            }
            info = Some(parse_streaminfo(&input.read_at(pos + 4, 34)?)?);
        }
        if len > limits.max_header_bytes {
            return Err(ProbeError::HeaderTooLarge(FORMAT));
        }
        pos += 4 + len;
        if pos > input.len() {
            return Err(ProbeError::Truncated("FLAC metadata"));
        }
        if header & 0x8000_0000 != 0 {
            break;
        }
    }
    let info = info.ok_or(ProbeError::invalid(FORMAT, "no STREAMINFO"))?;
    let audio_start = pos;

    limits.claim(seconds(info.total, u64::from(info.rate), FORMAT)?)?;
    let tail = last_complete_sample(input, audio_start, &info)?;
    let (samples, source, truncated) = match tail {
        Some(end) if info.total == 0 => (end, DurationSource::FrameScan, false),
        Some(end) if end < info.total => (end, DurationSource::Truncated, true),
        _ if info.total > 0 => (info.total, DurationSource::Header, false),
        _ => {
            return Err(ProbeError::invalid(
                FORMAT,
                "unknown length and no frame found",
            ))
        }
    };
    let duration = seconds(samples, u64::from(info.rate), FORMAT)?;
    let mut facts = MediaInfo::new(Container::Flac, duration, source);
    facts.truncated = truncated;
    facts.codec = Some(Codec::Flac);
    facts.sample_rate = Some(info.rate);
    facts.channels = Some(info.channels);
    facts.bitrate = bitrate(input.len() - audio_start, duration);
    Ok(facts)
}

/// The end (in samples) of the last frame near the end of the file that is followed by another
/// frame header or that ends exactly at the STREAMINFO count. Two consecutive valid headers make a
/// false sync in compressed data very unlikely.
fn last_complete_sample(
    input: &mut Source<'_>,
    audio_start: u64,
    info: &StreamInfo,
) -> Result<Option<u64>, ProbeError> {
    let window = (u64::from(info.max_frame) * 3).clamp(MIN_TAIL, MAX_TAIL);
    let from = input.len().saturating_sub(window).max(audio_start);
    let buf = input.read_at(from, usize::try_from(input.len() - from).unwrap_or(0))?;
    let mut frames: Vec<(u64, u64)> = Vec::new();
    for i in 0..buf.len().saturating_sub(16) {
        if buf[i] == 0xFF && buf[i + 1] & 0xFE == 0xF8 {
            if let Some(f) = buf.get(i..).and_then(|b| frame_header(b, info)) {
                frames.push(f);
            }
        }
    }
    let best = frames
        .iter()
        .filter(|&&(start, size)| {
            let end = start + size;
            end == info.total || frames.iter().any(|&(s, _)| s == end)
        })
        .map(|&(start, size)| start + size)
        .max();
    Ok(best)
}

/// `(first sample, block size)` of a frame header at the start of `b`, when its CRC-8 holds.
fn frame_header(b: &[u8], info: &StreamInfo) -> Option<(u64, u64)> {
    let variable = b.get(1)? & 1 == 1;
    let bs_code = b.get(2)? >> 4;
    let rate_code = b.get(2)? & 0xF;
    let ch = b.get(3)? >> 4;
    let size_code = (b.get(3)? >> 1) & 7;
    if bs_code == 0 || rate_code == 15 || ch > 10 || size_code == 3 || b.get(3)? & 1 != 0 {
        return None;
    }
    // UTF-8-style coded number.
    let first = *b.get(4)?;
    let extra = match first.leading_ones() {
        0 => 0,
        n @ 2..=7 => n as usize - 1,
        _ => return None,
    };
    let mut number = u64::from(first & (0x7F >> extra));
    for k in 0..extra {
        let c = *b.get(5 + k)?;
        if c & 0xC0 != 0x80 {
            return None;
        }
        number = (number << 6) | u64::from(c & 0x3F);
    }
    let mut at = 5 + extra;
    let block = match bs_code {
        1 => 192,
        2..=5 => 576 << (bs_code - 2),
        6 => {
            at += 1;
            u64::from(*b.get(at - 1)?) + 1
        }
        7 => {
            at += 2;
            u64::from(bytes::be16(b, at - 2)?) + 1
        }
        _ => 256 << (bs_code - 8),
    };
    at += match rate_code {
        12 => 1,
        13 | 14 => 2,
        _ => 0,
    };
    if crc8(b.get(..at)?) != *b.get(at)? {
        return None;
    }
    let start = if variable {
        number
    } else {
        number.checked_mul(u64::from(info.max_block))?
    };
    Some((start, block))
}

fn crc8(data: &[u8]) -> u8 {
    let mut crc = 0u8;
    for &b in data {
        crc ^= b;
        for _ in 0..8 {
            crc = if crc & 0x80 != 0 {
                (crc << 1) ^ 0x07
            } else {
                crc << 1
            };
        }
    }
    crc
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn streaminfo_fields_unpack() {
        // 44100 Hz, 2 channels, 16 bits, 163170 samples.
        let mut b = vec![0x10, 0x00, 0x10, 0x00, 0, 0, 0x10, 0, 0x20, 0x00];
        let packed: u64 = (44100u64 << 44) | (1 << 41) | (15 << 36) | 163_170;
        b.extend_from_slice(&packed.to_be_bytes());
        b.extend_from_slice(&[0; 16]);
        assert_eq!(streaminfo(&b).unwrap(), (44100, 2, 163_170));
        let zero: u64 = 1 << 41;
        b[10..18].copy_from_slice(&zero.to_be_bytes());
        assert!(matches!(streaminfo(&b), Err(ProbeError::ZeroSampleRate(_))));
    }

    #[test]
    fn crc8_matches_known_value() {
        // CRC-8/SMBUS of "123456789".
        assert_eq!(crc8(b"123456789"), 0xF4);
    }
}
