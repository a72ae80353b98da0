//! TAK (Tom's lossless Audio Kompressor): the `STREAMINFO` metadata block (a little-endian
//! bit field, as ffmpeg's `tak` parser reads it) gives the sample count, rate and channels.

use crate::bytes;
use crate::error::ProbeError;
use crate::info::{DurationSource, MediaInfo};
use crate::measure::{bitrate, seconds, Limits};
use crate::names::{Codec, Container};
use crate::Source;

const FORMAT: &str = "tak";
/// Most metadata blocks walked.
const MAX_BLOCKS: usize = 64;

/// A little-endian bit reader (least significant bit first), as TAK's headers are written.
struct BitsLe<'a> {
    b: &'a [u8],
    pos: usize,
}

impl BitsLe<'_> {
    fn take(&mut self, n: usize) -> Option<u64> {
        let mut v = 0u64;
        for i in 0..n.min(64) {
            let byte = *self.b.get(self.pos / 8)?;
            v |= u64::from((byte >> (self.pos % 8)) & 1) << i;
            self.pos += 1;
        }
        Some(v)
    }
}

pub(crate) fn probe(input: &mut Source<'_>, limits: &Limits) -> Result<MediaInfo, ProbeError> {
    let start = crate::measure::id3v2_len(&input.read_at(0, 64 * 1024)?);
    if input.read_at(start, 4)? != b"tBaK" {
        return Err(ProbeError::invalid(FORMAT, "no tBaK marker"));
    }
    let mut pos = start + 4;
    for _ in 0..MAX_BLOCKS {
        let h = input.read_at(pos, 4)?;
        let kind = *h.first().ok_or(ProbeError::Truncated("TAK metadata"))? & 0x7F;
        let size = u64::from(bytes::le24(&h, 1).ok_or(ProbeError::Truncated("TAK metadata"))?);
        if kind == 0 {
            break;
        }
        if kind == 1 {
            let info = input.read_at(pos + 4, usize::try_from(size.min(64)).unwrap_or(0))?;
            let mut bits = BitsLe { b: &info, pos: 0 };
            let t = |v: Option<u64>| v.ok_or(ProbeError::Truncated("TAK STREAMINFO"));
            let _codec = t(bits.take(6))?;
            let _profile = t(bits.take(4))?;
            let _frame_duration = t(bits.take(4))?;
            let samples = t(bits.take(35))?;
            let _data_type = t(bits.take(3))?;
            let rate = t(bits.take(18))? + 6000;
            let _bps = t(bits.take(5))? + 8;
            let channels = t(bits.take(4))? + 1;
            let duration = limits.claim(seconds(samples, rate, FORMAT)?)?;
            let mut facts = MediaInfo::new(Container::Tak, duration, DurationSource::Header);
            facts.codec = Some(Codec::Tak);
            facts.sample_rate = u32::try_from(rate).ok();
            facts.channels = u32::try_from(channels).ok();
            facts.bitrate = bitrate(input.len(), duration);
            return Ok(facts);
        }
        pos += 4 + size;
    }
    Err(ProbeError::invalid(FORMAT, "no STREAMINFO block"))
}
