//! Every switchable fault, over real loopback sockets.
#![allow(clippy::unwrap_used)]

mod sim_client;

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use pipes_media_sim::{MediaSpec, MessageSpec, DEFAULT_USER};
use sim_client::*;
use tokio_tungstenite::tungstenite::Message;

#[tokio::test]
async fn failing_downloads_then_success() {
    let sim = start(10).await;
    let client = http();
    let a = sim.add_media(DEFAULT_USER, MediaSpec::bytes(&b"a"[..], "text/plain"));
    let b = sim.add_media(DEFAULT_USER, MediaSpec::bytes(&b"b"[..], "text/plain"));
    let key = sim.api_key();
    sim.faults().fail_downloads(503, 2);
    assert_error(
        download(&client, &sim, &a, Some(&key)).await,
        503,
        "INTERNAL_ERROR",
    )
    .await;
    assert_error(
        download(&client, &sim, &a, Some(&key)).await,
        503,
        "INTERNAL_ERROR",
    )
    .await;
    assert_eq!(fetch(&client, &sim, &a).await, b"a");
    // Counted per media id.
    assert_error(
        download(&client, &sim, &b, Some(&key)).await,
        503,
        "INTERNAL_ERROR",
    )
    .await;

    sim.faults().fail_downloads(429, 1);
    let response = download(&client, &sim, &a, Some(&key)).await;
    assert_eq!(response.headers()["retry-after"], "1");
    assert_error(response, 429, "RATE_LIMITED").await;
    assert_eq!(download(&client, &sim, &a, Some(&key)).await.status(), 302);
    let stats = sim.stats();
    assert_eq!(stats.downloads_by_media[&a], 5);
    assert_eq!(stats.downloads_by_media[&b], 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn truncated_bodies_promise_more_than_they_send() {
    let sim = start(10).await;
    let client = http();
    let id = sim.add_media(
        DEFAULT_USER,
        MediaSpec::generated(1_000_000, 5, "video/mp4"),
    );
    sim.faults().truncate_bodies(1);
    let url = presigned(&client, &sim, &id).await;
    let response = client.get(&url).send().await.unwrap();
    assert_eq!(response.headers()["content-length"], "1000000");
    let (got, outcome) = drain(response).await;
    assert!(outcome.is_err(), "the body must end in an error");
    assert!(got <= 500_000, "{got}");
    // The second GET of the same media is whole.
    let body = client
        .get(&url)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(body.len(), 1_000_000);
    sim.shutdown().await;
}

#[tokio::test]
async fn slow_bodies_are_throttled() {
    let sim = start(10).await;
    let client = http();
    let id = sim.add_media(DEFAULT_USER, MediaSpec::generated(40_000, 5, "video/mp4"));
    sim.faults().slow_bodies(Some(100_000));
    let started = Instant::now();
    assert_eq!(fetch(&client, &sim, &id).await.len(), 40_000);
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(350), "{elapsed:?}");
    sim.faults().slow_bodies(None);
    assert_eq!(fetch(&client, &sim, &id).await.len(), 40_000);
    sim.shutdown().await;
}

#[tokio::test]
async fn expired_presigned_urls_then_a_fresh_one() {
    let sim = start(10).await;
    let client = http();
    let id = sim.add_media(DEFAULT_USER, MediaSpec::bytes(&b"ok"[..], "text/plain"));
    sim.faults().expire_presigned(1);
    let url = presigned(&client, &sim, &id).await;
    assert_eq!(client.get(url).send().await.unwrap().status(), 403);
    assert_eq!(fetch(&client, &sim, &id).await, b"ok");
    sim.shutdown().await;
}

#[tokio::test]
async fn chunked_bodies_have_no_content_length() {
    let sim = start(10).await;
    let client = http();
    let id = sim.add_media(DEFAULT_USER, MediaSpec::generated(300_000, 1, "audio/ogg"));
    sim.faults().chunked(true);
    let url = presigned(&client, &sim, &id).await;
    let response = client.get(url).send().await.unwrap();
    assert!(response.headers().get("content-length").is_none());
    assert_eq!(response.headers()["transfer-encoding"], "chunked");
    assert_eq!(response.bytes().await.unwrap().len(), 300_000);
    sim.faults().clear();
    let url = presigned(&client, &sim, &id).await;
    let response = client.get(url).send().await.unwrap();
    assert_eq!(response.headers()["content-length"], "300000");
    sim.shutdown().await;
}

#[tokio::test]
async fn connections_drop_after_n_events_and_nothing_is_lost() {
    let sim = start(5).await;
    let ids: Vec<String> = (0..7)
        .map(|i| sim.send(DEFAULT_USER, MessageSpec::text(format!("m{i}"))))
        .collect();
    sim.faults().drop_after_events(Some(3));
    let mut received = Vec::new();
    for _ in 0..3 {
        let mut ws = connect_user(&sim).await;
        let mut frames = 0;
        loop {
            match tokio::time::timeout(Duration::from_secs(10), ws.next())
                .await
                .unwrap()
            {
                Some(Ok(Message::Text(t))) => {
                    let v: serde_json::Value = serde_json::from_str(t.as_str()).unwrap();
                    received.push(v["data"]["messageId"].as_str().unwrap().to_owned());
                    frames += 1;
                }
                // Abrupt: no close frame, the stream errors or ends.
                Some(Ok(Message::Close(_))) => panic!("a close frame was sent"),
                Some(Ok(_)) => {}
                None | Some(Err(_)) => break,
            }
            if received.len() == 7 {
                break;
            }
        }
        assert!(frames <= 3);
    }
    assert_eq!(received, ids);
    sim.shutdown().await;
}

#[tokio::test]
async fn redelivery_sends_each_event_twice() {
    let sim = start(10).await;
    let mut ws = connect_user(&sim).await;
    sim.faults().redeliver(true);
    let id = sim.send(DEFAULT_USER, MessageSpec::text("twice"));
    assert_eq!(next_message(&mut ws).await["messageId"], id.as_str());
    assert_eq!(next_message(&mut ws).await["messageId"], id.as_str());
    sim.faults().redeliver(false);
    let id2 = sim.send(DEFAULT_USER, MessageSpec::text("once"));
    assert_eq!(next_message(&mut ws).await["messageId"], id2.as_str());
    assert_silent(&mut ws, 100).await;
    assert_eq!(sim.stats().events_sent, 3);
    sim.shutdown().await;
}
