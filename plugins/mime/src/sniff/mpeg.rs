//! Raw audio streams: MP3 (with or without ID3), ADTS AAC, FLAC, AMR. Frame headers are
//! `pipes_media_probe`'s (`mp3::frame`, `adts::header`); the search policy is ours.

use pipes_media_probe::{adts, mp3, Codec, Container};

use super::source::Source;
use super::{has_at, Sniffed};

/// How far into the data an MPEG/ADTS sync is searched for when the file does not start with
/// one (encoders and taggers leave padding).
const SYNC_SEARCH: usize = 4096;

pub(super) fn sniff(src: &mut Source<'_>) -> Option<Sniffed> {
    let head = src.head();
    if has_at(head, 0, b"#!AMR\n") {
        return Some(Sniffed::new("audio/amr", "amr").codec(Some(Codec::AmrNb.name())));
    }
    if has_at(head, 0, b"#!AMR-WB\n") {
        return Some(Sniffed::new("audio/amr-wb", "amr").codec(Some(Codec::AmrWb.name())));
    }
    if has_at(head, 0, b"fLaC") {
        return Some(flac());
    }
    if has_at(head, 0, b"ID3") {
        return Some(after_id3(src));
    }
    frames(head, Search::Start)
}

/// MPEG audio or ADTS frames that start after some padding. Weaker than a frame at offset 0
/// (compressed or pixel data holds sync-like bytes), so this runs after every fixed signature
/// and the text check, and asks for three consistent frames in a row.
pub(super) fn sniff_padded(head: &[u8]) -> Option<Sniffed> {
    frames(head, Search::Padded)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Search {
    /// Frames at offset 0 only; a single frame is enough when the data ends before the next.
    Start,
    /// Frames at offset 0 only, right after an ID3 tag: a single valid header is enough.
    AfterTag,
    /// Frames anywhere in the first [`SYNC_SEARCH`] bytes.
    Padded,
}

fn flac() -> Sniffed {
    Sniffed::new("audio/flac", Container::Flac.name()).codec(Some(Codec::Flac.name()))
}

/// What follows an ID3v2 tag: usually MP3 frames, sometimes FLAC or ADTS. The tag can be
/// larger than the head (cover art), so this may cost one read.
fn after_id3(src: &mut Source<'_>) -> Sniffed {
    let head = src.head();
    let syncsafe = head
        .get(6..10)
        .filter(|b| b.iter().all(|&x| x < 0x80))
        .map(|b| b.iter().fold(0u64, |acc, &x| (acc << 7) | u64::from(x)));
    let footer = head.get(5).is_some_and(|flags| flags & 0x10 != 0);
    let tagged = Sniffed::new("audio/mpeg", "mp3").codec(Some("mp3"));
    let Some(size) = syncsafe else {
        return tagged;
    };
    let start = 10 + size + if footer { 10 } else { 0 };
    let after = src.read_at(start, SYNC_SEARCH + 2048);
    if has_at(&after, 0, b"fLaC") {
        return flac();
    }
    if let Some(found) = super::media::after_tag(&after) {
        return found;
    }
    let found = frames(&after, Search::AfterTag).or_else(|| frames(&after, Search::Padded));
    // A tag with no audio after it, all of it seen: a stub, not an mp3 (`ID3` and a tag
    // header pass for one in too many tools).
    let rest_seen = start.saturating_add(after.len() as u64) >= src.len();
    match found {
        Some(found) => found,
        None if rest_seen && after.iter().all(|&b| b == 0) => Sniffed::stub(),
        // Truncated inside the tag, or frames we cannot confirm: the ID3 tag still says MP3.
        None => tagged,
    }
}

/// MPEG audio or ADTS frames: a sync word whose header is valid and is followed by more
/// headers of the same stream (same version, layer and sample rate) where the lengths say.
fn frames(buf: &[u8], search: Search) -> Option<Sniffed> {
    let limit = match search {
        Search::Start | Search::AfterTag => buf.len().min(1),
        Search::Padded => buf.len().min(SYNC_SEARCH),
    };
    for at in 0..limit {
        if buf.get(at) != Some(&0xFF) {
            continue;
        }
        let Some(rest) = buf.get(at..) else { break };
        let Some(first) = frame(rest) else {
            continue;
        };
        // Layer I/II streams are rare and their headers common in binary data: only at the
        // start of the data.
        if search == Search::Padded && !matches!(first.codec(), Codec::Mp3 | Codec::Aac) {
            continue;
        }
        let needed = if search == Search::Padded { 4 } else { 2 };
        let mut seen = 1;
        let mut next = first.len();
        while seen < needed {
            match rest.get(next..).and_then(frame) {
                Some(f) if f.same_stream(&first) => {
                    seen += 1;
                    next += f.len();
                }
                _ => break,
            }
        }
        let ran_out = next + 4 > rest.len();
        let single_ok = search == Search::AfterTag || (search == Search::Start && ran_out);
        if seen >= needed || single_ok {
            let codec = first.codec();
            return Some(
                match codec {
                    Codec::Aac => Sniffed::new("audio/aac", Container::Adts.name()),
                    _ => Sniffed::new("audio/mpeg", codec.name()),
                }
                .codec(Some(codec.name())),
            );
        }
    }
    None
}

/// One frame header: MPEG audio (`pipes_media_probe::mp3`) or ADTS AAC
/// (`pipes_media_probe::adts`).
#[derive(Debug, Clone, Copy)]
enum Frame {
    Mpeg(mp3::Frame),
    Adts(adts::Header),
}

impl Frame {
    fn len(&self) -> usize {
        match self {
            Self::Mpeg(f) => f.len,
            Self::Adts(h) => h.len,
        }
    }

    fn codec(&self) -> Codec {
        match self {
            Self::Mpeg(f) => f.codec(),
            Self::Adts(_) => Codec::Aac,
        }
    }

    fn same_stream(&self, other: &Frame) -> bool {
        match (self, other) {
            (Self::Mpeg(a), Self::Mpeg(b)) => a.same_stream(b),
            (Self::Adts(a), Self::Adts(b)) => a.same_stream(b),
            _ => false,
        }
    }
}

/// The frame whose header starts `h`.
fn frame(h: &[u8]) -> Option<Frame> {
    if adts::is_sync(h) {
        return adts::header(h).map(Frame::Adts);
    }
    mp3::frame(h).filter(|f| f.len >= 4).map(Frame::Mpeg)
}

#[cfg(test)]
mod tests {
    use super::super::sniff_head;

    /// MPEG-1 layer III, 128 kb/s, 44.1 kHz: 417-byte frames.
    fn mp3_frames(n: usize) -> Vec<u8> {
        let mut frame = vec![0u8; 417];
        frame[..4].copy_from_slice(&[0xFF, 0xFB, 0x90, 0x64]);
        frame.repeat(n)
    }

    #[test]
    fn mp3_without_and_with_id3() {
        assert_eq!(sniff_head(&mp3_frames(3)).mime, Some("audio/mpeg"));
        let mut tagged = b"ID3\x04\0\0\0\0\x01\x00".to_vec();
        tagged.extend(vec![0u8; 128]);
        tagged.extend(mp3_frames(3));
        assert_eq!(sniff_head(&tagged).format, Some("mp3"));
        // Padding before the first frame.
        let mut padded = vec![0u8; 100];
        padded.extend(mp3_frames(4));
        assert_eq!(sniff_head(&padded).mime, Some("audio/mpeg"));
    }

    #[test]
    fn adts_is_aac_not_mp3() {
        // 100-byte ADTS frames, 44.1 kHz.
        let mut frame = [0u8; 100];
        let len = 100usize;
        frame[..7].copy_from_slice(&[
            0xFF,
            0xF1,
            0x50,
            0x80 | ((len >> 11) as u8 & 3),
            (len >> 3) as u8,
            ((len & 7) << 5) as u8 | 0x1F,
            0xFC,
        ]);
        assert_eq!(sniff_head(&frame.repeat(3)).mime, Some("audio/aac"));
    }

    #[test]
    fn a_lone_sync_in_text_is_not_audio() {
        let mut data = b"hello".to_vec();
        data.extend_from_slice(&[0xFF, 0xFB, 0x90, 0x64]);
        data.extend(b"more text".repeat(10));
        assert_ne!(sniff_head(&data).mime, Some("audio/mpeg"));
    }
}
