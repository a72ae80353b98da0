//! `GET /ws`: the WebSocket endpoint (protocol §2 and §5).

use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{
    rejection::WebSocketUpgradeRejection, Message, Utf8Bytes, WebSocket, WebSocketUpgrade,
};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use futures_util::{SinkExt, StreamExt};
use pipes_media_core::event::{ReplyStatus, Scope, Welcome};
use serde::Deserialize;
use tokio::sync::mpsc;
use tokio::time::MissedTickBehavior;

use crate::state::{Envelope, Shared};
use crate::stats::bump;

/// How long one frame write may take before the connection counts as dead.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// The handshake query.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WsQuery {
    api_key: Option<String>,
    conversation_id: Option<String>,
}

/// Checks the handshake before the upgrade: 401 for a bad key, 403 for a conversation that is
/// unknown or another user's.
pub(crate) async fn handler(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<WsQuery>,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    let user = {
        let state = shared.state();
        let user = query
            .api_key
            .as_deref()
            .and_then(|k| state.keys.get(k))
            .cloned();
        let Some(user) = user else {
            drop(state);
            bump(&shared.counters.ws_rejected);
            tracing::debug!("websocket handshake refused: missing or unknown apiKey");
            return (StatusCode::UNAUTHORIZED, "invalid or missing apiKey").into_response();
        };
        if let Some(conversation) = &query.conversation_id {
            if state.conversations.get(conversation) != Some(&user) {
                drop(state);
                bump(&shared.counters.ws_rejected);
                tracing::debug!(%conversation, "websocket handshake refused: conversation not owned");
                return (StatusCode::FORBIDDEN, "unknown conversationId").into_response();
            }
        }
        user
    };
    let upgrade = match upgrade {
        Ok(upgrade) => upgrade,
        Err(rejection) => return rejection.into_response(),
    };
    let conversation = query.conversation_id;
    upgrade
        .max_message_size(1 << 20)
        .on_upgrade(move |socket| run(socket, shared, user, conversation))
}

/// One connection: welcome first, then live frames, drained frames (user scope only) and
/// replies, until either side closes or a fault drops it.
async fn run(socket: WebSocket, shared: Arc<Shared>, user: String, conversation: Option<String>) {
    bump(&shared.counters.ws_connections);
    let (tx, mut rx) = mpsc::unbounded_channel();
    // Registered before the welcome is written, so nothing sent after a client has seen the
    // welcome can miss this connection; the channel holds it until the welcome is out.
    let id = shared.state().register(&user, conversation.clone(), tx);
    let mut shutdown = shared.shutdown.subscribe();
    let (mut sink, mut stream) = socket.split();
    let welcome = Welcome {
        user_id: user.clone(),
        connection_id: crate::ids::uuid(),
        scope: if conversation.is_some() {
            Scope::Conversation
        } else {
            Scope::User
        },
        conversation_id: conversation.clone(),
    };
    let mut welcome_json = serde_json::to_value(&welcome).unwrap_or_default();
    if let Some(object) = welcome_json.as_object_mut() {
        object.insert("type".into(), "connected".into());
        if conversation.is_none() {
            object.remove("conversationId");
        }
    }
    let mut alive = write(&mut sink, Utf8Bytes::from(welcome_json.to_string())).await;

    let drains = conversation.is_none();
    let mut ticker =
        tokio::time::interval(shared.config.drain_interval.max(Duration::from_millis(1)));
    ticker.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut events_here: u32 = 0;
    let mut graceful = false;

    while alive {
        tokio::select! {
            biased;
            _ = async { shutdown.wait_for(|stop| *stop).await.is_ok() } => {
                graceful = true;
                break;
            }
            incoming = stream.next() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    if let Some(reply) = answer_reply(&shared, &user, conversation.as_deref(), &text) {
                        alive = write(&mut sink, Utf8Bytes::from(reply)).await;
                    }
                }
                Some(Ok(Message::Close(_))) if shared.faults.is_ignore_close() => {
                    // Fault: hold the connection open and silent (no Close back) until the
                    // simulator stops; the client must give up waiting on its own.
                    let _ = shutdown.wait_for(|stop| *stop).await;
                    break;
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                // Pings are answered by the WebSocket layer; binary frames and pongs are ignored.
                Some(Ok(_)) => {}
            },
            Some(envelope) = rx.recv() => {
                alive = deliver(&shared, &user, &mut sink, envelope, &mut events_here).await;
            }
            _ = ticker.tick(), if drains => {
                if let Some(envelope) = shared.pop_oldest(&user) {
                    alive = deliver(&shared, &user, &mut sink, envelope, &mut events_here).await;
                }
            }
        }
    }

    // Forget the connection first, so that no new frame can be routed to it, then put back
    // whatever was routed to it but never written.
    shared.state().unregister(&user, id);
    rx.close();
    while let Ok(envelope) = rx.try_recv() {
        shared.requeue(&user, envelope);
    }
    if graceful {
        let _ = sink.send(Message::Close(None)).await;
    }
    // Dropping both halves closes the TCP connection; after a fault no close frame is sent.
    drop(sink);
    drop(stream);
    tracing::debug!(connection = id, "websocket connection ended");
}

type Sink = futures_util::stream::SplitSink<WebSocket, Message>;

async fn write(sink: &mut Sink, frame: Utf8Bytes) -> bool {
    matches!(
        tokio::time::timeout(WRITE_TIMEOUT, sink.send(Message::Text(frame))).await,
        Ok(Ok(()))
    )
}

/// Writes one envelope (twice under the redelivery fault). Returns `false` when the connection
/// must end: the write failed (the envelope is requeued) or the drop fault fired.
async fn deliver(
    shared: &Shared,
    user: &str,
    sink: &mut Sink,
    envelope: Envelope,
    events_here: &mut u32,
) -> bool {
    let copies = if envelope.is_event && shared.faults.is_redeliver() {
        2
    } else {
        1
    };
    for copy in 0..copies {
        if !write(sink, envelope.frame.clone()).await {
            if copy == 0 {
                shared.requeue(user, envelope);
            }
            return false;
        }
        if !envelope.is_event {
            bump(&shared.counters.raw_frames_sent);
            return true;
        }
        bump(&shared.counters.events_sent);
        *events_here += 1;
        if let Some(limit) = shared.faults.drop_after() {
            if *events_here >= limit {
                tracing::debug!(limit, "fault: dropping websocket connection");
                return false;
            }
        }
    }
    true
}

/// The `whatsapp_reply` frame.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReplyData {
    conversation_id: Option<String>,
    #[allow(dead_code)]
    pool_number_id: Option<String>,
    to_number: Option<String>,
    text: Option<String>,
}

/// Answers a `whatsapp_reply` with a `reply_status` (assumption A7); other frames get nothing.
fn answer_reply(
    shared: &Shared,
    user: &str,
    own_conversation: Option<&str>,
    text: &str,
) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    if value.get("type").and_then(serde_json::Value::as_str) != Some("whatsapp_reply") {
        return None;
    }
    bump(&shared.counters.replies_received);
    let data: Option<ReplyData> = value
        .get("data")
        .and_then(|d| serde_json::from_value(d.clone()).ok());
    let conversation_id = data
        .as_ref()
        .and_then(|d| d.conversation_id.clone())
        .unwrap_or_default();
    let refuse = |error: &str, code: &str| ReplyStatus {
        conversation_id: conversation_id.clone(),
        success: false,
        message_id: None,
        error: Some(error.to_owned()),
        code: Some(code.to_owned()),
    };
    let status = match data {
        Some(ReplyData {
            conversation_id: Some(conversation),
            to_number: Some(_),
            text: Some(reply),
            ..
        }) => {
            let state = shared.state();
            let owned = state.conversations.get(&conversation).map(String::as_str) == Some(user);
            let last = state
                .users
                .get(user)
                .and_then(|u| u.last_inbound.get(&conversation))
                .copied();
            drop(state);
            if own_conversation.is_some_and(|own| own != conversation) || !owned {
                refuse(
                    "Conversation is outside this connection's scope.",
                    "FORBIDDEN",
                )
            } else if reply.chars().count() > 4096 {
                refuse("Text longer than 4096 characters.", "BAD_REQUEST")
            } else if last.is_none_or(|t| {
                crate::clock::add(t, shared.config.reply_window) < shared.clock.now()
            }) {
                refuse(
                    "Last inbound message is more than 24 hours old.",
                    "SERVICE_WINDOW_EXPIRED",
                )
            } else {
                ReplyStatus {
                    conversation_id: conversation,
                    success: true,
                    message_id: Some(format!("wamid.{}", crate::ids::random_id(24))),
                    error: None,
                    code: None,
                }
            }
        }
        _ => refuse("Malformed whatsapp_reply.", "BAD_REQUEST"),
    };
    let mut data = serde_json::to_value(status).unwrap_or_default();
    if let Some(object) = data.as_object_mut() {
        object.retain(|_, v| !v.is_null());
    }
    Some(serde_json::json!({ "type": "reply_status", "data": data }).to_string())
}
