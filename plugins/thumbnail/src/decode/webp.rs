//! WebP stills through libwebp (the C of `libwebp-sys`, compiled by the `cc` crate), which
//! scales while decoding: rows come out of the decoder already shrunk by the largest whole
//! factor that stays above the thumbnail's size (as libvips asks it to), so the full-size
//! picture is never stored. For a thumbnail that is further reduced with Lanczos, the in-loop
//! deblocking filter and "fancy" chroma upsampling are skipped: their effect is far below a
//! pixel of the result, and they are a third of the decoding time.
//!
//! Animations go through `image-webp` (first frame), whose compositing of the first frame onto
//! the canvas is what Pillow shows.

use libwebp_sys as ffi;

use super::{generic, Decoded, Request};
use crate::color::PixelLayout;
use crate::error::ThumbnailError;
use crate::sniff::SourceFormat;

pub(super) fn decode(bytes: &[u8], request: &Request<'_>) -> Result<Decoded, ThumbnailError> {
    if crate::sniff::is_animated(SourceFormat::WebP, bytes) {
        return generic::decode(bytes, SourceFormat::WebP, request.limits);
    }
    let icc = crate::meta::webp_chunk(bytes, b"ICCP").map(<[u8]>::to_vec);
    // SAFETY: all-zero is the documented starting state; `WebPInitDecoderConfig` sets it up.
    let mut config: ffi::WebPDecoderConfig = unsafe { std::mem::zeroed() };
    // SAFETY: `config` is a live, writable struct.
    if !unsafe { ffi::WebPInitDecoderConfig(&mut config) } {
        return Err(ThumbnailError::Invalid("libwebp version mismatch".into()));
    }
    // SAFETY: `bytes` is readable for its length; `config.input` is writable.
    let status = unsafe { ffi::WebPGetFeatures(bytes.as_ptr(), bytes.len(), &mut config.input) };
    check(status, "header")?;
    let (width, height) = (
        u32::try_from(config.input.width).unwrap_or(0),
        u32::try_from(config.input.height).unwrap_or(0),
    );
    request.limits.check(width, height)?;
    let (tw, th) = request.target(width, height);
    let shrink = (width / tw.max(1)).min(height / th.max(1)).max(1);
    let (ow, oh) = (width.div_ceil(shrink), height.div_ceil(shrink));
    let alpha = config.input.has_alpha != 0;
    let layout = if alpha {
        PixelLayout::Rgba
    } else {
        PixelLayout::Rgb
    };
    let channels = layout.channels();
    let stride = ow as usize * channels;
    let len = stride * oh as usize;
    request.limits.check_bytes(len as u64)?;
    let mut out = vec![0u8; len];
    config.options.use_threads = 0;
    if shrink > 1 {
        config.options.use_scaling = 1;
        config.options.scaled_width = ow as i32;
        config.options.scaled_height = oh as i32;
        config.options.bypass_filtering = 1;
        config.options.no_fancy_upsampling = 1;
    }
    config.output.colorspace = if alpha {
        ffi::WEBP_CSP_MODE::MODE_RGBA
    } else {
        ffi::WEBP_CSP_MODE::MODE_RGB
    };
    config.output.is_external_memory = 1;
    config.output.u.RGBA = ffi::WebPRGBABuffer {
        rgba: out.as_mut_ptr(),
        stride: i32::try_from(stride)
            .map_err(|_| ThumbnailError::Invalid("row too wide".into()))?,
        size: len,
    };
    // SAFETY: the output buffer is ours, `len` bytes at `stride` per row, exactly the scaled
    // size set above; libwebp writes nothing else (external memory).
    let status = unsafe { ffi::WebPDecode(bytes.as_ptr(), bytes.len(), &mut config) };
    // SAFETY: frees nothing of ours (external memory), only libwebp's own state.
    unsafe { ffi::WebPFreeDecBuffer(&mut config.output) };
    check(status, "data")?;
    Ok(Decoded {
        data: out,
        layout,
        width: ow,
        height: oh,
        source_width: width,
        source_height: height,
        icc,
        decode_scale: shrink,
        orientation: None,
    })
}

fn check(status: ffi::VP8StatusCode, what: &str) -> Result<(), ThumbnailError> {
    use ffi::VP8StatusCode as S;
    match status {
        S::VP8_STATUS_OK => Ok(()),
        S::VP8_STATUS_NOT_ENOUGH_DATA => {
            Err(ThumbnailError::Truncated(format!("WebP {what} ends early")))
        }
        S::VP8_STATUS_OUT_OF_MEMORY => Err(ThumbnailError::TooMuchMemory {
            needed: 0,
            limit: 0,
        }),
        S::VP8_STATUS_UNSUPPORTED_FEATURE => Err(ThumbnailError::Unsupported(format!(
            "WebP {what}: a feature libwebp does not support"
        ))),
        other => Err(ThumbnailError::Invalid(format!("WebP {what}: {other:?}"))),
    }
}
