//! [`VoiceError`]: why audio could not be decoded or measured.

use std::time::Duration;

use pipes_media_core::StageError;

/// Why the `waveform` stage could not decode a file.
///
/// Every variant has a stable report code ([`VoiceError::code`]); the stage turns it into a
/// [`StageError`] with that code and keeps the error as its source.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VoiceError {
    /// Reading the file or writing the speech WAV failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// The bytes are no container the decoder knows.
    #[error("not a decodable audio container: {0}")]
    Unsupported(String),
    /// The container holds no audio track (a video without sound).
    #[error("the file has no audio track")]
    NoAudioTrack,
    /// The audio track's codec has no decoder here.
    #[error("no decoder for the audio codec ({0})")]
    UnsupportedCodec(String),
    /// The stream is malformed before any audio could be decoded, or too many packets in it
    /// are damaged.
    #[error("the audio stream is corrupt: {0}")]
    Corrupt(String),
    /// The container decoded to no samples at all.
    #[error("the file holds no audio samples")]
    Empty,
    /// The audio is longer than [`WaveformConfig::max_duration`](crate::WaveformConfig).
    #[error("the audio is longer than the {limit:?} decoding limit")]
    TooLong {
        /// The configured limit.
        limit: Duration,
    },
    /// Decoding took longer than [`WaveformConfig::time_limit`](crate::WaveformConfig).
    #[error("decoding took longer than the {limit:?} time limit")]
    TimeLimit {
        /// The configured limit.
        limit: Duration,
    },
    /// A header field is out of range (a zero sample rate, 255 channels…).
    #[error("invalid stream parameters: {0}")]
    InvalidParameters(String),
    /// A decoder library panicked on this input; the panic was caught and the file refused.
    #[error("the decoder failed on this input: {0}")]
    DecoderFault(String),
}

impl VoiceError {
    /// The stable UPPER_SNAKE code that appears in the report.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Io(e) if is_disk_full(e) => "DISK_FULL",
            Self::Io(_) => "IO",
            Self::Unsupported(_) => "UNSUPPORTED_FORMAT",
            Self::NoAudioTrack => "NO_AUDIO_TRACK",
            Self::UnsupportedCodec(_) => "UNSUPPORTED_CODEC",
            Self::Corrupt(_) => "CORRUPT_AUDIO",
            Self::Empty => "EMPTY",
            Self::TooLong { .. } => "TOO_LONG",
            Self::TimeLimit { .. } => "DECODE_TIME_LIMIT",
            Self::InvalidParameters(_) => "INVALID_PARAMETERS",
            Self::DecoderFault(_) => "DECODER_FAULT",
        }
    }
}

fn is_disk_full(error: &std::io::Error) -> bool {
    matches!(error.raw_os_error(), Some(28) | Some(122))
        || error.kind() == std::io::ErrorKind::StorageFull
}

impl From<VoiceError> for StageError {
    fn from(error: VoiceError) -> Self {
        StageError::new(error.code(), error.to_string()).with_source(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_and_reach_the_stage_error() {
        let e = VoiceError::TooLong {
            limit: Duration::from_secs(7200),
        };
        assert_eq!(e.code(), "TOO_LONG");
        let stage: StageError = e.into();
        assert_eq!(stage.code(), &"TOO_LONG");
        let full = VoiceError::Io(std::io::Error::from_raw_os_error(28));
        assert_eq!(full.code(), "DISK_FULL");
    }
}
