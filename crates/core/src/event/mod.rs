//! The Pipes.bot wire model: every server-to-client WebSocket frame of the protocol.
//!
//! Parsing follows the protocol's robustness rules (assumptions A1 and A5): unknown frame types
//! are kept as raw JSON ([`ServerEvent::Unknown`]), unknown fields are ignored at every level,
//! unknown message types become [`MessageType::Other`], and `text`, `body`, `fromName`, `label` and
//! `fileName` may be absent or `null`. A `whatsapp_message` is taken whenever its `data` has a
//! string `messageId`: every other field is read leniently (missing, `null`, a number where a
//! string belongs), so that a message with odd fields still gets its report line rather than
//! vanishing. Only a frame that is not JSON at all, a frame without a string `type`, or a known
//! frame without its identifying fields is an error ([`EventError`]).
//!
//! ```
//! use pipes_media_core::event::{ServerEvent, Media};
//!
//! let frame = r#"{"type":"whatsapp_message","data":{"messageId":"msg_1","conversationId":"c",
//!   "poolNumberId":"p","poolNumberPhoneNumber":"+1555","fromNumber":"+4477","timestamp":"2025-03-02T08:15:42.120Z",
//!   "type":"audio","text":"","body":"",
//!   "media":{"mimeType":"audio/ogg","byteSize":0,"unavailable":true}}}"#;
//! let ServerEvent::Message(message) = ServerEvent::from_json(frame)? else { panic!() };
//! assert!(matches!(message.media, Some(Media::Unavailable(_))));
//! # Ok::<(), pipes_media_core::event::EventError>(())
//! ```

use serde::{Deserialize, Serialize};

/// How long Pipes.bot keeps media after the message was received (protocol §3.3, assumption A15).
pub const MEDIA_RETENTION: std::time::Duration = std::time::Duration::from_secs(48 * 3600);

/// A frame could not be understood.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EventError {
    /// The frame is not valid JSON, or a known frame type lacks a required field.
    #[error("malformed Pipes.bot frame: {0}")]
    Malformed(#[from] serde_json::Error),
    /// The frame is valid JSON but not an object with a string `type`.
    #[error("Pipes.bot frame has no string `type` field")]
    MissingType,
}

/// One server-to-client frame.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
// Frames are parsed and consumed one at a time: the size difference costs nothing.
#[allow(clippy::large_enum_variant)]
pub enum ServerEvent {
    /// The welcome frame, always first on a connection (protocol §2.2).
    Connected(Welcome),
    /// An inbound WhatsApp message (protocol §3).
    Message(Message),
    /// The result of a `whatsapp_reply` (protocol §2.5).
    ReplyStatus(ReplyStatus),
    /// A frame type this version does not know, kept as it came (assumption A1).
    Unknown(serde_json::Value),
    /// A `whatsapp_message` whose id could be read but not the rest (JSON this parser cannot
    /// take, such as a number past `f64`): the message is reported failed with the reason,
    /// rather than vanishing.
    Unreadable(Unreadable),
}

/// What could be read of a message frame that does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The frame's `data.messageId`.
    pub message_id: String,
    /// Why the rest could not be read.
    pub reason: String,
}

impl ServerEvent {
    /// Parses one text frame.
    pub fn from_json(frame: &str) -> Result<Self, EventError> {
        match serde_json::from_str::<serde_json::Value>(frame) {
            Ok(value) => Self::from_value(value),
            Err(error) => match salvage_message_id(frame) {
                Some(message_id) => Ok(Self::Unreadable(Unreadable {
                    message_id,
                    reason: error.to_string(),
                })),
                None => Err(error.into()),
            },
        }
    }

    /// Parses one frame that is already JSON.
    pub fn from_value(value: serde_json::Value) -> Result<Self, EventError> {
        let kind = value
            .get("type")
            .and_then(serde_json::Value::as_str)
            .ok_or(EventError::MissingType)?;
        match kind {
            "connected" => Ok(Self::Connected(serde_json::from_value(value)?)),
            "whatsapp_message" => {
                let id = value
                    .get("data")
                    .and_then(|d| d.get("messageId"))
                    .and_then(serde_json::Value::as_str)
                    .map(str::to_owned);
                match (serde_json::from_value::<DataFrame<Message>>(value), id) {
                    (Ok(frame), _) => Ok(Self::Message(frame.data)),
                    (Err(error), Some(message_id)) => Ok(Self::Unreadable(Unreadable {
                        message_id,
                        reason: error.to_string(),
                    })),
                    (Err(error), None) => Err(error.into()),
                }
            }
            "reply_status" => {
                let frame: DataFrame<ReplyStatus> = serde_json::from_value(value)?;
                Ok(Self::ReplyStatus(frame.data))
            }
            _ => Ok(Self::Unknown(value)),
        }
    }
}

/// The `data.messageId` string of a `whatsapp_message` frame that is not JSON this parser
/// takes: the first `"messageId"` key followed by a JSON string, in a frame naming the type.
fn salvage_message_id(frame: &str) -> Option<String> {
    if !frame.contains("\"whatsapp_message\"") {
        return None;
    }
    let at = frame.find("\"messageId\"")? + "\"messageId\"".len();
    let rest = frame[at..].trim_start().strip_prefix(':')?.trim_start();
    if !rest.starts_with('"') {
        return None;
    }
    // The shortest prefix that is a whole JSON string.
    let bytes = rest.as_bytes();
    let mut escaped = false;
    for (i, b) in bytes.iter().enumerate().skip(1) {
        match b {
            b'\\' if !escaped => escaped = true,
            b'"' if !escaped => return serde_json::from_str(&rest[..=i]).ok(),
            _ => escaped = false,
        }
    }
    None
}

#[derive(Deserialize)]
struct DataFrame<T> {
    data: T,
}

/// The `connected` welcome frame.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Welcome {
    /// Owner of the API key.
    pub user_id: String,
    /// Unique to this connection.
    pub connection_id: String,
    /// `user` or `conversation`.
    pub scope: Scope,
    /// Present only for a conversation scope.
    #[serde(default)]
    pub conversation_id: Option<String>,
}

/// The scope of a WebSocket connection (protocol §2.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Scope {
    /// Every message of the account; opening one drains the offline queue.
    User,
    /// Only one conversation's messages.
    Conversation,
    /// A scope this version does not know.
    #[serde(other)]
    Other,
}

/// The `reply_status` frame's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplyStatus {
    /// The conversation the reply was for.
    pub conversation_id: String,
    /// Whether WhatsApp accepted the reply.
    pub success: bool,
    /// WhatsApp's id of the sent message, on success.
    #[serde(default)]
    pub message_id: Option<String>,
    /// Human text, on failure.
    #[serde(default)]
    pub error: Option<String>,
    /// Error code such as `SERVICE_WINDOW_EXPIRED`, on failure.
    #[serde(default)]
    pub code: Option<String>,
}

mod media;
mod message;
#[cfg(test)]
mod tests;

pub use media::{AvailableMedia, InvalidMediaId, Media, MediaId, UnavailableMedia};
pub use message::{Message, MessageType};
