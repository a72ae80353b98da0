//! Pictures of what is not a photo: the dispatch from a file to the image, video or PDF path,
//! and the finishing of a video poster or a PDF page into the same thumbnail file and facts as
//! an image's (encoded as configured, with its ThumbHash).

pub(crate) mod config;
pub(crate) mod source;

use std::path::Path;

use crate::color::PixelLayout;
use crate::config::{Chroma, OutputFormat, ThumbnailConfig};
use crate::error::ThumbnailError;
use crate::facts::ThumbnailFacts;
use crate::render::{self, Rendered};
pub(crate) use source::Source;

/// Makes the thumbnail of the file at `path`, which is a `source`. Blocking.
pub(crate) fn render_path(
    path: &Path,
    source: Source,
    config: &ThumbnailConfig,
) -> Result<Rendered, ThumbnailError> {
    match source {
        Source::Image => {
            let bytes = std::fs::read(path)?;
            render::render(&bytes, config, None)
        }
        #[cfg(feature = "video")]
        Source::Video => {
            let mut file = std::fs::File::open(path)?;
            video(&mut file, config)
        }
        #[cfg(feature = "pdf")]
        Source::Pdf => pdf(std::fs::read(path)?, config),
        #[allow(unreachable_patterns)]
        other => Err(ThumbnailError::Unsupported(format!(
            "{} pictures are not in this build",
            other.as_str()
        ))),
    }
}

/// Makes the thumbnail of a whole file in memory: a video or a PDF when its bytes say so, an
/// image otherwise.
pub(crate) fn render_bytes(
    bytes: &[u8],
    config: &ThumbnailConfig,
) -> Result<Rendered, ThumbnailError> {
    match Source::sniff(bytes, config) {
        #[cfg(feature = "video")]
        Some(Source::Video) => video(&mut std::io::Cursor::new(bytes), config),
        #[cfg(feature = "pdf")]
        Some(Source::Pdf) => pdf(bytes.to_vec(), config),
        _ => render::render(bytes, config, None),
    }
}

#[cfg(feature = "video")]
fn video<R: std::io::Read + std::io::Seek>(
    file: &mut R,
    config: &ThumbnailConfig,
) -> Result<Rendered, ThumbnailError> {
    let p = &config.previews;
    let limits = crate::video::VideoLimits {
        max_pixels: config.max_pixels,
        max_moov_bytes: p.max_moov_bytes,
        max_sample_bytes: p.max_sample_bytes,
        max_gop_bytes: p.max_gop_bytes,
        max_gop_frames: p.max_gop_frames,
        max_scan_samples: 100_000,
        time_limit: p.time_limit,
    };
    let (box_w, box_h) = (config.max_width.max(1), config.max_height.max(1));
    let poster = crate::video::poster(file, box_w, box_h, &limits)?;
    let (bytes, thumbhash) = finish(&poster.rgb, poster.width, poster.height, config, true)?;
    Ok(Rendered {
        facts: ThumbnailFacts {
            source: Source::Video.as_str().to_owned(),
            frame_time_ms: Some(poster.frame_time_ms),
            codec: Some(poster.codec.to_owned()),
            truncated: poster.cut_short.then_some(true),
            ..frame_facts(&poster, config, &bytes, thumbhash)
        },
        bytes,
    })
}

#[cfg(feature = "video")]
fn frame_facts(
    poster: &crate::video::Poster,
    config: &ThumbnailConfig,
    bytes: &[u8],
    thumbhash: String,
) -> ThumbnailFacts {
    ThumbnailFacts {
        source_width: poster.source_width,
        source_height: poster.source_height,
        source_format: poster.container.to_owned(),
        orientation: poster.orientation,
        ..picture_facts(poster.width, poster.height, config, bytes, thumbhash)
    }
}

#[cfg(feature = "pdf")]
fn pdf(bytes: Vec<u8>, config: &ThumbnailConfig) -> Result<Rendered, ThumbnailError> {
    let p = &config.previews;
    let limits = crate::pdf::PdfLimits {
        budget: crate::pdf::Budget {
            max_stream_bytes: p.pdf_max_stream_bytes,
            max_total_bytes: p.pdf_max_total_bytes,
            max_image_pixels: config.max_pixels,
            max_objects: p.pdf_max_objects,
        },
        time_limit: p.time_limit,
    };
    let (box_w, box_h) = (config.max_width.max(1), config.max_height.max(1));
    let page = crate::pdf::first_page(bytes, box_w, box_h, &limits)?;
    let (bytes, thumbhash) = finish(&page.rgb, page.width, page.height, config, false)?;
    Ok(Rendered {
        facts: ThumbnailFacts {
            source_width: page.page_width,
            source_height: page.page_height,
            source_format: "pdf".to_owned(),
            source: Source::Pdf.as_str().to_owned(),
            blank: Some(page.blank),
            truncated: page.cut_short.then_some(true),
            ..picture_facts(page.width, page.height, config, &bytes, thumbhash)
        },
        bytes,
    })
}

/// The facts of a picture made here (not an image file): its size, format and hash; the
/// caller fills in what it knows of the source.
#[allow(dead_code)]
fn picture_facts(
    width: u32,
    height: u32,
    config: &ThumbnailConfig,
    bytes: &[u8],
    thumbhash: String,
) -> ThumbnailFacts {
    ThumbnailFacts {
        path: String::new(),
        width,
        height,
        source_width: width,
        source_height: height,
        format: config.format.as_str().to_owned(),
        source_format: String::new(),
        source: String::new(),
        frame_time_ms: None,
        thumbhash,
        codec: None,
        truncated: None,
        blank: None,
        has_gps: false,
        orientation: 1,
        color_profile: None,
        icc_converted: false,
        has_alpha: false,
        animated: false,
        decode_scale: 1,
        bytes: bytes.len() as u64,
    }
}

/// Encodes an opaque, upright RGB picture as `config` says, and computes its ThumbHash.
/// `photo_like`: JPEG output at [`Chroma::Auto`] uses 4:2:0 (video frames), else 4:4:4
/// (pages of text).
#[allow(dead_code)]
fn finish(
    rgb: &[u8],
    width: u32,
    height: u32,
    config: &ThumbnailConfig,
    photo_like: bool,
) -> Result<(Vec<u8>, String), ThumbnailError> {
    let thumbhash = crate::thumbhash::encode(rgb, width, height, PixelLayout::Rgb, None);
    let bytes = match config.format {
        OutputFormat::Jpeg => {
            let subsample = match config.chroma {
                Chroma::Half => true,
                Chroma::Full => false,
                Chroma::Auto => photo_like,
            };
            render::encode_jpeg(rgb, width, height, config.quality, subsample)?
        }
        OutputFormat::Png => render::encode_image(
            rgb,
            width,
            height,
            PixelLayout::Rgb,
            image::ImageFormat::Png,
        )?,
        OutputFormat::WebP => render::encode_image(
            rgb,
            width,
            height,
            PixelLayout::Rgb,
            image::ImageFormat::WebP,
        )?,
    };
    Ok((bytes, thumbhash))
}
