//! `GET /v1/media/download/{id}`: the REST download endpoint (protocol §4).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::state::Shared;
use crate::stats::bump;

/// The protocol's error response: `{"error": "...", "code": "..."}` with the status's code;
/// `text` replaces the usual `error` text (the [`crate::Faults::error_text`] fault).
pub(crate) fn error_with(status: StatusCode, text: Option<String>) -> Response {
    let (code, text_default) = match status.as_u16() {
        400 => ("BAD_REQUEST", "Bad request"),
        401 => ("UNAUTHORIZED", "Invalid or missing API key"),
        403 => ("FORBIDDEN", "Media belongs to another account"),
        404 => ("NOT_FOUND", "Media not found"),
        410 => ("MEDIA_EXPIRED", "Media expired"),
        429 => ("RATE_LIMITED", "Too many requests"),
        _ if status.is_server_error() => ("INTERNAL_ERROR", "Internal server error"),
        _ => ("ERROR", "Request failed"),
    };
    let text = text.unwrap_or_else(|| text_default.to_owned());
    let body = serde_json::json!({ "error": text, "code": code }).to_string();
    let mut response = (status, [(header::CONTENT_TYPE, "application/json")], body).into_response();
    if status == StatusCode::TOO_MANY_REQUESTS {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    }
    response
}

/// [`error_with`] the usual text.
pub(crate) fn error(status: StatusCode) -> Response {
    error_with(status, None)
}

/// The API key of an `Authorization: Bearer <key>` header.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, key) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| key.trim())
}

/// Checks key, existence, tenant and retention (in that order), applies the download faults,
/// then redirects to a presigned storage URL.
pub(crate) async fn handler(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    shared.counters.count_download(&id);
    let now = shared.clock.now();
    let error = |status| error_with(status, shared.faults.error_override());
    {
        let state = shared.state();
        let Some(user) = bearer(&headers).and_then(|key| state.keys.get(key)) else {
            return error(StatusCode::UNAUTHORIZED);
        };
        let Some(media) = state.media.get(&id) else {
            return error(StatusCode::NOT_FOUND);
        };
        if &media.owner != user {
            return error(StatusCode::FORBIDDEN);
        }
        if crate::clock::add(media.received_at, shared.config.retention) <= now {
            return error(StatusCode::GONE);
        }
    }
    if let Some(status) = shared.faults.take_fail(&id) {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        tracing::debug!(%status, media = %id, "fault: failing download");
        return error(status);
    }
    let exp = if shared.faults.take_expire(&id) {
        now.unix_timestamp() - 1
    } else {
        crate::clock::add(now, shared.config.presign_ttl).unix_timestamp()
    };
    let token = format!("{id}.{}", crate::ids::random_id(12));
    let sig = crate::ids::sign(&shared.secret, &token, exp);
    let origin = shared
        .faults
        .redirect_target()
        .unwrap_or_else(|| shared.storage_url.clone());
    let location = format!("{origin}/o/{token}?exp={exp}&sig={sig}");
    bump(&shared.counters.redirects);
    match HeaderValue::from_str(&location) {
        Ok(value) => (StatusCode::FOUND, [(header::LOCATION, value)]).into_response(),
        Err(_) => error(StatusCode::NOT_FOUND),
    }
}

/// Anything else on the API listener.
pub(crate) async fn fallback() -> Response {
    error(StatusCode::NOT_FOUND)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_scheme_is_case_insensitive() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("bearer pk_x"),
        );
        assert_eq!(bearer(&headers), Some("pk_x"));
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Basic pk_x"),
        );
        assert_eq!(bearer(&headers), None);
    }
}
