//! Box walking over a [`Source`] without reading whole boxes: the `ftyp` brands and the track
//! kinds and sample entries of `moov`, wherever it lies, for sniffing. Best-effort: a cut or
//! unreadable box ends the walk with what was found.

use crate::bytes::{be32, be64};
use crate::names::Codec;
use crate::Source;

/// Most boxes looked at on one level.
const MAX_BOXES: usize = 64;
/// Most tracks looked at.
const MAX_TRACKS: usize = 16;

/// The `ftyp` box at the start of `head`: the major brand and the compatible brands (those
/// within the first KiB).
///
/// ```
/// let head = b"\0\0\0\x18ftypM4A \0\0\0\0isomM4A ";
/// let (major, compatible) = pipes_media_probe::isobmff::brands(head).unwrap();
/// assert_eq!(&major, b"M4A ");
/// assert_eq!(compatible, vec![*b"isom", *b"M4A "]);
/// ```
pub fn brands(head: &[u8]) -> Option<([u8; 4], Vec<[u8; 4]>)> {
    if head.get(4..8) != Some(b"ftyp") {
        return None;
    }
    let major: [u8; 4] = head.get(8..12)?.try_into().ok()?;
    let end = (be32(head, 0)? as usize).clamp(16, head.len().min(1024));
    let compatible = head
        .get(16..end)
        .unwrap_or_default()
        .chunks_exact(4)
        .filter_map(|c| c.try_into().ok())
        .collect();
    Some((major, compatible))
}

/// One track of `moov`, as [`tracks`] found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct TrackKind {
    /// A video (`vide`) track; otherwise audio (`soun`).
    pub video: bool,
    /// The codec of its first sample entry, when the table names it.
    pub codec: Option<Codec>,
}

/// A box header: its type, where its payload starts and where it ends (cut to its parent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoxHeader {
    /// The four-character type.
    pub kind: [u8; 4],
    /// Where the payload starts.
    pub body: u64,
    /// Where the box ends (at most its parent's end).
    pub end: u64,
}

/// The box header at `at` inside a parent ending at `parent_end`.
pub fn read_box(src: &mut Source<'_>, at: u64, parent_end: u64) -> Option<BoxHeader> {
    let h = src.read_lossy(at, 16);
    let size32 = be32(&h, 0)?;
    let kind: [u8; 4] = h.get(4..8)?.try_into().ok()?;
    let (header, size) = match size32 {
        0 => (8, parent_end.checked_sub(at)?),
        1 => (16, be64(&h, 8)?),
        n => (8, u64::from(n)),
    };
    if size < header {
        return None;
    }
    Some(BoxHeader {
        kind,
        body: at.checked_add(header)?,
        // A truncated file cuts its last box short: keep what is there.
        end: at.checked_add(size)?.min(parent_end),
    })
}

/// The first child of type `kind` between `start` and `end`.
pub fn find_child(src: &mut Source<'_>, start: u64, end: u64, kind: &[u8; 4]) -> Option<BoxHeader> {
    let mut at = start;
    for _ in 0..MAX_BOXES {
        if at >= end {
            return None;
        }
        let b = read_box(src, at, end)?;
        if &b.kind == kind {
            return Some(b);
        }
        if b.end <= at {
            return None;
        }
        at = b.end;
    }
    None
}

/// The audio and video tracks of the `moov` box, wherever it is; empty when it cannot be read.
pub fn tracks(src: &mut Source<'_>) -> Vec<TrackKind> {
    let len = src.len();
    let Some(moov) = find_child(src, 0, len, b"moov") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut at = moov.body;
    for _ in 0..MAX_BOXES {
        if at >= moov.end || out.len() >= MAX_TRACKS {
            break;
        }
        let Some(b) = read_box(src, at, moov.end) else {
            break;
        };
        if &b.kind == b"trak" {
            if let Some(track) = track(src, &b) {
                out.push(track);
            }
        }
        if b.end <= at {
            break;
        }
        at = b.end;
    }
    out
}

fn track(src: &mut Source<'_>, trak: &BoxHeader) -> Option<TrackKind> {
    let mdia = find_child(src, trak.body, trak.end, b"mdia")?;
    let hdlr = find_child(src, mdia.body, mdia.end, b"hdlr")?;
    let handler = src.read_lossy(hdlr.body.checked_add(8)?, 4);
    let video = match handler.as_slice() {
        b"vide" => true,
        b"soun" => false,
        _ => return None,
    };
    let codec = (|| {
        let minf = find_child(src, mdia.body, mdia.end, b"minf")?;
        let stbl = find_child(src, minf.body, minf.end, b"stbl")?;
        let stsd = find_child(src, stbl.body, stbl.end, b"stsd")?;
        let entry: [u8; 4] = src
            .read_lossy(stsd.body.checked_add(12)?, 4)
            .try_into()
            .ok()?;
        Some(super::codec(&entry, None)).filter(|c| *c != Codec::Unknown)
    })();
    Some(TrackKind { video, codec })
}
