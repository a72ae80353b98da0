//! The streaming media downloader: `GET /v1/media/download/{id}`, the 302 to the presigned URL
//! followed by hand without the key and only to allowed addresses, the body streamed to disk
//! while SHA-256 is computed, under a deadline and a minimum speed, resumed where a cut attempt
//! left it.

mod address;
mod api;
mod body;
mod error;
mod guard;
mod resume;
mod speed;
mod storage;

use std::future::Future;
use std::net::IpAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use pipes_media_core::event::AvailableMedia;
use pipes_media_core::log::escape;
use pipes_media_core::pipeline::DEFAULT_MAX_SIZE;
use pipes_media_core::{Blob, FetchError, Fetcher, Job};
use reqwest::header::LOCATION;
use reqwest::redirect;
use tokio::time::Instant;
use tracing::debug;
use url::Url;

pub use error::DownloadError;

use crate::config::{ClientConfig, ConfigError, DownloadLimits};
use guard::{AddressPolicy, GuardedResolver};
use resume::Kept;

/// Downloads media from Pipes.bot.
///
/// - Requests `GET {base}/v1/media/download/{id}` with `Authorization: Bearer <key>`.
/// - Follows the redirect itself (automatic redirects are off) with a fresh request on a second
///   client that carries **no** `Authorization` header, after checking the target's scheme
///   (https only when the API is https) and address: the storage client's DNS resolver drops
///   loopback, link-local, private and other non-public addresses unless
///   [`ClientConfig::storage_addresses`] allows them (by default: those of the API's own class),
///   and literal addresses are checked in every spelling (`BLOCKED_ADDRESS`, not retried).
/// - Streams the body to the given file: each chunk is hashed (SHA-256) and its head kept as it
///   arrives, on the task that received it while the chunk is still in that core's cache, then
///   handed to a writer thread, so memory per download stays bounded whatever the size.
/// - Enforces the size limit from `byteSize`, from `Content-Length` and while streaming; a body
///   shorter than its `Content-Length` is [`DownloadError::Truncated`].
/// - Holds each attempt to [`ClientConfig::download`]'s limits: a response timeout per request,
///   an overall deadline (`TIMEOUT`) and a minimum speed (`TOO_SLOW`), so a slow or silent
///   peer frees the download slot.
/// - Resumes: a cut body stays in the file with a sidecar (`<file>.meta`: the object's strong
///   `ETag` and length), and the next attempt asks a fresh redirect for `Range: bytes=N-` with
///   `If-Range`. A 206 that continues exactly that prefix is appended (the kept bytes are
///   hashed again, so the blob's hash is of the whole file); a 200, another range, or a changed
///   length or `ETag` starts over.
/// - Makes one attempt per call; a refused presigned URL gets one fresh redirect within it.
///   Whether to try again (network, timeouts, slow bodies, 429, 5xx, truncated bodies: yes;
///   401, 403, 404, 410, blocked addresses: no) is the scheduler's decision, from the error's
///   code and `Retry-After`, so one stubborn 5xx costs exactly one request per attempt.
#[derive(Debug, Clone)]
pub struct Downloader {
    api: reqwest::Client,
    storage: reqwest::Client,
    policy: Arc<AddressPolicy>,
    config: ClientConfig,
    max_size: u64,
}

impl Downloader {
    /// A downloader for the API described by `config`.
    pub fn new(config: ClientConfig) -> Result<Self, ConfigError> {
        let policy = Arc::new(AddressPolicy::new(config.storage_addresses));
        if let Some(ip) = literal_address(config.base_url()) {
            policy.learn_api(ip);
        }
        let api = client(&config.download)
            .build()
            .map_err(ConfigError::Client)?;
        let storage = client(&config.download)
            .dns_resolver(Arc::new(GuardedResolver::new(Arc::clone(&policy))))
            .build()
            .map_err(ConfigError::Client)?;
        Ok(Self {
            api,
            storage,
            policy,
            config,
            max_size: DEFAULT_MAX_SIZE,
        })
    }

    /// Largest media accepted, in bytes (default 100 MiB).
    pub fn max_size(mut self, bytes: u64) -> Self {
        self.max_size = bytes;
        self
    }

    /// Downloads `media` into the file `dest`: one attempt. A refused presigned URL (403 from
    /// the storage host) gets one fresh redirect from the API within the attempt, never the old
    /// URL again (protocol §4). Every other retry is the scheduler's: the error says whether
    /// one may help ([`DownloadError::is_retryable`]) and how long the server asked to wait
    /// ([`DownloadError::retry_after`]).
    ///
    /// `dest` is resumed when an earlier call left a resumable prefix in it (see the type's
    /// doc); on a retryable error the bytes received stay in it for the next call, on any other
    /// error it is removed.
    pub async fn download(
        &self,
        media: &AvailableMedia,
        dest: &Path,
    ) -> Result<Blob, DownloadError> {
        let path = media.download_path()?;
        if media.byte_size > self.max_size {
            resume::discard(dest).await;
            return Err(DownloadError::TooLarge {
                limit: self.max_size,
                size: media.byte_size,
                how: "declared",
            });
        }
        let deadline = Instant::now() + self.config.download.deadline;
        let id = media.id.as_str();
        let result = match self.attempt(&path, id, dest, deadline).await {
            Err(DownloadError::PresignedRefused) => {
                debug!("presigned URL refused: asking the API for a fresh redirect");
                self.attempt(&path, id, dest, deadline).await
            }
            other => other,
        };
        match &result {
            Ok(_) => resume::forget(dest).await,
            Err(error) => {
                let kept = error.is_retryable() && resume::is_resumable(dest).await;
                if !kept {
                    resume::discard(dest).await;
                }
                debug!(code = %error.code(), error = %escape(&error.to_string()), kept, "download attempt failed");
            }
        }
        result
    }

    async fn attempt(
        &self,
        path: &str,
        media: &str,
        dest: &Path,
        deadline: Instant,
    ) -> Result<Blob, DownloadError> {
        let kept = Kept::load(dest, media).await;
        let url = self
            .config
            .rest_url(path)
            .map_err(|e| DownloadError::BadRequest(e.to_string()))?;
        let request = self.api.get(url).bearer_auth(self.config.key().expose());
        let response = self.answer("api", deadline, request.send()).await?;
        if let Some(peer) = response.remote_addr() {
            self.policy.learn_api(peer.ip());
        }
        let status = response.status();
        if status.is_redirection() {
            let target = self.redirect_target(&response)?;
            drop(response);
            return self
                .fetch_stored(&target, media, dest, kept, deadline)
                .await;
        }
        if status.is_success() {
            // The API served the bytes itself: no presigned hop, nothing to resume against.
            return self.whole_body(response, None, dest, deadline).await;
        }
        Err(api::error(response, self.response_deadline(deadline)).await)
    }

    /// Awaits a response's status line and headers, within the response timeout and the
    /// attempt's deadline.
    async fn answer(
        &self,
        origin: &'static str,
        deadline: Instant,
        send: impl Future<Output = reqwest::Result<reqwest::Response>>,
    ) -> Result<reqwest::Response, DownloadError> {
        let limits = &self.config.download;
        let until = self.response_deadline(deadline);
        match tokio::time::timeout_at(until, send).await {
            Ok(result) => result.map_err(DownloadError::from_reqwest),
            Err(_) if until == deadline => Err(DownloadError::Deadline {
                limit: limits.deadline,
                received: 0,
            }),
            Err(_) => Err(DownloadError::NoResponse {
                origin,
                waited: limits.response_timeout,
            }),
        }
    }

    /// When a response started now must have arrived.
    fn response_deadline(&self, deadline: Instant) -> Instant {
        (Instant::now() + self.config.download.response_timeout).min(deadline)
    }

    fn redirect_target(&self, response: &reqwest::Response) -> Result<Url, DownloadError> {
        let location = response
            .headers()
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .ok_or(DownloadError::BadRedirect)?;
        let target = response
            .url()
            .join(location)
            .map_err(|_| DownloadError::BadRedirect)?;
        match target.scheme() {
            "https" => {}
            "http" if !self.config.is_https() => {}
            "http" => {
                return Err(DownloadError::InsecureRedirect {
                    scheme: "http".into(),
                })
            }
            _ => return Err(DownloadError::BadRedirect),
        }
        // Literal addresses never reach the resolver: check them here, as the URL parser
        // normalised them (`2130706433`, `0x7f.1` and `127.1` are all 127.0.0.1).
        if let Some(ip) = literal_address(&target) {
            self.policy.check(ip).map_err(|blocked| {
                DownloadError::blocked(target.host_str().unwrap_or(""), &blocked)
            })?;
        }
        Ok(target)
    }
}

/// The two clients' shared settings: no automatic redirects, the connect timeout. Response,
/// speed and deadline limits are the downloader's own, per attempt.
fn client(limits: &DownloadLimits) -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .redirect(redirect::Policy::none())
        .connect_timeout(limits.connect_timeout)
        .pool_idle_timeout(Duration::from_secs(30))
        .user_agent(concat!("pipes-media/", env!("CARGO_PKG_VERSION")))
}

/// The address of a URL whose host is an IP literal.
fn literal_address(url: &Url) -> Option<IpAddr> {
    match url.host()? {
        url::Host::Ipv4(ip) => Some(IpAddr::V4(ip)),
        url::Host::Ipv6(ip) => Some(IpAddr::V6(ip)),
        url::Host::Domain(_) => None,
    }
}

#[async_trait]
impl Fetcher for Downloader {
    async fn fetch(
        &self,
        _job: &Job,
        media: &AvailableMedia,
        temp_path: &Path,
    ) -> Result<Blob, FetchError> {
        self.download(media, temp_path)
            .await
            .map_err(FetchError::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_an_address_is_a_literal() {
        for (url, ip) in [
            ("http://127.0.0.1:9/o", "127.0.0.1"),
            ("http://2130706433/o", "127.0.0.1"),
            ("http://0x7f000001/o", "127.0.0.1"),
            ("http://0177.0.0.1/o", "127.0.0.1"),
            ("http://127.1/o", "127.0.0.1"),
            ("http://127.0.0.1./o", "127.0.0.1"),
            ("http://2852039166/latest/meta-data/", "169.254.169.254"),
            ("http://0xa9.0xfe.0xa9.0xfe/", "169.254.169.254"),
            ("http://[::ffff:169.254.169.254]/", "::ffff:169.254.169.254"),
            ("http://[::ffff:a9fe:a9fe]/", "::ffff:169.254.169.254"),
            ("http://[0:0:0:0:0:ffff:7f00:1]/", "::ffff:127.0.0.1"),
            ("https://[fe80::1]/", "fe80::1"),
            ("http://0/", "0.0.0.0"),
        ] {
            let parsed = Url::parse(url).expect("parses");
            assert_eq!(
                literal_address(&parsed),
                Some(ip.parse().expect("ip")),
                "{url}"
            );
        }
        for name in [
            "http://localhost:9/",
            "https://s3.amazonaws.com/",
            "http://127.0.0.1.nip.io/",
        ] {
            assert_eq!(
                literal_address(&Url::parse(name).expect("parses")),
                None,
                "{name}"
            );
        }
    }
}
