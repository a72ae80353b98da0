//! The durable queue on its own: dedup, deadline order, retries, dead letters, recovery.

use std::time::Duration;

use pipes_media_core::event::{Message, MessageType};
use pipes_media_core::queue::{Backoff, Completion, Pushed, RetryRequest};
use pipes_media_core::{Dequeue, Enqueue, Envelope, ErrorCode, ErrorReport, Report};
use pipes_media_store::{DurableConfig, DurableQueue, Requeue, StoreError};

/// Opens a store in `dir` with an empty report beside it.
fn open(dir: &std::path::Path, config: DurableConfig) -> DurableQueue {
    let report = Report::open(dir).expect("report");
    DurableQueue::open(&dir.join("state"), &report, config).expect("opens")
}

async fn push(q: &DurableQueue, e: Envelope) -> Pushed {
    q.enqueue(vec![e]).await.expect("enqueue").remove(0)
}

fn retry(code: &str, not_before: Option<Duration>) -> RetryRequest {
    RetryRequest {
        error: ErrorReport::new(code, "down"),
        not_before,
    }
}

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
    let q = open(dir.path(), fast());
    let pushed = q
        .enqueue(vec![
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
    assert_eq!(push(&q, envelope("early", "x")).await, Pushed::Duplicate);
    let first = q.take().await.expect("take").expect("job");
    assert_eq!(first.id(), "early");
    assert_eq!(first.attempt, 1);
    q.complete(first, Completion::Done).await.expect("complete");
    q.close().await;
    let second = q.take().await.expect("take").expect("job");
    assert_eq!(second.id(), "late");
    q.complete(second, Completion::Done)
        .await
        .expect("complete");
    assert!(q.take().await.expect("take").is_none());
    // Finished ids are still recognised.
    assert_eq!(push(&q, envelope("late", "x")).await, Pushed::Duplicate);
}

#[tokio::test]
async fn retries_back_off_then_dead_letter_and_requeue() {
    let dir = tempfile::tempdir().expect("tempdir");
    let q = open(dir.path(), fast());
    push(&q, envelope("a", "2025-03-02T10:00:00Z")).await;
    let job = q.take().await.expect("take").expect("job");
    assert_eq!((job.attempt, job.max_attempts), (1, 2));
    assert!(!job.is_last_attempt());
    q.retry(job, retry("HTTP_503", None)).await.expect("retry");
    assert_eq!(q.waiting(), 1);
    let job = q.take().await.expect("take").expect("retried job");
    assert_eq!(job.attempt, 2);
    assert!(
        job.is_last_attempt(),
        "the worker knows this is the last one"
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
    let job = q.take().await.expect("take").expect("requeued");
    assert_eq!(job.attempt, 1);
    assert!(job.replaces_report_line);
}

#[tokio::test]
async fn retry_after_is_honoured_by_the_scheduler() {
    let dir = tempfile::tempdir().expect("tempdir");
    let q = open(dir.path(), fast());
    push(&q, envelope("a", "2025-03-02T10:00:00Z")).await;
    let job = q.take().await.expect("take").expect("job");
    let started = std::time::Instant::now();
    let delay = q
        .retry(job, retry("RATE_LIMITED", Some(Duration::from_millis(700))))
        .await
        .expect("retry");
    assert!(delay >= Duration::from_millis(700), "{delay:?}");
    let job = q.take().await.expect("take").expect("retried");
    assert!(
        started.elapsed() >= Duration::from_millis(690),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(job.attempt, 2);
}

#[tokio::test]
async fn failures_for_a_local_reason_can_be_requeued() {
    let dir = tempfile::tempdir().expect("tempdir");
    let q = open(dir.path(), fast());
    for id in ["full", "gone", "io"] {
        push(&q, envelope(id, "2025-03-02T10:00:00Z")).await;
    }
    let code_of = |id: &str| match id {
        "full" => ErrorCode::DiskFull,
        "gone" => ErrorCode::NotFound,
        _ => ErrorCode::Io,
    };
    // The worker records its last error through a retry on the first attempt…
    for _ in 0..3 {
        let job = q.take().await.expect("take").expect("job");
        let error = ErrorReport::new(code_of(job.id()), "x");
        let retry = RetryRequest {
            error,
            not_before: None,
        };
        q.retry(job, retry).await.expect("retry");
    }
    // …and then ends it: the dead letter (retries ran out) keeps that error.
    for _ in 0..3 {
        let job = q.take().await.expect("take").expect("job");
        let how = if job.id() == "full" {
            Completion::DeadLettered
        } else {
            Completion::Failed
        };
        q.complete(job, how).await.expect("complete");
    }
    assert_eq!(q.failures().expect("failures").len(), 3);
    // Local reasons: the dead letter (full disk) and the local I/O failure, not the 404.
    assert_eq!(q.requeue_failed(&Requeue::Local).expect("requeue"), 2);
    assert_eq!(
        q.requeue_failed(&Requeue::Codes(vec![ErrorCode::NotFound]))
            .expect("requeue"),
        1
    );
    let mut again = Vec::new();
    q.close().await;
    while let Some(job) = q.take().await.expect("take") {
        assert!(job.replaces_report_line);
        again.push(job.id().to_owned());
        q.complete(job, Completion::Done).await.expect("complete");
    }
    again.sort();
    assert_eq!(again, ["full", "gone", "io"]);
}

#[tokio::test]
async fn a_damaged_store_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    std::fs::create_dir_all(&state).expect("mkdir");
    let report = Report::open(dir.path()).expect("report");
    for garbage in [
        b"not a database at all".to_vec(),
        vec![0u8; 8192],
        (0..65_536u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect(),
    ] {
        std::fs::write(state.join("queue.redb"), &garbage).expect("write");
        match DurableQueue::open(&state, &report, fast()) {
            Err(StoreError::Corrupt { path, .. }) => assert!(path.ends_with("queue.redb")),
            Err(other) => {
                let text = other.to_string();
                assert!(
                    text.contains("queue.redb") || text.contains("job store"),
                    "{text}"
                );
            }
            Ok(_) => panic!("a damaged store opened"),
        }
    }
}

#[tokio::test]
async fn a_recreated_store_still_knows_from_the_report_what_is_done() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("report.jsonl"), report_line("done-before")).expect("report");
    let report = Report::open(dir.path()).expect("report");
    // The state directory is gone: the store is new, the report is not.
    let q = DurableQueue::open(&dir.path().join("state"), &report, fast()).expect("opens");
    assert_eq!(q.counts().expect("counts"), Default::default());
    assert!(
        report.contains("done-before"),
        "the intake drops its redelivery"
    );
}

#[tokio::test]
async fn a_crash_resumes_unfinished_jobs_and_reconciles_with_the_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = dir.path().join("report.jsonl");
    {
        let q = open(dir.path(), fast());
        for id in [
            "in-flight",
            "written-not-marked",
            "marked-not-written",
            "waiting",
        ] {
            push(&q, envelope(id, "2025-03-02T10:00:00Z")).await;
        }
        let mut jobs = Vec::new();
        for _ in 0..3 {
            jobs.push(q.take().await.expect("take").expect("job"));
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
        push(&q, envelope("later", "2025-03-02T10:00:00Z")).await;
        // Crash: the queue is dropped with jobs taken.
    }
    let q = open(dir.path(), fast());
    q.close().await;
    let mut resumed = Vec::new();
    while let Some(job) = q.take().await.expect("take") {
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
    let q = open(dir.path(), fast());
    push(&q, envelope("a", "2025-03-02T10:00:00Z")).await;
    q.halt();
    assert!(
        q.take().await.expect("take").is_none(),
        "kept for the next run"
    );
    drop(q);
    let q = open(dir.path(), fast());
    assert_eq!(q.waiting(), 1);
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
    let q = open(dir.path(), config);
    q.enqueue(vec![
        envelope("a", "2025-03-01T10:00:00Z"),
        envelope("b", "2025-03-02T10:00:00Z"),
        envelope("c", "2025-03-03T10:00:00Z"),
    ])
    .await
    .expect("enqueue");
    let a = q.take().await.expect("take").expect("job");
    assert_eq!(a.id(), "a");
    q.complete(a, Completion::Done).await.expect("complete");
    assert_eq!(
        push(&q, envelope("a", "x")).await,
        Pushed::Duplicate,
        "within the window a finished id is remembered"
    );
    tokio::time::sleep(Duration::from_millis(400)).await;
    let b = q.take().await.expect("take").expect("job");
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
        push(&q, envelope("a", "2025-03-01T10:00:00Z")).await,
        Pushed::Enqueued,
        "past the window the id is forgotten"
    );
}

#[tokio::test]
async fn a_failure_written_before_a_crash_can_still_be_retried() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let q = open(dir.path(), fast());
        for id in ["full-disk", "not-found"] {
            push(&q, envelope(id, "2025-03-02T10:00:00Z")).await;
        }
        let _a = q.take().await.expect("take").expect("job");
        let _b = q.take().await.expect("take").expect("job");
        // Both lines reached the report; the crash came before `complete`.
        std::fs::write(
            dir.path().join("report.jsonl"),
            concat!(
                r#"{"messageId":"full-disk","status":"failed","error":{"code":"DISK_FULL","message":"no space"}}"#,
                "\n",
                r#"{"messageId":"not-found","status":"failed","error":{"code":"NOT_FOUND","message":"gone"}}"#,
                "\n"
            ),
        )
        .expect("report");
        push(&q, envelope("later", "2025-03-02T10:00:00Z")).await;
    }
    let q = open(dir.path(), fast());
    let mut failures = q.failures().expect("failures");
    failures.sort_by(|a, b| a.message_id.cmp(&b.message_id));
    let codes: Vec<(&str, Option<&ErrorCode>)> = failures
        .iter()
        .map(|f| {
            (
                f.message_id.as_str(),
                f.last_error.as_ref().map(|e| &e.code),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("full-disk", Some(&ErrorCode::DiskFull)),
            ("not-found", Some(&ErrorCode::NotFound))
        ],
        "the store took the outcome from the report"
    );
    assert_eq!(q.requeue_failed(&Requeue::Local).expect("requeue"), 1);
    q.close().await;
    let mut again = Vec::new();
    while let Some(job) = q.take().await.expect("take") {
        again.push(job.id().to_owned());
        q.complete(job, Completion::Done).await.expect("complete");
    }
    again.sort();
    assert_eq!(again, ["full-disk", "later"]);
}
