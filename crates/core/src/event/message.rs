//! [`Message`]: the `data` of a `whatsapp_message` frame, and its [`MessageType`].

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::OffsetDateTime;

use super::media::{AvailableMedia, Media};
use super::MEDIA_RETENTION;

/// An inbound WhatsApp message: the `data` of a `whatsapp_message` frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    /// Unique per account and stable across redelivery (assumption A2): the key for deduplication.
    pub message_id: String,
    /// Pipes.bot conversation.
    #[serde(default, deserialize_with = "lenient_string")]
    pub conversation_id: String,
    /// The pool number that received the message.
    #[serde(default, deserialize_with = "lenient_string")]
    pub pool_number_id: String,
    /// That pool number's phone number.
    #[serde(default, deserialize_with = "lenient_string")]
    pub pool_number_phone_number: String,
    /// The sender's number, E.164 with a `+`.
    #[serde(default, deserialize_with = "lenient_string")]
    pub from_number: String,
    /// The sender's profile name.
    #[serde(default, deserialize_with = "lenient_option")]
    pub from_name: Option<String>,
    /// When Pipes.bot received the message, as sent (RFC 3339); see [`Message::received_at`].
    #[serde(default, deserialize_with = "lenient_string")]
    pub timestamp: String,
    /// The activation label.
    #[serde(default, deserialize_with = "lenient_option")]
    pub label: Option<String>,
    /// The message type.
    #[serde(rename = "type", default = "MessageType::missing")]
    pub kind: MessageType,
    /// Text, or the caption of a media message; `""` when absent or `null`.
    #[serde(default, deserialize_with = "lenient_string")]
    pub text: String,
    /// Same value as `text`; `""` when absent or `null`.
    #[serde(default, deserialize_with = "lenient_string")]
    pub body: String,
    /// The media object, for media message types.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_media"
    )]
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

    /// When Pipes.bot deletes this message's media: 48 hours after [`Message::received_at`];
    /// `None` when the timestamp does not parse or the deadline would fall past the calendar's
    /// end (year 9999).
    pub fn media_expires_at(&self) -> Option<OffsetDateTime> {
        self.received_at()?
            .checked_add(MEDIA_RETENTION.try_into().ok()?)
    }

    /// The downloadable media, if the message carries any.
    pub fn available_media(&self) -> Option<&AvailableMedia> {
        match &self.media {
            Some(Media::Available(media)) => Some(media),
            _ => None,
        }
    }
}

/// A string field read leniently: a string as it is, a number or boolean as its JSON text,
/// `null` or anything else as `""`.
fn lenient_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(lenient_option(deserializer)?.unwrap_or_default())
}

pub(super) fn lenient_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::String(s) => Some(s),
        v @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_)) => Some(v.to_string()),
        _ => None,
    })
}

/// A media object that is not an object (a string, a number) counts as absent.
fn lenient_media<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Media>, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    if !value.is_object() {
        return Ok(None);
    }
    Ok(serde_json::from_value(value).ok())
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
        match lenient_option(deserializer)? {
            Some(value) => Ok(Self::from(value.as_str())),
            None => Ok(Self::missing()),
        }
    }
}

impl MessageType {
    /// The type of a message that gave none (`Other("")`: no media).
    pub fn missing() -> Self {
        Self::Other(String::new())
    }
}
