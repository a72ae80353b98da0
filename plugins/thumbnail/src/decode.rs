//! Decoding to pixels: JPEG through libjpeg-turbo with DCT scaling ([`crate::jpeg`]), every
//! other format through the `image` crate, each refused from its header when over the limits.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

use crate::color::PixelLayout;
use crate::error::ThumbnailError;
use crate::jpeg::{self, JpegLimits};
use crate::orient;
use crate::sniff::SourceFormat;

/// An image decoded (possibly already shrunk by the decoder), with what its header said.
pub(crate) struct Decoded {
    pub data: Vec<u8>,
    pub layout: PixelLayout,
    pub width: u32,
    pub height: u32,
    /// Size as stored in the file.
    pub source_width: u32,
    pub source_height: u32,
    /// EXIF orientation 1-8.
    pub orientation: u8,
    pub icc: Option<Vec<u8>>,
    /// The DCT scale denominator used (1 when the decoder did not shrink).
    pub decode_scale: u32,
}

/// The limits a decode obeys.
pub(crate) struct DecodeLimits {
    pub max_pixels: u64,
    pub max_decode_bytes: u64,
}

/// Decodes `bytes` of `format`. `fit` maps the upright source size to the size the thumbnail
/// will have, so that JPEG decoding can shrink by the largest DCT factor that stays above it.
pub(crate) fn decode(
    bytes: &[u8],
    format: SourceFormat,
    limits: &DecodeLimits,
    fit: impl Fn(u32, u32) -> (u32, u32),
) -> Result<Decoded, ThumbnailError> {
    match format {
        SourceFormat::Jpeg => decode_jpeg(bytes, limits, fit),
        _ => decode_generic(bytes, format, limits),
    }
}

fn decode_jpeg(
    bytes: &[u8],
    limits: &DecodeLimits,
    fit: impl Fn(u32, u32) -> (u32, u32),
) -> Result<Decoded, ThumbnailError> {
    let jpeg_limits = JpegLimits {
        max_pixels: limits.max_pixels,
        max_decode_bytes: limits.max_decode_bytes,
    };
    let mut chosen = 1;
    let (info, pixels) = jpeg::decode(bytes, &jpeg_limits, |info| {
        let swap = orient::swaps_axes(info.orientation);
        let (dw, dh) = if swap {
            (info.height, info.width)
        } else {
            (info.width, info.height)
        };
        let (tw, th) = fit(dw, dh);
        let (tw, th) = if swap { (th, tw) } else { (tw, th) };
        chosen = dct_denominator(info.width, info.height, tw, th);
        chosen
    })?;
    Ok(Decoded {
        data: pixels.data,
        layout: pixels.layout,
        width: pixels.width,
        height: pixels.height,
        source_width: info.width,
        source_height: info.height,
        orientation: info.orientation,
        icc: info.icc,
        decode_scale: chosen,
    })
}

/// The largest of 8, 4, 2 by which a `width` x `height` JPEG can be shrunk while decoding and
/// still be at least `target_w` x `target_h` (libjpeg rounds scaled sizes up).
pub(crate) fn dct_denominator(width: u32, height: u32, target_w: u32, target_h: u32) -> u32 {
    [8, 4, 2]
        .into_iter()
        .find(|&d| width.div_ceil(d) >= target_w && height.div_ceil(d) >= target_h)
        .unwrap_or(1)
}

fn decode_generic(
    bytes: &[u8],
    format: SourceFormat,
    limits: &DecodeLimits,
) -> Result<Decoded, ThumbnailError> {
    if let Some((width, height)) = crate::sniff::header_dimensions(format, bytes) {
        check_pixels(width, height, limits)?;
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format.to_image_format());
    let mut image_limits = Limits::default();
    image_limits.max_alloc = Some(limits.max_decode_bytes);
    reader.limits(image_limits);
    let mut decoder = reader.into_decoder()?;
    let (width, height) = decoder.dimensions();
    check_pixels(width, height, limits)?;
    if width == 0 || height == 0 {
        return Err(ThumbnailError::Invalid(format!(
            "empty image {width}x{height}"
        )));
    }
    let needed = decoder.total_bytes();
    if needed > limits.max_decode_bytes {
        return Err(ThumbnailError::TooMuchMemory {
            needed,
            limit: limits.max_decode_bytes,
        });
    }
    let orientation = decoder.orientation().map(orient::to_value).unwrap_or(1);
    let icc = decoder.icc_profile().ok().flatten();
    let image = DynamicImage::from_decoder(decoder)?;
    // Alpha is kept whole here; whether it is all opaque is checked on the (small) thumbnail.
    let (data, layout) = if image.color().has_alpha() {
        (image.into_rgba8().into_raw(), PixelLayout::Rgba)
    } else {
        (image.into_rgb8().into_raw(), PixelLayout::Rgb)
    };
    Ok(Decoded {
        data,
        layout,
        width,
        height,
        source_width: width,
        source_height: height,
        orientation,
        icc,
        decode_scale: 1,
    })
}

fn check_pixels(width: u32, height: u32, limits: &DecodeLimits) -> Result<(), ThumbnailError> {
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(ThumbnailError::TooManyPixels {
            width: width.into(),
            height: height.into(),
            limit: limits.max_pixels,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dct_scale_stays_above_the_target() {
        assert_eq!(dct_denominator(6000, 4000, 320, 213), 8);
        assert_eq!(dct_denominator(1024, 768, 320, 240), 2);
        assert_eq!(dct_denominator(2560, 1920, 320, 240), 8);
        assert_eq!(dct_denominator(2559, 1919, 320, 240), 8);
        assert_eq!(dct_denominator(2552, 1912, 320, 240), 4);
        assert_eq!(dct_denominator(320, 240, 320, 240), 1);
        assert_eq!(dct_denominator(64, 64, 64, 64), 1);
    }
}
