//! TTA (True Audio): the `TTA1` header's sample count and rate; the seek table's frame sizes
//! tell how much of a cut file can be played.

use crate::bytes;
use crate::error::ProbeError;
use crate::info::{DurationSource, MediaInfo};
use crate::measure::{bitrate, seconds, Limits};
use crate::names::{Codec, Container};
use crate::Source;

const FORMAT: &str = "tta";

pub(crate) fn probe(input: &mut Source<'_>, limits: &Limits) -> Result<MediaInfo, ProbeError> {
    let start = crate::measure::id3v2_len(&input.read_at(0, 64 * 1024)?);
    let h = input.read_at(start, 22)?;
    if h.get(..4) != Some(b"TTA1") {
        return Err(ProbeError::invalid(FORMAT, "no TTA1 header"));
    }
    let channels = u32::from(bytes::le16(&h, 6).ok_or(ProbeError::Truncated("TTA header"))?);
    let rate = bytes::le32(&h, 10).ok_or(ProbeError::Truncated("TTA header"))?;
    let total = u64::from(bytes::le32(&h, 14).ok_or(ProbeError::Truncated("TTA header"))?);
    if rate == 0 {
        return Err(ProbeError::ZeroSampleRate(FORMAT));
    }
    if channels == 0 {
        return Err(ProbeError::invalid(FORMAT, "zero channels"));
    }
    let full = limits.claim(seconds(total, u64::from(rate), FORMAT)?)?;
    // Frames of 256 * rate / 245 samples; the seek table holds each frame's size.
    let frame = u64::from(rate) * 256 / 245;
    let frames = total.div_ceil(frame.max(1));
    let table_len = frames.saturating_mul(4).saturating_add(4);
    let mut samples = total;
    let mut cut = false;
    if table_len <= limits.max_header_bytes {
        let table = input.read_at(start + 22, usize::try_from(table_len).unwrap_or(0))?;
        let mut pos = start + 22 + table_len;
        let mut whole = 0u64;
        for i in 0..frames {
            let Some(size) = bytes::le32(&table, (i * 4) as usize) else {
                break;
            };
            pos = pos.saturating_add(u64::from(size));
            if pos > input.len() {
                cut = true;
                break;
            }
            whole += 1;
        }
        if cut {
            samples = (whole * frame).min(total);
        }
    }
    let duration = if cut {
        seconds(samples, u64::from(rate), FORMAT)?
    } else {
        full
    };
    let mut facts = MediaInfo::new(
        Container::Tta,
        duration,
        if cut {
            DurationSource::Truncated
        } else {
            DurationSource::Header
        },
    );
    facts.truncated = cut;
    facts.codec = Some(Codec::Tta);
    facts.sample_rate = Some(rate);
    facts.channels = Some(channels);
    facts.bitrate = bitrate(input.len(), duration);
    Ok(facts)
}
