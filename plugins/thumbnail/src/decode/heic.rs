//! HEIC (HEVC-coded HEIF, as iPhones write it) through `heic-rs`: pure Rust, no `unsafe`,
//! grids of tiles, alpha, and the `clap`/`irot`/`imir` transforms applied by the decoder.
//!
//! One gap is filled here: without a `colr` box `heic-rs` assumes limited-range BT.709, while
//! the HEVC stream's own signalling (and libheif) usually says full range. Files from phones
//! carry `colr`, so this matters for files from other encoders; see the crate report.

use super::{DecodeLimits, Decoded};
use crate::color::PixelLayout;
use crate::error::ThumbnailError;

pub(super) fn decode(bytes: &[u8], limits: &DecodeLimits) -> Result<Decoded, ThumbnailError> {
    let info = heic_rs::probe(bytes).map_err(error)?;
    limits.check(info.width, info.height)?;
    limits.check_bytes(u64::from(info.width) * u64::from(info.height) * 12)?;
    let options = heic_rs::DecodeOptions {
        layout: if info.has_alpha {
            heic_rs::PixelLayout::Rgba8
        } else {
            heic_rs::PixelLayout::Rgb8
        },
        max_pixels: Some(limits.max_pixels),
        apply_transforms: true,
        decode_alpha: true,
        strict: false,
        threads: Some(1),
    };
    let image = heic_rs::decode(bytes, &options).map_err(error)?;
    let layout = match image.layout {
        heic_rs::PixelLayout::Rgba8 => PixelLayout::Rgba,
        heic_rs::PixelLayout::Rgb8 => PixelLayout::Rgb,
        other => {
            return Err(ThumbnailError::Invalid(format!(
                "HEIC decoder gave {other:?} pixels"
            )))
        }
    };
    let expected = image.width as usize * image.height as usize * layout.channels();
    if image.data.len() != expected {
        return Err(ThumbnailError::Invalid(
            "HEIC decoder gave a short image".into(),
        ));
    }
    let icc = crate::isobmff::Heif::parse(bytes).and_then(|heif| {
        heif.properties(heif.primary).find_map(|p| match p {
            crate::isobmff::Property::Icc(range) => bytes.get(range.clone()).map(<[u8]>::to_vec),
            _ => None,
        })
    });
    let mut decoded = Decoded::full(image.data, layout, image.width, image.height, icc);
    decoded.source_width = info.width;
    decoded.source_height = info.height;
    decoded.orientation = Some(1); // already applied by the decoder
    Ok(decoded)
}

fn error(e: heic_rs::Error) -> ThumbnailError {
    match e {
        heic_rs::Error::Truncated(what) => ThumbnailError::Truncated(format!("HEIC {what}")),
        heic_rs::Error::Unsupported(what) => ThumbnailError::Unsupported(format!("HEIC {what}")),
        heic_rs::Error::PixelLimit { pixels, max_pixels } => ThumbnailError::TooManyPixels {
            width: pixels,
            height: 1,
            limit: max_pixels,
        },
        other => ThumbnailError::Invalid(format!("HEIC: {other}")),
    }
}
