//! [`AudioFacts`]: what the `audio` stage reports.

use pipes_media_core::Fact;
use serde::Serialize;

/// Where a duration came from, from most to least exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum DurationSource {
    /// A header that counts samples or time exactly (STREAMINFO, `mvhd`, Xing, `data` size…).
    Header,
    /// The granule position of the last Ogg page.
    Granule,
    /// A count of every frame header in the file (mp3 without Xing, ADTS, AMR), or the time of
    /// the last block of a Matroska file without a `Duration`.
    FrameScan,
    /// The sum of the fragments of a fragmented mp4.
    Fragments,
    /// What is left of a truncated file.
    Truncated,
}

/// Duration and stream facts of one audio or video file (report stage `audio`).
///
/// Field names are the report contract's (`durationMs`, `codec`, `sampleRate`, `channels`,
/// `width`, `height`); the others are extras. Codec names are ffprobe's (`opus`, `aac`, `mp3`,
/// `pcm_s16le`, `h264`…). Absent values are left out of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AudioFacts {
    /// Duration in milliseconds, rounded. For Opus it excludes the pre-skip (RFC 7845), in Ogg
    /// and in WebM alike.
    pub duration_ms: u64,
    /// The same duration in seconds, unrounded.
    pub duration_s: f64,
    /// Where the duration came from.
    pub duration_source: DurationSource,
    /// The container: `ogg`, `mp3`, `mp4`, `3gp`, `m4a`, `mov`, `wav`, `flac`, `amr`, `adts`,
    /// `aiff`, `webm`, `matroska`.
    pub container: &'static str,
    /// The audio codec (ffprobe's name), when there is an audio stream.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub codec: Option<String>,
    /// The audio sample rate in Hz (Opus is always 48000, as ffprobe says).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sample_rate: Option<u32>,
    /// The number of audio channels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channels: Option<u32>,
    /// Average bit rate in bits per second: the header's for CBR and PCM, otherwise the media
    /// bytes over the duration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bitrate: Option<u64>,
    /// Opus pre-skip in 48 kHz samples (already subtracted from the duration).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pre_skip: Option<u32>,
    /// Stored frame width of the first video stream, in pixels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Stored frame height of the first video stream, in pixels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// The video codec (ffprobe's name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_codec: Option<String>,
    /// Average frames per second of the first video stream, to 3 decimals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fps: Option<f64>,
    /// Rotation of the display matrix in degrees (90, 180, 270) as ffprobe reports it
    /// (counter-clockwise); absent when not rotated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rotation: Option<u32>,
    /// Width after rotation, when rotated by 90 or 270 degrees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_width: Option<u32>,
    /// Height after rotation, when rotated by 90 or 270 degrees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_height: Option<u32>,
    /// For video files: whether there is an audio stream too.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub has_audio: Option<bool>,
    /// Whether the file looks cut short (the duration is then what is there).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}

impl Fact for AudioFacts {}

impl AudioFacts {
    /// Facts for a file of `container` lasting `duration_s` seconds, with nothing else known yet.
    pub(crate) fn new(container: &'static str, duration_s: f64, source: DurationSource) -> Self {
        Self {
            duration_ms: 0,
            duration_s,
            duration_source: source,
            container,
            codec: None,
            sample_rate: None,
            channels: None,
            bitrate: None,
            pre_skip: None,
            width: None,
            height: None,
            video_codec: None,
            fps: None,
            rotation: None,
            display_width: None,
            display_height: None,
            has_audio: None,
            truncated: false,
        }
    }

    /// Whether the file has a video stream.
    pub fn is_video(&self) -> bool {
        self.video_codec.is_some() || self.width.is_some()
    }
}
