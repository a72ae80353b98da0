//! Ogg: the codec of each logical stream, from the first packets of its beginning-of-stream pages.

use super::{has_at, Sniffed};

/// Most beginning-of-stream pages looked at (a skeleton track plus a few media streams).
const MAX_BOS_PAGES: usize = 8;

pub(super) fn sniff(head: &[u8]) -> Option<Sniffed> {
    if !has_at(head, 0, b"OggS") {
        return None;
    }
    let mut audio = None;
    let mut video = None;
    let mut at = 0usize;
    for _ in 0..MAX_BOS_PAGES {
        let Some(page) = head.get(at..).filter(|p| has_at(p, 0, b"OggS")) else {
            break;
        };
        let bos = page.get(5).is_some_and(|flags| flags & 0x02 != 0);
        if !bos {
            break;
        }
        let segments = usize::from(*page.get(26).unwrap_or(&0));
        let Some(table) = page.get(27..27 + segments) else {
            break;
        };
        let body_len: usize = table.iter().map(|&s| usize::from(s)).sum();
        let packet = page.get(27 + segments..).unwrap_or_default();
        match codec(packet) {
            Some((name, true)) => video = video.or(Some(name)),
            Some((name, false)) => audio = audio.or(Some(name)),
            None => {}
        }
        at += 27 + segments + body_len;
    }
    Some(match (video, audio) {
        (Some(v), _) => Sniffed::new("video/ogg", "ogg").codec(Some(v)),
        (None, Some(a)) => Sniffed::new("audio/ogg", "ogg").codec(Some(a)),
        // A first page cut short, or a codec we do not know.
        (None, None) => Sniffed::new("audio/ogg", "ogg"),
    })
}

/// The codec a stream's first packet announces, and whether it is video.
fn codec(packet: &[u8]) -> Option<(&'static str, bool)> {
    const CODECS: &[(&[u8], &str, bool)] = &[
        (b"OpusHead", "opus", false),
        (b"\x01vorbis", "vorbis", false),
        (b"\x7fFLAC", "flac", false),
        (b"Speex   ", "speex", false),
        (b"\x80theora", "theora", true),
        (b"\x80daala", "daala", true),
        (b"OVP80", "vp8", true),
    ];
    CODECS
        .iter()
        .find(|(magic, _, _)| has_at(packet, 0, magic))
        .map(|&(_, name, video)| (name, video))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(flags: u8, packet: &[u8]) -> Vec<u8> {
        let mut out = b"OggS\0".to_vec();
        out.push(flags);
        out.extend_from_slice(&[0; 20]);
        out.push(1);
        out.push(packet.len() as u8);
        out.extend_from_slice(packet);
        out
    }

    #[test]
    fn codecs_are_read_from_bos_pages() {
        let opus = page(2, b"OpusHead\x01\x01\x38\x01");
        assert_eq!(sniff(&opus).and_then(|s| s.codec), Some("opus"));
        let vorbis = page(2, b"\x01vorbis\0\0\0\0");
        assert_eq!(sniff(&vorbis).and_then(|s| s.codec), Some("vorbis"));
        let mut skeleton = page(2, b"fishead\0");
        skeleton.extend(page(2, b"\x80theora"));
        skeleton.extend(page(2, b"\x01vorbis"));
        let s = sniff(&skeleton).unwrap_or_default();
        assert_eq!((s.mime, s.codec), (Some("video/ogg"), Some("theora")));
    }

    #[test]
    fn cut_pages_still_say_ogg() {
        let opus = page(2, b"OpusHead\x01\x01\x38\x01");
        for cut in 4..opus.len() {
            assert_eq!(sniff(&opus[..cut]).and_then(|s| s.mime), Some("audio/ogg"));
        }
    }
}
