//! ASF (WMA, WMV): the header object's File Properties (play duration minus preroll) and
//! Stream Properties (WAVEFORMATEX, BITMAPINFOHEADER). WMA v1/v2 decoders hold back their
//! first frame (MDCT overlap), so an audio-only file plays one frame less than the header says,
//! as ffmpeg decodes it. A cut file plays up to its last whole data packet.

use crate::bytes;
use crate::error::ProbeError;
use crate::info::{DurationSource, MediaInfo};
use crate::measure::{bitrate, Limits};
use crate::names::{Codec, Container};
use crate::{wav, Source};

const FORMAT: &str = "asf";
/// The ASF Header Object GUID.
pub const HEADER: [u8; 16] = [
    0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C,
];
const FILE_PROPERTIES: [u8; 16] = [
    0xA1, 0xDC, 0xAB, 0x8C, 0x47, 0xA9, 0xCF, 0x11, 0x8E, 0xE4, 0x00, 0xC0, 0x0C, 0x20, 0x53, 0x65,
];
const STREAM_PROPERTIES: [u8; 16] = [
    0x91, 0x07, 0xDC, 0xB7, 0xB7, 0xA9, 0xCF, 0x11, 0x8E, 0xE6, 0x00, 0xC0, 0x0C, 0x20, 0x53, 0x65,
];
const AUDIO_MEDIA: [u8; 16] = [
    0x40, 0x9E, 0x69, 0xF8, 0x4D, 0x5B, 0xCF, 0x11, 0xA8, 0xFD, 0x00, 0x80, 0x5F, 0x5C, 0x44, 0x2B,
];
const VIDEO_MEDIA: [u8; 16] = [
    0xC0, 0xEF, 0x19, 0xBC, 0x4D, 0x5B, 0xCF, 0x11, 0xA8, 0xFD, 0x00, 0x80, 0x5F, 0x5C, 0x44, 0x2B,
];
/// Most header sub-objects walked.
const MAX_OBJECTS: usize = 1024;

/// The video codec of a BITMAPINFOHEADER / AVI `strf` compression four-character code.
///
/// ```
/// use pipes_media_probe::{asf, Codec};
/// assert_eq!(asf::video_codec(b"WMV2"), Codec::Wmv2);
/// assert_eq!(asf::video_codec(b"FMP4"), Codec::Mpeg4);
/// ```
pub fn video_codec(fourcc: &[u8; 4]) -> Codec {
    let up = fourcc.map(|c| c.to_ascii_uppercase());
    match &up {
        b"WMV1" => Codec::Wmv1,
        b"WMV2" => Codec::Wmv2,
        b"WMV3" => Codec::Wmv3,
        b"WVC1" | b"WMVA" => Codec::Vc1,
        b"MP43" | b"DIV3" | b"DIV4" => Codec::Msmpeg4v3,
        b"MP42" | b"DIV2" => Codec::Msmpeg4v2,
        b"FMP4" | b"XVID" | b"DIVX" | b"DX50" | b"MP4V" | b"MP4S" | b"M4S2" => Codec::Mpeg4,
        b"MJPG" | b"AVRN" | b"LJPG" => Codec::Mjpeg,
        b"H264" | b"X264" | b"AVC1" | b"DAVC" => Codec::H264,
        b"HEVC" | b"H265" | b"HVC1" => Codec::Hevc,
        b"VP80" => Codec::Vp8,
        b"VP90" => Codec::Vp9,
        b"AV01" => Codec::Av1,
        b"FLV1" => Codec::Flv1,
        b"H263" | b"S263" | b"U263" => Codec::H263,
        b"MPG1" | b"PIM1" => Codec::Mpeg1Video,
        b"MPG2" | b"MPEG" | b"MX5P" => Codec::Mpeg2Video,
        [0, 0, 0, 0] => Codec::RawVideo,
        _ => Codec::Unknown,
    }
}

#[derive(Debug, Default)]
struct Stream {
    audio: Option<(u16, u16, u32, u32, u16)>, // tag, channels, rate, bytes/s, bits
    video: Option<(u32, u32, [u8; 4])>,
}

pub(crate) fn probe(input: &mut Source<'_>, limits: &Limits) -> Result<MediaInfo, ProbeError> {
    let h = input.read_at(0, 30)?;
    let size = bytes::le64(&h, 16).ok_or(ProbeError::Truncated("ASF header object"))?;
    let count = bytes::le32(&h, 24).unwrap_or(0) as usize;
    if size > limits.max_header_bytes {
        return Err(ProbeError::HeaderTooLarge(FORMAT));
    }
    let header = input.read_at(0, usize::try_from(size).unwrap_or(0))?;
    if (header.len() as u64) < size {
        return Err(ProbeError::Truncated("ASF header object"));
    }
    let (mut play, mut preroll, mut packets, mut packet_size) = (None, 0u64, 0u64, 0u32);
    let mut streams: Vec<Stream> = Vec::new();
    let mut at = 30usize;
    for _ in 0..count.min(MAX_OBJECTS) {
        let Some(guid) = bytes::arr::<16>(&header, at) else {
            break;
        };
        let osize = bytes::le64(&header, at + 16).ok_or(ProbeError::Truncated("ASF object"))?;
        if osize < 24 {
            return Err(ProbeError::StructureLoop(FORMAT));
        }
        let end = usize::try_from(osize)
            .ok()
            .and_then(|s| at.checked_add(s))
            .filter(|&e| e <= header.len())
            .ok_or(ProbeError::invalid(FORMAT, "an object overruns the header"))?;
        let o = &header[at + 24..end];
        if guid == FILE_PROPERTIES {
            packets = bytes::le64(o, 32).unwrap_or(0);
            play = bytes::le64(o, 40);
            preroll = bytes::le64(o, 56).unwrap_or(0);
            packet_size = bytes::le32(o, 68).unwrap_or(0);
        } else if guid == STREAM_PROPERTIES {
            let kind = bytes::arr::<16>(o, 0);
            let data = o.get(54..).unwrap_or_default();
            let mut s = Stream::default();
            if kind == Some(AUDIO_MEDIA) {
                if let (Some(tag), Some(ch), Some(rate), Some(bps)) = (
                    bytes::le16(data, 0),
                    bytes::le16(data, 2),
                    bytes::le32(data, 4),
                    bytes::le32(data, 8),
                ) {
                    s.audio = Some((tag, ch, rate, bps, bytes::le16(data, 14).unwrap_or(0)));
                }
            } else if kind == Some(VIDEO_MEDIA) {
                let bih = data.get(11..).unwrap_or_default();
                if let (Some(w), Some(hh), Some(fourcc)) = (
                    bytes::le32(data, 0),
                    bytes::le32(data, 4),
                    bytes::arr::<4>(bih, 16),
                ) {
                    s.video = Some((w, hh, fourcc));
                }
            }
            streams.push(s);
        }
        at = end;
    }
    let play = play.ok_or(ProbeError::invalid(FORMAT, "no file properties"))?;
    let audio = streams.iter().find_map(|s| s.audio);
    let video = streams.iter().find_map(|s| s.video);
    if audio.is_none() && video.is_none() {
        return Err(ProbeError::NoStream);
    }
    let codec = audio.map(|(tag, _, _, _, bits)| wav::codec(tag, bits));
    // WMA v1/v2 decoders output one frame less than was coded (the first is overlap).
    let frame_s = match (codec, audio, video) {
        (Some(Codec::Wmav1 | Codec::Wmav2), Some((_, _, rate, _, _)), None) if rate > 0 => {
            let bits = if rate <= 16_000 {
                9
            } else if rate <= 22_050 {
                10
            } else {
                11
            };
            f64::from(1u32 << bits) / f64::from(rate)
        }
        _ => 0.0,
    };
    let header_s = (play as f64 / 1e7 - preroll as f64 / 1e3).max(0.0);
    // Streams that start late (video after the audio's first frame) end late too: each
    // stream lasts the header's duration from its first presentation time.
    let data_at = size + 50;
    let first = if packet_size > 0 {
        input.read_at(data_at, packet_size as usize)?
    } else {
        Vec::new()
    };
    let starts = payload_times(&first);
    let offset_ms = match (
        starts.iter().map(|t| t.1).min(),
        starts.iter().map(|t| t.1).max(),
    ) {
        (Some(lo), Some(hi)) if video.is_some() => f64::from(hi - lo),
        _ => 0.0,
    };
    let full = limits.claim((header_s + offset_ms / 1e3 - frame_s).max(0.0))?;
    // A cut file: the data object's packets that are wholly there.
    let mut duration = full;
    let mut cut = false;
    if packet_size > 0 && packets > 0 {
        let present = input.len().saturating_sub(data_at) / u64::from(packet_size);
        if present < packets {
            cut = true;
            // What plays: up to the last payload that starts in the file (ffmpeg decodes the
            // payloads of a packet cut short too), one frame each, less the decoder's delay.
            let start = starts.iter().map(|t| t.1).min().unwrap_or(0);
            let mut last_t = None;
            for k in [present, present.saturating_sub(1)] {
                let p =
                    input.read_at(data_at + k * u64::from(packet_size), packet_size as usize)?;
                let whole = p.len() == packet_size as usize;
                last_t = payload_times(&p)
                    .iter()
                    .filter(|t| whole || t.2 <= p.len())
                    .map(|t| t.1)
                    .max();
                if last_t.is_some() {
                    break;
                }
            }
            duration = match last_t {
                Some(t) => (f64::from(t.saturating_sub(start)) / 1e3).min(full),
                None => full * present as f64 / packets as f64,
            };
        }
    }
    let mut facts = MediaInfo::new(
        Container::Asf,
        duration,
        if cut {
            DurationSource::Truncated
        } else {
            DurationSource::Header
        },
    );
    facts.truncated = cut;
    facts.bitrate = bitrate(input.len(), duration);
    if let Some((_, ch, rate, _, _)) = audio {
        facts.codec = codec;
        facts.sample_rate = Some(rate);
        facts.channels = Some(u32::from(ch));
    }
    if let Some((w, h, fourcc)) = video {
        facts.video_codec = Some(video_codec(&fourcc));
        facts.width = Some(w);
        facts.height = Some(h);
        facts.has_audio = Some(audio.is_some());
    }
    Ok(facts)
}

/// The payloads of the data packet at the start of `p`: `(stream number, presentation time
/// in ms, end of its data in the packet)` for each, preroll included, as the replicated data
/// gives it.
fn payload_times(p: &[u8]) -> Vec<(u8, u32, usize)> {
    let mut out = Vec::new();
    let _ = (|| -> Option<()> {
        let mut at = 0usize;
        let ec = *p.first()?;
        if ec & 0x80 != 0 {
            at += 1 + usize::from(ec & 0x0F);
        }
        let flags = *p.get(at)?;
        let props = *p.get(at + 1)?;
        at += 2;
        let field = |bits: u8| -> usize {
            match bits & 3 {
                1 => 1,
                2 => 2,
                3 => 4,
                _ => 0,
            }
        };
        let read = |b: &[u8], at: usize, n: usize| -> Option<usize> {
            Some(match n {
                1 => usize::from(*b.get(at)?),
                2 => usize::from(bytes::le16(b, at)?),
                4 => bytes::le32(b, at)? as usize,
                _ => 0,
            })
        };
        at += field(flags >> 5) + field(flags >> 1);
        let padding = read(p, at, field(flags >> 3))?;
        at += field(flags >> 3) + 6; // send time, duration
        let multiple = flags & 1 != 0;
        let (count, len_type) = if multiple {
            let pf = *p.get(at)?;
            at += 1;
            (usize::from(pf & 0x3F), field(pf >> 6))
        } else {
            (1, 0)
        };
        for _ in 0..count {
            let stream = *p.get(at)? & 0x7F;
            at += 1 + field(props >> 4) + field(props >> 2);
            let rep_len = read(p, at, field(props))?;
            at += field(props);
            let time = (rep_len >= 8).then(|| bytes::le32(p, at + 4)).flatten();
            at += rep_len;
            let end = if multiple {
                let len = read(p, at, len_type)?;
                at += len_type + len;
                at
            } else {
                p.len().max(at) // to the packet's end (less its padding)
            };
            if let Some(t) = time {
                out.push((stream, t, if multiple { end } else { usize::MAX - padding }));
            }
            if !multiple {
                break;
            }
        }
        Some(())
    })();
    out
}
