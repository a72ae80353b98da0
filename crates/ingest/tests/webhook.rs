//! Webhook delivery end to end: the simulator posts (signed, retried at its schedule, falling
//! back to the WebSocket), the receiver checks and enqueues, the pipeline writes one line per
//! message whichever path it took.

mod sim_server;

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use pipes_media_core::source::Merge;
use pipes_media_core::{Pipeline, Source};
use pipes_media_ingest::webhook::sign;
use pipes_media_ingest::{WebSocketSource, WebhookConfig, WebhookSecret, WebhookSource};
use pipes_media_sim::{MediaSpec, MessageSpec, Simulator, WebhookTarget, DEFAULT_USER as U};
use pipes_media_testkit::files::read_report;
use serde_json::Value;
use sim_server::{config, downloader, quick_queue, sim};

const SECRET: &str = "a-shared-secret-of-some-length";

fn fast(url: String) -> WebhookTarget {
    WebhookTarget::new(url, Some(SECRET)).schedule(vec![
        Duration::ZERO,
        Duration::from_millis(50),
        Duration::from_millis(200),
    ])
}

async fn receiver() -> WebhookSource {
    let config = WebhookConfig::new(
        "127.0.0.1:0".parse().expect("addr"),
        Some(WebhookSecret::new(SECRET)),
    );
    WebhookSource::bind(config).await.expect("binds")
}

/// Runs a pipeline over `source` until `n` messages are finished; returns the report.
async fn run(sim: &Simulator, source: impl Source, n: u64) -> Vec<Value> {
    let out = tempfile::tempdir().expect("tempdir");
    let pipeline = Pipeline::builder()
        .out_dir(out.path())
        .source(source)
        .queue(quick_queue(3))
        .fetcher(downloader(sim))
        .max_messages(n)
        .concurrency(4)
        .build()
        .expect("builds");
    tokio::time::timeout(Duration::from_secs(60), pipeline.run())
        .await
        .expect("finishes in time")
        .expect("runs");
    read_report(out.path())
}

fn unique_ids(lines: &[Value]) -> HashSet<String> {
    let ids: HashSet<String> = lines
        .iter()
        .filter_map(|l| l["messageId"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(ids.len(), lines.len(), "one line per message");
    ids
}

/// A proxy in front of the receiver that answers `500` to its first `failures` requests.
async fn failing_proxy(to: SocketAddr, failures: u32) -> (String, Arc<AtomicU32>) {
    let seen = Arc::new(AtomicU32::new(0));
    let counter = seen.clone();
    let client = reqwest::Client::new();
    let app = axum::Router::new().route(
        "/webhook",
        axum::routing::post(
            move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                let (client, counter) = (client.clone(), counter.clone());
                async move {
                    if counter.fetch_add(1, Ordering::SeqCst) < failures {
                        return axum::http::StatusCode::INTERNAL_SERVER_ERROR;
                    }
                    let mut request = client.post(format!("http://{to}/webhook")).body(body);
                    for (name, value) in &headers {
                        if name != "host" && name != "content-length" {
                            request = request.header(name, value);
                        }
                    }
                    match request.send().await {
                        Ok(r) => axum::http::StatusCode::from_u16(r.status().as_u16())
                            .unwrap_or(axum::http::StatusCode::BAD_GATEWAY),
                        Err(_) => axum::http::StatusCode::BAD_GATEWAY,
                    }
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{addr}/webhook"), seen)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_deliveries_become_the_same_messages_as_the_websocket_gives() {
    let sim = sim().await;
    let source = receiver().await;
    sim.set_webhook(
        U,
        Some(fast(format!("http://{}/webhook", source.local_addr()))),
    );
    let media = sim.add_media(
        U,
        MediaSpec::generated(30_000, 1, "image/jpeg").file_name("r.jpg"),
    );
    let photo = sim.send(U, MessageSpec::media("image", &media).caption("Receipt"));
    let text = sim.send(U, MessageSpec::text("hello"));
    let lines = run(&sim, source, 2).await;
    let ids = unique_ids(&lines);
    assert!(ids.contains(&photo) && ids.contains(&text));
    let line = lines
        .iter()
        .find(|l| l["messageId"] == photo.as_str())
        .expect("photo");
    assert_eq!(line["status"], "processed", "{line}");
    assert_eq!(line["media"]["fileName"], "r.jpg");
    assert_eq!(
        line["blob"]["sha256"],
        pipes_media_sim::generated_sha256(30_000, 1)
    );
    let stats = sim.webhook_stats();
    assert_eq!(
        (stats.attempts, stats.delivered, stats.fallbacks),
        (2, 2, 0)
    );
    assert_eq!(
        sim.stats().events_sent,
        0,
        "nothing went over the WebSocket"
    );
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_missing_oversized_and_malformed_requests_are_refused() {
    let source = receiver().await;
    let url = format!("http://{}/webhook", source.local_addr());
    let client = reqwest::Client::new();
    let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"p","changes":[{"value":{"messages":[{"id":"forged","from":"1","type":"text","text":{"body":"x"}}]}}]}],"pipes":{"conversationId":"c"}}"#;
    let post = |signature: Option<String>, content_type: &'static str, body: Vec<u8>| {
        let mut request = client
            .post(&url)
            .header("content-type", content_type)
            .body(body);
        if let Some(signature) = signature {
            request = request.header("x-pipes-signature", signature);
        }
        request.send()
    };
    let status = |r: reqwest::Result<reqwest::Response>| r.expect("answers").status().as_u16();
    assert_eq!(
        status(post(None, "application/json", body.to_vec()).await),
        401
    );
    assert_eq!(
        status(post(Some("00".repeat(32)), "application/json", body.to_vec()).await),
        401
    );
    assert_eq!(
        status(
            post(
                Some(sign("another secret", body)),
                "application/json",
                body.to_vec()
            )
            .await
        ),
        401
    );
    assert_eq!(
        status(
            post(
                Some(sign(SECRET, body).to_uppercase()),
                "application/json",
                body.to_vec()
            )
            .await
        ),
        401
    );
    assert_eq!(
        status(post(Some(sign(SECRET, body)), "text/plain", body.to_vec()).await),
        400
    );
    let broken = b"{\"entry\": [".to_vec();
    assert_eq!(
        status(post(Some(sign(SECRET, &broken)), "application/json", broken).await),
        400
    );
    let started = Instant::now();
    let huge = vec![b' '; 10 * 1024 * 1024];
    let answer = post(Some(sign(SECRET, &huge)), "application/json", huge).await;
    // A 413 as soon as the cap is passed (the client may see the connection closed instead).
    if let Ok(response) = answer {
        assert_eq!(response.status().as_u16(), 413);
    }
    assert!(started.elapsed() < Duration::from_secs(10));
    // Nothing of that was enqueued, and the receiver still serves: a good one goes through.
    let mut source = source;
    assert!(matches!(
        source.next().await,
        Ok(Some(pipes_media_core::SourceEvent::Connected))
    ));
    let good = post(Some(sign(SECRET, body)), "application/json", body.to_vec());
    let (answer, event) = tokio::join!(good, async {
        let event = source.next().await.expect("event").expect("some");
        match event {
            pipes_media_core::SourceEvent::Acked(envelope, ack) => {
                ack.send(pipes_media_core::source::Delivered::Stored);
                envelope.id().to_owned()
            }
            other => panic!("{other:?}"),
        }
    });
    assert_eq!(answer.expect("answers").status().as_u16(), 200);
    assert_eq!(
        event, "forged",
        "the only message that reached the intake is the signed one"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_receiver_that_fails_twice_gets_the_third_attempt() {
    let sim = sim().await;
    let source = receiver().await;
    let (proxy, seen) = failing_proxy(source.local_addr(), 2).await;
    sim.set_webhook(U, Some(fast(proxy)));
    let id = sim.send(U, MessageSpec::text("third time lucky"));
    let lines = run(&sim, source, 1).await;
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["messageId"], id.as_str());
    assert_eq!(seen.load(Ordering::SeqCst), 3);
    let stats = sim.webhook_stats();
    assert_eq!(
        (stats.attempts, stats.delivered, stats.fallbacks),
        (3, 1, 0)
    );
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_three_failures_the_websocket_fallback_brings_it_once() {
    let sim = sim().await;
    let webhook = receiver().await;
    let (proxy, _) = failing_proxy(webhook.local_addr(), u32::MAX).await;
    sim.set_webhook(U, Some(fast(proxy)));
    let id = sim.send(U, MessageSpec::text("via the socket in the end"));
    let both = Merge::new(vec![
        Box::new(webhook),
        Box::new(WebSocketSource::new(config(&sim))),
    ]);
    let lines = run(&sim, both, 1).await;
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["messageId"], id.as_str());
    assert_eq!(sim.webhook_stats().fallbacks, 1);
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_by_both_paths_has_one_line() {
    let sim = sim().await;
    let webhook = receiver().await;
    let url = format!("http://{}/webhook", webhook.local_addr());
    sim.set_webhook(U, Some(fast(url).also_websocket(true)));
    let ids: Vec<String> = (0..5)
        .map(|i| sim.send(U, MessageSpec::text(format!("both ways {i}"))))
        .collect();
    let both = Merge::new(vec![
        Box::new(webhook),
        Box::new(WebSocketSource::new(config(&sim))),
    ]);
    let lines = run(&sim, both, 5).await;
    let got = unique_ids(&lines);
    assert_eq!(got, ids.into_iter().collect());
    // Let the second copies arrive, then check nothing was added.
    tokio::time::sleep(Duration::from_millis(300)).await;
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_parallel_deliveries_each_leave_one_line() {
    let sim = sim().await;
    let source = receiver().await;
    sim.set_webhook(
        U,
        Some(fast(format!("http://{}/webhook", source.local_addr()))),
    );
    let ids: HashSet<String> = (0..1000)
        .map(|i| {
            sim.send(
                U,
                MessageSpec::text(format!("n{i}")).from(format!("+44770090{i:04}"), "S"),
            )
        })
        .collect();
    let lines = run(&sim, source, 1000).await;
    assert_eq!(unique_ids(&lines), ids);
    let stats = sim.webhook_stats();
    assert_eq!(stats.delivered, 1000, "{stats:?}");
    sim.shutdown().await;
}

#[test]
fn the_meta_shape_maps_to_the_websocket_message() {
    let frame = r#"{"type":"whatsapp_message","data":{"messageId":"msg_4Qe81","conversationId":"conv_k2p9",
        "poolNumberId":"pool_51","poolNumberPhoneNumber":"+15550001111","fromNumber":"+447700900123",
        "fromName":"Ana Ruiz","timestamp":"2025-03-02T08:15:42.120Z","label":"intake","type":"document",
        "text":"Signed contract","body":"Signed contract",
        "media":{"mediaId":"Zx8Qm2LrT0vBn4KcWy7Pa","downloadUrl":"/v1/media/download/Zx8Qm2LrT0vBn4KcWy7Pa",
          "mimeType":"application/pdf","fileName":"contract-signed.pdf","byteSize":48213}}}"#;
    let pipes_media_core::ServerEvent::Message(websocket) =
        pipes_media_core::ServerEvent::from_json(frame).expect("parses")
    else {
        panic!("a message")
    };
    let payload = pipes_media_sim::webhook_payload(&websocket).to_string();
    assert!(
        !payload.contains("+447700900123"),
        "from has no + on the webhook"
    );
    let from_webhook = pipes_media_ingest::webhook::messages_of(payload.as_bytes()).expect("maps");
    assert_eq!(from_webhook, vec![websocket]);
}
