//! What the head of a Matroska or WebM file says without further reads: the DocType and, when
//! the `Tracks` element lies in the head, each track's kind and codec.

use super::ebml::{children_lossy, element};
use super::{audio_codec, video_codec, SEGMENT, TRACKS};
use crate::names::Codec;

const EBML: u32 = 0x1A45_DFA3;
const DOC_TYPE: u32 = 0x4282;
const TRACK_ENTRY: u32 = 0xAE;
const TRACK_TYPE: u32 = 0x83;
const CODEC_ID: u32 = 0x86;
const CLUSTER: u32 = 0x1F43_B675;

/// The head of a Matroska file, as [`head_info`] read it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct HeadInfo {
    /// The DocType is `webm` (else `matroska`).
    pub webm: bool,
    /// The tracks, when the `Tracks` element was reached in the head.
    pub tracks: Option<Vec<HeadTrack>>,
}

/// One track entry of the head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct HeadTrack {
    /// Whether it is a video track (`TrackType` 1).
    pub video: bool,
    /// Whether it is an audio track (`TrackType` 2).
    pub audio: bool,
    /// Its codec, when the `CodecID` is one the table names.
    pub codec: Option<Codec>,
}

/// Reads the EBML header's DocType (`webm` or `matroska`, else `None`) and the track list
/// when the head holds it. Never fails; a cut head gives what is there.
///
/// ```
/// let head = b"\x1A\x45\xDF\xA3\x87\x42\x82\x84webm";
/// let info = pipes_media_probe::matroska::head_info(head).unwrap();
/// assert!(info.webm && info.tracks.is_none());
/// ```
pub fn head_info(head: &[u8]) -> Option<HeadInfo> {
    if !head.starts_with(&EBML.to_be_bytes()) {
        return None;
    }
    let (_, header_len, size) = element(head)?;
    let header_end = header_len.checked_add(usize::try_from(size?).ok()?)?;
    let header_body = head.get(header_len..header_end.min(head.len()))?;
    let doc_type = children_lossy(header_body)
        .find(|(id, _)| *id == DOC_TYPE)
        .map(|(_, body)| body);
    let webm = match doc_type {
        Some(b"webm") => true,
        Some(b"matroska") => false,
        _ => return None,
    };
    let mut info = HeadInfo { webm, tracks: None };
    let Some((SEGMENT, seg_header, seg_size)) = head.get(header_end..).and_then(element) else {
        return Some(info);
    };
    let body_at = header_end + seg_header;
    let body_end = seg_size
        .and_then(|s| usize::try_from(s).ok())
        .and_then(|s| body_at.checked_add(s))
        .map_or(head.len(), |e| e.min(head.len()));
    let body = head.get(body_at..body_end).unwrap_or_default();
    if let Some((_, tracks)) = children_lossy(body).find(|(id, _)| *id == TRACKS || *id == CLUSTER)
    {
        let mut list = Vec::new();
        for (_, entry) in children_lossy(tracks).filter(|(id, _)| *id == TRACK_ENTRY) {
            let mut kind = None;
            let mut codec_id: &[u8] = &[];
            for (id, value) in children_lossy(entry) {
                match id {
                    TRACK_TYPE => kind = value.first().copied(),
                    CODEC_ID => codec_id = value,
                    _ => {}
                }
            }
            let id = std::str::from_utf8(codec_id)
                .unwrap_or_default()
                .trim_end_matches('\0');
            let (video, audio) = (kind == Some(1), kind == Some(2));
            let codec = if video {
                video_codec(id)
            } else {
                audio_codec(id)
            };
            list.push(HeadTrack {
                video,
                audio,
                codec: Some(codec).filter(|c| *c != Codec::Unknown),
            });
        }
        info.tracks = Some(list);
    }
    Some(info)
}
