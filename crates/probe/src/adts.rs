//! Raw AAC in ADTS frames: every frame header is counted (1024 samples per raw data block).

use crate::error::ProbeError;
use crate::info::{DurationSource, MediaInfo};
use crate::measure::{bitrate, id3v2_len, seconds};
use crate::names::{Codec, Container};
use crate::{Source, Window};

const FORMAT: &str = "adts";
const RATES: [u32; 13] = [
    96_000, 88_200, 64_000, 48_000, 44_100, 32_000, 24_000, 22_050, 16_000, 12_000, 11_025, 8_000,
    7_350,
];
/// How much junk we skip looking for the next frame.
const MAX_SYNC_SEARCH: u64 = 64 * 1024;

/// One ADTS frame header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Header {
    /// Audio object type minus one (0 Main, 1 LC, 2 SSR, 3 LTP).
    pub profile: u8,
    /// Index into the sampling-frequency table.
    pub rate_index: u8,
    /// Channel configuration (0: in the bitstream).
    pub channels: u8,
    /// Frame length in bytes, header included.
    pub len: usize,
    /// Raw data blocks in the frame, minus one.
    pub blocks: u8,
}

impl Header {
    /// Whether `other` can belong to the same stream (same profile and sample rate).
    pub fn same_stream(&self, other: &Header) -> bool {
        self.profile == other.profile && self.rate_index == other.rate_index
    }

    /// The sample rate in Hz.
    pub fn sample_rate(&self) -> u32 {
        RATES
            .get(usize::from(self.rate_index))
            .copied()
            .unwrap_or(0)
    }
}

/// Whether `b` starts with the ADTS sync word and layer 0.
pub fn is_sync(b: &[u8]) -> bool {
    matches!(b, [0xFF, second, ..] if second & 0xF6 == 0xF0)
}

/// Parses an ADTS header at the start of `b`.
///
/// ```
/// let h = pipes_media_probe::adts::header(&[0xFF, 0xF1, 0x50, 0x80, 0x2E, 0x7F, 0xFC]).unwrap();
/// assert_eq!((h.sample_rate(), h.channels, h.len), (44_100, 2, 371));
/// ```
pub fn header(b: &[u8]) -> Option<Header> {
    let h = b.get(..7)?;
    if !is_sync(h) {
        return None;
    }
    let rate_index = (h[2] >> 2) & 0xF;
    let len = (usize::from(h[3] & 3) << 11) | (usize::from(h[4]) << 3) | usize::from(h[5] >> 5);
    let header_len = if h[1] & 1 == 0 { 9 } else { 7 };
    if usize::from(rate_index) >= RATES.len() || len < header_len {
        return None;
    }
    Some(Header {
        profile: h[2] >> 6,
        rate_index,
        channels: ((h[2] & 1) << 2) | (h[3] >> 6),
        len,
        blocks: h[6] & 3,
    })
}

pub(crate) fn probe(input: &mut Source<'_>) -> Result<MediaInfo, ProbeError> {
    let start = id3v2_len(&input.read_at(0, 64 * 1024)?);
    let mut window = Window::new();
    let first = header(window.get(input, start, 7)?)
        .ok_or(ProbeError::invalid(FORMAT, "no ADTS frame at the start"))?;
    let rate = RATES[usize::from(first.rate_index)];
    let len = input.len();
    let (mut pos, mut blocks, mut media, mut cut) = (start, 0u64, 0u64, false);
    'frames: while pos + 7 <= len {
        if let Some(h) =
            header(window.get(input, pos, 7)?).filter(|h| h.rate_index == first.rate_index)
        {
            if pos + h.len as u64 > len {
                cut = true;
                break;
            }
            blocks += u64::from(h.blocks) + 1;
            media += h.len as u64;
            pos += h.len as u64;
            continue;
        }
        let limit = (pos + MAX_SYNC_SEARCH).min(len);
        let mut at = pos + 1;
        while at + 7 <= limit {
            if let Some(h) =
                header(window.get(input, at, 7)?).filter(|h| h.rate_index == first.rate_index)
            {
                let next = at + h.len as u64;
                if next + 7 > len || header(window.get(input, next, 7)?).is_some() {
                    pos = at;
                    continue 'frames;
                }
            }
            at += 1;
        }
        break;
    }
    let duration = seconds(blocks * 1024, u64::from(rate), FORMAT)?;
    let mut facts = MediaInfo::new(
        Container::Adts,
        duration,
        if cut {
            DurationSource::Truncated
        } else {
            DurationSource::FrameScan
        },
    );
    facts.truncated = cut;
    facts.codec = Some(Codec::Aac);
    facts.sample_rate = Some(rate);
    facts.channels = match first.channels {
        0 => None,
        7 => Some(8),
        n => Some(u32::from(n)),
    };
    facts.bitrate = bitrate(media, duration);
    Ok(facts)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_an_lc_stereo_header() {
        let h = header(&[0xFF, 0xF1, 0x50, 0x80, 0x2E, 0x7F, 0xFC]).unwrap();
        assert_eq!(
            (RATES[usize::from(h.rate_index)], h.channels, h.blocks),
            (44_100, 2, 0)
        );
        assert_eq!(h.len, (0x2E << 3) | 3);
        assert!(header(&[0xFF, 0xF1, 0x7C, 0x80, 0x2E, 0x7F, 0xFC]).is_none());
    }
}
