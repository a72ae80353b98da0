//! The in-memory queue: bounded, deduplicating, earliest-deadline first.

use std::cmp::Reverse;
use std::collections::hash_map::RandomState;
use std::collections::{BinaryHeap, HashSet, VecDeque};
use std::hash::BuildHasher;
use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use time::OffsetDateTime;
use tokio::sync::Notify;
use tokio::time::Instant;

use super::{retry_delay, Backoff, Completion, Dequeue, Enqueue, Pushed, RetryRequest};
use crate::error::QueueError;
use crate::job::{Envelope, Job};

/// A bounded in-memory queue: both halves, [`Enqueue`] and [`Dequeue`], in one process.
///
/// - At most `capacity` jobs wait at once; [`Enqueue::enqueue`] waits beyond that (back-pressure).
/// - Message ids are remembered (the most recent `dedup_window` of them, 100 000 by default)
///   so a redelivered message is not processed twice. Each is kept as a 128-bit keyed
///   fingerprint (two SipHash keys drawn at random), in tables sized for the whole window at the
///   first push: about 4 MiB for the default window, allocated once, so memory does not grow as
///   messages pass. Two ids share a fingerprint with odds of about n²/2¹²⁹.
/// - Ready jobs are served earliest media deadline first, so media close to its 48-hour expiry
///   goes before fresh media under backlog.
/// - Retryable failures are retried up to `max_attempts` attempts in all (default 5), with
///   jittered backoff (1 s doubling to 60 s) or the server's `Retry-After`.
///
/// Nothing survives a crash; use a durable queue for that.
pub struct MemoryQueue {
    inner: Mutex<Inner>,
    changed: Notify,
    capacity: usize,
    dedup_window: usize,
    max_attempts: u32,
    backoff: Backoff,
}

struct Inner {
    ready: BinaryHeap<Reverse<Ready>>,
    scheduled: Vec<(Instant, Job)>,
    seen: HashSet<u128>,
    seen_order: VecDeque<u128>,
    fingerprint: (RandomState, RandomState),
    taken: usize,
    closed: bool,
    halted: bool,
    seq: u64,
}

struct Ready {
    deadline: OffsetDateTime,
    seq: u64,
    job: Job,
}

impl PartialEq for Ready {
    fn eq(&self, other: &Self) -> bool {
        (self.deadline, self.seq) == (other.deadline, other.seq)
    }
}
impl Eq for Ready {}
impl PartialOrd for Ready {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ready {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.deadline, self.seq).cmp(&(other.deadline, other.seq))
    }
}

impl MemoryQueue {
    /// A queue holding at most `capacity` waiting jobs.
    pub fn new(capacity: usize) -> Self {
        Self {
            inner: Mutex::new(Inner {
                ready: BinaryHeap::new(),
                scheduled: Vec::new(),
                seen: HashSet::new(),
                seen_order: VecDeque::new(),
                fingerprint: (RandomState::new(), RandomState::new()),
                taken: 0,
                closed: false,
                halted: false,
                seq: 0,
            }),
            changed: Notify::new(),
            capacity: capacity.max(1),
            dedup_window: 100_000,
            max_attempts: 5,
            backoff: Backoff::new(Duration::from_secs(1), Duration::from_secs(60)),
        }
    }

    /// Sets how many attempts a job gets in all (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Sets the retry backoff.
    pub fn backoff(mut self, backoff: Backoff) -> Self {
        self.backoff = backoff;
        self
    }

    /// Sets how many recent message ids are remembered for deduplication.
    pub fn dedup_window(mut self, ids: usize) -> Self {
        self.dedup_window = ids.max(1);
        self
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A poisoned lock only means another worker panicked mid-update; the data is still sound.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Inner {
    /// A 128-bit keyed fingerprint of a message id.
    fn fingerprint(&self, id: &str) -> u128 {
        let (a, b) = &self.fingerprint;
        (u128::from(a.hash_one(id)) << 64) | u128::from(b.hash_one(id))
    }

    fn enqueue(&mut self, job: Job) {
        self.seq += 1;
        self.ready.push(Reverse(Ready {
            deadline: job.envelope.deadline(),
            seq: self.seq,
            job,
        }));
    }

    fn promote_due(&mut self, now: Instant) {
        let mut i = 0;
        while i < self.scheduled.len() {
            if self.scheduled[i].0 <= now {
                let (_, job) = self.scheduled.swap_remove(i);
                self.enqueue(job);
            } else {
                i += 1;
            }
        }
    }
}

#[async_trait]
impl Enqueue for MemoryQueue {
    async fn enqueue(&self, batch: Vec<Envelope>) -> Result<Vec<Pushed>, QueueError> {
        let mut out = Vec::with_capacity(batch.len());
        for envelope in batch {
            out.push(self.push_one(envelope).await);
        }
        Ok(out)
    }

    async fn close(&self) {
        self.lock().closed = true;
        self.changed.notify_waiters();
    }
}

impl MemoryQueue {
    async fn push_one(&self, envelope: Envelope) -> Pushed {
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            {
                let mut inner = self.lock();
                let id = inner.fingerprint(envelope.id());
                if inner.seen.contains(&id) {
                    return Pushed::Duplicate;
                }
                if inner.ready.len() < self.capacity || inner.closed || inner.halted {
                    if inner.seen_order.capacity() == 0 {
                        // The window's whole size at once: no growth, no rehashing later.
                        inner.seen.reserve(self.dedup_window + 1);
                        inner.seen_order.reserve(self.dedup_window + 1);
                    }
                    inner.seen.insert(id);
                    inner.seen_order.push_back(id);
                    while inner.seen_order.len() > self.dedup_window {
                        if let Some(old) = inner.seen_order.pop_front() {
                            inner.seen.remove(&old);
                        }
                    }
                    let job = Job::first(envelope, self.max_attempts);
                    inner.enqueue(job);
                    drop(inner);
                    self.changed.notify_waiters();
                    return Pushed::Enqueued;
                }
            }
            notified.await;
        }
    }

    /// Every job not ended: waiting, scheduled for a retry or handed out and not completed.
    /// After a shutdown ran out of time, the pipeline records these as `INTERRUPTED`.
    pub fn unfinished(&self) -> usize {
        let inner = self.lock();
        inner.ready.len() + inner.scheduled.len() + inner.taken
    }

    /// Takes every job still waiting or scheduled (after a halt), so that the pipeline can
    /// record them as interrupted instead of losing them.
    pub fn drain_waiting(&self) -> Vec<Job> {
        let mut inner = self.lock();
        let mut jobs: Vec<Job> = inner.ready.drain().map(|Reverse(r)| r.job).collect();
        jobs.extend(inner.scheduled.drain(..).map(|(_, job)| job));
        jobs
    }
}

#[async_trait]
impl Dequeue for MemoryQueue {
    async fn take(&self) -> Result<Option<Job>, QueueError> {
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let wake_at = {
                let mut inner = self.lock();
                if inner.halted {
                    return Ok(None);
                }
                inner.promote_due(Instant::now());
                if let Some(Reverse(ready)) = inner.ready.pop() {
                    inner.taken += 1;
                    drop(inner);
                    self.changed.notify_waiters();
                    return Ok(Some(ready.job));
                }
                if inner.closed && inner.scheduled.is_empty() && inner.taken == 0 {
                    return Ok(None);
                }
                inner.scheduled.iter().map(|(at, _)| *at).min()
            };
            match wake_at {
                Some(at) => {
                    tokio::select! {
                        _ = notified => {}
                        _ = tokio::time::sleep_until(at) => {}
                    }
                }
                None => notified.await,
            }
        }
    }

    async fn complete(&self, _job: Job, _how: Completion) -> Result<(), QueueError> {
        let mut inner = self.lock();
        inner.taken = inner.taken.saturating_sub(1);
        drop(inner);
        self.changed.notify_waiters();
        Ok(())
    }

    async fn retry(&self, mut job: Job, retry: RetryRequest) -> Result<Duration, QueueError> {
        let delay = retry_delay(&self.backoff, job.attempt, retry.not_before);
        job.attempt += 1;
        let mut inner = self.lock();
        inner.taken = inner.taken.saturating_sub(1);
        inner.scheduled.push((Instant::now() + delay, job));
        drop(inner);
        self.changed.notify_waiters();
        Ok(delay)
    }

    fn halt(&self) {
        self.lock().halted = true;
        self.changed.notify_waiters();
    }

    fn waiting(&self) -> usize {
        let inner = self.lock();
        inner.ready.len() + inner.scheduled.len()
    }

    fn abandon(&self) -> Vec<Job> {
        self.drain_waiting()
    }

    fn earliest_deadline(&self) -> Option<OffsetDateTime> {
        let inner = self.lock();
        let ready = inner.ready.peek().map(|Reverse(r)| r.deadline);
        let scheduled = inner
            .scheduled
            .iter()
            .map(|(_, j)| j.envelope.deadline())
            .min();
        ready.into_iter().chain(scheduled).min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorReport;
    use crate::event::{Message, MessageType};
    use std::sync::Arc;

    pub(crate) fn message(id: &str, timestamp: &str) -> Message {
        Message {
            message_id: id.into(),
            conversation_id: "c".into(),
            pool_number_id: "p".into(),
            pool_number_phone_number: "+1".into(),
            from_number: "+2".into(),
            from_name: None,
            timestamp: timestamp.into(),
            label: None,
            kind: MessageType::Text,
            text: String::new(),
            body: String::new(),
            media: None,
        }
    }

    async fn push(q: &MemoryQueue, e: Envelope) -> Pushed {
        q.enqueue(vec![e]).await.expect("enqueue").remove(0)
    }

    #[tokio::test]
    async fn dedups_orders_by_deadline_and_drains() {
        let q = MemoryQueue::new(10);
        let late = Envelope::new(message("late", "2025-03-02T10:00:00Z"));
        let early = Envelope::new(message("early", "2025-03-01T10:00:00Z"));
        assert_eq!(push(&q, late.clone()).await, Pushed::Enqueued);
        assert_eq!(push(&q, early).await, Pushed::Enqueued);
        assert_eq!(push(&q, late).await, Pushed::Duplicate);
        q.close().await;
        let first = q.take().await.ok().flatten().expect("a job");
        assert_eq!(first.id(), "early");
        q.complete(first, Completion::Done).await.ok();
        let second = q.take().await.ok().flatten().expect("a job");
        assert_eq!(second.id(), "late");
        assert_eq!(q.unfinished(), 1);
        q.complete(second, Completion::Done).await.ok();
        assert!(q.take().await.ok().flatten().is_none());
    }

    #[tokio::test]
    async fn enqueue_waits_when_full() {
        let q = Arc::new(MemoryQueue::new(1));
        push(&q, Envelope::new(message("a", "2025-03-02T10:00:00Z"))).await;
        let q2 = q.clone();
        let pusher = tokio::spawn(async move {
            push(&q2, Envelope::new(message("b", "2025-03-02T10:00:00Z"))).await
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!pusher.is_finished(), "enqueue must wait for room");
        let job = q.take().await.ok().flatten().expect("job");
        assert_eq!(job.id(), "a");
        assert_eq!(pusher.await.ok(), Some(Pushed::Enqueued));
    }

    #[tokio::test(start_paused = true)]
    async fn retries_honour_retry_after_then_the_last_attempt_is_known() {
        let q = MemoryQueue::new(4).max_attempts(2);
        push(&q, Envelope::new(message("a", "2025-03-02T10:00:00Z"))).await;
        q.close().await;
        let job = q.take().await.ok().flatten().expect("job");
        assert!(!job.is_last_attempt());
        let retry = RetryRequest {
            error: ErrorReport::new("RATE_LIMITED", "x"),
            not_before: Some(Duration::from_secs(30)),
        };
        let delay = q.retry(job, retry).await.expect("scheduled");
        assert!(delay >= Duration::from_secs(30), "{delay:?}");
        let started = Instant::now();
        let job = q.take().await.ok().flatten().expect("retried job");
        assert!(started.elapsed() >= Duration::from_secs(30));
        assert_eq!(job.attempt, 2);
        assert!(job.is_last_attempt());
        q.complete(job, Completion::DeadLettered).await.ok();
        assert!(q.take().await.ok().flatten().is_none());
    }

    #[tokio::test]
    async fn halt_stops_handing_out_and_drain_gives_the_rest() {
        let q = MemoryQueue::new(4);
        for id in ["a", "b"] {
            push(&q, Envelope::new(message(id, "2025-03-02T10:00:00Z"))).await;
        }
        q.halt();
        assert!(q.take().await.ok().flatten().is_none());
        assert_eq!(q.drain_waiting().len(), 2);
        assert_eq!(q.waiting(), 0);
    }
}
