//! Musepack (`.mpc`): SV8 streams (`MPCK`, packets) and SV7 (`MP+`). ffmpeg's decoder plays
//! whole frames of 1152 samples, so the duration is the count of frames: SV8's stream header
//! gives the sample count (the frames cover it plus the 481-sample synthesis delay), SV7's
//! header the frame count.

use crate::bytes;
use crate::error::ProbeError;
use crate::info::{DurationSource, MediaInfo};
use crate::measure::{bitrate, seconds, Limits};
use crate::names::{Codec, Container};
use crate::Source;

const FORMAT: &str = "musepack";
const RATES: [u32; 4] = [44_100, 48_000, 37_800, 32_000];
/// Most SV8 packets walked before the stream header.
const MAX_PACKETS: usize = 64;
const FRAME: u64 = 1152;
/// Delay of the Musepack synthesis filter bank, in samples.
const SYNTH_DELAY: u64 = 481;

/// An SV8 variable-length size: 7 bits a byte, high bit set on all but the last.
fn varint(b: &[u8], at: usize) -> Option<(u64, usize)> {
    let mut v = 0u64;
    for i in 0..9 {
        let c = *b.get(at + i)?;
        v = (v << 7) | u64::from(c & 0x7F);
        if c & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    None
}

pub(crate) fn probe(input: &mut Source<'_>, limits: &Limits) -> Result<MediaInfo, ProbeError> {
    let start = crate::measure::id3v2_len(&input.read_at(0, 64 * 1024)?);
    let h = input.read_at(start, 64 * 1024)?;
    let (samples, rate, channels) = if h.starts_with(b"MPCK") {
        let mut at = 4usize;
        let mut found = None;
        for _ in 0..MAX_PACKETS {
            let key = h
                .get(at..at + 2)
                .ok_or(ProbeError::Truncated("Musepack packet"))?;
            let (size, n) = varint(&h, at + 2).ok_or(ProbeError::Truncated("Musepack packet"))?;
            let body = at + 2 + n;
            if key == b"SH" {
                // CRC (4), version (1), sample count, beginning silence, then bit fields.
                let (count, n1) =
                    varint(&h, body + 5).ok_or(ProbeError::Truncated("Musepack SH"))?;
                let (silence, n2) =
                    varint(&h, body + 5 + n1).ok_or(ProbeError::Truncated("Musepack SH"))?;
                let bits = bytes::be16(&h, body + 5 + n1 + n2)
                    .ok_or(ProbeError::Truncated("Musepack SH"))?;
                let rate = RATES[usize::from(bits >> 13)];
                let channels = u32::from((bits >> 4) & 0xF) + 1;
                found = Some((count + silence, rate, channels));
                break;
            }
            let size = usize::try_from(size).map_err(|_| ProbeError::invalid(FORMAT, "size"))?;
            if size < 2 + n {
                return Err(ProbeError::StructureLoop(FORMAT));
            }
            at += size;
        }
        let (samples, rate, channels) =
            found.ok_or(ProbeError::invalid(FORMAT, "no stream header"))?;
        // The encoder codes whole frames covering the samples plus the synthesis filter's
        // delay, and ffmpeg's decoder plays every one of them.
        (
            (samples + SYNTH_DELAY).div_ceil(FRAME) * FRAME,
            rate,
            channels,
        )
    } else if h.starts_with(b"MP+") && h.get(3).is_some_and(|v| v & 0x0F == 7) {
        let frames = u64::from(bytes::le32(&h, 4).ok_or(ProbeError::Truncated("SV7 header"))?);
        let flags = bytes::le32(&h, 8).ok_or(ProbeError::Truncated("SV7 header"))?;
        (frames * FRAME, RATES[((flags >> 16) & 3) as usize], 2)
    } else {
        return Err(ProbeError::invalid(FORMAT, "not an SV7 or SV8 stream"));
    };
    let duration = limits.claim(seconds(samples, u64::from(rate), FORMAT)?)?;
    let mut facts = MediaInfo::new(Container::Musepack, duration, DurationSource::Header);
    facts.codec = Some(if h.starts_with(b"MPCK") {
        Codec::Musepack8
    } else {
        Codec::Musepack7
    });
    facts.sample_rate = Some(rate);
    facts.channels = Some(channels);
    facts.bitrate = bitrate(input.len(), duration);
    Ok(facts)
}
