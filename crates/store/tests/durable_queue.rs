//! The durable queue on its own: dedup, deadline order, retries, dead letters, recovery.

use std::time::Duration;

use pipes_media_core::event::{Message, MessageType};
use pipes_media_core::queue::{Backoff, Completion, Pushed, Retry};
use pipes_media_core::{Envelope, ErrorReport, JobQueue};
use pipes_media_store::{DurableConfig, DurableQueue};

fn envelope(id: &str, timestamp: &str) -> Envelope {
    Envelope::new(Message {
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
    })
}

fn fast() -> DurableConfig {
    DurableConfig {
        max_attempts: 2,
        backoff: Backoff::new(Duration::from_millis(20), Duration::from_millis(40)),
        ..DurableConfig::default()
    }
}

fn report_line(id: &str) -> String {
    format!("{{\"messageId\":\"{id}\",\"status\":\"processed\"}}\n")
}

#[tokio::test]
async fn dedups_and_serves_the_nearest_deadline_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let q = DurableQueue::open(dir.path(), None, fast()).expect("opens");
    let pushed = q
        .push_batch(vec![
            envelope("late", "2025-03-02T10:00:00Z"),
            envelope("early", "2025-03-01T10:00:00Z"),
            envelope("late", "2025-03-02T10:00:00Z"),
        ])
        .await
        .expect("push");
    assert_eq!(
        pushed,
        vec![Pushed::Enqueued, Pushed::Enqueued, Pushed::Duplicate]
    );
    assert_eq!(
        q.push(envelope("early", "x")).await.expect("push"),
        Pushed::Duplicate
    );
    let first = q.pop().await.expect("pop").expect("job");
    assert_eq!(first.id(), "early");
    assert_eq!(first.attempt, 1);
    q.complete(first, Completion::Done).await.expect("complete");
    q.close().await;
    let second = q.pop().await.expect("pop").expect("job");
    assert_eq!(second.id(), "late");
    q.complete(second, Completion::Done)
        .await
        .expect("complete");
    assert!(q.pop().await.expect("pop").is_none());
    // Finished ids are still recognised.
    assert_eq!(
        q.push(envelope("late", "x")).await.expect("push"),
        Pushed::Duplicate
    );
}

#[tokio::test]
async fn retries_back_off_then_dead_letter_and_requeue() {
    let dir = tempfile::tempdir().expect("tempdir");
    let q = DurableQueue::open(dir.path(), None, fast()).expect("opens");
    q.push(envelope("a", "2025-03-02T10:00:00Z"))
        .await
        .expect("push");
    let err = ErrorReport::new("HTTP_503", "down");
    let job = q.pop().await.expect("pop").expect("job");
    assert!(matches!(
        q.retry(job, &err).await.expect("retry"),
        Retry::Scheduled(_)
    ));
    assert_eq!(q.outstanding().await.expect("count"), 1);
    let job = q.pop().await.expect("pop").expect("retried job");
    assert_eq!(job.attempt, 2);
    assert_eq!(
        q.retry(job.clone(), &err).await.expect("retry"),
        Retry::Exhausted
    );
    q.complete(job, Completion::DeadLettered)
        .await
        .expect("complete");
    let dead = q.dead_letters().expect("list");
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].message_id, "a");
    assert_eq!(
        dead[0].last_error.as_ref().map(|e| e.code.to_string()),
        Some("HTTP_503".to_owned())
    );
    assert_eq!(q.requeue_dead().expect("requeue"), 1);
    let job = q.pop().await.expect("pop").expect("requeued");
    assert_eq!(job.attempt, 1);
    assert!(job.replaces_report_line);
}

#[tokio::test]
async fn a_crash_resumes_unfinished_jobs_and_reconciles_with_the_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = dir.path().join("report.jsonl");
    {
        let q =
            DurableQueue::open(&dir.path().join("state"), Some(&report), fast()).expect("opens");
        for id in [
            "in-flight",
            "written-not-marked",
            "marked-not-written",
            "waiting",
        ] {
            q.push(envelope(id, "2025-03-02T10:00:00Z"))
                .await
                .expect("push");
        }
        let mut jobs = Vec::new();
        for _ in 0..3 {
            jobs.push(q.pop().await.expect("pop").expect("job"));
        }
        // "written-not-marked": its line reached the report, the crash came before `complete`.
        let written = jobs
            .iter()
            .find(|j| j.id() == "written-not-marked")
            .expect("taken")
            .clone();
        std::fs::write(&report, report_line(written.id())).expect("report");
        // "marked-not-written": the store says done but the line never reached the disk.
        let marked = jobs
            .iter()
            .find(|j| j.id() == "marked-not-written")
            .expect("taken")
            .clone();
        q.complete(marked, Completion::Done)
            .await
            .expect("complete");
        // Make the non-durable changes durable, as a later batch of events would.
        q.push(envelope("later", "2025-03-02T10:00:00Z"))
            .await
            .expect("push");
        // Crash: the queue is dropped with jobs taken.
    }
    let q = DurableQueue::open(&dir.path().join("state"), Some(&report), fast()).expect("reopens");
    q.close().await;
    let mut resumed = Vec::new();
    while let Some(job) = q.pop().await.expect("pop") {
        resumed.push(job.id().to_owned());
        q.complete(job, Completion::Done).await.expect("complete");
    }
    resumed.sort();
    assert_eq!(
        resumed,
        ["in-flight", "later", "marked-not-written", "waiting"]
    );
    let counts = q.counts().expect("counts");
    assert_eq!(counts.done, 5);
    assert_eq!(counts.unfinished, 0);
}

#[tokio::test]
async fn shutdown_stops_handing_out_jobs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let q = DurableQueue::open(dir.path(), None, fast()).expect("opens");
    q.push(envelope("a", "2025-03-02T10:00:00Z"))
        .await
        .expect("push");
    q.shutdown().await;
    assert!(
        q.pop().await.expect("pop").is_none(),
        "kept for the next run"
    );
    drop(q);
    let q = DurableQueue::open(dir.path(), None, fast()).expect("reopens");
    assert_eq!(q.outstanding().await.expect("count"), 1);
}

/// A long run forgets finished jobs past `keep_finished` while it runs, not only at the next
/// open: the store file stops growing with every message ever seen. A forgotten id is no
/// longer a duplicate; unfinished and recent jobs stay.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finished_jobs_past_the_window_are_forgotten_while_running() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = DurableConfig {
        keep_finished: Duration::from_millis(200),
        prune_every: Duration::ZERO,
        ..fast()
    };
    let q = DurableQueue::open(dir.path(), None, config).expect("opens");
    q.push_batch(vec![
        envelope("a", "2025-03-01T10:00:00Z"),
        envelope("b", "2025-03-02T10:00:00Z"),
        envelope("c", "2025-03-03T10:00:00Z"),
    ])
    .await
    .expect("push");
    let a = q.pop().await.expect("pop").expect("job");
    assert_eq!(a.id(), "a");
    q.complete(a, Completion::Done).await.expect("complete");
    assert_eq!(
        q.push(envelope("a", "x")).await.expect("push"),
        Pushed::Duplicate,
        "within the window a finished id is remembered"
    );
    tokio::time::sleep(Duration::from_millis(400)).await;
    let b = q.pop().await.expect("pop").expect("job");
    q.complete(b, Completion::Failed).await.expect("complete"); // starts a prune
    let start = std::time::Instant::now();
    while q.counts().expect("counts").done > 0 {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the expired job was pruned"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let counts = q.counts().expect("counts");
    assert_eq!((counts.failed, counts.unfinished), (1, 1), "{counts:?}");
    assert_eq!(
        q.push(envelope("a", "2025-03-01T10:00:00Z"))
            .await
            .expect("push"),
        Pushed::Enqueued,
        "past the window the id is forgotten"
    );
}
