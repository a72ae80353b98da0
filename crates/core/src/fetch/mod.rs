//! Where a message's bytes come from: the [`Fetcher`] seam. `pipes-media-ingest`'s downloader is
//! the Pipes.bot one; [`LocalFiles`] reads files in place (`--input DIR`). Workers and sinks do
//! not know which one produced a blob.

mod local;

use std::path::Path;

use async_trait::async_trait;

pub use local::{mime_for_extension, DirSource, LocalFetcher, LocalFiles};

use crate::blob::Blob;
use crate::error::{ErrorCode, FetchError};
use crate::event::AvailableMedia;
use crate::job::Job;

/// Gets one message's media onto disk (or finds it there).
///
/// - `temp_path` is a file in the work directory that is the same for a message on every
///   attempt and across restarts, so a fetcher may resume from what an earlier attempt left
///   there; it never holds another message's bytes. The pipeline removes it (and `temp_path`
///   with any extension added) once the message is finished.
/// - A download streams the body to `temp_path` (never holding it whole in memory) and returns
///   the [`Blob`] describing what it wrote ([`Blob::is_owned`]: the sink moves it into place); a
///   fetcher that reads a file in place returns a blob that is not owned.
/// - One call is one attempt. Errors carry their code, whether a retry may help
///   ([`FetchError::is_retryable`]) and the server's `Retry-After`; the queue schedules the retry.
#[async_trait]
pub trait Fetcher: Send + Sync + 'static {
    /// Gets `media` of `job`.
    async fn fetch(
        &self,
        job: &Job,
        media: &AvailableMedia,
        temp_path: &Path,
    ) -> Result<Blob, FetchError>;

    /// Whether this fetcher writes at `temp_path`. The workers create the work directory at
    /// start only when it does, so a run that reads every file in place leaves no empty
    /// `.work/` behind. Default `true`; a fetcher that only reads in place returns `false`.
    fn writes_temp_files(&self) -> bool {
        true
    }
}

#[async_trait]
impl<F: Fetcher + ?Sized> Fetcher for std::sync::Arc<F> {
    async fn fetch(
        &self,
        job: &Job,
        media: &AvailableMedia,
        temp_path: &Path,
    ) -> Result<Blob, FetchError> {
        (**self).fetch(job, media, temp_path).await
    }

    fn writes_temp_files(&self) -> bool {
        (**self).writes_temp_files()
    }
}

/// A fetcher for pipelines without one: any media is refused with `NO_FETCHER`.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoFetcher;

#[async_trait]
impl Fetcher for NoFetcher {
    async fn fetch(&self, _: &Job, _: &AvailableMedia, _: &Path) -> Result<Blob, FetchError> {
        Err(FetchError::new(
            ErrorCode::NoFetcher,
            "this pipeline has no fetcher for remote media",
        ))
    }

    fn writes_temp_files(&self) -> bool {
        false
    }
}
