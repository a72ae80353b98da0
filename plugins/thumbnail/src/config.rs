//! [`ThumbnailConfig`]: box size, output format, quality and limits.

/// The encoding of the thumbnail file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum OutputFormat {
    /// Baseline JPEG; transparent pixels are composited onto [`ThumbnailConfig::background`].
    #[default]
    Jpeg,
    /// PNG, keeping alpha.
    Png,
    /// Lossless WebP, keeping alpha.
    WebP,
}

impl OutputFormat {
    /// The short name used in facts (`jpeg`, `png`, `webp`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Jpeg => "jpeg",
            Self::Png => "png",
            Self::WebP => "webp",
        }
    }

    /// The file extension of a thumbnail in this format.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
            Self::WebP => "webp",
        }
    }
}

/// The chroma resolution of JPEG thumbnails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Chroma {
    /// 4:2:0 when the source is a JPEG (a camera photo: its colour is already at half
    /// resolution, and 4:2:0 is what libjpeg, libvips and phones write), 4:4:4 for PNG, GIF,
    /// WebP, BMP and TIFF sources (stickers, screenshots, graphics), whose sharp colour edges
    /// would bleed at half resolution.
    #[default]
    Auto,
    /// Always 4:4:4: full colour resolution, about a quarter more bytes and encode time.
    Full,
    /// Always 4:2:0: colour at half resolution each way.
    Half,
}

/// How thumbnails are made. Build with [`Default`] and the setters:
///
/// ```
/// use pipes_media_thumbnail::{OutputFormat, ThumbnailConfig};
/// let config = ThumbnailConfig::default().max_side(512).quality(85).format(OutputFormat::Png);
/// assert_eq!((config.max_width, config.max_height), (512, 512));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThumbnailConfig {
    /// Width of the box the thumbnail must fit (default 320).
    pub max_width: u32,
    /// Height of the box the thumbnail must fit (default 320).
    pub max_height: u32,
    /// Output encoding (default JPEG).
    pub format: OutputFormat,
    /// JPEG quality, 1-100 (default 80).
    pub quality: u8,
    /// The chroma resolution of JPEG output (default [`Chroma::Auto`]).
    pub chroma: Chroma,
    /// Background that transparent pixels are composited onto for JPEG output (default white).
    pub background: [u8; 3],
    /// Refuse images whose header declares more pixels than this (default 100 megapixels).
    pub max_pixels: u64,
    /// Refuse images whose decoding would need more memory than this (default 512 MiB).
    pub max_decode_bytes: u64,
    /// Refuse files larger than this (default 100 MiB).
    pub max_file_bytes: u64,
    /// Store the media without its GPS position (default off): when the file carries one, a
    /// copy with the EXIF GPS directory and XMP GPS properties removed, pixels untouched,
    /// replaces the received file (see [`LocationFacts`](crate::LocationFacts)).
    pub strip_location: bool,
    /// Video poster frames and PDF first pages: switches and bounds.
    pub previews: crate::PreviewConfig,
}

impl Default for ThumbnailConfig {
    fn default() -> Self {
        Self {
            max_width: 320,
            max_height: 320,
            format: OutputFormat::Jpeg,
            quality: 80,
            chroma: Chroma::Auto,
            background: [255, 255, 255],
            max_pixels: 100_000_000,
            max_decode_bytes: 512 * 1024 * 1024,
            max_file_bytes: 100 * 1024 * 1024,
            strip_location: false,
            previews: crate::PreviewConfig::default(),
        }
    }
}

impl ThumbnailConfig {
    /// Sets a square box of `side` x `side` pixels.
    pub fn max_side(mut self, side: u32) -> Self {
        self.max_width = side;
        self.max_height = side;
        self
    }

    /// Sets the box.
    pub fn box_size(mut self, width: u32, height: u32) -> Self {
        self.max_width = width;
        self.max_height = height;
        self
    }

    /// Sets the output format.
    pub fn format(mut self, format: OutputFormat) -> Self {
        self.format = format;
        self
    }

    /// Sets the JPEG quality (clamped to 1-100).
    pub fn quality(mut self, quality: u8) -> Self {
        self.quality = quality.clamp(1, 100);
        self
    }

    /// Sets the chroma resolution of JPEG output.
    pub fn chroma(mut self, chroma: Chroma) -> Self {
        self.chroma = chroma;
        self
    }

    /// Sets the background for JPEG output of transparent images.
    pub fn background(mut self, rgb: [u8; 3]) -> Self {
        self.background = rgb;
        self
    }

    /// Sets the pixel limit.
    pub fn max_pixels(mut self, max_pixels: u64) -> Self {
        self.max_pixels = max_pixels;
        self
    }

    /// Sets how videos and PDFs are pictured.
    pub fn previews(mut self, previews: crate::PreviewConfig) -> Self {
        self.previews = previews;
        self
    }

    /// Sets the decode-memory bound in bytes.
    pub fn max_decode_bytes(mut self, bytes: u64) -> Self {
        self.max_decode_bytes = bytes;
        self
    }

    /// Sets whether media is stored with its GPS position removed.
    pub fn strip_location(mut self, strip: bool) -> Self {
        self.strip_location = strip;
        self
    }
}
