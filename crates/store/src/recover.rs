//! Opening the store and bringing it in line with the report after an unclean stop.

use std::panic::AssertUnwindSafe;
use std::path::Path;

use pipes_media_core::report::{Outcome, Status};
use pipes_media_core::{JobState, Report};
use redb::{Database, Durability, ReadableTable, ReadableTableMetadata};
use tracing::warn;

use crate::config::DurableConfig;
use crate::error::StoreError;
use crate::record::{now_ms, JobRecord};
use crate::tables::{self, JOBS, PENDING, SCHEDULED};

/// What recovery found: the in-memory counts the queue starts with.
#[derive(Default)]
pub(crate) struct Recovered {
    pub(crate) pending: u64,
    pub(crate) scheduled: u64,
    pub(crate) seq: u64,
}

/// Opens (creating) the database at `path` and recovers it against `report`. A damaged file is
/// [`StoreError::Corrupt`], whether redb reports it or panics on it.
pub(crate) fn open(
    path: &Path,
    report: &Report,
    config: &DurableConfig,
) -> Result<(Database, Recovered), StoreError> {
    let existed = path.metadata().is_ok_and(|m| m.len() > 0);
    let attempt = std::panic::catch_unwind(AssertUnwindSafe(|| {
        // Records are small and read once per attempt: a small page cache keeps the process
        // lean (redb's default grows to 1 GiB).
        let db = Database::builder()
            .set_cache_size(2 * 1024 * 1024)
            .create(path)?;
        let recovered = recover(&db, report, config, existed, path)?;
        Ok::<_, StoreError>((db, recovered))
    }));
    let corrupt = |reason: String| StoreError::Corrupt {
        path: path.to_owned(),
        reason,
    };
    match attempt {
        Ok(Ok(opened)) => Ok(opened),
        Ok(Err(StoreError::Database(e))) if is_damage(&e) => Err(corrupt(e.to_string())),
        Ok(Err(StoreError::Record(e))) => Err(corrupt(format!("unreadable record: {e}"))),
        Ok(Err(e)) => Err(e),
        Err(_) => Err(corrupt(
            "the database library failed on its contents".to_owned(),
        )),
    }
}

fn is_damage(e: &redb::Error) -> bool {
    matches!(
        e,
        redb::Error::Corrupted(_)
            | redb::Error::UpgradeRequired(_)
            | redb::Error::TableTypeMismatch { .. }
            | redb::Error::TableIsMultimap(_)
            | redb::Error::TableIsNotMultimap(_)
            | redb::Error::TypeDefinitionChanged { .. }
    )
}

/// Rebuilds the pending and scheduled indexes from the jobs, reconciling with the report: a job
/// whose line is in the report is done; a job the store thinks finished but whose line is
/// missing is redone; everything else resumes.
fn recover(
    db: &Database,
    report: &Report,
    config: &DurableConfig,
    existed: bool,
    path: &Path,
) -> Result<Recovered, StoreError> {
    let mut txn = db.begin_write()?;
    // No fsync of its own: recovery only re-derives state from what is durable (the records
    // and the report), so a crash before the next durable commit (the intake's first batch, a
    // periodic flush, the shutdown) simply recovers again from the same inputs on the next open.
    txn.set_durability(Durability::None)?;
    let mut mem = Recovered::default();
    {
        let mut jobs = txn.open_table(JOBS)?;
        let mut pending = txn.open_table(PENDING)?;
        let mut scheduled = txn.open_table(SCHEDULED)?;
        if (!existed || jobs.len()? == 0) && !report.is_empty() {
            warn!(
                store = %path.display(),
                reported = report.len(),
                "the job store is new or empty but the report is not: it was recreated; messages \
                 already in the report are treated as done and not processed again"
            );
        }
        pending.retain(|_, _| false)?;
        scheduled.retain(|_, _| false)?;
        let mut records = Vec::new();
        let mut unreadable = 0u32;
        for entry in jobs.iter()? {
            let (key, value) = entry?;
            match serde_json::from_slice::<JobRecord>(value.value()) {
                Ok(record) => records.push(record),
                Err(e) => {
                    unreadable += 1;
                    warn!(message_id = %pipes_media_core::log::escape(key.value()), error = %e, "an unreadable job record: skipped");
                }
            }
        }
        // Lines written whose state change did not reach the store: how did they end?
        let unconfirmed: std::collections::HashSet<String> = records
            .iter()
            .filter(|r| !r.is_terminal() && !r.replaces_report_line)
            .map(|r| r.envelope.id().to_owned())
            .filter(|id| report.contains(id))
            .collect();
        let outcomes = report.outcomes(&unconfirmed)?;
        let now = now_ms();
        let keep_ms = config.keep_finished_ms();
        let (mut resumed, mut reconciled, mut redone, mut pruned) = (0u32, 0u32, 0u32, 0u32);
        for mut record in records {
            mem.seq = mem.seq.max(record.seq);
            let id = record.envelope.id().to_owned();
            let in_report = report.contains(&id);
            if record.is_terminal() && in_report {
                if record.finished_longer_than(keep_ms, now) {
                    jobs.remove(id.as_str())?;
                    pruned += 1;
                }
                continue;
            }
            if in_report && !record.replaces_report_line {
                // The line was written but the state change did not reach the disk: the
                // store takes the line's outcome (so `--retry-failed` finds a failure).
                match outcomes.get(&id) {
                    Some(Outcome {
                        status: Status::Failed,
                        error,
                    }) => {
                        let retryable = error.as_ref().is_some_and(|e| e.code.is_retryable());
                        record.state = if retryable {
                            JobState::DeadLettered
                        } else {
                            JobState::Failed
                        };
                        record.last_error = error.clone();
                    }
                    _ => record.state = JobState::Done,
                }
                record.updated_ms = now;
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
                    pending.insert((record.envelope.deadline_ms(), record.seq), id.as_str())?;
                    mem.pending += 1;
                }
            }
            tables::put(&mut jobs, &record)?;
        }
        if resumed + reconciled + redone + pruned + unreadable > 0 {
            warn!(
                resumed,
                reconciled,
                redone,
                pruned,
                unreadable,
                "recovered the job store after an unclean stop"
            );
        }
    }
    txn.commit()?;
    Ok(mem)
}
