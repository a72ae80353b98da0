//! AVI (RIFF `AVI `): the `hdrl` list's stream headers (`strh` length, scale and rate, so each
//! stream's duration) and formats (`strf`: BITMAPINFOHEADER, WAVEFORMATEX). The duration is the
//! longest stream's, as ffprobe and ffmpeg's decoder give it.

use crate::bytes;
use crate::error::ProbeError;
use crate::info::{DurationSource, MediaInfo};
use crate::measure::{bitrate, Limits};
use crate::names::Container;
use crate::{asf, wav, Source};

const FORMAT: &str = "avi";
/// Most chunks walked in the header list.
const MAX_CHUNKS: usize = 4096;

/// The chunks of an in-memory list body as `(id, body)`; bounded and panic-free.
fn chunks(b: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let id = b.get(at..at.checked_add(4)?)?;
        let len = bytes::le32(b, at + 4)? as usize;
        let start = at + 8;
        let body = b.get(start..start.saturating_add(len).min(b.len()))?;
        at = start.checked_add(len)?.checked_add(len & 1)?;
        Some((id, body))
    })
    .take(MAX_CHUNKS)
}

#[derive(Debug, Default, Clone, Copy)]
struct Stream {
    video: bool,
    audio: bool,
    seconds: f64,
    frames: u64,
    width: u32,
    height: u32,
    fourcc: [u8; 4],
    tag: u16,
    bits: u16,
    channels: u16,
    rate: u32,
}

pub(crate) fn probe(input: &mut Source<'_>, limits: &Limits) -> Result<MediaInfo, ProbeError> {
    let h = input.read_at(12, 12)?;
    if h.get(..4) != Some(b"LIST") || h.get(8..12) != Some(b"hdrl") {
        return Err(ProbeError::invalid(FORMAT, "no hdrl list first"));
    }
    let size = u64::from(bytes::le32(&h, 4).unwrap_or(0));
    if size > limits.max_header_bytes {
        return Err(ProbeError::HeaderTooLarge(FORMAT));
    }
    let hdrl = input.read_at(24, usize::try_from(size.saturating_sub(4)).unwrap_or(0))?;
    if (hdrl.len() as u64) + 4 < size {
        return Err(ProbeError::Truncated("AVI header list"));
    }
    let mut streams = Vec::new();
    let mut main_frames = 0u64;
    let mut usec = 0u64;
    for (id, body) in chunks(&hdrl) {
        match id {
            b"avih" => {
                usec = u64::from(bytes::le32(body, 0).unwrap_or(0));
                main_frames = u64::from(bytes::le32(body, 16).unwrap_or(0));
            }
            b"LIST" if body.get(..4) == Some(b"strl") => {
                let mut s = Stream::default();
                for (id, b) in chunks(&body[4..]) {
                    match id {
                        b"strh" => {
                            s.video = b.get(..4) == Some(b"vids");
                            s.audio = b.get(..4) == Some(b"auds");
                            let scale = bytes::le32(b, 20).unwrap_or(0);
                            let rate = bytes::le32(b, 24).unwrap_or(0);
                            let length = bytes::le32(b, 32).unwrap_or(0);
                            s.frames = u64::from(length);
                            if rate > 0 {
                                s.seconds = f64::from(length) * f64::from(scale) / f64::from(rate);
                            }
                        }
                        b"strf" if s.video => {
                            s.width = bytes::le32(b, 4).unwrap_or(0);
                            s.height = bytes::le32(b, 8).map_or(0, |h| (h as i32).unsigned_abs());
                            s.fourcc = bytes::arr(b, 16).unwrap_or_default();
                        }
                        b"strf" if s.audio => {
                            if let Some((tag, bits)) = wav::format_tag(b) {
                                s.tag = tag;
                                s.bits = bits;
                            }
                            s.channels = bytes::le16(b, 2).unwrap_or(0);
                            s.rate = bytes::le32(b, 4).unwrap_or(0);
                        }
                        _ => {}
                    }
                }
                streams.push(s);
            }
            _ => {}
        }
    }
    let video = streams.iter().find(|s| s.video);
    let audio = streams.iter().find(|s| s.audio);
    if video.is_none() && audio.is_none() {
        return Err(ProbeError::NoStream);
    }
    let mut duration = streams.iter().map(|s| s.seconds).fold(0.0, f64::max);
    if duration == 0.0 && usec > 0 {
        duration = main_frames as f64 * usec as f64 / 1e6;
    }
    let duration = limits.claim(duration)?;
    let mut facts = MediaInfo::new(Container::Avi, duration, DurationSource::Header);
    facts.bitrate = bitrate(input.len(), duration);
    if let Some(a) = audio {
        facts.codec = Some(wav::codec(a.tag, a.bits));
        facts.sample_rate = Some(a.rate);
        facts.channels = Some(u32::from(a.channels));
    }
    if let Some(v) = video {
        facts.video_codec = Some(asf::video_codec(&v.fourcc));
        facts.width = Some(v.width);
        facts.height = Some(v.height);
        if v.seconds > 0.0 {
            facts.fps = Some((v.frames as f64 / v.seconds * 1000.0).round() / 1000.0);
        }
        facts.has_audio = Some(audio.is_some());
    }
    Ok(facts)
}
