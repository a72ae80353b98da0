//! AIFF and AIFF-C: the `COMM` chunk's frame count and 80-bit sample rate; a `SSND` chunk longer
//! than the file gives what is there.

use crate::error::ProbeError;
use crate::info::{DurationSource, MediaInfo};
use crate::measure::{bitrate, Limits};
use crate::names::{Codec, Container};
use crate::{bytes, Source};

const FORMAT: &str = "aiff";

pub(crate) fn probe(input: &mut Source<'_>, limits: &Limits) -> Result<MediaInfo, ProbeError> {
    let compressed = input.read_at(8, 4)? == b"AIFC";
    let mut pos = 12u64;
    let mut comm = None;
    let mut ssnd = None;
    for n in 0.. {
        if n >= limits.max_boxes {
            return Err(ProbeError::TooComplex(FORMAT));
        }
        let h = input.read_at(pos, 8)?;
        if h.len() < 8 {
            break;
        }
        let size = u64::from(bytes::be32(&h, 4).unwrap_or(0));
        match &h[..4] {
            b"COMM" => comm = Some(input.read_at(pos + 8, 22)?),
            b"SSND" => ssnd = Some((pos + 16, size.saturating_sub(8))),
            _ => {}
        }
        if comm.is_some() && ssnd.is_some() {
            break;
        }
        pos += 8 + size + (size & 1);
    }
    let c = comm.ok_or(ProbeError::Truncated("no COMM chunk"))?;
    let channels = bytes::be16(&c, 0).ok_or(ProbeError::Truncated("COMM chunk"))?;
    let frames = u64::from(bytes::be32(&c, 2).ok_or(ProbeError::Truncated("COMM chunk"))?);
    let bits = bytes::be16(&c, 6).ok_or(ProbeError::Truncated("COMM chunk"))?;
    let rate = extended(bytes::arr::<10>(&c, 8).ok_or(ProbeError::Truncated("COMM chunk"))?);
    if !(1.0..1e7).contains(&rate) {
        return Err(ProbeError::ZeroSampleRate(FORMAT));
    }
    if channels == 0 {
        return Err(ProbeError::invalid(FORMAT, "zero channels"));
    }
    limits.claim(frames as f64 / rate)?;
    let mut frames_present = frames;
    let mut cut = false;
    let frame_bytes = u64::from(channels) * u64::from(bits.div_ceil(8));
    if let Some((data_at, size)) = ssnd {
        let present = input.len().saturating_sub(data_at).min(size);
        if !compressed && frame_bytes > 0 && present / frame_bytes < frames {
            frames_present = present / frame_bytes;
            cut = true;
        }
    }
    let duration = frames_present as f64 / rate;
    let mut facts = MediaInfo::new(
        Container::Aiff,
        duration,
        if cut {
            DurationSource::Truncated
        } else {
            DurationSource::Header
        },
    );
    facts.truncated = cut;
    facts.codec = Some(if compressed {
        Codec::Unknown
    } else {
        Codec::pcm(bits, false, true)
    });
    facts.sample_rate = Some(rate.round() as u32);
    facts.channels = Some(u32::from(channels));
    facts.bitrate = bitrate(frames_present * frame_bytes, duration);
    Ok(facts)
}

/// An IEEE 754 80-bit extended float (big-endian), as AIFF stores the sample rate.
fn extended(b: [u8; 10]) -> f64 {
    let exp = i32::from(u16::from_be_bytes([b[0], b[1]]) & 0x7FFF);
    let mantissa = u64::from_be_bytes([b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9]]);
    if exp == 0 && mantissa == 0 {
        return 0.0;
    }
    mantissa as f64 * 2f64.powi(exp - 16383 - 63)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn decodes_44100_as_extended() {
        assert_eq!(
            extended([0x40, 0x0E, 0xAC, 0x44, 0, 0, 0, 0, 0, 0]),
            44_100.0
        );
    }
}
