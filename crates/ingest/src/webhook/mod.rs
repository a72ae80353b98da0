//! [`WebhookSource`]: Pipes.bot's webhook delivery (protocol §6) as a [`Source`].
//!
//! An HTTP receiver for `POST /webhook` (path configurable). Each request is checked in this
//! order, and none of the checks can crash or stall the receiver:
//!
//! 1. the body is read with a cap (`413` past it, default 1 MiB: payloads are small) and a time
//!    limit;
//! 2. `X-Pipes-Signature` is verified over the raw bytes in constant time, before any parsing
//!    (`401`, nothing enqueued, when it is missing or wrong and a secret is set);
//! 3. the content type must be JSON and the body a Pipes.bot payload (`400` otherwise);
//! 4. each message goes to the intake as an acknowledged delivery, and the receiver answers
//!    `200` only once the queue has it (durably, with the durable store); `503` if the queue
//!    failed or did not answer within the ack timeout, so that Pipes.bot delivers again.
//!
//! Redeliveries and the WebSocket fallback are the same message id: the queue and the report
//! keep one line per message. TLS is a reverse proxy's job (see the README): Pipes.bot needs an
//! https URL, and a proxy in front (nginx, Caddy) also gives certificates renewal and limits.

mod payload;
mod verify;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use pipes_media_core::log::escape;
use pipes_media_core::source::{Ack, Delivered};
use pipes_media_core::{Envelope, Source, SourceError, SourceEvent};
use tokio::sync::{mpsc, Semaphore};
use tracing::{debug, info, warn};

pub use payload::{messages_of, PayloadError};
pub use verify::{sign, WebhookSecret};

/// The receiver's settings.
#[derive(Debug, Clone)]
pub struct WebhookConfig {
    /// Where to listen, e.g. `127.0.0.1:8088`.
    pub addr: SocketAddr,
    /// The path Pipes.bot posts to (default `/webhook`).
    pub path: String,
    /// The shared secret (`PIPES_WEBHOOK_SECRET`); without one, requests are not verified.
    pub secret: Option<WebhookSecret>,
    /// Largest body accepted (default 1 MiB).
    pub max_body: usize,
    /// How long a request waits for the queue to take its messages before answering `503`
    /// (default 8 s: Pipes.bot gives an attempt 10 s).
    pub ack_timeout: Duration,
    /// Requests handled at once; more are answered `503` (default 1024).
    pub max_in_flight: usize,
}

impl WebhookConfig {
    /// A receiver on `addr` at `/webhook`, verifying with `secret`.
    pub fn new(addr: SocketAddr, secret: Option<WebhookSecret>) -> Self {
        Self {
            addr,
            path: "/webhook".to_owned(),
            secret,
            max_body: 1024 * 1024,
            ack_timeout: Duration::from_secs(8),
            max_in_flight: 1024,
        }
    }
}

/// The receiver could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// Binding the address failed.
    #[error("cannot listen on {addr} for webhooks: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The path is not an absolute URL path.
    #[error("webhook path {0:?} must start with `/`")]
    Path(String),
}

struct Receiver {
    config: WebhookConfig,
    events: mpsc::Sender<SourceEvent>,
    slots: Semaphore,
}

/// Webhook deliveries as a [`Source`]: run it alone, or beside the WebSocket with
/// [`Merge`](pipes_media_core::source::Merge) (one queue, one dedup behind both).
pub struct WebhookSource {
    events: mpsc::Receiver<SourceEvent>,
    addr: SocketAddr,
    server: tokio::task::JoinHandle<()>,
    announced: bool,
}

impl WebhookSource {
    /// Binds the receiver and starts serving.
    pub async fn bind(config: WebhookConfig) -> Result<Self, WebhookError> {
        if !config.path.starts_with('/') {
            return Err(WebhookError::Path(config.path));
        }
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| WebhookError::Bind {
                addr: config.addr,
                source,
            })?;
        Self::serve(listener, config)
    }

    /// Like [`WebhookSource::bind`], without awaiting: for code that assembles a pipeline
    /// synchronously. Must be called within a Tokio runtime (the server is spawned on it).
    pub fn bind_now(config: WebhookConfig) -> Result<Self, WebhookError> {
        if !config.path.starts_with('/') {
            return Err(WebhookError::Path(config.path));
        }
        let bind_error = |source| WebhookError::Bind {
            addr: config.addr,
            source,
        };
        let listener = std::net::TcpListener::bind(config.addr).map_err(bind_error)?;
        listener.set_nonblocking(true).map_err(bind_error)?;
        let listener = tokio::net::TcpListener::from_std(listener).map_err(bind_error)?;
        Self::serve(listener, config)
    }

    fn serve(
        listener: tokio::net::TcpListener,
        config: WebhookConfig,
    ) -> Result<Self, WebhookError> {
        let addr = listener.local_addr().map_err(|source| WebhookError::Bind {
            addr: config.addr,
            source,
        })?;
        if config.secret.is_none() {
            warn!("no webhook secret (PIPES_WEBHOOK_SECRET): requests are not verified");
        }
        let (tx, events) = mpsc::channel(config.max_in_flight.max(1));
        let path = config.path.clone();
        let max_body = config.max_body;
        let receiver = Arc::new(Receiver {
            slots: Semaphore::new(config.max_in_flight.max(1)),
            config,
            events: tx,
        });
        let app = axum::Router::new()
            .route(&path, axum::routing::post(receive))
            .layer(DefaultBodyLimit::max(max_body))
            .with_state(receiver);
        let server = tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, app).await {
                warn!(%error, "the webhook receiver stopped");
            }
        });
        info!(%addr, path = %path, "webhook receiver listening");
        Ok(Self {
            events,
            addr,
            server,
            announced: false,
        })
    }

    /// The address it listens on (with the port chosen when binding port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for WebhookSource {
    fn drop(&mut self) {
        self.server.abort();
    }
}

#[async_trait]
impl Source for WebhookSource {
    async fn next(&mut self) -> Result<Option<SourceEvent>, SourceError> {
        if !self.announced {
            self.announced = true;
            return Ok(Some(SourceEvent::Connected));
        }
        Ok(self.events.recv().await)
    }

    async fn close(&mut self) -> Vec<SourceEvent> {
        // New deliveries are refused from now on (Pipes.bot retries them, then falls back to
        // the WebSocket); those already accepted wait in the channel for their answer.
        self.server.abort();
        self.events.close();
        let mut rest = Vec::new();
        while let Some(event) = self.events.recv().await {
            rest.push(event);
        }
        rest
    }
}

fn answer(status: StatusCode, text: &str) -> Response {
    (
        status,
        [("content-type", "application/json")],
        format!("{{\"ok\":{},\"error\":{:?}}}", status.is_success(), text),
    )
        .into_response()
}

async fn receive(
    State(receiver): State<Arc<Receiver>>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Response {
    let Ok(_slot) = receiver.slots.try_acquire() else {
        return answer(StatusCode::SERVICE_UNAVAILABLE, "busy");
    };
    let body = match body {
        Ok(body) => body,
        Err(rejection) => {
            let status = rejection.status();
            debug!(status = status.as_u16(), "webhook body refused");
            return answer(status, "body refused");
        }
    };
    if let Some(secret) = &receiver.config.secret {
        let signature = headers
            .get("x-pipes-signature")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if signature.is_empty() || !secret.verify(&body, signature) {
            warn!(
                len = body.len(),
                "webhook request with a missing or wrong signature: refused"
            );
            return answer(StatusCode::UNAUTHORIZED, "bad signature");
        }
    }
    let json = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
        .is_some_and(|v| v == "application/json" || v.ends_with("+json"));
    if !json {
        return answer(
            StatusCode::BAD_REQUEST,
            "content type must be application/json",
        );
    }
    let messages = match messages_of(&body) {
        Ok(messages) => messages,
        Err(error) => {
            warn!(error = %escape(&error.to_string()), "webhook payload refused");
            return answer(StatusCode::BAD_REQUEST, "not a Pipes.bot payload");
        }
    };
    let mut waiting = Vec::with_capacity(messages.len());
    for message in messages {
        debug!(message_id = %escape(&message.message_id), "webhook delivery");
        let (ack, answered) = Ack::channel();
        let event = SourceEvent::Acked(Box::new(Envelope::new(message)), ack);
        if receiver.events.send(event).await.is_err() {
            return answer(StatusCode::SERVICE_UNAVAILABLE, "stopping");
        }
        waiting.push(answered);
    }
    for answered in waiting {
        match tokio::time::timeout(receiver.config.ack_timeout, answered).await {
            Ok(Ok(Delivered::Stored | Delivered::Duplicate | Delivered::Refused(_))) => {}
            Ok(Ok(Delivered::Failed(_))) | Ok(Err(_)) | Err(_) => {
                return answer(StatusCode::SERVICE_UNAVAILABLE, "not stored; deliver again");
            }
            Ok(Ok(_)) => {}
        }
    }
    answer(StatusCode::OK, "")
}
