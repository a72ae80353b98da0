//! The API's error answers (protocol §4.1 and §8): status to [`DownloadError`], `Retry-After`,
//! and the `{error, code}` body, read with a size and time cap and logged escaped.

use std::time::Duration;

use pipes_media_core::log::escape;
use reqwest::header::{HeaderValue, RETRY_AFTER};
use reqwest::StatusCode;
use serde_json::Value;
use tokio::time::Instant;
use tracing::debug;

use super::DownloadError;

/// Largest error body read from the API.
const MAX_ERROR_BODY: usize = 16 * 1024;
/// Longest error text kept in an error (and so in the report).
const MAX_ERROR_TEXT: usize = 512;

/// Maps an API error response to a [`DownloadError`]. The body is read (at most
/// [`MAX_ERROR_BODY`] bytes, until `until`) for its `error` text: kept for a 400, logged escaped
/// for every status, since a hostile server can put anything in it.
pub(super) async fn error(response: reqwest::Response, until: Instant) -> DownloadError {
    let status = response.status();
    let retry_after = response
        .headers()
        .get(RETRY_AFTER)
        .and_then(parse_retry_after);
    let (text, code) = read_error_body(response, until).await;
    debug!(
        status = status.as_u16(),
        code = %escape(code.as_deref().unwrap_or("")),
        error = %escape(text.as_deref().unwrap_or("")),
        "error answer from the API"
    );
    match status {
        StatusCode::UNAUTHORIZED => DownloadError::Unauthorized,
        StatusCode::FORBIDDEN => DownloadError::Forbidden,
        StatusCode::NOT_FOUND => DownloadError::NotFound,
        StatusCode::GONE => DownloadError::Expired,
        StatusCode::TOO_MANY_REQUESTS => DownloadError::RateLimited { retry_after },
        StatusCode::BAD_REQUEST => {
            DownloadError::BadRequest(text.unwrap_or_else(|| "malformed request".to_owned()))
        }
        other => DownloadError::Status {
            status: other.as_u16(),
            origin: "api",
        },
    }
}

/// The `error` and `code` strings of a `{error, code}` body; `error` cut to
/// [`MAX_ERROR_TEXT`] characters.
async fn read_error_body(
    mut response: reqwest::Response,
    until: Instant,
) -> (Option<String>, Option<String>) {
    let mut body = Vec::new();
    while let Ok(Ok(Some(chunk))) = tokio::time::timeout_at(until, response.chunk()).await {
        body.extend_from_slice(&chunk);
        if body.len() > MAX_ERROR_BODY {
            break;
        }
    }
    let Ok(value) = serde_json::from_slice::<Value>(&body) else {
        return (None, None);
    };
    let field = |name: &str| value.get(name).and_then(Value::as_str);
    let text = field("error").map(|t| t.chars().take(MAX_ERROR_TEXT).collect());
    (text, field("code").map(str::to_owned))
}

/// `Retry-After` in seconds (the HTTP-date form is not used by Pipes.bot).
fn parse_retry_after(value: &HeaderValue) -> Option<Duration> {
    value
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds() {
        assert_eq!(
            parse_retry_after(&HeaderValue::from_static(" 7 ")),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            parse_retry_after(&HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT")),
            None
        );
    }
}
