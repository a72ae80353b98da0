//! [`S3Error`]: why a request to the object store failed.

use pipes_media_core::ErrorCode;

/// A request to the object store failed (after its retries, when it was worth retrying).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum S3Error {
    /// The store answered with an error status.
    #[error("{action} {key}: HTTP {status}: {body}")]
    Status {
        /// What was being done: `PUT`, `HEAD`, `multipart`…
        action: &'static str,
        /// The object key.
        key: String,
        /// The status.
        status: u16,
        /// The start of the error body (escaped for logs).
        body: String,
    },
    /// The store could not be reached.
    #[error("{action} {key}: {source}")]
    Network {
        /// What was being done.
        action: &'static str,
        /// The object key.
        key: String,
        /// The cause (its URL, which carries a signature, removed).
        #[source]
        source: reqwest::Error,
    },
    /// Reading the local file failed.
    #[error("reading {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The store's answer could not be read.
    #[error("{action} {key}: unreadable answer: {reason}")]
    Answer {
        /// What was being done.
        action: &'static str,
        /// The object key.
        key: String,
        /// What was wrong.
        reason: String,
    },
}

impl S3Error {
    /// Whether another try may succeed: 5xx, 429, 408 and network errors.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Status { status, .. } => *status >= 500 || *status == 429 || *status == 408,
            Self::Network { .. } => true,
            Self::Io { .. } | Self::Answer { .. } => false,
        }
    }

    /// The report code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Status { status, .. } => ErrorCode::Http(*status),
            Self::Network { .. } => ErrorCode::Network,
            Self::Io { source, .. } => ErrorCode::of_io(source),
            Self::Answer { .. } => ErrorCode::Io,
        }
    }
}
