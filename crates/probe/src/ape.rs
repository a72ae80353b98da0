//! Monkey's Audio (`.ape`): the descriptor and header give frames, blocks per frame and the
//! final frame's blocks (as ffmpeg's demuxer reads them, for versions before and after 3.98).

use crate::bytes;
use crate::error::ProbeError;
use crate::info::{DurationSource, MediaInfo};
use crate::measure::{bitrate, seconds, Limits};
use crate::names::{Codec, Container};
use crate::Source;

const FORMAT: &str = "ape";

pub(crate) fn probe(input: &mut Source<'_>, limits: &Limits) -> Result<MediaInfo, ProbeError> {
    let start = crate::measure::id3v2_len(&input.read_at(0, 64 * 1024)?);
    let h = input.read_at(start, 128)?;
    if h.get(..4) != Some(b"MAC ") {
        return Err(ProbeError::invalid(FORMAT, "no MAC header"));
    }
    let t = |v: Option<u32>| v.ok_or(ProbeError::Truncated("APE header"));
    let version = u32::from(bytes::le16(&h, 4).ok_or(ProbeError::Truncated("APE header"))?);
    let (compression, blocks_per_frame, final_blocks, frames, channels, rate);
    if version >= 3980 {
        let descriptor = t(bytes::le32(&h, 8))? as usize;
        let hd = h
            .get(descriptor..)
            .ok_or(ProbeError::Truncated("APE header"))?;
        compression = t(bytes::le16(hd, 0).map(u32::from))?;
        blocks_per_frame = t(bytes::le32(hd, 4))?;
        final_blocks = t(bytes::le32(hd, 8))?;
        frames = t(bytes::le32(hd, 12))?;
        channels = t(bytes::le16(hd, 18).map(u32::from))?;
        rate = t(bytes::le32(hd, 20))?;
    } else {
        compression = t(bytes::le16(&h, 6).map(u32::from))?;
        channels = t(bytes::le16(&h, 10).map(u32::from))?;
        rate = t(bytes::le32(&h, 12))?;
        frames = t(bytes::le32(&h, 24))?;
        final_blocks = t(bytes::le32(&h, 28))?;
        blocks_per_frame = if version >= 3950 {
            73_728 * 4
        } else if version >= 3900 || (version >= 3800 && compression >= 4000) {
            73_728
        } else {
            9216
        };
    }
    let _ = compression;
    if rate == 0 {
        return Err(ProbeError::ZeroSampleRate(FORMAT));
    }
    if channels == 0 || frames == 0 {
        return Err(ProbeError::invalid(FORMAT, "no channels or no frames"));
    }
    let samples = u64::from(frames - 1) * u64::from(blocks_per_frame) + u64::from(final_blocks);
    let duration = limits.claim(seconds(samples, u64::from(rate), FORMAT)?)?;
    let mut facts = MediaInfo::new(Container::Ape, duration, DurationSource::Header);
    facts.codec = Some(Codec::Ape);
    facts.sample_rate = Some(rate);
    facts.channels = Some(channels);
    facts.bitrate = bitrate(input.len(), duration);
    Ok(facts)
}
