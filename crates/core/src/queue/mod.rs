//! The hand-off between the source and the workers.
//!
//! [`JobQueue`] is the seam where durability and distribution plug in: the in-memory
//! [`MemoryQueue`] serves tests and simple runs; a durable store or a JetStream stream implement
//! the same trait, and neither sources nor stages change.
//!
//! The contract, in the order a message lives through it:
//!
//! 1. [`JobQueue::push`] accepts a received message. When it returns `Ok`, the message is the
//!    queue's to keep (a durable queue has committed it). A `messageId` seen before is
//!    [`Pushed::Duplicate`] and is not enqueued again. `push` waits while the queue is full: that
//!    is the back-pressure that slows the source when workers fall behind.
//! 2. [`JobQueue::pop`] hands the next ready job to a worker; `None` once the queue is closed and
//!    nothing is left.
//! 3. [`JobQueue::progress`] records state changes (downloading, processing…) and keeps a lease
//!    alive where the backend has one.
//! 4. The worker ends each job with exactly one of [`JobQueue::complete`] (finished: its report
//!    line has been written by the sink) or [`JobQueue::retry`] (a retryable failure: the queue
//!    schedules another attempt or says the job is exhausted).

mod memory;

use std::time::Duration;

use async_trait::async_trait;

pub use memory::MemoryQueue;

use crate::error::{ErrorReport, QueueError};
use crate::job::{Envelope, Job, JobState};

/// What [`JobQueue::push`] did with a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pushed {
    /// A new message, now queued.
    Enqueued,
    /// A message id seen before (a redelivery): not queued again.
    Duplicate,
}

/// What [`JobQueue::retry`] decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Another attempt will be handed out after this delay.
    Scheduled(Duration),
    /// No attempts left: the worker reports the job as failed, then calls
    /// [`JobQueue::complete`] with `dead_lettered = true`.
    Exhausted,
}

/// How a job ended, for [`JobQueue::complete`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completion {
    /// Reported as processed, unavailable or no media.
    Done,
    /// Reported as failed, with no retry wanted.
    Failed,
    /// Reported as failed after retries ran out.
    DeadLettered,
}

/// The queue between source and workers. See the [module docs](self) for the contract.
#[async_trait]
pub trait JobQueue: Send + Sync + 'static {
    /// Accepts a received message; waits while the queue is full.
    async fn push(&self, envelope: Envelope) -> Result<Pushed, QueueError>;

    /// The next ready job; waits for one; `None` once closed and drained.
    async fn pop(&self) -> Result<Option<Job>, QueueError>;

    /// Records that a job moved to `state` (and renews its lease where there is one).
    async fn progress(&self, job: &Job, state: JobState) -> Result<(), QueueError> {
        let _ = (job, state);
        Ok(())
    }

    /// Ends a job whose report line the sink has written.
    async fn complete(&self, job: Job, how: Completion) -> Result<(), QueueError>;

    /// Asks for another attempt after a retryable failure.
    async fn retry(&self, job: Job, error: &ErrorReport) -> Result<Retry, QueueError>;

    /// Accepts several messages at once. Durable queues commit them in one transaction (one
    /// fsync); the default pushes them one by one.
    async fn push_batch(&self, envelopes: Vec<Envelope>) -> Result<Vec<Pushed>, QueueError> {
        let mut out = Vec::with_capacity(envelopes.len());
        for envelope in envelopes {
            out.push(self.push(envelope).await?);
        }
        Ok(out)
    }

    /// No more pushes will come: `pop` returns `None` once every job has ended.
    async fn close(&self);

    /// The run is stopping (Ctrl-C, SIGTERM). A durable queue stops handing out jobs at once
    /// (what is not started stays stored for the next run); the default, for queues that lose
    /// what they hold, is [`JobQueue::close`]: everything received is still processed.
    async fn shutdown(&self) {
        self.close().await;
    }

    /// Whether received jobs survive a crash. When `false`, a shutdown that runs out of time
    /// records unfinished jobs as failed (`INTERRUPTED`) rather than losing them silently.
    fn is_durable(&self) -> bool {
        false
    }

    /// Jobs received and not yet ended (queued, scheduled for retry, or taken by a worker).
    async fn outstanding(&self) -> Result<usize, QueueError>;
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
