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
}

impl SourceFormat {
    /// Recognises the format from the magic number at the start of `head`.
    pub(crate) fn sniff(head: &[u8]) -> Option<Self> {
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
        } else if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
            Some(Self::Tiff)
        } else {
            None
        }
    }

    /// The format for a MIME type (`image/jpeg`…), if it is one this stage reads.
    pub(crate) fn from_mime(mime: &str) -> Option<Self> {
        match mime {
            "image/jpeg" | "image/jpg" | "image/pjpeg" => Some(Self::Jpeg),
            "image/png" | "image/apng" => Some(Self::Png),
            "image/gif" => Some(Self::Gif),
            "image/webp" => Some(Self::WebP),
            "image/bmp" | "image/x-bmp" | "image/x-ms-bmp" => Some(Self::Bmp),
            "image/tiff" => Some(Self::Tiff),
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
        }
    }

    /// The `image` crate's name for the format.
    pub(crate) fn to_image_format(self) -> image::ImageFormat {
        match self {
            Self::Jpeg => image::ImageFormat::Jpeg,
            Self::Png => image::ImageFormat::Png,
            Self::Gif => image::ImageFormat::Gif,
            Self::WebP => image::ImageFormat::WebP,
            Self::Bmp => image::ImageFormat::Bmp,
            Self::Tiff => image::ImageFormat::Tiff,
        }
    }
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
        SourceFormat::Jpeg | SourceFormat::Tiff => None,
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
