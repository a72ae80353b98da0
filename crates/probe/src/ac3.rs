//! AC-3 and E-AC-3 elementary streams (ATSC A/52): every sync frame's header is read (frame
//! sizes follow from them), so the duration is a count of frames. No decoding.

use crate::error::ProbeError;
use crate::info::{DurationSource, MediaInfo};
use crate::measure::{bitrate, seconds};
use crate::names::{Codec, Container};
use crate::{Source, Window};

const FORMAT: &str = "ac3";
/// How much junk between frames is skipped looking for the next sync word.
const MAX_SYNC_SEARCH: u64 = 64 * 1024;
const KBPS: [u32; 19] = [
    32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 576, 640,
];
/// Full-bandwidth channels per `acmod`.
const CHANNELS: [u32; 8] = [2, 1, 2, 3, 3, 4, 4, 5];

/// One AC-3 or E-AC-3 sync frame header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Frame {
    /// E-AC-3 (`bsid` 11-16) rather than AC-3.
    pub enhanced: bool,
    /// Frame length in bytes.
    pub len: usize,
    /// Sample rate in Hz.
    pub rate: u32,
    /// Audio samples per channel in the frame (1536 for AC-3).
    pub samples: u32,
    /// Output channels, LFE included.
    pub channels: u32,
    /// Whether this frame starts an independent (sub)stream 0, the one that counts for time.
    pub independent: bool,
}

impl Frame {
    /// The codec: `ac3` or `eac3`.
    pub fn codec(&self) -> Codec {
        if self.enhanced {
            Codec::Eac3
        } else {
            Codec::Ac3
        }
    }
}

/// Parses the sync frame header at the start of `b`.
///
/// ```
/// // 48 kHz, 192 kb/s, stereo (acmod 2).
/// let f = pipes_media_probe::ac3::frame(&[0x0B, 0x77, 0, 0, 0x14, 0x40, 0x43, 0]).unwrap();
/// assert_eq!((f.rate, f.len, f.samples, f.channels), (48_000, 768, 1536, 2));
/// ```
pub fn frame(b: &[u8]) -> Option<Frame> {
    if b.get(..2)? != [0x0B, 0x77] {
        return None;
    }
    let bsid = b.get(5)? >> 3;
    if bsid <= 10 {
        let fscod = b.get(4)? >> 6;
        let code = usize::from(b.get(4)? & 0x3F);
        let kbps = *KBPS.get(code >> 1)?;
        let (rate, words) = match fscod {
            0 => (48_000, kbps * 2),
            1 => (44_100, kbps * 320 / 147 + (code as u32 & 1)),
            2 => (32_000, kbps * 3),
            _ => return None,
        };
        let mut bits = crate::bytes::Bits::new(b.get(6..8)?);
        let acmod = bits.take(3)?;
        if acmod & 1 != 0 && acmod != 1 {
            bits.skip(2);
        }
        if acmod & 4 != 0 {
            bits.skip(2);
        }
        if acmod == 2 {
            bits.skip(2);
        }
        let lfe = bits.take(1)?;
        return Some(Frame {
            enhanced: false,
            len: words as usize * 2,
            rate,
            samples: 1536,
            channels: CHANNELS[acmod as usize] + lfe,
            independent: true,
        });
    }
    if !(11..=16).contains(&bsid) {
        return None;
    }
    let strmtyp = b.get(2)? >> 6;
    let substream = (b.get(2)? >> 3) & 7;
    let len = ((usize::from(b.get(2)? & 7) << 8) | usize::from(*b.get(3)?)) * 2 + 2;
    let fscod = b.get(4)? >> 6;
    let (rate, blocks) = if fscod == 3 {
        let rate = match (b.get(4)? >> 4) & 3 {
            0 => 24_000,
            1 => 22_050,
            2 => 16_000,
            _ => return None,
        };
        (rate, 6)
    } else {
        let rate = [48_000, 44_100, 32_000][usize::from(fscod)];
        (rate, [1, 2, 3, 6][usize::from((b.get(4)? >> 4) & 3)])
    };
    let acmod = (b.get(4)? >> 1) & 7;
    let lfe = u32::from(b.get(4)? & 1);
    Some(Frame {
        enhanced: true,
        len,
        rate,
        samples: 256 * blocks,
        channels: CHANNELS[usize::from(acmod)] + lfe,
        independent: strmtyp != 1 && substream == 0,
    })
}

/// Whether `head` starts with an AC-3 or E-AC-3 frame followed by another (or by the end).
pub fn looks_like_ac3(head: &[u8]) -> bool {
    let Some(first) = frame(head) else {
        return false;
    };
    match head.get(first.len..).filter(|rest| rest.len() >= 6) {
        Some(rest) => frame(rest).is_some(),
        None => head.len() <= first.len + 6,
    }
}

pub(crate) fn probe(input: &mut Source<'_>) -> Result<MediaInfo, ProbeError> {
    let start = crate::measure::id3v2_len(&input.read_at(0, 64 * 1024)?);
    let mut window = Window::new();
    let first = frame(window.get(input, start, 8)?).ok_or(ProbeError::invalid(
        FORMAT,
        "no AC-3 sync frame at the start",
    ))?;
    let len = input.len();
    let (mut pos, mut samples, mut media, mut cut) = (start, 0u64, 0u64, false);
    'frames: while pos + 8 <= len {
        if let Some(f) = frame(window.get(input, pos, 8)?).filter(|f| f.len >= 8) {
            if pos + f.len as u64 > len {
                // A decoder still plays a frame cut short (ffmpeg does, with an error).
                cut = true;
                if f.independent {
                    samples += u64::from(f.samples);
                }
                break;
            }
            if f.independent {
                samples += u64::from(f.samples);
            }
            media += f.len as u64;
            pos += f.len as u64;
            continue;
        }
        let limit = (pos + MAX_SYNC_SEARCH).min(len);
        let mut at = pos + 1;
        while at + 8 <= limit {
            if let Some(f) = frame(window.get(input, at, 8)?).filter(|f| f.len >= 8) {
                let next = at + f.len as u64;
                if next + 8 > len || frame(window.get(input, next, 8)?).is_some() {
                    pos = at;
                    continue 'frames;
                }
            }
            at += 1;
        }
        break;
    }
    let duration = seconds(samples, u64::from(first.rate), FORMAT)?;
    let container = if first.enhanced {
        Container::Eac3
    } else {
        Container::Ac3
    };
    let mut facts = MediaInfo::new(
        container,
        duration,
        if cut {
            DurationSource::Truncated
        } else {
            DurationSource::FrameScan
        },
    );
    facts.truncated = cut;
    facts.codec = Some(first.codec());
    facts.sample_rate = Some(first.rate);
    facts.channels = Some(first.channels);
    facts.bitrate = bitrate(media, duration);
    Ok(facts)
}
