//! What travels through the queue: a received message (an [`Envelope`]) and, once taken by a
//! worker, a [`Job`].

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::event::Message;

/// A message as received, with what the pipeline needs to process it later, even after a
/// restart: it is what a durable queue stores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Envelope {
    /// The message as it came from the source.
    pub message: Message,
    /// When this process received it (the report's `receivedAt`).
    #[serde(with = "time::serde::rfc3339")]
    pub received_at: OffsetDateTime,
    /// For `--input` runs: the local file that stands in for the media, read in place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_file: Option<PathBuf>,
}

impl Envelope {
    /// Wraps a message received now.
    pub fn new(message: Message) -> Self {
        Self {
            message,
            received_at: OffsetDateTime::now_utc(),
            local_file: None,
        }
    }

    /// Wraps a message whose media is a local file.
    pub fn local(message: Message, path: PathBuf) -> Self {
        Self {
            local_file: Some(path),
            ..Self::new(message)
        }
    }

    /// The message id: the deduplication key.
    pub fn id(&self) -> &str {
        &self.message.message_id
    }

    /// When the media expires at Pipes.bot (48 h after the message timestamp, or after receipt
    /// when the timestamp does not parse).
    pub fn deadline(&self) -> OffsetDateTime {
        self.message
            .media_expires_at()
            .unwrap_or(self.received_at + crate::event::MEDIA_RETENTION)
    }
}

/// The lifecycle of a job, as a durable queue records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum JobState {
    /// Stored, waiting for a worker (or for its next attempt time).
    Received,
    /// A worker is downloading the media.
    Downloading,
    /// The media is on disk.
    Downloaded,
    /// Stages are running.
    Processing,
    /// Finished and reported as processed (or unavailable / no media).
    Done,
    /// Finished and reported as failed.
    Failed,
    /// Retries exhausted; reported as failed and kept for `--retry-dead`.
    DeadLettered,
}

/// A message taken from the queue by a worker.
#[derive(Debug, Clone)]
pub struct Job {
    /// The message and its receipt data.
    pub envelope: Envelope,
    /// 1 for the first attempt, 2 for the first retry…
    pub attempt: u32,
    /// Backend-specific handle (a row key, a JetStream message…), opaque to workers.
    pub token: u64,
    /// The message already has a report line (a dead letter requeued by `--retry-dead`): the
    /// sink replaces that line instead of adding one.
    pub replaces_report_line: bool,
}

impl Job {
    /// The message id.
    pub fn id(&self) -> &str {
        self.envelope.id()
    }
}
