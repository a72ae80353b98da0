//! Matroska and WebM (EBML `DocType`, then track types from the `Tracks` element in the head).

use super::{has_at, Sniffed};

const EBML: u32 = 0x1A45_DFA3;
const DOC_TYPE: u32 = 0x4282;
const SEGMENT: u32 = 0x1853_8067;
const TRACKS: u32 = 0x1654_AE6B;
const TRACK_ENTRY: u32 = 0xAE;
const TRACK_TYPE: u32 = 0x83;
const CODEC_ID: u32 = 0x86;
const CLUSTER: u32 = 0x1F43_B675;
/// Most elements walked on one level.
const MAX_ELEMENTS: usize = 256;

pub(super) fn sniff(head: &[u8]) -> Option<Sniffed> {
    if !has_at(head, 0, &EBML.to_be_bytes()) {
        return None;
    }
    let (_, header) = element(head, 0)?;
    let header_body = head.get(header.body..header.end)?;
    let doc_type = children(header_body)
        .find(|(id, _)| *id == DOC_TYPE)
        .map(|(_, body)| body);
    let webm = match doc_type {
        Some(b"webm") => true,
        Some(b"matroska") => false,
        _ => return None,
    };
    let mut video_codec = None;
    let mut audio_codec = None;
    let mut has_video = false;
    let mut has_audio = false;
    let mut tracks_seen = false;
    if let Some((SEGMENT, segment)) = element(head, header.end) {
        let body = head
            .get(segment.body..segment.end.min(head.len()))
            .unwrap_or_default();
        if let Some((_, tracks)) = children(body).find(|(id, _)| *id == TRACKS || *id == CLUSTER) {
            tracks_seen = true;
            for (_, entry) in children(tracks).filter(|(id, _)| *id == TRACK_ENTRY) {
                let mut kind = None;
                let mut codec = None;
                for (id, value) in children(entry) {
                    match id {
                        TRACK_TYPE => kind = value.first().copied(),
                        CODEC_ID => codec = codec_name(value),
                        _ => {}
                    }
                }
                match kind {
                    Some(1) => {
                        has_video = true;
                        video_codec = video_codec.or(codec);
                    }
                    Some(2) => {
                        has_audio = true;
                        audio_codec = audio_codec.or(codec);
                    }
                    _ => {}
                }
            }
        }
    }
    let audio_only = tracks_seen && has_audio && !has_video;
    let (mime, format) = match (webm, audio_only) {
        (true, true) => ("audio/webm", "webm"),
        (true, false) => ("video/webm", "webm"),
        (false, true) => ("audio/x-matroska", "mkv"),
        (false, false) => ("video/x-matroska", "mkv"),
    };
    let mut found = Sniffed::new(mime, format).codec(video_codec.or(audio_codec));
    if tracks_seen && (has_audio || has_video) {
        found.has_video = Some(has_video);
        found.has_audio = Some(has_audio);
    }
    Some(found)
}

fn codec_name(id: &[u8]) -> Option<&'static str> {
    Some(match id {
        b"V_VP8" => "vp8",
        b"V_VP9" => "vp9",
        b"V_AV1" => "av1",
        b"V_MPEG4/ISO/AVC" => "h264",
        b"V_MPEGH/ISO/HEVC" => "hevc",
        b"A_OPUS" => "opus",
        b"A_VORBIS" => "vorbis",
        b"A_AAC" => "aac",
        b"A_FLAC" => "flac",
        b"A_MPEG/L3" => "mp3",
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy)]
struct Span {
    body: usize,
    end: usize,
}

/// An EBML variable-length integer at `at`: (value with the length marker removed, length).
fn vint(buf: &[u8], at: usize, keep_marker: bool) -> Option<(u64, usize)> {
    let first = *buf.get(at)?;
    let len = first.leading_zeros() as usize + 1;
    if len > 8 {
        return None;
    }
    let mut value = if keep_marker {
        u64::from(first)
    } else {
        u64::from(first) & (0xFF >> len)
    };
    for i in 1..len {
        value = (value << 8) | u64::from(*buf.get(at + i)?);
    }
    Some((value, len))
}

/// The element at `at`: its id and where its body is. An unknown size runs to the end.
fn element(buf: &[u8], at: usize) -> Option<(u32, Span)> {
    let (id, id_len) = vint(buf, at, true)?;
    let (size, size_len) = vint(buf, at + id_len, false)?;
    let body = at + id_len + size_len;
    let unknown = size == (1u64 << (7 * size_len)) - 1;
    let end = if unknown {
        buf.len()
    } else {
        usize::try_from(size)
            .ok()
            .and_then(|s| body.checked_add(s))?
    };
    Some((u32::try_from(id).ok()?, Span { body, end }))
}

/// The child elements of `body` (cut to what is there).
fn children(body: &[u8]) -> impl Iterator<Item = (u32, &[u8])> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let (id, span) = element(body, at)?;
        let end = span.end.min(body.len());
        let value = body.get(span.body..end)?;
        at = span.end;
        Some((id, value))
    })
    .take(MAX_ELEMENTS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(id: &[u8], body: &[u8]) -> Vec<u8> {
        let mut out = id.to_vec();
        out.push(0x80 | body.len() as u8);
        out.extend_from_slice(body);
        out
    }

    fn webm(track_types: &[u8]) -> Vec<u8> {
        let mut out = el(&EBML.to_be_bytes(), &el(&[0x42, 0x82], b"webm"));
        let entries: Vec<u8> = track_types
            .iter()
            .flat_map(|&t| {
                el(
                    &[0xAE],
                    &[el(&[0x83], &[t]), el(&[0x86], b"A_OPUS")].concat(),
                )
            })
            .collect();
        let tracks = el(&TRACKS.to_be_bytes(), &entries);
        out.extend_from_slice(&SEGMENT.to_be_bytes());
        out.push(0x01);
        out.extend_from_slice(&[0xFF; 7]);
        out.extend(tracks);
        out
    }

    #[test]
    fn webm_audio_only_vs_video() {
        let s = sniff(&webm(&[2])).unwrap_or_default();
        assert_eq!((s.mime, s.codec), (Some("audio/webm"), Some("opus")));
        assert_eq!(
            sniff(&webm(&[1, 2])).and_then(|s| s.mime),
            Some("video/webm")
        );
        let w = webm(&[2]);
        for cut in 0..w.len() {
            let _ = sniff(&w[..cut]);
        }
    }
}
