//! The faults of a hostile or broken storage host, over real loopback sockets: stalls, silence,
//! redirects elsewhere, forged error texts, and the ways a `Range` request can go wrong.
#![allow(clippy::unwrap_used)]

mod sim_client;

use std::time::{Duration, Instant};

use pipes_media_sim::{fill_generated, MediaSpec, DEFAULT_USER};
use serde_json::Value;
use sim_client::*;

fn generated(len: usize, seed: u64) -> Vec<u8> {
    let mut bytes = vec![0u8; len];
    fill_generated(seed, 0, &mut bytes);
    bytes
}

#[tokio::test]
async fn bodies_carry_a_strong_etag_and_if_range_guards_ranges() {
    let sim = start(10).await;
    let client = http();
    let id = sim.add_media(DEFAULT_USER, MediaSpec::generated(10_000, 3, "video/mp4"));
    let url = presigned(&client, &sim, &id).await;
    let whole = client.get(&url).send().await.unwrap();
    let etag = whole.headers()["etag"].to_str().unwrap().to_owned();
    assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
    // Same object, same validator.
    let again = client.get(&url).send().await.unwrap();
    assert_eq!(again.headers()["etag"], etag.as_str());

    let ranged = client
        .get(&url)
        .header("range", "bytes=4000-")
        .header("if-range", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(ranged.status(), 206);
    assert_eq!(ranged.headers()["content-range"], "bytes 4000-9999/10000");
    assert_eq!(
        &ranged.bytes().await.unwrap()[..],
        &generated(10_000, 3)[4000..]
    );

    let stale = client
        .get(&url)
        .header("range", "bytes=4000-")
        .header("if-range", "\"something-else\"")
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 200, "a stale validator gets the whole body");
    assert_eq!(stale.bytes().await.unwrap().len(), 10_000);
    sim.shutdown().await;
}

#[tokio::test]
async fn range_faults_ignore_misstate_and_rewrite() {
    let sim = start(10).await;
    let client = http();
    let id = sim.add_media(DEFAULT_USER, MediaSpec::generated(10_000, 4, "video/mp4"));
    let url = presigned(&client, &sim, &id).await;
    let etag = client.get(&url).send().await.unwrap().headers()["etag"]
        .to_str()
        .unwrap()
        .to_owned();

    sim.faults().ignore_ranges(true);
    let r = client
        .get(&url)
        .header("range", "bytes=100-")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.bytes().await.unwrap().len(), 10_000);
    sim.faults().clear();

    sim.faults().misrange(true);
    let r = client
        .get(&url)
        .header("range", "bytes=100-")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 206);
    assert_eq!(r.headers()["content-range"], "bytes 0-9999/10000");
    assert_eq!(r.bytes().await.unwrap().len(), 10_000);
    // Without a Range header the answer is an ordinary 200.
    assert_eq!(client.get(&url).send().await.unwrap().status(), 200);
    sim.faults().clear();

    sim.faults().vary_etag(true);
    let a = client.get(&url).send().await.unwrap();
    let b = client.get(&url).send().await.unwrap();
    assert_ne!(a.headers()["etag"], b.headers()["etag"]);
    assert_ne!(a.headers()["etag"], etag.as_str());
    let r = client
        .get(&url)
        .header("range", "bytes=100-")
        .header("if-range", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "the object changed: whole body");
    sim.faults().ignore_if_range(true);
    let r = client
        .get(&url)
        .header("range", "bytes=100-")
        .header("if-range", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 206, "If-Range ignored");
    assert_ne!(r.headers()["etag"], etag.as_str());
    sim.faults().clear();

    sim.faults().shrink_objects(Some(1000));
    let r = client
        .get(&url)
        .header("range", "bytes=100-")
        .header("if-range", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 206);
    assert_eq!(
        r.headers()["etag"],
        etag.as_str(),
        "same validator, other length"
    );
    assert_eq!(r.headers()["content-range"], "bytes 100-8999/9000");
    assert_eq!(&r.bytes().await.unwrap()[..], &generated(9000, 4)[100..]);
    sim.shutdown().await;
}

#[tokio::test]
async fn stalled_bodies_send_a_prefix_then_nothing() {
    let sim = start(10).await;
    let client = http();
    let id = sim.add_media(DEFAULT_USER, MediaSpec::generated(100_000, 5, "video/mp4"));
    sim.faults().stall_bodies_after(Some(30_000));
    let url = presigned(&client, &sim, &id).await;
    let mut response = client.get(&url).send().await.unwrap();
    assert_eq!(response.headers()["content-length"], "100000");
    let mut got = 0;
    while got < 30_000 {
        got += response.chunk().await.unwrap().unwrap().len();
    }
    assert_eq!(got, 30_000);
    let next = tokio::time::timeout(Duration::from_millis(500), response.chunk()).await;
    assert!(next.is_err(), "silent after the prefix");
    // Counted per response: a Range request gets its own prefix.
    let ranged = client
        .get(&url)
        .header("range", "bytes=90000-")
        .send()
        .await
        .unwrap();
    let (n, outcome) = drain(ranged).await;
    assert_eq!(
        (n, outcome.is_ok()),
        (10_000, true),
        "shorter than the stall point"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn a_hanging_storage_host_accepts_and_never_answers() {
    let sim = start(10).await;
    let client = http();
    let id = sim.add_media(DEFAULT_USER, MediaSpec::bytes(&b"x"[..], "text/plain"));
    sim.faults().hang_storage(true);
    let url = presigned(&client, &sim, &id).await;
    let started = Instant::now();
    let answer = tokio::time::timeout(Duration::from_millis(700), client.get(&url).send()).await;
    assert!(answer.is_err(), "no status line");
    assert!(started.elapsed() >= Duration::from_millis(650));
    assert_eq!(sim.stats().storage_requests, 1, "the request was read");
    sim.faults().hang_storage(false);
    assert_eq!(client.get(&url).send().await.unwrap().status(), 200);
    sim.shutdown().await;
}

#[tokio::test]
async fn redirects_can_point_anywhere_and_error_texts_can_be_forged() {
    let sim = start(10).await;
    let client = http();
    let id = sim.add_media(DEFAULT_USER, MediaSpec::bytes(&b"x"[..], "text/plain"));
    sim.faults()
        .redirect_origin(Some("http://169.254.169.254:8080".into()));
    let url = presigned(&client, &sim, &id).await;
    assert!(
        url.starts_with("http://169.254.169.254:8080/o/") && url.contains("sig="),
        "{url}"
    );
    // The signed path still works on the real storage listener.
    let path = url.trim_start_matches("http://169.254.169.254:8080");
    assert_eq!(
        get_body(&client, &format!("{}{path}", sim.storage_url()), None).await,
        b"x"
    );

    sim.faults()
        .error_text(Some("oops\nINFO forged line \u{1b}[2J".into()));
    sim.faults().fail_downloads(400, 1);
    let response = download(&client, &sim, &id, Some(&sim.api_key())).await;
    assert_eq!(response.status(), 400);
    let body: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    assert_eq!(body["error"], "oops\nINFO forged line \u{1b}[2J");
    assert_eq!(body["code"], "BAD_REQUEST");
    sim.shutdown().await;
}
