//! ISO BMFF (mp4, m4a, 3gp, mov).
//!
//! For sniffing, [`brands`] and [`tracks`] walk box headers through a [`Source`] and read
//! only what they need. For measuring, the top-level boxes are walked by seeking, `moov` (and
//! each `moof` of a fragmented file) is read into memory and walked with depth and count
//! limits. Duration from `mvhd`, else `mehd`, else the tracks' `mdhd` plus their fragments.

mod boxes;
mod esds;
mod track;
mod walk;

pub use self::esds::audio_specific_config;
pub use self::walk::{brands, find_child, read_box, tracks, BoxHeader, TrackKind};

use self::boxes::BoxKind;
use self::track::{Movie, Track};
use crate::error::ProbeError;
use crate::info::{DurationSource, MediaInfo};
use crate::measure::{bitrate, Limits};
use crate::names::{Codec, Container};
use crate::{bytes, Source};

const FORMAT: &str = "mp4";
/// Largest `moof` box read (one fragment's sample table).
const MAX_MOOF: u64 = 16 * 1024 * 1024;

pub(crate) fn probe(input: &mut Source<'_>, limits: &Limits) -> Result<MediaInfo, ProbeError> {
    let len = input.len();
    let mut movie = Movie::default();
    let mut brand = *b"    ";
    let mut seen_moov = false;
    let mut cut = false;
    let mut budget = limits.max_boxes;
    let mut pos = 0u64;
    while pos + 8 <= len {
        budget = budget
            .checked_sub(1)
            .ok_or(ProbeError::TooComplex(FORMAT))?;
        let h = input.read_at(pos, 16)?;
        let kind: BoxKind = bytes::arr(&h, 4).ok_or(ProbeError::Truncated("mp4 box header"))?;
        let (header_len, size) = match bytes::be32(&h, 0).unwrap_or(0) {
            1 => (
                16,
                bytes::be64(&h, 8).ok_or(ProbeError::Truncated("mp4 box header"))?,
            ),
            0 => (8, len - pos),
            n => (8, u64::from(n)),
        };
        if size < header_len {
            return Err(ProbeError::StructureLoop(FORMAT));
        }
        let end = pos
            .checked_add(size)
            .ok_or(ProbeError::invalid(FORMAT, "box size overflows"))?;
        if end > len {
            if matches!(&kind, b"moov" | b"moof") {
                return Err(ProbeError::Truncated("the mp4 moov box is cut"));
            }
            cut = true;
        }
        match &kind {
            b"ftyp" => {
                if let Some(b) = bytes::arr(&input.read_at(pos + 8, 4)?, 0) {
                    brand = b;
                }
            }
            b"moov" if !seen_moov => {
                seen_moov = true;
                let body = read_body(
                    input,
                    pos + header_len,
                    size - header_len,
                    limits.max_header_bytes,
                )?;
                movie.read_moov(&body, limits, &mut budget)?;
            }
            b"moof" => {
                let body = read_body(
                    input,
                    pos + header_len,
                    size - header_len,
                    MAX_MOOF.min(limits.max_header_bytes),
                )?;
                movie.read_moof(&body, &mut budget)?;
            }
            _ => {}
        }
        pos = end;
    }
    if !seen_moov {
        return Err(if cut || len < 1024 {
            ProbeError::Truncated("no moov box (the file may be cut before it)")
        } else {
            ProbeError::invalid(FORMAT, "no moov box")
        });
    }
    let mut facts = facts(&movie, &brand, len)?;
    limits.claim(facts.duration_s)?;
    if cut {
        // The media data runs past the end: measure the samples that are wholly there.
        let mut present = 0f64;
        for t in movie
            .tracks
            .iter()
            .filter(|t| matches!(&t.handler, b"soun" | b"vide"))
        {
            present = present.max(t.present_seconds(len)?);
        }
        if present <= 0.0 {
            return Err(ProbeError::Truncated(
                "the mp4 media data runs past the end of the file",
            ));
        }
        facts.duration_s = present.min(facts.duration_s);
        facts.duration_source = DurationSource::Truncated;
        facts.truncated = true;
        facts.bitrate = bitrate(len, facts.duration_s);
    }
    Ok(facts)
}

fn read_body(
    input: &mut Source<'_>,
    at: u64,
    size: u64,
    limit: u64,
) -> Result<Vec<u8>, ProbeError> {
    if size > limit {
        return Err(ProbeError::HeaderTooLarge(FORMAT));
    }
    let body = input.read_at(
        at,
        usize::try_from(size).map_err(|_| ProbeError::HeaderTooLarge(FORMAT))?,
    )?;
    if (body.len() as u64) < size {
        return Err(ProbeError::Truncated("mp4 header box"));
    }
    Ok(body)
}

/// The codec of a sample entry's four-character code; `object_type` is the `esds` object type
/// indication of `mp4a`/`mp4v` entries, when read.
///
/// ```
/// use pipes_media_probe::{isobmff, Codec};
/// assert_eq!(isobmff::codec(b"samr", None), Codec::AmrNb);
/// assert_eq!(isobmff::codec(b"mp4a", Some(0x6B)), Codec::Mp3);
/// assert_eq!(isobmff::codec(b"avc1", None), Codec::H264);
/// ```
pub fn codec(fourcc: &[u8; 4], object_type: Option<u8>) -> Codec {
    match fourcc {
        b"mp4a" => match object_type {
            Some(0x69 | 0x6B) => Codec::Mp3,
            Some(0xA5) => Codec::Ac3,
            Some(0xA6) => Codec::Eac3,
            Some(0xA9) => Codec::Dts,
            Some(0xAD) => Codec::Opus,
            Some(0xDD) => Codec::Vorbis,
            _ => Codec::Aac,
        },
        b"Opus" => Codec::Opus,
        b"fLaC" => Codec::Flac,
        b"alac" => Codec::Alac,
        b"samr" => Codec::AmrNb,
        b"sawb" => Codec::AmrWb,
        b"ac-3" => Codec::Ac3,
        b"ec-3" => Codec::Eac3,
        b".mp3" => Codec::Mp3,
        b"sowt" => Codec::PcmS16le,
        b"twos" => Codec::PcmS16be,
        b"in24" => Codec::PcmS24be,
        b"in32" => Codec::PcmS32be,
        b"fl32" => Codec::PcmF32be,
        b"fl64" => Codec::PcmF64be,
        b"raw " => Codec::PcmU8,
        b"ulaw" => Codec::PcmMulaw,
        b"alaw" => Codec::PcmAlaw,
        b"ima4" => Codec::Unknown,
        b"QDM2" => Codec::Qdm2,
        b"MAC3" => Codec::Mace3,
        b"MAC6" => Codec::Mace6,
        b"avc1" | b"avc3" => Codec::H264,
        b"hvc1" | b"hev1" => Codec::Hevc,
        b"s263" | b"h263" | b"H263" => Codec::H263,
        b"mp4v" => match object_type {
            Some(0x60..=0x65) => Codec::Mpeg2Video,
            Some(0x6A) => Codec::Mpeg1Video,
            Some(0x6C) => Codec::Mjpeg,
            _ => Codec::Mpeg4,
        },
        b"vp08" => Codec::Vp8,
        b"vp09" => Codec::Vp9,
        b"av01" => Codec::Av1,
        b"jpeg" | b"mjpa" | b"mjpb" => Codec::Mjpeg,
        b"apch" | b"apcn" | b"apcs" | b"apco" | b"ap4h" | b"ap4x" => Codec::ProRes,
        _ => Codec::Unknown,
    }
}

fn container(brand: &[u8; 4]) -> Container {
    match brand {
        b"M4A " | b"M4B " | b"M4P " => Container::M4a,
        b"qt  " => Container::Mov,
        [b'3', b'g', ..] => Container::ThreeGp,
        _ => Container::Mp4,
    }
}

fn facts(movie: &Movie, brand: &[u8; 4], len: u64) -> Result<MediaInfo, ProbeError> {
    let audio = movie.tracks.iter().find(|t| &t.handler == b"soun");
    let video = movie
        .tracks
        .iter()
        .find(|t| &t.handler == b"vide" && t.width.is_some());
    if audio.is_none() && video.is_none() {
        return Err(ProbeError::NoStream);
    }
    let fragmented = movie.tracks.iter().any(|t| t.fragment_samples > 0);
    let (duration, source) = if movie.duration > 0
        && movie.duration != u64::from(u32::MAX)
        && movie.duration != u64::MAX
    {
        (
            time(movie.duration, movie.timescale)?,
            DurationSource::Header,
        )
    } else if let Some(d) = movie.fragment_duration.filter(|&d| d > 0) {
        (time(d, movie.timescale)?, DurationSource::Fragments)
    } else {
        let mut longest = 0f64;
        for t in audio.iter().chain(video.iter()) {
            longest = longest.max(t.total_seconds()?);
        }
        (
            longest,
            if fragmented {
                DurationSource::Fragments
            } else {
                DurationSource::Header
            },
        )
    };
    let mut facts = MediaInfo::new(container(brand), duration, source);
    facts.bitrate = bitrate(len, duration);
    if let Some(a) = audio {
        fill_audio(&mut facts, a)?;
    }
    if let Some(v) = video {
        fill_video(&mut facts, v)?;
        facts.has_audio = Some(audio.is_some());
    }
    Ok(facts)
}

fn time(units: u64, scale: u32) -> Result<f64, ProbeError> {
    crate::measure::seconds(units, u64::from(scale), FORMAT)
}

fn fill_audio(facts: &mut MediaInfo, a: &Track) -> Result<(), ProbeError> {
    let entry = a.entry.as_ref().ok_or(ProbeError::invalid(
        FORMAT,
        "audio track without a sample entry",
    ))?;
    facts.codec = Some(entry.codec());
    let rate = entry.sample_rate();
    if rate == 0 {
        return Err(ProbeError::ZeroSampleRate(FORMAT));
    }
    facts.sample_rate = Some(rate);
    facts.channels = Some(entry.channel_count()).filter(|&c| c > 0);
    Ok(())
}

fn fill_video(facts: &mut MediaInfo, v: &Track) -> Result<(), ProbeError> {
    let entry = v.entry.as_ref();
    facts.video_codec = entry.map(|e| e.codec());
    facts.width = v.width;
    facts.height = v.height;
    let seconds = v.total_seconds()?;
    let frames = v.samples + v.fragment_samples;
    if seconds > 0.0 && frames > 0 {
        facts.fps = Some((frames as f64 / seconds * 1000.0).round() / 1000.0);
    }
    let rotation = v.rotation();
    if rotation != 0 {
        facts.rotation = Some(rotation);
        if rotation % 180 == 90 {
            facts.display_width = v.height;
            facts.display_height = v.width;
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::boxes::children;
    use super::*;
    use std::io::Cursor;

    fn boxed(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut b = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        b.extend_from_slice(kind);
        b.extend_from_slice(body);
        b
    }

    fn limits() -> Limits {
        Limits {
            max_header_bytes: 1 << 20,
            max_boxes: 1000,
            max_depth: 8,
            max_duration_s: 86_400.0,
        }
    }

    fn run(file: &[u8]) -> Result<MediaInfo, ProbeError> {
        let mut cursor = Cursor::new(file.to_vec());
        let mut input = Source::new(&[], &mut cursor, file.len() as u64);
        probe(&mut input, &limits())
    }

    #[test]
    fn a_box_that_does_not_advance_is_a_loop() {
        let mut file = boxed(b"ftyp", b"isom\0\0\0\0");
        file.extend_from_slice(&[0, 0, 0, 4]);
        file.extend_from_slice(b"free");
        assert!(matches!(run(&file), Err(ProbeError::StructureLoop(_))));
        // A 64-bit size of zero inside moov is a loop too.
        let mut inner = 1u32.to_be_bytes().to_vec();
        inner.extend_from_slice(b"trak");
        inner.extend_from_slice(&0u64.to_be_bytes());
        let mut file = boxed(b"ftyp", b"isom\0\0\0\0");
        file.extend(boxed(b"moov", &inner));
        assert!(matches!(run(&file), Err(ProbeError::StructureLoop(_))));
    }

    #[test]
    fn nesting_past_the_depth_limit_is_rejected() {
        let mut inner = boxed(b"mdia", &[]);
        for _ in 0..20 {
            inner = boxed(b"mdia", &inner);
        }
        let mut file = boxed(b"ftyp", b"isom\0\0\0\0");
        file.extend(boxed(b"moov", &boxed(b"trak", &inner)));
        assert!(matches!(run(&file), Err(ProbeError::TooComplex(_))));
    }

    #[test]
    fn zero_timescale_is_rejected() {
        let mut mvhd = vec![0u8; 100];
        mvhd[16..20].copy_from_slice(&1000u32.to_be_bytes()); // duration, timescale stays 0
        let mut file = boxed(b"ftyp", b"isom\0\0\0\0");
        file.extend(boxed(b"moov", &boxed(b"mvhd", &mvhd)));
        let err = run(&file).unwrap_err();
        assert!(
            matches!(err, ProbeError::ZeroSampleRate(_) | ProbeError::NoStream),
            "{err:?}"
        );
    }

    #[test]
    fn children_reject_overlong_boxes() {
        let mut budget = 10;
        let b = boxed(b"free", &[1, 2, 3]);
        assert_eq!(children(&b, &mut budget).unwrap().len(), 1);
        let mut bad = b.clone();
        bad[3] = 200;
        assert!(children(&bad, &mut budget).is_err());
    }
}
