//! A slow peer cannot hold a download slot: a dripping or stalled body, a storage host that
//! never answers and an API that accepts and stays silent each end the attempt with a typed,
//! retryable code (`TOO_SLOW`, `TIMEOUT`), the queue retries, and the message ends failed with
//! that code. Limits are small here (milliseconds); `config.rs` checks the defaults.

mod sim_server;

use std::time::{Duration, Instant};

use pipes_media_ingest::{ApiKey, ClientConfig, DownloadError, Downloader};
use pipes_media_sim::{generated_sha256, MediaSpec, MessageSpec, DEFAULT_USER};
use pipes_media_testkit::files::files_under;
use sim_server::{media, quick_limits, quick_queue, run_with, sim};

const U: &str = DEFAULT_USER;

/// Runs `download` with a guard far above the limits: a hang fails the test instead of
/// blocking it.
async fn bounded<T>(download: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(30), download)
        .await
        .expect("the attempt ended (limits enforced)")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_byte_a_second_is_too_slow() {
    let sim = sim().await;
    let id = sim.add_media(U, MediaSpec::generated(10_000, 1, "video/mp4"));
    sim.faults().slow_bodies(Some(1));
    let downloader = quick_limits(&sim, |l| l.speed_window = Duration::from_secs(2));
    let dir = tempfile::tempdir().expect("tempdir");
    let started = Instant::now();
    let error = bounded(downloader.download(&media(&id, 10_000), &dir.path().join("m.part")))
        .await
        .expect_err("too slow");
    let elapsed = started.elapsed();
    assert_eq!(error.code(), "TOO_SLOW", "{error}");
    assert!(error.is_retryable());
    match error {
        DownloadError::TooSlow {
            received,
            window,
            min_speed,
        } => {
            assert!(received <= 4, "a byte a second: {received} bytes");
            assert!(window >= Duration::from_secs(2), "{window:?}");
            assert_eq!(min_speed, 1024);
        }
        other => panic!("{other:?}"),
    }
    assert!(
        elapsed >= Duration::from_secs(2),
        "judged over a whole window: {elapsed:?}"
    );
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dripping_body_is_retried_then_fails_too_slow() {
    let sim = sim().await;
    let drip = sim.add_media(U, MediaSpec::generated(50_000, 2, "video/mp4"));
    let msg = sim.send(U, MessageSpec::media("video", &drip));
    sim.faults().slow_bodies(Some(1));
    let downloader = quick_limits(&sim, |_| {});
    let r = run_with(&sim, 1, downloader, |b| b.queue(quick_queue(2))).await;
    let line = r.line(&msg);
    assert_eq!(line["status"], "failed", "{line}");
    assert_eq!(line["error"]["code"], "TOO_SLOW", "{line}");
    assert_eq!(line["attempts"], 2, "retried once: {line}");
    let stats = sim.stats();
    assert_eq!(
        stats.downloads_by_media[&drip], 2,
        "one redirect per attempt"
    );
    assert_eq!(stats.auth_headers_at_storage, 0);
    assert!(
        files_under(&r.out.path().join("out/.work")).is_empty(),
        "the kept prefix is removed when the message finishes"
    );
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_body_frees_the_only_download_slot() {
    let sim = sim().await;
    // Every body goes silent after 5000 bytes: the large one stalls, the small one is whole
    // before that.
    sim.faults().stall_bodies_after(Some(5_000));
    let stuck = sim.add_media(U, MediaSpec::generated(60_000, 8, "video/mp4"));
    let fine = sim.add_media(U, MediaSpec::generated(4_000, 9, "image/jpeg"));
    let stuck_id = sim.send(U, MessageSpec::media("video", &stuck));
    let fine_id = sim.send(U, MessageSpec::media("image", &fine));
    let downloader = quick_limits(&sim, |_| {});
    let r = run_with(&sim, 2, downloader, |b| {
        b.queue(quick_queue(3)).download_concurrency(1)
    })
    .await;
    let line = r.line(&stuck_id);
    assert_eq!(line["error"]["code"], "TOO_SLOW", "{line}");
    assert_eq!(line["attempts"], 3, "{line}");
    let fine_line = r.line(&fine_id);
    assert_eq!(fine_line["status"], "processed", "{fine_line}");
    assert_eq!(fine_line["blob"]["sha256"], generated_sha256(4_000, 9));
    // Each retry of the stalled body resumed from its kept prefix (which then stalled at once).
    assert_eq!(sim.stats().range_requests, 2);
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_body_keeps_its_prefix_and_the_next_attempt_resumes_it() {
    let sim = sim().await;
    let len = 2_000_000;
    let id = sim.add_media(U, MediaSpec::generated(len, 4, "video/mp4"));
    sim.faults().stall_bodies_after(Some(700_000));
    let downloader = quick_limits(&sim, |_| {});
    let dir = tempfile::tempdir().expect("tempdir");
    let part = dir.path().join("m.part");
    let error = bounded(downloader.download(&media(&id, len), &part))
        .await
        .expect_err("stalled");
    assert_eq!(error.code(), "TOO_SLOW", "{error}");
    let kept = std::fs::metadata(&part).expect("prefix kept").len();
    assert_eq!(kept, 700_000, "everything received is on disk");

    sim.faults().clear();
    let blob = bounded(downloader.download(&media(&id, len), &part))
        .await
        .expect("resumed");
    assert_eq!(blob.len(), len);
    assert_eq!(blob.sha256_hex(), generated_sha256(len, 4));
    let stats = sim.stats();
    assert_eq!(stats.range_requests, 1);
    assert_eq!(stats.bytes_served, len, "nothing sent twice");
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_storage_host_that_never_answers_times_out_on_every_attempt() {
    let sim = sim().await;
    let id = sim.add_media(U, MediaSpec::generated(1000, 5, "image/png"));
    let msg = sim.send(U, MessageSpec::media("image", &id));
    sim.faults().hang_storage(true);
    let downloader = quick_limits(&sim, |_| {});
    let r = run_with(&sim, 1, downloader, |b| b.queue(quick_queue(3))).await;
    let line = r.line(&msg);
    assert_eq!(line["error"]["code"], "TIMEOUT", "{line}");
    assert_eq!(line["attempts"], 3);
    assert!(
        line["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("no response from the storage host")),
        "{line}"
    );
    let stats = sim.stats();
    assert_eq!(stats.storage_requests, 3);
    assert_eq!(stats.download_requests, 3);
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_api_that_accepts_and_never_answers_times_out() {
    // The kernel completes the handshake of a listening socket nobody accepts from: a peer
    // that takes the connection and says nothing.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", silent.local_addr().expect("addr"));
    let mut config =
        ClientConfig::new(&base, ApiKey::new("pk_test_0000000000000000000000000")).expect("config");
    config.download.response_timeout = Duration::from_millis(300);
    let downloader = Downloader::new(config).expect("client");
    let dir = tempfile::tempdir().expect("tempdir");
    let error = bounded(downloader.download(
        &media("Zx8Qm2LrT0vBn4KcWy7Pa", 10),
        &dir.path().join("m.part"),
    ))
    .await
    .expect_err("no answer");
    assert_eq!(error.code(), "TIMEOUT");
    assert!(error.is_retryable());
    assert!(
        matches!(error, DownloadError::NoResponse { origin: "api", .. }),
        "{error:?}"
    );
    drop(silent);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_above_the_minimum_speed_still_meets_the_deadline() {
    let sim = sim().await;
    let len = 400_000;
    let id = sim.add_media(U, MediaSpec::generated(len, 6, "video/mp4"));
    // 100 KB/s: well above 1 KiB/s, but 4 s for the body against a 1 s deadline.
    sim.faults().slow_bodies(Some(100_000));
    let downloader = quick_limits(&sim, |l| l.deadline = Duration::from_secs(1));
    let dir = tempfile::tempdir().expect("tempdir");
    let part = dir.path().join("m.part");
    let error = bounded(downloader.download(&media(&id, len), &part))
        .await
        .expect_err("deadline");
    assert_eq!(error.code(), "TIMEOUT", "{error}");
    let DownloadError::Deadline { limit, received } = error else {
        panic!("{error:?}");
    };
    assert_eq!(limit, Duration::from_secs(1));
    assert!(received > 0 && received < len, "{received}");
    // What arrived is kept; without the throttle the next attempt finishes from there.
    sim.faults().clear();
    let blob = bounded(downloader.download(&media(&id, len), &part))
        .await
        .expect("resumed");
    assert_eq!(blob.sha256_hex(), generated_sha256(len, 6));
    assert_eq!(sim.stats().range_requests, 1);
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_speed_check_can_be_turned_off_and_the_deadline_still_holds() {
    let sim = sim().await;
    let id = sim.add_media(U, MediaSpec::generated(10_000, 7, "video/mp4"));
    sim.faults().stall_bodies_after(Some(10));
    let downloader = quick_limits(&sim, |l| {
        l.min_speed = 0;
        l.deadline = Duration::from_millis(1500);
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let error = bounded(downloader.download(&media(&id, 10_000), &dir.path().join("m.part")))
        .await
        .expect_err("deadline");
    assert!(matches!(error, DownloadError::Deadline { .. }), "{error:?}");
    sim.shutdown().await;
}
