//! The webhook body (protocol §6.1: Meta's shape plus the `pipes` extension) as the same
//! [`Message`] the WebSocket gives.

use pipes_media_core::event::{Media, Message, MessageType};
use serde::Deserialize;
use serde_json::Value;

/// Why a body is not a Pipes.bot webhook payload.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PayloadError {
    /// Not JSON, or not the expected shape.
    #[error("not a webhook payload: {0}")]
    Malformed(#[from] serde_json::Error),
    /// No message with an id in it.
    #[error("the payload holds no message")]
    NoMessage,
}

#[derive(Deserialize)]
struct Body {
    #[serde(default)]
    entry: Vec<Entry>,
    #[serde(default)]
    pipes: Option<Pipes>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    changes: Vec<Change>,
}

#[derive(Deserialize)]
struct Change {
    #[serde(default)]
    value: Option<ChangeValue>,
}

#[derive(Deserialize)]
struct ChangeValue {
    #[serde(default)]
    metadata: Option<Metadata>,
    #[serde(default)]
    contacts: Vec<Contact>,
    #[serde(default)]
    messages: Vec<Value>,
}

#[derive(Deserialize)]
struct Metadata {
    #[serde(default)]
    display_phone_number: Option<String>,
    #[serde(default)]
    phone_number_id: Option<String>,
}

#[derive(Deserialize)]
struct Contact {
    #[serde(default)]
    profile: Option<Profile>,
    #[serde(default)]
    wa_id: Option<String>,
}

#[derive(Deserialize)]
struct Profile {
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Pipes {
    #[serde(default)]
    conversation_id: Option<String>,
    #[serde(default)]
    pool_number_id: Option<String>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    media: Option<Value>,
}

/// The messages of a webhook body. The media always comes from `pipes.media` (a Pipes.bot
/// media id), never from Meta's media object; `from` gains its `+`.
///
/// ```
/// use pipes_media_ingest::webhook::messages_of;
/// let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"pool_51","changes":[{"field":"messages","value":{
///   "metadata":{"display_phone_number":"+15550001111","phone_number_id":"pool_51"},
///   "contacts":[{"profile":{"name":"Ana Ruiz"},"wa_id":"447700900123"}],
///   "messages":[{"id":"msg_4Qe81","from":"447700900123","timestamp":"2025-03-02T08:15:42.120Z","type":"image",
///                "image":{"id":"meta-id","mime_type":"image/jpeg","caption":"Receipt"}}]}}]}],
///   "pipes":{"conversationId":"conv_k2p9","poolNumberId":"pool_51","label":"intake",
///            "media":{"mediaId":"Zx8Qm2LrT0vBn4KcWy7Pa","mimeType":"image/jpeg","byteSize":245120}}}"#;
/// let messages = messages_of(body)?;
/// assert_eq!(messages[0].from_number, "+447700900123");
/// assert_eq!(messages[0].text, "Receipt");
/// assert_eq!(messages[0].available_media().unwrap().id.as_str(), "Zx8Qm2LrT0vBn4KcWy7Pa");
/// # Ok::<(), pipes_media_ingest::webhook::PayloadError>(())
/// ```
pub fn messages_of(body: &[u8]) -> Result<Vec<Message>, PayloadError> {
    let body: Body = serde_json::from_slice(body)?;
    let pipes = body.pipes;
    let mut out = Vec::new();
    let count: usize = body
        .entry
        .iter()
        .flat_map(|e| &e.changes)
        .filter_map(|c| c.value.as_ref())
        .map(|v| v.messages.len())
        .sum();
    for entry in &body.entry {
        for change in &entry.changes {
            let Some(value) = &change.value else { continue };
            for raw in &value.messages {
                let Some(message) = message_of(raw, entry, value, pipes.as_ref(), count == 1)
                else {
                    continue;
                };
                out.push(message);
            }
        }
    }
    if out.is_empty() {
        return Err(PayloadError::NoMessage);
    }
    Ok(out)
}

fn text(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(s) => Some(s.clone()),
        v @ (Value::Number(_) | Value::Bool(_)) => Some(v.to_string()),
        _ => None,
    }
}

fn message_of(
    raw: &Value,
    entry: &Entry,
    value: &ChangeValue,
    pipes: Option<&Pipes>,
    only_message: bool,
) -> Option<Message> {
    let message_id = text(raw, "id").filter(|id| !id.is_empty())?;
    let kind = text(raw, "type").unwrap_or_default();
    let from = text(raw, "from").unwrap_or_default();
    let from_number = if from.is_empty() || from.starts_with('+') {
        from.clone()
    } else {
        format!("+{from}")
    };
    let contact = value
        .contacts
        .iter()
        .find(|c| c.wa_id.as_deref() == Some(from.trim_start_matches('+')))
        .or(value.contacts.first());
    let caption = match kind.as_str() {
        "text" => raw.get("text").and_then(|t| text(t, "body")),
        other => raw.get(other).and_then(|m| text(m, "caption")),
    }
    .unwrap_or_default();
    let metadata = value.metadata.as_ref();
    let media = if only_message {
        pipes
            .and_then(|p| p.media.clone())
            .filter(Value::is_object)
            .and_then(|m| serde_json::from_value::<Media>(m).ok())
    } else {
        None
    };
    Some(Message {
        message_id,
        conversation_id: pipes
            .and_then(|p| p.conversation_id.clone())
            .unwrap_or_default(),
        pool_number_id: pipes
            .and_then(|p| p.pool_number_id.clone())
            .or_else(|| metadata.and_then(|m| m.phone_number_id.clone()))
            .or_else(|| entry.id.clone())
            .unwrap_or_default(),
        pool_number_phone_number: metadata
            .and_then(|m| m.display_phone_number.clone())
            .unwrap_or_default(),
        from_number,
        from_name: contact
            .and_then(|c| c.profile.as_ref())
            .and_then(|p| p.name.clone()),
        timestamp: text(raw, "timestamp").unwrap_or_default(),
        label: pipes.and_then(|p| p.label.clone()),
        kind: MessageType::from(kind.as_str()),
        text: caption.clone(),
        body: caption,
        media,
    })
}
