//! What an operator asks of the store: dead letters, requeues, counts.

use pipes_media_core::{ErrorCode, ErrorReport, JobState};
use redb::{ReadableDatabase, ReadableTable};

use crate::error::StoreError;
use crate::record::{now_ms, JobRecord};
use crate::tables::{self, JOBS, PENDING};
use crate::DurableQueue;

/// A dead-lettered (or failed) message, as the store keeps it.
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
    /// Waiting or handed out.
    pub unfinished: u64,
    /// Finished as processed, unavailable or no media.
    pub done: u64,
    /// Finished as failed.
    pub failed: u64,
    /// Retries exhausted.
    pub dead_lettered: u64,
}

/// Which finished jobs [`DurableQueue::requeue_failed`] puts back.
#[derive(Debug, Clone)]
pub enum Requeue {
    /// Dead letters (retries ran out) and failures for a local, transient reason
    /// ([`ErrorCode::is_local`]: a full disk, local I/O, an interrupted run).
    Local,
    /// Failures and dead letters whose last error has one of these codes.
    Codes(Vec<ErrorCode>),
}

impl Requeue {
    fn wants(&self, record: &JobRecord) -> bool {
        let code = record.last_error.as_ref().map(|e| &e.code);
        match self {
            Requeue::Local => {
                record.state == JobState::DeadLettered
                    || (record.state == JobState::Failed && code.is_some_and(ErrorCode::is_local))
            }
            Requeue::Codes(codes) => {
                matches!(record.state, JobState::Failed | JobState::DeadLettered)
                    && code.is_some_and(|c| codes.contains(c))
            }
        }
    }
}

impl DurableQueue {
    /// Every dead-lettered message.
    pub fn dead_letters(&self) -> Result<Vec<DeadLetter>, StoreError> {
        self.finished_matching(|r| r.state == JobState::DeadLettered)
    }

    /// Every message that finished as failed (dead letters included), with its last error.
    pub fn failures(&self) -> Result<Vec<DeadLetter>, StoreError> {
        self.finished_matching(|r| matches!(r.state, JobState::Failed | JobState::DeadLettered))
    }

    fn finished_matching(
        &self,
        wanted: impl Fn(&JobRecord) -> bool,
    ) -> Result<Vec<DeadLetter>, StoreError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(JOBS)?;
        let mut out = Vec::new();
        for entry in table.iter()? {
            let (_, value) = entry?;
            let Ok(record) = serde_json::from_slice::<JobRecord>(value.value()) else {
                continue;
            };
            if wanted(&record) {
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
        self.requeue(|r| r.state == JobState::DeadLettered)
    }

    /// Puts back the finished jobs `which` selects (failures for a local reason after a full
    /// disk, or by code), with fresh attempts; their new lines replace the old ones. Only jobs
    /// the store still remembers (within `keep_finished`) can be requeued.
    pub fn requeue_failed(&self, which: &Requeue) -> Result<usize, StoreError> {
        self.requeue(|r| which.wants(r))
    }

    fn requeue(&self, wanted: impl Fn(&JobRecord) -> bool) -> Result<usize, StoreError> {
        let txn = self.db.begin_write()?;
        let mut count = 0;
        {
            let mut jobs = txn.open_table(JOBS)?;
            let mut pending = txn.open_table(PENDING)?;
            let chosen: Vec<JobRecord> = jobs
                .iter()?
                .filter_map(|e| e.ok())
                .filter_map(|(_, v)| serde_json::from_slice::<JobRecord>(v.value()).ok())
                .filter(|r| wanted(r))
                .collect();
            for mut record in chosen {
                record.state = JobState::Received;
                record.attempts = 0;
                record.next_attempt_ms = 0;
                record.replaces_report_line = true;
                record.updated_ms = now_ms();
                tables::put(&mut jobs, &record)?;
                pending.insert(
                    (record.envelope.deadline_ms(), record.seq),
                    record.envelope.id(),
                )?;
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
            let Ok(record) = serde_json::from_slice::<JobRecord>(value.value()) else {
                continue;
            };
            match record.state {
                JobState::Done => counts.done += 1,
                JobState::Failed => counts.failed += 1,
                JobState::DeadLettered => counts.dead_lettered += 1,
                _ => counts.unfinished += 1,
            }
        }
        Ok(counts)
    }
}
