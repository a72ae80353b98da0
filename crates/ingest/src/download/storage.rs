//! The presigned hop: a GET of the storage URL without credentials, checked against the
//! address policy, ranged when a prefix is kept, and the body it brings (whole or resumed).

use std::io::SeekFrom;
use std::path::Path;

use pipes_media_core::log::escape;
use pipes_media_core::{Blob, BlobBuilder};
use reqwest::header::{IF_RANGE, RANGE};
use reqwest::StatusCode;
use tokio::io::AsyncSeekExt;
use tokio::time::Instant;
use tracing::debug;
use url::Url;

use super::body::{self, Target};
use super::resume::{self, Kept, Validator};
use super::{DownloadError, Downloader};

impl Downloader {
    /// The storage hop: a ranged GET when a prefix is kept, falling back to the whole object
    /// when the answer does not continue it.
    pub(super) async fn fetch_stored(
        &self,
        target: &Url,
        media: &str,
        dest: &Path,
        kept: Option<Kept>,
        deadline: Instant,
    ) -> Result<Blob, DownloadError> {
        let response = self.get_stored(target, kept.as_ref(), deadline).await?;
        match (response.status(), kept) {
            (StatusCode::PARTIAL_CONTENT, Some(kept)) => match kept.continues(response.headers()) {
                Ok(()) => return self.resumed_body(response, kept, dest, deadline).await,
                Err(mismatch) => debug!(
                    offset = kept.offset,
                    reason = mismatch.as_str(),
                    "the storage host's range does not continue the kept prefix: starting over"
                ),
            },
            (StatusCode::RANGE_NOT_SATISFIABLE, Some(kept)) => debug!(
                offset = kept.offset,
                "the storage host cannot serve the rest: starting over"
            ),
            (StatusCode::OK, kept) => {
                if let Some(kept) = kept {
                    debug!(
                        offset = kept.offset,
                        "the storage host sent the whole object: starting over"
                    );
                }
                return self.whole_body(response, Some(media), dest, deadline).await;
            }
            (status, _) => return Err(storage_status(status)),
        }
        // The range did not fit: the whole object, from the same (still valid) URL.
        drop(response);
        resume::discard(dest).await;
        let response = self.get_stored(target, None, deadline).await?;
        match response.status() {
            StatusCode::OK => self.whole_body(response, Some(media), dest, deadline).await,
            status => Err(storage_status(status)),
        }
    }

    /// A GET of the presigned `target` (with `Range` and `If-Range` when a prefix is kept),
    /// whose connection must pass the address policy.
    async fn get_stored(
        &self,
        target: &Url,
        kept: Option<&Kept>,
        deadline: Instant,
    ) -> Result<reqwest::Response, DownloadError> {
        let host = target.host_str().unwrap_or("");
        debug!(host = %escape(host), ranged = kept.is_some(), "following redirect to storage");
        // A fresh request: no Authorization header, no cookies, nothing from the API call.
        let mut request = self.storage.get(target.clone());
        if let Some(kept) = kept {
            request = request.header(RANGE, kept.range());
            if let Some(validator) = kept.validator.if_range() {
                request = request.header(IF_RANGE, validator);
            }
        }
        let response = self
            .answer("storage", deadline, request.send())
            .await
            .map_err(|e| match e {
                DownloadError::BlockedAddress { address, class, .. } => {
                    DownloadError::BlockedAddress {
                        host: host.to_owned(),
                        address,
                        class,
                    }
                }
                other => other,
            })?;
        // The peer the connection actually reached (a proxy's, when one is configured) must
        // pass too; the resolver already saw to names, this covers what it did not resolve.
        if let Some(peer) = response.remote_addr() {
            self.policy
                .check(peer.ip())
                .map_err(|blocked| DownloadError::blocked(host, &blocked))?;
        }
        Ok(response)
    }

    /// A 200 body from the start: the old sidecar goes, the file is truncated, and a new
    /// sidecar is written when the object can be resumed (known length, strong `ETag`, a storage
    /// response of `media`).
    pub(super) async fn whole_body(
        &self,
        response: reqwest::Response,
        media: Option<&str>,
        dest: &Path,
        deadline: Instant,
    ) -> Result<Blob, DownloadError> {
        let total = response.content_length();
        if let Some(len) = total {
            if len > self.max_size {
                return Err(DownloadError::TooLarge {
                    limit: self.max_size,
                    size: len,
                    how: "announced",
                });
            }
        }
        resume::forget(dest).await;
        let file = tokio::fs::File::create(dest).await?.into_std().await;
        let validator = media
            .zip(total)
            .and_then(|(media, len)| Validator::of(media, response.headers(), len));
        if let Some(validator) = &validator {
            resume::save(dest, validator).await?;
        }
        let target = Target {
            file,
            builder: BlobBuilder::new(),
            total,
            max_size: self.max_size,
            deadline,
        };
        let builder = body::stream(response, target, &self.config.download).await?;
        Ok(builder.finish(dest.to_path_buf(), true))
    }

    /// A 206 that continues the kept prefix: the prefix is hashed again, the rest appended.
    async fn resumed_body(
        &self,
        response: reqwest::Response,
        kept: Kept,
        dest: &Path,
        deadline: Instant,
    ) -> Result<Blob, DownloadError> {
        let total = kept.validator.length;
        if total > self.max_size {
            return Err(DownloadError::TooLarge {
                limit: self.max_size,
                size: total,
                how: "announced",
            });
        }
        let builder = match tokio::time::timeout_at(deadline, kept.rehash(dest)).await {
            Ok(builder) => builder?,
            Err(_) => {
                return Err(DownloadError::Deadline {
                    limit: self.config.download.deadline,
                    received: 0,
                })
            }
        };
        let mut file = tokio::fs::OpenOptions::new().write(true).open(dest).await?;
        file.set_len(kept.offset).await?;
        file.seek(SeekFrom::Start(kept.offset)).await?;
        debug!(offset = kept.offset, total, "resuming the body");
        let target = Target {
            file: file.into_std().await,
            builder,
            total: Some(total),
            max_size: self.max_size,
            deadline,
        };
        let builder = body::stream(response, target, &self.config.download).await?;
        Ok(builder.finish(dest.to_path_buf(), true))
    }
}

fn storage_status(status: StatusCode) -> DownloadError {
    match status {
        StatusCode::FORBIDDEN => DownloadError::PresignedRefused,
        s => DownloadError::Status {
            status: s.as_u16(),
            origin: "storage",
        },
    }
}
