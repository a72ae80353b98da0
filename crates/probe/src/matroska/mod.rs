//! Matroska and WebM: the EBML header's DocType, the Segment's `Info` (duration and time scale)
//! and `Tracks` (codec, rate, channels, frame size). The clusters are only walked (block
//! headers) when the `Info` has no `Duration`.

pub mod ebml;
mod head;

pub use self::head::{head_info, HeadInfo, HeadTrack};

use self::ebml::{children, element, float, uint, vint};
use crate::error::ProbeError;
use crate::info::{DurationSource, MediaInfo};
use crate::measure::{bitrate, Limits};
use crate::names::{Codec, Container};
use crate::{bytes, Source, Window};

const FORMAT: &str = "matroska";
/// Largest `Info` or `Tracks` element read into memory.
const MAX_ELEMENT: u64 = 4 * 1024 * 1024;

pub(crate) const SEGMENT: u32 = 0x1853_8067;
const INFO: u32 = 0x1549_A966;
pub(crate) const TRACKS: u32 = 0x1654_AE6B;
pub(crate) const CLUSTER: u32 = 0x1F43_B675;

#[derive(Debug, Default)]
struct Track {
    number: u64,
    kind: u64,
    codec: String,
    rate: Option<f64>,
    channels: Option<u64>,
    width: Option<u64>,
    height: Option<u64>,
    default_duration_ns: Option<u64>,
    codec_delay_ns: Option<u64>,
}

pub(crate) fn probe(input: &mut Source<'_>, limits: &Limits) -> Result<MediaInfo, ProbeError> {
    let len = input.len();
    let mut budget = limits.max_boxes;
    let head = input.read_at(0, 64)?;
    let (_, header, size) = element(&head).ok_or(ProbeError::Truncated("EBML header"))?;
    let ebml_len = size.ok_or(ProbeError::invalid(FORMAT, "EBML header of unknown size"))?;
    if ebml_len > 4096 {
        return Err(ProbeError::HeaderTooLarge(FORMAT));
    }
    let ebml = input.read_at(header as u64, ebml_len as usize)?;
    let webm = children(&ebml, &mut budget)?
        .iter()
        .any(|&(id, b)| id == 0x4282 && b.starts_with(b"webm"));

    let mut pos = header as u64 + ebml_len;
    let seg = input.read_at(pos, 16)?;
    let (id, seg_header, seg_size) =
        element(&seg).ok_or(ProbeError::Truncated("Matroska segment"))?;
    if id != SEGMENT {
        return Err(ProbeError::invalid(
            FORMAT,
            "no Segment after the EBML header",
        ));
    }
    pos += seg_header as u64;
    if seg_size.is_some_and(|s| pos.saturating_add(s) > len) {
        // The Duration element would describe more than the file holds.
        return Err(ProbeError::Truncated(
            "the Matroska segment runs past the end of the file",
        ));
    }
    let seg_end = seg_size.map_or(len, |s| pos.saturating_add(s));
    let (mut info, mut tracks) = (None, None);
    while pos < seg_end && (info.is_none() || tracks.is_none()) {
        budget = budget
            .checked_sub(1)
            .ok_or(ProbeError::TooComplex(FORMAT))?;
        let h = input.read_at(pos, 16)?;
        let Some((id, header, size)) = element(&h) else {
            break;
        };
        let Some(size) = size else { break }; // an unknown-size cluster: the headers are behind us
        if id == INFO || id == TRACKS {
            if size > MAX_ELEMENT.min(limits.max_header_bytes) {
                return Err(ProbeError::HeaderTooLarge(FORMAT));
            }
            let body = input.read_at(pos + header as u64, size as usize)?;
            if (body.len() as u64) < size {
                return Err(ProbeError::Truncated("Matroska header element"));
            }
            if id == INFO {
                info = Some(body);
            } else {
                tracks = Some(body);
            }
        } else if id == CLUSTER && tracks.is_some() {
            break;
        }
        pos = pos.saturating_add(header as u64).saturating_add(size);
    }

    let info = info.ok_or(ProbeError::Truncated("no Matroska Info element"))?;
    let tracks = tracks.ok_or(ProbeError::Truncated("no Matroska Tracks element"))?;
    let mut scale = 1_000_000u64;
    let mut duration = None;
    for (id, b) in children(&info, &mut budget)? {
        match id {
            0x2A_D7B1 => scale = uint(b),
            0x4489 => duration = float(b),
            _ => {}
        }
    }
    if scale == 0 {
        return Err(ProbeError::ZeroSampleRate(FORMAT));
    }
    let mut list = Vec::new();
    for (id, entry) in children(&tracks, &mut budget)? {
        if id == 0xAE {
            list.push(read_track(entry, &mut budget)?);
        }
    }
    let audio = list.iter().find(|t| t.kind == 2);
    let video = list.iter().find(|t| t.kind == 1);
    if audio.is_none() && video.is_none() {
        return Err(ProbeError::NoStream);
    }
    // Opus: the pre-skip (CodecDelay) is not played, as in Ogg (RFC 7845).
    let delay_s = audio
        .filter(|a| a.codec == "A_OPUS")
        .and_then(|a| a.codec_delay_ns)
        .map_or(0.0, |ns| ns as f64 / 1e9);
    let (duration, source) = match duration.filter(|d| d.is_finite() && *d >= 0.0) {
        Some(d) => (
            limits.claim((d * scale as f64 / 1e9 - delay_s).max(0.0))?,
            DurationSource::Header,
        ),
        None => {
            // Live recordings (a browser's MediaRecorder) carry no Duration: walk the block
            // headers of the clusters instead, like an mp3 frame scan.
            let main = audio.or(video).map_or(0, |t| t.number);
            let opus = audio.is_some_and(|a| a.codec == "A_OPUS");
            let default_ns = audio
                .or(video)
                .and_then(|t| t.default_duration_ns)
                .unwrap_or(0);
            let end_ns = scan_blocks(
                input,
                pos,
                seg_end,
                main,
                opus,
                default_ns,
                scale,
                &mut budget,
            )?;
            (
                limits.claim((end_ns as f64 / 1e9 - delay_s).max(0.0))?,
                DurationSource::FrameScan,
            )
        }
    };
    let container = if webm {
        Container::Webm
    } else {
        Container::Matroska
    };
    let mut facts = MediaInfo::new(container, duration, source);
    facts.bitrate = bitrate(len, duration);
    if let Some(a) = audio {
        let codec = audio_codec(&a.codec);
        let rate = if codec == Codec::Opus {
            Some(48_000.0)
        } else {
            a.rate
        };
        let rate = rate
            .filter(|r| *r >= 1.0 && *r < 1e7)
            .ok_or(ProbeError::ZeroSampleRate(FORMAT))?;
        facts.codec = Some(codec);
        facts.sample_rate = Some(rate.round() as u32);
        facts.channels = Some(a.channels.unwrap_or(1).min(255) as u32);
        facts.pre_skip = a
            .codec_delay_ns
            .filter(|_| codec == Codec::Opus)
            .map(|ns| (ns.saturating_mul(48) / 1_000_000).min(u64::from(u32::MAX)) as u32);
    }
    if let Some(v) = video {
        facts.video_codec = Some(video_codec(&v.codec));
        facts.width = v.width.map(|w| w.min(u64::from(u32::MAX)) as u32);
        facts.height = v.height.map(|h| h.min(u64::from(u32::MAX)) as u32);
        facts.fps = v
            .default_duration_ns
            .filter(|&ns| ns > 0)
            .map(|ns| (1e9 / ns as f64 * 1000.0).round() / 1000.0);
        facts.has_audio = Some(audio.is_some());
    }
    Ok(facts)
}

/// The end time in ns of the last block of track `track`, walking every element header from
/// `pos` (clusters and block groups are entered, everything else skipped by its size).
#[allow(clippy::too_many_arguments)]
fn scan_blocks(
    input: &mut Source<'_>,
    mut pos: u64,
    end: u64,
    track: u64,
    opus: bool,
    default_ns: u64,
    scale: u64,
    budget: &mut usize,
) -> Result<u64, ProbeError> {
    let mut window = Window::new();
    let (mut cluster_ticks, mut max_end, mut last_end) = (0u64, 0u64, 0u64);
    while pos < end {
        *budget = budget
            .checked_sub(1)
            .ok_or(ProbeError::TooComplex(FORMAT))?;
        let Some((id, header, size)) = element(window.get(input, pos, 12)?) else {
            break;
        };
        let body = pos + header as u64;
        match id {
            CLUSTER | 0xA0 => {
                pos = body; // enter the cluster or block group
                continue;
            }
            0xE7 => {
                cluster_ticks = uint(window.get(input, body, size.unwrap_or(0).min(8) as usize)?)
            }
            0xA3 | 0xA1 => {
                let b = window.get(input, body, 16)?;
                if let Some((number, n)) = vint(b) {
                    let rel = bytes::be16(b, n).map_or(0, |v| i64::from(v as i16));
                    if number == track {
                        let ticks = cluster_ticks.saturating_add_signed(rel);
                        let frame_ns = if opus {
                            b.get(n + 3..).map_or(0, opus_packet_ns)
                        } else {
                            default_ns
                        };
                        last_end = ticks.saturating_mul(scale).saturating_add(frame_ns);
                        max_end = max_end.max(last_end);
                    }
                }
            }
            0x75A2 if last_end == max_end => {
                // DiscardPadding of the last block: trailing samples that are not played.
                let v = window.get(input, body, size.unwrap_or(0).min(8) as usize)?;
                let padding = uint(v);
                max_end = max_end.saturating_sub(padding);
                last_end = max_end;
            }
            _ => {}
        }
        let Some(size) = size else { break };
        pos = body.saturating_add(size);
    }
    if max_end == 0 {
        return Err(ProbeError::invalid(
            FORMAT,
            "no Duration and no block to measure",
        ));
    }
    Ok(max_end)
}

/// Duration in ns of an Opus packet, from its TOC byte (RFC 6716 §3.1).
fn opus_packet_ns(p: &[u8]) -> u64 {
    let Some(&toc) = p.first() else { return 0 };
    let config = toc >> 3;
    let frame_us: u64 = match config {
        0..=11 => [10_000, 20_000, 40_000, 60_000][usize::from(config % 4)],
        12..=15 => [10_000, 20_000][usize::from(config % 2)],
        _ => [2_500, 5_000, 10_000, 20_000][usize::from(config % 4)],
    };
    let frames = match toc & 3 {
        0 => 1,
        1 | 2 => 2,
        _ => u64::from(p.get(1).map_or(1, |c| c & 0x3F)),
    };
    frames * frame_us * 1000
}

fn read_track(entry: &[u8], budget: &mut usize) -> Result<Track, ProbeError> {
    let mut t = Track::default();
    for (id, b) in children(entry, budget)? {
        match id {
            0x83 => t.kind = uint(b),
            0xD7 => t.number = uint(b),
            0x86 => t.codec = String::from_utf8_lossy(b).trim_end_matches('\0').to_owned(),
            0x23_E383 => t.default_duration_ns = Some(uint(b)),
            0x56AA => t.codec_delay_ns = Some(uint(b)),
            0xE1 => {
                for (id, b) in children(b, budget)? {
                    match id {
                        0xB5 => t.rate = float(b),
                        0x9F => t.channels = Some(uint(b)),
                        _ => {}
                    }
                }
            }
            0xE0 => {
                for (id, b) in children(b, budget)? {
                    match id {
                        0xB0 => t.width = Some(uint(b)),
                        0xBA => t.height = Some(uint(b)),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Ok(t)
}

/// The codec of a Matroska audio `CodecID`.
///
/// ```
/// use pipes_media_probe::{matroska, Codec};
/// assert_eq!(matroska::audio_codec("A_OPUS"), Codec::Opus);
/// assert_eq!(matroska::audio_codec("A_AAC/MPEG4/LC"), Codec::Aac);
/// ```
pub fn audio_codec(id: &str) -> Codec {
    match id {
        "A_OPUS" => Codec::Opus,
        "A_VORBIS" => Codec::Vorbis,
        "A_FLAC" => Codec::Flac,
        "A_MPEG/L3" => Codec::Mp3,
        "A_MPEG/L2" => Codec::Mp2,
        "A_MPEG/L1" => Codec::Mp1,
        "A_AC3" => Codec::Ac3,
        "A_EAC3" => Codec::Eac3,
        "A_DTS" => Codec::Dts,
        "A_TRUEHD" => Codec::TrueHd,
        "A_ALAC" => Codec::Alac,
        "A_TTA1" => Codec::Tta,
        "A_WAVPACK4" => Codec::WavPack,
        "A_PCM/INT/LIT" => Codec::PcmS16le,
        "A_PCM/INT/BIG" => Codec::PcmS16be,
        "A_PCM/FLOAT/IEEE" => Codec::PcmF32le,
        s if s.starts_with("A_AAC") => Codec::Aac,
        _ => Codec::Unknown,
    }
}

/// The codec of a Matroska video `CodecID`.
pub fn video_codec(id: &str) -> Codec {
    match id {
        "V_VP8" => Codec::Vp8,
        "V_VP9" => Codec::Vp9,
        "V_AV1" => Codec::Av1,
        "V_MPEG4/ISO/AVC" => Codec::H264,
        "V_MPEGH/ISO/HEVC" => Codec::Hevc,
        "V_THEORA" => Codec::Theora,
        "V_MJPEG" => Codec::Mjpeg,
        "V_MPEG1" => Codec::Mpeg1Video,
        "V_MPEG2" => Codec::Mpeg2Video,
        "V_PRORES" => Codec::ProRes,
        "V_UNCOMPRESSED" => Codec::RawVideo,
        "V_MS/VFW/FOURCC" => Codec::Unknown,
        s if s.starts_with("V_MPEG4/ISO") => Codec::Mpeg4,
        s if s.starts_with("V_MPEG4/MS") => Codec::Msmpeg4v3,
        _ => Codec::Unknown,
    }
}
