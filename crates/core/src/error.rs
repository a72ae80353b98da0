//! Errors that reach the report: each has a stable UPPER_SNAKE `code` and knows whether it is
//! worth retrying.

use std::borrow::Cow;
use std::time::Duration;

use serde::{Deserialize, Serialize};

type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// A failure as the report shows it: `{ "code": "...", "message": "..." }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorReport {
    /// Stable UPPER_SNAKE code, e.g. `NOT_FOUND`, `TRUNCATED`, `TOO_MANY_PIXELS`.
    pub code: String,
    /// Human text. Never contains an API key.
    pub message: String,
}

impl ErrorReport {
    /// A report with this code and message.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
        }
    }
}

/// Getting a message's media failed (download or local read).
#[derive(Debug, thiserror::Error)]
#[error("{code}: {message}")]
pub struct FetchError {
    code: Cow<'static, str>,
    message: String,
    retryable: bool,
    retry_after: Option<Duration>,
    #[source]
    source: Option<BoxError>,
}

impl FetchError {
    /// A permanent failure with this code.
    pub fn new(code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            retryable: false,
            retry_after: None,
            source: None,
        }
    }

    /// Marks the failure as worth retrying (network, 5xx, 429, truncated body…).
    pub fn retryable(mut self, retryable: bool) -> Self {
        self.retryable = retryable;
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

    /// The report code.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The human message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether a later attempt may succeed.
    pub fn is_retryable(&self) -> bool {
        self.retryable
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
#[derive(Debug, thiserror::Error)]
#[error("{code}: {message}")]
pub struct StageError {
    code: Cow<'static, str>,
    message: String,
    stop: bool,
    quarantine: bool,
    #[source]
    source: Option<BoxError>,
}

impl StageError {
    /// A failure with this code (UPPER_SNAKE) and message.
    pub fn new(code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
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
        Self::new("INVALID_INPUT", message)
    }

    /// An I/O error while reading the blob or writing an artifact: code `IO`.
    pub fn io(error: std::io::Error) -> Self {
        Self::new("IO", error.to_string()).with_source(error)
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

    /// The report code.
    pub fn code(&self) -> &str {
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
    code: Cow<'static, str>,
    message: String,
    #[source]
    source: Option<BoxError>,
}

impl SourceError {
    /// A fatal source error with this code (e.g. `UNAUTHORIZED`) and message.
    pub fn new(code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
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
    pub fn code(&self) -> &str {
        &self.code
    }
}

/// The sink could not record a finished message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SinkError {
    /// Writing the report, a blob or an artifact failed.
    #[error("sink I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// The report line could not be serialised.
    #[error("report line could not be serialised: {0}")]
    Json(#[from] serde_json::Error),
    /// Another sink-specific failure.
    #[error("sink failed: {0}")]
    Other(String),
}

/// The job queue failed (storage error, closed backend).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QueueError {
    /// The backing store failed.
    #[error("queue storage error: {0}")]
    Storage(String),
    /// A stored job could not be (de)serialised.
    #[error("queue serialisation error: {0}")]
    Json(#[from] serde_json::Error),
    /// I/O on the store.
    #[error("queue I/O error: {0}")]
    Io(#[from] std::io::Error),
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
    /// The pipeline was built without a required part.
    #[error("pipeline is missing its {0}")]
    Incomplete(&'static str),
    /// Setting up the output directory failed.
    #[error("output directory: {0}")]
    Io(#[from] std::io::Error),
}
