//! The picture to hash: the thumbnail an earlier stage wrote (so photos, video posters and PDF
//! pages are covered alike, and the work is on 320 pixels, not 12 megapixels), else the media
//! itself when it is an image the `image` crate reads; decoded within bounds.

use std::io::Cursor;
use std::path::{Component, Path, PathBuf};

use image::{ImageDecoder, ImageReader, Limits};

use crate::error::DedupError;
use crate::phash::PerceptualHash;

/// Which picture was hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Picture {
    /// The `thumbnail` artifact at this path (absolute).
    Thumbnail(PathBuf),
    /// The media file itself (an image without a thumbnail before this stage).
    Media(PathBuf),
}

impl Picture {
    /// The name used in facts (`phashOf`).
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Self::Thumbnail(_) => "thumbnail",
            Self::Media(_) => "media",
        }
    }
}

/// The artifact path `report_path` (relative, `/`-separated) under `out_dir`, if it is a plain
/// relative path (no `..`, not absolute).
pub(crate) fn artifact_file(out_dir: &Path, report_path: &str) -> Option<PathBuf> {
    let rel = Path::new(report_path);
    rel.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| out_dir.join(rel))
}

/// Whether `head` starts like an image the fallback decodes (JPEG, PNG, GIF, WebP, BMP).
pub(crate) fn is_image(head: &[u8]) -> bool {
    head.starts_with(&[0xFF, 0xD8, 0xFF])
        || head.starts_with(b"\x89PNG\r\n\x1a\n")
        || head.starts_with(b"GIF8")
        || (head.len() >= 12 && head.starts_with(b"RIFF") && &head[8..12] == b"WEBP")
        || head.starts_with(b"BM")
}

/// Bounds of a decode.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PictureLimits {
    pub max_bytes: u64,
    pub max_pixels: u64,
    pub max_decode_bytes: u64,
}

/// Decodes the picture at `path` and hashes it; returns the hash and its unsteady bits.
/// Blocking.
pub(crate) fn hash_file(
    path: &Path,
    limits: &PictureLimits,
) -> Result<(PerceptualHash, u32), DedupError> {
    let len = std::fs::metadata(path)?.len();
    if len > limits.max_bytes {
        return Err(DedupError::TooLarge {
            what: "the picture file",
            size: len,
            limit: limits.max_bytes,
        });
    }
    let bytes = std::fs::read(path)?;
    let mut reader = ImageReader::new(Cursor::new(&bytes)).with_guessed_format()?;
    let mut image_limits = Limits::default();
    image_limits.max_alloc = Some(limits.max_decode_bytes);
    reader.limits(image_limits);
    let decoder = reader.into_decoder()?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(DedupError::TooManyPixels {
            width,
            height,
            limit: limits.max_pixels,
        });
    }
    let image = image::DynamicImage::from_decoder(decoder)?;
    let rgb = image.into_rgb8();
    PerceptualHash::analyse_rgb(rgb.as_raw(), rgb.width(), rgb.height())
        .ok_or(DedupError::EmptyPicture)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn artifact_paths_stay_inside_the_output() {
        let out = Path::new("/out");
        assert_eq!(
            artifact_file(out, "artifacts/m1/thumbnail.jpg"),
            Some(PathBuf::from("/out/artifacts/m1/thumbnail.jpg"))
        );
        assert_eq!(artifact_file(out, "../etc/passwd"), None);
        assert_eq!(artifact_file(out, "/etc/passwd"), None);
        assert!(is_image(b"\xFF\xD8\xFF\xE0"));
        assert!(!is_image(b"%PDF-1.4"));
    }
}
