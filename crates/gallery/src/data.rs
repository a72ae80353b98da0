//! The data file beside the page: one JavaScript statement per report line,
//! `G({...});`, rebuilt from `report.jsonl` when a run starts and appended to as lines are
//! written, by a thread of its own so the workers never wait for it.

use pipes_media_core::Report;
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Mutex;
use std::thread::JoinHandle;

use crate::entry::entry_json;
use crate::GalleryError;

/// The first line of the data file.
const HEADER: &str =
    "// pipes-media gallery data: one G(entry) per report line, appended as the run goes.\n";

/// Writes the data statement of one report line into `out`.
fn push_statement(out: &mut Vec<u8>, line: &[u8]) -> bool {
    match entry_json(line) {
        Some(json) => {
            out.extend_from_slice(b"G(");
            out.extend_from_slice(json.as_bytes());
            out.extend_from_slice(b");\n");
            true
        }
        None => false,
    }
}

/// Writes `data` afresh from the report at `report` (through a temporary file and a rename, so
/// a page opened meanwhile sees the old or the new file, never half of one). Returns the number
/// of entries.
pub(crate) fn rebuild(report: &Report, data: &Path) -> Result<u64, GalleryError> {
    let tmp = data.with_extension("js.tmp");
    let io = |action: &'static str, path: &Path| {
        let path = path.to_owned();
        move |source| GalleryError::Io {
            action,
            path,
            source,
        }
    };
    let mut out = BufWriter::new(File::create(&tmp).map_err(io("creating", &tmp))?);
    out.write_all(HEADER.as_bytes())
        .map_err(io("writing", &tmp))?;
    let mut entries = 0u64;
    let mut statement = Vec::new();
    let mut failed: Option<std::io::Error> = None;
    report
        .read_lines(|line| {
            if failed.is_some() {
                return;
            }
            statement.clear();
            if push_statement(&mut statement, line) {
                match out.write_all(&statement) {
                    Ok(()) => entries += 1,
                    Err(e) => failed = Some(e),
                }
            }
        })
        .map_err(GalleryError::Report)?;
    if let Some(e) = failed {
        return Err(io("writing", &tmp)(e));
    }
    out.flush().map_err(io("writing", &tmp))?;
    drop(out);
    std::fs::rename(&tmp, data).map_err(io("replacing", data))?;
    Ok(entries)
}

enum Command {
    Line(Vec<u8>),
    Flush(mpsc::SyncSender<()>),
}

/// Appends statements to the data file from a thread of its own.
pub(crate) struct Appender {
    tx: Mutex<Option<mpsc::Sender<Command>>>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

impl Appender {
    /// Starts the thread that appends to `data`.
    pub(crate) fn start(data: PathBuf) -> Result<Self, GalleryError> {
        let file = OpenOptions::new()
            .append(true)
            .create(true)
            .open(&data)
            .map_err(|source| GalleryError::Io {
                action: "opening",
                path: data.clone(),
                source,
            })?;
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("gallery".into())
            .spawn(move || append_loop(file, &data, &rx))
            .map_err(|source| GalleryError::Io {
                action: "starting the writer of",
                path: PathBuf::new(),
                source,
            })?;
        Ok(Self {
            tx: Mutex::new(Some(tx)),
            thread: Mutex::new(Some(thread)),
        })
    }

    /// Queues a report line (never blocks on the disk).
    pub(crate) fn push(&self, line: &[u8]) {
        if let Some(tx) = self.tx.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            let _ = tx.send(Command::Line(line.to_vec()));
        }
    }

    /// Waits until every line queued so far is in the file.
    pub(crate) fn flush(&self) {
        let (done_tx, done_rx) = mpsc::sync_channel(1);
        let sent = self
            .tx
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .is_some_and(|tx| tx.send(Command::Flush(done_tx)).is_ok());
        if sent {
            let _ = done_rx.recv();
        }
    }

    /// Writes what is queued and stops the thread.
    pub(crate) fn close(&self) {
        drop(self.tx.lock().unwrap_or_else(|p| p.into_inner()).take());
        if let Some(thread) = self.thread.lock().unwrap_or_else(|p| p.into_inner()).take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Appender {
    fn drop(&mut self) {
        self.close();
    }
}

/// Takes whatever is queued, writes it in one `write`, and repeats until the channel closes.
fn append_loop(mut file: File, path: &Path, rx: &mpsc::Receiver<Command>) {
    let mut buf = Vec::new();
    let mut warned = false;
    let mut len = file.metadata().map_or(0, |m| m.len());
    while let Ok(first) = rx.recv() {
        let mut acks = Vec::new();
        let mut next = Some(first);
        while let Some(command) = next {
            match command {
                Command::Line(line) => {
                    push_statement(&mut buf, &line);
                }
                Command::Flush(ack) => acks.push(ack),
            }
            next = if buf.len() < (1 << 20) {
                rx.try_recv().ok()
            } else {
                None
            };
        }
        if !buf.is_empty() {
            if let Err(e) = file.write_all(&buf) {
                // Cut back a partial statement (it would stop the whole script), and go on: the
                // gallery is a view, the report stays the record, and the next start rebuilds
                // the data file from it.
                let _ = file.set_len(len);
                if !warned {
                    tracing::warn!(path = %path.display(), error = %e, "could not append to the gallery data; it is rebuilt at the next start");
                    warned = true;
                }
            } else {
                len += buf.len() as u64;
            }
            buf.clear();
        }
        for ack in acks {
            let _ = ack.send(());
        }
    }
}
