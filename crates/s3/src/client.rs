//! [`S3Client`]: the few S3 requests the sink makes, signed by `rusty-s3` and sent with the
//! project's `reqwest` client, retried with backoff on 5xx, 429 and network errors.

use std::future::Future;
use std::path::Path;
use std::time::Duration;

use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, ETAG};
use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};
use tokio::io::AsyncReadExt;
use tracing::{debug, warn};

use crate::config::{ConfigError, S3Config};
use crate::error::S3Error;

/// How long a signed request stays valid.
const SIGNED_FOR: Duration = Duration::from_secs(3600);

/// What `HEAD` said of an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectInfo {
    /// Its length.
    pub len: u64,
    /// Its `x-amz-meta-sha256`, when it has one.
    pub sha256: Option<String>,
}

/// What a client uploaded so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UploadStats {
    /// Objects uploaded in one `PUT`.
    pub puts: u64,
    /// Objects uploaded in parts.
    pub multipart: u64,
    /// Parts uploaded.
    pub parts: u64,
    /// Uploads skipped because `HEAD` found the object.
    pub skipped: u64,
}

#[derive(Debug, Default)]
struct Counters {
    puts: std::sync::atomic::AtomicU64,
    multipart: std::sync::atomic::AtomicU64,
    parts: std::sync::atomic::AtomicU64,
    skipped: std::sync::atomic::AtomicU64,
}

/// A signed S3 client for one bucket.
#[derive(Debug, Clone)]
pub struct S3Client {
    http: reqwest::Client,
    bucket: Bucket,
    credentials: Credentials,
    config: S3Config,
    counters: std::sync::Arc<Counters>,
}

impl S3Client {
    /// A client for `config`'s bucket: path-style at `config.endpoint` when one is given,
    /// virtual-host style at AWS otherwise.
    pub fn new(config: S3Config) -> Result<Self, ConfigError> {
        let (endpoint, style) = match &config.endpoint {
            Some(url) => (url.clone(), UrlStyle::Path),
            None => {
                let aws = format!("https://s3.{}.amazonaws.com", config.region);
                let url = url::Url::parse(&aws).map_err(|e| ConfigError::Endpoint {
                    url: aws,
                    reason: e.to_string(),
                })?;
                (url, UrlStyle::VirtualHost)
            }
        };
        let bucket = Bucket::new(
            endpoint.clone(),
            style,
            config.location.bucket.clone(),
            config.region.clone(),
        )
        .map_err(|e| ConfigError::Endpoint {
            url: endpoint.to_string(),
            reason: e.to_string(),
        })?;
        let credentials = match &config.session_token {
            Some(token) => Credentials::new_with_token(
                config.access_key_id.clone(),
                config.secret_access_key.clone(),
                token.clone(),
            ),
            None => Credentials::new(
                config.access_key_id.clone(),
                config.secret_access_key.clone(),
            ),
        };
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(10))
            .timeout(config.timeout)
            .user_agent(concat!("pipes-media/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(ConfigError::Client)?;
        Ok(Self {
            http,
            bucket,
            credentials,
            config,
            counters: Default::default(),
        })
    }

    /// What was uploaded so far.
    pub fn stats(&self) -> UploadStats {
        let get = |c: &std::sync::atomic::AtomicU64| c.load(std::sync::atomic::Ordering::Relaxed);
        UploadStats {
            puts: get(&self.counters.puts),
            multipart: get(&self.counters.multipart),
            parts: get(&self.counters.parts),
            skipped: get(&self.counters.skipped),
        }
    }

    pub(crate) fn count_skip(&self) {
        self.counters
            .skipped
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// Creates the bucket (for tests and first runs against an empty store); an existing
    /// bucket of this account is fine.
    pub async fn create_bucket(&self) -> Result<(), S3Error> {
        let name = self.bucket.name().to_owned();
        let url = self
            .bucket
            .create_bucket(&self.credentials)
            .sign(SIGNED_FOR);
        match self
            .retry(
                "create bucket",
                &name,
                || {
                    self.http
                        .put(url.clone())
                        .header(CONTENT_LENGTH, "0")
                        .send()
                },
                false,
            )
            .await
        {
            Ok(_) => Ok(()),
            Err(S3Error::Status { status: 409, .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// `GET`s a whole object (for tests and checks; media is never read back in a run).
    pub async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, S3Error> {
        let url = self
            .bucket
            .get_object(Some(&self.credentials), key)
            .sign(SIGNED_FOR);
        match self
            .retry("GET", key, || self.http.get(url.clone()).send(), true)
            .await?
        {
            Some(response) => Ok(Some(
                response
                    .bytes()
                    .await
                    .map_err(|e| network("GET", key, e))?
                    .to_vec(),
            )),
            None => Ok(None),
        }
    }

    /// The settings.
    pub fn config(&self) -> &S3Config {
        &self.config
    }

    /// `HEAD`: the object's length and checksum, `None` when there is no such object.
    pub async fn head(&self, key: &str) -> Result<Option<ObjectInfo>, S3Error> {
        let url = self
            .bucket
            .head_object(Some(&self.credentials), key)
            .sign(SIGNED_FOR);
        let response = self
            .retry("HEAD", key, || self.http.head(url.clone()).send(), true)
            .await?;
        let Some(response) = response else {
            return Ok(None);
        };
        let len = response
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let sha256 = response
            .headers()
            .get("x-amz-meta-sha256")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Ok(Some(ObjectInfo { len, sha256 }))
    }

    /// Uploads the file at `path` (`len` bytes) to `key`: one `PUT` below the part size, a
    /// multipart upload from the file above it (one part in memory at a time).
    pub async fn put_file(
        &self,
        key: &str,
        path: &Path,
        len: u64,
        content_type: &str,
        metadata: &[(&str, String)],
    ) -> Result<(), S3Error> {
        if len >= self.config.part_size {
            return self
                .put_multipart(key, path, len, content_type, metadata)
                .await;
        }
        let bytes = tokio::fs::read(path).await.map_err(|source| S3Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        self.put_bytes(key, bytes, content_type, metadata).await
    }

    /// `PUT`s `bytes` to `key`.
    pub async fn put_bytes(
        &self,
        key: &str,
        bytes: Vec<u8>,
        content_type: &str,
        metadata: &[(&str, String)],
    ) -> Result<(), S3Error> {
        let mut action = self.bucket.put_object(Some(&self.credentials), key);
        for (name, value) in metadata {
            action
                .headers_mut()
                .insert(format!("x-amz-meta-{name}"), value.clone());
        }
        let url = action.sign(SIGNED_FOR);
        let body = bytes::Bytes::from(bytes);
        self.retry(
            "PUT",
            key,
            || {
                let mut request = self
                    .http
                    .put(url.clone())
                    .header(CONTENT_TYPE, content_type)
                    .body(body.clone());
                for (name, value) in metadata {
                    request = request.header(format!("x-amz-meta-{name}"), value.as_str());
                }
                request.send()
            },
            false,
        )
        .await?;
        self.counters
            .puts
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    }

    async fn put_multipart(
        &self,
        key: &str,
        path: &Path,
        len: u64,
        content_type: &str,
        metadata: &[(&str, String)],
    ) -> Result<(), S3Error> {
        let mut create = self
            .bucket
            .create_multipart_upload(Some(&self.credentials), key);
        for (name, value) in metadata {
            create
                .headers_mut()
                .insert(format!("x-amz-meta-{name}"), value.clone());
        }
        let url = create.sign(SIGNED_FOR);
        let response = self
            .retry(
                "multipart create",
                key,
                || {
                    let mut request = self
                        .http
                        .post(url.clone())
                        .header(CONTENT_TYPE, content_type)
                        .header(CONTENT_LENGTH, "0");
                    for (name, value) in metadata {
                        request = request.header(format!("x-amz-meta-{name}"), value.as_str());
                    }
                    request.send()
                },
                false,
            )
            .await?
            .ok_or_else(|| answer("multipart create", key, "no response"))?;
        let text = response
            .text()
            .await
            .map_err(|e| network("multipart create", key, e))?;
        let created = rusty_s3::actions::CreateMultipartUpload::parse_response(&text)
            .map_err(|e| answer("multipart create", key, &e.to_string()))?;
        let upload_id = created.upload_id().to_owned();
        match self.upload_parts(key, path, len, &upload_id).await {
            Ok(etags) => {
                let complete = self.bucket.complete_multipart_upload(
                    Some(&self.credentials),
                    key,
                    &upload_id,
                    etags.iter().map(String::as_str),
                );
                let url = complete.sign(SIGNED_FOR);
                let body = complete.body();
                self.retry(
                    "multipart complete",
                    key,
                    || self.http.post(url.clone()).body(body.clone()).send(),
                    false,
                )
                .await?;
                self.counters
                    .multipart
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                Ok(())
            }
            Err(error) => {
                let url = self
                    .bucket
                    .abort_multipart_upload(Some(&self.credentials), key, &upload_id)
                    .sign(SIGNED_FOR);
                if let Err(abort) = self.http.delete(url).send().await {
                    warn!(key, error = %abort.without_url(), "could not abort a failed multipart upload");
                }
                Err(error)
            }
        }
    }

    /// Uploads the parts of the file, one in memory at a time; returns their ETags.
    async fn upload_parts(
        &self,
        key: &str,
        path: &Path,
        len: u64,
        upload_id: &str,
    ) -> Result<Vec<String>, S3Error> {
        let io = |source| S3Error::Io {
            path: path.display().to_string(),
            source,
        };
        let mut file = tokio::fs::File::open(path).await.map_err(io)?;
        let part_size = self.config.part_size;
        let parts = len.div_ceil(part_size).max(1);
        let mut etags = Vec::new();
        for number in 1..=parts {
            let size = part_size.min(len - (number - 1) * part_size);
            let mut buf = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
            (&mut file)
                .take(size)
                .read_to_end(&mut buf)
                .await
                .map_err(io)?;
            let part_number =
                u16::try_from(number).map_err(|_| answer("multipart", key, "over 10 000 parts"))?;
            let url = self
                .bucket
                .upload_part(Some(&self.credentials), key, part_number, upload_id)
                .sign(SIGNED_FOR);
            let body = bytes::Bytes::from(buf);
            let response = self
                .retry(
                    "multipart part",
                    key,
                    || self.http.put(url.clone()).body(body.clone()).send(),
                    false,
                )
                .await?
                .ok_or_else(|| answer("multipart part", key, "no response"))?;
            let etag = response
                .headers()
                .get(ETAG)
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| answer("multipart part", key, "no ETag"))?;
            etags.push(etag.to_owned());
            self.counters
                .parts
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            debug!(key, part = number, of = parts, "part uploaded");
        }
        Ok(etags)
    }

    /// Sends a request, retrying with backoff on 5xx, 429, 408 and network errors. A 404 is
    /// `Ok(None)` when `missing_is_none`.
    async fn retry<F, Fut>(
        &self,
        action: &'static str,
        key: &str,
        send: F,
        missing_is_none: bool,
    ) -> Result<Option<reqwest::Response>, S3Error>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = reqwest::Result<reqwest::Response>>,
    {
        let backoff =
            pipes_media_core::queue::Backoff::new(self.config.retry_base, Duration::from_secs(10));
        let mut attempt = 0;
        loop {
            let outcome = match send().await {
                Ok(response) if response.status().is_success() => return Ok(Some(response)),
                Ok(response) if missing_is_none && response.status().as_u16() == 404 => {
                    return Ok(None)
                }
                Ok(response) => {
                    let status = response.status().as_u16();
                    let body = response.text().await.unwrap_or_default();
                    let body: String = body.chars().take(300).collect();
                    S3Error::Status {
                        action,
                        key: key.to_owned(),
                        status,
                        body: pipes_media_core::log::escape(&body).into_owned(),
                    }
                }
                Err(e) => network(action, key, e),
            };
            attempt += 1;
            if !outcome.is_retryable() || attempt >= self.config.attempts.max(1) {
                return Err(outcome);
            }
            let delay = backoff.delay(attempt - 1);
            warn!(action, key, error = %outcome, delay_ms = delay.as_millis() as u64, "object store request failed, retrying");
            tokio::time::sleep(delay).await;
        }
    }
}

fn network(action: &'static str, key: &str, e: reqwest::Error) -> S3Error {
    S3Error::Network {
        action,
        key: key.to_owned(),
        source: e.without_url(),
    }
}

fn answer(action: &'static str, key: &str, reason: &str) -> S3Error {
    S3Error::Answer {
        action,
        key: key.to_owned(),
        reason: reason.to_owned(),
    }
}
