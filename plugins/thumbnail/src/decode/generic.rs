//! Formats the `image` crate decodes: PNG, GIF (first frame), TGA, ICO/CUR (the largest
//! entry), netpbm, QOI — and BMP, WebP animations and TIFF fallbacks through
//! [`decode_as`].

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use super::{DecodeLimits, Decoded};
use crate::color::PixelLayout;
use crate::error::ThumbnailError;
use crate::sniff::SourceFormat;

pub(super) fn decode(
    bytes: &[u8],
    format: SourceFormat,
    limits: &DecodeLimits,
) -> Result<Decoded, ThumbnailError> {
    let image_format = match format {
        SourceFormat::Png => ImageFormat::Png,
        SourceFormat::Gif => ImageFormat::Gif,
        SourceFormat::Tga => ImageFormat::Tga,
        SourceFormat::Ico => ImageFormat::Ico,
        SourceFormat::Pnm => ImageFormat::Pnm,
        SourceFormat::Qoi => ImageFormat::Qoi,
        SourceFormat::Bmp => ImageFormat::Bmp,
        SourceFormat::WebP => ImageFormat::WebP,
        other => {
            return Err(ThumbnailError::Unsupported(format!(
                "{} is not decoded by the image crate",
                other.as_str()
            )))
        }
    };
    if let Some((width, height)) = crate::sniff::header_dimensions(format, bytes) {
        limits.check(width, height)?;
    }
    decode_as(bytes, image_format, limits)
}

/// Decodes `bytes` as `format` with the `image` crate, within `limits`.
pub(super) fn decode_as(
    bytes: &[u8],
    format: ImageFormat,
    limits: &DecodeLimits,
) -> Result<Decoded, ThumbnailError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut image_limits = Limits::default();
    image_limits.max_alloc = Some(limits.max_decode_bytes);
    reader.limits(image_limits);
    let mut decoder = reader.into_decoder()?;
    let (width, height) = decoder.dimensions();
    limits.check(width, height)?;
    limits.check_bytes(decoder.total_bytes())?;
    let icc = decoder.icc_profile().ok().flatten();
    let image = DynamicImage::from_decoder(decoder)?;
    let (data, layout) = into_rgb(image);
    Ok(Decoded::full(data, layout, width, height, icc))
}

/// 8-bit RGB or RGBA pixels of `image` (alpha kept whole: whether it is all opaque is checked
/// on the small thumbnail). 16-bit samples keep their high byte, as Pillow and libvips do.
pub(super) fn into_rgb(image: DynamicImage) -> (Vec<u8>, PixelLayout) {
    match image {
        DynamicImage::ImageRgb8(rgb) => (rgb.into_raw(), PixelLayout::Rgb),
        DynamicImage::ImageRgba8(rgba) => (rgba.into_raw(), PixelLayout::Rgba),
        DynamicImage::ImageLuma16(grey) => {
            let rgb = grey
                .into_raw()
                .into_iter()
                .flat_map(|v| [(v >> 8) as u8; 3])
                .collect();
            (rgb, PixelLayout::Rgb)
        }
        DynamicImage::ImageLumaA16(grey) => {
            let rgba = grey
                .into_raw()
                .chunks_exact(2)
                .flat_map(|p| {
                    let v = (p[0] >> 8) as u8;
                    [v, v, v, (p[1] >> 8) as u8]
                })
                .collect();
            (rgba, PixelLayout::Rgba)
        }
        other if other.color().has_alpha() => (other.into_rgba8().into_raw(), PixelLayout::Rgba),
        other => (other.into_rgb8().into_raw(), PixelLayout::Rgb),
    }
}
