//! # pipes-media-gallery
//!
//! A gallery of a run that a person can open: `<out>/report.html`, one static page beside
//! `report.jsonl` that opens from `file://` with no server and no network (its CSS and script
//! are inline; nothing is fetched from anywhere). It shows a grid of every message:
//! thumbnails (and video poster frames and PDF first pages, which the thumbnail stage reports
//! with `source`), voice notes with their waveform and duration, PDF page counts and excerpts,
//! MIME verdicts with mismatches and dangerous files flagged, failures with their codes;
//! filters by status and type and a search by sender, file name or id.
//!
//! ## How it stays current without being rewritten
//!
//! The page itself is written once (and again only when this crate's page changes). The
//! entries live in `report-data.js` beside it, one JavaScript statement per report line
//! (`G({...});`), which the page loads with a plain `<script src>` (allowed from `file://`,
//! unlike `fetch`):
//!
//! - [`Gallery::open`] rebuilds the data file from `report.jsonl` (one pass, through a temporary
//!   file and a rename), so it always matches the report a run starts from;
//! - as an [`Observer`] of the report, it appends one statement per line written, from a thread
//!   of its own (the workers only queue the line); a replaced line is appended again and the
//!   page keeps the last entry per message id;
//! - reloading the page shows what has been appended since.
//!
//! At 10 000 messages the data file is about 3 MiB and the page renders the first cards at once
//! and the rest as they are scrolled to; filters and search run over the entries in memory.
//!
//! Everything shown may come from the wire, so the page only ever sets text (`textContent`),
//! and paths become URLs only when they stay inside the output directory.
//!
//! ```
//! use pipes_media_core::Observer;
//! use pipes_media_gallery::Gallery;
//!
//! let out = tempfile::tempdir()?;
//! let report = pipes_media_core::Report::open(out.path())?;
//! let gallery = Gallery::open(out.path(), &report)?;
//! gallery.line_written(br#"{"messageId":"m1","type":"text","status":"no_media","stages":{}}"#, false);
//! gallery.flush();
//! assert!(gallery.page_path().exists());
//! let data = std::fs::read_to_string(gallery.data_path())?;
//! assert!(data.contains(r#"G({"id":"m1","t":"text","s":"no_media"});"#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! This crate depends on `pipes-media-core` (the [`Observer`] seam and the report file name)
//! and `serde_json` (reading report lines).

mod data;
mod entry;

use std::path::{Path, PathBuf};

use pipes_media_core::{ErrorCode, Observer, Report};

use data::Appender;

/// The page's file name inside the output directory.
pub const PAGE_FILE: &str = "report.html";
/// The data file's name inside the output directory.
pub const DATA_FILE: &str = "report-data.js";

/// The page, with its CSS and script inline.
const PAGE: &str = include_str!("../assets/report.html");

/// The gallery could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GalleryError {
    /// Writing the page or its data failed.
    #[error("{action} {}: {source}", path.display())]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// Reading the report failed.
    #[error(transparent)]
    Report(#[from] pipes_media_core::ReportError),
}

impl GalleryError {
    /// The report code: `DISK_FULL` when the disk is full, else `IO`.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Io { source, .. } => ErrorCode::of_io(source),
            Self::Report(e) => e.code(),
        }
    }
}

/// The gallery of one output directory. Register it as an observer of the run (it is an
/// [`Observer`]: `PipelineBuilder::observer(gallery.clone())`), and [`Gallery::close`] it when
/// the run ends.
pub struct Gallery {
    page: PathBuf,
    data: PathBuf,
    entries: u64,
    appender: Appender,
}

impl std::fmt::Debug for Gallery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gallery")
            .field("page", &self.page)
            .finish_non_exhaustive()
    }
}

impl Gallery {
    /// Writes `<out_dir>/report.html` (unless it is already this version) and rebuilds
    /// `<out_dir>/report-data.js` from the run's `report`. Open it after anything that
    /// writes report lines at start (the durable store's recovery) and before the run.
    pub fn open(out_dir: &Path, report: &Report) -> Result<std::sync::Arc<Self>, GalleryError> {
        std::fs::create_dir_all(out_dir).map_err(|source| GalleryError::Io {
            action: "creating",
            path: out_dir.to_owned(),
            source,
        })?;
        let page = out_dir.join(PAGE_FILE);
        write_page(&page)?;
        let data = out_dir.join(DATA_FILE);
        let entries = data::rebuild(report, &data)?;
        let appender = Appender::start(data.clone())?;
        Ok(std::sync::Arc::new(Self {
            page,
            data,
            entries,
            appender,
        }))
    }

    /// The page: open it in a browser (`file://…/report.html`).
    pub fn page_path(&self) -> &Path {
        &self.page
    }

    /// The data file the page loads.
    pub fn data_path(&self) -> &Path {
        &self.data
    }

    /// How many entries the data file had when it was rebuilt at open.
    pub fn entries_at_open(&self) -> u64 {
        self.entries
    }

    /// Waits until every line observed so far is in the data file.
    pub fn flush(&self) {
        self.appender.flush();
    }

    /// Writes what is queued and stops the writer thread; later lines are not recorded.
    pub fn close(&self) {
        self.appender.close();
    }
}

impl Observer for Gallery {
    fn line_written(&self, line: &[u8], _replaced: bool) {
        self.appender.push(line);
    }
}

/// Writes the page unless the file already holds exactly this page.
fn write_page(path: &Path) -> Result<(), GalleryError> {
    if std::fs::read(path).is_ok_and(|old| old == PAGE.as_bytes()) {
        return Ok(());
    }
    let tmp = path.with_extension("html.tmp");
    let io = |action: &'static str, path: &Path| {
        let path = path.to_owned();
        move |source| GalleryError::Io {
            action,
            path,
            source,
        }
    };
    std::fs::write(&tmp, PAGE).map_err(io("writing", &tmp))?;
    std::fs::rename(&tmp, path).map_err(io("replacing", path))
}
