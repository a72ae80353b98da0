//! The Pipes.bot wire model: every server-to-client WebSocket frame of the protocol.
//!
//! Parsing follows the protocol's robustness rules (assumptions A1 and A5): unknown frame types
//! are kept as raw JSON ([`ServerEvent::Unknown`]), unknown fields are ignored at every level,
//! unknown message types become [`MessageType::Other`], and `text`, `body`, `fromName`, `label` and
//! `fileName` may be absent or `null`. Only a frame that is not JSON at all, or a known frame that
//! lacks a required field, is an error ([`EventError`]).
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

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::OffsetDateTime;

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
}

impl ServerEvent {
    /// Parses one text frame.
    pub fn from_json(frame: &str) -> Result<Self, EventError> {
        let value: serde_json::Value = serde_json::from_str(frame)?;
        Self::from_value(value)
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
                let frame: DataFrame<Message> = serde_json::from_value(value)?;
                Ok(Self::Message(frame.data))
            }
            "reply_status" => {
                let frame: DataFrame<ReplyStatus> = serde_json::from_value(value)?;
                Ok(Self::ReplyStatus(frame.data))
            }
            _ => Ok(Self::Unknown(value)),
        }
    }
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

/// An inbound WhatsApp message: the `data` of a `whatsapp_message` frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    /// Unique per account and stable across redelivery (assumption A2): the key for deduplication.
    pub message_id: String,
    /// Pipes.bot conversation.
    pub conversation_id: String,
    /// The pool number that received the message.
    pub pool_number_id: String,
    /// That pool number's phone number.
    pub pool_number_phone_number: String,
    /// The sender's number, E.164 with a `+`.
    pub from_number: String,
    /// The sender's profile name.
    #[serde(default)]
    pub from_name: Option<String>,
    /// When Pipes.bot received the message, as sent (RFC 3339); see [`Message::received_at`].
    pub timestamp: String,
    /// The activation label.
    #[serde(default)]
    pub label: Option<String>,
    /// The message type.
    #[serde(rename = "type")]
    pub kind: MessageType,
    /// Text, or the caption of a media message; `""` when absent or `null`.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub text: String,
    /// Same value as `text`; `""` when absent or `null`.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub body: String,
    /// The media object, for media message types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<Media>,
}

impl Message {
    /// The message timestamp, parsed leniently (any RFC 3339 offset, assumption A4).
    pub fn received_at(&self) -> Option<OffsetDateTime> {
        OffsetDateTime::parse(
            &self.timestamp,
            &time::format_description::well_known::Rfc3339,
        )
        .ok()
    }

    /// When Pipes.bot deletes this message's media: 48 hours after [`Message::received_at`].
    pub fn media_expires_at(&self) -> Option<OffsetDateTime> {
        self.received_at().map(|t| t + MEDIA_RETENTION)
    }

    /// The downloadable media, if the message carries any.
    pub fn available_media(&self) -> Option<&AvailableMedia> {
        match &self.media {
            Some(Media::Available(media)) => Some(media),
            _ => None,
        }
    }
}

fn null_as_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
}

/// A message type (protocol §3.2). Unknown values are kept and treated as "no media".
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MessageType {
    /// A text message.
    Text,
    /// A photo.
    Image,
    /// A voice note or audio file.
    Audio,
    /// A video.
    Video,
    /// Any file sent as a document.
    Document,
    /// A sticker (usually WebP).
    Sticker,
    /// A location.
    Location,
    /// Contact cards.
    Contacts,
    /// A reaction to another message.
    Reaction,
    /// A type this version does not know.
    Other(String),
}

impl MessageType {
    /// The wire name, e.g. `"image"`.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Text => "text",
            Self::Image => "image",
            Self::Audio => "audio",
            Self::Video => "video",
            Self::Document => "document",
            Self::Sticker => "sticker",
            Self::Location => "location",
            Self::Contacts => "contacts",
            Self::Reaction => "reaction",
            Self::Other(other) => other,
        }
    }

    /// Whether messages of this type carry a media object.
    pub fn has_media(&self) -> bool {
        matches!(
            self,
            Self::Image | Self::Audio | Self::Video | Self::Document | Self::Sticker
        )
    }
}

impl From<&str> for MessageType {
    fn from(value: &str) -> Self {
        match value {
            "text" => Self::Text,
            "image" => Self::Image,
            "audio" => Self::Audio,
            "video" => Self::Video,
            "document" => Self::Document,
            "sticker" => Self::Sticker,
            "location" => Self::Location,
            "contacts" => Self::Contacts,
            "reaction" => Self::Reaction,
            other => Self::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for MessageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for MessageType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for MessageType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        Ok(Self::from(value.as_str()))
    }
}

/// A message's media object (protocol §3.3), in a shape that cannot be misused: only
/// [`Media::Available`] has an id to download.
#[derive(Debug, Clone, PartialEq)]
pub enum Media {
    /// Media that can be downloaded.
    Available(AvailableMedia),
    /// Media Pipes.bot could not fetch from WhatsApp (`unavailable: true`); never download it.
    Unavailable(UnavailableMedia),
}

impl Media {
    /// The MIME type the sender's client declared (a hint, never the truth).
    pub fn declared_mime(&self) -> Option<&str> {
        match self {
            Self::Available(m) => m.mime_type.as_deref(),
            Self::Unavailable(m) => m.mime_type.as_deref(),
        }
    }

    /// The declared size in bytes (advisory, assumption A16).
    pub fn byte_size(&self) -> u64 {
        match self {
            Self::Available(m) => m.byte_size,
            Self::Unavailable(m) => m.byte_size,
        }
    }

    /// The declared file name (untrusted).
    pub fn file_name(&self) -> Option<&str> {
        match self {
            Self::Available(m) => m.file_name.as_deref(),
            Self::Unavailable(m) => m.file_name.as_deref(),
        }
    }
}

/// Downloadable media.
#[derive(Debug, Clone, PartialEq)]
pub struct AvailableMedia {
    /// The id to download with.
    pub id: MediaId,
    /// The MIME type as declared (untrusted).
    pub mime_type: Option<String>,
    /// The file name as declared (untrusted: never a path).
    pub file_name: Option<String>,
    /// The size as declared (advisory).
    pub byte_size: u64,
}

impl AvailableMedia {
    /// The path to request, relative to the REST base URL: `/v1/media/download/{id}`.
    ///
    /// It is always built from the media id, never taken from the event's `downloadUrl`, so a
    /// hostile event cannot point the client (and its API key) at another host.
    pub fn download_path(&self) -> Result<String, InvalidMediaId> {
        Ok(format!("/v1/media/download/{}", self.id.to_path_segment()?))
    }
}

/// Media that Pipes.bot could not fetch. It has no id and no download path.
#[derive(Debug, Clone, PartialEq)]
pub struct UnavailableMedia {
    /// The MIME type as declared.
    pub mime_type: Option<String>,
    /// The file name as declared.
    pub file_name: Option<String>,
    /// The size as declared (usually 0).
    pub byte_size: u64,
    /// `true` when the event said `unavailable: true`; `false` when it gave no `mediaId`.
    pub reported: bool,
}

/// An opaque media id. Ids are expected to use `A–Z a–z 0–9 _ -` (assumption A14).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MediaId(String);

/// A media id that cannot be put in a URL path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("media id {0:?} is empty, too long or contains characters outside A-Z a-z 0-9 _ -")]
pub struct InvalidMediaId(pub String);

impl MediaId {
    /// Wraps an id as it came from the wire (not yet validated).
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    /// The id as it came.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id as one URL path segment. Ids outside the documented alphabet are refused rather
    /// than encoded, so a `/` or `..` can never change the request path.
    pub fn to_path_segment(&self) -> Result<&str, InvalidMediaId> {
        let valid = !self.0.is_empty()
            && self.0.len() <= 256
            && self
                .0
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if valid {
            Ok(&self.0)
        } else {
            Err(InvalidMediaId(self.0.chars().take(64).collect()))
        }
    }
}

impl fmt::Display for MediaId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The media object as it is on the wire.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireMedia {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    media_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    download_url: Option<String>,
    #[serde(default)]
    mime_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    file_name: Option<String>,
    #[serde(default, deserialize_with = "lenient_size")]
    byte_size: u64,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    unavailable: bool,
}

/// `byteSize` is advisory: accept integers, floats, strings and `null`; anything odd becomes 0.
fn lenient_size<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(match value {
        serde_json::Value::Number(n) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64))
            .unwrap_or(0),
        serde_json::Value::String(s) => s.trim().parse().unwrap_or(0),
        _ => 0,
    })
}

impl<'de> Deserialize<'de> for Media {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = WireMedia::deserialize(deserializer)?;
        let mime_type = wire.mime_type.filter(|m| !m.trim().is_empty());
        match wire.media_id {
            Some(id) if !wire.unavailable && !id.is_empty() => {
                Ok(Media::Available(AvailableMedia {
                    id: MediaId(id),
                    mime_type,
                    file_name: wire.file_name,
                    byte_size: wire.byte_size,
                }))
            }
            _ => Ok(Media::Unavailable(UnavailableMedia {
                mime_type,
                file_name: wire.file_name,
                byte_size: wire.byte_size,
                reported: wire.unavailable,
            })),
        }
    }
}

impl Serialize for Media {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let wire = match self {
            Media::Available(m) => WireMedia {
                download_url: m.download_path().ok(),
                media_id: Some(m.id.0.clone()),
                mime_type: m.mime_type.clone(),
                file_name: m.file_name.clone(),
                byte_size: m.byte_size,
                unavailable: false,
            },
            Media::Unavailable(m) => WireMedia {
                media_id: None,
                download_url: None,
                mime_type: m.mime_type.clone(),
                file_name: m.file_name.clone(),
                byte_size: m.byte_size,
                unavailable: true,
            },
        };
        wire.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = r#"{
      "type": "whatsapp_message",
      "data": {
        "messageId": "msg_4Qe81", "conversationId": "conv_k2p9", "poolNumberId": "pool_51",
        "poolNumberPhoneNumber": "+15550001111", "fromNumber": "+447700900123", "fromName": "Ana Ruiz",
        "timestamp": "2025-03-02T08:15:42.120Z", "label": "intake", "type": "document",
        "text": "Signed contract", "body": "Signed contract",
        "media": { "mediaId": "Zx8Qm2LrT0vBn4KcWy7Pa", "downloadUrl": "/v1/media/download/Zx8Qm2LrT0vBn4KcWy7Pa",
          "mimeType": "application/pdf", "fileName": "contract-signed.pdf", "byteSize": 48213 }
      }
    }"#;

    fn message(frame: &str) -> Message {
        match ServerEvent::from_json(frame) {
            Ok(ServerEvent::Message(m)) => m,
            other => panic!("expected a message, got {other:?}"),
        }
    }

    #[test]
    fn parses_the_seed_document_message() {
        let m = message(SEED);
        assert_eq!(m.message_id, "msg_4Qe81");
        assert_eq!(m.kind, MessageType::Document);
        assert_eq!(m.from_name.as_deref(), Some("Ana Ruiz"));
        assert_eq!(m.label.as_deref(), Some("intake"));
        assert_eq!(m.text, "Signed contract");
        let media = m.available_media().expect("available");
        assert_eq!(media.id.as_str(), "Zx8Qm2LrT0vBn4KcWy7Pa");
        assert_eq!(media.mime_type.as_deref(), Some("application/pdf"));
        assert_eq!(media.file_name.as_deref(), Some("contract-signed.pdf"));
        assert_eq!(media.byte_size, 48213);
        assert_eq!(
            media.download_path().expect("valid id"),
            "/v1/media/download/Zx8Qm2LrT0vBn4KcWy7Pa"
        );
        let received = m.received_at().expect("timestamp parses");
        assert_eq!(received.unix_timestamp(), 1_740_903_342);
        assert_eq!(
            m.media_expires_at().expect("expiry").unix_timestamp() - received.unix_timestamp(),
            48 * 3600
        );
    }

    #[test]
    fn parses_welcome_frames_of_both_scopes() {
        let user = r#"{ "type": "connected", "userId": "user_7f3a", "connectionId": "6f1c", "scope": "user" }"#;
        let conv = r#"{ "type": "connected", "userId": "u", "connectionId": "0c9e", "scope": "conversation", "conversationId": "conv_k2p9", "extra": 1 }"#;
        let ServerEvent::Connected(w) = ServerEvent::from_json(user).expect("parses") else {
            panic!("not a welcome")
        };
        assert_eq!(w.scope, Scope::User);
        assert_eq!(w.conversation_id, None);
        let ServerEvent::Connected(w) = ServerEvent::from_json(conv).expect("parses") else {
            panic!("not a welcome")
        };
        assert_eq!(w.scope, Scope::Conversation);
        assert_eq!(w.conversation_id.as_deref(), Some("conv_k2p9"));
    }

    #[test]
    fn parses_reply_status_success_and_failure() {
        let ok = r#"{ "type": "reply_status", "data": { "conversationId": "c", "success": true, "messageId": "wamid.X" } }"#;
        let err = r#"{ "type": "reply_status", "data": { "conversationId": "c", "success": false, "error": "old", "code": "SERVICE_WINDOW_EXPIRED" } }"#;
        let ServerEvent::ReplyStatus(s) = ServerEvent::from_json(ok).expect("parses") else {
            panic!()
        };
        assert!(s.success);
        assert_eq!(s.message_id.as_deref(), Some("wamid.X"));
        let ServerEvent::ReplyStatus(s) = ServerEvent::from_json(err).expect("parses") else {
            panic!()
        };
        assert!(!s.success);
        assert_eq!(s.code.as_deref(), Some("SERVICE_WINDOW_EXPIRED"));
    }

    fn with_type(kind: &str, media: Option<&str>) -> String {
        let media = media
            .map(|m| format!(r#","media":{m}"#))
            .unwrap_or_default();
        format!(
            r#"{{"type":"whatsapp_message","data":{{"messageId":"m","conversationId":"c","poolNumberId":"p",
            "poolNumberPhoneNumber":"+1","fromNumber":"+2","timestamp":"2025-03-02T08:15:42Z","type":"{kind}",
            "text":"","body":""{media}}}}}"#
        )
    }

    #[test]
    fn parses_every_message_type() {
        let media = r#"{"mediaId":"abc_DEF-123","downloadUrl":"/v1/media/download/abc_DEF-123","mimeType":"x/y","byteSize":5}"#;
        for kind in ["image", "audio", "video", "document", "sticker"] {
            let m = message(&with_type(kind, Some(media)));
            assert_eq!(m.kind.as_str(), kind);
            assert!(m.kind.has_media());
            assert!(m.available_media().is_some(), "{kind} has media");
        }
        for kind in ["text", "location", "contacts", "reaction"] {
            let m = message(&with_type(kind, None));
            assert_eq!(m.kind.as_str(), kind);
            assert!(!m.kind.has_media());
            assert!(m.media.is_none());
        }
        let m = message(&with_type("poll", None));
        assert_eq!(m.kind, MessageType::Other("poll".into()));
        assert!(!m.kind.has_media());
    }

    #[test]
    fn optional_fields_may_be_missing_or_null() {
        let frame = r#"{"type":"whatsapp_message","data":{"messageId":"m","conversationId":"c","poolNumberId":"p",
            "poolNumberPhoneNumber":"+1","fromNumber":"+2","timestamp":"2025-03-02T08:15:42Z","type":"image",
            "text":null,"fromName":null,"label":null,"unknownField":{"deep":[1,2]},
            "media":{"mediaId":"abc","mimeType":"image/jpeg","fileName":null,"byteSize":null,"future":true}}}"#;
        let m = message(frame);
        assert_eq!(m.text, "");
        assert_eq!(m.body, "");
        assert_eq!(m.from_name, None);
        let media = m.available_media().expect("available");
        assert_eq!(media.file_name, None);
        assert_eq!(media.byte_size, 0);
    }

    #[test]
    fn unavailable_media_has_no_id_and_no_download() {
        let m = message(&with_type(
            "audio",
            Some(r#"{"mimeType":"audio/ogg","byteSize":0,"unavailable":true}"#),
        ));
        let Some(Media::Unavailable(u)) = &m.media else {
            panic!("expected unavailable")
        };
        assert!(u.reported);
        assert_eq!(u.mime_type.as_deref(), Some("audio/ogg"));
        assert!(m.available_media().is_none());
        // An id next to `unavailable: true` is still unavailable: the flag wins.
        let m = message(&with_type(
            "audio",
            Some(r#"{"mediaId":"x","mimeType":"audio/ogg","byteSize":0,"unavailable":true}"#),
        ));
        assert!(m.available_media().is_none());
        // No id and no flag: nothing to download either.
        let m = message(&with_type(
            "image",
            Some(r#"{"mimeType":"image/png","byteSize":3}"#),
        ));
        assert!(matches!(&m.media, Some(Media::Unavailable(u)) if !u.reported));
    }

    #[test]
    fn unknown_frame_types_are_kept_raw() {
        let frame = r#"{"type":"typing","data":{"who":"x"}}"#;
        let ServerEvent::Unknown(raw) = ServerEvent::from_json(frame).expect("never an error")
        else {
            panic!()
        };
        assert_eq!(raw["data"]["who"], "x");
    }

    #[test]
    fn malformed_frames_are_typed_errors() {
        for bad in [
            "",
            "{",
            "not json",
            "[1,2]",
            "42",
            r#"{"type":7}"#,
            r#"{"data":{}}"#,
            r#"{"type":"whatsapp_message"}"#,
            r#"{"type":"whatsapp_message","data":{"messageId":"m"}}"#,
            r#"{"type":"connected"}"#,
        ] {
            assert!(ServerEvent::from_json(bad).is_err(), "{bad:?} must fail");
        }
    }

    #[test]
    fn media_ids_that_could_change_the_path_are_refused() {
        for bad in ["", "../x", "a/b", "a%2Fb", "a b", "ü", "a?b", "a#b"] {
            assert!(MediaId::new(bad).to_path_segment().is_err(), "{bad:?}");
        }
        let long = "a".repeat(300);
        assert!(MediaId::new(long).to_path_segment().is_err());
        assert!(MediaId::new("Zx8Qm2LrT0vBn4KcWy7Pa")
            .to_path_segment()
            .is_ok());
    }

    #[test]
    fn hostile_download_url_is_never_used() {
        let m = message(&with_type(
            "image",
            Some(
                r#"{"mediaId":"abc","downloadUrl":"https://evil.example/steal","mimeType":"image/png","byteSize":1}"#,
            ),
        ));
        let path = m.available_media().expect("available").download_path();
        assert_eq!(path.expect("valid"), "/v1/media/download/abc");
    }

    #[test]
    fn messages_round_trip_through_json() {
        let m = message(SEED);
        let json = serde_json::to_string(&m).expect("serialises");
        let back: Message = serde_json::from_str(&json).expect("parses back");
        assert_eq!(m, back);
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_text_never_panics(s in ".{0,300}") {
            let _ = ServerEvent::from_json(&s);
        }
    }
}
