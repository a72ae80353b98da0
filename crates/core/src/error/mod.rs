//! One error model: every failure that can reach the report carries an [`ErrorCode`] (the
//! report's UPPER_SNAKE string, with [`ErrorCode::is_retryable`] as the one retry rule), a human
//! message, an optional `Retry-After`, and its cause as [`std::error::Error::source`], never
//! flattened into a string.
//!
//! - [`FetchError`]: getting a message's media failed (download, local read);
//! - [`StageError`]: a stage failed on an item;
//! - [`SourceError`]: a source cannot go on (a rejected key): fatal for the run;
//! - [`SinkError`], [`QueueError`], [`ReportError`](crate::report::ReportError): the run's own
//!   storage failed: fatal, the run stops and says where;
//! - [`PipelineError`]: why a run as a whole ended in failure.

mod code;

use std::borrow::Cow;
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use code::ErrorCode;

/// A boxed cause.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// A failure as the report shows it: `{ "code": "...", "message": "..." }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorReport {
    /// The code, e.g. `NOT_FOUND`, `TRUNCATED`, `TOO_MANY_PIXELS`.
    pub code: ErrorCode,
    /// Human text. Never contains an API key.
    pub message: String,
}

impl ErrorReport {
    /// A report with this code and message.
    pub fn new(code: impl Into<ErrorCode>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
        }
    }
}

/// Getting a message's media failed (a download or a local read).
///
/// ```
/// use pipes_media_core::{ErrorCode, FetchError};
/// use std::time::Duration;
/// let e = FetchError::new(ErrorCode::RateLimited, "429").with_retry_after(Some(Duration::from_secs(3)));
/// assert!(e.is_retryable());
/// assert_eq!(e.retry_after(), Some(Duration::from_secs(3)));
/// assert_eq!(e.to_report().code, "RATE_LIMITED");
/// ```
#[derive(Debug, thiserror::Error)]
#[error("{code}: {message}")]
pub struct FetchError {
    code: ErrorCode,
    message: String,
    retryable: Option<bool>,
    retry_after: Option<Duration>,
    #[source]
    source: Option<BoxError>,
}

impl FetchError {
    /// A failure with this code; whether it is retried follows [`ErrorCode::is_retryable`].
    pub fn new(code: impl Into<ErrorCode>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            retryable: None,
            retry_after: None,
            source: None,
        }
    }

    /// The failure of an I/O error, with its code ([`ErrorCode::of_io`]) and the error kept as
    /// the cause.
    pub fn io(context: &str, error: std::io::Error) -> Self {
        Self::new(ErrorCode::of_io(&error), format!("{context}: {error}")).with_source(error)
    }

    /// Overrides the code's retry rule.
    pub fn retryable(mut self, retryable: bool) -> Self {
        self.retryable = Some(retryable);
        self
    }

    /// The server asked to wait this long before retrying (`Retry-After`).
    pub fn with_retry_after(mut self, delay: Option<Duration>) -> Self {
        self.retry_after = delay;
        self
    }

    /// Keeps the underlying cause.
    pub fn with_source(mut self, source: impl Into<BoxError>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// The code.
    pub fn code(&self) -> &ErrorCode {
        &self.code
    }

    /// The human message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether a later attempt may succeed.
    pub fn is_retryable(&self) -> bool {
        self.retryable.unwrap_or_else(|| self.code.is_retryable())
    }

    /// How long the server asked to wait, if it did.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The `{code, message}` for the report.
    pub fn to_report(&self) -> ErrorReport {
        ErrorReport::new(self.code.clone(), self.message.clone())
    }
}

/// A stage failed on an item.
///
/// What happens next is decided by the stage's [`StagePolicy`](crate::StagePolicy): the item
/// continues through later stages (and is reported `failed`), stops, or the stage is retried.
/// [`StageError::stop`] overrides the policy: the item stops at once, whatever the policy says
/// (a content gate uses it), and [`StageError::quarantine`] asks the sink to keep the blob apart
/// as evidence.
///
/// Any error type that converts into `StageError` can be returned from
/// [`StageContext::blocking`](crate::StageContext::blocking) work.
#[derive(Debug, thiserror::Error)]
#[error("{code}: {message}")]
pub struct StageError {
    code: ErrorCode,
    message: String,
    stop: bool,
    quarantine: bool,
    #[source]
    source: Option<BoxError>,
}

impl StageError {
    /// A failure with this code (UPPER_SNAKE) and message.
    pub fn new(code: impl Into<ErrorCode>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            stop: false,
            quarantine: false,
            source: None,
        }
    }

    /// The input is invalid for this stage (corrupt, truncated, unsupported): code `INVALID_INPUT`
    /// unless a better code is given with [`StageError::new`].
    pub fn invalid_input(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message)
    }

    /// An I/O error while reading the blob or writing an artifact: code `IO` (`DISK_FULL` when
    /// the disk is full, which the scheduler retries).
    pub fn io(error: std::io::Error) -> Self {
        Self::new(ErrorCode::of_io(&error), error.to_string()).with_source(error)
    }

    /// Stops the item now, whatever the stage policy says; no later stage runs.
    pub fn stop(mut self) -> Self {
        self.stop = true;
        self
    }

    /// Asks the sink to keep the blob in a quarantine folder (implies [`StageError::stop`]).
    pub fn quarantine(mut self) -> Self {
        self.quarantine = true;
        self.stop = true;
        self
    }

    /// Keeps the underlying cause.
    pub fn with_source(mut self, source: impl Into<BoxError>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// The code.
    pub fn code(&self) -> &ErrorCode {
        &self.code
    }

    /// The human message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether the stage asked to stop the item regardless of policy.
    pub fn stops_item(&self) -> bool {
        self.stop
    }

    /// Whether the stage asked to quarantine the blob.
    pub fn quarantines(&self) -> bool {
        self.quarantine
    }

    /// Whether the whole message should be tried again later rather than reported failed: the
    /// code is retryable for a reason outside the content (a full disk).
    pub fn is_retryable(&self) -> bool {
        self.code == ErrorCode::DiskFull
    }

    /// The `{code, message}` for the report.
    pub fn to_report(&self) -> ErrorReport {
        ErrorReport::new(self.code.clone(), self.message.clone())
    }
}

impl From<std::io::Error> for StageError {
    fn from(error: std::io::Error) -> Self {
        Self::io(error)
    }
}

/// A source could not go on (for example a rejected API key). Fatal for the run.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct SourceError {
    code: ErrorCode,
    message: String,
    #[source]
    source: Option<BoxError>,
}

impl SourceError {
    /// A fatal source error with this code (e.g. `UNAUTHORIZED`) and message.
    pub fn new(code: impl Into<ErrorCode>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            source: None,
        }
    }

    /// Keeps the underlying cause.
    pub fn with_source(mut self, source: impl Into<BoxError>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// The code, e.g. `UNAUTHORIZED`, `FORBIDDEN`, `IO`.
    pub fn code(&self) -> &ErrorCode {
        &self.code
    }
}

/// A sink could not record a finished message. Fatal for the run: the message stays unfinished
/// for a durable queue to resume.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SinkError {
    /// Storing a blob or an artifact failed.
    #[error("storing {what} failed: {source}")]
    Io {
        /// What was being stored, e.g. `media/msg_1-photo.jpg`.
        what: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The report could not be written.
    #[error(transparent)]
    Report(#[from] crate::report::ReportError),
    /// A sink backend (an object store, a results stream) failed.
    #[error("{what}: {source}")]
    Backend {
        /// What was being done, e.g. `NATS result publish`.
        what: Cow<'static, str>,
        /// The cause.
        #[source]
        source: BoxError,
    },
}

impl SinkError {
    /// A backend failure.
    pub fn backend(what: impl Into<Cow<'static, str>>, source: impl Into<BoxError>) -> Self {
        Self::Backend {
            what: what.into(),
            source: source.into(),
        }
    }

    /// The code of the failure ([`ErrorCode::DiskFull`] for a full disk).
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Io { source, .. } => ErrorCode::of_io(source),
            Self::Report(e) => e.code(),
            Self::Backend { .. } => ErrorCode::Io,
        }
    }
}

/// The job queue failed (storage error, lost backend).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QueueError {
    /// The backing store failed.
    #[error("{what}: {source}")]
    Storage {
        /// What was being done, e.g. `committing received events to state/queue.redb`.
        what: Cow<'static, str>,
        /// The cause.
        #[source]
        source: BoxError,
    },
    /// A stored job could not be (de)serialised.
    #[error("queue record: {0}")]
    Json(#[from] serde_json::Error),
    /// I/O on the store.
    #[error("queue I/O: {0}")]
    Io(#[from] std::io::Error),
}

impl QueueError {
    /// A storage failure while doing `what`.
    pub fn storage(what: impl Into<Cow<'static, str>>, source: impl Into<BoxError>) -> Self {
        Self::Storage {
            what: what.into(),
            source: source.into(),
        }
    }
}

/// Running a pipeline failed as a whole (not a single message: those go to the report).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// The source hit a fatal error such as a rejected key.
    #[error(transparent)]
    Source(#[from] SourceError),
    /// The sink could not record a message.
    #[error(transparent)]
    Sink(#[from] SinkError),
    /// The queue failed.
    #[error(transparent)]
    Queue(#[from] QueueError),
    /// The report could not be opened or written.
    #[error(transparent)]
    Report(#[from] crate::report::ReportError),
    /// A worker task panicked (a bug; the message it held is resumed by a durable queue).
    #[error("a worker panicked: {0}")]
    WorkerPanicked(#[source] tokio::task::JoinError),
    /// The pipeline was built without a required part.
    #[error("pipeline is missing its {0}")]
    Incomplete(&'static str),
    /// Setting up the output directory failed.
    #[error("output directory {path}: {source}")]
    Io {
        /// The directory.
        path: std::path::PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}
