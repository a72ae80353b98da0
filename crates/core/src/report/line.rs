//! The `report.jsonl` line: the contract of `shared/docs/report.md`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::ErrorReport;
use crate::event::Media;
use crate::sink::{rfc3339, Finished};

/// How a message ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Downloaded, and every stage ran or was skipped.
    Processed,
    /// The download or a stage failed for good, or a policy stopped the item.
    Failed,
    /// The event said the media is unavailable.
    Unavailable,
    /// A message type without media.
    NoMedia,
}

/// How one stage ended on an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageStatus {
    /// The stage ran and succeeded.
    Ok,
    /// The stage did not want the item, or an earlier stage stopped it.
    Skipped,
    /// The stage failed.
    Failed,
}

/// One stage's entry in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageReport {
    /// How it ended.
    pub status: StageStatus,
    /// The facts it added, flat.
    pub facts: Map<String, Value>,
    /// Its error, when it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorReport>,
    /// Why it was skipped, when it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The declared media, as the event described it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MediaReport {
    /// The Pipes.bot media id (absent for unavailable media), to fetch it again within 48 h.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_id: Option<String>,
    /// The declared MIME type, as sent.
    pub declared_mime: Option<String>,
    /// The declared size.
    pub byte_size: u64,
    /// The declared file name, as sent (may be absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
}

/// The stored media.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlobReport {
    /// Relative to the output directory (with `--input`: the input file's own path).
    pub path: String,
    /// Bytes received.
    pub size: u64,
    /// SHA-256, lowercase hex.
    pub sha256: String,
    /// Where a remote copy lives (`s3://bucket/key`), with an object-store sink.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One line of `report.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportLine {
    /// From the event.
    pub message_id: String,
    /// The message type.
    #[serde(rename = "type")]
    pub kind: String,
    /// How the message ended.
    pub status: Status,
    /// On `failed`: why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorReport>,
    /// When the event carried media.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<MediaReport>,
    /// When the download succeeded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blob: Option<BlobReport>,
    /// One entry per stage of the pipeline, in pipeline order.
    pub stages: Map<String, Value>,
    /// The conversation (for replies).
    pub conversation_id: String,
    /// The sender's number, as the event gave it (absent when empty): for finding a sender's
    /// messages in the report and the gallery.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_number: Option<String>,
    /// The sender's profile name, when the event had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_name: Option<String>,
    /// How many attempts the message took.
    pub attempts: u32,
    /// When this process received the message (RFC 3339).
    pub received_at: String,
    /// When it was finished (RFC 3339).
    pub finished_at: String,
}

impl ReportLine {
    /// The line of `finished`, whose blob (if any) is stored at `blob_path` (as the report shows
    /// paths).
    pub fn of(finished: &Finished, blob_path: Option<String>) -> Self {
        let message = &finished.envelope.message;
        let media = message.media.as_ref().map(|m| MediaReport {
            media_id: match m {
                Media::Available(a) => Some(a.id.as_str().to_owned()),
                Media::Unavailable(_) => None,
            },
            declared_mime: m.declared_mime().map(str::to_owned),
            byte_size: m.byte_size(),
            file_name: m.file_name().map(str::to_owned),
        });
        let blob = finished
            .blob
            .as_ref()
            .zip(blob_path)
            .map(|(b, path)| BlobReport {
                path,
                size: b.len(),
                sha256: b.sha256_hex(),
                url: finished.blob_url.clone(),
            });
        let mut stages = Map::new();
        for (name, report) in &finished.stages {
            stages.insert(
                (*name).to_owned(),
                serde_json::to_value(report).unwrap_or(Value::Null),
            );
        }
        Self {
            message_id: message.message_id.clone(),
            kind: message.kind.as_str().to_owned(),
            status: finished.status,
            error: finished.error.clone(),
            media,
            blob,
            stages,
            conversation_id: message.conversation_id.clone(),
            from_number: Some(message.from_number.clone()).filter(|n| !n.is_empty()),
            from_name: message.from_name.clone().filter(|n| !n.is_empty()),
            attempts: finished.attempts,
            received_at: rfc3339(finished.envelope.received_at),
            finished_at: rfc3339(finished.finished_at),
        }
    }

    /// The line as JSON, without the trailing newline.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }
}
