//! Decoding to pixels, each format refused from its header when over the limits:
//!
//! | format | decoder |
//! | --- | --- |
//! | JPEG, MPO | libjpeg-turbo with DCT scaling ([`jpeg`]) |
//! | WebP | libwebp, scaling while decoding ([`webp`]); animations through `image-webp` |
//! | TIFF | [`tiff`], over the compression crates (`weezl`, `flate2`, `fax`, `lzma-rs`) |
//! | PSD | [`psd`] (the composite image) |
//! | JPEG 2000 | `hayro-jpeg2000` ([`jp2`]) |
//! | AVIF | `rav1d` ([`avif`]) |
//! | HEIC | `heic-rs` ([`heic`]) |
//! | DDS | [`dds`] (BC1-BC5, uncompressed) |
//! | PNG, GIF, BMP, TGA, ICO/CUR, netpbm, QOI | the `image` crate ([`generic`]) |

mod av1;
mod avif;
mod bmp;
mod dds;
mod generic;
mod heic;
mod jp2;
pub(crate) mod jpeg;
mod psd;
mod tiff;
mod webp;

use crate::color::PixelLayout;
use crate::error::ThumbnailError;
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
    pub icc: Option<Vec<u8>>,
    /// The factor the decoder shrank by (1 when it did not).
    pub decode_scale: u32,
    /// The orientation to apply instead of the metadata's, when the format defines its own
    /// (HEIF `irot`/`imir`; 1 when the decoder already applied it).
    pub orientation: Option<u8>,
}

impl Decoded {
    /// A full-size decode of 8-bit pixels.
    pub(crate) fn full(
        data: Vec<u8>,
        layout: PixelLayout,
        width: u32,
        height: u32,
        icc: Option<Vec<u8>>,
    ) -> Self {
        Self {
            data,
            layout,
            width,
            height,
            source_width: width,
            source_height: height,
            icc,
            decode_scale: 1,
            orientation: None,
        }
    }
}

/// The limits a decode obeys.
pub(crate) struct DecodeLimits {
    pub max_pixels: u64,
    pub max_decode_bytes: u64,
}

impl DecodeLimits {
    /// Refuses a `width` x `height` image over the pixel limit, or empty.
    pub(crate) fn check(&self, width: u32, height: u32) -> Result<(), ThumbnailError> {
        if u64::from(width) * u64::from(height) > self.max_pixels {
            return Err(ThumbnailError::TooManyPixels {
                width: width.into(),
                height: height.into(),
                limit: self.max_pixels,
            });
        }
        if width == 0 || height == 0 {
            return Err(ThumbnailError::Invalid(format!(
                "empty image {width}x{height}"
            )));
        }
        Ok(())
    }

    /// Refuses an allocation of `bytes` over the memory bound.
    pub(crate) fn check_bytes(&self, bytes: u64) -> Result<(), ThumbnailError> {
        if bytes > self.max_decode_bytes {
            return Err(ThumbnailError::TooMuchMemory {
                needed: bytes,
                limit: self.max_decode_bytes,
            });
        }
        Ok(())
    }

    /// Checks both for a `width` x `height` image of `bytes_per_pixel`.
    pub(crate) fn check_image(
        &self,
        width: u32,
        height: u32,
        bytes_per_pixel: u64,
    ) -> Result<(), ThumbnailError> {
        self.check(width, height)?;
        self.check_bytes(u64::from(width) * u64::from(height) * bytes_per_pixel)
    }
}

/// What a decoder needs besides the bytes: the limits, and where the thumbnail is going.
pub(crate) struct Request<'a> {
    pub limits: &'a DecodeLimits,
    /// Maps an upright source size to the thumbnail's size, so decoders that can shrink while
    /// decoding (JPEG, WebP) stay just above it.
    pub fit: &'a dyn Fn(u32, u32) -> (u32, u32),
    /// The orientation the metadata gives (1-8): what "upright" means for `fit`.
    pub orientation: u8,
}

impl Request<'_> {
    /// The thumbnail's size in stored orientation for a stored `width` x `height` image.
    pub(crate) fn target(&self, width: u32, height: u32) -> (u32, u32) {
        let swap = crate::orient::swaps_axes(self.orientation);
        let (w, h) = if swap {
            (height, width)
        } else {
            (width, height)
        };
        let (tw, th) = (self.fit)(w, h);
        if swap {
            (th, tw)
        } else {
            (tw, th)
        }
    }
}

/// Decodes `bytes` of `format`.
pub(crate) fn decode(
    bytes: &[u8],
    format: SourceFormat,
    request: &Request<'_>,
) -> Result<Decoded, ThumbnailError> {
    match format {
        SourceFormat::Jpeg => decode_jpeg(bytes, request),
        SourceFormat::WebP => webp::decode(bytes, request),
        SourceFormat::Tiff => tiff::decode(bytes, request.limits),
        SourceFormat::Psd => psd::decode(bytes, request.limits),
        SourceFormat::Jpeg2000 => jp2::decode(bytes, request),
        SourceFormat::Avif => avif::decode(bytes, request.limits),
        SourceFormat::Heic => heic::decode(bytes, request.limits),
        SourceFormat::Bmp => bmp::decode(bytes, request.limits),
        SourceFormat::Dds => dds::decode(bytes, request.limits),
        SourceFormat::Png
        | SourceFormat::Gif
        | SourceFormat::Tga
        | SourceFormat::Ico
        | SourceFormat::Pnm
        | SourceFormat::Qoi => generic::decode(bytes, format, request.limits),
    }
}

fn decode_jpeg(bytes: &[u8], request: &Request<'_>) -> Result<Decoded, ThumbnailError> {
    let jpeg_limits = jpeg::JpegLimits {
        max_pixels: request.limits.max_pixels,
        max_decode_bytes: request.limits.max_decode_bytes,
    };
    let mut eighths = 8;
    let (info, pixels) = jpeg::decode(bytes, &jpeg_limits, |info| {
        let (tw, th) = request.target(info.width, info.height);
        eighths = dct_eighths(info.width, info.height, tw, th);
        eighths
    })?;
    Ok(Decoded {
        data: pixels.data,
        layout: pixels.layout,
        width: pixels.width,
        height: pixels.height,
        source_width: info.width,
        source_height: info.height,
        icc: info.icc,
        decode_scale: 8 / eighths,
        orientation: None,
    })
}

/// The fewest eighths `M` (1..=8) at which a `width` x `height` JPEG can be decoded (libjpeg's
/// DCT scaling to `M/8`, sizes rounded up) and still be at least `target_w` x `target_h`. Any
/// `M` is an exact inverse DCT of size `M`: a 600x400 photo for a 320 box is decoded at 5/8
/// (375x250) rather than at full size, the nearest power of two being too small.
pub(crate) fn dct_eighths(width: u32, height: u32, target_w: u32, target_h: u32) -> u32 {
    let scaled = |side: u32, m: u32| (u64::from(side) * u64::from(m)).div_ceil(8);
    (1..8)
        .find(|&m| {
            scaled(width, m) >= u64::from(target_w) && scaled(height, m) >= u64::from(target_h)
        })
        .unwrap_or(8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dct_scale_stays_above_the_target() {
        assert_eq!(dct_eighths(6000, 4000, 320, 213), 1);
        assert_eq!(dct_eighths(1024, 768, 320, 240), 3);
        assert_eq!(dct_eighths(600, 400, 320, 213), 5);
        assert_eq!(dct_eighths(2560, 1920, 320, 240), 1);
        assert_eq!(dct_eighths(2559, 1919, 320, 240), 1);
        assert_eq!(dct_eighths(2552, 1912, 320, 240), 2);
        assert_eq!(dct_eighths(321, 241, 320, 240), 8);
        assert_eq!(dct_eighths(320, 240, 320, 240), 8);
        assert_eq!(dct_eighths(64, 64, 64, 64), 8);
        assert_eq!(dct_eighths(u32::MAX, u32::MAX, 320, 320), 1);
        for (w, h, tw, th) in [
            (1000, 750, 320, 240),
            (4032, 3024, 320, 240),
            (719, 1280, 180, 320),
        ] {
            let m = dct_eighths(w, h, tw, th);
            assert!((w * m).div_ceil(8) >= tw && (h * m).div_ceil(8) >= th);
            assert!(m == 1 || (w * (m - 1)).div_ceil(8) < tw || (h * (m - 1)).div_ceil(8) < th);
        }
    }

    #[test]
    fn limits_refuse_bombs_and_empty_images() {
        let limits = DecodeLimits {
            max_pixels: 1000,
            max_decode_bytes: 3000,
        };
        assert!(limits.check(10, 10).is_ok());
        assert_eq!(
            limits.check(100, 100).err().map(|e| e.code()),
            Some("TOO_MANY_PIXELS")
        );
        assert_eq!(
            limits.check(0, 10).err().map(|e| e.code()),
            Some("INVALID_INPUT")
        );
        assert_eq!(
            limits.check_image(30, 30, 4).err().map(|e| e.code()),
            Some("TOO_MUCH_MEMORY")
        );
    }
}
