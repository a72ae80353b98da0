//! PES packets (ISO 13818-1 §2.4.3.6) and what their payloads start with: the time stamps and
//! the elementary stream facts both MPEG-TS and MPEG-PS need.

use crate::bytes;
use crate::names::Codec;
use crate::{ac3, adts, mp3};

/// A 33-bit time stamp in 90 kHz units from its 5-byte field.
fn timestamp(b: &[u8]) -> Option<u64> {
    let b: [u8; 5] = bytes::arr(b, 0)?;
    Some(
        (u64::from(b[0] >> 1) & 7) << 30
            | u64::from(b[1]) << 22
            | u64::from(b[2] >> 1) << 15
            | u64::from(b[3]) << 7
            | u64::from(b[4] >> 1),
    )
}

/// The PTS (90 kHz) of the PES packet starting `b` (at its `00 00 01` start code) and where
/// its payload starts. MPEG-2 and MPEG-1 (program stream) headers are both read.
pub(crate) fn header(b: &[u8]) -> Option<(Option<u64>, usize)> {
    if b.get(..3)? != [0, 0, 1] {
        return None;
    }
    let sid = *b.get(3)?;
    if matches!(sid, 0xBC | 0xBE | 0xBF | 0xF0 | 0xF1 | 0xF2 | 0xF8 | 0xFF) {
        return Some((None, 6));
    }
    if b.get(6)? & 0xC0 == 0x80 {
        let flags = *b.get(7)?;
        let len = usize::from(*b.get(8)?);
        let pts = if flags & 0x80 != 0 {
            timestamp(b.get(9..)?)
        } else {
            None
        };
        return Some((pts, 9 + len));
    }
    // MPEG-1: stuffing, an optional STD buffer field, then the time stamps.
    let mut at = 6;
    while *b.get(at)? == 0xFF && at < 6 + 16 {
        at += 1;
    }
    if b.get(at)? & 0xC0 == 0x40 {
        at += 2;
    }
    let flag = b.get(at)? >> 4;
    match flag {
        2 => Some((timestamp(b.get(at..)?), at + 5)),
        3 => Some((timestamp(b.get(at..)?), at + 10)),
        _ => Some((None, at + 1)),
    }
}

/// What an audio elementary stream's first bytes say: codec, rate, channels and samples per
/// frame, from the first frame header found in the first 2 KiB.
pub(crate) fn audio(payload: &[u8], hint: Codec) -> Option<(Codec, u32, u32, u32)> {
    for at in 0..payload.len().min(2048) {
        let b = payload.get(at..)?;
        match hint {
            Codec::Ac3 | Codec::Eac3 => {
                if let Some(f) = ac3::frame(b) {
                    return Some((f.codec(), f.rate, f.channels, f.samples));
                }
            }
            Codec::Aac => {
                if let Some(h) = adts::header(b) {
                    let ch = match h.channels {
                        7 => 8,
                        n => u32::from(n),
                    };
                    return Some((Codec::Aac, h.sample_rate(), ch, 1024));
                }
            }
            _ => {
                if let Some(f) = mp3::frame(b).filter(|f| {
                    b.get(f.len..)
                        .and_then(mp3::frame)
                        .is_some_and(|n| n.same_stream(f))
                        || b.len() <= f.len + 4
                }) {
                    return Some((f.codec(), f.rate, u32::from(!f.mono) + 1, f.samples));
                }
            }
        }
    }
    None
}

/// How many audio frames of the stream start in `payload` (the last PES of a stream, so the
/// time it covers past its PTS).
pub(crate) fn frames_in(payload: &[u8], codec: Codec) -> u64 {
    let len_at = |b: &[u8]| -> Option<usize> {
        match codec {
            Codec::Ac3 | Codec::Eac3 => ac3::frame(b).map(|f| f.len),
            Codec::Aac => adts::header(b).map(|h| h.len),
            _ => mp3::frame(b).map(|f| f.len),
        }
    };
    let mut at = 0usize;
    // The first frame that starts here: a header followed by another (or by the end).
    while at + 4 <= payload.len() {
        if let Some(n) = payload.get(at..).and_then(len_at).filter(|&n| n >= 4) {
            let next = at + n;
            if next >= payload.len() || payload.get(next..).and_then(len_at).is_some() {
                break;
            }
        }
        at += 1;
    }
    let mut count = 0;
    while at < payload.len() {
        let Some(n) = payload.get(at..).and_then(len_at).filter(|&n| n >= 4) else {
            break;
        };
        count += 1;
        at += n;
    }
    count
}

/// Width and height from an MPEG-1/2 video sequence header in `payload`, and whether a
/// sequence extension (MPEG-2) follows.
pub(crate) fn mpeg_video(payload: &[u8]) -> Option<(u32, u32, bool)> {
    let at = payload.windows(4).position(|w| w == [0, 0, 1, 0xB3])?;
    let b = payload.get(at + 4..at + 7)?;
    let width = (u32::from(b[0]) << 4) | u32::from(b[1] >> 4);
    let height = (u32::from(b[1] & 0x0F) << 8) | u32::from(b[2]);
    let mpeg2 = payload
        .get(at..)?
        .windows(5)
        .any(|w| w[..4] == [0, 0, 1, 0xB5] && w[4] >> 4 == 1);
    Some((width, height, mpeg2))
}
