//! [`AudioFacts`]: what the `audio` stage reports.

use pipes_media_core::Fact;
use pipes_media_probe::{DurationSource, MediaInfo};
use serde::{Serialize, Serializer};

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
    /// Where the duration came from (`durationSource`): `header`, `granule`, `frameScan`,
    /// `fragments`, `timestamps` or `truncated` (see [`DurationSource`]).
    #[serde(serialize_with = "source_name")]
    pub duration_source: DurationSource,
    /// The container (`ogg`, `mp3`, `mp4`, `3gp`, `m4a`, `mov`, `wav`, `flac`, `amr`, `adts`,
    /// `aiff`, `webm`, `matroska`…): [`Container::name`](pipes_media_probe::Container::name).
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
    /// Encoder delay in samples, already removed from the start (LAME, iTunSMPB).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoder_delay: Option<u32>,
    /// Encoder padding in samples, already removed from the end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoder_padding: Option<u32>,
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
    /// Number of chapters (chaptered M4B audiobooks), when there are any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chapters: Option<u32>,
    /// For video files: whether there is an audio stream too.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub has_audio: Option<bool>,
    /// Whether the file looks cut short (the duration is then what is there).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}

impl Fact for AudioFacts {}

impl AudioFacts {
    /// Whether the file has a video stream.
    pub fn is_video(&self) -> bool {
        self.video_codec.is_some() || self.width.is_some()
    }
}

impl From<MediaInfo> for AudioFacts {
    fn from(m: MediaInfo) -> Self {
        Self {
            duration_ms: (m.duration_s * 1000.0).round() as u64,
            duration_s: m.duration_s,
            duration_source: m.duration_source,
            container: m.container.name(),
            codec: m.codec.map(|c| c.name().to_owned()),
            sample_rate: m.sample_rate,
            channels: m.channels,
            bitrate: m.bitrate,
            pre_skip: m.pre_skip,
            encoder_delay: m.encoder_delay,
            encoder_padding: m.encoder_padding,
            width: m.width,
            height: m.height,
            video_codec: m.video_codec.map(|c| c.name().to_owned()),
            fps: m.fps,
            rotation: m.rotation,
            display_width: m.display_width,
            display_height: m.display_height,
            chapters: m.chapters,
            has_audio: m.has_audio,
            truncated: m.truncated,
        }
    }
}

fn source_name<S: Serializer>(source: &DurationSource, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(source.as_str())
}
