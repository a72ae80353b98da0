//! The WebSocket source: connects, reads the `connected` welcome, yields messages, reconnects
//! with jittered backoff on any drop, and refuses to retry a rejected key.

use std::time::Duration;

use async_trait::async_trait;
use futures_util::{SinkExt, StreamExt};
use pipes_media_core::event::ServerEvent;
use pipes_media_core::log::escape;
use pipes_media_core::{Envelope, Source, SourceError, SourceEvent};
use tokio::net::TcpStream;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{self, Message as Frame};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use tracing::{debug, info, warn};

use crate::config::ClientConfig;
use crate::reply::{ReplyHandle, ReplyQueue};

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// How long to wait for the `connected` welcome after the upgrade.
const WELCOME_TIMEOUT: Duration = Duration::from_secs(30);

/// A fatal WebSocket condition: the source stops and the run ends.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebSocketError {
    /// 401 before the upgrade: the key is wrong.
    #[error("401 from Pipes.bot: the API key was rejected (check PIPES_API_KEY)")]
    Unauthorized,
    /// 403 before the upgrade: the conversation scope is not allowed.
    #[error("403 from Pipes.bot: the conversation is unknown or belongs to another account")]
    Forbidden,
}

impl From<WebSocketError> for SourceError {
    fn from(error: WebSocketError) -> Self {
        let code = match error {
            WebSocketError::Unauthorized => "UNAUTHORIZED",
            WebSocketError::Forbidden => "FORBIDDEN",
        };
        SourceError::new(code, error.to_string()).with_source(error)
    }
}

/// Receives `whatsapp_message` events from the Pipes.bot WebSocket.
///
/// - The URL is derived from the REST base (`https` → `wss`, `http` → `ws`) with `apiKey` in the
///   query; the key is never logged.
/// - The first frame must be the `connected` welcome; then every `whatsapp_message` is yielded,
///   unknown frame types are logged and skipped, malformed JSON is logged and
///   skipped (assumption A1), and frames over 1 MiB close the connection (A6).
/// - On any drop it reconnects with jittered exponential backoff (1 s doubling to 30 s), reset
///   once a welcome arrives, and warns when the gap grew past [`ClientConfig::gap_warning`].
/// - A 401 or 403 before the upgrade is fatal: no retry loop on a bad key.
/// - Sends a ping every 30 s; 60 s without any frame means the connection is dead (A13).
/// - Writes the `whatsapp_reply` frames of its [`ReplyHandle`]s ([`WebSocketSource::replier`])
///   and hands each `reply_status` back to the reply it answers.
///
/// Redelivered messages are yielded again; the queue drops duplicates by `messageId`.
pub struct WebSocketSource {
    config: ClientConfig,
    socket: Option<Socket>,
    failures: u32,
    disconnected_since: Option<Instant>,
    announced_reconnecting: bool,
    last_frame: Instant,
    replies: ReplyQueue,
}

impl WebSocketSource {
    /// A source for the account (or conversation) of `config`. Nothing connects until the first
    /// call to [`Source::next`].
    pub fn new(config: ClientConfig) -> Self {
        Self {
            config,
            socket: None,
            failures: 0,
            disconnected_since: None,
            announced_reconnecting: false,
            last_frame: Instant::now(),
            replies: ReplyQueue::new(),
        }
    }

    /// A handle that sends text replies on this source's connection (protocol §2.5), for the
    /// `reply` stage. Replies are written while the source runs.
    pub fn replier(&self) -> ReplyHandle {
        self.replies.handle()
    }

    async fn connect(&mut self) -> Result<Option<Socket>, SourceError> {
        let mut request = self
            .config
            .websocket_url()
            .as_str()
            .into_client_request()
            .map_err(|e| {
                SourceError::new("CONFIG", format!("bad WebSocket URL: {}", redact(&e)))
            })?;
        if let Ok(agent) = concat!("pipes-media/", env!("CARGO_PKG_VERSION")).parse() {
            request.headers_mut().insert("user-agent", agent);
        }
        let ws_config = WebSocketConfig::default()
            .max_message_size(Some(self.config.max_frame))
            .max_frame_size(Some(self.config.max_frame));
        let connect = tokio_tungstenite::connect_async_with_config(request, Some(ws_config), true);
        match tokio::time::timeout(Duration::from_secs(30), connect).await {
            Ok(Ok((mut socket, _response))) => {
                match tokio::time::timeout(WELCOME_TIMEOUT, socket.next()).await {
                    Ok(Some(Ok(Frame::Text(text)))) => match ServerEvent::from_json(&text) {
                        Ok(ServerEvent::Connected(welcome)) => {
                            info!(
                                url = %self.config.websocket_url_redacted(),
                                user = %escape(&welcome.user_id),
                                connection = %escape(&welcome.connection_id),
                                scope = ?welcome.scope,
                                "connected to Pipes.bot"
                            );
                            Ok(Some(socket))
                        }
                        _ => {
                            warn!("first frame was not the `connected` welcome; reconnecting");
                            Ok(None)
                        }
                    },
                    _ => {
                        warn!("no welcome frame after the upgrade; reconnecting");
                        Ok(None)
                    }
                }
            }
            Ok(Err(tungstenite::Error::Http(response))) => match response.status().as_u16() {
                401 => Err(WebSocketError::Unauthorized.into()),
                403 => Err(WebSocketError::Forbidden.into()),
                status => {
                    warn!(status, "WebSocket handshake refused; will retry");
                    Ok(None)
                }
            },
            Ok(Err(error)) => {
                warn!(error = %escape(&redact(&error)), "WebSocket connection failed; will retry");
                Ok(None)
            }
            Err(_) => {
                warn!("WebSocket connection timed out; will retry");
                Ok(None)
            }
        }
    }

    fn lost(&mut self, why: &str) {
        if self.socket.take().is_some() {
            warn!(reason = why, "WebSocket connection lost; reconnecting");
        }
        self.replies.connection_lost();
        self.disconnected_since.get_or_insert_with(Instant::now);
    }
}

/// Error text without anything that could carry the key (tungstenite errors may quote the URL).
fn redact(error: &dyn std::fmt::Display) -> String {
    let text = error.to_string();
    match text.find("apiKey=") {
        Some(at) => format!("{}apiKey=<redacted>", &text[..at]),
        None => text,
    }
}

#[async_trait]
impl Source for WebSocketSource {
    async fn next(&mut self) -> Result<Option<SourceEvent>, SourceError> {
        loop {
            let Some(socket) = self.socket.as_mut() else {
                if self.failures > 0 {
                    if !self.announced_reconnecting {
                        self.announced_reconnecting = true;
                        return Ok(Some(SourceEvent::Reconnecting));
                    }
                    let delay = self.config.reconnect.delay(self.failures - 1);
                    debug!(
                        delay_ms = delay.as_millis() as u64,
                        "waiting before reconnecting"
                    );
                    tokio::time::sleep(delay).await;
                }
                match self.connect().await? {
                    Some(socket) => {
                        if let Some(since) = self.disconnected_since.take() {
                            let gap = since.elapsed();
                            if gap > self.config.gap_warning {
                                warn!(gap_secs = gap.as_secs(), "was disconnected longer than the gap threshold: Pipes.bot's offline queue (100 per sender, 24 h) may have dropped messages");
                            }
                        }
                        self.socket = Some(socket);
                        self.failures = 0;
                        self.announced_reconnecting = false;
                        self.last_frame = Instant::now();
                        return Ok(Some(SourceEvent::Connected));
                    }
                    None => {
                        self.failures = self.failures.saturating_add(1);
                        self.disconnected_since.get_or_insert_with(Instant::now);
                        continue;
                    }
                }
            };

            let ping_at = self.last_frame + self.config.ping_interval;
            let dead_at = self.last_frame + self.config.ping_interval * 2;
            let replies = &mut self.replies;
            let frame = tokio::select! {
                frame = std::future::poll_fn(|cx| replies.poll_next_frame(socket, cx)) => frame,
                () = tokio::time::sleep_until(ping_at.min(dead_at)) => {
                    if Instant::now() >= dead_at {
                        self.failures = 1;
                        self.lost("no frame for twice the ping interval");
                    } else if socket.send(Frame::Ping(Default::default())).await.is_err() {
                        self.failures = 1;
                        self.lost("ping failed");
                    }
                    continue;
                }
            };
            match frame {
                Some(Ok(frame)) => {
                    self.last_frame = Instant::now();
                    match frame {
                        Frame::Text(text) => {
                            if let Some(event) = event_of(&text, Some(&mut self.replies)) {
                                return Ok(Some(event));
                            }
                        }
                        Frame::Binary(bytes) => debug!(len = bytes.len(), "binary frame ignored"),
                        Frame::Close(_) => {
                            self.failures = 1;
                            self.lost("server closed the connection");
                        }
                        // Pings are answered by tungstenite itself on the next read or write.
                        _ => {}
                    }
                }
                Some(Err(error)) => {
                    self.failures = 1;
                    let why = format!("read error: {}", redact(&error));
                    self.lost(&why);
                }
                None => {
                    self.failures = 1;
                    self.lost("connection closed");
                }
            }
        }
    }

    async fn close(&mut self) -> Vec<SourceEvent> {
        let Some(mut socket) = self.socket.take() else {
            return Vec::new();
        };
        // Frames the server sent before it read our Close are still ours: read until its Close.
        debug!("closing the WebSocket");
        let mut rest = Vec::new();
        if let Err(error) = socket.send(Frame::Close(None)).await {
            debug!(error = %escape(&redact(&error)), "could not send the WebSocket close");
        }
        let deadline = tokio::time::Instant::now() + CLOSE_WAIT;
        loop {
            match tokio::time::timeout_at(deadline, socket.next()).await {
                Ok(Some(Ok(Frame::Text(text)))) => {
                    rest.extend(event_of(&text, Some(&mut self.replies)))
                }
                Ok(Some(Ok(Frame::Close(_)))) | Ok(None) | Ok(Some(Err(_))) => break,
                Ok(Some(Ok(_))) => {}
                Err(_) => {
                    warn!(
                        wait_secs = CLOSE_WAIT.as_secs(),
                        "the server did not answer the WebSocket close"
                    );
                    break;
                }
            }
        }
        self.replies.connection_lost();
        debug!(events = rest.len(), "WebSocket closed");
        if !rest.is_empty() {
            info!(
                events = rest.len(),
                "events that arrived while closing kept"
            );
        }
        rest
    }
}

/// How long [`WebSocketSource`]'s close waits for the server's Close.
const CLOSE_WAIT: Duration = Duration::from_secs(5);

/// The source event of a text frame: a message (or the record of one that cannot be read);
/// `None` for frames that carry none (logged here).
/// A `reply_status` goes to the reply it answers, when `replies` are given.
fn event_of(text: &str, replies: Option<&mut ReplyQueue>) -> Option<SourceEvent> {
    match ServerEvent::from_json(text) {
        Ok(ServerEvent::Message(message)) => {
            debug!(message_id = %escape(&message.message_id), kind = %escape(message.kind.as_str()), "event received");
            Some(SourceEvent::Message(Box::new(Envelope::new(message))))
        }
        Ok(ServerEvent::Unreadable(unreadable)) => {
            warn!(message_id = %escape(&unreadable.message_id), error = %escape(&unreadable.reason), "a message frame that cannot be read: reporting it as failed");
            Some(SourceEvent::Message(Box::new(Envelope::unreadable(
                unreadable,
            ))))
        }
        Ok(ServerEvent::Connected(_)) => {
            debug!("extra welcome frame ignored");
            None
        }
        Ok(ServerEvent::ReplyStatus(status)) => {
            debug!(conversation = %escape(&status.conversation_id), success = status.success, "reply_status received");
            if let Some(replies) = replies {
                replies.answer(status);
            }
            None
        }
        Ok(ServerEvent::Unknown(raw)) => {
            debug!(
                kind = %escape(raw.get("type").and_then(|t| t.as_str()).unwrap_or("")),
                "unknown frame type ignored"
            );
            None
        }
        Ok(_) => None,
        Err(error) => {
            warn!(error = %escape(&error.to_string()), len = text.len(), "malformed frame skipped");
            None
        }
    }
}
