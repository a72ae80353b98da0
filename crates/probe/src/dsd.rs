//! DSD audio: DSF (Sony) and DSDIFF (`.dff`, Philips). The sample count comes from the `fmt `
//! chunk (DSF) or the size of the `DSD ` chunk (DSDIFF). Rates are reported as ffprobe does:
//! the DSD bit rate over 8 (352800 Hz for DSD64).

use crate::bytes;
use crate::error::ProbeError;
use crate::info::{DurationSource, MediaInfo};
use crate::measure::{bitrate, seconds, Limits};
use crate::names::{Codec, Container};
use crate::Source;

/// Most DSDIFF chunks walked.
const MAX_CHUNKS: usize = 256;

pub(crate) fn probe_dsf(input: &mut Source<'_>, limits: &Limits) -> Result<MediaInfo, ProbeError> {
    const FORMAT: &str = "dsf";
    let h = input.read_at(0, 28 + 52 + 12)?;
    if h.get(28..32) != Some(b"fmt ") {
        return Err(ProbeError::invalid(
            FORMAT,
            "no fmt chunk after the DSD chunk",
        ));
    }
    let f = h.get(40..).ok_or(ProbeError::Truncated("DSF fmt chunk"))?;
    let channels = bytes::le32(f, 12).ok_or(ProbeError::Truncated("DSF fmt chunk"))?;
    let rate = bytes::le32(f, 16).ok_or(ProbeError::Truncated("DSF fmt chunk"))?;
    let bits = bytes::le32(f, 20).ok_or(ProbeError::Truncated("DSF fmt chunk"))?;
    let samples = bytes::le64(f, 24).ok_or(ProbeError::Truncated("DSF fmt chunk"))?;
    if rate == 0 {
        return Err(ProbeError::ZeroSampleRate(FORMAT));
    }
    if channels == 0 || channels > 64 {
        return Err(ProbeError::invalid(FORMAT, "bad channel count"));
    }
    limits.claim(seconds(samples, u64::from(rate), FORMAT)?)?;
    // The data chunk: what is there of it.
    let data_at = 28 + 52 + 12u64;
    let present = input.len().saturating_sub(data_at) * 8 / u64::from(channels);
    let cut = present < samples.saturating_sub(4096 * 8);
    let played = if cut { present } else { samples };
    let duration = seconds(played, u64::from(rate), FORMAT)?;
    let mut facts = MediaInfo::new(
        Container::Dsf,
        duration,
        if cut {
            DurationSource::Truncated
        } else {
            DurationSource::Header
        },
    );
    facts.truncated = cut;
    facts.codec = Some(if bits == 8 {
        Codec::DsdMsbfPlanar
    } else {
        Codec::DsdLsbfPlanar
    });
    facts.sample_rate = Some(rate / 8);
    facts.channels = Some(channels);
    facts.bitrate = bitrate(input.len(), duration);
    Ok(facts)
}

pub(crate) fn probe_dff(input: &mut Source<'_>, limits: &Limits) -> Result<MediaInfo, ProbeError> {
    const FORMAT: &str = "dff";
    let len = input.len();
    let (mut rate, mut channels, mut data, mut compressed) = (0u32, 0u32, None, false);
    let mut pos = 16u64;
    for _ in 0..MAX_CHUNKS {
        let h = input.read_at(pos, 12)?;
        let (Some(id), Some(size)) = (h.get(..4), bytes::be64(&h, 4)) else {
            break;
        };
        let body = pos + 12;
        match id {
            b"PROP" => {
                let limit = size.min(limits.max_header_bytes).min(64 * 1024);
                let prop = input.read_at(body, usize::try_from(limit).unwrap_or(0))?;
                let mut at = 4usize; // after "SND "
                for _ in 0..MAX_CHUNKS {
                    let (Some(sub), Some(sub_size)) =
                        (prop.get(at..at + 4), bytes::be64(&prop, at + 4))
                    else {
                        break;
                    };
                    let b = at + 12;
                    match sub {
                        b"FS  " => rate = bytes::be32(&prop, b).unwrap_or(0),
                        b"CHNL" => channels = u32::from(bytes::be16(&prop, b).unwrap_or(0)),
                        b"CMPR" => compressed = prop.get(b..b + 4) != Some(b"DSD "),
                        _ => {}
                    }
                    let Some(next) = usize::try_from(sub_size)
                        .ok()
                        .and_then(|s| b.checked_add(s + (s & 1)))
                    else {
                        break;
                    };
                    at = next;
                }
            }
            b"DSD " | b"DST " => {
                data = Some((body, size));
                break;
            }
            _ => {}
        }
        let Some(next) = body.checked_add(size + (size & 1)) else {
            break;
        };
        if next <= pos {
            return Err(ProbeError::StructureLoop(FORMAT));
        }
        pos = next;
    }
    if rate == 0 {
        return Err(ProbeError::ZeroSampleRate(FORMAT));
    }
    if channels == 0 {
        return Err(ProbeError::invalid(FORMAT, "no channels"));
    }
    let (at, size) = data.ok_or(ProbeError::Truncated("no DSD sound data chunk"))?;
    if compressed {
        return Err(ProbeError::invalid(
            FORMAT,
            "DST-compressed DSDIFF is not measured",
        ));
    }
    let samples = size * 8 / u64::from(channels);
    limits.claim(seconds(samples, u64::from(rate), FORMAT)?)?;
    let present = len.saturating_sub(at).min(size) * 8 / u64::from(channels);
    let cut = present < samples;
    let duration = seconds(present, u64::from(rate), FORMAT)?;
    let mut facts = MediaInfo::new(
        Container::Dff,
        duration,
        if cut {
            DurationSource::Truncated
        } else {
            DurationSource::Header
        },
    );
    facts.truncated = cut;
    facts.codec = Some(Codec::DsdMsbf);
    facts.sample_rate = Some(rate / 8);
    facts.channels = Some(channels);
    facts.bitrate = bitrate(len, duration);
    Ok(facts)
}
