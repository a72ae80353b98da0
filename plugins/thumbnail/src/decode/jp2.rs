//! JPEG 2000 (JP2 files and bare codestreams) through `hayro-jpeg2000`, pure Rust. The decoder
//! skips resolution levels down to just above the thumbnail's size (JPEG 2000's wavelet
//! levels are a free shrink-on-load, like JPEG's DCT scaling).
//!
//! `hayro-jpeg2000` forbids `unsafe` but still has a few `unwrap`s on header data; a panic in
//! it is caught here and reported as `INVALID_INPUT` (the fuzz test exercises this path).

use std::panic::{catch_unwind, AssertUnwindSafe};

use hayro_jpeg2000::{ColorSpace, DecodeSettings, DecoderContext, Image};

use super::{DecodeLimits, Decoded, Request};
use crate::color::PixelLayout;
use crate::error::ThumbnailError;

pub(super) fn decode(bytes: &[u8], request: &Request<'_>) -> Result<Decoded, ThumbnailError> {
    catch_unwind(AssertUnwindSafe(|| decode_inner(bytes, request))).unwrap_or_else(|_| {
        Err(ThumbnailError::Invalid(
            "JPEG 2000 decoder gave up on this file".into(),
        ))
    })
}

fn decode_inner(bytes: &[u8], request: &Request<'_>) -> Result<Decoded, ThumbnailError> {
    let limits: &DecodeLimits = request.limits;
    let error = |e: hayro_jpeg2000::DecodeError| ThumbnailError::Invalid(format!("JPEG 2000: {e}"));
    let header = Image::new(bytes, &DecodeSettings::default()).map_err(error)?;
    let (width, height) = (header.width(), header.height());
    limits.check(width, height)?;
    let (tw, th) = request.target(width, height);
    let settings = DecodeSettings {
        target_resolution: Some((tw.max(1), th.max(1))),
        ..DecodeSettings::default()
    };
    let image = Image::new(bytes, &settings).map_err(error)?;
    let (w, h) = (image.width(), image.height());
    let channels = u64::from(image.color_space().num_channels()) + u64::from(image.has_alpha());
    limits.check_bytes(u64::from(w) * u64::from(h) * (channels * 5 + 4))?;
    let mut context = DecoderContext::default();
    let decoded = image.decode(&mut context).map_err(error)?;
    let data = decoded.data_u8();
    let has_alpha = image.has_alpha();
    let (color, icc) = match image.color_space() {
        ColorSpace::Icc {
            profile,
            num_channels,
        } => (usize::from(*num_channels), Some(profile.clone())),
        other => (usize::from(other.num_channels()), None),
    };
    let per_pixel = color + usize::from(has_alpha);
    if per_pixel == 0 || data.len() != w as usize * h as usize * per_pixel {
        return Err(ThumbnailError::Invalid(format!(
            "JPEG 2000 gave {} bytes for {w}x{h}x{per_pixel}",
            data.len()
        )));
    }
    let mut out = Vec::with_capacity(w as usize * h as usize * 4);
    for px in data.chunks_exact(per_pixel) {
        let alpha = if has_alpha { px[color] } else { 255 };
        match color {
            1 | 2 => out.extend_from_slice(&[px[0], px[0], px[0], alpha]),
            4 => {
                // hayro gives CMYK as ink amounts.
                let rgb = crate::color::cmyk_to_rgb(&px[..4]);
                out.extend_from_slice(&[rgb[0], rgb[1], rgb[2], alpha]);
            }
            _ => out.extend_from_slice(&[px[0], px[1], px[2], alpha]),
        }
    }
    let (data, layout) = if has_alpha {
        (out, PixelLayout::Rgba)
    } else {
        (crate::color::drop_alpha(&out), PixelLayout::Rgb)
    };
    let icc = icc.filter(|_| color == 3);
    Ok(Decoded {
        data,
        layout,
        width: w,
        height: h,
        source_width: width,
        source_height: height,
        icc,
        decode_scale: (width / w.max(1)).max(1),
        orientation: None,
    })
}
