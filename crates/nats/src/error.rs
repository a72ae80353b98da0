//! [`NatsError`]: why the ingest or a worker could not run.

use std::borrow::Cow;

use pipes_media_core::{BoxError, PipelineError, QueueError, ReportError, SinkError};

/// A fatal condition of the NATS ingest or worker. Messages never fail this way: those go to the
/// report.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NatsError {
    /// No NATS server answered at the URL.
    #[error("NATS server unreachable at {url}: {reason}")]
    Unreachable {
        /// The configured URL.
        url: String,
        /// What the client said.
        reason: String,
    },
    /// The server answered but JetStream is not enabled (start it with `-js`).
    #[error("JetStream is not enabled on the NATS server at {url} (start nats-server with -js): {reason}")]
    JetStreamUnavailable {
        /// The configured URL.
        url: String,
        /// What the client said.
        reason: String,
    },
    /// A stream or consumer exists with other settings than this process expects.
    #[error("{0}")]
    Mismatch(String),
    /// Another NATS or JetStream failure.
    #[error("NATS {what}: {source}")]
    Nats {
        /// What was being done.
        what: Cow<'static, str>,
        /// The cause.
        #[source]
        source: BoxError,
    },
    /// The output directory could not be written.
    #[error("output: {0}")]
    Io(#[from] std::io::Error),
    /// The report could not be written.
    #[error(transparent)]
    Report(#[from] ReportError),
    /// The pipeline failed as a whole.
    #[error(transparent)]
    Pipeline(#[from] PipelineError),
}

impl NatsError {
    pub(crate) fn nats(what: impl Into<Cow<'static, str>>, e: impl Into<BoxError>) -> Self {
        Self::Nats {
            what: what.into(),
            source: e.into(),
        }
    }

    /// The one-line message for a command line tool (exit status 2).
    pub fn one_line(&self) -> String {
        self.to_string().replace('\n', " ")
    }
}

impl From<SinkError> for NatsError {
    fn from(e: SinkError) -> Self {
        Self::Pipeline(e.into())
    }
}

pub(crate) fn queue_err(what: &'static str, e: impl Into<BoxError>) -> QueueError {
    QueueError::storage(format!("NATS {what}"), e)
}

pub(crate) fn sink_err(what: &'static str, e: impl Into<BoxError>) -> SinkError {
    SinkError::backend(format!("NATS {what}"), e)
}
