//! One group of pictures through OpenH264: the parameter sets, then the samples from the sync
//! sample to the poster frame in decode order, then a flush.
//!
//! With `DecodeFrameNoDelay` and no flush between samples (a flush after each sample, the Rust
//! binding's default, loses reference state on streams with B-frames), OpenH264 hands pictures
//! out in presentation order once its reorder window allows, and the rest at the flush. So the
//! poster is the picture out in position `rank`: the number of fed samples shown before it.
//! `tests/previews_quality.rs` checks this against ffmpeg on Main and High streams whose edit
//! list starts on a B-frame.

use std::time::Instant;

use openh264::decoder::{DecodeOptions, Decoder, DecoderConfig, Flush};
use openh264::formats::YUVSource;
use openh264::OpenH264API;

use crate::video::error::VideoError;
use crate::video::yuv::{YuvFrame, YuvView};

/// Decodes `units` (Annex B access units in decode order, the first a sync sample, `params` the
/// parameter sets before it) and returns the picture shown `rank`-th among them (0: the first
/// shown); gives up at `deadline`.
pub(crate) fn decode_gop(
    params: &[u8],
    units: &[Vec<u8>],
    rank: usize,
    deadline: Instant,
) -> Result<YuvFrame, VideoError> {
    let config = DecoderConfig::new().flush_after_decode(Flush::NoFlush);
    let mut decoder = Decoder::with_api_config(OpenH264API::from_source(), config)
        .map_err(|e| VideoError::Decode(format!("OpenH264 did not start: {e}")))?;
    let no_flush = || DecodeOptions::new().flush_after_decode(Flush::NoFlush);
    if !params.is_empty() {
        // Parameter sets alone give no picture; an error here shows in the first slice.
        let _ = decoder.decode_with_options(params, no_flush());
    }
    let mut out = 0usize;
    let mut poster: Option<YuvFrame> = None;
    let mut latest: Option<YuvFrame> = None;
    let mut last_error = None;
    for (n, unit) in units.iter().enumerate() {
        if Instant::now() > deadline {
            return Err(VideoError::Decode(format!(
                "decoding stopped at the time limit after {n} of {} frames",
                units.len()
            )));
        }
        match decoder.decode_with_options(unit, no_flush()) {
            Ok(Some(picture)) => {
                if out == rank {
                    return Ok(copy(&picture));
                }
                out += 1;
            }
            Ok(None) => {}
            Err(e) => last_error = Some(e.to_string()),
        }
    }
    match decoder.flush_remaining() {
        Ok(rest) => {
            for picture in &rest {
                if out == rank {
                    poster = Some(copy(picture));
                }
                out += 1;
            }
            // A picture the decoder dropped shifts the count: the last one is the best guess.
            if poster.is_none() {
                latest = rest.last().map(copy);
            }
        }
        Err(e) => last_error = Some(e.to_string()),
    }
    poster.or(latest).ok_or_else(|| {
        VideoError::Decode(
            last_error.unwrap_or_else(|| format!("no picture after {} access units", units.len())),
        )
    })
}

fn copy(picture: &impl YUVSource) -> YuvFrame {
    let (width, height) = picture.dimensions();
    let (y_stride, c_stride, _) = picture.strides();
    YuvFrame::copy(&YuvView {
        width,
        height,
        y: picture.y(),
        u: picture.u(),
        v: picture.v(),
        y_stride,
        c_stride,
    })
}
