//! [`DurableQueue`]: both halves of the core's queue on a redb file.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use pipes_media_core::queue::{retry_delay, Completion, Dequeue, Enqueue, Pushed, RetryRequest};
use pipes_media_core::{Envelope, ErrorCode, ErrorReport, Job, JobState, QueueError, Report};
use redb::{Database, Durability, ReadableTable};
use tokio::sync::Notify;
use tracing::{info, warn};

use crate::config::DurableConfig;
use crate::error::StoreError;
use crate::record::{now_ms, JobRecord};
use crate::tables::{self, JOBS, PENDING, SCHEDULED};

/// A queue whose jobs survive crashes, in one redb file (`<dir>/queue.redb`).
///
/// - [`Enqueue::enqueue`] commits a batch of received events with one fsync before returning,
///   so an event the pipeline has accepted is never lost; a `messageId` stored before is a
///   [`Pushed::Duplicate`], one that cannot be stored is [`Pushed::Refused`].
/// - Jobs are handed out earliest media deadline first (media expires 48 h after the message).
/// - Per job, the workers write the hand-out ([`Dequeue::take`]: the attempt is counted, so a
///   message that crashes the process cannot loop forever), then a retry or the completion.
///   Those commits skip the fsync, except one in 128 and at least one a second (memory and file
///   size stay bounded); after a crash they may be a moment behind, which
///   [`DurableQueue::open`] reconciles against the report: a job whose line is in the report is
///   done; a job the store thinks finished but whose line is missing is redone; everything else
///   resumes. A store that was deleted or recreated is noticed and said; the report still keeps
///   redelivered ids from being processed twice (the intake checks it).
/// - Finished jobs are remembered for `keep_finished`, then forgotten (at open, and in the
///   background every `prune_every`), so a process that runs for weeks keeps a bounded file.
/// - Retryable failures back off (or wait for the server's `Retry-After`) up to
///   `max_attempts`, then the job is dead-lettered; [`DurableQueue::requeue_dead`] and
///   [`DurableQueue::requeue_failed`] give jobs another go, and their new line replaces the old.
pub struct DurableQueue {
    pub(crate) db: Arc<Database>,
    path: PathBuf,
    pub(crate) config: DurableConfig,
    mem: Mutex<Mem>,
    pub(crate) changed: Notify,
    /// Held across a store transaction and the matching update of the in-memory counts, so
    /// that counts never drift when workers race (a retry scheduled while another worker
    /// promotes it).
    txn_lock: tokio::sync::Mutex<()>,
    /// When state changes last reached the disk (see [`DurableQueue::state_durability`]).
    flush: Mutex<FlushClock>,
    /// When finished jobs were last pruned (see [`DurableQueue::prune_if_due`]).
    prune: Arc<Mutex<PruneClock>>,
}

/// When the last background prune started, and whether it is still running.
struct PruneClock {
    at: Instant,
    running: bool,
}

/// The last durable commit, and the state-change commits made without fsync since.
struct FlushClock {
    at: Instant,
    commits: u32,
}

impl FlushClock {
    fn new() -> Self {
        Self {
            at: Instant::now(),
            commits: 0,
        }
    }
}

/// A state-change commit is made durable after this many commits without one...
const FLUSH_EVERY_COMMITS: u32 = 128;
/// ...or after this long, whichever comes first.
const FLUSH_EVERY: Duration = Duration::from_secs(1);

#[derive(Default)]
pub(crate) struct Mem {
    pub(crate) pending: u64,
    pub(crate) scheduled: u64,
    taken: u64,
    closed: bool,
    halted: bool,
    seq: u64,
}

impl DurableQueue {
    /// Opens (or creates) the store in `dir` and recovers it, reconciling with `report` (see the
    /// type docs). A damaged file is a [`StoreError::Corrupt`] that names it and says how to
    /// recover.
    pub fn open(dir: &Path, report: &Report, config: DurableConfig) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join("queue.redb");
        let (db, recovered) = crate::recover::open(&path, report, &config)?;
        info!(
            pending = recovered.pending,
            scheduled = recovered.scheduled,
            store = %path.display(),
            "durable queue opened"
        );
        Ok(Self {
            db: Arc::new(db),
            path,
            config,
            mem: Mutex::new(Mem {
                pending: recovered.pending,
                scheduled: recovered.scheduled,
                seq: recovered.seq,
                ..Mem::default()
            }),
            changed: Notify::new(),
            txn_lock: tokio::sync::Mutex::new(()),
            flush: Mutex::new(FlushClock::new()),
            prune: Arc::new(Mutex::new(PruneClock {
                at: Instant::now(),
                running: false,
            })),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn lock(&self) -> std::sync::MutexGuard<'_, Mem> {
        self.mem.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The durability of the next state-change commit (hand-out, completion, retry).
    ///
    /// Those commits skip the fsync, but redb keeps the pages of non-durable commits in memory
    /// and frees superseded pages only at a durable commit. Once the intake goes quiet, a long
    /// run would otherwise grow without bound, in RSS and in file size. So one commit in
    /// [`FLUSH_EVERY_COMMITS`], and at least one per [`FLUSH_EVERY`] while work goes on, is
    /// made durable: a few fsyncs a second at full speed, and memory stays flat.
    fn state_durability(&self) -> Durability {
        let mut clock = self.flush.lock().unwrap_or_else(|p| p.into_inner());
        clock.commits += 1;
        if clock.commits >= FLUSH_EVERY_COMMITS || clock.at.elapsed() >= FLUSH_EVERY {
            *clock = FlushClock::new();
            Durability::Immediate
        } else {
            Durability::None
        }
    }

    /// Starts a background prune of finished jobs past `keep_finished` when `prune_every` has
    /// passed since the last one and none is running. It runs on the blocking pool in small
    /// transactions, so workers and the intake carry on meanwhile; a failure is logged and the
    /// next prune tries again.
    fn prune_if_due(&self) {
        {
            let mut clock = self.prune.lock().unwrap_or_else(|p| p.into_inner());
            if clock.running || clock.at.elapsed() < self.config.prune_every {
                return;
            }
            clock.at = Instant::now();
            clock.running = true;
        }
        let db = Arc::clone(&self.db);
        let clock = Arc::clone(&self.prune);
        let keep_ms = self.config.keep_finished_ms();
        tokio::task::spawn_blocking(move || {
            match crate::prune::prune_finished(&db, keep_ms, now_ms()) {
                Ok(0) => {}
                Ok(pruned) => info!(pruned, "forgot finished jobs past keep_finished"),
                Err(error) => warn!(%error, "pruning finished jobs failed; the next prune retries"),
            }
            clock.lock().unwrap_or_else(|p| p.into_inner()).running = false;
        });
    }

    /// Records that a durable commit just happened (an fsynced intake batch).
    fn flushed_now(&self) {
        *self.flush.lock().unwrap_or_else(|p| p.into_inner()) = FlushClock::new();
    }

    async fn blocking<T: Send + 'static>(
        &self,
        what: &'static str,
        work: impl FnOnce(&Database) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, QueueError> {
        let db = self.db.clone();
        let path = self.path.display().to_string();
        let context = move || format!("{what} in {path}");
        tokio::task::spawn_blocking(move || work(&db))
            .await
            .map_err(|e| QueueError::storage(context(), e))?
            .map_err(|e| QueueError::storage(context(), e))
    }

    /// Rewrites a job's record with `update`, committing without fsync.
    async fn update(
        &self,
        id: String,
        update: impl FnOnce(&mut JobRecord) + Send + 'static,
    ) -> Result<(), QueueError> {
        let durability = self.state_durability();
        self.blocking("recording a job's end", move |db| {
            let mut txn = db.begin_write()?;
            txn.set_durability(durability)?;
            {
                let mut jobs = txn.open_table(JOBS)?;
                if let Some(mut record) = tables::get(&jobs, &id)? {
                    update(&mut record);
                    record.updated_ms = now_ms();
                    tables::put(&mut jobs, &record)?;
                }
            }
            txn.commit()?;
            Ok(())
        })
        .await
    }

    /// One hand-out transaction: promote due retries, pop the earliest ready job, count its
    /// attempt. Returns the job, how many retries were promoted, and when the next one is due.
    fn take_one(
        db: &Database,
        durability: Durability,
        max_attempts: u32,
    ) -> Result<(Option<Job>, u64, Option<u64>), StoreError> {
        let mut txn = db.begin_write()?;
        txn.set_durability(durability)?;
        let now = now_ms();
        let mut promoted = 0u64;
        let mut job = None;
        let next_due;
        {
            let mut pending = txn.open_table(PENDING)?;
            let mut scheduled = txn.open_table(SCHEDULED)?;
            let mut jobs = txn.open_table(JOBS)?;
            let due: Vec<((u64, u64), String)> = scheduled
                .range(..=(now, u64::MAX))?
                .filter_map(|e| e.ok())
                .map(|(k, v)| (k.value(), v.value().to_owned()))
                .collect();
            for (key, id) in due {
                scheduled.remove(key)?;
                let Some(record) = tables::get(&jobs, &id)? else {
                    continue;
                };
                pending.insert((record.envelope.deadline_ms(), key.1), id.as_str())?;
                promoted += 1;
            }
            next_due = scheduled.first()?.map(|(k, _)| k.value().0);
            while let Some((_, id)) = pending.pop_first()? {
                let id = id.value().to_owned();
                let Some(mut record) = tables::get(&jobs, &id)? else {
                    continue;
                };
                record.attempts += 1;
                record.state = JobState::Downloading;
                record.updated_ms = now;
                tables::put(&mut jobs, &record)?;
                job = Some(Job {
                    attempt: record.attempts,
                    max_attempts,
                    token: record.seq,
                    replaces_report_line: record.replaces_report_line,
                    envelope: record.envelope,
                });
                break;
            }
        }
        txn.commit()?;
        Ok((job, promoted, next_due))
    }
}

#[async_trait]
impl Enqueue for DurableQueue {
    async fn enqueue(&self, envelopes: Vec<Envelope>) -> Result<Vec<Pushed>, QueueError> {
        let _txn = self.txn_lock.lock().await;
        let first_seq = {
            let mut mem = self.lock();
            let first = mem.seq + 1;
            mem.seq += envelopes.len() as u64;
            first
        };
        let fsync = self.config.fsync;
        let results = self
            .blocking("committing received events", move |db| {
                let mut txn = db.begin_write()?;
                if !fsync {
                    txn.set_durability(Durability::None)?;
                }
                let mut results = Vec::with_capacity(envelopes.len());
                {
                    let mut jobs = txn.open_table(JOBS)?;
                    let mut pending = txn.open_table(PENDING)?;
                    for (i, envelope) in envelopes.into_iter().enumerate() {
                        let id = envelope.id().to_owned();
                        if jobs.get(id.as_str())?.is_some() {
                            results.push(Pushed::Duplicate);
                            continue;
                        }
                        let record = JobRecord {
                            state: JobState::Received,
                            attempts: 0,
                            next_attempt_ms: 0,
                            last_error: None,
                            replaces_report_line: false,
                            seq: first_seq + i as u64,
                            updated_ms: now_ms(),
                            envelope,
                        };
                        let deadline = record.envelope.deadline_ms();
                        match serde_json::to_vec(&record) {
                            Ok(bytes) => {
                                jobs.insert(id.as_str(), bytes.as_slice())?;
                                pending.insert((deadline, record.seq), id.as_str())?;
                                results.push(Pushed::Enqueued);
                            }
                            Err(e) => results.push(Pushed::Refused(ErrorReport::new(
                                ErrorCode::Unschedulable,
                                format!("the message cannot be stored: {e}"),
                            ))),
                        }
                    }
                }
                txn.commit()?;
                Ok(results)
            })
            .await?;
        if fsync {
            self.flushed_now();
        }
        let added = results.iter().filter(|r| **r == Pushed::Enqueued).count() as u64;
        self.lock().pending += added;
        self.changed.notify_waiters();
        Ok(results)
    }

    async fn close(&self) {
        self.lock().closed = true;
        self.changed.notify_waiters();
    }
}

#[async_trait]
impl Dequeue for DurableQueue {
    async fn take(&self) -> Result<Option<Job>, QueueError> {
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if self.lock().halted {
                return Ok(None);
            }
            let txn_guard = self.txn_lock.lock().await;
            let durability = self.state_durability();
            let max_attempts = self.config.max_attempts.max(1);
            let (job, promoted, next_due) = self
                .blocking("handing out a job", move |db| {
                    Self::take_one(db, durability, max_attempts)
                })
                .await?;
            let wake_at = {
                let _txn = txn_guard;
                let mut mem = self.lock();
                mem.scheduled = mem.scheduled.saturating_sub(promoted);
                mem.pending += promoted;
                if let Some(job) = job {
                    mem.pending = mem.pending.saturating_sub(1);
                    mem.taken += 1;
                    return Ok(Some(job));
                }
                if mem.closed && mem.scheduled == 0 && mem.taken == 0 && mem.pending == 0 {
                    return Ok(None);
                }
                next_due
            };
            match wake_at {
                Some(due) => {
                    let wait = Duration::from_millis(due.saturating_sub(now_ms()).max(1));
                    tokio::select! {
                        _ = notified => {}
                        _ = tokio::time::sleep(wait) => {}
                    }
                }
                None => notified.await,
            }
        }
    }

    async fn complete(&self, job: Job, how: Completion) -> Result<(), QueueError> {
        let state = match how {
            Completion::Done => JobState::Done,
            Completion::Failed => JobState::Failed,
            Completion::DeadLettered => JobState::DeadLettered,
        };
        let result = self
            .update(job.id().to_owned(), move |r| {
                r.state = state;
                r.replaces_report_line = false;
            })
            .await;
        {
            let mut mem = self.lock();
            mem.taken = mem.taken.saturating_sub(1);
        }
        self.changed.notify_waiters();
        self.prune_if_due();
        result
    }

    async fn retry(&self, job: Job, retry: RetryRequest) -> Result<Duration, QueueError> {
        let delay = retry_delay(&self.config.backoff, job.attempt, retry.not_before);
        let due = now_ms().saturating_add(u64::try_from(delay.as_millis()).unwrap_or(u64::MAX));
        let id = job.id().to_owned();
        let error = retry.error;
        let _txn = self.txn_lock.lock().await;
        let durability = self.state_durability();
        self.blocking("scheduling a retry", move |db| {
            let mut txn = db.begin_write()?;
            txn.set_durability(durability)?;
            {
                let mut jobs = txn.open_table(JOBS)?;
                let mut scheduled = txn.open_table(SCHEDULED)?;
                if let Some(mut record) = tables::get(&jobs, &id)? {
                    record.state = JobState::Received;
                    record.next_attempt_ms = due;
                    record.last_error = Some(error);
                    record.updated_ms = now_ms();
                    tables::put(&mut jobs, &record)?;
                    scheduled.insert((due, record.seq), id.as_str())?;
                }
            }
            txn.commit()?;
            Ok(())
        })
        .await?;
        {
            let mut mem = self.lock();
            mem.taken = mem.taken.saturating_sub(1);
            mem.scheduled += 1;
        }
        self.changed.notify_waiters();
        Ok(delay)
    }

    fn halt(&self) {
        {
            let mut mem = self.lock();
            mem.closed = true;
            mem.halted = true;
        }
        self.changed.notify_waiters();
    }

    fn waiting(&self) -> usize {
        let mem = self.lock();
        usize::try_from(mem.pending + mem.scheduled).unwrap_or(usize::MAX)
    }

    fn is_durable(&self) -> bool {
        true
    }

    fn earliest_deadline(&self) -> Option<time::OffsetDateTime> {
        let txn = redb::ReadableDatabase::begin_read(&*self.db).ok()?;
        let pending = txn.open_table(PENDING).ok()?;
        let ((deadline_ms, _), _) = pending
            .first()
            .ok()?
            .map(|(k, v)| (k.value(), v.value().to_owned()))?;
        let nanos = i128::from(deadline_ms) * 1_000_000;
        time::OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()
    }
}
