//! [`DurableQueue`]: the core's [`JobQueue`] on a redb file.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use pipes_media_core::queue::{Backoff, Completion, Pushed, Retry};
use pipes_media_core::{Envelope, ErrorReport, Job, JobQueue, JobState, QueueError};
use redb::{Database, Durability, ReadableDatabase, ReadableTable, TableDefinition};
use tokio::sync::Notify;
use tracing::{info, warn};

use crate::error::StoreError;
use crate::record::{now_ms, JobRecord};

/// messageId → JSON [`JobRecord`].
pub(crate) const JOBS: TableDefinition<'_, &str, &[u8]> = TableDefinition::new("jobs");
/// (media deadline ms, seq) → messageId: ready jobs, earliest deadline first.
const PENDING: TableDefinition<'_, (u64, u64), &str> = TableDefinition::new("pending");
/// (next attempt ms, seq) → messageId: jobs waiting for a retry.
const SCHEDULED: TableDefinition<'_, (u64, u64), &str> = TableDefinition::new("scheduled");

/// Settings of a [`DurableQueue`].
#[derive(Debug, Clone)]
pub struct DurableConfig {
    /// Attempts per job in all before it is dead-lettered (default 5).
    pub max_attempts: u32,
    /// Backoff between attempts (default 10 s doubling to 10 min, jittered).
    pub backoff: Backoff,
    /// fsync each batch of received events before acknowledging it (default `true`). Turning it
    /// off trades the last moments before a power loss for speed; a process crash alone loses
    /// nothing either way.
    pub fsync: bool,
    /// Finished jobs are remembered this long, so redelivered ids are recognised (default 7 days).
    pub keep_finished: Duration,
    /// How often, while jobs complete, the ones past `keep_finished` are removed (default
    /// 1 hour), in the background; the store also prunes them when it opens.
    pub prune_every: Duration,
}

impl DurableConfig {
    /// `keep_finished` in milliseconds (saturating).
    pub(crate) fn keep_finished_ms(&self) -> u64 {
        u64::try_from(self.keep_finished.as_millis()).unwrap_or(u64::MAX)
    }
}

impl Default for DurableConfig {
    fn default() -> Self {
        Self {
            max_attempts: 5,
            backoff: Backoff::new(Duration::from_secs(10), Duration::from_secs(600)),
            fsync: true,
            keep_finished: Duration::from_secs(7 * 24 * 3600),
            prune_every: Duration::from_secs(3600),
        }
    }
}

/// A dead-lettered message: retries ran out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadLetter {
    /// The message id.
    pub message_id: String,
    /// The message type.
    pub kind: String,
    /// Attempts made.
    pub attempts: u32,
    /// The last failure.
    pub last_error: Option<ErrorReport>,
}

/// How many jobs are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoreCounts {
    /// Waiting, downloading, downloaded or processing.
    pub unfinished: u64,
    /// Finished as processed, unavailable or no media.
    pub done: u64,
    /// Finished as failed.
    pub failed: u64,
    /// Retries exhausted.
    pub dead_lettered: u64,
}

/// A [`JobQueue`] whose jobs survive crashes, in one redb file (`<dir>/queue.redb`).
///
/// - [`JobQueue::push`] / [`JobQueue::push_batch`] commit the events with an fsync before
///   returning, so an event the pipeline has accepted is never lost; a `messageId` stored before
///   is a [`Pushed::Duplicate`].
/// - Jobs are handed out earliest media deadline first (media expires 48 h after the message).
/// - State changes (hand-out, completion, retry) are committed without fsync, except one in 128
///   and at least one a second, which bounds memory and file growth: after a crash they may be
///   a moment behind, which [`DurableQueue::open`] reconciles against `report.jsonl`: a job whose line is in the report is done; a job the store thinks finished
///   but whose line is missing is redone; everything else resumes.
/// - Finished jobs are remembered for `keep_finished` (so a redelivered id is a duplicate), then
///   forgotten: when the store opens, and in the background every `prune_every` while jobs
///   complete, so a process that runs for weeks keeps a file of bounded size.
/// - Retryable failures back off and retry up to `max_attempts`, then the job is dead-lettered
///   (its `failed` line is written); [`DurableQueue::requeue_dead`] gives it another go, and its
///   new line replaces the old one.
pub struct DurableQueue {
    db: Arc<Database>,
    path: PathBuf,
    config: DurableConfig,
    mem: Mutex<Mem>,
    changed: Notify,
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
struct Mem {
    pending: u64,
    scheduled: u64,
    taken: u64,
    closed: bool,
    halted: bool,
    seq: u64,
}

impl DurableQueue {
    /// Opens (or creates) the store in `dir` and recovers it, reconciling with the report at
    /// `report` when given (see the type docs).
    pub fn open(
        dir: &Path,
        report: Option<&Path>,
        config: DurableConfig,
    ) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join("queue.redb");
        // Records are small and read once per attempt: a small page cache keeps the process
        // lean (redb's default grows to 1 GiB).
        let db = Database::builder()
            .set_cache_size(2 * 1024 * 1024)
            .create(&path)?;
        let reported = match report {
            Some(report) => reported_ids(report)?,
            None => HashSet::new(),
        };
        let mem = recover(&db, &reported, &config)?;
        info!(
            pending = mem.pending,
            scheduled = mem.scheduled,
            store = %path.display(),
            "durable queue opened"
        );
        Ok(Self {
            db: Arc::new(db),
            path,
            config,
            mem: Mutex::new(mem),
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

    /// Every dead-lettered message.
    pub fn dead_letters(&self) -> Result<Vec<DeadLetter>, StoreError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(JOBS)?;
        let mut out = Vec::new();
        for entry in table.iter()? {
            let (_, value) = entry?;
            let record: JobRecord = serde_json::from_slice(value.value())?;
            if record.state == JobState::DeadLettered {
                out.push(DeadLetter {
                    message_id: record.envelope.id().to_owned(),
                    kind: record.envelope.message.kind.to_string(),
                    attempts: record.attempts,
                    last_error: record.last_error,
                });
            }
        }
        Ok(out)
    }

    /// Puts every dead letter back in the queue with fresh attempts; when each finishes, its
    /// report line replaces the old `failed` one. Returns how many were requeued.
    pub fn requeue_dead(&self) -> Result<usize, StoreError> {
        let txn = self.db.begin_write()?;
        let mut count = 0;
        {
            let mut jobs = txn.open_table(JOBS)?;
            let mut pending = txn.open_table(PENDING)?;
            let dead: Vec<JobRecord> = jobs
                .iter()?
                .filter_map(|e| e.ok())
                .filter_map(|(_, v)| serde_json::from_slice::<JobRecord>(v.value()).ok())
                .filter(|r| r.state == JobState::DeadLettered)
                .collect();
            for mut record in dead {
                record.state = JobState::Received;
                record.attempts = 0;
                record.next_attempt_ms = 0;
                record.replaces_report_line = true;
                record.updated_ms = now_ms();
                let bytes = serde_json::to_vec(&record)?;
                jobs.insert(record.envelope.id(), bytes.as_slice())?;
                pending.insert((record.deadline_ms(), record.seq), record.envelope.id())?;
                count += 1;
            }
        }
        txn.commit()?;
        self.lock().pending += count as u64;
        self.changed.notify_waiters();
        Ok(count)
    }

    /// How many jobs are in each state.
    pub fn counts(&self) -> Result<StoreCounts, StoreError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(JOBS)?;
        let mut counts = StoreCounts::default();
        for entry in table.iter()? {
            let (_, value) = entry?;
            let record: JobRecord = serde_json::from_slice(value.value())?;
            match record.state {
                JobState::Done => counts.done += 1,
                JobState::Failed => counts.failed += 1,
                JobState::DeadLettered => counts.dead_lettered += 1,
                _ => counts.unfinished += 1,
            }
        }
        Ok(counts)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Mem> {
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
        work: impl FnOnce(&Database) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, QueueError> {
        let db = self.db.clone();
        tokio::task::spawn_blocking(move || work(&db))
            .await
            .map_err(|e| QueueError::storage("job store task", e))?
            .map_err(QueueError::from)
    }

    /// Rewrites a job's record with `update`, committing without fsync.
    async fn update(
        &self,
        id: String,
        update: impl FnOnce(&mut JobRecord) + Send + 'static,
    ) -> Result<(), QueueError> {
        let durability = self.state_durability();
        self.blocking(move |db| {
            let mut txn = db.begin_write()?;
            txn.set_durability(durability)?;
            {
                let mut jobs = txn.open_table(JOBS)?;
                let record = match jobs.get(id.as_str())? {
                    Some(value) => Some(serde_json::from_slice::<JobRecord>(value.value())?),
                    None => None,
                };
                if let Some(mut record) = record {
                    update(&mut record);
                    record.updated_ms = now_ms();
                    let bytes = serde_json::to_vec(&record)?;
                    jobs.insert(id.as_str(), bytes.as_slice())?;
                }
            }
            txn.commit()?;
            Ok(())
        })
        .await
    }
}

/// Message ids that have a line in the report.
fn reported_ids(report: &Path) -> Result<HashSet<String>, StoreError> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Id {
        message_id: String,
    }
    let text = match std::fs::read_to_string(report) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashSet::new()),
        Err(e) => return Err(e.into()),
    };
    Ok(text
        .lines()
        .filter_map(|l| serde_json::from_str::<Id>(l).ok())
        .map(|id| id.message_id)
        .collect())
}

/// Rebuilds the pending and scheduled indexes from the jobs, reconciling with the report.
fn recover(
    db: &Database,
    reported: &HashSet<String>,
    config: &DurableConfig,
) -> Result<Mem, StoreError> {
    let txn = db.begin_write()?;
    let mut mem = Mem::default();
    {
        let mut jobs = txn.open_table(JOBS)?;
        let mut pending = txn.open_table(PENDING)?;
        let mut scheduled = txn.open_table(SCHEDULED)?;
        pending.retain(|_, _| false)?;
        scheduled.retain(|_, _| false)?;
        let records: Vec<JobRecord> = jobs
            .iter()?
            .filter_map(|e| e.ok())
            .filter_map(|(_, v)| serde_json::from_slice::<JobRecord>(v.value()).ok())
            .collect();
        let now = now_ms();
        let keep_ms = config.keep_finished_ms();
        let (mut resumed, mut reconciled, mut redone, mut pruned) = (0u32, 0u32, 0u32, 0u32);
        for mut record in records {
            mem.seq = mem.seq.max(record.seq);
            let id = record.envelope.id().to_owned();
            let in_report = reported.contains(&id);
            if record.is_terminal() && in_report {
                if record.finished_longer_than(keep_ms, now) {
                    jobs.remove(id.as_str())?;
                    pruned += 1;
                }
                continue;
            }
            if in_report && !record.replaces_report_line {
                // The line was written but the state change did not reach the disk.
                record.state = JobState::Done;
                reconciled += 1;
            } else {
                if record.is_terminal() {
                    // The store says finished but the report has no line: do it again.
                    redone += 1;
                } else if record.state != JobState::Received {
                    resumed += 1;
                }
                record.state = JobState::Received;
                if record.next_attempt_ms > now {
                    scheduled.insert((record.next_attempt_ms, record.seq), id.as_str())?;
                    mem.scheduled += 1;
                } else {
                    pending.insert((record.deadline_ms(), record.seq), id.as_str())?;
                    mem.pending += 1;
                }
            }
            let bytes = serde_json::to_vec(&record)?;
            jobs.insert(id.as_str(), bytes.as_slice())?;
        }
        if resumed + reconciled + redone + pruned > 0 {
            warn!(
                resumed,
                reconciled, redone, pruned, "recovered the job store after an unclean stop"
            );
        }
    }
    txn.commit()?;
    Ok(mem)
}

#[async_trait]
impl JobQueue for DurableQueue {
    async fn push(&self, envelope: Envelope) -> Result<Pushed, QueueError> {
        let mut pushed = self.push_batch(vec![envelope]).await?;
        pushed
            .pop()
            .ok_or_else(|| QueueError::storage("job store", "empty push result"))
    }

    async fn push_batch(&self, envelopes: Vec<Envelope>) -> Result<Vec<Pushed>, QueueError> {
        let _txn = self.txn_lock.lock().await;
        let first_seq = {
            let mut mem = self.lock();
            let first = mem.seq + 1;
            mem.seq += envelopes.len() as u64;
            first
        };
        let fsync = self.config.fsync;
        let results = self
            .blocking(move |db| {
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
                            envelope,
                            state: JobState::Received,
                            attempts: 0,
                            next_attempt_ms: 0,
                            last_error: None,
                            replaces_report_line: false,
                            seq: first_seq + i as u64,
                            updated_ms: now_ms(),
                        };
                        let bytes = serde_json::to_vec(&record)?;
                        jobs.insert(id.as_str(), bytes.as_slice())?;
                        pending.insert((record.deadline_ms(), record.seq), id.as_str())?;
                        results.push(Pushed::Enqueued);
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

    async fn pop(&self) -> Result<Option<Job>, QueueError> {
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            {
                let mem = self.lock();
                if mem.halted {
                    return Ok(None);
                }
            }
            let txn_guard = self.txn_lock.lock().await;
            let durability = self.state_durability();
            let taken = self
                .blocking(move |db| {
                    let mut txn = db.begin_write()?;
                    txn.set_durability(durability)?;
                    let now = now_ms();
                    let mut promoted = 0u64;
                    let job;
                    let next_due;
                    {
                        let mut pending = txn.open_table(PENDING)?;
                        let mut scheduled = txn.open_table(SCHEDULED)?;
                        let mut jobs = txn.open_table(JOBS)?;
                        // Move retries whose time has come to the ready index.
                        let due: Vec<((u64, u64), String)> = scheduled
                            .range(..=(now, u64::MAX))?
                            .filter_map(|e| e.ok())
                            .map(|(k, v)| (k.value(), v.value().to_owned()))
                            .collect();
                        for (key, id) in due {
                            scheduled.remove(key)?;
                            let deadline = match jobs.get(id.as_str())? {
                                Some(v) => {
                                    serde_json::from_slice::<JobRecord>(v.value())?.deadline_ms()
                                }
                                None => continue,
                            };
                            pending.insert((deadline, key.1), id.as_str())?;
                            promoted += 1;
                        }
                        next_due = scheduled.first()?.map(|(k, _)| k.value().0);
                        job = match pending.pop_first()? {
                            Some((_, id)) => {
                                let id = id.value().to_owned();
                                let record = match jobs.get(id.as_str())? {
                                    Some(v) => {
                                        Some(serde_json::from_slice::<JobRecord>(v.value())?)
                                    }
                                    None => None,
                                };
                                match record {
                                    Some(mut record) => {
                                        record.attempts += 1;
                                        record.state = JobState::Downloading;
                                        record.updated_ms = now;
                                        let bytes = serde_json::to_vec(&record)?;
                                        jobs.insert(id.as_str(), bytes.as_slice())?;
                                        Some(Job {
                                            attempt: record.attempts,
                                            token: record.seq,
                                            replaces_report_line: record.replaces_report_line,
                                            envelope: record.envelope,
                                        })
                                    }
                                    None => None,
                                }
                            }
                            None => None,
                        };
                    }
                    txn.commit()?;
                    Ok((job, promoted, next_due))
                })
                .await?;
            let (job, promoted, next_due) = taken;
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

    /// Writes nothing: recovery hands every unfinished job out again whatever step it had
    /// reached, so a commit per step would cost three store transactions per message and change
    /// nothing after a crash. The store records the hand-out (`downloading`, in
    /// [`JobQueue::pop`]) and the outcome.
    async fn progress(&self, _job: &Job, _state: JobState) -> Result<(), QueueError> {
        Ok(())
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

    async fn retry(&self, job: Job, error: &ErrorReport) -> Result<Retry, QueueError> {
        let error = error.clone();
        if job.attempt >= self.config.max_attempts {
            self.update(job.id().to_owned(), move |r| r.last_error = Some(error))
                .await?;
            return Ok(Retry::Exhausted);
        }
        let delay = self.config.backoff.delay(job.attempt.saturating_sub(1));
        let due = now_ms() + delay.as_millis() as u64;
        let id = job.id().to_owned();
        let _txn = self.txn_lock.lock().await;
        let durability = self.state_durability();
        self.blocking(move |db| {
            let mut txn = db.begin_write()?;
            txn.set_durability(durability)?;
            {
                let mut jobs = txn.open_table(JOBS)?;
                let mut scheduled = txn.open_table(SCHEDULED)?;
                let record = match jobs.get(id.as_str())? {
                    Some(v) => Some(serde_json::from_slice::<JobRecord>(v.value())?),
                    None => None,
                };
                if let Some(mut record) = record {
                    record.state = JobState::Received;
                    record.next_attempt_ms = due;
                    record.last_error = Some(error);
                    record.updated_ms = now_ms();
                    let bytes = serde_json::to_vec(&record)?;
                    jobs.insert(id.as_str(), bytes.as_slice())?;
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
        Ok(Retry::Scheduled(delay))
    }

    async fn close(&self) {
        self.lock().closed = true;
        self.changed.notify_waiters();
    }

    async fn shutdown(&self) {
        {
            let mut mem = self.lock();
            mem.closed = true;
            mem.halted = true;
        }
        self.changed.notify_waiters();
    }

    async fn outstanding(&self) -> Result<usize, QueueError> {
        let mem = self.lock();
        Ok((mem.pending + mem.scheduled + mem.taken) as usize)
    }

    fn is_durable(&self) -> bool {
        true
    }
}
