//! MPEG audio (mp3, mp2): the Xing/Info or VBRI header's frame count when there is one and the
//! file is whole, otherwise a count of every frame header (no decoding). ID3v2 is skipped.

use crate::error::ProbeError;
use crate::info::{DurationSource, MediaInfo};
use crate::measure::{bitrate, id3v2_len, seconds, Limits};
use crate::names::{Codec, Container};
use crate::{bytes, Source, Window};

const FORMAT: &str = "mp3";
const CONTAINER: Container = Container::Mp3;
/// The MPEG audio decoder's own delay in samples, skipped with the encoder delay (LAME).
const DECODER_DELAY: u64 = 529;
/// How far past the tags we look for the first frame, and how much junk we skip mid-file.
const MAX_SYNC_SEARCH: u64 = 64 * 1024;

/// One MPEG audio frame header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Frame {
    /// 1 (MPEG-1), 2 (MPEG-2) or 25 (MPEG-2.5).
    pub version: u8,
    /// 1, 2 or 3.
    pub layer: u8,
    /// Bit rate in kb/s.
    pub kbps: u32,
    /// Sample rate in Hz.
    pub rate: u32,
    /// Single channel.
    pub mono: bool,
    /// Frame length in bytes, header included.
    pub len: usize,
    /// Samples per frame.
    pub samples: u32,
}

impl Frame {
    /// The codec: `mp1`, `mp2` or `mp3` by layer.
    pub fn codec(&self) -> Codec {
        match self.layer {
            1 => Codec::Mp1,
            2 => Codec::Mp2,
            _ => Codec::Mp3,
        }
    }

    /// Whether `other` can belong to the same stream (same version, layer and sample rate).
    pub fn same_stream(&self, other: &Frame) -> bool {
        self.version == other.version && self.layer == other.layer && self.rate == other.rate
    }

    /// Offset of the Xing/Info tag inside the frame (after the side information).
    fn xing_offset(&self) -> usize {
        4 + match (self.version == 1, self.mono) {
            (true, false) => 32,
            (true, true) | (false, false) => 17,
            (false, true) => 9,
        }
    }
}

const KBPS_V1: [[u32; 15]; 3] = [
    [
        0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448,
    ],
    [
        0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384,
    ],
    [
        0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320,
    ],
];
const KBPS_V2: [[u32; 15]; 2] = [
    [
        0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256,
    ],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
];

/// Parses an MPEG audio frame header at the start of `b` (free format, reserved bit rates,
/// rates and emphasis are refused).
///
/// ```
/// let f = pipes_media_probe::mp3::frame(&[0xFF, 0xFB, 0x90, 0x64]).unwrap();
/// assert_eq!((f.layer, f.kbps, f.rate, f.len), (3, 128, 44_100, 417));
/// ```
pub fn frame(b: &[u8]) -> Option<Frame> {
    let h = bytes::be32(b, 0)?;
    if h >> 21 != 0x7FF {
        return None;
    }
    let version = match (h >> 19) & 3 {
        0 => 25,
        2 => 2,
        3 => 1,
        _ => return None,
    };
    let layer = match (h >> 17) & 3 {
        1 => 3,
        2 => 2,
        3 => 1,
        _ => return None,
    };
    let bi = ((h >> 12) & 0xF) as usize;
    let ri = ((h >> 10) & 3) as usize;
    if bi == 0 || bi == 15 || ri == 3 || (h & 3) == 2 {
        return None; // free format, bad bitrate or rate, reserved emphasis
    }
    let kbps = if version == 1 {
        KBPS_V1[usize::from(layer - 1)][bi]
    } else {
        KBPS_V2[usize::from(layer != 1)][bi]
    };
    let base = [44_100, 48_000, 32_000][ri];
    let rate = match version {
        1 => base,
        2 => base / 2,
        _ => base / 4,
    };
    let pad = (h >> 9) & 1;
    let (samples, len) = match layer {
        1 => (384, (12 * kbps * 1000 / rate + pad) * 4),
        2 => (1152, 144 * kbps * 1000 / rate + pad),
        _ if version == 1 => (1152, 144 * kbps * 1000 / rate + pad),
        _ => (576, 72 * kbps * 1000 / rate + pad),
    };
    Some(Frame {
        version,
        layer,
        kbps,
        rate,
        mono: (h >> 6) & 3 == 3,
        len: len as usize,
        samples,
    })
}

/// Whether `head` starts with an MPEG audio frame followed by a consistent one (or that ends
/// `head`).
pub fn looks_like_mp3(head: &[u8]) -> bool {
    let Some(first) = frame(head) else {
        return false;
    };
    match head.get(first.len..).filter(|rest| rest.len() >= 4) {
        Some(rest) => frame(rest).is_some_and(|next| next.same_stream(&first)),
        None => head.len() == first.len,
    }
}

pub(crate) fn probe(input: &mut Source<'_>, limits: &Limits) -> Result<MediaInfo, ProbeError> {
    let tags = id3v2_len(&input.read_at(0, 64 * 1024)?);
    let mut window = Window::new();
    let (start, first) = find_first_frame(input, &mut window, tags)?;
    let frame_bytes = input.read_at(start, first.len)?;

    let tag = info_tag(&frame_bytes, &first);
    let spf = u64::from(first.samples);
    let mut facts = match tag {
        Some(t) if !looks_cut(input.len(), start, t.bytes) => {
            // What the decoder plays: the LAME tag's encoder delay and padding are not audio
            // (ffmpeg skips them when it decodes, as every gapless player does).
            let (delay, padding) = t.gapless.unwrap_or((0, 0));
            let samples = (t.frames * spf).saturating_sub(u64::from(delay) + u64::from(padding));
            let duration = limits.claim(seconds(samples, u64::from(first.rate), FORMAT)?)?;
            let media = t.bytes.unwrap_or(input.len() - start);
            let mut f = MediaInfo::new(CONTAINER, duration, DurationSource::Header);
            f.bitrate = bitrate(media, duration);
            if let Some((delay, padding)) = t.gapless {
                f.encoder_delay = Some(delay);
                f.encoder_padding = Some(padding);
            }
            f
        }
        tag => {
            // No usable tag: count the frames. A Xing/Info frame holds no audio, skip it.
            let from = if tag.is_some() {
                start + first.len as u64
            } else {
                start
            };
            let scan = scan(input, &mut window, from, &first)?;
            let cut = tag.is_some() || scan.cut;
            // A decoder plays a frame cut short too; with a LAME tag, it skips the encoder
            // delay plus the decoder's own 529 samples (as ffmpeg does; the end padding is in
            // the part that was cut off).
            let frames = scan.frames + u64::from(scan.cut);
            let skip = tag
                .and_then(|t| t.gapless)
                .map_or(0, |(delay, _)| u64::from(delay) + DECODER_DELAY);
            let duration = seconds(
                (frames * spf).saturating_sub(skip),
                u64::from(first.rate),
                FORMAT,
            )?;
            let mut f = MediaInfo::new(
                CONTAINER,
                duration,
                if cut {
                    DurationSource::Truncated
                } else {
                    DurationSource::FrameScan
                },
            );
            f.truncated = cut;
            f.bitrate = if scan.constant {
                Some(u64::from(first.kbps) * 1000)
            } else {
                bitrate(scan.bytes, duration)
            };
            f
        }
    };
    facts.codec = Some(first.codec());
    facts.sample_rate = Some(first.rate);
    facts.channels = Some(if first.mono { 1 } else { 2 });
    Ok(facts)
}

/// Whether the file is clearly shorter than the byte count its tag gives (it was cut).
fn looks_cut(len: u64, start: u64, tag_bytes: Option<u64>) -> bool {
    tag_bytes.is_some_and(|b| len.saturating_sub(start) < b - b / 50)
}

/// The first frame at or after `from` that a consistent frame follows (or that ends the file).
fn find_first_frame(
    input: &mut Source<'_>,
    window: &mut Window,
    from: u64,
) -> Result<(u64, Frame), ProbeError> {
    let mut pos = from;
    while pos < from + MAX_SYNC_SEARCH && pos < input.len() {
        let b = window.get(input, pos, 4)?;
        if let Some(f) = frame(b) {
            let next_at = pos + f.len as u64;
            if next_at >= input.len() {
                return Ok((pos, f));
            }
            if frame(window.get(input, next_at, 4)?).is_some_and(|n| n.same_stream(&f)) {
                return Ok((pos, f));
            }
        }
        pos += 1;
    }
    if from >= input.len() {
        return Err(ProbeError::Truncated(
            "no MPEG audio frame after the ID3 tag",
        ));
    }
    Err(ProbeError::invalid(FORMAT, "no MPEG audio frame found"))
}

/// What a Xing/Info or VBRI header in the first frame says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct InfoTag {
    /// Audio frames (the tag's own frame not counted).
    frames: u64,
    /// Bytes of audio, when given.
    bytes: Option<u64>,
    /// Encoder delay and padding in samples, from a LAME (or ffmpeg `Lavc`/`Lavf`) extension.
    gapless: Option<(u32, u32)>,
}

fn info_tag(b: &[u8], first: &Frame) -> Option<InfoTag> {
    let x = first.xing_offset();
    if matches!(b.get(x..x + 4), Some(b"Xing") | Some(b"Info")) {
        let flags = bytes::be32(b, x + 4)?;
        if flags & 1 == 0 {
            return None;
        }
        let frames = u64::from(bytes::be32(b, x + 8)?);
        let tag_bytes = if flags & 2 != 0 {
            bytes::be32(b, x + 12).map(u64::from).filter(|&n| n > 0)
        } else {
            None
        };
        // The LAME extension follows the optional fields (frames, bytes, TOC, quality).
        let ext = x
            + 8
            + [(1, 4), (2, 4), (4, 100), (8, 4)]
                .iter()
                .filter(|(bit, _)| flags & bit != 0)
                .map(|(_, len)| len)
                .sum::<usize>();
        let gapless = matches!(b.get(ext..ext + 4), Some(b"LAME" | b"Lavf" | b"Lavc"))
            .then(|| bytes::be24(b, ext + 21))
            .flatten()
            .map(|v| (v >> 12, v & 0xFFF));
        return (frames > 0).then_some(InfoTag {
            frames,
            bytes: tag_bytes,
            gapless,
        });
    }
    if b.get(36..40) == Some(b"VBRI") {
        let tag_bytes = bytes::be32(b, 46).map(u64::from).filter(|&n| n > 0);
        let frames = u64::from(bytes::be32(b, 50)?);
        return (frames > 0).then_some(InfoTag {
            frames,
            bytes: tag_bytes,
            gapless: None,
        });
    }
    None
}

struct Scan {
    frames: u64,
    bytes: u64,
    constant: bool,
    cut: bool,
}

/// Counts whole frames from `from`, skipping junk between frames (at most [`MAX_SYNC_SEARCH`]
/// bytes at a time) and stopping at trailing tags.
fn scan(
    input: &mut Source<'_>,
    window: &mut Window,
    from: u64,
    first: &Frame,
) -> Result<Scan, ProbeError> {
    let len = input.len();
    let mut s = Scan {
        frames: 0,
        bytes: 0,
        constant: true,
        cut: false,
    };
    let mut pos = from;
    'frames: while pos + 4 <= len {
        let b = window.get(input, pos, 4)?;
        if let Some(f) = frame(b).filter(|f| f.same_stream(first)) {
            if pos + f.len as u64 > len {
                s.cut = true;
                break;
            }
            s.frames += 1;
            s.bytes += f.len as u64;
            s.constant &= f.kbps == first.kbps;
            pos += f.len as u64;
            continue;
        }
        if b.starts_with(b"TAG")
            || b.starts_with(b"APE")
            || b.starts_with(b"LYR")
            || b.starts_with(b"ID3")
        {
            break;
        }
        // Junk: resynchronise on two consistent frames.
        let limit = (pos + MAX_SYNC_SEARCH).min(len);
        let mut at = pos + 1;
        while at + 4 <= limit {
            if let Some(f) = frame(window.get(input, at, 4)?).filter(|f| f.same_stream(first)) {
                let next = at + f.len as u64;
                if next + 4 > len
                    || frame(window.get(input, next, 4)?).is_some_and(|n| n.same_stream(first))
                {
                    pos = at;
                    continue 'frames;
                }
            }
            at += 1;
        }
        break;
    }
    Ok(s)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_128k_stereo_header() {
        let f = frame(&[0xFF, 0xFB, 0x90, 0x64]).unwrap();
        assert_eq!(
            (f.version, f.layer, f.kbps, f.rate, f.mono, f.len, f.samples),
            (1, 3, 128, 44_100, false, 417, 1152)
        );
        assert!(frame(&[0xFF, 0xFB, 0xF0, 0x64]).is_none());
        assert!(frame(&[0xFF, 0xFB, 0x9C, 0x64]).is_none());
    }

    #[test]
    fn reads_a_vbri_header() {
        let f = frame(&[0xFF, 0xFB, 0x90, 0x64]).unwrap();
        let mut b = vec![0u8; 417];
        b[..4].copy_from_slice(&[0xFF, 0xFB, 0x90, 0x64]);
        b[36..40].copy_from_slice(b"VBRI");
        b[46..50].copy_from_slice(&100_000u32.to_be_bytes());
        b[50..54].copy_from_slice(&321u32.to_be_bytes());
        assert_eq!(
            info_tag(&b, &f),
            Some(InfoTag {
                frames: 321,
                bytes: Some(100_000),
                gapless: None
            })
        );
    }
}
