//! The default sink: media under an output directory and a line in `report.jsonl`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;

use super::{Finished, MediaDir, Sink};
use crate::error::SinkError;
use crate::report::{Report, ReportLine};

/// Stores each finished message's media with a [`MediaDir`] and writes its line to the
/// [`Report`]: appended, or replacing the old line of a requeued message.
///
/// ```
/// use pipes_media_core::DirectorySink;
/// let out = tempfile::tempdir()?;
/// let sink = DirectorySink::new(out.path())?;
/// assert!(out.path().join("report.jsonl").exists());
/// assert!(sink.report().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct DirectorySink {
    media: MediaDir,
    report: Arc<Report>,
}

impl DirectorySink {
    /// Opens (creating) the output directory and its report.
    pub fn new(root: impl Into<PathBuf>) -> Result<Self, SinkError> {
        let root = root.into();
        let report = Arc::new(Report::open(&root)?);
        Self::with_report(root, report)
    }

    /// A sink writing to a report opened elsewhere (shared with the job store).
    pub fn with_report(root: impl Into<PathBuf>, report: Arc<Report>) -> Result<Self, SinkError> {
        let root = root.into();
        let media = MediaDir::open(&root).map_err(|source| SinkError::Io {
            what: root.display().to_string(),
            source,
        })?;
        Ok(Self { media, report })
    }

    /// The output directory.
    pub fn root(&self) -> &Path {
        self.media.root()
    }

    /// The report it writes.
    pub fn report(&self) -> &Arc<Report> {
        &self.report
    }
}

#[async_trait]
impl Sink for DirectorySink {
    async fn finish(&self, finished: Finished) -> Result<(), SinkError> {
        let blob_path = match finished.stored_path.clone() {
            Some(path) => Some(path),
            None => self.media.store(&finished)?,
        };
        let line = ReportLine::of(&finished, blob_path);
        if finished.replaces_report_line {
            self.report.replace(&line)?;
        } else {
            self.report.append(&line)?;
        }
        Ok(())
    }
}
