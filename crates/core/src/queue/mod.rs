//! The queue: the seam between the two halves of the runtime.
//!
//! ```text
//!  intake ── Enqueue::enqueue ──▶ queue ── Dequeue::take ──▶ workers ── complete / retry ──▶ queue
//! ```
//!
//! Each half sees one small trait. The **intake** ([`Enqueue`]) hands over batches of received
//! messages; once `enqueue` returns, each message is the queue's to keep (a durable queue has
//! committed it, JetStream has acknowledged it). The **workers** ([`Dequeue`]) take jobs, and end
//! each job with exactly one of [`Dequeue::complete`] (its report line is written) or
//! [`Dequeue::retry`] (a retryable failure on an attempt that was not the last: the queue
//! schedules the next one, after the server's `Retry-After` when it gave one).
//!
//! The single-process pipeline wires both halves to one queue ([`JobQueue`] is any type that is
//! both: [`MemoryQueue`] here, the redb store in `pipes-media-store`); a cluster puts NATS
//! JetStream between an ingest process (a publisher: `Enqueue` only) and worker processes (a
//! consumer: `Dequeue` only). No implementation stubs a method it cannot honour.
//!
//! Retries live at this one level, the scheduler: a download is one attempt per job attempt,
//! so a message whose API answer is always 503 costs `max_attempts` requests in all; the wait
//! between attempts frees the worker, survives a restart with a durable queue, and honours
//! `Retry-After`.

mod memory;

use std::time::Duration;

use async_trait::async_trait;

pub use memory::MemoryQueue;

use crate::error::{ErrorReport, QueueError};
use crate::job::{Envelope, Job};

/// What the queue did with one received message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Pushed {
    /// A new message, now queued.
    Enqueued,
    /// A message id seen before (a redelivery): not queued again.
    Duplicate,
    /// The message cannot be queued (it cannot be stored or scheduled): the intake records it
    /// as failed with this reason.
    Refused(ErrorReport),
}

/// How a job ended, for [`Dequeue::complete`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completion {
    /// Reported as processed, unavailable or no media.
    Done,
    /// Reported as failed, with no retry wanted.
    Failed,
    /// Reported as failed after retries ran out.
    DeadLettered,
}

/// A retry asked of the scheduler by [`Dequeue::retry`].
#[derive(Debug, Clone)]
pub struct RetryRequest {
    /// Why the attempt failed (kept as the job's last error).
    pub error: ErrorReport,
    /// The server asked to wait at least this long (`Retry-After`).
    pub not_before: Option<Duration>,
}

/// The intake's side of the queue.
#[async_trait]
pub trait Enqueue: Send + Sync + 'static {
    /// Takes a batch of received messages, one [`Pushed`] per message in order. When it
    /// returns `Ok`, every `Enqueued` message is the queue's to keep. It may wait while the
    /// queue is full: that back-pressure slows the source when workers fall behind. An `Err`
    /// is fatal for the intake (the source is not read further).
    async fn enqueue(&self, batch: Vec<Envelope>) -> Result<Vec<Pushed>, QueueError>;

    /// No more messages will come: once everything queued has ended, [`Dequeue::take`] returns
    /// `None`. Queues whose workers are elsewhere (a JetStream publisher) ignore it.
    async fn close(&self) {}
}

/// The workers' side of the queue.
#[async_trait]
pub trait Dequeue: Send + Sync + 'static {
    /// The next ready job (earliest media deadline first); waits for one. `None` once the queue
    /// is closed and every job has ended, or after [`Dequeue::halt`]. A queue with a lease
    /// (JetStream) keeps a taken job alive until it is completed or retried.
    async fn take(&self) -> Result<Option<Job>, QueueError>;

    /// Ends a job whose report line has been written.
    async fn complete(&self, job: Job, how: Completion) -> Result<(), QueueError>;

    /// Schedules another attempt of a job whose attempt failed retryably and was not its last
    /// ([`Job::is_last_attempt`]); returns the delay chosen: the backoff, or the server's
    /// `Retry-After` when longer.
    async fn retry(&self, job: Job, retry: RetryRequest) -> Result<Duration, QueueError>;

    /// Stop handing out jobs now (a shutdown): `take` returns `None`; jobs already taken may
    /// still be completed or retried. A durable queue keeps what is not started for the next run.
    fn halt(&self);

    /// Jobs received and not yet taken: ready, or waiting for a retry (0 when the backend
    /// cannot tell, as a shared JetStream consumer).
    fn waiting(&self) -> usize;

    /// Whether received jobs survive a crash. When `false`, a shutdown that runs out of time
    /// records unfinished jobs as failed (`INTERRUPTED`) rather than losing them silently.
    fn is_durable(&self) -> bool {
        false
    }

    /// The media deadline of the job waiting longest for its turn by deadline (the earliest
    /// one among those not taken), for an operator's "seconds left before expiry" gauge;
    /// `None` when nothing waits or the backend cannot tell.
    fn earliest_deadline(&self) -> Option<time::OffsetDateTime> {
        None
    }

    /// After [`Dequeue::halt`], every job a non-durable queue would lose when the process ends
    /// (waiting or scheduled), for the workers to record as interrupted. A durable queue keeps
    /// them for the next run and gives back none.
    fn abandon(&self) -> Vec<Job> {
        Vec::new()
    }
}

/// A queue with both halves, for a single process: what [`Pipeline`](crate::Pipeline) takes.
pub trait JobQueue: Enqueue + Dequeue {}

impl<Q: Enqueue + Dequeue> JobQueue for Q {}

#[async_trait]
impl<Q: Enqueue + ?Sized> Enqueue for std::sync::Arc<Q> {
    async fn enqueue(&self, batch: Vec<Envelope>) -> Result<Vec<Pushed>, QueueError> {
        (**self).enqueue(batch).await
    }
    async fn close(&self) {
        (**self).close().await
    }
}

#[async_trait]
impl<Q: Dequeue + ?Sized> Dequeue for std::sync::Arc<Q> {
    async fn take(&self) -> Result<Option<Job>, QueueError> {
        (**self).take().await
    }
    async fn complete(&self, job: Job, how: Completion) -> Result<(), QueueError> {
        (**self).complete(job, how).await
    }
    async fn retry(&self, job: Job, retry: RetryRequest) -> Result<Duration, QueueError> {
        (**self).retry(job, retry).await
    }
    fn halt(&self) {
        (**self).halt()
    }
    fn waiting(&self) -> usize {
        (**self).waiting()
    }
    fn is_durable(&self) -> bool {
        (**self).is_durable()
    }
    fn abandon(&self) -> Vec<Job> {
        (**self).abandon()
    }
    fn earliest_deadline(&self) -> Option<time::OffsetDateTime> {
        (**self).earliest_deadline()
    }
}

/// The delay before attempt `attempt + 1`: the jittered backoff for `attempt`, or the server's
/// wish when longer (capped at an hour, so a hostile `Retry-After` cannot park a job forever).
pub fn retry_delay(backoff: &Backoff, attempt: u32, not_before: Option<Duration>) -> Duration {
    let delay = backoff.delay(attempt.saturating_sub(1));
    match not_before {
        Some(wish) => delay.max(wish.min(Duration::from_secs(3600))),
        None => delay,
    }
}

/// Exponential backoff with full jitter, shared by the queues and the clients.
///
/// ```
/// use pipes_media_core::queue::Backoff;
/// use std::time::Duration;
/// let b = Backoff::new(Duration::from_secs(1), Duration::from_secs(30));
/// assert!(b.delay(0) <= Duration::from_secs(1));
/// assert!(b.delay(20) <= Duration::from_secs(30));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    /// Delay ceiling of the first retry.
    pub base: Duration,
    /// The cap.
    pub max: Duration,
}

impl Backoff {
    /// A backoff doubling from `base` to `max`.
    pub const fn new(base: Duration, max: Duration) -> Self {
        Self { base, max }
    }

    /// The ceiling for retry number `n` (0-based): `base * 2^n`, capped.
    pub fn ceiling(&self, n: u32) -> Duration {
        let factor = 1u32.checked_shl(n.min(20)).unwrap_or(u32::MAX);
        self.base.saturating_mul(factor).min(self.max)
    }

    /// A jittered delay for retry number `n`: uniformly between half the ceiling and the ceiling.
    pub fn delay(&self, n: u32) -> Duration {
        let ceiling = self.ceiling(n);
        let half = ceiling / 2;
        half + ceiling.saturating_sub(half).mul_f64(jitter())
    }
}

/// A number in [0, 1) from the clock and a counter: enough to spread retries, no RNG dependency.
fn jitter() -> f64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0x9E37_79B9_7F4A_7C15);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as u64)
        .unwrap_or(0);
    let mut x = COUNTER.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed) ^ nanos;
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    (x >> 11) as f64 / (1u64 << 53) as f64
}
