//! [`DedupError`]: why a message could not be checked for duplicates.

use pipes_media_core::StageError;

/// Why a message could not be checked for duplicates. Each variant maps to one report code
/// ([`DedupError::code`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DedupError {
    /// The picture to hash is larger than the configured bound (code `TOO_LARGE`).
    #[error("{what} of {size} bytes is over the {limit}-byte limit")]
    TooLarge {
        /// What went over.
        what: &'static str,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The picture declares more pixels than allowed (code `TOO_MANY_PIXELS`).
    #[error("a picture of {width}x{height} has more than the {limit} pixels allowed")]
    TooManyPixels {
        /// Declared width.
        width: u32,
        /// Declared height.
        height: u32,
        /// The limit.
        limit: u64,
    },
    /// The picture has no pixels (code `INVALID_INPUT`).
    #[error("the picture is empty")]
    EmptyPicture,
    /// The picture could not be decoded (code `INVALID_INPUT`; `TOO_MUCH_MEMORY` over the
    /// decode bound).
    #[error("the picture could not be decoded: {0}")]
    Decode(#[from] image::ImageError),
    /// The index file is not one this version writes (code `INDEX_CORRUPT`).
    #[error("the duplicate index at {path} is not a pipes-media index: {reason}")]
    CorruptIndex {
        /// The index file.
        path: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// Reading the picture or reading or writing the index failed (code `IO`; `DISK_FULL`
    /// when the disk is full).
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
}

impl DedupError {
    /// The stable UPPER_SNAKE code of this error in the report.
    pub fn code(&self) -> &'static str {
        match self {
            Self::TooLarge { .. } => "TOO_LARGE",
            Self::TooManyPixels { .. } => "TOO_MANY_PIXELS",
            Self::EmptyPicture => "INVALID_INPUT",
            Self::Decode(image::ImageError::Limits(_)) => "TOO_MUCH_MEMORY",
            Self::Decode(_) => "INVALID_INPUT",
            Self::CorruptIndex { .. } => "INDEX_CORRUPT",
            Self::Io(e) if e.kind() == std::io::ErrorKind::StorageFull => "DISK_FULL",
            Self::Io(_) => "IO",
        }
    }
}

impl From<DedupError> for StageError {
    fn from(error: DedupError) -> Self {
        match error {
            DedupError::Io(e) => StageError::io(e),
            other => {
                let message = other.to_string();
                StageError::new(other.code(), message).with_source(other)
            }
        }
    }
}
