//! The WebSocket source against the simulator: welcome, fatal handshakes, hostile frames,
//! idle exit and graceful shutdown.

mod sim_server;

use std::time::Duration;

use pipes_media_core::{Pipeline, Source, SourceEvent, StopReason};
use pipes_media_ingest::{ApiKey, ClientConfig, WebSocketSource};
use pipes_media_sim::{MediaSpec, MessageSpec, DEFAULT_USER};
use pipes_media_testkit::files::read_report;
use sim_server::{config, downloader, sim};

async fn next(source: &mut WebSocketSource) -> SourceEvent {
    tokio::time::timeout(Duration::from_secs(10), source.next())
        .await
        .expect("an event in time")
        .expect("no fatal error")
        .expect("source goes on")
}

#[tokio::test]
async fn a_rejected_key_is_fatal_at_once() {
    let sim = sim().await;
    let config = ClientConfig::new(
        &sim.base_url(),
        ApiKey::new("pk_not_the_right_key_000000000000"),
    )
    .expect("config");
    let mut source = WebSocketSource::new(config);
    let error = tokio::time::timeout(Duration::from_secs(5), source.next())
        .await
        .expect("fails fast")
        .expect_err("401 is fatal");
    assert_eq!(error.code(), "UNAUTHORIZED");
    assert!(
        !error.to_string().contains("not_the_right"),
        "no key in the error"
    );
    assert_eq!(sim.stats().ws_rejected, 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_foreign_conversation_is_forbidden() {
    let sim = sim().await;
    let mut config = config(&sim);
    config.conversation_id = Some("conv_nobody".into());
    let error = WebSocketSource::new(config)
        .next()
        .await
        .expect_err("403 is fatal");
    assert_eq!(error.code(), "FORBIDDEN");
    sim.shutdown().await;
}

#[tokio::test]
async fn malformed_and_unknown_frames_are_skipped() {
    let sim = sim().await;
    let mut source = WebSocketSource::new(config(&sim));
    assert!(matches!(next(&mut source).await, SourceEvent::Connected));
    sim.send_raw(DEFAULT_USER, "not json at all {".into());
    sim.send_raw(DEFAULT_USER, r#"{"type":"typing","data":{}}"#.into());
    sim.send_raw(
        DEFAULT_USER,
        r#"{"type":"whatsapp_message","data":{"messageId":"broken"}}"#.into(),
    );
    sim.send_raw(
        DEFAULT_USER,
        r#"{"type":"reply_status","data":{"conversationId":"c","success":true}}"#.into(),
    );
    let id = sim.send(DEFAULT_USER, MessageSpec::text("after the noise"));
    // A message with nothing but its id is still a message (it gets a `no_media` line), not
    // noise to drop: every message received leaves a line.
    let SourceEvent::Message(odd) = next(&mut source).await else {
        panic!("expected the id-only message")
    };
    assert_eq!(odd.id(), "broken");
    assert!(odd.message.media.is_none());
    let SourceEvent::Message(envelope) = next(&mut source).await else {
        panic!("expected the real message")
    };
    assert_eq!(envelope.id(), id);
    assert_eq!(envelope.message.text, "after the noise");
    sim.shutdown().await;
}

#[tokio::test]
async fn conversation_scope_receives_only_its_conversation() {
    let sim = sim().await;
    sim.add_conversation(DEFAULT_USER, "conv_mine");
    let mut config = config(&sim);
    config.conversation_id = Some("conv_mine".into());
    let mut source = WebSocketSource::new(config);
    assert!(matches!(next(&mut source).await, SourceEvent::Connected));
    sim.send(
        DEFAULT_USER,
        MessageSpec::text("other").conversation("conv_other"),
    );
    let id = sim.send(
        DEFAULT_USER,
        MessageSpec::text("mine").conversation("conv_mine"),
    );
    let SourceEvent::Message(envelope) = next(&mut source).await else {
        panic!()
    };
    assert_eq!(envelope.id(), id);
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_exit_ends_a_quiet_run() {
    let sim = sim().await;
    let id = sim.send(DEFAULT_USER, MessageSpec::text("one"));
    let out = tempfile::tempdir().expect("tempdir");
    let summary = Pipeline::builder()
        .out_dir(out.path())
        .source(WebSocketSource::new(config(&sim)))
        .fetcher(downloader(&sim))
        .idle_exit(Duration::from_millis(500))
        .build()
        .expect("builds")
        .run()
        .await
        .expect("runs");
    assert_eq!(summary.stopped_by, StopReason::Idle);
    let lines = read_report(out.path());
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["messageId"], id);
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_finishes_work_in_flight() {
    let sim = sim().await;
    sim.faults().slow_bodies(Some(400_000));
    let ids: Vec<_> = (0..4)
        .map(|i| {
            let media = sim.add_media(DEFAULT_USER, MediaSpec::generated(200_000, i, "video/mp4"));
            sim.send(DEFAULT_USER, MessageSpec::media("video", &media))
        })
        .collect();
    let out = tempfile::tempdir().expect("tempdir");
    let pipeline = Pipeline::builder()
        .out_dir(out.path())
        .source(WebSocketSource::new(config(&sim)))
        .fetcher(downloader(&sim))
        .concurrency(4)
        .build()
        .expect("builds");
    let summary = pipeline
        .run_until(tokio::time::sleep(Duration::from_millis(300)))
        .await
        .expect("runs");
    assert_eq!(summary.stopped_by, StopReason::Shutdown);
    let lines = read_report(out.path());
    // Every message that was received is finished (processed), none is lost half-way.
    assert_eq!(lines.len() as u64, summary.metrics.received);
    for line in &lines {
        assert_eq!(line["status"], "processed", "{line}");
        assert!(ids.iter().any(|id| line["messageId"] == id.as_str()));
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn a_server_that_never_answers_our_close_is_given_up_on() {
    let sim = sim().await;
    sim.faults().ignore_close(true);
    let mut source = WebSocketSource::new(config(&sim));
    assert!(matches!(next(&mut source).await, SourceEvent::Connected));
    let id = sim.send(DEFAULT_USER, MessageSpec::text("before the close"));
    let SourceEvent::Message(envelope) = next(&mut source).await else {
        panic!("expected the message")
    };
    assert_eq!(envelope.id(), id);
    let started = std::time::Instant::now();
    let rest = tokio::time::timeout(Duration::from_secs(30), source.close())
        .await
        .expect("close gives up on a silent server instead of hanging");
    let waited = started.elapsed();
    assert!(rest.is_empty(), "nothing else was sent: {rest:?}");
    // The server held the connection silently, so the client waited for its Close (the fault
    // is real) and then stopped waiting on its own (bounded).
    assert!(
        waited >= Duration::from_secs(4),
        "the silent server was not waited for: {waited:?}"
    );
    assert!(waited < Duration::from_secs(15), "close waited {waited:?}");
    // A second close has nothing left to close.
    assert!(source.close().await.is_empty());
    sim.shutdown().await;
}
