//! The default sink: an output directory with `media/`, `artifacts/`, `quarantine/` and
//! `report.jsonl`.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use async_trait::async_trait;
use serde_json::{Map, Value};

use super::report::{BlobReport, MediaReport, ReportLine};
use super::sanitize::{extension_for_mime, path_component};
use super::{rfc3339, Finished, Sink};
use crate::error::SinkError;
use crate::event::Media;

/// Writes each finished message under an output directory:
///
/// - `media/<message id>-<file name>`: the downloaded media, moved there atomically from the work
///   directory (names sanitised, so nothing from the wire can point outside the directory);
/// - `quarantine/…`: the same, for media a content gate stopped;
/// - `report.jsonl`: exactly one line per message, appended in one `write` call.
///
/// Media read in place (`--input`) is not moved or copied; its report path is the input path.
pub struct DirectorySink {
    root: PathBuf,
    report: Mutex<File>,
    sync: bool,
}

impl DirectorySink {
    /// Opens (creating) the output directory and its `report.jsonl` for appending.
    pub fn new(root: impl Into<PathBuf>) -> std::io::Result<Self> {
        let root = root.into();
        std::fs::create_dir_all(root.join("media"))?;
        let report = OpenOptions::new()
            .create(true)
            .append(true)
            .open(root.join("report.jsonl"))?;
        Ok(Self {
            root,
            report: Mutex::new(report),
            sync: false,
        })
    }

    /// fsync the report after each line (slower; the durable queue batches instead).
    pub fn sync_each_line(mut self, sync: bool) -> Self {
        self.sync = sync;
        self
    }

    /// The output directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Builds the report line for `finished` whose blob (if any) is at `blob_path`.
    pub fn report_line(finished: &Finished, blob_path: Option<String>) -> ReportLine {
        let message = &finished.envelope.message;
        let media = message.media.as_ref().map(|m| MediaReport {
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
            });
        let mut stages = Map::new();
        for (name, report) in &finished.stages {
            stages.insert(
                (*name).to_owned(),
                serde_json::to_value(report).unwrap_or(Value::Null),
            );
        }
        ReportLine {
            message_id: message.message_id.clone(),
            kind: message.kind.as_str().to_owned(),
            status: finished.status,
            error: finished.error.clone(),
            media,
            blob,
            stages,
            conversation_id: message.conversation_id.clone(),
            attempts: finished.attempts,
            received_at: rfc3339(finished.envelope.received_at),
            finished_at: rfc3339(finished.finished_at),
        }
    }

    /// The name a message's media gets: `<message id>-<file name>` or `<message id>.<ext>`.
    pub fn media_file_name(finished: &Finished) -> String {
        let message = &finished.envelope.message;
        let id = path_component(&message.message_id, "message");
        let media = message.media.as_ref();
        let declared = media.and_then(Media::file_name).map(|n| path_component(n, "media"));
        let ext = media
            .and_then(Media::declared_mime)
            .and_then(extension_for_mime)
            .unwrap_or("bin");
        let name = match declared {
            Some(name) => format!("{id}-{name}"),
            None => format!("{id}.{ext}"),
        };
        path_component(&name, "media")
    }

    fn place_blob(&self, finished: &Finished) -> Result<Option<String>, SinkError> {
        let Some(blob) = &finished.blob else {
            return Ok(None);
        };
        if !blob.is_owned() {
            return Ok(Some(blob.path().to_string_lossy().into_owned()));
        }
        let folder = if finished.quarantine {
            "quarantine"
        } else {
            "media"
        };
        let rel = Path::new(folder).join(Self::media_file_name(finished));
        let dest = self.root.join(&rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::rename(blob.path(), &dest)?;
        Ok(Some(rel.to_string_lossy().into_owned()))
    }

    fn append(&self, line: &ReportLine) -> Result<(), SinkError> {
        let mut json = line.to_json()?;
        json.push('\n');
        let mut file = self.report.lock().unwrap_or_else(|p| p.into_inner());
        file.write_all(json.as_bytes())?;
        if self.sync {
            file.sync_data()?;
        }
        Ok(())
    }
}

#[async_trait]
impl Sink for DirectorySink {
    async fn finish(&self, finished: Finished) -> Result<(), SinkError> {
        let blob_path = self.place_blob(&finished)?;
        let line = Self::report_line(&finished, blob_path);
        self.append(&line)
    }
}
