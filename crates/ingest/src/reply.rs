//! Replies on the WebSocket (protocol §2.5): [`ReplyHandle`], the core's
//! [`Replier`](pipes_media_core::Replier) for a [`WebSocketSource`](crate::WebSocketSource), and
//! the source's side of it, which writes queued `whatsapp_reply` frames on the connection and
//! hands each `reply_status` back to the request it answers.
//!
//! `reply_status` carries no request id, so answers are matched by conversation and order
//! (assumption A7): the n-th status for a conversation answers the n-th reply sent to it on
//! this connection. When the connection drops, replies already written get no answer
//! (`ReplyError::NoAnswer`: they may or may not have gone out); replies not yet written wait for
//! the next connection, within their time limit.
//!
//! The frames are written while the source is being polled (the pipeline's intake polls it
//! whenever it is not waiting for room in the queue), in the same poll as the read, so a reply
//! never waits for an incoming frame and a slow write never stops the reading.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use futures_util::{Sink, Stream};
use pipes_media_core::event::ReplyStatus;
use pipes_media_core::reply::MAX_REPLY_CHARS;
use pipes_media_core::{ErrorCode, Message, Replier, ReplyError, ReplyOutcome};
use tokio::sync::{mpsc, oneshot};
use tokio_tungstenite::tungstenite::{self, Message as Frame};

/// How many replies may wait to be written at once; `reply` waits beyond that.
const QUEUE: usize = 1024;

/// The default time a reply may take from the call to its `reply_status`.
pub const DEFAULT_REPLY_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Queued,
    Written,
    Abandoned,
}

struct Outgoing {
    conversation_id: String,
    frame: String,
    state: Arc<Mutex<State>>,
    answer: oneshot::Sender<ReplyStatus>,
}

/// Sends text replies on a [`WebSocketSource`](crate::WebSocketSource)'s connection; get one
/// with [`WebSocketSource::replier`](crate::WebSocketSource::replier). Cheap to clone; every
/// clone uses the same connection.
///
/// Replies are written only while the source runs (is polled): give the handle to a stage of
/// the same pipeline the source feeds.
#[derive(Clone)]
pub struct ReplyHandle {
    tx: mpsc::Sender<Outgoing>,
    timeout: Duration,
}

impl std::fmt::Debug for ReplyHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReplyHandle")
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl ReplyHandle {
    /// Sets how long a reply may take from the call to its answer (default 30 s): past it the
    /// call fails with `NotConnected` when the frame was never written, `NoAnswer` when it was.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The `whatsapp_reply` frame answering `to` with `text`.
    fn frame(to: &Message, text: &str) -> String {
        serde_json::json!({
            "type": "whatsapp_reply",
            "data": {
                "conversationId": to.conversation_id,
                "poolNumberId": to.pool_number_id,
                "toNumber": to.from_number,
                "text": text,
            }
        })
        .to_string()
    }
}

#[async_trait]
impl Replier for ReplyHandle {
    async fn reply(&self, to: &Message, text: &str) -> Result<ReplyOutcome, ReplyError> {
        if text.trim().is_empty() || text.chars().count() > MAX_REPLY_CHARS {
            return Err(ReplyError::BadText);
        }
        let started = Instant::now();
        let state = Arc::new(Mutex::new(State::Queued));
        let (answer, answered) = oneshot::channel();
        let outgoing = Outgoing {
            conversation_id: to.conversation_id.clone(),
            frame: Self::frame(to, text),
            state: state.clone(),
            answer,
        };
        let wait = async {
            self.tx
                .send(outgoing)
                .await
                .map_err(|_| ReplyError::NotConnected("the WebSocket source is gone".into()))?;
            answered
                .await
                .map_err(|_| ReplyError::NoAnswer(started.elapsed()))
        };
        let result = tokio::time::timeout(self.timeout, wait).await;
        let status = match result {
            Ok(Ok(status)) => status,
            Ok(Err(e)) => return Err(e),
            Err(_) => {
                let mut state = state.lock().unwrap_or_else(|p| p.into_inner());
                return Err(if *state == State::Queued {
                    *state = State::Abandoned;
                    ReplyError::NotConnected(format!(
                        "no connection to write the reply on within {:?}",
                        self.timeout
                    ))
                } else {
                    ReplyError::NoAnswer(self.timeout)
                });
            }
        };
        Ok(if status.success {
            ReplyOutcome::Sent {
                message_id: status.message_id,
            }
        } else {
            ReplyOutcome::Refused {
                code: ErrorCode::from(status.code.as_deref().unwrap_or("REFUSED")),
                message: status.error.unwrap_or_default(),
            }
        })
    }
}

/// The source's side: replies waiting to be written and replies waiting for their status.
pub(crate) struct ReplyQueue {
    rx: mpsc::Receiver<Outgoing>,
    tx: mpsc::Sender<Outgoing>,
    outbox: VecDeque<Outgoing>,
    awaiting: HashMap<String, VecDeque<oneshot::Sender<ReplyStatus>>>,
    unflushed: bool,
}

impl ReplyQueue {
    pub(crate) fn new() -> Self {
        let (tx, rx) = mpsc::channel(QUEUE);
        Self {
            rx,
            tx,
            outbox: VecDeque::new(),
            awaiting: HashMap::new(),
            unflushed: false,
        }
    }

    pub(crate) fn handle(&self) -> ReplyHandle {
        ReplyHandle {
            tx: self.tx.clone(),
            timeout: DEFAULT_REPLY_TIMEOUT,
        }
    }

    /// Writes what replies the socket takes now, flushes them, then polls for the next frame.
    /// A write error is returned as the next frame's error (the connection is then lost).
    pub(crate) fn poll_next_frame<S>(
        &mut self,
        socket: &mut S,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame, tungstenite::Error>>>
    where
        S: Sink<Frame, Error = tungstenite::Error>
            + Stream<Item = Result<Frame, tungstenite::Error>>
            + Unpin,
    {
        while let Poll::Ready(Some(outgoing)) = self.rx.poll_recv(cx) {
            self.outbox.push_back(outgoing);
        }
        while !self.outbox.is_empty() {
            match std::pin::Pin::new(&mut *socket).poll_ready(cx) {
                Poll::Ready(Ok(())) => {}
                Poll::Ready(Err(e)) => return Poll::Ready(Some(Err(e))),
                Poll::Pending => break,
            }
            let Some(outgoing) = self.outbox.pop_front() else {
                break;
            };
            {
                let mut state = outgoing.state.lock().unwrap_or_else(|p| p.into_inner());
                if *state == State::Abandoned || outgoing.answer.is_closed() {
                    continue;
                }
                *state = State::Written;
            }
            if let Err(e) = std::pin::Pin::new(&mut *socket).start_send(Frame::text(outgoing.frame))
            {
                return Poll::Ready(Some(Err(e)));
            }
            tracing::debug!(conversation = %outgoing.conversation_id, "whatsapp_reply written");
            self.awaiting
                .entry(outgoing.conversation_id)
                .or_default()
                .push_back(outgoing.answer);
            self.unflushed = true;
        }
        if self.unflushed {
            match std::pin::Pin::new(&mut *socket).poll_flush(cx) {
                Poll::Ready(Ok(())) => self.unflushed = false,
                Poll::Ready(Err(e)) => return Poll::Ready(Some(Err(e))),
                Poll::Pending => {}
            }
        }
        std::pin::Pin::new(&mut *socket).poll_next(cx)
    }

    /// Hands a `reply_status` to the oldest reply of its conversation still waiting.
    pub(crate) fn answer(&mut self, status: ReplyStatus) {
        let waiting = self.awaiting.get_mut(&status.conversation_id);
        match waiting.and_then(VecDeque::pop_front) {
            Some(answer) => {
                // The caller may have given up already; the status is then used up all the same.
                let _ = answer.send(status);
            }
            None => tracing::debug!(
                conversation = %status.conversation_id,
                "reply_status for no reply of this connection ignored"
            ),
        }
        self.awaiting.retain(|_, q| !q.is_empty());
    }

    /// The connection is gone: replies written on it will get no status.
    pub(crate) fn connection_lost(&mut self) {
        let lost: usize = self.awaiting.values().map(VecDeque::len).sum();
        if lost > 0 {
            tracing::warn!(
                replies = lost,
                "connection lost before the reply_status of replies already written"
            );
        }
        self.awaiting.clear();
        self.unflushed = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(conversation: &str, success: bool) -> ReplyStatus {
        ReplyStatus {
            conversation_id: conversation.into(),
            success,
            message_id: success.then(|| "wamid.1".to_owned()),
            error: None,
            code: (!success).then(|| "SERVICE_WINDOW_EXPIRED".to_owned()),
        }
    }

    #[test]
    fn statuses_go_to_the_oldest_reply_of_their_conversation() {
        let mut queue = ReplyQueue::new();
        let (a1, mut r1) = oneshot::channel();
        let (a2, mut r2) = oneshot::channel();
        let (b1, mut r3) = oneshot::channel();
        queue.awaiting.entry("a".into()).or_default().push_back(a1);
        queue.awaiting.entry("a".into()).or_default().push_back(a2);
        queue.awaiting.entry("b".into()).or_default().push_back(b1);
        queue.answer(status("b", false));
        queue.answer(status("a", true));
        assert!(r3.try_recv().is_ok_and(|s| !s.success));
        assert!(r1.try_recv().is_ok_and(|s| s.success));
        assert!(r2.try_recv().is_err(), "the second reply is still waiting");
        queue.answer(status("zzz", true));
        queue.connection_lost();
        assert!(matches!(
            r2.try_recv(),
            Err(oneshot::error::TryRecvError::Closed)
        ));
    }
}
