//! [`ErrorCode`]: the one vocabulary of failure codes, as the report writes them.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a message (or a stage on it) failed, as a typed code that serialises to the report's
/// UPPER_SNAKE string (`"NOT_FOUND"`, `"HTTP_503"`, `"TOO_MANY_PIXELS"`…).
///
/// The variants are the codes the framework itself produces; a stage's own codes (a plugin's
/// `TOO_MANY_PIXELS`, `ENCRYPTED`, `MIME_MISMATCH`…) are [`ErrorCode::Other`]. Parsing a string
/// gives the variant when there is one, so `"TIMEOUT"` from a stage and [`ErrorCode::Timeout`]
/// from the framework are the same code.
///
/// [`ErrorCode::is_retryable`] is the one retry rule: the scheduler retries what it says, with
/// backoff (and after the server's `Retry-After`, which travels with the error, not the code).
///
/// ```
/// use pipes_media_core::ErrorCode;
/// assert_eq!(ErrorCode::Http(503).as_str(), "HTTP_503");
/// assert_eq!(ErrorCode::from("HTTP_503"), ErrorCode::Http(503));
/// assert!(ErrorCode::Http(503).is_retryable());
/// assert!(!ErrorCode::MediaExpired.is_retryable());
/// assert_eq!(ErrorCode::from("TOO_MANY_PIXELS"), "TOO_MANY_PIXELS");
/// assert_eq!(serde_json::to_string(&ErrorCode::NotFound)?, r#""NOT_FOUND""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// 401 from Pipes.bot: the API key was rejected.
    Unauthorized,
    /// 403 from Pipes.bot: another tenant's media or conversation.
    Forbidden,
    /// 404 from Pipes.bot (or a local file that is gone).
    NotFound,
    /// 410 from Pipes.bot: past the 48-hour retention.
    MediaExpired,
    /// 400 from Pipes.bot: the request was malformed.
    BadRequest,
    /// 429 from Pipes.bot: throttled (retried after `Retry-After`).
    RateLimited,
    /// Any other HTTP status (`HTTP_<status>`); 5xx are retried.
    Http(u16),
    /// Larger than the configured limit.
    TooLarge,
    /// The body ended before its announced length.
    Truncated,
    /// A network failure (connect, reset, TLS, DNS).
    Network,
    /// A deadline passed (a download, a stage run).
    Timeout,
    /// A transfer went on, but slower than the minimum rate.
    TooSlow,
    /// The presigned storage URL was refused (a fresh redirect is needed).
    PresignedRefused,
    /// A redirect without a usable target.
    BadRedirect,
    /// A redirect to a scheme the API base does not allow.
    InsecureRedirect,
    /// A redirect to an address that is not on the public internet.
    BlockedAddress,
    /// A media id that cannot be put in a request path.
    InvalidMediaId,
    /// A local I/O failure.
    Io,
    /// No space left on the device (retried: freeing space resumes the work).
    DiskFull,
    /// The run stopped before the message finished (non-durable queues only).
    Interrupted,
    /// The work was cancelled.
    Cancelled,
    /// Code panicked; the panic was caught.
    Panic,
    /// Remote media but no downloader in the pipeline.
    NoFetcher,
    /// The message cannot be scheduled or stored.
    Unschedulable,
    /// The event could not be read beyond its message id.
    MalformedEvent,
    /// A queue delivered the job too many times without an acknowledgement.
    MaxDeliveries,
    /// Retries ran out.
    RetriesExhausted,
    /// The input is invalid for a stage (corrupt, truncated).
    InvalidInput,
    /// A format or feature a stage does not handle.
    Unsupported,
    /// A configuration error (fatal for a source).
    Config,
    /// Any other code, as a stage defines it (UPPER_SNAKE).
    Other(Cow<'static, str>),
}

impl ErrorCode {
    /// The report string, e.g. `"MEDIA_EXPIRED"`.
    pub fn as_str(&self) -> Cow<'_, str> {
        let fixed = match self {
            Self::Unauthorized => "UNAUTHORIZED",
            Self::Forbidden => "FORBIDDEN",
            Self::NotFound => "NOT_FOUND",
            Self::MediaExpired => "MEDIA_EXPIRED",
            Self::BadRequest => "BAD_REQUEST",
            Self::RateLimited => "RATE_LIMITED",
            Self::Http(status) => return Cow::Owned(format!("HTTP_{status}")),
            Self::TooLarge => "TOO_LARGE",
            Self::Truncated => "TRUNCATED",
            Self::Network => "NETWORK",
            Self::Timeout => "TIMEOUT",
            Self::TooSlow => "TOO_SLOW",
            Self::PresignedRefused => "PRESIGNED_REFUSED",
            Self::BadRedirect => "BAD_REDIRECT",
            Self::InsecureRedirect => "INSECURE_REDIRECT",
            Self::BlockedAddress => "BLOCKED_ADDRESS",
            Self::InvalidMediaId => "INVALID_MEDIA_ID",
            Self::Io => "IO",
            Self::DiskFull => "DISK_FULL",
            Self::Interrupted => "INTERRUPTED",
            Self::Cancelled => "CANCELLED",
            Self::Panic => "PANIC",
            Self::NoFetcher => "NO_FETCHER",
            Self::Unschedulable => "UNSCHEDULABLE",
            Self::MalformedEvent => "MALFORMED_EVENT",
            Self::MaxDeliveries => "MAX_DELIVERIES",
            Self::RetriesExhausted => "RETRIES_EXHAUSTED",
            Self::InvalidInput => "INVALID_INPUT",
            Self::Unsupported => "UNSUPPORTED",
            Self::Config => "CONFIG",
            Self::Other(code) => return Cow::Borrowed(code),
        };
        Cow::Borrowed(fixed)
    }

    /// Whether another attempt may succeed: network trouble, deadlines, slow transfers,
    /// truncated bodies, 429, 5xx, a refused presigned URL and a full disk. Everything else
    /// (the API's 4xx, local decoding failures, stage codes) is final.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Network
            | Self::Timeout
            | Self::TooSlow
            | Self::Truncated
            | Self::RateLimited
            | Self::PresignedRefused
            | Self::DiskFull => true,
            Self::Http(status) => *status >= 500,
            _ => false,
        }
    }

    /// Whether the failure is local and transient rather than about the message (a full disk,
    /// local I/O, an interrupted run): what `--retry-failed` requeues by default.
    pub fn is_local(&self) -> bool {
        matches!(
            self,
            Self::Io | Self::DiskFull | Self::Interrupted | Self::Cancelled | Self::Panic
        )
    }

    /// The code of an I/O error: [`ErrorCode::DiskFull`] for "no space left" and "quota
    /// exceeded", [`ErrorCode::NotFound`] for a missing file, [`ErrorCode::TooLarge`] for a
    /// file over a limit, otherwise [`ErrorCode::Io`].
    pub fn of_io(error: &std::io::Error) -> Self {
        use std::io::ErrorKind;
        match error.kind() {
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Self::DiskFull,
            ErrorKind::NotFound => Self::NotFound,
            ErrorKind::FileTooLarge => Self::TooLarge,
            _ => match error.raw_os_error() {
                // ENOSPC and EDQUOT, should the kind not say so.
                Some(28) | Some(122) => Self::DiskFull,
                _ => Self::Io,
            },
        }
    }
}

impl From<&str> for ErrorCode {
    fn from(code: &str) -> Self {
        Self::parse(code).unwrap_or_else(|| Self::Other(Cow::Owned(code.to_owned())))
    }
}

impl From<String> for ErrorCode {
    fn from(code: String) -> Self {
        Self::parse(&code).unwrap_or(Self::Other(Cow::Owned(code)))
    }
}

impl From<Cow<'static, str>> for ErrorCode {
    fn from(code: Cow<'static, str>) -> Self {
        Self::parse(&code).unwrap_or(Self::Other(code))
    }
}

impl ErrorCode {
    fn parse(code: &str) -> Option<Self> {
        Some(match code {
            "UNAUTHORIZED" => Self::Unauthorized,
            "FORBIDDEN" => Self::Forbidden,
            "NOT_FOUND" => Self::NotFound,
            "MEDIA_EXPIRED" => Self::MediaExpired,
            "BAD_REQUEST" => Self::BadRequest,
            "RATE_LIMITED" => Self::RateLimited,
            "TOO_LARGE" => Self::TooLarge,
            "TRUNCATED" => Self::Truncated,
            "NETWORK" => Self::Network,
            "TIMEOUT" => Self::Timeout,
            "TOO_SLOW" => Self::TooSlow,
            "PRESIGNED_REFUSED" => Self::PresignedRefused,
            "BAD_REDIRECT" => Self::BadRedirect,
            "INSECURE_REDIRECT" => Self::InsecureRedirect,
            "BLOCKED_ADDRESS" => Self::BlockedAddress,
            "INVALID_MEDIA_ID" => Self::InvalidMediaId,
            "IO" => Self::Io,
            "DISK_FULL" => Self::DiskFull,
            "INTERRUPTED" => Self::Interrupted,
            "CANCELLED" => Self::Cancelled,
            "PANIC" => Self::Panic,
            "NO_FETCHER" => Self::NoFetcher,
            "UNSCHEDULABLE" => Self::Unschedulable,
            "MALFORMED_EVENT" => Self::MalformedEvent,
            "MAX_DELIVERIES" => Self::MaxDeliveries,
            "RETRIES_EXHAUSTED" => Self::RetriesExhausted,
            "INVALID_INPUT" => Self::InvalidInput,
            "UNSUPPORTED" => Self::Unsupported,
            "CONFIG" => Self::Config,
            other => {
                let status = other.strip_prefix("HTTP_")?;
                if status.len() != 3 || !status.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                Self::Http(status.parse().ok()?)
            }
        })
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_str())
    }
}

impl fmt::Debug for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_str())
    }
}

impl PartialEq<str> for ErrorCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<ErrorCode> for &str {
    fn eq(&self, other: &ErrorCode) -> bool {
        other.as_str() == *self
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self::from(String::deserialize(deserializer)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fixed_code_round_trips_through_its_string() {
        let all = [
            ErrorCode::Unauthorized,
            ErrorCode::Forbidden,
            ErrorCode::NotFound,
            ErrorCode::MediaExpired,
            ErrorCode::BadRequest,
            ErrorCode::RateLimited,
            ErrorCode::Http(404),
            ErrorCode::Http(599),
            ErrorCode::TooLarge,
            ErrorCode::Truncated,
            ErrorCode::Network,
            ErrorCode::Timeout,
            ErrorCode::TooSlow,
            ErrorCode::PresignedRefused,
            ErrorCode::BadRedirect,
            ErrorCode::InsecureRedirect,
            ErrorCode::BlockedAddress,
            ErrorCode::InvalidMediaId,
            ErrorCode::Io,
            ErrorCode::DiskFull,
            ErrorCode::Interrupted,
            ErrorCode::Cancelled,
            ErrorCode::Panic,
            ErrorCode::NoFetcher,
            ErrorCode::Unschedulable,
            ErrorCode::MalformedEvent,
            ErrorCode::MaxDeliveries,
            ErrorCode::RetriesExhausted,
            ErrorCode::InvalidInput,
            ErrorCode::Unsupported,
            ErrorCode::Config,
        ];
        for code in all {
            let text = code.as_str().into_owned();
            assert!(text
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'));
            assert_eq!(ErrorCode::from(text.as_str()), code, "{text}");
            let json = serde_json::to_string(&code).expect("serialises");
            let back: ErrorCode = serde_json::from_str(&json).expect("parses");
            assert_eq!(back, code);
        }
    }

    #[test]
    fn stage_codes_are_kept_as_they_are() {
        let code = ErrorCode::from("TOO_MANY_PIXELS");
        assert_eq!(code, ErrorCode::Other("TOO_MANY_PIXELS".into()));
        assert_eq!(code.to_string(), "TOO_MANY_PIXELS");
        assert!(!code.is_retryable());
        // Not a status: stays a stage code.
        assert!(matches!(ErrorCode::from("HTTP_5031"), ErrorCode::Other(_)));
        assert!(matches!(ErrorCode::from("HTTP_abc"), ErrorCode::Other(_)));
    }

    #[test]
    fn retry_rule() {
        for code in [
            "NETWORK",
            "TIMEOUT",
            "TRUNCATED",
            "RATE_LIMITED",
            "HTTP_500",
            "HTTP_503",
            "DISK_FULL",
            "PRESIGNED_REFUSED",
        ] {
            assert!(ErrorCode::from(code).is_retryable(), "{code}");
        }
        for code in [
            "UNAUTHORIZED",
            "FORBIDDEN",
            "NOT_FOUND",
            "MEDIA_EXPIRED",
            "HTTP_404",
            "HTTP_418",
            "IO",
            "ENCRYPTED",
        ] {
            assert!(!ErrorCode::from(code).is_retryable(), "{code}");
        }
    }

    #[test]
    fn io_errors_map_to_codes() {
        let full = std::io::Error::from_raw_os_error(28);
        assert_eq!(ErrorCode::of_io(&full), ErrorCode::DiskFull);
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(ErrorCode::of_io(&missing), ErrorCode::NotFound);
        assert_eq!(ErrorCode::of_io(&std::io::Error::other("x")), ErrorCode::Io);
    }
}
