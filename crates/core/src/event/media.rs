//! [`Media`]: a message's media object, in a shape that cannot be misused.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::message::lenient_option;

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
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_option"
    )]
    media_id: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_option"
    )]
    download_url: Option<String>,
    #[serde(default, deserialize_with = "lenient_option")]
    mime_type: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_option"
    )]
    file_name: Option<String>,
    #[serde(default, deserialize_with = "lenient_size")]
    byte_size: u64,
    #[serde(
        default,
        skip_serializing_if = "std::ops::Not::not",
        deserialize_with = "lenient_flag"
    )]
    unavailable: bool,
}

/// A flag that is `true` only when the JSON says `true`.
fn lenient_flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(serde_json::Value::deserialize(deserializer)? == serde_json::Value::Bool(true))
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
