//! WAV (RIFF, RF64/BW64): the `fmt ` chunk and the size of the `data` chunk (or the `fact` sample
//! count for compressed formats). A `data` chunk longer than the file gives what is there.

use super::{bitrate, seconds, Limits};
use crate::error::AudioError;
use crate::facts::{AudioFacts, DurationSource};
use crate::input::{bytes, Input};

const FORMAT: &str = "wav";

/// The `fmt ` chunk fields we use.
#[derive(Debug, Clone, Copy)]
struct Fmt {
    tag: u16,
    channels: u16,
    rate: u32,
    byte_rate: u32,
    block_align: u16,
    bits: u16,
}

pub(crate) fn probe(input: &mut Input<'_>, limits: &Limits) -> Result<AudioFacts, AudioError> {
    let head = input.read_at(0, 12)?;
    let rf64 = !head.starts_with(b"RIFF");
    let mut pos = 12u64;
    let (mut fmt, mut fact_samples, mut ds64_data) = (None, None, None);
    let mut data = None;
    for n in 0.. {
        if n >= limits.max_boxes {
            return Err(AudioError::TooComplex(FORMAT));
        }
        let h = input.read_at(pos, 8)?;
        if h.len() < 8 {
            break;
        }
        let id = &h[..4];
        let size = u64::from(bytes::le32(&h, 4).unwrap_or(0));
        let body = pos + 8;
        match id {
            b"fmt " => {
                let b = input.read_at(body, usize::try_from(size.min(64)).unwrap_or(64))?;
                let mut f = Fmt {
                    tag: bytes::le16(&b, 0).ok_or(AudioError::Truncated("fmt chunk"))?,
                    channels: bytes::le16(&b, 2).ok_or(AudioError::Truncated("fmt chunk"))?,
                    rate: bytes::le32(&b, 4).ok_or(AudioError::Truncated("fmt chunk"))?,
                    byte_rate: bytes::le32(&b, 8).ok_or(AudioError::Truncated("fmt chunk"))?,
                    block_align: bytes::le16(&b, 12).ok_or(AudioError::Truncated("fmt chunk"))?,
                    bits: bytes::le16(&b, 14).unwrap_or(0),
                };
                if f.tag == 0xFFFE {
                    // WAVE_FORMAT_EXTENSIBLE: the real tag is the first two bytes of the GUID.
                    if let Some(sub) = bytes::le16(&b, 24) {
                        f.tag = sub;
                    }
                }
                fmt = Some(f);
            }
            b"fact" => fact_samples = bytes::le32(&input.read_at(body, 4)?, 0).map(u64::from),
            b"ds64" if rf64 => ds64_data = bytes::le64(&input.read_at(body, 16)?, 8),
            b"data" => {
                let declared = match ds64_data {
                    Some(d) if size == 0xFFFF_FFFF => d,
                    _ => size,
                };
                data = Some((body, declared));
                break;
            }
            _ => {}
        }
        pos = body + size + (size & 1);
    }
    let fmt = fmt.ok_or(if pos >= input.len() {
        AudioError::Truncated("no fmt chunk")
    } else {
        AudioError::invalid(FORMAT, "no fmt chunk")
    })?;
    let (data_at, declared) = data.ok_or(AudioError::Truncated("no data chunk"))?;
    if fmt.rate == 0 {
        return Err(AudioError::ZeroSampleRate(FORMAT));
    }
    if fmt.channels == 0 {
        return Err(AudioError::invalid(FORMAT, "zero channels"));
    }
    if declared != 0xFFFF_FFFF && fmt.byte_rate > 0 {
        limits.claim(declared as f64 / f64::from(fmt.byte_rate))?;
    }
    let present = input.len().saturating_sub(data_at);
    let cut = declared > present && declared != 0xFFFF_FFFF;
    let data_len = declared.min(present);
    let pcm = matches!(fmt.tag, 1 | 3 | 6 | 7);
    let duration = if pcm && fmt.block_align > 0 {
        seconds(
            data_len / u64::from(fmt.block_align),
            u64::from(fmt.rate),
            FORMAT,
        )?
    } else if let Some(samples) = fact_samples.filter(|_| !cut) {
        seconds(samples, u64::from(fmt.rate), FORMAT)?
    } else if fmt.byte_rate > 0 {
        data_len as f64 / f64::from(fmt.byte_rate)
    } else {
        return Err(AudioError::invalid(FORMAT, "zero byte rate"));
    };
    let mut facts = AudioFacts::new(
        FORMAT,
        duration,
        if cut {
            DurationSource::Truncated
        } else {
            DurationSource::Header
        },
    );
    facts.truncated = cut;
    facts.codec = Some(codec(&fmt).to_owned());
    facts.sample_rate = Some(fmt.rate);
    facts.channels = Some(u32::from(fmt.channels));
    facts.bitrate = if pcm {
        Some(u64::from(fmt.rate) * u64::from(fmt.block_align) * 8)
    } else {
        bitrate(data_len, duration)
    };
    Ok(facts)
}

/// ffprobe's codec name for a format tag.
fn codec(f: &Fmt) -> &'static str {
    match (f.tag, f.bits) {
        (1, 8) => "pcm_u8",
        (1, 16) => "pcm_s16le",
        (1, 24) => "pcm_s24le",
        (1, 32) => "pcm_s32le",
        (1, _) => "pcm",
        (3, 64) => "pcm_f64le",
        (3, _) => "pcm_f32le",
        (2, _) => "adpcm_ms",
        (6, _) => "pcm_alaw",
        (7, _) => "pcm_mulaw",
        (0x11, _) => "adpcm_ima_wav",
        (0x31, _) => "gsm_ms",
        (0x55, _) => "mp3",
        (0xFF | 0x1610, _) => "aac",
        _ => "unknown",
    }
}
