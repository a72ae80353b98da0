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
///
/// The common layouts are converted here in one pass; `image`'s own `into_rgb8` goes through
/// its colour-space machinery (a float multiply and `roundf` per sample), which cost a
/// greyscale PNG more than decoding it.
pub(super) fn into_rgb(image: DynamicImage) -> (Vec<u8>, PixelLayout) {
    match image {
        DynamicImage::ImageRgb8(rgb) => (rgb.into_raw(), PixelLayout::Rgb),
        DynamicImage::ImageRgba8(rgba) => (rgba.into_raw(), PixelLayout::Rgba),
        DynamicImage::ImageLuma8(grey) => (
            expand::<_, 1, 3>(grey.as_raw(), |p| [p[0]; 3]),
            PixelLayout::Rgb,
        ),
        DynamicImage::ImageLumaA8(grey) => (
            expand::<_, 2, 4>(grey.as_raw(), |p| [p[0], p[0], p[0], p[1]]),
            PixelLayout::Rgba,
        ),
        DynamicImage::ImageLuma16(grey) => (
            expand::<_, 1, 3>(grey.as_raw(), |p| [high_byte(p[0]); 3]),
            PixelLayout::Rgb,
        ),
        DynamicImage::ImageLumaA16(grey) => (
            expand::<_, 2, 4>(grey.as_raw(), |p| {
                let v = high_byte(p[0]);
                [v, v, v, high_byte(p[1])]
            }),
            PixelLayout::Rgba,
        ),
        DynamicImage::ImageRgb16(rgb) => (
            expand::<_, 3, 3>(rgb.as_raw(), |p| p.map(high_byte)),
            PixelLayout::Rgb,
        ),
        DynamicImage::ImageRgba16(rgba) => (
            expand::<_, 4, 4>(rgba.as_raw(), |p| p.map(high_byte)),
            PixelLayout::Rgba,
        ),
        other if other.color().has_alpha() => (other.into_rgba8().into_raw(), PixelLayout::Rgba),
        other => (other.into_rgb8().into_raw(), PixelLayout::Rgb),
    }
}

fn high_byte(v: u16) -> u8 {
    (v >> 8) as u8
}

/// Maps every `IN`-sample pixel of `samples` to an `OUT`-byte pixel (a trailing partial pixel,
/// which `image` never hands out, is ignored).
fn expand<T: Copy, const IN: usize, const OUT: usize>(
    samples: &[T],
    pixel: impl Fn([T; IN]) -> [u8; OUT],
) -> Vec<u8> {
    let (pixels, _) = samples.as_chunks::<IN>();
    pixels.iter().flat_map(|p| pixel(*p)).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use image::{ImageBuffer, Luma, LumaA, Rgb, Rgba};

    #[test]
    fn every_layout_becomes_8_bit_rgb_or_rgba() {
        let l8 = ImageBuffer::from_raw(2, 1, vec![0u8, 200]).map(DynamicImage::ImageLuma8);
        assert_eq!(
            into_rgb(l8.unwrap()),
            (vec![0, 0, 0, 200, 200, 200], PixelLayout::Rgb)
        );
        let la8 = ImageBuffer::<LumaA<u8>, _>::from_raw(1, 1, vec![7u8, 9]).unwrap();
        assert_eq!(
            into_rgb(DynamicImage::ImageLumaA8(la8)),
            (vec![7, 7, 7, 9], PixelLayout::Rgba)
        );
        let l16 = ImageBuffer::<Luma<u16>, _>::from_raw(1, 1, vec![0xABCDu16]).unwrap();
        assert_eq!(
            into_rgb(DynamicImage::ImageLuma16(l16)),
            (vec![0xAB; 3], PixelLayout::Rgb)
        );
        let rgb16 = ImageBuffer::<Rgb<u16>, _>::from_raw(1, 1, vec![0x00FFu16, 0x0100, 0xFFFF]);
        assert_eq!(
            into_rgb(DynamicImage::ImageRgb16(rgb16.unwrap())),
            (vec![0, 1, 255], PixelLayout::Rgb)
        );
        let rgba16 =
            ImageBuffer::<Rgba<u16>, _>::from_raw(1, 1, vec![0x1234u16, 0, 0xFF00, 0x80FF]);
        assert_eq!(
            into_rgb(DynamicImage::ImageRgba16(rgba16.unwrap())),
            (vec![0x12, 0, 0xFF, 0x80], PixelLayout::Rgba)
        );
        let la16 = ImageBuffer::<LumaA<u16>, _>::from_raw(1, 1, vec![0x4000u16, 0xFFFF]).unwrap();
        assert_eq!(
            into_rgb(DynamicImage::ImageLumaA16(la16)),
            (vec![0x40, 0x40, 0x40, 0xFF], PixelLayout::Rgba)
        );
        // Float images (not produced by the formats above) still go through `image`.
        let f32 = ImageBuffer::<Rgb<f32>, _>::from_raw(1, 1, vec![1.0f32, 0.0, 0.5]).unwrap();
        let (data, layout) = into_rgb(DynamicImage::ImageRgb32F(f32));
        assert_eq!((data.len(), layout), (3, PixelLayout::Rgb));
    }
}
