//! [`ThumbnailFacts`]: what the `thumbnail` stage reports.

use pipes_media_core::Fact;
use serde::Serialize;

/// What the `thumbnail` stage learnt and made, reported under `stages.thumbnail.facts`.
/// `path`, `width`, `height`, `sourceWidth`, `sourceHeight`, `format` and `hasGps` are the report
/// contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ThumbnailFacts {
    /// The thumbnail file, relative to the output directory.
    pub path: String,
    /// Thumbnail width (upright).
    pub width: u32,
    /// Thumbnail height (upright).
    pub height: u32,
    /// Width of the image as stored in the file (before EXIF orientation).
    pub source_width: u32,
    /// Height of the image as stored in the file (before EXIF orientation).
    pub source_height: u32,
    /// Format of the thumbnail file: `jpeg`, `png` or `webp`.
    pub format: String,
    /// Format of the source: `jpeg`, `png`, `gif`, `webp`, `bmp`, `tiff`, `tga`, `ico`, `psd`,
    /// `pnm`, `qoi`, `dds`, `jpeg2000`, `avif` or `heic`.
    pub source_format: String,
    /// The EXIF orientation (1-8) that was applied; 1 when none.
    pub orientation: u8,
    /// The embedded ICC profile's description, if the source had one.
    pub color_profile: Option<String>,
    /// Whether the pixels were converted from that profile to sRGB (false: left as stored).
    pub icc_converted: bool,
    /// Whether the thumbnail kept transparency (PNG/WebP output of a non-opaque source).
    pub has_alpha: bool,
    /// Whether the source is animated (the thumbnail shows its first frame).
    pub animated: bool,
    /// Whether the source carries a GPS position (EXIF GPS directory, or XMP `GPSLatitude` /
    /// `GPSLongitude`), as received.
    pub has_gps: bool,
    /// The factor the decoder shrank by while decoding (JPEG DCT scaling: 1, 2, 4 or 8).
    pub decode_scale: u32,
    /// Size of the thumbnail file in bytes.
    pub bytes: u64,
}

impl Fact for ThumbnailFacts {}
