//! ISO base media files (`ftyp` brand, then track kinds): MP4, M4A, 3GP, QuickTime, HEIF, AVIF.
//! Brands and the track walk are `pipes_media_probe::isobmff`'s; the MIME types are ours.

use pipes_media_probe::{isobmff, Container};

use super::source::Source;
use super::{be32, has_at, Sniffed};

pub(super) fn sniff(src: &mut Source<'_>) -> Option<Sniffed> {
    let head = src.head();
    let Some((major, compatible)) = isobmff::brands(head) else {
        return sniff_bare(src);
    };
    if let Some(image) = sniff_image(&major, &compatible) {
        return Some(image);
    }
    let family = Family::of(&major);
    let tracks = isobmff::tracks(src.probe());
    let has_video = tracks.iter().any(|t| t.video);
    let has_audio = tracks.iter().any(|t| !t.video);
    let audio_only = !tracks.is_empty() && !has_video;
    let (mime, format) = match family {
        Family::M4a if has_video => ("video/mp4", Container::Mp4),
        Family::M4a => ("audio/mp4", Container::M4a),
        Family::ThreeGp if audio_only => ("audio/3gpp", Container::ThreeGp),
        Family::ThreeGp => ("video/3gpp", Container::ThreeGp),
        Family::ThreeG2 if audio_only => ("audio/3gpp2", Container::ThreeG2),
        Family::ThreeG2 => ("video/3gpp2", Container::ThreeG2),
        Family::QuickTime => ("video/quicktime", Container::Mov),
        Family::Mp4 if audio_only => ("audio/mp4", Container::M4a),
        Family::Mp4 => ("video/mp4", Container::Mp4),
    };
    let codec = tracks
        .iter()
        .find(|t| t.video)
        .or_else(|| tracks.first())
        .and_then(|t| t.codec)
        .map(|c| c.name());
    let mut found = Sniffed::new(mime, format.name()).codec(codec);
    if !tracks.is_empty() {
        found.has_video = Some(has_video);
        found.has_audio = Some(has_audio);
    }
    Some(found)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Mp4,
    M4a,
    ThreeGp,
    ThreeG2,
    QuickTime,
}

impl Family {
    fn of(major: &[u8; 4]) -> Self {
        match major {
            b"M4A " | b"M4B " | b"M4P " => Self::M4a,
            b"qt  " => Self::QuickTime,
            [b'3', b'g', b'2', _] => Self::ThreeG2,
            [b'3', b'g', _, _] => Self::ThreeGp,
            _ => Self::Mp4,
        }
    }
}

/// HEIF-family still images and sequences, by major brand (or, for the generic `mif1`/`msf1`,
/// by the first specific compatible brand).
fn sniff_image(major: &[u8; 4], compatible: &[[u8; 4]]) -> Option<Sniffed> {
    let classify = |brand: &[u8; 4]| -> Option<(&'static str, &'static str, bool)> {
        Some(match brand {
            b"heic" | b"heix" | b"heim" | b"heis" => ("image/heic", "heic", false),
            b"hevc" | b"hevx" | b"hevm" | b"hevs" => ("image/heic", "heic", true),
            b"avif" => ("image/avif", "avif", false),
            b"avis" => ("image/avif", "avif", true),
            _ => return None,
        })
    };
    let (mime, format, animated) = match major {
        b"mif1" | b"msf1" | b"miaf" => {
            let sequence = major == b"msf1";
            match compatible.iter().find_map(classify) {
                Some((mime, format, animated)) => (mime, format, animated || sequence),
                None => ("image/heif", "heif", sequence),
            }
        }
        other => classify(other)?,
    };
    Some(Sniffed::new(mime, format).animated(animated))
}

/// A file whose first box is `moov`, `mdat`, `wide`, `free` or `skip`, with no `ftyp`. ISO
/// 14496-12 (4.3) reads such a file as brand `mp41`; QuickTime writes them too, and says so
/// in its handler boxes (component type `mhlr`, where MP4 has zero). So: QuickTime when the
/// handlers say it or the tracks are out of reach, else MP4, audio-only or not.
fn sniff_bare(src: &mut Source<'_>) -> Option<Sniffed> {
    let head = src.head();
    let size = be32(head, 0)?;
    let known = [b"moov", b"mdat", b"wide", b"free", b"skip"]
        .iter()
        .any(|k| has_at(head, 4, *k));
    if !known || !(size == 1 || size >= 8) {
        return None;
    }
    let quicktime = Sniffed::new("video/quicktime", Container::Mov.name());
    if quicktime_handler(src) {
        return Some(quicktime);
    }
    let tracks = isobmff::tracks(src.probe());
    if tracks.is_empty() {
        return Some(quicktime);
    }
    let has_video = tracks.iter().any(|t| t.video);
    let (mime, format) = if has_video {
        ("video/mp4", Container::Mp4)
    } else {
        ("audio/mp4", Container::M4a)
    };
    let codec = tracks
        .iter()
        .find(|t| t.video)
        .or_else(|| tracks.first())
        .and_then(|t| t.codec)
        .map(|c| c.name());
    let mut found = Sniffed::new(mime, format.name()).codec(codec);
    found.has_video = Some(has_video);
    found.has_audio = Some(tracks.iter().any(|t| !t.video));
    Some(found)
}

/// Whether the first track's media handler box has QuickTime's component type `mhlr`.
fn quicktime_handler(src: &mut Source<'_>) -> bool {
    let probe = src.probe();
    let len = probe.len();
    (|| {
        let moov = isobmff::find_child(probe, 0, len, b"moov")?;
        let trak = isobmff::find_child(probe, moov.body, moov.end, b"trak")?;
        let mdia = isobmff::find_child(probe, trak.body, trak.end, b"mdia")?;
        let hdlr = isobmff::find_child(probe, mdia.body, mdia.end, b"hdlr")?;
        Some(probe.read_lossy(hdlr.body.checked_add(4)?, 4) == b"mhlr")
    })()
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::super::{sniff, Sniffed};
    use std::io::Cursor;

    fn boxed(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut out = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(body);
        out
    }

    fn ftyp(major: &[u8; 4], compat: &[&[u8; 4]]) -> Vec<u8> {
        let mut body = major.to_vec();
        body.extend_from_slice(&[0, 0, 2, 0]);
        for c in compat {
            body.extend_from_slice(*c);
        }
        boxed(b"ftyp", &body)
    }

    fn trak(handler: &[u8; 4], codec: &[u8; 4]) -> Vec<u8> {
        let mut hdlr = vec![0u8; 8];
        hdlr.extend_from_slice(handler);
        hdlr.extend_from_slice(&[0; 12]);
        let mut stsd = vec![0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 16];
        stsd.extend_from_slice(codec);
        stsd.extend_from_slice(&[0; 8]);
        let stbl = boxed(b"stbl", &boxed(b"stsd", &stsd));
        let minf = boxed(b"minf", &stbl);
        let mut mdia = boxed(b"mdhd", &[0; 24]);
        mdia.extend(boxed(b"hdlr", &hdlr));
        mdia.extend(minf);
        boxed(b"trak", &boxed(b"mdia", &mdia))
    }

    fn file(major: &[u8; 4], traks: &[Vec<u8>], moov_at_end: bool, mdat_len: usize) -> Vec<u8> {
        let mut out = ftyp(major, &[b"isom", major]);
        let moov = boxed(b"moov", &traks.concat());
        let mdat = boxed(b"mdat", &vec![0x55; mdat_len]);
        if moov_at_end {
            out.extend(mdat);
            out.extend(moov);
        } else {
            out.extend(moov);
            out.extend(mdat);
        }
        out
    }

    fn sniff_file(data: &[u8], head_len: usize) -> Sniffed {
        let mut cursor = Cursor::new(data);
        sniff(&data[..head_len.min(data.len())], Some(&mut cursor))
    }

    #[test]
    fn mp4_track_kinds_decide_audio_or_video() {
        let av = file(
            b"isom",
            &[trak(b"vide", b"avc1"), trak(b"soun", b"mp4a")],
            false,
            100,
        );
        let s = sniff_file(&av, 65536);
        assert_eq!(
            (s.mime, s.codec, s.has_audio),
            (Some("video/mp4"), Some("h264"), Some(true))
        );
        let audio = file(b"isom", &[trak(b"soun", b"mp4a")], true, 200_000);
        let s = sniff_file(&audio, 65536);
        assert_eq!(
            (s.mime, s.format, s.codec),
            (Some("audio/mp4"), Some("m4a"), Some("aac"))
        );
        // Head only: the moov at the end is out of reach, the brand says mp4 -> video.
        assert_eq!(
            super::super::sniff_head(&audio[..65536]).mime,
            Some("video/mp4")
        );
    }

    #[test]
    fn brands_pick_the_family() {
        let m4a = file(b"M4A ", &[trak(b"soun", b"mp4a")], false, 10);
        assert_eq!(sniff_file(&m4a, 65536).mime, Some("audio/mp4"));
        let g3 = file(
            b"3gp4",
            &[trak(b"vide", b"s263"), trak(b"soun", b"mp4a")],
            true,
            100_000,
        );
        let s = sniff_file(&g3, 65536);
        assert_eq!((s.mime, s.codec), (Some("video/3gpp"), Some("h263")));
        let g3a = file(b"3gp5", &[trak(b"soun", b"samr")], false, 10);
        assert_eq!(sniff_file(&g3a, 65536).mime, Some("audio/3gpp"));
        let mov = file(b"qt  ", &[trak(b"vide", b"avc1")], false, 10);
        assert_eq!(sniff_file(&mov, 65536).mime, Some("video/quicktime"));
    }

    #[test]
    fn heif_brands_are_images() {
        let heic = ftyp(b"heic", &[b"mif1", b"heic"]);
        let s = sniff_file(&heic, 100);
        assert_eq!((s.mime, s.animated), (Some("image/heic"), Some(false)));
        let avif = ftyp(b"avis", &[b"msf1", b"avis"]);
        assert_eq!(sniff_file(&avif, 100).animated, Some(true));
        let avif = ftyp(b"mif1", &[b"miaf", b"avif"]);
        assert_eq!(sniff_file(&avif, 100).mime, Some("image/avif"));
        assert_eq!(
            sniff_file(&ftyp(b"mif1", &[]), 100).mime,
            Some("image/heif")
        );
    }

    #[test]
    fn bare_moov_is_mp4_unless_quicktime_says_so() {
        let audio = boxed(b"moov", &trak(b"soun", b"mp4a"));
        let s = sniff_file(&audio, 65536);
        assert_eq!((s.mime, s.codec), (Some("audio/mp4"), Some("aac")));
        let video = boxed(
            b"moov",
            &[trak(b"vide", b"avc1"), trak(b"soun", b"mp4a")].concat(),
        );
        assert_eq!(sniff_file(&video, 65536).mime, Some("video/mp4"));
        // QuickTime: the handler's component type is `mhlr`.
        let mut qt = trak(b"soun", b"mp4a");
        let at = qt.windows(4).position(|w| w == b"hdlr").unwrap_or_default() + 8;
        qt[at..at + 4].copy_from_slice(b"mhlr");
        assert_eq!(
            sniff_file(&boxed(b"moov", &qt), 65536).mime,
            Some("video/quicktime")
        );
        let mdat = boxed(b"mdat", &[0; 64]);
        assert_eq!(sniff_file(&mdat, 65536).mime, Some("video/quicktime"));
    }

    #[test]
    fn hostile_box_sizes_do_not_loop_or_panic() {
        let mut data = ftyp(b"isom", &[]);
        data.extend_from_slice(&[0, 0, 0, 0, b'm', b'o', b'o', b'v']);
        data.extend_from_slice(&[
            0, 0, 0, 1, b't', b'r', b'a', b'k', 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        ]);
        data.extend_from_slice(&[0, 0, 0, 3, b'x', b'x', b'x', b'x']);
        assert_eq!(sniff_file(&data, 65536).mime, Some("video/mp4"));
    }
}
