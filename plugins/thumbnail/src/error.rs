//! [`ThumbnailError`]: why an image could not be thumbnailed.

use pipes_media_core::StageError;

/// Why an image could not be thumbnailed. Each variant maps to one report code
/// ([`ThumbnailError::code`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ThumbnailError {
    /// The bytes are not an image format this stage reads (code `UNSUPPORTED`).
    #[error("unsupported image format: {0}")]
    Unsupported(String),
    /// The header declares more pixels than the configured limit (code `TOO_MANY_PIXELS`).
    #[error("image of {width}x{height} has more than the {limit} pixels allowed")]
    TooManyPixels {
        /// Declared width.
        width: u64,
        /// Declared height.
        height: u64,
        /// The limit in pixels.
        limit: u64,
    },
    /// Decoding would need more memory than the configured bound (code `TOO_MUCH_MEMORY`).
    #[error("decoding needs about {needed} bytes, over the {limit}-byte limit")]
    TooMuchMemory {
        /// Estimated bytes.
        needed: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file ends before the image does (code `TRUNCATED`).
    #[error("truncated image: {0}")]
    Truncated(String),
    /// The bytes are corrupt or inconsistent (code `INVALID_INPUT`).
    #[error("invalid image: {0}")]
    Invalid(String),
    /// A decoder of the `image` crate failed.
    #[error("image decoder: {0}")]
    Decode(#[source] image::ImageError),
    /// Resizing failed (should not happen on valid sizes; code `RESIZE`).
    #[error("resize failed: {0}")]
    Resize(String),
    /// Encoding the thumbnail failed (code `ENCODE`).
    #[error("encoding the thumbnail failed: {0}")]
    Encode(String),
    /// Reading the blob or writing the thumbnail failed (code `IO`).
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// A video gave no poster frame (its code: `UNSUPPORTED_CODEC`, `TRUNCATED`…).
    #[cfg(feature = "video")]
    #[error(transparent)]
    Video(#[from] crate::video::error::VideoError),
    /// A PDF gave no first page (its code: `ENCRYPTED`, `BLANK_RENDER`, `TIMEOUT`…).
    #[cfg(feature = "pdf")]
    #[error(transparent)]
    Pdf(#[from] crate::pdf::error::PdfPageError),
}

impl ThumbnailError {
    /// The stable UPPER_SNAKE code this error has in the report.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unsupported(_) => "UNSUPPORTED",
            Self::TooManyPixels { .. } => "TOO_MANY_PIXELS",
            Self::TooMuchMemory { .. } => "TOO_MUCH_MEMORY",
            Self::Truncated(_) => "TRUNCATED",
            Self::Invalid(_) => "INVALID_INPUT",
            Self::Decode(e) => match e {
                image::ImageError::Unsupported(_) => "UNSUPPORTED",
                image::ImageError::Limits(_) => "TOO_MUCH_MEMORY",
                image::ImageError::IoError(io)
                    if io.kind() == std::io::ErrorKind::UnexpectedEof =>
                {
                    "TRUNCATED"
                }
                _ => "INVALID_INPUT",
            },
            Self::Resize(_) => "RESIZE",
            Self::Encode(_) => "ENCODE",
            Self::Io(_) => "IO",
            #[cfg(feature = "video")]
            Self::Video(e) => e.code(),
            #[cfg(feature = "pdf")]
            Self::Pdf(e) => e.code(),
        }
    }

    /// Whether the input itself is at fault (as opposed to an I/O failure worth retrying).
    pub fn is_input_error(&self) -> bool {
        #[cfg(feature = "video")]
        if let Self::Video(e) = self {
            return !matches!(e, crate::video::error::VideoError::Io(_));
        }
        !matches!(self, Self::Io(_))
    }
}

impl From<image::ImageError> for ThumbnailError {
    fn from(error: image::ImageError) -> Self {
        Self::Decode(error)
    }
}

impl From<ThumbnailError> for StageError {
    fn from(error: ThumbnailError) -> Self {
        let message = error.to_string();
        StageError::new(error.code(), message).with_source(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable() {
        let e = ThumbnailError::TooManyPixels {
            width: 20_000,
            height: 20_000,
            limit: 100_000_000,
        };
        assert_eq!(e.code(), "TOO_MANY_PIXELS");
        let stage: StageError = e.into();
        assert_eq!(stage.code(), "TOO_MANY_PIXELS");
        assert!(stage.message().contains("20000x20000"));
        assert_eq!(ThumbnailError::Truncated("x".into()).code(), "TRUNCATED");
    }
}
