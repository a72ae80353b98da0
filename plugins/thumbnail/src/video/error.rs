//! [`VideoError`]: why a video gave no poster frame.

/// Why a video gave no poster frame. Each variant maps to one report code
/// ([`VideoError::code`]); it reaches the report through
/// [`ThumbnailError::Video`](crate::ThumbnailError::Video).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VideoError {
    /// The video track is in a codec this build does not decode (code `UNSUPPORTED_CODEC`).
    #[error("unsupported video codec: {codec}")]
    UnsupportedCodec {
        /// The codec, named as people know it (`HEVC`, `VP9`, `AV1`, `MPEG-4 Part 2`…), with
        /// the sample entry type in brackets.
        codec: String,
    },
    /// The file has no video track (an audio-only MP4; code `NO_VIDEO_TRACK`).
    #[error("the file has no video track")]
    NoVideoTrack,
    /// The file ends before the poster frame's data, or before the `moov` box
    /// (code `TRUNCATED`).
    #[error("truncated video: {0}")]
    Truncated(String),
    /// The container or the bitstream is corrupt or inconsistent (code `INVALID_INPUT`).
    #[error("invalid video: {0}")]
    Invalid(String),
    /// A box, a sample or the group of pictures is over a configured bound (code `TOO_LARGE`).
    #[error("{what} of {size} bytes is over the {limit}-byte limit")]
    TooLarge {
        /// What went over.
        what: &'static str,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The frame size is over the pixel limit (code `TOO_MANY_PIXELS`).
    #[error("video frames of {width}x{height} have more than the {limit} pixels allowed")]
    TooManyPixels {
        /// Coded width.
        width: u32,
        /// Coded height.
        height: u32,
        /// The limit in pixels.
        limit: u64,
    },
    /// The decoder rejected the bitstream or gave no picture (code `DECODE_FAILED`).
    #[error("the decoder gave no picture: {0}")]
    Decode(String),
    /// Reading the file failed (code `IO`).
    #[error("I/O error reading the video: {0}")]
    Io(#[from] std::io::Error),
}

impl VideoError {
    /// The stable UPPER_SNAKE code of this error in the report.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnsupportedCodec { .. } => "UNSUPPORTED_CODEC",
            Self::NoVideoTrack => "NO_VIDEO_TRACK",
            Self::Truncated(_) => "TRUNCATED",
            Self::Invalid(_) => "INVALID_INPUT",
            Self::TooLarge { .. } => "TOO_LARGE",
            Self::TooManyPixels { .. } => "TOO_MANY_PIXELS",
            Self::Decode(_) => "DECODE_FAILED",
            Self::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => "TRUNCATED",
            Self::Io(_) => "IO",
        }
    }
}
