//! [`Replier`]: the seam through which a stage answers the sender of a message, so that a plugin
//! can reply without knowing how (the Pipes.bot WebSocket's `whatsapp_reply`, protocol §2.5, is
//! the ingest crate's implementation).

use async_trait::async_trait;

use crate::error::ErrorCode;
use crate::event::Message;

/// The longest reply text Pipes.bot accepts, in characters (protocol §2.5).
pub const MAX_REPLY_CHARS: usize = 4096;

/// What became of a reply that the service answered.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReplyOutcome {
    /// Sent; WhatsApp's id of the sent message, when the service gave one.
    Sent {
        /// WhatsApp's message id (`wamid.…`).
        message_id: Option<String>,
    },
    /// Refused by the service (`reply_status` with `success: false`), e.g.
    /// `SERVICE_WINDOW_EXPIRED`: final, never retried.
    Refused {
        /// The service's code.
        code: ErrorCode,
        /// The service's text.
        message: String,
    },
}

/// A reply could not be sent or its answer did not come.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReplyError {
    /// There is no live connection to reply on (the run reads local files, or the socket is
    /// down and did not come back in time).
    #[error("no connection to reply on: {0}")]
    NotConnected(String),
    /// The reply was sent but no `reply_status` came in time: it may or may not have gone out.
    #[error("no reply_status within {0:?}")]
    NoAnswer(std::time::Duration),
    /// The text is empty or longer than [`MAX_REPLY_CHARS`].
    #[error("reply text is empty or longer than 4096 characters")]
    BadText,
}

impl ReplyError {
    /// The report code: `NOT_CONNECTED`, `TIMEOUT` or `INVALID_INPUT`.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NotConnected(_) => ErrorCode::from("NOT_CONNECTED"),
            Self::NoAnswer(_) => ErrorCode::Timeout,
            Self::BadText => ErrorCode::InvalidInput,
        }
    }
}

/// Sends a text reply to the sender of a message and waits for the service's answer.
///
/// Implementations match each answer to its request (the WebSocket's `reply_status` carries no
/// request id: by conversation and order, assumption A7). A stage holds an
/// `Arc<dyn Replier>` given at construction.
#[async_trait]
pub trait Replier: Send + Sync + 'static {
    /// Replies `text` (at most [`MAX_REPLY_CHARS`] characters) to `to`'s sender in its
    /// conversation.
    async fn reply(&self, to: &Message, text: &str) -> Result<ReplyOutcome, ReplyError>;
}

#[async_trait]
impl<R: Replier + ?Sized> Replier for std::sync::Arc<R> {
    async fn reply(&self, to: &Message, text: &str) -> Result<ReplyOutcome, ReplyError> {
        (**self).reply(to, text).await
    }
}
