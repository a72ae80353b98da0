//! The edit list of an mp4 audio track (`moov/trak/edts/elst`), which symphonia's mp4 reader
//! does not apply: it says how many priming samples of AAC to drop at the start and how long
//! the track plays, and ffmpeg honours it. Reading is bounded: at most [`MAX_MOOV`] bytes of
//! `moov` and [`MAX_BOXES`] boxes.

use std::io::{Read, Seek, SeekFrom};

/// The largest `moov` read into memory for its edit list.
pub const MAX_MOOV: u64 = 32 * 1024 * 1024;

/// The most boxes visited.
const MAX_BOXES: usize = 100_000;

/// The playable part of one track, from its first non-empty edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit {
    /// Samples (in the track's media time scale) to drop at the start.
    pub skip: u64,
    /// How long the edit plays, in seconds × `movie_scale` (0: to the end).
    pub duration: u64,
    /// The movie time scale (`mvhd`).
    pub movie_scale: u32,
    /// The track's media time scale (`mdhd`).
    pub media_scale: u32,
}

impl Edit {
    /// The start skip in frames of audio at `rate` Hz.
    pub fn skip_frames(&self, rate: u32) -> u64 {
        scale(self.skip, rate, self.media_scale)
    }

    /// The number of frames at `rate` Hz the edit plays, when it says.
    #[cfg(test)]
    pub fn keep_frames(&self, rate: u32) -> Option<u64> {
        (self.duration > 0).then(|| scale(self.duration, rate, self.movie_scale))
    }
}

fn scale(value: u64, rate: u32, per: u32) -> u64 {
    if per == 0 {
        return 0;
    }
    ((u128::from(value) * u128::from(rate) + u128::from(per) / 2) / u128::from(per)) as u64
}

/// The edit of track `track_id` (the `tkhd` id), or `None` when the file has no usable one.
pub fn read_edit<R: Read + Seek>(reader: &mut R, track_id: u32) -> Option<Edit> {
    let len = reader.seek(SeekFrom::End(0)).ok()?;
    let mut at = 0u64;
    let mut boxes = 0;
    while at + 8 <= len && boxes < MAX_BOXES {
        boxes += 1;
        reader.seek(SeekFrom::Start(at)).ok()?;
        let (kind, size, header) = box_header(reader, len - at)?;
        if &kind == b"moov" {
            let body = size - header;
            if body > MAX_MOOV {
                return None;
            }
            let mut moov = vec![0u8; body as usize];
            reader.read_exact(&mut moov).ok()?;
            return moov_edit(&moov, track_id);
        }
        at += size;
    }
    None
}

/// Reads a box header at the reader's position: type, whole size, header size.
fn box_header<R: Read>(reader: &mut R, room: u64) -> Option<([u8; 4], u64, u64)> {
    let mut h = [0u8; 8];
    reader.read_exact(&mut h).ok()?;
    let size32 = u64::from(u32::from_be_bytes([h[0], h[1], h[2], h[3]]));
    let kind = [h[4], h[5], h[6], h[7]];
    let (size, header) = match size32 {
        0 => (room, 8),
        1 => {
            let mut l = [0u8; 8];
            reader.read_exact(&mut l).ok()?;
            (u64::from_be_bytes(l), 16)
        }
        n => (n, 8),
    };
    (size >= header && size <= room).then_some((kind, size, header))
}

/// The children of a box body: `(type, body)` pairs, stopping at the first malformed one.
fn children(body: &[u8]) -> impl Iterator<Item = ([u8; 4], &[u8])> {
    let mut rest = body;
    std::iter::from_fn(move || {
        if rest.len() < 8 {
            return None;
        }
        let size = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        let kind = [rest[4], rest[5], rest[6], rest[7]];
        let (size, header) = match size {
            0 => (rest.len(), 8),
            1 => {
                let l = rest.get(8..16)?;
                let mut b = [0u8; 8];
                b.copy_from_slice(l);
                (usize::try_from(u64::from_be_bytes(b)).ok()?, 16)
            }
            n => (n, 8),
        };
        if size < header || size > rest.len() {
            return None;
        }
        let body = &rest[header..size];
        rest = &rest[size..];
        Some((kind, body))
    })
    .take(MAX_BOXES)
}

fn child<'a>(body: &'a [u8], kind: &[u8; 4]) -> Option<&'a [u8]> {
    children(body).find(|(k, _)| k == kind).map(|(_, b)| b)
}

fn be_u32(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at + 4)?;
    Some(u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
}

fn be_u64(b: &[u8], at: usize) -> Option<u64> {
    let s = b.get(at..at + 8)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(s);
    Some(u64::from_be_bytes(a))
}

/// The time scale of an `mvhd` or `mdhd` body (version 0 or 1).
fn header_scale(body: &[u8]) -> Option<u32> {
    match body.first()? {
        0 => be_u32(body, 12),
        1 => be_u32(body, 20),
        _ => None,
    }
}

fn moov_edit(moov: &[u8], track_id: u32) -> Option<Edit> {
    let movie_scale = header_scale(child(moov, b"mvhd")?)?;
    for (kind, trak) in children(moov) {
        if &kind != b"trak" {
            continue;
        }
        let Some(tkhd) = child(trak, b"tkhd") else {
            continue;
        };
        let id = match tkhd.first()? {
            0 => be_u32(tkhd, 12)?,
            1 => be_u32(tkhd, 20)?,
            _ => continue,
        };
        if id != track_id {
            continue;
        }
        let media_scale = header_scale(child(child(trak, b"mdia")?, b"mdhd")?)?;
        let elst = child(child(trak, b"edts")?, b"elst")?;
        return first_edit(elst, movie_scale, media_scale);
    }
    None
}

/// The first entry of an `elst` body whose media time is not -1 (an empty edit).
fn first_edit(elst: &[u8], movie_scale: u32, media_scale: u32) -> Option<Edit> {
    let version = *elst.first()?;
    let count = be_u32(elst, 4)? as usize;
    let entry = if version == 1 { 20 } else { 12 };
    for n in 0..count.min(elst.len() / entry) {
        let at = 8 + n * entry;
        let (duration, media_time) = if version == 1 {
            (be_u64(elst, at)?, be_u64(elst, at + 8)? as i64)
        } else {
            (
                u64::from(be_u32(elst, at)?),
                i64::from(be_u32(elst, at + 4)? as i32),
            )
        };
        if media_time < 0 {
            continue;
        }
        return Some(Edit {
            skip: media_time as u64,
            duration,
            movie_scale,
            media_scale,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn bx(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut v = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        v.extend_from_slice(kind);
        v.extend_from_slice(body);
        v
    }

    fn full(version: u8, rest: &[u8]) -> Vec<u8> {
        let mut v = vec![version, 0, 0, 0];
        v.extend_from_slice(rest);
        v
    }

    fn movie(edit: Option<(u32, i32)>) -> Vec<u8> {
        let mut mvhd = vec![0u8; 8];
        mvhd.extend_from_slice(&1000u32.to_be_bytes());
        mvhd.extend_from_slice(&[0; 80]);
        let mut tkhd = vec![0u8; 8];
        tkhd.extend_from_slice(&1u32.to_be_bytes());
        tkhd.extend_from_slice(&[0; 70]);
        let mut mdhd = vec![0u8; 8];
        mdhd.extend_from_slice(&44_100u32.to_be_bytes());
        mdhd.extend_from_slice(&[0; 8]);
        let mut trak = bx(b"tkhd", &full(0, &tkhd));
        if let Some((duration, media_time)) = edit {
            let mut entries = 1u32.to_be_bytes().to_vec();
            entries.extend_from_slice(&duration.to_be_bytes());
            entries.extend_from_slice(&media_time.to_be_bytes());
            entries.extend_from_slice(&[0, 1, 0, 0]);
            trak.extend(bx(b"edts", &bx(b"elst", &full(0, &entries))));
        }
        trak.extend(bx(b"mdia", &bx(b"mdhd", &full(0, &mdhd))));
        let mut moov = bx(b"mvhd", &full(0, &mvhd));
        moov.extend(bx(b"trak", &trak));
        let mut file = bx(b"ftyp", b"M4A \0\0\0\0");
        file.extend(bx(b"moov", &moov));
        file.extend(bx(b"mdat", &[0; 16]));
        file
    }

    #[test]
    fn the_priming_skip_and_the_play_length_are_read() {
        let edit = read_edit(&mut Cursor::new(movie(Some((3700, 1024)))), 1).expect("an edit");
        assert_eq!(edit.skip_frames(44_100), 1024);
        assert_eq!(edit.keep_frames(44_100), Some(163_170));
        assert_eq!(
            read_edit(&mut Cursor::new(movie(Some((3700, 1024)))), 2),
            None
        );
    }

    #[test]
    fn no_edit_an_empty_edit_and_broken_boxes_give_none() {
        assert_eq!(read_edit(&mut Cursor::new(movie(None)), 1), None);
        assert_eq!(read_edit(&mut Cursor::new(movie(Some((10, -1)))), 1), None);
        let mut broken = movie(Some((3700, 1024)));
        broken.truncate(60);
        assert_eq!(read_edit(&mut Cursor::new(broken), 1), None);
        assert_eq!(read_edit(&mut Cursor::new(vec![0u8; 3]), 1), None);
    }
}
