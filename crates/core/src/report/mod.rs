//! [`Report`]: the one owner of `report.jsonl`.
//!
//! Every component that writes or reads the report goes through this type: the directory sink
//! appends the line of each finished message, the durable store asks which ids have a line, the
//! NATS ingest appends the lines its workers publish. Nothing else opens the file.
//!
//! - **Line-atomic appends.** A line is written with one `write` call; when the write fails
//!   half-way (a full disk), the file is cut back to where it was, so no torn line can stay in
//!   it. If even that fails, the report refuses every later append ([`ReportError::Torn`]) rather
//!   than bury the torn line under good ones.
//! - **One line per message.** The report keeps an index of the ids that have a line;
//!   [`Report::append`] of an id already there writes nothing and says so.
//! - **Replacing a line** (a requeued dead letter): the file is rewritten without the id's old
//!   line and with the new one at the end, through a temporary file and an atomic rename.
//! - **Repair at open.** A last line cut short by a crash (no newline) is removed.
//!
//! ```
//! use pipes_media_core::report::{Appended, Report};
//! let dir = tempfile::tempdir()?;
//! let report = Report::open(dir.path())?;
//! assert_eq!(report.append_json("m1", br#"{"messageId":"m1","status":"processed"}"#)?, Appended::Written);
//! assert_eq!(report.append_json("m1", br#"{"messageId":"m1","status":"failed"}"#)?, Appended::AlreadyReported);
//! assert!(report.contains("m1"));
//! drop(report);
//! assert_eq!(Report::open(dir.path())?.len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod index;
mod line;
mod outcome;

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing::warn;

pub use index::IdIndex;
pub use line::{BlobReport, MediaReport, ReportLine, StageReport, StageStatus, Status};
pub use outcome::Outcome;

use crate::error::ErrorCode;

/// The report's file name inside the output directory.
pub const FILE_NAME: &str = "report.jsonl";

/// The report could not be read or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// Reading, writing or syncing the file failed.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done: `opening`, `appending to`, `rewriting`…
        action: &'static str,
        /// The report file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A failed append could not be undone, so the file may end in a partial line; nothing more
    /// is appended until the process restarts (and repairs it at open).
    #[error(
        "{path} may end in a partial line after a failed append ({source}); restart to repair it"
    )]
    Torn {
        /// The report file.
        path: PathBuf,
        /// Why the cut-back failed.
        #[source]
        source: std::io::Error,
    },
    /// A line to append is not one line of JSON.
    #[error("a report line must be one line of JSON: {0}")]
    NotALine(String),
    /// A line could not be serialised.
    #[error("report line could not be serialised: {0}")]
    Json(#[from] serde_json::Error),
}

impl ReportError {
    /// The code of the failure ([`ErrorCode::DiskFull`] when the disk is full).
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Io { source, .. } | Self::Torn { source, .. } => ErrorCode::of_io(source),
            Self::NotALine(_) | Self::Json(_) => ErrorCode::Io,
        }
    }
}

/// What [`Report::append`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Appended {
    /// The line is in the file.
    Written,
    /// The message already had a line; nothing was written.
    AlreadyReported,
}

/// The owner of `report.jsonl`. See the [module docs](self).
pub struct Report {
    path: PathBuf,
    inner: Mutex<Inner>,
    sync: bool,
    observers: std::sync::RwLock<crate::observe::Observers>,
}

struct Inner {
    file: File,
    /// Bytes in the file: where the next line starts, and where a failed append is cut back to.
    len: u64,
    ids: IdIndex,
    torn: bool,
}

impl std::fmt::Debug for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Report")
            .field("path", &self.path)
            .field("lines", &self.len())
            .finish()
    }
}

impl Report {
    /// Opens (creating) `<out_dir>/report.jsonl`: removes a last line cut short by a crash and
    /// indexes the ids that have a line.
    pub fn open(out_dir: &Path) -> Result<Self, ReportError> {
        Self::open_file(out_dir.join(FILE_NAME))
    }

    /// Like [`Report::open`], for a report file at any path.
    pub fn open_file(path: impl Into<PathBuf>) -> Result<Self, ReportError> {
        let path = path.into();
        let io = |action: &'static str| {
            let path = path.clone();
            move |source| ReportError::Io {
                action,
                path,
                source,
            }
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(io("creating the directory of"))?;
        }
        let mut file = OpenOptions::new()
            .create(true)
            .read(true)
            .append(true)
            .open(&path)
            .map_err(io("opening"))?;
        let len = drop_partial_last_line(&mut file).map_err(io("repairing"))?;
        let ids = index_ids(&mut file, len, &path).map_err(io("reading"))?;
        Ok(Self {
            path,
            inner: Mutex::new(Inner {
                file,
                len,
                ids,
                torn: false,
            }),
            sync: false,
            observers: Default::default(),
        })
    }

    /// fsync the file after every append (default off: the page cache survives a process crash,
    /// and the durable store reconciles what a power loss took).
    pub fn sync_each_append(mut self, sync: bool) -> Self {
        self.sync = sync;
        self
    }

    /// Tells `observer` of every line written from now on (a metrics exporter counting
    /// statuses, a gallery appending entries).
    pub fn observe(&self, observer: std::sync::Arc<dyn crate::observe::Observer>) {
        self.observers
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .push(observer);
    }

    fn notify(&self, line: &[u8], replaced: bool) {
        use crate::observe::Observer;
        let observers = self.observers.read().unwrap_or_else(|p| p.into_inner());
        if !observers.is_empty() {
            observers.line_written(line, replaced);
        }
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether `message_id` has a line.
    pub fn contains(&self, message_id: &str) -> bool {
        self.lock().ids.contains(message_id)
    }

    /// How many messages have a line.
    pub fn len(&self) -> usize {
        self.lock().ids.len()
    }

    /// Whether the report has no line.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends the line of a finished message, unless its id has one already.
    pub fn append(&self, line: &ReportLine) -> Result<Appended, ReportError> {
        let json = serde_json::to_vec(line)?;
        self.append_json(&line.message_id, &json)
    }

    /// Appends a line that is already JSON (from a results stream), unless `message_id` has one.
    pub fn append_json(&self, message_id: &str, json: &[u8]) -> Result<Appended, ReportError> {
        let written = self.append_many(&[(message_id, json)])?;
        Ok(if written == 1 {
            Appended::Written
        } else {
            Appended::AlreadyReported
        })
    }

    /// Appends several lines in one write (and, with syncing on, one fsync), skipping ids that
    /// have a line already (and repeats within the batch). Returns how many were written.
    pub fn append_many(&self, lines: &[(&str, &[u8])]) -> Result<usize, ReportError> {
        let mut inner = self.lock();
        if inner.torn {
            return Err(ReportError::Torn {
                path: self.path.clone(),
                source: std::io::Error::other("an earlier append could not be undone"),
            });
        }
        let mut buf = Vec::new();
        let mut fresh: Vec<&str> = Vec::new();
        for (id, json) in lines {
            if json.contains(&b'\n') || json.is_empty() {
                return Err(ReportError::NotALine(format!(
                    "the line of {id:?} is empty or holds a newline"
                )));
            }
            if inner.ids.contains(id) || fresh.contains(id) {
                continue;
            }
            buf.extend_from_slice(json);
            buf.push(b'\n');
            fresh.push(id);
        }
        if fresh.is_empty() {
            return Ok(0);
        }
        let before = inner.len;
        let written = inner.file.write_all(&buf).and_then(|()| {
            if self.sync {
                inner.file.sync_data()
            } else {
                Ok(())
            }
        });
        if let Err(source) = written {
            // Cut back whatever part of the batch reached the file: no torn line may stay.
            if let Err(undo) = inner.file.set_len(before) {
                inner.torn = true;
                warn!(path = %self.path.display(), error = %undo, "could not undo a failed report append");
                return Err(ReportError::Torn {
                    path: self.path.clone(),
                    source,
                });
            }
            return Err(ReportError::Io {
                action: "appending to",
                path: self.path.clone(),
                source,
            });
        }
        inner.len = before + buf.len() as u64;
        for id in &fresh {
            inner.ids.insert(id);
        }
        drop(inner);
        for line in buf.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
            self.notify(line, false);
        }
        Ok(fresh.len())
    }

    /// Replaces the line of `line.message_id` (or appends it when there is none): rewrites the
    /// file without the old line, with the new one at the end, through a temporary file, fsync
    /// and an atomic rename.
    pub fn replace(&self, line: &ReportLine) -> Result<(), ReportError> {
        let json = serde_json::to_vec(line)?;
        let mut inner = self.lock();
        let io = |action: &'static str| {
            let path = self.path.clone();
            move |source| ReportError::Io {
                action,
                path,
                source,
            }
        };
        let tmp = crate::sink::temp_sibling(&self.path);
        let rewritten = (|| -> std::io::Result<u64> {
            let mut out = BufWriter::new(File::create(&tmp)?);
            let mut reader = BufReader::new(File::open(&self.path)?);
            let mut line_buf = Vec::new();
            let mut len = 0u64;
            loop {
                line_buf.clear();
                if reader.read_until(b'\n', &mut line_buf)? == 0 {
                    break;
                }
                if !line_buf.ends_with(b"\n") {
                    break; // a partial tail never counts
                }
                if index::message_id_of(&line_buf).as_deref() == Some(line.message_id.as_str()) {
                    continue;
                }
                out.write_all(&line_buf)?;
                len += line_buf.len() as u64;
            }
            out.write_all(&json)?;
            out.write_all(b"\n")?;
            len += json.len() as u64 + 1;
            out.flush()?;
            out.get_ref().sync_all()?;
            Ok(len)
        })();
        let len = match rewritten {
            Ok(len) => len,
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(io("rewriting")(e));
            }
        };
        std::fs::rename(&tmp, &self.path).map_err(io("replacing"))?;
        if let Some(dir) = self.path.parent() {
            if let Ok(dir) = File::open(dir) {
                let _ = dir.sync_all();
            }
        }
        inner.file = OpenOptions::new()
            .read(true)
            .append(true)
            .open(&self.path)
            .map_err(io("reopening"))?;
        inner.len = len;
        inner.torn = false;
        inner.ids.insert(&line.message_id);
        drop(inner);
        self.notify(&json, true);
        Ok(())
    }

    /// fsyncs the file.
    pub fn sync(&self) -> Result<(), ReportError> {
        self.lock()
            .file
            .sync_data()
            .map_err(|source| ReportError::Io {
                action: "syncing",
                path: self.path.clone(),
                source,
            })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Truncates the file after its last newline (a line without one was cut short by a crash);
/// returns the length kept.
fn drop_partial_last_line(file: &mut File) -> std::io::Result<u64> {
    let len = file.metadata()?.len();
    let mut end = len;
    // A line is about a kilobyte: the last newline is nearly always in the last 8 KiB. The
    // buffer is no larger than the file (a new report costs no allocation at all).
    let mut buf = vec![0u8; usize::try_from(len.min(8 * 1024)).unwrap_or(8 * 1024)];
    while end > 0 {
        let start = end.saturating_sub(buf.len() as u64);
        let n = (end - start) as usize;
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(&mut buf[..n])?;
        if let Some(pos) = buf[..n].iter().rposition(|b| *b == b'\n') {
            let keep = start + pos as u64 + 1;
            if keep != len {
                warn!(
                    dropped = len - keep,
                    "removing a report line cut short by a crash"
                );
                file.set_len(keep)?;
            }
            return Ok(keep);
        }
        end = start;
    }
    if len > 0 {
        warn!(dropped = len, "removing a report line cut short by a crash");
        file.set_len(0)?;
    }
    Ok(0)
}

/// The ids of the first `len` bytes' lines.
fn index_ids(file: &mut File, len: u64, path: &Path) -> std::io::Result<IdIndex> {
    file.seek(SeekFrom::Start(0))?;
    let mut reader = BufReader::new(file.take(len));
    let mut ids = IdIndex::default();
    let mut line = Vec::new();
    let mut number = 0u64;
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        number += 1;
        match index::message_id_of(&line) {
            Some(id) => ids.insert(&id),
            None if line.iter().all(u8::is_ascii_whitespace) => {}
            None => warn!(
                path = %path.display(),
                line = number,
                "a report line without a readable messageId: ignored"
            ),
        }
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partial_last_line_is_dropped_at_open() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        std::fs::write(
            &path,
            "{\"messageId\":\"a\"}\n{\"messageId\":\"b\"}\n{\"messageI",
        )
        .expect("write");
        let report = Report::open(dir.path()).expect("opens");
        assert_eq!(report.len(), 2);
        assert!(report.contains("a") && report.contains("b"));
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "{\"messageId\":\"a\"}\n{\"messageId\":\"b\"}\n"
        );
        drop(report);
        std::fs::write(&path, "no newline at all").expect("write");
        assert!(Report::open(dir.path()).expect("opens").is_empty());
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "");
    }

    #[test]
    fn a_cut_line_longer_than_the_read_chunk_is_found_and_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        let long = format!(
            "{{\"messageId\":\"a\",\"note\":\"{}\"}}\n",
            "x".repeat(40_000)
        );
        // A whole long line stays; a long line cut short goes, back to the previous newline.
        std::fs::write(&path, format!("{long}{}", &long[..30_000])).expect("write");
        let report = Report::open(dir.path()).expect("opens");
        assert_eq!(report.len(), 1);
        assert_eq!(std::fs::read_to_string(&path).expect("read"), long);
        drop(report);
        std::fs::write(&path, &long).expect("write");
        assert_eq!(Report::open(dir.path()).expect("opens").len(), 1);
        assert_eq!(std::fs::read_to_string(&path).expect("read"), long);
    }

    #[test]
    fn replace_rewrites_one_id_and_keeps_the_rest() {
        let dir = tempfile::tempdir().expect("tempdir");
        let report = Report::open(dir.path()).expect("opens");
        for id in ["a", "b", "c"] {
            let json = format!("{{\"messageId\":\"{id}\",\"status\":\"failed\"}}");
            report.append_json(id, json.as_bytes()).expect("appends");
        }
        // An id that is a prefix of another, and one whose line has other key order.
        report
            .append_json("ab", br#"{"status":"failed","messageId":"ab"}"#)
            .expect("appends");
        let line: ReportLine = serde_json::from_str(
            r#"{"messageId":"b","type":"image","status":"processed","stages":{},"conversationId":"c","attempts":1,"receivedAt":"x","finishedAt":"y"}"#,
        )
        .expect("line");
        report.replace(&line).expect("replaces");
        report
            .append_json("d", br#"{"messageId":"d"}"#)
            .expect("appends after a replace");
        let text = std::fs::read_to_string(dir.path().join(FILE_NAME)).expect("read");
        let ids: Vec<String> = text
            .lines()
            .filter_map(|l| index::message_id_of(l.as_bytes()))
            .collect();
        assert_eq!(ids, ["a", "c", "ab", "b", "d"]);
        assert!(text.contains("\"status\":\"processed\""));
    }

    #[test]
    fn lines_with_newlines_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let report = Report::open(dir.path()).expect("opens");
        assert!(matches!(
            report.append_json("x", b"{\"a\":\n1}"),
            Err(ReportError::NotALine(_))
        ));
        assert!(report.is_empty());
    }
}
