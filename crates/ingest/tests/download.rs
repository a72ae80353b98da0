//! The pipeline with the real client against the simulator over loopback: every download
//! outcome reaches the report with the right code, and the key never reaches storage.

mod sim_server;

use std::time::Duration;

use pipes_media_sim::{generated_sha256, MediaSpec, MessageSpec, DEFAULT_USER};
use pipes_media_testkit::files::files_under;
use sim_server::{downloader, run, run_with, sha256_file, sim};

const U: &str = DEFAULT_USER;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_status_reaches_the_report() {
    let sim = sim().await;
    sim.add_tenant("user_other", "pk_other_000000000000000000000000000");
    let ok = sim.add_media(U, MediaSpec::generated(300_000, 1, "image/jpeg"));
    let foreign = sim.add_media("user_other", MediaSpec::bytes(&b"secret"[..], "image/png"));
    let ids = [
        sim.send(U, MessageSpec::media("image", &ok).caption("ok")),
        sim.send(U, MessageSpec::media("image", &foreign)),
        sim.send(U, MessageSpec::media("document", "Zx8Qm2LrT0vBn4KcWy7Pa")),
        sim.send(U, MessageSpec::unavailable("audio", "audio/ogg")),
        sim.send(U, MessageSpec::text("hello")),
        sim.send(U, MessageSpec::of_type("location")),
    ];
    let r = run(&sim, ids.len() as u64, |b| b).await;
    assert_eq!(r.lines.len(), ids.len());

    let line = r.line(&ids[0]);
    assert_eq!(line["status"], "processed");
    assert_eq!(line["blob"]["size"], 300_000);
    assert_eq!(line["blob"]["sha256"], generated_sha256(300_000, 1));
    let stored = r
        .out
        .path()
        .join("out")
        .join(line["blob"]["path"].as_str().expect("path"));
    assert_eq!(sha256_file(&stored), generated_sha256(300_000, 1));

    assert_eq!(r.line(&ids[1])["error"]["code"], "FORBIDDEN");
    assert_eq!(r.line(&ids[1])["status"], "failed");
    assert_eq!(r.line(&ids[2])["error"]["code"], "NOT_FOUND");
    assert_eq!(r.line(&ids[3])["status"], "unavailable");
    assert_eq!(r.line(&ids[3])["media"]["declaredMime"], "audio/ogg");
    assert_eq!(r.line(&ids[4])["status"], "no_media");
    assert_eq!(r.line(&ids[5])["status"], "no_media");
    assert_eq!(r.line(&ids[5])["type"], "location");

    let stats = sim.stats();
    assert_eq!(stats.auth_headers_at_storage, 0);
    // Forbidden and not-found are not retried; unavailable media is never requested.
    assert_eq!(stats.download_requests, 3);
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_media_is_media_expired() {
    // A short retention, so that the queued message (24 h TTL) is still delivered.
    let sim = pipes_media_sim::Simulator::builder()
        .drain_interval(Duration::from_millis(1))
        .retention(Duration::from_secs(3600))
        .start()
        .await
        .expect("simulator starts");
    let media = sim.add_media(U, MediaSpec::bytes(vec![1u8; 1000], "audio/ogg"));
    let id = sim.send(U, MessageSpec::media("audio", &media));
    sim.advance(Duration::from_secs(3601));
    let r = run(&sim, 1, |b| b).await;
    assert_eq!(r.line(&id)["error"]["code"], "MEDIA_EXPIRED");
    assert_eq!(sim.stats().download_requests, 1, "410 is not retried");
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transient_failures_are_retried_to_success() {
    let sim = sim().await;
    let faults = sim.faults();
    faults.fail_downloads(503, 1);
    faults.truncate_bodies(1);
    faults.expire_presigned(1);
    let media: Vec<_> = (0..3)
        .map(|i| sim.add_media(U, MediaSpec::generated(200_000 + i, i, "video/mp4")))
        .collect();
    let ids: Vec<_> = media
        .iter()
        .map(|m| sim.send(U, MessageSpec::media("video", m)))
        .collect();
    let r = run(&sim, 3, |b| b).await;
    for (i, id) in ids.iter().enumerate() {
        let line = r.line(id);
        assert_eq!(line["status"], "processed", "{line}");
        assert_eq!(
            line["blob"]["sha256"],
            generated_sha256(200_000 + i as u64, i as u64)
        );
    }
    let stats = sim.stats();
    assert_eq!(stats.auth_headers_at_storage, 0);
    for m in &media {
        assert!(
            stats.downloads_by_media.get(m).copied().unwrap_or(0) >= 2,
            "{m} retried"
        );
    }
    assert!(
        files_under(&r.out.path().join("out/.work")).is_empty(),
        "no temp files left"
    );
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_are_retried_after_retry_after() {
    let sim = sim().await;
    sim.faults().fail_downloads(429, 1);
    let media = sim.add_media(U, MediaSpec::bytes(vec![7u8; 5000], "image/png"));
    let id = sim.send(U, MessageSpec::media("image", &media));
    let started = std::time::Instant::now();
    let r = run(&sim, 1, |b| b).await;
    assert_eq!(r.line(&id)["status"], "processed");
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "Retry-After: 1 honoured"
    );
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn permanent_server_errors_end_as_failed() {
    let sim = sim().await;
    sim.faults().fail_downloads(503, 100);
    let media = sim.add_media(U, MediaSpec::bytes(vec![7u8; 10], "image/png"));
    let id = sim.send(U, MessageSpec::media("image", &media));
    let r = run(&sim, 1, |b| b.queue(sim_server::quick_queue(1))).await;
    assert_eq!(r.line(&id)["error"]["code"], "HTTP_503");
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversize_media_is_refused_before_the_body() {
    let sim = sim().await;
    let declared = sim.add_media(U, MediaSpec::generated(50_000_000, 3, "video/mp4"));
    let lying = sim.add_media(
        U,
        MediaSpec::generated(50_000_000, 4, "video/mp4").declared_size(1000),
    );
    let ids = [
        sim.send(U, MessageSpec::media("video", &declared)),
        sim.send(U, MessageSpec::media("video", &lying)),
    ];
    let r = run_with(&sim, 2, downloader(&sim).max_size(10_000_000), |b| b).await;
    assert_eq!(r.line(&ids[0])["error"]["code"], "TOO_LARGE");
    assert_eq!(r.line(&ids[1])["error"]["code"], "TOO_LARGE");
    let stats = sim.stats();
    assert_eq!(
        stats
            .downloads_by_media
            .get(&declared)
            .copied()
            .unwrap_or(0),
        0,
        "refused from byteSize"
    );
    assert!(
        stats.bytes_served < 5_000_000,
        "the body was not read: {} bytes",
        stats.bytes_served
    );
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversize_chunked_bodies_are_cut_while_streaming() {
    let sim = sim().await;
    sim.faults().chunked(true);
    let media = sim.add_media(
        U,
        MediaSpec::generated(30_000_000, 5, "video/mp4").declared_size(10),
    );
    let id = sim.send(U, MessageSpec::media("video", &media));
    let r = run_with(&sim, 1, downloader(&sim).max_size(10_000_000), |b| b).await;
    assert_eq!(r.line(&id)["error"]["code"], "TOO_LARGE");
    assert!(
        sim.stats().bytes_served < 20_000_000,
        "stopped reading at the limit"
    );
    assert!(files_under(&r.out.path().join("out"))
        .iter()
        .all(|p| !p.to_string_lossy().contains(".part")));
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_file_names_stay_inside_the_output() {
    let sim = sim().await;
    let names = [
        "../../x.pdf".to_owned(),
        "/etc/passwd".to_owned(),
        "..\\..\\win.pdf".to_owned(),
        "a\u{0}b\nc\u{7}.pdf".to_owned(),
        "x".repeat(10_000) + ".pdf",
        "..".to_owned(),
    ];
    let mut ids = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let media = sim.add_media(U, MediaSpec::bytes(vec![i as u8; 100], "application/pdf"));
        ids.push(sim.send(
            U,
            MessageSpec::media("document", &media).file_name(name.clone()),
        ));
    }
    let r = run(&sim, names.len() as u64, |b| b).await;
    let out = r.out.path().join("out").canonicalize().expect("out exists");
    for id in &ids {
        let line = r.line(id);
        assert_eq!(line["status"], "processed");
        let path = out.join(line["blob"]["path"].as_str().expect("path"));
        let real = path.canonicalize().expect("blob exists");
        assert!(
            real.starts_with(out.join("media")),
            "{real:?} inside media/"
        );
    }
    // Nothing was written next to the output directory.
    let siblings: Vec<_> = std::fs::read_dir(r.out.path())
        .expect("tempdir")
        .flatten()
        .collect();
    assert_eq!(siblings.len(), 1, "only out/ in the parent: {siblings:?}");
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropped_sockets_and_redelivery_still_finish_each_message_once() {
    let sim = sim().await;
    let faults = sim.faults();
    faults.drop_after_events(Some(3));
    faults.redeliver(true);
    let mut ids = Vec::new();
    for i in 0..20u64 {
        let media = sim.add_media(U, MediaSpec::generated(10_000 + i, i, "image/jpeg"));
        ids.push(sim.send(U, MessageSpec::media("image", &media)));
    }
    let r = run(&sim, 20, |b| b).await;
    assert_eq!(r.lines.len(), 20);
    for id in &ids {
        assert_eq!(r.line(id)["status"], "processed");
    }
    assert!(
        sim.stats().ws_connections >= 7,
        "reconnected after each drop"
    );
    assert_eq!(sim.stats().auth_headers_at_storage, 0);
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_key_on_download_is_unauthorized_and_not_retried() {
    use pipes_media_core::event::{AvailableMedia, MediaId};
    use pipes_media_ingest::{ApiKey, ClientConfig, Downloader};
    let sim = sim().await;
    let media = sim.add_media(U, MediaSpec::bytes(vec![1u8; 100], "image/png"));
    let config = ClientConfig::new(
        &sim.base_url(),
        ApiKey::new("pk_wrong_key_0000000000000000000000"),
    )
    .expect("config");
    let downloader = Downloader::new(config).expect("client");
    let dir = tempfile::tempdir().expect("tempdir");
    let dest = dir.path().join("x.part");
    let error = downloader
        .download(
            &AvailableMedia {
                id: MediaId::new(media),
                mime_type: None,
                file_name: None,
                byte_size: 100,
            },
            &dest,
        )
        .await
        .expect_err("401");
    assert_eq!(error.code(), "UNAUTHORIZED");
    assert!(!error.is_retryable());
    assert!(!error.to_string().contains("wrong_key"));
    assert_eq!(sim.stats().download_requests, 1);
    assert!(!dest.exists(), "no partial file left");
    sim.shutdown().await;
}

/// Retries live at one level, the scheduler: an API that always answers 503 costs exactly
/// `max_attempts` requests in all (not attempts × the downloader's own retries), and a storage
/// host that always refuses its presigned URL costs one fresh redirect per attempt.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retries_cost_one_request_per_attempt() {
    let sim = sim().await;
    sim.faults().fail_downloads(503, 1000);
    let media = sim.add_media(U, MediaSpec::bytes(vec![7u8; 10], "image/png"));
    let id = sim.send(U, MessageSpec::media("image", &media));
    let r = run(&sim, 1, |b| b.queue(sim_server::quick_queue(3))).await;
    let line = r.line(&id);
    assert_eq!(line["error"]["code"], "HTTP_503");
    assert_eq!(line["attempts"], 3);
    assert_eq!(
        sim.stats().download_requests,
        3,
        "one API request per attempt"
    );
    sim.shutdown().await;

    let sim = sim_server::sim().await;
    sim.faults().expire_presigned(1000);
    let media = sim.add_media(U, MediaSpec::bytes(vec![7u8; 10], "image/png"));
    let id = sim.send(U, MessageSpec::media("image", &media));
    let r = run(&sim, 1, |b| b.queue(sim_server::quick_queue(2))).await;
    assert_eq!(r.line(&id)["error"]["code"], "PRESIGNED_REFUSED");
    let stats = sim.stats();
    assert_eq!(
        stats.download_requests, 4,
        "the redirect and one fresh one, per attempt"
    );
    assert_eq!(stats.storage_requests, 4);
    assert_eq!(stats.auth_headers_at_storage, 0);
    sim.shutdown().await;
}
