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
    report: Option<Mutex<File>>,
    sync: bool,
}

impl DirectorySink {
    /// Opens (creating) the output directory and its `report.jsonl` for appending.
    ///
    /// A line cut short by a crash (no trailing newline) is removed first, and hidden temporary
    /// files a crashed run left behind in `media/`, `quarantine/` and `artifacts/` are deleted.
    pub fn new(root: impl Into<PathBuf>) -> std::io::Result<Self> {
        let root = root.into();
        std::fs::create_dir_all(root.join("media"))?;
        let report_path = root.join("report.jsonl");
        drop_partial_last_line(&report_path)?;
        for dir in ["media", "quarantine", "artifacts"] {
            remove_stale_temporaries(&root.join(dir));
        }
        let report = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&report_path)?;
        Ok(Self {
            root,
            report: Some(Mutex::new(report)),
            sync: false,
        })
    }

    /// A sink that stores media under `root` but writes no report (for workers whose report
    /// lines go elsewhere, e.g. to a results stream; it never touches `report.jsonl`, which
    /// another process may own). Its [`Sink::finish`] only stores the blob.
    pub fn files_only(root: impl Into<PathBuf>) -> std::io::Result<Self> {
        let root = root.into();
        std::fs::create_dir_all(root.join("media"))?;
        Ok(Self {
            root,
            report: None,
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
            media_id: match m {
                Media::Available(a) if finished.envelope.local_file.is_none() => {
                    Some(a.id.as_str().to_owned())
                }
                _ => None,
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
        let declared = media
            .and_then(Media::file_name)
            .map(|n| path_component(n, "media"));
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

    /// Moves a finished message's blob into `media/` (or `quarantine/`) and returns its path
    /// relative to the output directory (the input path for files read in place). Sinks that
    /// send report lines elsewhere (a results stream) use this to store files the same way.
    pub fn store_blob(&self, finished: &Finished) -> Result<Option<String>, SinkError> {
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

    fn append(&self, line: &ReportLine, replace: bool) -> Result<(), SinkError> {
        let mut json = line.to_json()?;
        json.push('\n');
        let Some(report) = &self.report else {
            return Ok(());
        };
        let mut file = report.lock().unwrap_or_else(|p| p.into_inner());
        if replace {
            *file = self.rewrite_without(&line.message_id, &json)?;
            return Ok(());
        }
        file.write_all(json.as_bytes())?;
        if self.sync {
            file.sync_data()?;
        }
        Ok(())
    }

    /// Rewrites the report without `message_id`'s old lines and with `new_line` at the end,
    /// atomically (temporary file, fsync, rename); returns the reopened append handle.
    fn rewrite_without(&self, message_id: &str, new_line: &str) -> Result<File, SinkError> {
        let path = self.root.join("report.jsonl");
        let old = std::fs::read_to_string(&path)?;
        let prefix = format!("{{\"messageId\":{},", serde_json::to_string(message_id)?);
        let mut out = String::with_capacity(old.len() + new_line.len());
        for line in old.lines().filter(|l| !l.starts_with(&prefix)) {
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(new_line);
        let tmp = super::temp_sibling(&path);
        {
            let mut f = File::create(&tmp)?;
            f.write_all(out.as_bytes())?;
            f.sync_all()?;
        }
        std::fs::rename(&tmp, &path)?;
        Ok(OpenOptions::new().append(true).open(&path)?)
    }
}

#[async_trait]
impl Sink for DirectorySink {
    async fn finish(&self, finished: Finished) -> Result<(), SinkError> {
        let blob_path = self.store_blob(&finished)?;
        let line = Self::report_line(&finished, blob_path);
        self.append(&line, finished.replaces_report_line)
    }
}

/// Truncates `path` after its last newline: a line without one was cut short by a crash.
fn drop_partial_last_line(path: &Path) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let Ok(mut file) = OpenOptions::new().read(true).write(true).open(path) else {
        return Ok(());
    };
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(());
    }
    // Scan backwards in blocks for the last newline.
    let mut end = len;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let start = end.saturating_sub(buf.len() as u64);
        let n = (end - start) as usize;
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(&mut buf[..n])?;
        if let Some(pos) = buf[..n].iter().rposition(|b| *b == b'\n') {
            let keep = start + pos as u64 + 1;
            if keep != len {
                tracing::warn!(
                    dropped = len - keep,
                    "removing a report line cut short by a crash"
                );
                file.set_len(keep)?;
            }
            return Ok(());
        }
        if start == 0 {
            tracing::warn!(dropped = len, "removing a report line cut short by a crash");
            return file.set_len(0);
        }
        end = start;
    }
}

/// Deletes `.name.PID.N.tmp` files under `dir` (atomic writes a crash interrupted).
fn remove_stale_temporaries(dir: &Path) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path);
            } else if name.starts_with('.') && name.ends_with(".tmp") {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partial_last_line_is_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("report.jsonl");
        std::fs::write(&path, "{\"a\":1}\n{\"b\":2}\n{\"c\":").expect("write");
        drop_partial_last_line(&path).expect("truncates");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "{\"a\":1}\n{\"b\":2}\n"
        );
        std::fs::write(&path, "no newline at all").expect("write");
        drop_partial_last_line(&path).expect("truncates");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "");
    }
}
