//! Where finished messages go: the [`Sink`] trait, the [`MediaDir`] that stores media under an
//! output directory, and the [`DirectorySink`] that does that and writes the message's line to
//! the [`Report`](crate::report::Report).

mod directory;
mod media;
pub mod sanitize;

use std::path::{Path, PathBuf};

use async_trait::async_trait;
use time::OffsetDateTime;

pub use directory::DirectorySink;
pub use media::MediaDir;

use crate::blob::Blob;
use crate::error::{ErrorReport, SinkError};
use crate::item::Artifact;
use crate::job::Envelope;
use crate::report::{StageReport, Status};

/// A message the pipeline is done with, handed to the [`Sink`] once.
#[derive(Debug)]
pub struct Finished {
    /// The message and when it was received.
    pub envelope: Envelope,
    /// How it ended.
    pub status: Status,
    /// Why it failed, on [`Status::Failed`].
    pub error: Option<ErrorReport>,
    /// The media, when the download succeeded (still in the work directory, or in place).
    pub blob: Option<Blob>,
    /// One entry per pipeline stage, in order: `(name, report)`.
    pub stages: Vec<(&'static str, StageReport)>,
    /// Files the stages wrote.
    pub artifacts: Vec<Artifact>,
    /// Keep the blob apart as evidence (a content gate stopped the item).
    pub quarantine: bool,
    /// Attempts it took.
    pub attempts: u32,
    /// Replace the message's existing report line rather than append (a requeued message).
    pub replaces_report_line: bool,
    /// When the pipeline finished it.
    pub finished_at: OffsetDateTime,
    /// Where the blob was stored, as the report shows it, when a sink earlier in a chain
    /// stored it already (a [`DirectorySink`] then does not move it again).
    pub stored_path: Option<String>,
    /// Where a remote copy lives (`s3://bucket/key`), set by an object-store sink: the
    /// report's `blob.url`.
    pub blob_url: Option<String>,
}

impl Finished {
    /// A message finished without media on disk (unavailable, no media, a failed download, a
    /// refused or interrupted message).
    pub fn without_blob(
        envelope: Envelope,
        status: Status,
        error: Option<ErrorReport>,
        stages: Vec<(&'static str, StageReport)>,
        attempts: u32,
    ) -> Self {
        Self {
            envelope,
            status,
            error,
            blob: None,
            stages,
            artifacts: Vec::new(),
            quarantine: false,
            attempts,
            replaces_report_line: false,
            finished_at: OffsetDateTime::now_utc(),
            stored_path: None,
            blob_url: None,
        }
    }
}

/// Records finished messages.
///
/// `finish` is called exactly once per message the queue handed out, after which the queue
/// considers the message done; an `Err` stops the run (the message stays unfinished for a
/// durable queue to resume).
#[async_trait]
pub trait Sink: Send + Sync + 'static {
    /// Stores what needs storing and writes the message's report line.
    async fn finish(&self, finished: Finished) -> Result<(), SinkError>;
}

#[async_trait]
impl<S: Sink + ?Sized> Sink for std::sync::Arc<S> {
    async fn finish(&self, finished: Finished) -> Result<(), SinkError> {
        (**self).finish(finished).await
    }
}

/// `path` with a unique temporary name beside it, for write-then-rename.
pub(crate) fn temp_sibling(path: &Path) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ))
}

/// RFC 3339 with milliseconds, as the report writes times.
pub fn rfc3339(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    let format = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    t.format(&format).unwrap_or_else(|_| t.to_string())
}
