//! Redirects stay on the public internet: the presigned hop may not reach loopback,
//! link-local, private, CGNAT or other non-public addresses, in any spelling, unless they are
//! of the API's own class or the user opted in. The address checked is the one connected to:
//! names go through the storage client's resolver, which hands the connector only what passed.
//!
//! On loopback alone the rule is shown with [`StorageAddresses::PublicOnly`] (the simulator and
//! the API share the loopback class); the class rule itself runs in a network namespace with
//! private, CGNAT and link-local addresses of its own (skipped, visibly, without one).

#![allow(clippy::print_stderr)] // SKIP lines

mod netns;
mod sim_server;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use pipes_media_core::Blob;
use pipes_media_ingest::{ApiKey, ClientConfig, DownloadError, Downloader, StorageAddresses};
use pipes_media_sim::{MediaSpec, MessageSpec, Simulator, DEFAULT_USER};
use sim_server::{media, quick_queue, run_with, sim};

const U: &str = DEFAULT_USER;
const SECRET: &[u8] = b"AccessKeyId: ASIA-role-credentials-from-the-metadata-service";

fn downloader(sim: &Simulator, mode: StorageAddresses) -> Downloader {
    let mut config =
        ClientConfig::new(&sim.base_url(), ApiKey::new(sim.api_key())).expect("config");
    config.storage_addresses = mode;
    Downloader::new(config).expect("client")
}

fn storage_port(sim: &Simulator) -> u16 {
    sim.storage_url()
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("storage port")
}

/// Downloads `id` (whose body is [`SECRET`]) into a fresh directory: the blob, or the error and
/// whether anything was left on disk.
async fn get(downloader: &Downloader, id: &str) -> Result<Blob, (DownloadError, bool)> {
    let dir = tempfile::tempdir().expect("tempdir");
    let dest = dir.path().join("m.part");
    let result = tokio::time::timeout(
        Duration::from_secs(20),
        downloader.download(&media(id, SECRET.len() as u64), &dest),
    )
    .await
    .expect("the attempt ends");
    match result {
        Ok(blob) => {
            assert_eq!(std::fs::read(&dest).expect("stored"), SECRET);
            Ok(blob)
        }
        Err(e) => Err((e, std::fs::read_dir(dir.path()).expect("dir").count() > 0)),
    }
}

fn assert_blocked(result: Result<Blob, (DownloadError, bool)>, what: &str, class: &str) {
    match result {
        Ok(_) => panic!("{what}: the redirect was followed"),
        Err((error, left)) => {
            assert_eq!(error.code(), "BLOCKED_ADDRESS", "{what}: {error}");
            assert!(!error.is_retryable(), "{what}");
            assert!(
                matches!(&error, DownloadError::BlockedAddress { class: c, .. } if *c == class),
                "{what}: {error:?}"
            );
            assert!(!left, "{what}: nothing written");
        }
    }
}

/// Every spelling of the storage listener's loopback address, and whether it needs IPv6.
fn loopback_spellings(port: u16) -> Vec<(String, bool)> {
    [
        ("http://127.0.0.1", false),
        ("http://2130706433", false),
        ("http://0x7f.1", false),
        ("http://0177.0.0.1", false),
        ("http://127.1", false),
        ("http://127.0.0.1.", false),
        ("http://localhost", false),
        ("http://LOCALHOST", false),
        ("http://[::ffff:127.0.0.1]", true),
        ("http://[::ffff:7f00:1]", true),
    ]
    .into_iter()
    .map(|(origin, v6)| (format!("{origin}:{port}"), v6))
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_only_refuses_loopback_in_every_spelling_without_connecting() {
    let sim = sim().await;
    let id = sim.add_media(U, MediaSpec::bytes(SECRET, "text/plain"));
    let strict = downloader(&sim, StorageAddresses::PublicOnly);
    assert_blocked(get(&strict, &id).await, "the storage listener", "loopback");
    for (origin, _) in loopback_spellings(storage_port(&sim)) {
        sim.faults().redirect_origin(Some(origin.clone()));
        assert_blocked(get(&strict, &id).await, &origin, "loopback");
    }
    // "This host" spellings: Linux connects 0.0.0.0 and :: to the local machine.
    let default = downloader(&sim, StorageAddresses::default());
    for origin in unspecified_spellings(storage_port(&sim)) {
        sim.faults().redirect_origin(Some(origin.clone()));
        assert_blocked(get(&strict, &id).await, &origin, "unspecified");
        // Loopback being the API's class does not make "unspecified" loopback.
        assert_blocked(get(&default, &id).await, &origin, "unspecified");
    }
    let stats = sim.stats();
    assert_eq!(
        stats.storage_requests, 0,
        "no connection reached the storage host"
    );
    assert_eq!(stats.download_requests, 17, "one redirect each");
    sim.shutdown().await;
}

fn unspecified_spellings(port: u16) -> Vec<String> {
    ["http://0.0.0.0", "http://0", "http://[::]"]
        .into_iter()
        .map(|origin| format!("{origin}:{port}"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_spellings_reach_the_storage_host_when_allowed() {
    let sim = sim().await;
    let id = sim.add_media(U, MediaSpec::bytes(SECRET, "text/plain"));
    let port = storage_port(&sim);
    let ipv6 = std::net::TcpStream::connect(("::ffff:127.0.0.1", port)).is_ok();
    if !ipv6 {
        eprintln!("SKIP: IPv4-mapped IPv6 spellings: no IPv6 on this machine");
    }
    // Opted in, every spelling is followed: the block above is the policy, not a dead address.
    let open = downloader(&sim, StorageAddresses::Any);
    // By default loopback is the API's own class, so the simulator works as it always did.
    let default = downloader(&sim, StorageAddresses::default());
    let mut followed = 0;
    for (origin, needs_v6) in loopback_spellings(port) {
        if needs_v6 && !ipv6 {
            continue;
        }
        sim.faults().redirect_origin(Some(origin.clone()));
        for d in [&open, &default] {
            let blob = get(d, &id).await.map_err(|(e, _)| e);
            assert!(blob.is_ok(), "{origin}: {blob:?}");
            followed += 1;
        }
    }
    // Opted in, even the "this host" spellings reach the local storage listener: that is what
    // the block prevents.
    for origin in unspecified_spellings(port) {
        if origin.contains('[') {
            continue; // [::] reaches ::1, where the simulator (on 127.0.0.1) is not listening
        }
        sim.faults().redirect_origin(Some(origin.clone()));
        let blob = get(&open, &id).await.map_err(|(e, _)| e);
        assert!(blob.is_ok(), "{origin}: {blob:?}");
        followed += 1;
    }
    assert_eq!(sim.stats().storage_requests, followed);
    assert_eq!(sim.stats().auth_headers_at_storage, 0);
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blocked_redirect_is_reported_once_and_not_retried() {
    let sim = sim().await;
    let id = sim.add_media(U, MediaSpec::bytes(SECRET, "text/plain"));
    let msg = sim.send(U, MessageSpec::media("document", &id));
    sim.faults()
        .redirect_origin(Some(format!("http://localhost:{}", storage_port(&sim))));
    let strict = downloader(&sim, StorageAddresses::PublicOnly);
    let r = run_with(&sim, 1, strict, |b| b.queue(quick_queue(5))).await;
    let line = r.line(&msg);
    assert_eq!(line["status"], "failed");
    assert_eq!(line["error"]["code"], "BLOCKED_ADDRESS", "{line}");
    assert_eq!(line["attempts"], 1, "not retried: {line}");
    let message = line["error"]["message"].as_str().expect("message");
    assert!(
        message.contains("localhost") && message.contains("loopback"),
        "{message}"
    );
    assert_eq!(sim.stats().storage_requests, 0);
    sim.shutdown().await;
}

/// A simulator with its API on `api` and its storage listener on `storage` (port chosen by
/// the system), holding one media whose body is [`SECRET`].
async fn sim_on(api: [u8; 4], storage: [u8; 4]) -> (Simulator, String) {
    let sim = Simulator::builder()
        .drain_interval(Duration::from_millis(1))
        .bind(SocketAddr::from((api, 0)))
        .storage_bind(SocketAddr::from((storage, 0)))
        .start()
        .await
        .expect("simulator starts");
    let id = sim.add_media(U, MediaSpec::bytes(SECRET, "text/plain"));
    (sim, id)
}

/// The class rule with real addresses of each class, in a network namespace: an API on a
/// private address may redirect to that private network and nowhere else non-public; the
/// cloud-metadata address is refused in every spelling; a name is judged by what it resolves
/// to, and the connection uses only the addresses that passed.
#[test]
fn in_a_network_namespace_only_public_and_the_apis_class_are_reached() {
    if !netns::enter("in_a_network_namespace_only_public_and_the_apis_class_are_reached") {
        return;
    }
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        const LAB_API: [u8; 4] = [10, 77, 0, 2];

        // The case: a redirect to the metadata service, stored as the media before.
        let (sim, id) = sim_on(LAB_API, [169, 254, 169, 254]).await;
        let d = downloader(&sim, StorageAddresses::default());
        assert_blocked(get(&d, &id).await, "169.254.169.254", "link-local");
        let port = storage_port(&sim);
        for origin in [
            format!("http://2852039166:{port}"),
            format!("http://0xa9fea9fe:{port}"),
            format!("http://0251.0376.0251.0376:{port}"),
            format!("http://169.254.43518:{port}"),
            format!("http://[::ffff:169.254.169.254]:{port}"),
            format!("http://[::ffff:a9fe:a9fe]:{port}"),
        ] {
            sim.faults().redirect_origin(Some(origin.clone()));
            assert_blocked(get(&d, &id).await, &origin, "link-local");
        }
        assert_eq!(sim.stats().storage_requests, 0);
        // Opted in, the very same redirect does reach it.
        sim.faults().redirect_origin(None);
        let open = downloader(&sim, StorageAddresses::Any);
        assert!(get(&open, &id).await.is_ok(), "reachable when allowed");
        assert_eq!(sim.stats().storage_requests, 1);
        sim.shutdown().await;

        // Same class as the API (private): allowed, even on another private range.
        let (sim, id) = sim_on(LAB_API, [192, 168, 77, 1]).await;
        let d = downloader(&sim, StorageAddresses::default());
        assert!(get(&d, &id).await.is_ok(), "private → private");
        // ... but not under PublicOnly.
        let strict = downloader(&sim, StorageAddresses::PublicOnly);
        assert_blocked(get(&strict, &id).await, "192.168.77.1 strict", "private");
        sim.shutdown().await;

        // Other classes than the API's.
        let (sim, id) = sim_on(LAB_API, [100, 64, 0, 1]).await;
        let d = downloader(&sim, StorageAddresses::default());
        assert_blocked(get(&d, &id).await, "100.64.0.1", "shared (CGNAT)");
        sim.shutdown().await;
        let (sim, id) = sim_on(LAB_API, [127, 0, 0, 1]).await;
        let d = downloader(&sim, StorageAddresses::default());
        assert_blocked(
            get(&d, &id).await,
            "127.0.0.1 from a private API",
            "loopback",
        );
        sim.faults()
            .redirect_origin(Some(format!("http://localhost:{}", storage_port(&sim))));
        assert_blocked(
            get(&d, &id).await,
            "localhost from a private API",
            "loopback",
        );
        assert_eq!(sim.stats().storage_requests, 0);
        sim.shutdown().await;
        let (sim, id) = sim_on([127, 0, 0, 1], [10, 77, 0, 1]).await;
        let d = downloader(&sim, StorageAddresses::default());
        assert_blocked(
            get(&d, &id).await,
            "10.77.0.1 from a loopback API",
            "private",
        );
        sim.shutdown().await;

        // A name with a refused and an allowed address (`mixed.test`: 127.0.0.1, then
        // 10.77.0.1): only the allowed one is connected to. A trap listens on the loopback
        // address at the storage port and must never see a connection.
        let (sim, id) = sim_on(LAB_API, [10, 77, 0, 1]).await;
        let port = storage_port(&sim);
        let trap = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .expect("trap binds");
        let trapped = Arc::new(AtomicU32::new(0));
        let counter = Arc::clone(&trapped);
        let trap_task = tokio::spawn(async move {
            while trap.accept().await.is_ok() {
                counter.fetch_add(1, Ordering::SeqCst);
            }
        });
        sim.faults()
            .redirect_origin(Some(format!("http://mixed.test:{port}")));
        let d = downloader(&sim, StorageAddresses::default());
        let got = get(&d, &id).await.map_err(|(e, _)| e);
        assert!(got.is_ok(), "mixed.test via 10.77.0.1: {got:?}");
        assert_eq!(sim.stats().storage_requests, 1);
        tokio::time::sleep(Duration::from_millis(100)).await;
        trap_task.abort();
        assert_eq!(
            trapped.load(Ordering::SeqCst),
            0,
            "the refused address was never connected to"
        );
        sim.shutdown().await;
    });
}
