//! Why a download failed, with the report code and the retry rule of protocol §8.

use std::net::IpAddr;
use std::time::Duration;

use pipes_media_core::{ErrorCode, FetchError};

use super::guard::Blocked;

/// A media download failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DownloadError {
    /// The media id cannot be put in a URL path.
    #[error("invalid media id: {0}")]
    InvalidMediaId(#[from] pipes_media_core::event::InvalidMediaId),
    /// Larger than the configured limit (from `byteSize`, `Content-Length` or while streaming).
    #[error("media is larger than the {limit}-byte limit ({size} bytes {how})")]
    TooLarge {
        /// The limit.
        limit: u64,
        /// The size seen.
        size: u64,
        /// Where the size came from: `declared`, `announced` or `received`.
        how: &'static str,
    },
    /// 401: the key was rejected.
    #[error("401 from Pipes.bot: the API key was rejected")]
    Unauthorized,
    /// 403: the media belongs to another tenant.
    #[error("403 from Pipes.bot: the media belongs to another account")]
    Forbidden,
    /// 404: unknown media id.
    #[error("404 from Pipes.bot: unknown media id")]
    NotFound,
    /// 410: past the 48-hour retention.
    #[error("410 from Pipes.bot: media expired (48-hour retention)")]
    Expired,
    /// 400: the request was refused as malformed.
    #[error("400 from Pipes.bot: {0}")]
    BadRequest(String),
    /// 429: throttled.
    #[error("429 from Pipes.bot: rate limited")]
    RateLimited {
        /// The server's `Retry-After`.
        retry_after: Option<Duration>,
    },
    /// Any other unexpected status.
    #[error("unexpected HTTP {status} from {origin}")]
    Status {
        /// The status code.
        status: u16,
        /// `api` or `storage`.
        origin: &'static str,
    },
    /// The presigned URL was refused (expired or invalid): a new redirect is needed.
    #[error("the presigned URL was refused (403): it expired or is invalid")]
    PresignedRefused,
    /// A redirect without a usable `Location`.
    #[error("redirect without a usable Location header")]
    BadRedirect,
    /// A redirect to a scheme the base URL does not allow (e.g. http from an https API).
    #[error("refusing redirect to {scheme}:// from an https API")]
    InsecureRedirect {
        /// The target's scheme.
        scheme: String,
    },
    /// The body ended before `Content-Length` bytes arrived.
    #[error("body truncated: {received} of {expected} bytes")]
    Truncated {
        /// Bytes announced.
        expected: u64,
        /// Bytes received.
        received: u64,
    },
    /// The redirect leads to an address the policy refuses (loopback, link-local, private…;
    /// see [`StorageAddresses`](crate::StorageAddresses)). Not retried.
    #[error("refusing the redirect to {host}: {address} is a {class} address, not on the public internet")]
    BlockedAddress {
        /// The redirect target's host, as the URL gives it.
        host: String,
        /// The address it is, or resolved to.
        address: IpAddr,
        /// The address's class (`loopback`, `link-local`, `private`…).
        class: &'static str,
    },
    /// A network error (connect, reset, TLS…).
    #[error("network error: {0}")]
    Network(#[source] reqwest::Error),
    /// The connection could not be set up within the connect timeout.
    #[error("timed out: {0}")]
    Timeout(#[source] reqwest::Error),
    /// A request's response (status line and headers) did not come within the response timeout:
    /// a host that accepts connections and never answers.
    #[error("no response from the {origin} host within {} ms", waited.as_millis())]
    NoResponse {
        /// `api` or `storage`.
        origin: &'static str,
        /// How long the downloader waited.
        waited: Duration,
    },
    /// The attempt ran past its overall deadline
    /// ([`DownloadLimits::deadline`](crate::DownloadLimits::deadline)).
    #[error("the download attempt ran past its {} ms deadline ({received} bytes received in it)", limit.as_millis())]
    Deadline {
        /// The deadline.
        limit: Duration,
        /// Body bytes this attempt had received by then (kept, with any resumed prefix, for the
        /// next attempt to resume from).
        received: u64,
    },
    /// The body arrived slower than the minimum speed
    /// ([`DownloadLimits::min_speed`](crate::DownloadLimits::min_speed)).
    #[error("transfer too slow: {received} bytes in {} ms, under the minimum of {min_speed} bytes/s", window.as_millis())]
    TooSlow {
        /// Bytes received within the window.
        received: u64,
        /// The window.
        window: Duration,
        /// The minimum speed, bytes per second.
        min_speed: u64,
    },
    /// Writing the temporary file failed.
    #[error("I/O error writing the media: {0}")]
    Io(#[from] std::io::Error),
}

impl DownloadError {
    /// The report code: the API's (`UNAUTHORIZED`, `FORBIDDEN`, `NOT_FOUND`, `MEDIA_EXPIRED`) or a
    /// local one (`TOO_LARGE`, `TRUNCATED`, `NETWORK`, `TIMEOUT`, `TOO_SLOW`, `BLOCKED_ADDRESS`,
    /// `HTTP_<status>`…).
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::InvalidMediaId(_) => ErrorCode::InvalidMediaId,
            Self::TooLarge { .. } => ErrorCode::TooLarge,
            Self::Unauthorized => ErrorCode::Unauthorized,
            Self::Forbidden => ErrorCode::Forbidden,
            Self::NotFound => ErrorCode::NotFound,
            Self::Expired => ErrorCode::MediaExpired,
            Self::BadRequest(_) => ErrorCode::BadRequest,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::Status { status, .. } => ErrorCode::Http(*status),
            Self::PresignedRefused => ErrorCode::PresignedRefused,
            Self::BadRedirect => ErrorCode::BadRedirect,
            Self::InsecureRedirect { .. } => ErrorCode::InsecureRedirect,
            Self::Truncated { .. } => ErrorCode::Truncated,
            Self::BlockedAddress { .. } => ErrorCode::BlockedAddress,
            Self::Network(_) => ErrorCode::Network,
            Self::Timeout(_) | Self::NoResponse { .. } | Self::Deadline { .. } => {
                ErrorCode::Timeout
            }
            Self::TooSlow { .. } => ErrorCode::TooSlow,
            Self::Io(e) => ErrorCode::of_io(e),
        }
    }

    /// Whether another attempt may succeed: network trouble, timeouts, slow bodies, 429, 5xx,
    /// truncated bodies and refused presigned URLs are retried; 401, 403, 404, 410, other 4xx
    /// and blocked addresses are not.
    pub fn is_retryable(&self) -> bool {
        self.code().is_retryable()
    }

    /// The server's requested wait, for 429.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::RateLimited { retry_after } => *retry_after,
            _ => None,
        }
    }

    pub(crate) fn from_reqwest(error: reqwest::Error) -> Self {
        Self::from_reqwest_to(error, "")
    }

    /// Like [`DownloadError::from_reqwest`] for a request to `host`, whose connection the
    /// address guard may have refused.
    pub(crate) fn from_reqwest_to(error: reqwest::Error, host: &str) -> Self {
        // Drop the URL: a presigned URL carries a (short-lived) signature.
        let error = error.without_url();
        if let Some(blocked) = find_blocked(&error) {
            return Self::blocked(host, blocked);
        }
        if error.is_timeout() {
            Self::Timeout(error)
        } else {
            Self::Network(error)
        }
    }
}

impl DownloadError {
    pub(crate) fn blocked(host: &str, blocked: &Blocked) -> Self {
        Self::BlockedAddress {
            host: host.to_owned(),
            address: blocked.address,
            class: blocked.class.name(),
        }
    }
}

/// The guard's refusal somewhere in `error`'s chain of causes.
fn find_blocked(error: &reqwest::Error) -> Option<&Blocked> {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = cause {
        if let Some(blocked) = current.downcast_ref::<Blocked>() {
            return Some(blocked);
        }
        cause = current.source();
    }
    None
}

impl From<DownloadError> for FetchError {
    fn from(error: DownloadError) -> Self {
        let code = error.code();
        let retryable = error.is_retryable();
        let retry_after = error.retry_after();
        FetchError::new(code, error.to_string())
            .retryable(retryable)
            .with_retry_after(retry_after)
            .with_source(error)
    }
}
