//! [`NatsError`]: why the ingest or a worker could not run.

use pipes_media_core::{PipelineError, QueueError, SinkError};

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
    #[error("NATS: {0}")]
    Nats(String),
    /// The output directory or the report could not be written.
    #[error("output: {0}")]
    Io(#[from] std::io::Error),
    /// The pipeline failed as a whole.
    #[error(transparent)]
    Pipeline(#[from] PipelineError),
}

impl NatsError {
    pub(crate) fn nats(context: &str, e: impl std::fmt::Display) -> Self {
        Self::Nats(format!("{context}: {e}"))
    }

    /// The one-line message for a command line tool (exit status 2).
    pub fn one_line(&self) -> String {
        self.to_string().replace('\n', " ")
    }
}

pub(crate) fn queue_err(context: &str, e: impl std::fmt::Display) -> QueueError {
    QueueError::storage(format!("NATS {context}"), e.to_string())
}

pub(crate) fn sink_err(context: &str, e: impl std::fmt::Display) -> SinkError {
    SinkError::backend(format!("NATS {context}"), e.to_string())
}
