//! The long tail of raster images with a signature: JPEG 2000 (codestreams, JP2, JPX), PSD,
//! XCF, DDS, OpenEXR, Radiance HDR, SGI, QOI, ICNS, FITS, ICO and CUR, PCX and DCX, FLI and
//! FLC animations, netpbm (binary and plain) and XPM.
//!
//! Several of these start with printable bytes (`SIMPLE  =`, `#?RADIANCE`, `P3`, `/* XPM */`),
//! so this runs before the text check. Each rule asks for more than the magic where the magic
//! is short: a header field that must hold a fixed value or a small range.

use super::{be16, be32, has_at, le16, le32, Sniffed};

pub(super) fn sniff(head: &[u8]) -> Option<Sniffed> {
    let first = *head.first()?;
    match first {
        0x00 => jpeg2000_box(head).or_else(|| icon(head)),
        0xFF => jpeg2000_codestream(head),
        b'8' if has_at(head, 0, b"8BPS") => psd(head),
        b'g' if has_at(head, 0, b"gimp xcf ") => xcf(head),
        b'D' if has_at(head, 0, b"DDS ") && le32(head, 4) == Some(124) => {
            Some(Sniffed::new("image/vnd.ms-dds", "dds"))
        }
        0x76 if has_at(head, 0, b"\x76\x2f\x31\x01") => Some(Sniffed::new("image/x-exr", "exr")),
        b'#' if has_at(head, 0, b"#?RADIANCE\n") || has_at(head, 0, b"#?RGBE\n") => {
            Some(Sniffed::new("image/vnd.radiance", "hdr"))
        }
        0x01 => sgi(head),
        b'q' if has_at(head, 0, b"qoif") => qoi(head),
        b'i' if has_at(head, 0, b"icns") => {
            (be32(head, 4)? >= 8).then(|| Sniffed::new("image/x-icns", "icns"))
        }
        b'S' if has_at(head, 0, b"SIMPLE  =") => fits(head),
        0x0A => pcx(head),
        0xB1 if le32(head, 0) == Some(0x3ADE_68B1) => {
            (le32(head, 4)? >= 8).then(|| Sniffed::new("image/x-dcx", "dcx"))
        }
        b'P' => netpbm(head),
        b'/' if has_at(head, 0, b"/* XPM */") => Some(Sniffed::new("image/x-xpixmap", "xpm")),
        b'!' if has_at(head, 0, b"! XPM2") => Some(Sniffed::new("image/x-xpixmap", "xpm")),
        _ => flic(head),
    }
}

/// A JPEG 2000 codestream: SOC then SIZ (`FF 4F FF 51`) with a sane SIZ length.
fn jpeg2000_codestream(head: &[u8]) -> Option<Sniffed> {
    (has_at(head, 0, b"\xFF\x4F\xFF\x51") && be16(head, 4)? >= 41)
        .then(|| Sniffed::new("image/x-jp2-codestream", "j2k"))
}

/// The JPEG 2000 family file format: the signature box, then a file-type box whose brand
/// names the part (JP2, JPX, JPM, Motion JPEG 2000).
fn jpeg2000_box(head: &[u8]) -> Option<Sniffed> {
    if !has_at(head, 0, b"\0\0\0\x0CjP  \r\n\x87\n") || !has_at(head, 16, b"ftyp") {
        return None;
    }
    Some(match head.get(20..24)? {
        b"jpx " => Sniffed::new("image/jpx", "jpx"),
        b"jpm " => Sniffed::new("image/jpm", "jpm"),
        b"mjp2" => Sniffed::new("video/mj2", "mj2"),
        _ => Sniffed::new("image/jp2", "jp2"),
    })
}

/// Photoshop: `8BPS`, version 1 (PSD) or 2 (PSB), six reserved zero bytes.
fn psd(head: &[u8]) -> Option<Sniffed> {
    let version = be16(head, 4)?;
    let reserved = head.get(6..12)?;
    ((version == 1 || version == 2) && reserved.iter().all(|&b| b == 0)).then(|| {
        Sniffed::new(
            "image/vnd.adobe.photoshop",
            if version == 1 { "psd" } else { "psb" },
        )
    })
}

/// GIMP: `gimp xcf ` then `file` (version 0) or `v` and three digits, then a NUL.
fn xcf(head: &[u8]) -> Option<Sniffed> {
    let version = head.get(9..14)?;
    let ok = version == b"file\0"
        || (version[0] == b'v' && version[1..4].iter().all(u8::is_ascii_digit) && version[4] == 0);
    ok.then(|| Sniffed::new("image/x-xcf", "xcf"))
}

/// SGI image: magic 474, storage 0 or 1, 1 or 2 bytes a channel, 1 to 3 dimensions.
fn sgi(head: &[u8]) -> Option<Sniffed> {
    let ok = be16(head, 0)? == 474
        && *head.get(2)? <= 1
        && matches!(head.get(3)?, 1 | 2)
        && (1..=3).contains(&be16(head, 4)?)
        && be16(head, 6)? > 0;
    ok.then(|| Sniffed::new("image/x-sgi", "sgi"))
}

/// QOI: `qoif`, a non-zero size, 3 or 4 channels, colour space 0 or 1.
fn qoi(head: &[u8]) -> Option<Sniffed> {
    let ok = be32(head, 4)? > 0
        && be32(head, 8)? > 0
        && matches!(head.get(12)?, 3 | 4)
        && *head.get(13)? <= 1;
    ok.then(|| Sniffed::new("image/x-qoi", "qoi"))
}

/// FITS: the first card is `SIMPLE  =` with the logical `T` in column 30.
fn fits(head: &[u8]) -> Option<Sniffed> {
    let card = head.get(..80)?;
    let value = std::str::from_utf8(card.get(9..30)?).ok()?.trim();
    (value == "T").then(|| Sniffed::new("image/fits", "fits"))
}

/// ICO (type 1) and CUR (type 2): a directory of 1 to 255 images whose first entry has a zero
/// reserved byte, a non-empty size and data after the directory.
fn icon(head: &[u8]) -> Option<Sniffed> {
    let kind = le16(head, 2)?;
    let count = le16(head, 4)?;
    if le16(head, 0)? != 0 || !(kind == 1 || kind == 2) || !(1..=255).contains(&count) {
        return None;
    }
    let entry = head.get(6..22)?;
    let size = le32(entry, 8)?;
    let offset = le32(entry, 12)?;
    let planes = le16(entry, 4)?;
    let bits = le16(entry, 6)?;
    let fields_ok = if kind == 1 {
        planes <= 1 && matches!(bits, 0 | 1 | 4 | 8 | 16 | 24 | 32)
    } else {
        true // a cursor's hotspot
    };
    let ok = entry[3] == 0 && size > 0 && offset >= 6 + 16 * u32::from(count) && fields_ok;
    ok.then(|| {
        if kind == 1 {
            Sniffed::new("image/vnd.microsoft.icon", "ico")
        } else {
            Sniffed::new("image/x-win-bitmap", "cur")
        }
    })
}

/// PCX (and the first page of nothing else): manufacturer 10, a known version, RLE or none,
/// 1 to 8 bits a plane, a window whose corners are in order, 1 to 4 planes.
fn pcx(head: &[u8]) -> Option<Sniffed> {
    let ok = matches!(head.get(1)?, 0 | 2 | 3 | 4 | 5)
        && *head.get(2)? <= 1
        && matches!(head.get(3)?, 1 | 2 | 4 | 8)
        && le16(head, 8)? >= le16(head, 4)?
        && le16(head, 10)? >= le16(head, 6)?
        && *head.get(64)? == 0
        && (1..=4).contains(head.get(65)?);
    ok.then(|| Sniffed::new("image/x-pcx", "pcx"))
}

/// Autodesk FLI (magic `AF11`, 320x200x8) and FLC (`AF12`, any size; `AF30`/`AF44` from
/// later tools), with frames and a size.
fn flic(head: &[u8]) -> Option<Sniffed> {
    let magic = le16(head, 4)?;
    let frames = le16(head, 6)?;
    let (width, height, depth) = (le16(head, 8)?, le16(head, 10)?, le16(head, 12)?);
    if frames == 0 || width == 0 || height == 0 || le32(head, 0)? < 128 {
        return None;
    }
    match magic {
        0xAF11 if depth == 8 => Some(Sniffed::new("video/x-fli", "fli").animated(frames > 1)),
        0xAF12 | 0xAF30 | 0xAF44 if matches!(depth, 8 | 15 | 16 | 24 | 32) => {
            Some(Sniffed::new("video/x-flc", "flc").animated(frames > 1))
        }
        _ => None,
    }
}

/// Netpbm: `P1`-`P6` then whitespace, comments and a width and height in decimal; `P7` (PAM)
/// then a header of `WIDTH`, `HEIGHT`, ... lines.
fn netpbm(head: &[u8]) -> Option<Sniffed> {
    let kind = *head.get(1)?;
    if kind == b'7' {
        let header = head.get(2..head.len().min(512))?;
        let has = |word: &[u8]| header.windows(word.len()).any(|w| w == word);
        let ok = header.first().is_some_and(u8::is_ascii_whitespace)
            && has(b"WIDTH")
            && has(b"HEIGHT")
            && has(b"ENDHDR");
        return ok.then(|| Sniffed::new("image/x-portable-arbitrarymap", "pam"));
    }
    let (mime, format) = match kind {
        b'1' | b'4' => ("image/x-portable-bitmap", "pbm"),
        b'2' | b'5' => ("image/x-portable-graymap", "pgm"),
        b'3' | b'6' => ("image/x-portable-pixmap", "ppm"),
        _ => return None,
    };
    let mut at = 2;
    let mut numbers = 0;
    while numbers < 2 {
        let start = at;
        // Whitespace and `#` comments to the end of their line.
        loop {
            match head.get(at)? {
                b if b.is_ascii_whitespace() => at += 1,
                b'#' => {
                    let line = head.get(at..)?.iter().position(|&b| b == b'\n')?;
                    at += line + 1;
                }
                _ => break,
            }
        }
        if at == start {
            return None;
        }
        let digits = head
            .get(at..)?
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 || digits > 6 {
            return None;
        }
        at += digits;
        numbers += 1;
    }
    head.get(at)
        .is_some_and(u8::is_ascii_whitespace)
        .then(|| Sniffed::new(mime, format))
}

#[cfg(test)]
mod tests {
    use super::super::sniff_head;

    #[test]
    fn signatures_with_their_checks() {
        let cases: &[(&[u8], Option<&str>)] = &[
            (
                b"\xFF\x4F\xFF\x51\0\x2F\0\0",
                Some("image/x-jp2-codestream"),
            ),
            (
                b"\0\0\0\x0CjP  \r\n\x87\n\0\0\0\x14ftypjpx \0\0\0\0",
                Some("image/jpx"),
            ),
            (
                b"\0\0\0\x0CjP  \r\n\x87\n\0\0\0\x14ftypjp2 \0\0\0\0",
                Some("image/jp2"),
            ),
            (
                b"8BPS\0\x01\0\0\0\0\0\0\0\x03",
                Some("image/vnd.adobe.photoshop"),
            ),
            (b"8BPS\0\x07\0\0\0\0\0\0\0\x03", None),
            (b"gimp xcf v011\0\0\0\0\x20", Some("image/x-xcf")),
            (b"DDS \x7C\0\0\0\x07\x10\0\0", Some("image/vnd.ms-dds")),
            (b"qoif\0\0\0\x20\0\0\0\x18\x03\0", Some("image/x-qoi")),
            (b"qoif\0\0\0\x20\0\0\0\x18\x05\0", None),
            (
                b"\x01\xDA\x01\x01\0\x03\0\x20\0\x18\0\x03",
                Some("image/x-sgi"),
            ),
            (
                b"#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n",
                Some("image/vnd.radiance"),
            ),
            (b"\xB1\x68\xDE\x3A\x10\x10\0\0", Some("image/x-dcx")),
        ];
        for (bytes, want) in cases {
            let found = sniff_head(bytes).mime;
            match want {
                Some(want) => assert_eq!(found, Some(*want), "{bytes:?}"),
                None => assert_ne!(found.map(|m| m.starts_with("image/")), Some(true)),
            }
        }
    }

    #[test]
    fn fits_needs_the_logical_true() {
        let mut card = format!("{:<80}", "SIMPLE  =                    T / conforms").into_bytes();
        card.extend(format!("{:<80}", "BITPIX  =                    8").bytes());
        assert_eq!(sniff_head(&card).mime, Some("image/fits"));
        let no = format!("{:<80}", "SIMPLE  =                    F");
        assert_eq!(sniff_head(no.as_bytes()).mime, Some("text/plain"));
    }

    #[test]
    fn netpbm_needs_dimensions() {
        assert_eq!(
            sniff_head(b"P6\n# made by hand\n32 24\n255\n\x01\x02").mime,
            Some("image/x-portable-pixmap")
        );
        assert_eq!(
            sniff_head(b"P1\n2 2\n0 1\n1 0\n").mime,
            Some("image/x-portable-bitmap")
        );
        assert_eq!(
            sniff_head(b"P7\nWIDTH 1\nHEIGHT 1\nDEPTH 4\nMAXVAL 255\nENDHDR\n\xff\xfe\x00\x80")
                .mime,
            Some("image/x-portable-arbitrarymap")
        );
        assert_eq!(sniff_head(b"P1 is a parking lot").mime, Some("text/plain"));
        assert_eq!(sniff_head(b"P5\n32").mime, Some("text/plain"));
    }

    #[test]
    fn icons_and_cursors() {
        let mut ico = vec![0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 32, 0];
        ico.extend_from_slice(&1000u32.to_le_bytes());
        ico.extend_from_slice(&22u32.to_le_bytes());
        assert_eq!(sniff_head(&ico).mime, Some("image/vnd.microsoft.icon"));
        ico[2] = 2;
        assert_eq!(sniff_head(&ico).mime, Some("image/x-win-bitmap"));
        // A directory pointing into itself is not an icon.
        ico[18] = 4;
        assert_ne!(sniff_head(&ico).mime, Some("image/x-win-bitmap"));
    }

    #[test]
    fn flic_frames_and_depth() {
        let mut fli = vec![0u8; 128];
        fli[..4].copy_from_slice(&4000u32.to_le_bytes());
        fli[4..6].copy_from_slice(&0xAF11u16.to_le_bytes());
        fli[6] = 3;
        fli[8..10].copy_from_slice(&320u16.to_le_bytes());
        fli[10..12].copy_from_slice(&200u16.to_le_bytes());
        fli[12] = 8;
        let s = sniff_head(&fli);
        assert_eq!((s.mime, s.animated), (Some("video/x-fli"), Some(true)));
        fli[4..6].copy_from_slice(&0xAF12u16.to_le_bytes());
        assert_eq!(sniff_head(&fli).mime, Some("video/x-flc"));
        fli[6] = 0;
        assert_eq!(sniff_head(&fli).mime, None);
    }
}
