//! Matroska and WebM: the EBML header's DocType, the Segment's `Info` (duration and time scale)
//! and `Tracks` (codec, rate, channels, frame size). The clusters are never read.

use super::{bitrate, Limits};
use crate::error::AudioError;
use crate::facts::{AudioFacts, DurationSource};
use crate::input::{bytes, Input, Window};

const FORMAT: &str = "matroska";
/// Largest `Info` or `Tracks` element read into memory.
const MAX_ELEMENT: u64 = 4 * 1024 * 1024;

const SEGMENT: u32 = 0x1853_8067;
const INFO: u32 = 0x1549_A966;
const TRACKS: u32 = 0x1654_AE6B;
const CLUSTER: u32 = 0x1F43_B675;

/// An element header: id, header length, body size (None when unknown).
fn element(b: &[u8]) -> Option<(u32, usize, Option<u64>)> {
    let first = *b.first()?;
    let id_len = first.leading_zeros() as usize + 1;
    if id_len > 4 {
        return None;
    }
    let id = b
        .get(..id_len)?
        .iter()
        .fold(0u32, |acc, &x| (acc << 8) | u32::from(x));
    let s0 = *b.get(id_len)?;
    let size_len = s0.leading_zeros() as usize + 1;
    if size_len > 8 {
        return None;
    }
    let raw = b.get(id_len..id_len + size_len)?;
    let mask = (0xFFu16 >> size_len) as u8;
    let mut size = u64::from(s0 & mask);
    let mut all_ones = size == u64::from(mask);
    for &x in &raw[1..] {
        size = (size << 8) | u64::from(x);
        all_ones &= x == 0xFF;
    }
    Some((id, id_len + size_len, (!all_ones).then_some(size)))
}

/// The children of an in-memory element body as `(id, body)`.
fn children<'a>(b: &'a [u8], budget: &mut usize) -> Result<Vec<(u32, &'a [u8])>, AudioError> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < b.len() {
        *budget = budget
            .checked_sub(1)
            .ok_or(AudioError::TooComplex(FORMAT))?;
        let (id, header, size) = b
            .get(pos..)
            .and_then(element)
            .ok_or(AudioError::invalid(FORMAT, "bad element header"))?;
        let size =
            usize::try_from(size.unwrap_or((b.len() - pos - header) as u64)).unwrap_or(usize::MAX);
        let end = (pos + header).saturating_add(size).min(b.len());
        out.push((id, b.get(pos + header..end).unwrap_or_default()));
        pos = end;
    }
    Ok(out)
}

fn uint(b: &[u8]) -> u64 {
    b.iter()
        .take(8)
        .fold(0, |acc, &x| (acc << 8) | u64::from(x))
}

fn float(b: &[u8]) -> Option<f64> {
    match b.len() {
        4 => bytes::be32(b, 0).map(|v| f64::from(f32::from_bits(v))),
        8 => bytes::be64(b, 0).map(f64::from_bits),
        _ => None,
    }
}

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

pub(crate) fn probe(input: &mut Input<'_>, limits: &Limits) -> Result<AudioFacts, AudioError> {
    let len = input.len();
    let mut budget = limits.max_boxes;
    let head = input.read_at(0, 64)?;
    let (_, header, size) = element(&head).ok_or(AudioError::Truncated("EBML header"))?;
    let ebml_len = size.ok_or(AudioError::invalid(FORMAT, "EBML header of unknown size"))?;
    if ebml_len > 4096 {
        return Err(AudioError::HeaderTooLarge(FORMAT));
    }
    let ebml = input.read_at(header as u64, ebml_len as usize)?;
    let webm = children(&ebml, &mut budget)?
        .iter()
        .any(|&(id, b)| id == 0x4282 && b.starts_with(b"webm"));

    let mut pos = header as u64 + ebml_len;
    let seg = input.read_at(pos, 16)?;
    let (id, seg_header, seg_size) =
        element(&seg).ok_or(AudioError::Truncated("Matroska segment"))?;
    if id != SEGMENT {
        return Err(AudioError::invalid(
            FORMAT,
            "no Segment after the EBML header",
        ));
    }
    pos += seg_header as u64;
    if seg_size.is_some_and(|s| pos.saturating_add(s) > len) {
        // The Duration element would describe more than the file holds.
        return Err(AudioError::Truncated(
            "the Matroska segment runs past the end of the file",
        ));
    }
    let seg_end = seg_size.map_or(len, |s| pos.saturating_add(s));
    let (mut info, mut tracks) = (None, None);
    while pos < seg_end && (info.is_none() || tracks.is_none()) {
        budget = budget
            .checked_sub(1)
            .ok_or(AudioError::TooComplex(FORMAT))?;
        let h = input.read_at(pos, 16)?;
        let Some((id, header, size)) = element(&h) else {
            break;
        };
        let Some(size) = size else { break }; // an unknown-size cluster: the headers are behind us
        if id == INFO || id == TRACKS {
            if size > MAX_ELEMENT.min(limits.max_header_bytes) {
                return Err(AudioError::HeaderTooLarge(FORMAT));
            }
            let body = input.read_at(pos + header as u64, size as usize)?;
            if (body.len() as u64) < size {
                return Err(AudioError::Truncated("Matroska header element"));
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

    let info = info.ok_or(AudioError::Truncated("no Matroska Info element"))?;
    let tracks = tracks.ok_or(AudioError::Truncated("no Matroska Tracks element"))?;
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
        return Err(AudioError::ZeroSampleRate(FORMAT));
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
        return Err(AudioError::NoStream);
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
    let mut facts = AudioFacts::new(if webm { "webm" } else { "matroska" }, duration, source);
    facts.bitrate = bitrate(len, duration);
    if let Some(a) = audio {
        let codec = audio_codec(&a.codec);
        let rate = if codec == "opus" {
            Some(48_000.0)
        } else {
            a.rate
        };
        let rate = rate
            .filter(|r| *r >= 1.0 && *r < 1e7)
            .ok_or(AudioError::ZeroSampleRate(FORMAT))?;
        facts.codec = Some(codec.to_owned());
        facts.sample_rate = Some(rate.round() as u32);
        facts.channels = Some(a.channels.unwrap_or(1).min(255) as u32);
        facts.pre_skip = a
            .codec_delay_ns
            .filter(|_| codec == "opus")
            .map(|ns| (ns.saturating_mul(48) / 1_000_000).min(u64::from(u32::MAX)) as u32);
    }
    if let Some(v) = video {
        facts.video_codec = Some(video_codec(&v.codec).to_owned());
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
    input: &mut Input<'_>,
    mut pos: u64,
    end: u64,
    track: u64,
    opus: bool,
    default_ns: u64,
    scale: u64,
    budget: &mut usize,
) -> Result<u64, AudioError> {
    let mut window = Window::new();
    let (mut cluster_ticks, mut max_end, mut last_end) = (0u64, 0u64, 0u64);
    while pos < end {
        *budget = budget
            .checked_sub(1)
            .ok_or(AudioError::TooComplex(FORMAT))?;
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
        return Err(AudioError::invalid(
            FORMAT,
            "no Duration and no block to measure",
        ));
    }
    Ok(max_end)
}

/// A variable-length integer with its marker bit removed, and its length.
fn vint(b: &[u8]) -> Option<(u64, usize)> {
    let first = *b.first()?;
    let len = first.leading_zeros() as usize + 1;
    if len > 8 {
        return None;
    }
    let mask = (0xFFu16 >> len) as u8;
    let v = b
        .get(1..len)?
        .iter()
        .fold(u64::from(first & mask), |acc, &x| (acc << 8) | u64::from(x));
    Some((v, len))
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

fn read_track(entry: &[u8], budget: &mut usize) -> Result<Track, AudioError> {
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

fn audio_codec(id: &str) -> &'static str {
    match id {
        "A_OPUS" => "opus",
        "A_VORBIS" => "vorbis",
        "A_FLAC" => "flac",
        "A_MPEG/L3" => "mp3",
        "A_MPEG/L2" => "mp2",
        "A_AC3" => "ac3",
        "A_EAC3" => "eac3",
        "A_PCM/INT/LIT" => "pcm_s16le",
        "A_PCM/FLOAT/IEEE" => "pcm_f32le",
        s if s.starts_with("A_AAC") => "aac",
        _ => "unknown",
    }
}

fn video_codec(id: &str) -> &'static str {
    match id {
        "V_VP8" => "vp8",
        "V_VP9" => "vp9",
        "V_AV1" => "av1",
        "V_MPEG4/ISO/AVC" => "h264",
        "V_MPEGH/ISO/HEVC" => "hevc",
        "V_THEORA" => "theora",
        s if s.starts_with("V_MPEG4/ISO") => "mpeg4",
        _ => "unknown",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn element_headers_decode() {
        assert_eq!(
            element(&[0x1A, 0x45, 0xDF, 0xA3, 0x9F]),
            Some((0x1A45_DFA3, 5, Some(31)))
        );
        assert_eq!(
            element(&[0x18, 0x53, 0x80, 0x67, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
                .map(|e| e.2),
            Some(None)
        );
        assert_eq!(element(&[0x00]), None);
    }
}
