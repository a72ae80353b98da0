//! What travels through the queue: a received message (an [`Envelope`]) and, once handed to a
//! worker, a [`Job`].

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
    /// Set when the event could not be read in full: the message is reported failed with this
    /// reason (and nothing is fetched).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defect: Option<crate::error::ErrorReport>,
}

impl Envelope {
    /// Wraps a message received now.
    pub fn new(message: Message) -> Self {
        Self {
            message,
            received_at: OffsetDateTime::now_utc(),
            defect: None,
        }
    }

    /// The envelope of a message whose frame could not be read beyond its id: it is reported
    /// failed (`MALFORMED_EVENT`) with the reason.
    pub fn unreadable(unreadable: crate::event::Unreadable) -> Self {
        let message = Message {
            message_id: unreadable.message_id,
            conversation_id: String::new(),
            pool_number_id: String::new(),
            pool_number_phone_number: String::new(),
            from_number: String::new(),
            from_name: None,
            timestamp: String::new(),
            label: None,
            kind: crate::event::MessageType::missing(),
            text: String::new(),
            body: String::new(),
            media: None,
        };
        Self {
            defect: Some(crate::error::ErrorReport::new(
                crate::error::ErrorCode::MalformedEvent,
                format!("the event could not be read: {}", unreadable.reason),
            )),
            ..Self::new(message)
        }
    }

    /// The message id: the deduplication key.
    pub fn id(&self) -> &str {
        &self.message.message_id
    }

    /// When the media expires at Pipes.bot: 48 h after the message timestamp, or after receipt
    /// when the timestamp does not parse or its deadline falls past the calendar's end. Never
    /// panics, whatever the timestamp says.
    pub fn deadline(&self) -> OffsetDateTime {
        self.message
            .media_expires_at()
            .or_else(|| {
                let retention = time::Duration::try_from(crate::event::MEDIA_RETENTION).ok()?;
                self.received_at.checked_add(retention)
            })
            .unwrap_or(self.received_at)
    }

    /// [`Envelope::deadline`] in Unix milliseconds, clamped at 0 (a deadline before 1970).
    pub fn deadline_ms(&self) -> u64 {
        u64::try_from(self.deadline().unix_timestamp_nanos() / 1_000_000).unwrap_or(0)
    }
}

/// The lifecycle of a job, as a durable queue records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum JobState {
    /// Stored, waiting for a worker (or for its next attempt time).
    Received,
    /// Handed to a worker (downloading or in the stages).
    #[serde(alias = "downloaded", alias = "processing")]
    Downloading,
    /// Finished and reported as processed (or unavailable / no media).
    Done,
    /// Finished and reported as failed.
    Failed,
    /// Retries exhausted; reported as failed and kept for `--retry-dead`.
    DeadLettered,
}

/// A message handed to a worker by a [`Dequeue`](crate::queue::Dequeue).
#[derive(Debug, Clone)]
pub struct Job {
    /// The message and its receipt data.
    pub envelope: Envelope,
    /// 1 for the first attempt, 2 for the first retry…
    pub attempt: u32,
    /// Attempts the queue allows in all: on the last one, a retryable failure is final.
    pub max_attempts: u32,
    /// Backend-specific handle (a row key, a JetStream message…), opaque to workers.
    pub token: u64,
    /// The message already has a report line (a requeued dead letter or failure): the sink
    /// replaces that line instead of adding one.
    pub replaces_report_line: bool,
}

impl Job {
    /// A first attempt at `envelope` with up to `max_attempts` attempts.
    pub fn first(envelope: Envelope, max_attempts: u32) -> Self {
        Self {
            envelope,
            attempt: 1,
            max_attempts: max_attempts.max(1),
            token: 0,
            replaces_report_line: false,
        }
    }

    /// The message id.
    pub fn id(&self) -> &str {
        self.envelope.id()
    }

    /// Whether this is the last attempt the queue allows.
    pub fn is_last_attempt(&self) -> bool {
        self.attempt >= self.max_attempts
    }
}
