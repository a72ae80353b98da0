//! [`ThumbnailFacts`]: what the `thumbnail` stage reports.

use pipes_media_core::Fact;
use serde::Serialize;

/// What the `thumbnail` stage learnt and made, reported under `stages.thumbnail.facts`.
/// `path`, `width`, `height`, `sourceWidth`, `sourceHeight`, `format`, `source`, `frameTimeMs`,
/// `thumbhash` and `hasGps` are the report contract. For a video `sourceWidth`/`sourceHeight`
/// are the coded frame size, for a PDF the page size in points.
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
    /// `pnm`, `qoi`, `dds`, `jpeg2000`, `avif` or `heic`; for a video its container (`mp4`,
    /// `3gp`, `mov`), for a document `pdf`.
    pub source_format: String,
    /// What the picture was made from: `image`, `video` (its poster frame) or `pdf` (page 1).
    pub source: String,
    /// Video: presentation time of the poster frame, in milliseconds from the start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frame_time_ms: Option<u64>,
    /// The ThumbHash placeholder of the thumbnail, base64 (empty when none could be made).
    pub thumbhash: String,
    /// Video: the codec decoded (`h264`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub codec: Option<String>,
    /// Video and PDF: `true` when the file ends before the data it announces; the picture is
    /// made from what is there (for a video the last frame of the poster's group of pictures
    /// whose data is in the file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub truncated: Option<bool>,
    /// PDF: whether page 1 is blank (no mark and no text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blank: Option<bool>,
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
    /// The whole factor the decoder shrank by while decoding: JPEG's DCT scaling decodes at
    /// `M/8` of the stored size and reports `8/M` rounded down (1, 2, 4 or 8); 1 when the
    /// decoder did not shrink.
    pub decode_scale: u32,
    /// Size of the thumbnail file in bytes.
    pub bytes: u64,
}

impl Fact for ThumbnailFacts {}
