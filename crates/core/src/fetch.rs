//! Getting a message's media onto disk: the seam between the core and a client such as
//! `pipes-media-ingest`'s downloader.

use std::path::Path;

use async_trait::async_trait;

use crate::blob::Blob;
use crate::error::FetchError;
use crate::event::AvailableMedia;
use crate::job::Job;

/// Downloads one media object into a temporary file.
///
/// The pipeline hands a fresh `temp_path` inside the output's work directory; the fetcher
/// streams the body there (never holding it whole in memory) and returns the [`Blob`] describing
/// what it wrote. On error, the fetcher removes whatever it wrote. Errors carry their report code
/// and whether a retry may help ([`FetchError::is_retryable`]).
#[async_trait]
pub trait Fetcher: Send + Sync + 'static {
    /// Downloads `media` of `job` to `temp_path`.
    async fn fetch(
        &self,
        job: &Job,
        media: &AvailableMedia,
        temp_path: &Path,
    ) -> Result<Blob, FetchError>;
}

/// A fetcher for pipelines that only read local files: any remote media is refused with
/// `NO_FETCHER`.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoFetcher;

#[async_trait]
impl Fetcher for NoFetcher {
    async fn fetch(&self, _: &Job, _: &AvailableMedia, _: &Path) -> Result<Blob, FetchError> {
        Err(FetchError::new(
            "NO_FETCHER",
            "this pipeline has no downloader for remote media",
        ))
    }
}
