//! Image formats recognised from their first bytes, whatever the name or declared type says.

/// An image format this stage reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SourceFormat {
    Jpeg,
    Png,
    Gif,
    WebP,
    Bmp,
    Tiff,
    /// Truevision TGA (no magic number: recognised by its footer or a declared type).
    Tga,
    /// Windows icon or cursor.
    Ico,
    /// Photoshop document (its composite image).
    Psd,
    /// Netpbm: PBM, PGM, PPM (plain and raw), PAM.
    Pnm,
    Qoi,
    /// DirectDraw Surface.
    Dds,
    /// JPEG 2000: a JP2 file or a bare codestream.
    Jpeg2000,
    Avif,
    /// HEIC/HEIF (HEVC-coded HEIF).
    Heic,
}

impl SourceFormat {
    /// Recognises the format from `head`, with `hint` (the declared or sniffed type, or the file
    /// name's extension) deciding for formats without a magic number (TGA).
    pub(crate) fn sniff_with_hint(head: &[u8], hint: Option<Self>) -> Option<Self> {
        Self::sniff(head).or_else(|| {
            (hint == Some(Self::Tga) && tga_header_is_plausible(head)).then_some(Self::Tga)
        })
    }

    /// The format for a file name's extension (`photo.TGA`), for formats without a magic number.
    pub(crate) fn from_file_name(name: &str) -> Option<Self> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "tga" | "icb" | "vda" | "vst" => Some(Self::Tga),
            _ => None,
        }
    }

    /// Recognises the format from the magic number at the start of `head`.
    pub(crate) fn sniff(head: &[u8]) -> Option<Self> {
        if let Some(format) = Self::sniff_more(head) {
            return Some(format);
        }
        if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
            Some(Self::Gif)
        } else if head.len() >= 12 && head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP")
        {
            Some(Self::WebP)
        } else if head.starts_with(b"BM") && head.len() >= 18 {
            Some(Self::Bmp)
        } else if head.starts_with(b"II*\0")
            || head.starts_with(b"MM\0*")
            || head.starts_with(b"II+\0")
            || head.starts_with(b"MM\0+")
        {
            Some(Self::Tiff)
        } else {
            None
        }
    }

    /// The formats added after the first six, kept apart so each check reads on its own.
    fn sniff_more(head: &[u8]) -> Option<Self> {
        if head.starts_with(b"8BPS") && matches!(head.get(4..6), Some([0, 1] | [0, 2])) {
            return Some(Self::Psd);
        }
        if head.starts_with(b"qoif") && head.len() >= 14 {
            return Some(Self::Qoi);
        }
        if head.starts_with(b"DDS ") && head.len() >= 128 {
            return Some(Self::Dds);
        }
        if head.starts_with(b"\0\0\0\x0cjP  \r\n\x87\n")
            || head.starts_with(&[0xFF, 0x4F, 0xFF, 0x51])
        {
            return Some(Self::Jpeg2000);
        }
        if let Some(format) = heif_brand(head) {
            return Some(format);
        }
        if is_netpbm(head) {
            return Some(Self::Pnm);
        }
        if is_icon(head) {
            return Some(Self::Ico);
        }
        if head.len() >= 44 && head.get(head.len() - 18..) == Some(b"TRUEVISION-XFILE.\0") {
            return Some(Self::Tga);
        }
        None
    }

    /// The format for a MIME type (`image/jpeg`…), if it is one this stage reads.
    pub(crate) fn from_mime(mime: &str) -> Option<Self> {
        match mime {
            "image/jpeg" | "image/jpg" | "image/pjpeg" => Some(Self::Jpeg),
            "image/png" | "image/apng" => Some(Self::Png),
            "image/gif" => Some(Self::Gif),
            "image/webp" => Some(Self::WebP),
            "image/bmp" | "image/x-bmp" | "image/x-ms-bmp" => Some(Self::Bmp),
            "image/tiff" | "image/tiff-fx" => Some(Self::Tiff),
            "image/tga" | "image/x-tga" | "image/targa" | "image/x-targa" => Some(Self::Tga),
            "image/vnd.microsoft.icon" | "image/x-icon" | "image/ico" | "image/x-win-bitmap" => {
                Some(Self::Ico)
            }
            "image/vnd.adobe.photoshop"
            | "image/x-photoshop"
            | "image/psd"
            | "application/x-photoshop"
            | "application/photoshop" => Some(Self::Psd),
            "image/x-portable-anymap"
            | "image/x-portable-bitmap"
            | "image/x-portable-graymap"
            | "image/x-portable-pixmap"
            | "image/x-portable-arbitrarymap" => Some(Self::Pnm),
            "image/qoi" | "image/x-qoi" => Some(Self::Qoi),
            "image/vnd-ms.dds" | "image/vnd.ms-dds" | "image/x-dds" => Some(Self::Dds),
            "image/jp2" | "image/jpx" | "image/jpm" | "image/j2k" | "image/x-jp2" => {
                Some(Self::Jpeg2000)
            }
            "image/avif" | "image/avif-sequence" => Some(Self::Avif),
            "image/heic" | "image/heif" | "image/heic-sequence" | "image/heif-sequence" => {
                Some(Self::Heic)
            }
            _ => None,
        }
    }

    /// The short name used in facts.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Jpeg => "jpeg",
            Self::Png => "png",
            Self::Gif => "gif",
            Self::WebP => "webp",
            Self::Bmp => "bmp",
            Self::Tiff => "tiff",
            Self::Tga => "tga",
            Self::Ico => "ico",
            Self::Psd => "psd",
            Self::Pnm => "pnm",
            Self::Qoi => "qoi",
            Self::Dds => "dds",
            Self::Jpeg2000 => "jpeg2000",
            Self::Avif => "avif",
            Self::Heic => "heic",
        }
    }

    /// Whether photos in this format usually carry camera colour at half resolution (JPEG,
    /// HEIC, AVIF), so that a 4:2:0 thumbnail loses nothing.
    pub(crate) fn is_photo(self) -> bool {
        matches!(self, Self::Jpeg | Self::Heic | Self::Avif)
    }
}

/// AVIF or HEIC from the `ftyp` box's brands (major and compatible).
fn heif_brand(head: &[u8]) -> Option<SourceFormat> {
    if head.get(4..8) != Some(b"ftyp") {
        return None;
    }
    let size = usize::try_from(u32::from_be_bytes(head.get(..4)?.try_into().ok()?)).ok()?;
    let body = head.get(8..size.clamp(16, 512).min(head.len()))?;
    let brands: Vec<&[u8]> = body
        .chunks_exact(4)
        .enumerate()
        .filter(|(i, _)| *i != 1)
        .map(|(_, b)| b)
        .collect();
    let any = |names: &[&[u8]]| brands.iter().any(|b| names.contains(b));
    if any(&[b"avif", b"avis"]) {
        Some(SourceFormat::Avif)
    } else if any(&[
        b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1",
    ]) {
        Some(SourceFormat::Heic)
    } else {
        None
    }
}

/// `P1`-`P7` followed by whitespace (PBM, PGM, PPM plain and raw; PAM).
fn is_netpbm(head: &[u8]) -> bool {
    matches!(head, [b'P', b'1'..=b'7', w, ..] if w.is_ascii_whitespace())
}

/// An ICO or CUR directory: reserved 0, type 1 or 2, 1-255 images, and a first entry whose data
/// lies after the directory.
fn is_icon(head: &[u8]) -> bool {
    let le16 = |at: usize| {
        head.get(at..at + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
    };
    let le32 = |at: usize| {
        head.get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let (Some(0), Some(kind @ (1 | 2)), Some(count @ 1..=255)) = (le16(0), le16(2), le16(4)) else {
        return false;
    };
    let reserved = head.get(9) == Some(&0);
    let planes_ok = kind == 2 || le16(10).is_some_and(|p| p <= 1);
    let offset_ok = le32(18).is_some_and(|o| o >= 6 + 16 * u32::from(count));
    let size_ok = le32(14).is_some_and(|s| s > 0);
    reserved && planes_ok && offset_ok && size_ok
}

/// Whether an 18-byte TGA header makes sense: colour map type 0/1, a known image type, a known
/// pixel depth, a non-empty size.
fn tga_header_is_plausible(head: &[u8]) -> bool {
    let Some(h) = head.get(..18) else {
        return false;
    };
    let cmap_type = h[1];
    let image_type = h[2];
    let depth = h[16];
    let width = u16::from_le_bytes([h[12], h[13]]);
    let height = u16::from_le_bytes([h[14], h[15]]);
    cmap_type <= 1
        && matches!(image_type, 1 | 2 | 3 | 9 | 10 | 11)
        && matches!(depth, 8 | 15 | 16 | 24 | 32)
        && width > 0
        && height > 0
        && (cmap_type == 1 || !matches!(image_type, 1 | 9))
}

/// Whether a GIF or WebP file is animated, judged from its head: the VP8X animation flag for
/// WebP, the NETSCAPE2.0 looping extension or a second image descriptor for GIF.
pub(crate) fn is_animated(format: SourceFormat, head: &[u8]) -> bool {
    match format {
        SourceFormat::WebP => {
            head.get(12..16) == Some(b"VP8X") && head.get(20).is_some_and(|flags| flags & 0x02 != 0)
        }
        SourceFormat::Gif => head.windows(11).any(|w| w == b"NETSCAPE2.0"),
        _ => false,
    }
}

/// The size a PNG, GIF, WebP or BMP header declares, read straight from the bytes so that a
/// bomb is refused before any decoder (or its buffers) exists. `None` when the header is too
/// short or the format keeps its size elsewhere (TIFF, JPEG: their decoders check).
pub(crate) fn header_dimensions(format: SourceFormat, bytes: &[u8]) -> Option<(u32, u32)> {
    let be32 = |at: usize| {
        bytes
            .get(at..at + 4)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_be_bytes)
    };
    let le16 = |at: usize| {
        bytes
            .get(at..at + 2)
            .and_then(|b| b.try_into().ok())
            .map(|b| u32::from(u16::from_le_bytes(b)))
    };
    let le24 = |at: usize| {
        bytes.get(at..at + 3).map(|b| {
            b.iter()
                .rev()
                .fold(0u32, |acc, &v| (acc << 8) | u32::from(v))
        })
    };
    let le32 = |at: usize| {
        bytes
            .get(at..at + 4)
            .and_then(|b| b.try_into().ok())
            .map(i32::from_le_bytes)
    };
    match format {
        SourceFormat::Png => Some((be32(16)?, be32(20)?)),
        SourceFormat::Gif => Some((le16(6)?, le16(8)?)),
        SourceFormat::WebP => match bytes.get(12..16)? {
            b"VP8X" => Some((le24(24)? + 1, le24(27)? + 1)),
            b"VP8 " => Some((le16(26)? & 0x3FFF, le16(28)? & 0x3FFF)),
            b"VP8L" => {
                let bits = le32(21)? as u32;
                Some(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
            }
            _ => None,
        },
        SourceFormat::Bmp => {
            if le32(14)? == 12 {
                Some((le16(18)?, le16(20)?))
            } else {
                Some((le32(18)?.unsigned_abs(), le32(22)?.unsigned_abs()))
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_magic_numbers() {
        assert_eq!(
            SourceFormat::sniff(b"\xFF\xD8\xFF\xE0rest"),
            Some(SourceFormat::Jpeg)
        );
        assert_eq!(
            SourceFormat::sniff(b"\x89PNG\r\n\x1a\n\0\0"),
            Some(SourceFormat::Png)
        );
        assert_eq!(SourceFormat::sniff(b"GIF89a...."), Some(SourceFormat::Gif));
        assert_eq!(
            SourceFormat::sniff(b"RIFF\0\0\0\0WEBPVP8 "),
            Some(SourceFormat::WebP)
        );
        assert_eq!(SourceFormat::sniff(b"RIFF\0\0\0\0WAVEfmt "), None);
        assert_eq!(SourceFormat::sniff(b"%PDF-1.7"), None);
        assert_eq!(SourceFormat::sniff(b""), None);
        assert_eq!(
            SourceFormat::from_mime("image/webp"),
            Some(SourceFormat::WebP)
        );
        assert_eq!(SourceFormat::from_mime("audio/ogg"), None);
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&20_000u32.to_be_bytes());
        png.extend_from_slice(&30_000u32.to_be_bytes());
        assert_eq!(
            header_dimensions(SourceFormat::Png, &png),
            Some((20_000, 30_000))
        );
        assert_eq!(header_dimensions(SourceFormat::Png, &png[..20]), None);
        assert_eq!(
            header_dimensions(SourceFormat::Gif, b"GIF89a\x40\x01\xF0\x00"),
            Some((320, 240))
        );
    }
}
