//! The pixel path from file bytes to thumbnail bytes: sniff, decode (shrinking on load), resize
//! with Lanczos3, convert colour, turn upright, flatten, encode.

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

use crate::color::{self, PixelLayout};
use crate::config::{Chroma, OutputFormat, ThumbnailConfig};
use crate::decode::{self, DecodeLimits, Decoded, Request};
use crate::error::ThumbnailError;
use crate::facts::ThumbnailFacts;
use crate::sniff::{self, SourceFormat};
use crate::{meta, orient};

/// A finished thumbnail: the encoded bytes and what is known about it (its `path` still empty).
pub(crate) struct Rendered {
    pub bytes: Vec<u8>,
    pub facts: ThumbnailFacts,
}

/// Makes the thumbnail of `bytes` (a whole image file) as `config` says; `hint` (the declared
/// type or the file name's) decides for formats without a magic number.
pub(crate) fn render(
    bytes: &[u8],
    config: &ThumbnailConfig,
    hint: Option<SourceFormat>,
) -> Result<Rendered, ThumbnailError> {
    let format = SourceFormat::sniff_with_hint(bytes, hint).ok_or_else(|| {
        ThumbnailError::Unsupported(match hint {
            Some(f) => format!("declared as {} but not one", f.as_str()),
            None => "not an image format this stage reads".into(),
        })
    })?;
    let limits = DecodeLimits {
        max_pixels: config.max_pixels,
        max_decode_bytes: config.max_decode_bytes,
    };
    let (box_w, box_h) = (config.max_width.max(1), config.max_height.max(1));
    let fit = |w: u32, h: u32| fit_box(w, h, box_w, box_h);
    let animated = sniff::is_animated(format, head(bytes));
    let meta = meta::read(format, bytes);
    let orientation = meta.orientation;
    let request = Request {
        limits: &limits,
        fit: &fit,
        orientation,
    };
    let decoded = decode::decode(bytes, format, &request)?;
    let Decoded {
        data,
        layout,
        width,
        height,
        source_width,
        source_height,
        icc,
        decode_scale,
        orientation: own_orientation,
    } = decoded;
    let orientation = own_orientation.unwrap_or(orientation);

    // Target size, upright, then in stored orientation for the resize.
    let swap = orient::swaps_axes(orientation);
    let (display_w, display_h) = if swap {
        (source_height, source_width)
    } else {
        (source_width, source_height)
    };
    let (out_w, out_h) = fit_box(display_w, display_h, box_w, box_h);
    let (stored_w, stored_h) = if swap { (out_h, out_w) } else { (out_w, out_h) };

    let data = resize(data, layout, width, height, stored_w, stored_h)?;
    let (data, layout) = if layout == PixelLayout::Rgba && color::is_opaque(&data) {
        (color::drop_alpha(&data), PixelLayout::Rgb)
    } else {
        (data, layout)
    };
    let (data, layout, profile) = color::to_srgb(data, layout, icc.as_deref());
    let (data, w, h) = orient::apply(data, stored_w, stored_h, layout.channels(), orientation);

    let has_alpha = layout == PixelLayout::Rgba && config.format != OutputFormat::Jpeg;
    let flatten_onto = (config.format == OutputFormat::Jpeg).then_some(config.background);
    let thumbhash = crate::thumbhash::encode(&data, w, h, layout, flatten_onto);
    let bytes = match config.format {
        OutputFormat::Jpeg => {
            let rgb = if layout == PixelLayout::Rgba {
                color::flatten(&data, config.background)
            } else {
                data
            };
            let subsample = match config.chroma {
                Chroma::Half => true,
                Chroma::Full => false,
                Chroma::Auto => format.is_photo(),
            };
            encode_jpeg(&rgb, w, h, config.quality, subsample)?
        }
        OutputFormat::Png => encode_image(&data, w, h, layout, image::ImageFormat::Png)?,
        OutputFormat::WebP => encode_image(&data, w, h, layout, image::ImageFormat::WebP)?,
    };
    Ok(Rendered {
        facts: ThumbnailFacts {
            path: String::new(),
            width: w,
            height: h,
            source_width,
            source_height,
            format: config.format.as_str().to_owned(),
            source_format: format.as_str().to_owned(),
            source: "image".to_owned(),
            frame_time_ms: None,
            thumbhash,
            codec: None,
            truncated: None,
            blank: None,
            orientation,
            color_profile: profile.description,
            icc_converted: profile.converted,
            has_alpha,
            animated,
            has_gps: meta.has_gps,
            decode_scale,
            bytes: bytes.len() as u64,
        },
        bytes,
    })
}

fn head(bytes: &[u8]) -> &[u8] {
    bytes.get(..bytes.len().min(64 * 1024)).unwrap_or_default()
}

/// The size of a `width` x `height` image fitted into the box, aspect ratio kept (rounded to
/// the nearest pixel, at least 1), never enlarged.
pub(crate) fn fit_box(width: u32, height: u32, box_w: u32, box_h: u32) -> (u32, u32) {
    if width <= box_w && height <= box_h {
        return (width.max(1), height.max(1));
    }
    let (w, h, bw, bh) = (
        u64::from(width),
        u64::from(height),
        u64::from(box_w),
        u64::from(box_h),
    );
    let (ow, oh) = if w * bh >= h * bw {
        // Width is the limiting side.
        (bw, (h * bw * 2 + w) / (w * 2))
    } else {
        ((w * bh * 2 + h) / (h * 2), bh)
    };
    (
        u32::try_from(ow).unwrap_or(box_w).max(1),
        u32::try_from(oh).unwrap_or(box_h).max(1),
    )
}

/// Resizes with a Lanczos3 convolution (its support widens with the ratio, so downscaling
/// averages every source pixel: no aliasing). Alpha is premultiplied during the resize.
fn resize(
    data: Vec<u8>,
    layout: PixelLayout,
    width: u32,
    height: u32,
    to_w: u32,
    to_h: u32,
) -> Result<Vec<u8>, ThumbnailError> {
    if (width, height) == (to_w, to_h) {
        return Ok(data);
    }
    let pixel_type = match layout {
        PixelLayout::Rgb => PixelType::U8x3,
        PixelLayout::Rgba | PixelLayout::Cmyk => PixelType::U8x4,
    };
    let src = ImageRef::new(width, height, &data, pixel_type)
        .map_err(|e| ThumbnailError::Resize(e.to_string()))?;
    let mut dst = Image::new(to_w, to_h, pixel_type);
    let options = ResizeOptions::new()
        .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
        .use_alpha(layout == PixelLayout::Rgba);
    Resizer::new()
        .resize(&src, &mut dst, &options)
        .map_err(|e| ThumbnailError::Resize(e.to_string()))?;
    Ok(dst.into_vec())
}

pub(crate) fn encode_jpeg(
    rgb: &[u8],
    width: u32,
    height: u32,
    quality: u8,
    subsample: bool,
) -> Result<Vec<u8>, ThumbnailError> {
    let (w, h) = (
        u16::try_from(width).map_err(|_| ThumbnailError::Encode("width over 65535".into()))?,
        u16::try_from(height).map_err(|_| ThumbnailError::Encode("height over 65535".into()))?,
    );
    let mut out = Vec::with_capacity(rgb.len() / 8 + 1024);
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality.clamp(1, 100));
    encoder.set_sampling_factor(if subsample {
        jpeg_encoder::SamplingFactor::F_2_2
    } else {
        jpeg_encoder::SamplingFactor::F_1_1
    });
    encoder
        .encode(rgb, w, h, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| ThumbnailError::Encode(e.to_string()))?;
    Ok(out)
}

pub(crate) fn encode_image(
    data: &[u8],
    width: u32,
    height: u32,
    layout: PixelLayout,
    format: image::ImageFormat,
) -> Result<Vec<u8>, ThumbnailError> {
    let color = match layout {
        PixelLayout::Rgba => image::ExtendedColorType::Rgba8,
        _ => image::ExtendedColorType::Rgb8,
    };
    let mut out = std::io::Cursor::new(Vec::new());
    image::write_buffer_with_format(&mut out, data, width, height, color, format)
        .map_err(|e| ThumbnailError::Encode(e.to_string()))?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_the_box_without_upscaling() {
        assert_eq!(fit_box(6000, 4000, 320, 320), (320, 213));
        assert_eq!(fit_box(4000, 6000, 320, 320), (213, 320));
        assert_eq!(fit_box(400, 600, 320, 320), (213, 320));
        assert_eq!(fit_box(100, 50, 320, 320), (100, 50));
        assert_eq!(fit_box(1, 1, 320, 320), (1, 1));
        assert_eq!(fit_box(20000, 1, 320, 320), (320, 1));
        assert_eq!(fit_box(1920, 1080, 320, 320), (320, 180));
        assert_eq!(fit_box(3640, 2400, 320, 320), (320, 211));
    }
}
