//! [`Consumer`]: the workers' side of the queue: jobs pulled from the shared durable JetStream
//! consumer, kept leased while they run, acknowledged when their line is published.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use async_nats::jetstream::consumer::{pull, Consumer as JsConsumer};
use async_nats::jetstream::{self, AckKind};
use async_trait::async_trait;
use futures_util::StreamExt;
use pipes_media_core::queue::{retry_delay, Backoff, Completion, Dequeue, RetryRequest};
use pipes_media_core::{Envelope, ErrorCode, ErrorReport, Job, QueueError};
use tracing::{debug, warn};

use crate::error::{queue_err, NatsError};
use crate::results::{publish_dead_letter, DeadLetter};
use crate::setup::Connection;

/// How long one pull request waits on the server for a job.
const PULL_EXPIRES: Duration = Duration::from_secs(1);

struct Held {
    message: jetstream::Message,
    last_ack: Instant,
}

/// The workers' [`Dequeue`]: `take` pulls one job from the shared durable consumer; a
/// background heartbeat keeps every held job leased (in-progress acknowledgements);
/// `complete` acknowledges (and publishes a dead letter first when retries ran out), `retry`
/// negatively acknowledges with the chosen delay. The attempt count is JetStream's delivery
/// count, and the last attempt is `max_deliver`.
pub struct Consumer {
    conn: Connection,
    consumer: JsConsumer<pull::Config>,
    held: Mutex<HashMap<u64, Held>>,
    next_token: AtomicU64,
    halted: AtomicBool,
    backoff: Backoff,
}

impl Consumer {
    /// A queue over the workers' consumer of `conn`'s layout; retries wait `backoff` (or the
    /// server's `Retry-After` when longer).
    pub async fn new(conn: Connection, backoff: Backoff) -> Result<Arc<Self>, NatsError> {
        let c = &conn.config;
        let consumer = conn
            .js
            .get_stream(&c.events_stream)
            .await
            .map_err(|e| NatsError::nats("events stream", e))?
            .get_consumer::<pull::Config>(&c.workers_consumer)
            .await
            .map_err(|e| NatsError::nats("workers consumer", e))?;
        let queue = Arc::new(Self {
            conn,
            consumer,
            held: Mutex::new(HashMap::new()),
            next_token: AtomicU64::new(1),
            halted: AtomicBool::new(false),
            backoff,
        });
        tokio::spawn(heartbeat(Arc::downgrade(&queue)));
        Ok(queue)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Held>> {
        self.held.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn heartbeat_every(&self) -> Duration {
        (self.conn.config.ack_wait / 3).max(Duration::from_millis(100))
    }

    /// Hands every job still held back to JetStream at once (a negative acknowledgement without
    /// delay), so other workers take them without waiting for the ack wait.
    pub async fn release_all(&self) {
        let held: Vec<jetstream::Message> = self.lock().drain().map(|(_, h)| h.message).collect();
        for message in held {
            if let Err(e) = message.ack_with(AckKind::Nak(None)).await {
                debug!(error = %e, "could not release a job (it is redelivered after the ack wait)");
            }
        }
    }

    /// Whether a pulled message becomes a job; a malformed one is terminated.
    async fn accept(&self, message: jetstream::Message) -> Option<Job> {
        if self.halted.load(Ordering::Relaxed) {
            let _ = message.ack_with(AckKind::Nak(None)).await;
            return None;
        }
        let envelope = match serde_json::from_slice::<Envelope>(&message.payload) {
            Ok(envelope) => envelope,
            Err(e) => {
                warn!(error = %pipes_media_core::log::escape(&e.to_string()), len = message.payload.len(), "malformed event in the work queue: terminated");
                let _ = message.ack_with(AckKind::Term).await;
                return None;
            }
        };
        let attempt = message
            .info()
            .map(|i| u32::try_from(i.delivered).unwrap_or(u32::MAX))
            .unwrap_or(1)
            .max(1);
        let token = self.next_token.fetch_add(1, Ordering::Relaxed);
        self.lock().insert(
            token,
            Held {
                message,
                last_ack: Instant::now(),
            },
        );
        Some(Job {
            envelope,
            attempt,
            max_attempts: self.conn.config.max_deliver.max(1),
            token,
            replaces_report_line: false,
        })
    }
}

/// Sends in-progress acknowledgements for jobs held longer than a third of the ack wait.
async fn heartbeat(queue: Weak<Consumer>) {
    let every = match queue.upgrade() {
        Some(q) => q.heartbeat_every(),
        None => return,
    };
    loop {
        tokio::time::sleep(every / 2).await;
        let Some(queue) = queue.upgrade() else { return };
        let due: Vec<jetstream::Message> = {
            let mut held = queue.lock();
            held.values_mut()
                .filter(|h| h.last_ack.elapsed() >= every)
                .map(|h| {
                    h.last_ack = Instant::now();
                    h.message.clone()
                })
                .collect()
        };
        for message in due {
            if let Err(e) = message.ack_with(AckKind::Progress).await {
                debug!(error = %e, "in-progress acknowledgement failed");
            }
        }
    }
}

#[async_trait]
impl Dequeue for Consumer {
    async fn take(&self) -> Result<Option<Job>, QueueError> {
        loop {
            if self.halted.load(Ordering::Relaxed) {
                return Ok(None);
            }
            let batch = self
                .consumer
                .fetch()
                .max_messages(1)
                .expires(PULL_EXPIRES)
                .messages()
                .await;
            let mut batch = match batch {
                Ok(batch) => batch,
                Err(e) => {
                    warn!(error = %e, "pulling a job failed; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            };
            while let Some(message) = batch.next().await {
                match message {
                    Ok(message) => {
                        if let Some(job) = self.accept(message).await {
                            return Ok(Some(job));
                        }
                    }
                    Err(e) => {
                        debug!(error = %e, "pull request ended");
                        break;
                    }
                }
            }
        }
    }

    async fn complete(&self, job: Job, how: Completion) -> Result<(), QueueError> {
        let Some(held) = self.lock().remove(&job.token) else {
            return Ok(());
        };
        if how == Completion::DeadLettered {
            let letter = DeadLetter {
                message_id: job.id().to_owned(),
                error: ErrorReport::new(ErrorCode::RetriesExhausted, "no attempts left"),
                attempts: job.attempt,
                envelope: job.envelope.clone(),
            };
            publish_dead_letter(&self.conn, &letter).await?;
        }
        // A lost acknowledgement means one redelivery; the ingest ignores the second result.
        let mut attempt = 0;
        while let Err(e) = held.message.double_ack().await {
            attempt += 1;
            if attempt >= 3 {
                warn!(message_id = %pipes_media_core::log::escape(job.id()), error = %e, "acknowledgement not confirmed (the job may run again; its report line will not be duplicated)");
                break;
            }
            tokio::time::sleep(Duration::from_millis(200 * attempt)).await;
        }
        Ok(())
    }

    async fn retry(&self, job: Job, retry: RetryRequest) -> Result<Duration, QueueError> {
        let delay = retry_delay(&self.backoff, job.attempt, retry.not_before);
        let Some(held) = self.lock().remove(&job.token) else {
            return Ok(delay);
        };
        held.message
            .ack_with(AckKind::Nak(Some(delay)))
            .await
            .map_err(|e| queue_err("nak", e))?;
        Ok(delay)
    }

    fn halt(&self) {
        self.halted.store(true, Ordering::Relaxed);
    }

    /// A shared consumer's backlog belongs to every worker: this worker cannot count it.
    fn waiting(&self) -> usize {
        0
    }

    fn is_durable(&self) -> bool {
        true
    }
}
