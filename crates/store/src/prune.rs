//! Forgetting finished jobs once they are older than `keep_finished`, while the pipeline runs.
//!
//! Finished records are kept so that a redelivered `messageId` is recognised as a duplicate;
//! past the window (7 days by default, against Pipes.bot's 48-hour media retention) they only
//! take space. Recovery prunes them when the store opens; a process that runs for weeks needs
//! the same while it runs, or the file grows with every message ever seen.

use std::ops::Bound;

use redb::{Database, ReadableDatabase, ReadableTable};

use crate::error::StoreError;
use crate::record::JobRecord;
use crate::tables::JOBS;

/// Ids removed per write transaction, and looked up per read pass: bounds the memory of a
/// prune and how long it holds the store's single writer.
const BATCH: usize = 4096;

/// Removes every finished record (done, failed or dead-lettered) last changed more than
/// `keep_ms` before `now_ms`, and returns how many went.
///
/// Runs in batches: a read transaction finds up to [`BATCH`] candidates after the last id seen
/// (it never blocks writers), then a write transaction removes those still finished and
/// expired (one may have been requeued in between). A record the pipeline finished was written
/// to the report first, so nothing removed here is owed a line.
pub(crate) fn prune_finished(
    db: &Database,
    keep_ms: u64,
    now_ms: u64,
) -> Result<usize, StoreError> {
    prune_in_batches(db, keep_ms, now_ms, BATCH)
}

fn prune_in_batches(
    db: &Database,
    keep_ms: u64,
    now_ms: u64,
    batch: usize,
) -> Result<usize, StoreError> {
    let expired = |value: &[u8]| {
        serde_json::from_slice::<JobRecord>(value)
            .is_ok_and(|r| r.finished_longer_than(keep_ms, now_ms))
    };
    let mut after: Option<String> = None;
    let mut pruned = 0;
    loop {
        let (candidates, scanned_all) = {
            let txn = db.begin_read()?;
            let jobs = txn.open_table(JOBS)?;
            let start = match &after {
                Some(id) => Bound::Excluded(id.as_str()),
                None => Bound::Unbounded,
            };
            let mut candidates = Vec::new();
            let mut last = None;
            let mut scanned_all = true;
            for entry in jobs.range::<&str>((start, Bound::Unbounded))? {
                let (key, value) = entry?;
                last = Some(key.value().to_owned());
                if expired(value.value()) {
                    candidates.push(key.value().to_owned());
                    if candidates.len() == batch {
                        scanned_all = false;
                        break;
                    }
                }
            }
            after = last;
            (candidates, scanned_all)
        };
        if !candidates.is_empty() {
            let txn = db.begin_write()?;
            {
                let mut jobs = txn.open_table(JOBS)?;
                for id in &candidates {
                    let still = match jobs.get(id.as_str())? {
                        Some(value) => expired(value.value()),
                        None => false,
                    };
                    if still {
                        jobs.remove(id.as_str())?;
                        pruned += 1;
                    }
                }
            }
            txn.commit()?;
        }
        if scanned_all {
            return Ok(pruned);
        }
    }
}

#[cfg(test)]
mod tests {
    use pipes_media_core::event::{Message, MessageType};
    use pipes_media_core::queue::Completion;
    use pipes_media_core::{Dequeue, Enqueue, Envelope, Report};

    use redb::ReadableTableMetadata;

    use super::*;
    use crate::record::now_ms;
    use crate::{DurableConfig, DurableQueue};

    fn envelope(id: &str) -> Envelope {
        Envelope::new(Message {
            message_id: id.into(),
            conversation_id: "c".into(),
            pool_number_id: "p".into(),
            pool_number_phone_number: "+1".into(),
            from_number: "+2".into(),
            from_name: None,
            timestamp: "2025-03-02T10:00:00Z".into(),
            label: None,
            kind: MessageType::Text,
            text: String::new(),
            body: String::new(),
            media: None,
        })
    }

    fn count(db: &Database) -> u64 {
        let txn = db.begin_read().expect("read");
        txn.open_table(JOBS).expect("table").len().expect("len")
    }

    /// More expired records than one batch: every pass resumes after the last id it saw, and
    /// unfinished records are never touched.
    #[tokio::test]
    async fn prunes_across_batches_and_spares_unfinished_jobs() {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = DurableConfig {
            prune_every: std::time::Duration::from_secs(3600),
            ..DurableConfig::default()
        };
        let report = Report::open(dir.path()).expect("report");
        let queue = DurableQueue::open(dir.path(), &report, config).expect("opens");
        let ids: Vec<String> = (0..9).map(|i| format!("m{i}")).collect();
        queue
            .enqueue(ids.iter().map(|id| envelope(id)).collect())
            .await
            .expect("enqueue");
        for _ in 0..7 {
            let job = queue.take().await.expect("take").expect("job");
            queue
                .complete(job, Completion::Done)
                .await
                .expect("complete");
        }
        let unfinished = queue.take().await.expect("take").expect("job"); // handed out, not done
        drop(unfinished);
        drop(queue);
        let db = Database::open(dir.path().join("queue.redb")).expect("reopen");
        assert_eq!(count(&db), 9);
        // Nothing is old enough yet.
        assert_eq!(
            prune_in_batches(&db, 60_000, now_ms(), 2).expect("prune"),
            0
        );
        // An hour later, with a keep window of a minute: the seven finished ones go, in four
        // passes of two.
        let later = now_ms() + 3_600_000;
        assert_eq!(prune_in_batches(&db, 60_000, later, 2).expect("prune"), 7);
        assert_eq!(count(&db), 2);
        assert_eq!(prune_in_batches(&db, 60_000, later, 2).expect("prune"), 0);
    }
}
