//! The video track of a `moov` box: timescale, sample entry (codec and its configuration),
//! display matrix, edit list and the sample-table boxes.

use super::boxes::{self, child, children, fourcc_text, path, FourCc, Reader};
use crate::video::error::VideoError;

/// The codec of a video sample entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Codec {
    /// H.264 with its `avcC` record (`avc1`/`avc3`; for `avc3` the record may carry no
    /// parameter sets, they are in the samples).
    H264 { avcc: Vec<u8> },
    /// Anything else, named for the `UNSUPPORTED_CODEC` message.
    Other { name: String },
}

/// The parts of one `trak` the poster needs.
#[derive(Debug, Clone)]
pub(crate) struct Track<'a> {
    /// `track_ID` from `tkhd` (fragments refer to it).
    pub id: u32,
    /// Ticks per second of the media's time stamps (`mdhd`).
    pub timescale: u32,
    /// Coded size from the sample entry.
    pub width: u32,
    pub height: u32,
    /// The `tkhd` display matrix `a, b, c, d` (16.16 fixed point).
    #[cfg_attr(not(feature = "h264"), allow(dead_code))]
    pub matrix: [i32; 4],
    /// The edit list's start: media time of the first presented instant, and how long the
    /// movie shows nothing before it (empty edits), in milliseconds.
    pub edit: Edit,
    pub codec: Codec,
    /// The `stbl` payload (the sample tables).
    pub stbl: &'a [u8],
}

/// Where presentation starts, from the edit list (`elst`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Edit {
    /// The media time (in the track's timescale) shown first.
    pub media_time: i64,
    /// Empty edits before it, in milliseconds of movie time.
    pub empty_ms: u64,
    /// Whether an edit list chose `media_time` (without one, presentation time is media time).
    pub listed: bool,
}

/// The video track of a `moov` payload: the first enabled track whose handler is `vide`, else
/// the first `vide` track at all.
pub(crate) fn video_track(moov: &[u8]) -> Result<Track<'_>, VideoError> {
    let movie_timescale = mvhd_timescale(moov).unwrap_or(1000).max(1);
    let mut fallback = None;
    for trak in children(moov).filter(|b| &b.kind == b"trak") {
        let Some(hdlr) = path(trak.payload, &[b"mdia", b"hdlr"]) else {
            continue;
        };
        if hdlr.get(8..12) != Some(b"vide") {
            continue;
        }
        let track = parse_trak(trak.payload, movie_timescale)?;
        let enabled = child(trak.payload, b"tkhd")
            .and_then(|t| t.get(3))
            .is_some_and(|flags| flags & 1 != 0);
        if enabled {
            return Ok(track);
        }
        fallback.get_or_insert(track);
    }
    fallback.ok_or(VideoError::NoVideoTrack)
}

fn mvhd_timescale(moov: &[u8]) -> Option<u32> {
    let mut r = Reader::new(child(moov, b"mvhd")?, "mvhd");
    let (version, _) = r.full_box().ok()?;
    r.skip(if version == 1 { 16 } else { 8 }).ok()?;
    r.u32().ok()
}

fn parse_trak(trak: &[u8], movie_timescale: u32) -> Result<Track<'_>, VideoError> {
    let tkhd = child(trak, b"tkhd").ok_or_else(|| missing("tkhd"))?;
    let (id, matrix) = parse_tkhd(tkhd)?;
    let mdia = child(trak, b"mdia").ok_or_else(|| missing("mdia"))?;
    let timescale = parse_mdhd(child(mdia, b"mdhd").ok_or_else(|| missing("mdhd"))?)?;
    if timescale == 0 {
        return Err(VideoError::Invalid("the track's timescale is 0".into()));
    }
    let stbl = path(mdia, &[b"minf", b"stbl"]).ok_or_else(|| missing("stbl"))?;
    let stsd = child(stbl, b"stsd").ok_or_else(|| missing("stsd"))?;
    let (codec, width, height) = parse_stsd(stsd)?;
    let edit = child(trak, b"edts")
        .and_then(|edts| child(edts, b"elst"))
        .map(|elst| parse_elst(elst, movie_timescale))
        .transpose()?
        .unwrap_or_default();
    Ok(Track {
        id,
        timescale,
        width,
        height,
        matrix,
        edit,
        codec,
        stbl,
    })
}

fn missing(kind: &str) -> VideoError {
    VideoError::Invalid(format!("the video track has no {kind} box"))
}

fn parse_tkhd(tkhd: &[u8]) -> Result<(u32, [i32; 4]), VideoError> {
    let mut r = Reader::new(tkhd, "tkhd");
    let (version, _) = r.full_box()?;
    r.skip(if version == 1 { 16 } else { 8 })?;
    let id = r.u32()?;
    r.skip(4)?;
    r.skip(if version == 1 { 8 } else { 4 })?;
    // reserved (8), layer, alternate group, volume, reserved (2 each)
    r.skip(16)?;
    let a = r.i32()?;
    let b = r.i32()?;
    r.skip(4)?;
    let c = r.i32()?;
    let d = r.i32()?;
    Ok((id, [a, b, c, d]))
}

fn parse_mdhd(mdhd: &[u8]) -> Result<u32, VideoError> {
    let mut r = Reader::new(mdhd, "mdhd");
    let (version, _) = r.full_box()?;
    r.skip(if version == 1 { 16 } else { 8 })?;
    r.u32()
}

fn parse_elst(elst: &[u8], movie_timescale: u32) -> Result<Edit, VideoError> {
    let mut r = Reader::new(elst, "elst");
    let (version, _) = r.full_box()?;
    let entry_len = if version == 1 { 20 } else { 12 };
    let count = r.count(entry_len)?;
    let mut empty: u64 = 0;
    for _ in 0..count {
        let (duration, media_time) = if version == 1 {
            (r.u64()?, r.i64()?)
        } else {
            (u64::from(r.u32()?), i64::from(r.i32()?))
        };
        r.skip(4)?;
        if media_time == -1 {
            empty = empty.saturating_add(duration);
            continue;
        }
        if media_time < 0 {
            return Err(VideoError::Invalid(format!(
                "edit list media time {media_time}"
            )));
        }
        return Ok(Edit {
            media_time,
            empty_ms: ticks_to_ms(empty, movie_timescale),
            listed: true,
        });
    }
    Ok(Edit {
        media_time: 0,
        empty_ms: ticks_to_ms(empty, movie_timescale),
        listed: false,
    })
}

/// `ticks` of a `timescale` clock in whole milliseconds, rounded down.
pub(crate) fn ticks_to_ms(ticks: u64, timescale: u32) -> u64 {
    (u128::from(ticks) * 1000 / u128::from(timescale.max(1))).min(u128::from(u64::MAX)) as u64
}

/// The codec and coded size of the first sample entry of `stsd`.
fn parse_stsd(stsd: &[u8]) -> Result<(Codec, u32, u32), VideoError> {
    let mut r = Reader::new(stsd, "stsd");
    r.full_box()?;
    r.u32()?;
    let entries = r.bytes(r.remaining())?;
    let entry = children(entries)
        .next()
        .ok_or_else(|| VideoError::Invalid("the video track has no sample entry".into()))?;
    // VisualSampleEntry: 6 reserved, data reference index, 16 predefined/reserved, then
    // width and height, then 50 more bytes of fields before the child boxes.
    let mut v = Reader::new(entry.payload, "visual sample entry");
    v.skip(24)?;
    let width = u32::from(v.u16()?);
    let height = u32::from(v.u16()?);
    v.skip(50)?;
    let extensions = v.bytes(v.remaining())?;
    let codec = match &entry.kind {
        b"avc1" | b"avc3" => match child(extensions, b"avcC") {
            Some(avcc) => Codec::H264 {
                avcc: avcc.to_vec(),
            },
            None if &entry.kind == b"avc3" => Codec::H264 { avcc: Vec::new() },
            None => {
                return Err(VideoError::Invalid(
                    "an avc1 sample entry without its avcC box".into(),
                ))
            }
        },
        b"encv" => Codec::Other {
            name: format!("encrypted video ({})", original_format(extensions)),
        },
        kind => Codec::Other {
            name: codec_name(kind, extensions),
        },
    };
    Ok((codec, width, height))
}

fn original_format(extensions: &[u8]) -> String {
    path(extensions, &[b"sinf", b"frma"])
        .and_then(|f| f.get(0..4))
        .and_then(|f| <FourCc>::try_from(f).ok())
        .map(|k| fourcc_text(&k))
        .unwrap_or_else(|| "unknown format".into())
}

/// The name people know a video sample entry's codec by, with the entry type in brackets.
pub(crate) fn codec_name(kind: &FourCc, extensions: &[u8]) -> String {
    let name = match kind {
        b"hvc1" | b"hev1" => "HEVC",
        b"dvh1" | b"dvhe" => "Dolby Vision (HEVC)",
        b"vp08" => "VP8",
        b"vp09" => "VP9",
        b"av01" => "AV1",
        b"s263" | b"h263" | b"H263" => "H.263",
        b"mp4v" => match esds_object_type(extensions) {
            Some(0x20) | None => "MPEG-4 Part 2",
            Some(0x60..=0x65) => "MPEG-2 Video",
            Some(0x6A) => "MPEG-1 Video",
            Some(0x6C) => "JPEG",
            Some(_) => "MPEG-4 systems video",
        },
        b"jpeg" | b"mjpa" | b"mjpb" => "Motion JPEG",
        b"apcn" | b"apch" | b"apcs" | b"apco" | b"ap4h" | b"ap4x" => "Apple ProRes",
        b"dva1" | b"dvav" => "Dolby Vision (H.264)",
        _ => return fourcc_text(kind),
    };
    format!("{name} ({})", fourcc_text(kind))
}

/// The `objectTypeIndication` of the decoder config descriptor in an `esds` box.
fn esds_object_type(extensions: &[u8]) -> Option<u8> {
    let esds = child(extensions, b"esds")?;
    let mut r = Reader::new(esds, "esds");
    r.full_box().ok()?;
    // ES_Descriptor (tag 3): length, ES_ID, flags (+ optional fields), then the
    // DecoderConfigDescriptor (tag 4) whose first byte is the object type.
    if r.u8().ok()? != 3 {
        return None;
    }
    descriptor_len(&mut r)?;
    r.skip(2).ok()?;
    let flags = r.u8().ok()?;
    if flags & 0x80 != 0 {
        r.skip(2).ok()?;
    }
    if flags & 0x40 != 0 {
        let n = r.u8().ok()?;
        r.skip(usize::from(n)).ok()?;
    }
    if flags & 0x20 != 0 {
        r.skip(2).ok()?;
    }
    if r.u8().ok()? != 4 {
        return None;
    }
    descriptor_len(&mut r)?;
    r.u8().ok()
}

fn descriptor_len(r: &mut Reader<'_>) -> Option<u32> {
    let mut len = 0u32;
    for _ in 0..4 {
        let b = r.u8().ok()?;
        len = (len << 7) | u32::from(b & 0x7F);
        if b & 0x80 == 0 {
            break;
        }
    }
    Some(len)
}

/// Whether the first few bytes of a `moov` payload mention a video handler: used to decline
/// audio-only MP4s from their head when the `moov` is at the front.
pub(crate) fn has_video_handler(moov: &[u8]) -> bool {
    boxes::children(moov)
        .filter(|b| &b.kind == b"trak")
        .any(|t| path(t.payload, &[b"mdia", b"hdlr"]).and_then(|h| h.get(8..12)) == Some(b"vide"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn full(kind: &[u8; 4], version: u8, body: &[u8]) -> Vec<u8> {
        let mut payload = vec![version, 0, 0, 1];
        payload.extend_from_slice(body);
        boxed(kind, &payload)
    }

    fn boxed(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
        let mut out = ((payload.len() + 8) as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(payload);
        out
    }

    #[test]
    fn edit_lists_give_the_first_presented_media_time() {
        // One empty edit of 500 ms (movie timescale 1000), then media from 1024.
        let mut body = 2u32.to_be_bytes().to_vec();
        for (d, m) in [(500u32, -1i32), (2000, 1024)] {
            body.extend_from_slice(&d.to_be_bytes());
            body.extend_from_slice(&m.to_be_bytes());
            body.extend_from_slice(&0x0001_0000u32.to_be_bytes());
        }
        let elst = full(b"elst", 0, &body);
        let edit = parse_elst(&elst[8..], 1000).unwrap();
        assert_eq!(
            edit,
            Edit {
                media_time: 1024,
                empty_ms: 500,
                listed: true,
            }
        );
        // A count larger than the box holds reads what is there.
        let mut lying = elst[8..].to_vec();
        lying[4..8].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(parse_elst(&lying, 1000).unwrap().media_time, 1024);
    }

    #[test]
    fn names_the_codecs_it_does_not_decode() {
        assert_eq!(codec_name(b"hvc1", &[]), "HEVC (hvc1)");
        assert_eq!(codec_name(b"vp09", &[]), "VP9 (vp09)");
        assert_eq!(codec_name(b"av01", &[]), "AV1 (av01)");
        assert_eq!(codec_name(b"mp4v", &[]), "MPEG-4 Part 2 (mp4v)");
        assert_eq!(codec_name(b"xyz1", &[]), "xyz1");
        assert_eq!(ticks_to_ms(1001, 30000), 33);
    }
}
