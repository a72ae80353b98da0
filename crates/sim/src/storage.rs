//! The presigned "object storage" listener: `GET /o/{token}?exp=..&sig=..` (protocol §4, A11).

use std::collections::HashMap;
use std::io::{Seek, SeekFrom};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::body::{self, BodyPlan, Reader, Source};
use crate::state::Shared;
use crate::stats::bump;

fn plain(status: StatusCode, text: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain")], text).into_response()
}

/// `Range: bytes=N-` or `bytes=N-M` → `(start, end_exclusive)`; `Err` when unsatisfiable,
/// `Ok(None)` when absent or not understood (answered with the full body).
fn parse_range(headers: &HeaderMap, len: u64) -> Result<Option<(u64, u64)>, ()> {
    let Some(value) = headers.get(header::RANGE).and_then(|v| v.to_str().ok()) else {
        return Ok(None);
    };
    let Some(spec) = value.trim().strip_prefix("bytes=") else {
        return Ok(None);
    };
    if spec.contains(',') {
        return Ok(None);
    }
    let Some((first, last)) = spec.split_once('-') else {
        return Ok(None);
    };
    let (first, last) = (first.trim(), last.trim());
    let (start, end) = if first.is_empty() {
        // Suffix range: the last N bytes.
        let Ok(n) = last.parse::<u64>() else {
            return Ok(None);
        };
        if n == 0 {
            return Err(());
        }
        (len.saturating_sub(n), len)
    } else {
        let Ok(start) = first.parse::<u64>() else {
            return Ok(None);
        };
        let end = if last.is_empty() {
            len
        } else {
            match last.parse::<u64>() {
                Ok(last) if last >= start => last.saturating_add(1).min(len),
                _ => return Ok(None),
            }
        };
        (start, end)
    };
    if start >= len {
        return Err(());
    }
    Ok(Some((start, end)))
}

/// The strong `ETag` of a media object: a hash of its id and `version` (0 unless the
/// [`crate::Faults::vary_etag`] fault is on).
fn etag(media_id: &str, version: u64) -> String {
    format!(
        "\"{:016x}-{version}\"",
        crate::ids::fnv1a(&[media_id, "etag"])
    )
}

/// Whether a `Range` may be honoured under `If-Range` (RFC 9110 §13.1.5): no `If-Range`, or
/// one that names the current strong `ETag`. A date is never taken as a match (the simulator
/// sends no `Last-Modified`).
fn if_range_matches(headers: &HeaderMap, etag: &str) -> bool {
    match headers.get(header::IF_RANGE) {
        None => true,
        Some(value) => value.to_str().is_ok_and(|v| v.trim() == etag),
    }
}

/// Serves a media body when the signature is valid and the URL has not expired on the
/// simulator clock; 403 otherwise. Bodies carry a strong `ETag`; `Range` is honoured (206) when
/// `If-Range` is absent or matches it.
pub(crate) async fn handler(
    State(shared): State<Arc<Shared>>,
    Path(token): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    bump(&shared.counters.storage_requests);
    if shared.faults.is_hang_storage() {
        tracing::debug!("fault: storage request left unanswered");
        std::future::pending::<()>().await;
    }
    if headers.contains_key(header::AUTHORIZATION) {
        bump(&shared.counters.auth_headers_at_storage);
        tracing::warn!("an Authorization header reached the presigned storage host");
    }
    let exp = query.get("exp").and_then(|e| e.parse::<i64>().ok());
    let (Some(exp), Some(sig)) = (exp, query.get("sig")) else {
        return plain(StatusCode::FORBIDDEN, "missing signature");
    };
    if !crate::ids::constant_time_eq(sig, &crate::ids::sign(&shared.secret, &token, exp)) {
        return plain(StatusCode::FORBIDDEN, "signature does not match");
    }
    if shared.clock.now().unix_timestamp() > exp {
        return plain(StatusCode::FORBIDDEN, "request has expired");
    }
    let media_id = token.rsplit_once('.').map_or(token.as_str(), |(id, _)| id);
    let Some(media) = shared.state().media.get(media_id).cloned() else {
        return plain(StatusCode::NOT_FOUND, "no such object");
    };

    let (reader, len) = match &media.source {
        Source::Bytes(bytes) => (Reader::Bytes(bytes.clone()), bytes.len() as u64),
        Source::Generated { len, seed } => (Reader::Generated(*seed), *len),
        Source::File(path) => {
            let opened = tokio::task::spawn_blocking({
                let path = path.clone();
                move || {
                    let file = std::fs::File::open(&path)?;
                    let len = file.metadata()?.len();
                    Ok::<_, std::io::Error>((file, len))
                }
            })
            .await;
            let (file, len) = match opened {
                Ok(Ok(opened)) => opened,
                Ok(Err(err)) => {
                    tracing::warn!(path = %path.display(), %err, "cannot open media file");
                    return plain(StatusCode::NOT_FOUND, "no such object");
                }
                Err(_) => return plain(StatusCode::INTERNAL_SERVER_ERROR, "cannot open object"),
            };
            (Reader::File(Arc::new(file)), len)
        }
    };
    let faults = shared.faults.storage();
    let len = len.saturating_sub(faults.shrink);
    let etag = etag(media_id, faults.etag_version);
    let ranged =
        !faults.ignore_ranges && (faults.ignore_if_range || if_range_matches(&headers, &etag));
    let range = if !ranged {
        Ok(None)
    } else if faults.misrange && headers.contains_key(header::RANGE) {
        Ok(Some((0, len)))
    } else {
        parse_range(&headers, len)
    };
    let range = match range {
        Ok(range) => range,
        Err(()) => {
            let mut response = plain(StatusCode::RANGE_NOT_SATISFIABLE, "range not satisfiable");
            if let Ok(value) = HeaderValue::from_str(&format!("bytes */{len}")) {
                response.headers_mut().insert(header::CONTENT_RANGE, value);
            }
            return response;
        }
    };
    let (start, end) = range.unwrap_or((0, len));
    let reader = match reader {
        Reader::File(file) if start > 0 => match (&*file).seek(SeekFrom::Start(start)) {
            Ok(_) => Reader::File(file),
            Err(_) => return plain(StatusCode::INTERNAL_SERVER_ERROR, "cannot seek object"),
        },
        other => other,
    };

    let plan = BodyPlan {
        start,
        end,
        truncate: shared.faults.take_truncate(media_id),
        bytes_per_sec: shared.faults.slow(),
        stall_after: shared.faults.stall_after(),
    };
    let chunked = shared.faults.is_chunked();
    let stream = body::stream(reader, plan, Arc::clone(&shared.counters));
    let mut response = Response::new(Body::from_stream(stream));
    let headers = response.headers_mut();
    if let Ok(mime) = HeaderValue::from_str(&media.mime) {
        headers.insert(header::CONTENT_TYPE, mime);
    }
    headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    if !chunked {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(end - start));
    }
    if range.is_some() {
        bump(&shared.counters.range_requests);
        *response.status_mut() = StatusCode::PARTIAL_CONTENT;
        if let Ok(value) =
            HeaderValue::from_str(&format!("bytes {start}-{}/{len}", end.saturating_sub(1)))
        {
            response.headers_mut().insert(header::CONTENT_RANGE, value);
        }
    }
    response
}

/// Anything else on the storage listener.
pub(crate) async fn fallback() -> Response {
    plain(StatusCode::NOT_FOUND, "no such object")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(value: &str, len: u64) -> Result<Option<(u64, u64)>, ()> {
        let mut headers = HeaderMap::new();
        headers.insert(header::RANGE, HeaderValue::from_str(value).expect("ascii"));
        parse_range(&headers, len)
    }

    #[test]
    fn ranges_parse() {
        assert_eq!(range("bytes=10-", 100), Ok(Some((10, 100))));
        assert_eq!(range("bytes=10-19", 100), Ok(Some((10, 20))));
        assert_eq!(range("bytes=90-200", 100), Ok(Some((90, 100))));
        assert_eq!(range("bytes=-5", 100), Ok(Some((95, 100))));
        assert_eq!(range("bytes=100-", 100), Err(()));
        assert_eq!(range("bytes=0-1,5-6", 100), Ok(None));
        assert_eq!(range("items=0-1", 100), Ok(None));
        assert_eq!(range("bytes=x-", 100), Ok(None));
    }
}
