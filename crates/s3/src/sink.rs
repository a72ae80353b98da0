//! [`ObjectStoreSink`]: media, artifacts and (on request) report lines in an S3-compatible
//! store, in front of the directory sink that writes the report.

use std::path::{Path, PathBuf};

use async_trait::async_trait;
use pipes_media_core::sink::sanitize::{extension_for_mime, message_dir};
use pipes_media_core::sink::Finished;
use pipes_media_core::{DirectorySink, MediaDir, ReportLine, Sink, SinkError};
use tracing::{debug, info, warn};

use crate::client::S3Client;
use crate::config::{ConfigError, S3Config};
use crate::error::S3Error;

/// Stores each finished message's media and artifacts in the bucket, then hands the message to
/// the [`DirectorySink`] for its report line (with `blob.url`).
///
/// - **Media** goes to `PREFIX/media/sha256/<first two hex digits>/<64 hex digits>[.ext]`: a
///   `HEAD` first skips bytes already stored (a photo forwarded ten times is uploaded once).
///   Object metadata: `Content-Type`, `x-amz-meta-sha256`, `x-amz-meta-message-id`.
/// - **Artifacts** go under the message's own prefix, `PREFIX/artifacts/<message>/<file>`.
/// - **Report lines**, on request, to `PREFIX/report/<message>.json`.
/// - The local copy of the media is removed once the upload is confirmed and the line is
///   written, unless `keep_local` is set; a file read in place (`--input`) is never removed.
/// - Every request is retried with backoff on 5xx, 429 and network errors; a run killed
///   mid-upload redoes the message at restart (the store resumes it), and the content-addressed
///   key makes the second upload land on the same object.
pub struct ObjectStoreSink {
    client: S3Client,
    media: MediaDir,
    inner: DirectorySink,
    /// One lock per media key being uploaded, so that two messages with the same bytes at once
    /// upload them once (the second finds the object with its `HEAD`).
    uploading:
        std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<tokio::sync::Mutex<()>>>>,
}

impl ObjectStoreSink {
    /// A sink storing into `config`'s bucket and writing lines with `inner`.
    pub fn new(config: S3Config, inner: DirectorySink) -> Result<Self, ConfigError> {
        let media = MediaDir::open(inner.root()).map_err(|e| ConfigError::Endpoint {
            url: inner.root().display().to_string(),
            reason: e.to_string(),
        })?;
        info!(bucket = %config.location.bucket, prefix = %config.location.prefix, endpoint = ?config.endpoint.as_ref().map(|u| u.as_str()), "object-store sink");
        Ok(Self {
            client: S3Client::new(config)?,
            media,
            inner,
            uploading: Default::default(),
        })
    }

    /// The client (to check a bucket, or for tests).
    pub fn client(&self) -> &S3Client {
        &self.client
    }

    fn config(&self) -> &S3Config {
        self.client.config()
    }

    fn url(&self, key: &str) -> String {
        format!("s3://{}/{key}", self.config().location.bucket)
    }
}

/// The content type to store a message's media with: the sniffed type when the `mime` stage
/// found one, else the declared one.
fn content_type(finished: &Finished) -> String {
    let sniffed = finished
        .stages
        .iter()
        .find(|(name, _)| *name == "mime")
        .and_then(|(_, r)| r.facts.get("sniffedMime"))
        .and_then(|v| v.as_str())
        .map(str::to_owned);
    sniffed
        .or_else(|| {
            finished
                .envelope
                .message
                .media
                .as_ref()
                .and_then(|m| m.declared_mime())
                .map(|m| m.split(';').next().unwrap_or_default().trim().to_owned())
        })
        .filter(|m| !m.is_empty() && m.is_ascii())
        .unwrap_or_else(|| "application/octet-stream".to_owned())
}

/// A header value from wire text: percent-encoded outside printable ASCII.
fn header_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if (0x21..0x7f).contains(&b) && b != b'%' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl ObjectStoreSink {
    async fn upload_media(
        &self,
        finished: &Finished,
        local: &Path,
    ) -> Result<Option<String>, S3Error> {
        let Some(blob) = &finished.blob else {
            return Ok(None);
        };
        let sha = blob.sha256_hex();
        let content_type = content_type(finished);
        let ext = extension_for_mime(&content_type)
            .map(|e| format!(".{e}"))
            .unwrap_or_default();
        let key = self
            .config()
            .key(&format!("media/sha256/{}/{sha}{ext}", &sha[..2]));
        let lock = {
            let mut uploading = self.uploading.lock().unwrap_or_else(|p| p.into_inner());
            uploading.entry(key.clone()).or_default().clone()
        };
        let _guard = lock.lock().await;
        let result = self
            .upload_unless_stored(finished, local, &key, &sha, &content_type)
            .await;
        drop(_guard);
        let mut uploading = self.uploading.lock().unwrap_or_else(|p| p.into_inner());
        if uploading
            .get(&key)
            .is_some_and(|l| std::sync::Arc::strong_count(l) == 1)
        {
            uploading.remove(&key);
        }
        result.map(|()| Some(key))
    }

    async fn upload_unless_stored(
        &self,
        finished: &Finished,
        local: &Path,
        key: &str,
        sha: &str,
        content_type: &str,
    ) -> Result<(), S3Error> {
        let Some(blob) = &finished.blob else {
            return Ok(());
        };
        if let Some(info) = self.client.head(key).await? {
            if info.len == blob.len() && info.sha256.as_deref().is_none_or(|s| s == sha) {
                debug!(key, "already stored: upload skipped");
                self.client.count_skip();
                return Ok(());
            }
        }
        let metadata = [
            ("sha256", sha.to_owned()),
            (
                "message-id",
                header_safe(&finished.envelope.message.message_id),
            ),
        ];
        self.client
            .put_file(key, local, blob.len(), content_type, &metadata)
            .await
    }

    async fn upload_artifacts(&self, finished: &Finished) -> Result<(), S3Error> {
        for artifact in &finished.artifacts {
            let local = self.media.root().join(&artifact.path);
            let len = match tokio::fs::metadata(&local).await {
                Ok(m) => m.len(),
                Err(source) => {
                    return Err(S3Error::Io {
                        path: local.display().to_string(),
                        source,
                    })
                }
            };
            let key = self.config().key(&artifact.path);
            let metadata = [(
                "message-id",
                header_safe(&finished.envelope.message.message_id),
            )];
            self.client
                .put_file(&key, &local, len, "application/octet-stream", &metadata)
                .await?;
        }
        Ok(())
    }
}

#[async_trait]
impl Sink for ObjectStoreSink {
    async fn finish(&self, mut finished: Finished) -> Result<(), SinkError> {
        let backend = |what: &'static str| move |e: S3Error| SinkError::backend(what, e);
        let stored = match finished.stored_path.clone() {
            Some(path) => Some(path),
            None => self.media.store(&finished)?,
        };
        finished.stored_path = stored.clone();
        let local: Option<PathBuf> = match (&finished.blob, &stored) {
            (Some(blob), Some(path)) if blob.is_owned() => Some(self.media.root().join(path)),
            (Some(blob), Some(_)) => Some(blob.path().to_owned()),
            _ => None,
        };
        let mut remove_after = None;
        if let Some(local) = &local {
            if let Some(key) = self
                .upload_media(&finished, local)
                .await
                .map_err(backend("uploading media to the object store"))?
            {
                finished.blob_url = Some(self.url(&key));
                let owned = finished.blob.as_ref().is_some_and(|b| b.is_owned());
                if owned && !self.config().keep_local {
                    remove_after = Some(local.clone());
                }
            }
        }
        self.upload_artifacts(&finished)
            .await
            .map_err(backend("uploading artifacts to the object store"))?;
        if self.config().report_lines {
            let line = ReportLine::of(&finished, stored.clone());
            let json = serde_json::to_vec(&line)
                .map_err(|e| SinkError::backend("serialising a report line", e))?;
            let key = self.config().key(&format!(
                "report/{}.json",
                message_dir(&finished.envelope.message.message_id)
            ));
            self.client
                .put_bytes(&key, json, "application/json", &[])
                .await
                .map_err(backend("storing the report line in the object store"))?;
        }
        self.inner.finish(finished).await?;
        if let Some(path) = remove_after {
            if let Err(e) = tokio::fs::remove_file(&path).await {
                warn!(path = %path.display(), error = %e, "could not remove the local copy of uploaded media");
            }
        }
        Ok(())
    }
}
