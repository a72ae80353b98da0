//! Ogg: the codec of each logical stream, from the first packets of its beginning-of-stream pages
//! (page headers and codec magics from `pipes_media_probe::ogg`).

use pipes_media_probe::{ogg, Container};

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
        let Some(page) = head.get(at..).and_then(ogg::page_header) else {
            break;
        };
        if !page.is_bos() {
            break;
        }
        let packet = head.get(at + page.header_len..).unwrap_or_default();
        match ogg::codec_of(packet) {
            Some(codec) if codec.is_video() => video = video.or(Some(codec.name())),
            Some(codec) => audio = audio.or(Some(codec.name())),
            None => {}
        }
        at += page.total();
    }
    let format = Container::Ogg.name();
    Some(match (video, audio) {
        (Some(v), _) => Sniffed::new("video/ogg", format).codec(Some(v)),
        (None, Some(a)) => Sniffed::new("audio/ogg", format).codec(Some(a)),
        // A first page cut short, or a codec we do not know.
        (None, None) => Sniffed::new("audio/ogg", format),
    })
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
