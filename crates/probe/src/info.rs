//! [`MediaInfo`]: what measuring a container found.

use crate::names::{Codec, Container};

/// Where a duration came from, from most to least exact. [`DurationSource::as_str`] is the
/// report's spelling (`durationSource`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DurationSource {
    /// `header`: a header that counts samples or time exactly (STREAMINFO, `mvhd`, Xing,
    /// `data` size, ASF file properties…), encoder delay and padding already removed.
    Header,
    /// `granule`: the granule position of the last Ogg page.
    Granule,
    /// `frameScan`: a count of every frame header in the file (mp3 without Xing, ADTS, AMR,
    /// AC-3), or the time of the last block of a Matroska file without a `Duration`.
    FrameScan,
    /// `fragments`: the sum of the fragments of a fragmented mp4.
    Fragments,
    /// `timestamps`: the first and last timestamps of the packets (MPEG-PS/TS, FLV without
    /// metadata), as ffprobe measures these containers.
    Timestamps,
    /// `truncated`: what can be played of a file cut short (the header claims more).
    Truncated,
}

impl DurationSource {
    /// The report's spelling: `header`, `granule`, `frameScan`, `fragments`, `timestamps`,
    /// `truncated`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Header => "header",
            Self::Granule => "granule",
            Self::FrameScan => "frameScan",
            Self::Fragments => "fragments",
            Self::Timestamps => "timestamps",
            Self::Truncated => "truncated",
        }
    }
}

/// Duration and stream facts of one audio or video file, as [`measure`](crate::measure)
/// found them. Codec names come from the one table ([`Codec`]).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct MediaInfo {
    /// Duration in seconds: what plays (Opus pre-skip, LAME/iTunes encoder delay and padding
    /// removed, as ffmpeg's decoder does).
    pub duration_s: f64,
    /// Where the duration came from.
    pub duration_source: DurationSource,
    /// The container.
    pub container: Container,
    /// The codec of the first audio track.
    pub codec: Option<Codec>,
    /// The output sample rate of the first audio track in Hz (after SBR for HE-AAC; Opus is
    /// always 48000, as ffprobe says).
    pub sample_rate: Option<u32>,
    /// The output channel count of the first audio track (after parametric stereo).
    pub channels: Option<u32>,
    /// Average bit rate in bits per second.
    pub bitrate: Option<u64>,
    /// Opus pre-skip in 48 kHz samples (already subtracted from the duration).
    pub pre_skip: Option<u32>,
    /// Encoder delay in samples removed from the start (LAME, iTunSMPB, edit lists).
    pub encoder_delay: Option<u32>,
    /// Encoder padding in samples removed from the end.
    pub encoder_padding: Option<u32>,
    /// Stored frame width of the first video stream, in pixels.
    pub width: Option<u32>,
    /// Stored frame height of the first video stream, in pixels.
    pub height: Option<u32>,
    /// The codec of the first video stream.
    pub video_codec: Option<Codec>,
    /// Average frames per second of the first video stream, to 3 decimals.
    pub fps: Option<f64>,
    /// Rotation of the display matrix in degrees (90, 180, 270), counter-clockwise.
    pub rotation: Option<u32>,
    /// Width after rotation, when rotated by 90 or 270 degrees.
    pub display_width: Option<u32>,
    /// Height after rotation, when rotated by 90 or 270 degrees.
    pub display_height: Option<u32>,
    /// Number of chapters (M4B, Matroska), when there are any.
    pub chapters: Option<u32>,
    /// For video files: whether there is an audio stream too.
    pub has_audio: Option<bool>,
    /// Whether the file looks cut short (the duration is then what can be played).
    pub truncated: bool,
}

impl MediaInfo {
    /// Facts for a file of `container` lasting `duration_s` seconds, nothing else known yet.
    pub fn new(container: Container, duration_s: f64, source: DurationSource) -> Self {
        Self {
            duration_s,
            duration_source: source,
            container,
            codec: None,
            sample_rate: None,
            channels: None,
            bitrate: None,
            pre_skip: None,
            encoder_delay: None,
            encoder_padding: None,
            width: None,
            height: None,
            video_codec: None,
            fps: None,
            rotation: None,
            display_width: None,
            display_height: None,
            chapters: None,
            has_audio: None,
            truncated: false,
        }
    }

    /// Whether the file has a video stream.
    pub fn is_video(&self) -> bool {
        self.video_codec.is_some() || self.width.is_some()
    }
}
