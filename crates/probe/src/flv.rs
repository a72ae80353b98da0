//! FLV (Flash Video): stream facts from the first audio and video tags (and the `onMetaData`
//! script tag for the frame size), the duration from the tags' timestamps: the last tag of each
//! stream, found backwards from the end through the `PreviousTagSize` fields, plus that
//! stream's frame time, as ffmpeg decodes it.

use crate::bytes;
use crate::error::ProbeError;
use crate::info::{DurationSource, MediaInfo};
use crate::measure::{bitrate, Limits};
use crate::names::{Codec, Container};
use crate::{mp3, Source};

/// Tags read forward looking for the first audio and video tags and the metadata.
const MAX_HEAD_TAGS: usize = 64;
/// Tags walked back from the end.
const MAX_TAIL_TAGS: usize = 256;

/// One tag header: type, data size, timestamp in ms.
fn tag(b: &[u8]) -> Option<(u8, u32, u32)> {
    let kind = *b.first()? & 0x1F;
    let size = bytes::be24(b, 1)?;
    let ts = bytes::be24(b, 4)? | (u32::from(*b.get(7)?) << 24);
    Some((kind, size, ts))
}

#[derive(Debug, Default)]
struct Streams {
    audio: Option<(Codec, u32, u32)>,
    video: Option<Codec>,
    width: Option<u32>,
    height: Option<u32>,
    fps: Option<f64>,
    meta_duration: Option<f64>,
    /// Samples per audio frame, to time the last audio tag.
    audio_frame: f64,
}

pub(crate) fn probe(input: &mut Source<'_>, limits: &Limits) -> Result<MediaInfo, ProbeError> {
    let h = input.read_at(0, 9)?;
    let header = u64::from(bytes::be32(&h, 5).ok_or(ProbeError::Truncated("FLV header"))?);
    let len = input.len();
    let mut s = Streams::default();
    let mut pos = header + 4;
    let mut first_ts: Option<u32> = None;
    for _ in 0..MAX_HEAD_TAGS {
        let t = input.read_at(pos, 11)?;
        let Some((kind, size, ts)) = tag(&t) else {
            break;
        };
        let body_at = pos + 11;
        if kind == 8 || kind == 9 {
            first_ts = Some(first_ts.map_or(ts, |f| f.min(ts)));
        }
        match kind {
            8 if s.audio.is_none() => {
                let d = input.read_at(body_at, usize::try_from(size.min(4096)).unwrap_or(0))?;
                s.audio = audio(&d, &mut s.audio_frame);
            }
            9 if s.video.is_none() => {
                let d = input.read_at(body_at, 1)?;
                s.video = d.first().map(|b| match b & 0x0F {
                    2 => Codec::Flv1,
                    4 | 5 => Codec::Vp6f,
                    7 => Codec::H264,
                    12 => Codec::Hevc,
                    _ => Codec::Unknown,
                });
            }
            18 if s.meta_duration.is_none() => {
                let d =
                    input.read_at(body_at, usize::try_from(size.min(64 * 1024)).unwrap_or(0))?;
                metadata(&d, &mut s);
            }
            _ => {}
        }
        if s.audio.is_some() && s.video.is_some() && s.meta_duration.is_some() {
            break;
        }
        pos = body_at + u64::from(size) + 4;
        if pos >= len {
            break;
        }
    }
    if s.audio.is_none() && s.video.is_none() {
        return Err(ProbeError::NoStream);
    }
    // Walk back from the end: the last audio and video tags and the video frame interval.
    let (mut last_audio, mut last_video, mut prev_video): (Option<u32>, Option<u32>, Option<u32>) =
        (None, None, None);
    let mut end = len;
    let mut cut = false;
    for _ in 0..MAX_TAIL_TAGS {
        let Some(at) = end.checked_sub(4) else { break };
        let p = input.read_at(at, 4)?;
        let Some(prev) = bytes::be32(&p, 0).filter(|&n| n >= 11) else {
            break;
        };
        let Some(start) = at.checked_sub(u64::from(prev)) else {
            break;
        };
        let t = input.read_at(start, 11)?;
        let Some((kind, size, ts)) = tag(&t).filter(|(_, size, _)| size + 11 == prev) else {
            if end == len {
                cut = true; // the file does not end on a whole tag
            }
            break;
        };
        let _ = size;
        match kind {
            8 if last_audio.is_none() => last_audio = Some(ts),
            9 if last_video.is_none() => last_video = Some(ts),
            9 if prev_video.is_none() && last_video.is_some_and(|l| ts < l) => {
                prev_video = Some(ts)
            }
            _ => {}
        }
        let done = (s.audio.is_none() || last_audio.is_some())
            && (s.video.is_none() || prev_video.is_some());
        if done {
            break;
        }
        end = start;
    }
    let first = f64::from(first_ts.unwrap_or(0)) / 1e3;
    let video_frame = match (s.fps, last_video, prev_video) {
        (Some(fps), _, _) if fps > 0.0 => 1.0 / fps,
        (_, Some(l), Some(p)) => f64::from(l - p) / 1e3,
        _ => 0.0,
    };
    let audio_end = last_audio.map(|t| f64::from(t) / 1e3 + s.audio_frame);
    let video_end = last_video.map(|t| f64::from(t) / 1e3 + video_frame);
    let (duration, source) = match (audio_end, video_end) {
        (None, None) => (
            s.meta_duration
                .ok_or(ProbeError::Truncated("no whole FLV tag"))?,
            DurationSource::Header,
        ),
        (a, v) => (
            a.unwrap_or(0.0).max(v.unwrap_or(0.0)) - first,
            DurationSource::Timestamps,
        ),
    };
    let duration = limits.claim(duration.max(0.0))?;
    let mut facts = MediaInfo::new(
        Container::Flv,
        duration,
        if cut {
            DurationSource::Truncated
        } else {
            source
        },
    );
    facts.truncated = cut;
    facts.bitrate = bitrate(len, duration);
    if let Some((codec, rate, channels)) = s.audio {
        facts.codec = Some(codec);
        facts.sample_rate = Some(rate);
        facts.channels = Some(channels);
    }
    if let Some(codec) = s.video {
        facts.video_codec = Some(codec);
        facts.width = s.width;
        facts.height = s.height;
        facts.fps = s.fps;
        facts.has_audio = Some(s.audio.is_some());
    }
    Ok(facts)
}

/// Codec, rate and channels of the first audio tag's data; sets the samples per frame.
fn audio(d: &[u8], frame: &mut f64) -> Option<(Codec, u32, u32)> {
    let flags = *d.first()?;
    let format = flags >> 4;
    let flag_rate = [5512, 11_025, 22_050, 44_100][usize::from((flags >> 2) & 3)];
    let flag_channels = u32::from(flags & 1) + 1;
    let found = match format {
        2 | 14 => {
            let f = mp3::frame(d.get(1..)?)?;
            *frame = f64::from(f.samples) / f64::from(f.rate);
            (f.codec(), f.rate, if f.mono { 1 } else { 2 })
        }
        10 => {
            // AAC: an AudioSpecificConfig in the sequence header (packet type 0).
            let asc = d.get(2..)?;
            let (rate, channels) = crate::isobmff::audio_specific_config(asc)?;
            *frame = 1024.0 / f64::from(rate);
            (Codec::Aac, rate, u32::from(channels))
        }
        6 => (Codec::Nellymoser, flag_rate, flag_channels),
        5 => (Codec::Nellymoser, 8000, 1),
        4 => (Codec::Nellymoser, 16_000, 1),
        1 => (Codec::AdpcmSwf, flag_rate, flag_channels),
        11 => (Codec::Speex, 16_000, 1),
        0 | 3 => (Codec::PcmS16le, flag_rate, flag_channels),
        _ => (Codec::Unknown, flag_rate, flag_channels),
    };
    Some(found)
}

/// Reads `duration`, `width`, `height` and `framerate` from an `onMetaData` AMF0 body.
fn metadata(d: &[u8], s: &mut Streams) {
    // 0x02 "onMetaData", then an ECMA array (0x08, count) or an object (0x03).
    let Some(name_len) = bytes::be16(d, 1) else {
        return;
    };
    let mut at = 3 + usize::from(name_len);
    match d.get(at) {
        Some(8) => at += 5,
        Some(3) => at += 1,
        _ => return,
    }
    for _ in 0..256 {
        let Some(klen) = bytes::be16(d, at) else {
            return;
        };
        let key = d
            .get(at + 2..at + 2 + usize::from(klen))
            .unwrap_or_default();
        at += 2 + usize::from(klen);
        let Some(&kind) = d.get(at) else { return };
        at += 1;
        match kind {
            0 => {
                let Some(v) = bytes::be64(d, at).map(f64::from_bits) else {
                    return;
                };
                at += 8;
                let pos = |v: f64| (v.is_finite() && v > 0.0 && v < 1e9).then_some(v);
                match key {
                    b"duration" => s.meta_duration = pos(v),
                    b"width" => s.width = pos(v).map(|v| v as u32),
                    b"height" => s.height = pos(v).map(|v| v as u32),
                    b"framerate" => s.fps = pos(v),
                    _ => {}
                }
            }
            1 => at += 1,
            2 => at += 2 + usize::from(bytes::be16(d, at).unwrap_or(u16::MAX)),
            5 | 6 => {}
            9 => return,
            _ => return, // nested values: the fields we need come first
        }
    }
}
