//! [`Publisher`]: the ingest's side of the queue: received events published to the work-queue
//! stream, each safe once JetStream acknowledged it.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_nats::jetstream::context::PublishAckFuture;
use async_nats::HeaderMap;
use async_trait::async_trait;
use pipes_media_core::queue::{Backoff, Enqueue, Pushed};
use pipes_media_core::{Envelope, QueueError};
use tracing::warn;

use crate::error::queue_err;
use crate::setup::Connection;

/// Publish attempts of one event before the intake gives up (and stops: nothing is lost, the
/// source is not read further).
const PUBLISH_ATTEMPTS: u32 = 6;

/// Ids published by this run whose report line has not come back yet.
#[derive(Debug, Default)]
pub(crate) struct Awaiting {
    ids: Mutex<HashSet<String>>,
}

impl Awaiting {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.ids.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Adds an id; `false` when it was there.
    pub(crate) fn insert(&self, id: &str) -> bool {
        self.lock().insert(id.to_owned())
    }

    /// Removes ids whose line was written.
    pub(crate) fn remove(&self, id: &str) {
        self.lock().remove(id);
    }

    /// How many lines are still owed.
    pub(crate) fn len(&self) -> usize {
        self.lock().len()
    }
}

/// The ingest's [`Enqueue`]: `enqueue` publishes the batch (`Nats-Msg-Id` = `messageId`, so
/// JetStream drops redeliveries within its duplicate window) and returns once JetStream has
/// acknowledged every event. It has no worker side: the workers are other processes.
pub struct Publisher {
    conn: Connection,
    awaiting: Arc<Awaiting>,
}

impl Publisher {
    pub(crate) fn new(conn: Connection, awaiting: Arc<Awaiting>) -> Self {
        Self { conn, awaiting }
    }

    async fn start(&self, envelope: &Envelope) -> Result<PublishAckFuture, QueueError> {
        let payload = serde_json::to_vec(envelope)?;
        let mut headers = HeaderMap::new();
        headers.insert("Nats-Msg-Id", envelope.id());
        self.conn
            .js
            .publish_with_headers(
                self.conn.config.events_subject.clone(),
                headers,
                payload.into(),
            )
            .await
            .map_err(|e| queue_err("publish", e))
    }

    /// Publishes one event until JetStream acknowledges it; `true` when it was a duplicate.
    async fn publish_one(&self, envelope: &Envelope) -> Result<bool, QueueError> {
        let backoff = Backoff::new(Duration::from_millis(200), Duration::from_secs(5));
        let mut attempt = 0;
        loop {
            let result = match self.start(envelope).await {
                Ok(ack) => ack.await.map_err(|e| queue_err("publish ack", e)),
                Err(e) => Err(e),
            };
            match result {
                Ok(ack) => return Ok(ack.duplicate),
                Err(e) if attempt + 1 < PUBLISH_ATTEMPTS => {
                    let delay = backoff.delay(attempt);
                    warn!(message_id = %pipes_media_core::log::escape(envelope.id()), error = %e, delay_ms = delay.as_millis() as u64, "publish not acknowledged, retrying");
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// What an acknowledged publish was: new, or a duplicate (of JetStream's window, or of an
    /// id already owed). Every acknowledged event is owed a report line (the intake dropped
    /// those the report has), a JetStream duplicate too: its first publish may be from a run
    /// that stopped before the line came back.
    fn record(new: bool, duplicate: bool) -> Pushed {
        if duplicate || !new {
            Pushed::Duplicate
        } else {
            Pushed::Enqueued
        }
    }
}

#[async_trait]
impl Enqueue for Publisher {
    /// Publishes the whole batch at once and awaits the acknowledgements together; those that
    /// failed are published again one by one.
    async fn enqueue(&self, envelopes: Vec<Envelope>) -> Result<Vec<Pushed>, QueueError> {
        let mut results = vec![Pushed::Duplicate; envelopes.len()];
        let mut waiting = Vec::with_capacity(envelopes.len());
        let mut again = Vec::new();
        // Owed before it is published: a fast worker's line can come back before the
        // acknowledgement does, and the report writer must find the id to clear it.
        let fresh: Vec<bool> = envelopes
            .iter()
            .map(|e| self.awaiting.insert(e.id()))
            .collect();
        for (n, envelope) in envelopes.iter().enumerate() {
            match self.start(envelope).await {
                Ok(ack) => waiting.push((n, ack)),
                Err(_) => again.push(n),
            }
        }
        let outcomes = futures_util::future::join_all(
            waiting
                .into_iter()
                .map(|(n, ack)| async move { (n, ack.await) }),
        )
        .await;
        for (n, outcome) in outcomes {
            match (outcome, fresh.get(n), results.get_mut(n)) {
                (Ok(ack), Some(new), Some(slot)) => *slot = Self::record(*new, ack.duplicate),
                (Err(_), _, _) => again.push(n),
                _ => {}
            }
        }
        for n in again {
            let (Some(envelope), Some(new)) = (envelopes.get(n), fresh.get(n)) else {
                continue;
            };
            let duplicate = match self.publish_one(envelope).await {
                Ok(duplicate) => duplicate,
                Err(e) => {
                    if *new {
                        self.awaiting.remove(envelope.id());
                    }
                    return Err(e);
                }
            };
            if let Some(slot) = results.get_mut(n) {
                *slot = Self::record(*new, duplicate);
            }
        }
        Ok(results)
    }
}
