//! [`poster`]: which frame, which samples to decode for it, and the picture at the box size.

use std::io::{Read, Seek};
use std::time::{Duration, Instant};

use super::error::VideoError;
use super::mp4::{ticks_to_ms, Codec, DemuxLimits, Movie, Sample, Track};

/// The bounds of one poster.
#[derive(Debug, Clone, Copy)]
pub(crate) struct VideoLimits {
    /// Frames over this many pixels are refused.
    pub max_pixels: u64,
    /// Largest `moov` or `moof` box read.
    pub max_moov_bytes: u64,
    /// Largest sample read.
    pub max_sample_bytes: u64,
    /// Most bytes of samples read for one poster.
    pub max_gop_bytes: u64,
    /// Most frames decoded for one poster; when the poster frame lies further from its sync
    /// sample, the sync sample's own picture is the poster.
    pub max_gop_frames: usize,
    /// Most samples looked at to find the poster frame.
    pub max_scan_samples: usize,
    /// Time for the whole poster.
    pub time_limit: Duration,
}

/// A poster frame: upright RGB pixels at the thumbnail size, and what is known about them.
#[derive(Debug, Clone)]
pub(crate) struct Poster {
    /// RGB, 3 bytes a pixel, upright.
    pub rgb: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// The frame size as coded (after the stream's cropping), before rotation.
    pub source_width: u32,
    pub source_height: u32,
    /// The rotation applied, as the EXIF orientation that does the same (1, 3, 6, 8).
    pub orientation: u8,
    /// Presentation time of the frame, in milliseconds.
    pub frame_time_ms: u64,
    /// `mp4`, `3gp` or `mov`.
    pub container: &'static str,
    /// The codec decoded, `h264`.
    pub codec: &'static str,
    /// The file ends before the data its boxes announce (the poster is then from what is
    /// there: the last frame of its group of pictures whose data is in the file).
    pub cut_short: bool,
}

/// Makes the poster of the video in `file`, fitted into `box_w` x `box_h`.
pub(crate) fn poster<R: Read + Seek>(
    file: &mut R,
    box_w: u32,
    box_h: u32,
    limits: &VideoLimits,
) -> Result<Poster, VideoError> {
    let started = Instant::now();
    let deadline = started + limits.time_limit;
    let demux = DemuxLimits {
        max_moov_bytes: limits.max_moov_bytes,
        max_boxes: 100_000,
        max_fragments: 256,
    };
    let movie = Movie::open(file, &demux)?;
    let track = movie.video_track()?;
    let avcc = match &track.codec {
        Codec::H264 { avcc } => avcc.clone(),
        Codec::Other { name } => {
            return Err(VideoError::UnsupportedCodec {
                codec: name.clone(),
            })
        }
    };
    check_pixels(track.width, track.height, limits)?;
    let samples = movie.samples(
        &track,
        file,
        limits.max_scan_samples,
        track.edit.media_time,
        &demux,
    )?;
    if samples.is_empty() {
        return Err(if movie.cut_short {
            VideoError::Truncated("the file ends before the first video sample".into())
        } else {
            VideoError::Invalid("the video track has no samples".into())
        });
    }
    let (start, target) = choose(&samples, track.edit.media_time, limits.max_gop_frames);
    // With an edit list, presentation starts with the first frame at or after the edit (ffmpeg
    // shows it at 0 even when the edit starts a little before it); without one, at media time 0.
    let shown_from = if track.edit.listed {
        samples
            .iter()
            .filter(|s| s.cts >= track.edit.media_time)
            .map(|s| s.cts)
            .min()
            .unwrap_or(samples[target].cts)
    } else {
        0
    };
    let mut gop = Vec::with_capacity(target - start + 1);
    let mut bytes = 0u64;
    let mut cut_short = false;
    for sample in &samples[start..=target] {
        if u64::from(sample.size) > limits.max_sample_bytes {
            return Err(VideoError::TooLarge {
                what: "a video sample",
                size: sample.size.into(),
                limit: limits.max_sample_bytes,
            });
        }
        bytes += u64::from(sample.size);
        if bytes > limits.max_gop_bytes {
            return Err(VideoError::TooLarge {
                what: "the group of pictures",
                size: bytes,
                limit: limits.max_gop_bytes,
            });
        }
        match movie.read_sample(file, sample)? {
            Some(data) => gop.push((*sample, data)),
            None => {
                cut_short = true;
                break;
            }
        }
    }
    let Some(&(last, _)) = gop.last() else {
        return Err(VideoError::Truncated(
            "the file ends inside the first keyframe's data".into(),
        ));
    };
    let frame_time_ms = frame_time(&track, &last, shown_from);
    decode(&avcc, &gop, &track, box_w, box_h, limits, deadline).map(|mut poster| {
        poster.frame_time_ms = frame_time_ms;
        poster.container = super::container_name(movie.brand.as_ref());
        poster.cut_short = cut_short || movie.cut_short;
        poster
    })
}

/// The sync sample to start decoding at and the poster sample (indices into `samples`, decode
/// order). The poster is the first frame whose composition time is at or after the edit list's
/// media time (as ffmpeg applies edit lists: a frame that starts before the edit is not shown).
fn choose(samples: &[Sample], media_time: i64, max_gop_frames: usize) -> (usize, usize) {
    let target = samples
        .iter()
        .enumerate()
        .filter(|(_, s)| s.cts >= media_time)
        .min_by_key(|(_, s)| s.cts)
        .or_else(|| samples.iter().enumerate().max_by_key(|(_, s)| s.cts))
        .map_or(0, |(i, _)| i);
    let start = samples[..=target].iter().rposition(|s| s.sync).unwrap_or(0);
    if target - start + 1 > max_gop_frames.max(1) {
        (start, start)
    } else {
        (start, target)
    }
}

/// Milliseconds from the start of presentation to `sample`, when the first frame shown has
/// composition time `shown_from`: the empty edits, then the time after that first frame (0 for
/// the poster itself, which is that frame unless the file was cut short before it).
fn frame_time(track: &Track<'_>, sample: &Sample, shown_from: i64) -> u64 {
    let after = sample.cts.saturating_sub(shown_from).max(0) as u64;
    track.edit.empty_ms + ticks_to_ms(after, track.timescale)
}

fn check_pixels(width: u32, height: u32, limits: &VideoLimits) -> Result<(), VideoError> {
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(VideoError::TooManyPixels {
            width,
            height,
            limit: limits.max_pixels,
        });
    }
    Ok(())
}

#[cfg(feature = "h264")]
fn decode(
    avcc: &[u8],
    gop: &[(Sample, Vec<u8>)],
    track: &Track<'_>,
    box_w: u32,
    box_h: u32,
    limits: &VideoLimits,
    deadline: Instant,
) -> Result<Poster, VideoError> {
    use super::h264::{decode_gop, stream_info, AvcConfig};

    let config = AvcConfig::parse(avcc)?;
    let mut in_band = Vec::new();
    let mut units = Vec::with_capacity(gop.len());
    for (_, data) in gop {
        let mut unit = Vec::with_capacity(data.len() + 16);
        config.to_annex_b(data, &mut unit, &mut in_band)?;
        units.push(unit);
    }
    let sps = config
        .sps
        .first()
        .or(in_band.first())
        .ok_or_else(|| VideoError::Invalid("no sequence parameter set".into()))?;
    let info = stream_info(sps)?;
    check_pixels(info.width, info.height, limits)?;
    // The decoder hands pictures out in presentation order: the poster is the one with as
    // many earlier-shown pictures before it as were fed.
    let poster_cts = gop.last().map_or(0, |(s, _)| s.cts);
    let rank = gop.iter().filter(|(s, _)| s.cts < poster_cts).count();
    let frame = decode_gop(&config.annex_b(), &units, rank, deadline)?;
    let orientation = super::orientation(track.matrix);
    let swap = crate::orient::swaps_axes(orientation);
    let (w, h) = (frame.width, frame.height);
    let (display_w, display_h) = if swap { (h, w) } else { (w, h) };
    let (out_w, out_h) = crate::render::fit_box(display_w, display_h, box_w, box_h);
    let (stored_w, stored_h) = if swap { (out_h, out_w) } else { (out_w, out_h) };
    let rgb = frame.to_rgb(stored_w, stored_h, info.color)?;
    let (rgb, width, height) = crate::orient::apply(rgb, stored_w, stored_h, 3, orientation);
    Ok(Poster {
        rgb,
        width,
        height,
        source_width: w,
        source_height: h,
        orientation,
        frame_time_ms: 0,
        container: "mp4",
        codec: "h264",
        cut_short: false,
    })
}

#[cfg(not(feature = "h264"))]
fn decode(
    _avcc: &[u8],
    _gop: &[(Sample, Vec<u8>)],
    _track: &Track<'_>,
    _box_w: u32,
    _box_h: u32,
    _limits: &VideoLimits,
    _deadline: Instant,
) -> Result<Poster, VideoError> {
    Err(VideoError::UnsupportedCodec {
        codec: "H.264 (avc1): built without the `h264` feature".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(cts: i64, sync: bool) -> Sample {
        Sample {
            offset: 0,
            size: 1,
            dts: 0,
            cts,
            duration: 512,
            sync,
        }
    }

    #[test]
    fn chooses_the_first_frame_shown_and_its_sync_sample() {
        // Decode order I P B B P with B-frames: composition 1024 3072 2048 1536 ...
        let gop = [
            sample(1024, true),
            sample(3072, false),
            sample(2048, false),
            sample(1536, false),
            sample(2560, false),
        ];
        // The edit list starts at the I frame: decode just it.
        assert_eq!(choose(&gop, 1024, 100), (0, 0));
        // No edit list (media time 0): still the I frame, the earliest shown.
        assert_eq!(choose(&gop, 0, 100), (0, 0));
        // An edit starting mid-GOP at 1536 shows the B frame decoded fourth.
        assert_eq!(choose(&gop, 1536, 100), (0, 3));
        // Between frames: the next one (ffmpeg drops a frame that starts before the edit).
        assert_eq!(choose(&gop, 1800, 100), (0, 2));
        // Too far into the GOP: the sync frame instead.
        assert_eq!(choose(&gop, 1536, 2), (0, 0));
        // Past the end: the last frame shown.
        assert_eq!(choose(&gop, 99_999, 100), (0, 1));
    }
}
