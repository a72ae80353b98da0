//! WavPack (`.wv`): the first block header gives the total sample count, rate and channels;
//! the last whole block near the end tells whether the file holds all of it.

use crate::bytes;
use crate::error::ProbeError;
use crate::info::{DurationSource, MediaInfo};
use crate::measure::{bitrate, seconds, Limits};
use crate::names::{Codec, Container};
use crate::Source;

const FORMAT: &str = "wavpack";
const RATES: [u32; 15] = [
    6000, 8000, 9600, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000, 64_000,
    88_200, 96_000, 192_000,
];
/// How far from the end the last block is searched for.
const MAX_TAIL: u64 = 512 * 1024;

/// One WavPack block header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Block {
    /// Block length in bytes, header included.
    pub len: u64,
    /// Total samples of the file (per channel), when known.
    pub total: Option<u64>,
    /// Index of the block's first sample.
    pub index: u64,
    /// Samples in the block.
    pub samples: u32,
    /// Header flags.
    pub flags: u32,
}

impl Block {
    /// Sample rate from the flags (`None`: a custom rate, in a metadata sub-block).
    pub fn rate(&self) -> Option<u32> {
        RATES.get(((self.flags >> 23) & 0xF) as usize).copied()
    }

    /// Channels this block codes (1 or 2).
    pub fn channels(&self) -> u32 {
        if self.flags & 4 != 0 {
            1
        } else {
            2
        }
    }
}

/// Parses the block header at the start of `b` (`wvpk`, 32 bytes).
pub fn block(b: &[u8]) -> Option<Block> {
    if b.get(..4)? != b"wvpk" {
        return None;
    }
    let size = u64::from(bytes::le32(b, 4)?);
    let version = bytes::le16(b, 8)?;
    if !(0x402..=0x410).contains(&version) || size < 24 {
        return None;
    }
    let index_hi = u64::from(*b.get(10)?);
    let total_hi = u64::from(*b.get(11)?);
    let total = bytes::le32(b, 12)?;
    let index = u64::from(bytes::le32(b, 16)?) | (index_hi << 32);
    Some(Block {
        len: size + 8,
        total: (total != u32::MAX).then_some(u64::from(total) | (total_hi << 32)),
        index,
        samples: bytes::le32(b, 20)?,
        flags: bytes::le32(b, 24)?,
    })
}

pub(crate) fn probe(input: &mut Source<'_>, limits: &Limits) -> Result<MediaInfo, ProbeError> {
    let head = input.read_at(0, 64 * 1024)?;
    let first = block(&head).ok_or(ProbeError::invalid(FORMAT, "no wvpk block at the start"))?;
    // Channels: the blocks of the first frame, up to the one flagged final.
    let mut channels = 0u32;
    let mut at = 0usize;
    for _ in 0..64 {
        let Some(b) = head.get(at..).and_then(block) else {
            break;
        };
        channels += b.channels();
        if b.flags & 0x1000 != 0 {
            break;
        }
        at += usize::try_from(b.len).unwrap_or(usize::MAX);
    }
    let rate = first.rate().unwrap_or(custom_rate(&head).unwrap_or(0));
    if rate == 0 {
        return Err(ProbeError::ZeroSampleRate(FORMAT));
    }
    // The end of the last whole block.
    let len = input.len();
    let from = len.saturating_sub(MAX_TAIL);
    let tail = input.read_at(from, usize::try_from(len - from).unwrap_or(0))?;
    let mut end = None;
    let mut i = 0usize;
    while i + 32 <= tail.len() {
        if let Some(b) = tail.get(i..).and_then(block) {
            if from + i as u64 + b.len <= len {
                let e = b.index + u64::from(b.samples);
                end = Some(end.map_or(e, |x: u64| x.max(e)));
            }
        }
        i += 1;
    }
    let total = first
        .total
        .or(end)
        .ok_or(ProbeError::invalid(FORMAT, "no sample count"))?;
    limits.claim(seconds(total, u64::from(rate), FORMAT)?)?;
    let (samples, cut) = match end {
        Some(e) if e < total => (e, true),
        _ => (total, false),
    };
    let duration = seconds(samples, u64::from(rate), FORMAT)?;
    let mut facts = MediaInfo::new(
        Container::WavPack,
        duration,
        if cut {
            DurationSource::Truncated
        } else {
            DurationSource::Header
        },
    );
    facts.truncated = cut;
    facts.codec = Some(Codec::WavPack);
    facts.sample_rate = Some(rate);
    facts.channels = Some(channels.max(1));
    facts.bitrate = bitrate(len, duration);
    Ok(facts)
}

/// A custom sample rate from the first block's metadata (sub-block id 0x27).
fn custom_rate(b: &[u8]) -> Option<u32> {
    let end = usize::try_from(block(b)?.len).ok()?.min(b.len());
    let mut at = 32usize;
    while at + 2 <= end {
        let id = *b.get(at)?;
        let large = id & 0x80 != 0;
        let words = if large {
            bytes::le24(b, at + 1)? as usize
        } else {
            usize::from(*b.get(at + 1)?)
        };
        let data = at + if large { 4 } else { 2 };
        if id & 0x3F == 0x27 {
            return bytes::le24(b, data);
        }
        at = data + words * 2;
    }
    None
}
