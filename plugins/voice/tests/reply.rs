//! The `reply` stage over a real WebSocket to the simulator: the reply is written on the
//! source's connection and its `reply_status` comes back; never twice for one message (across a
//! restart too); `SERVICE_WINDOW_EXPIRED` recorded, not retried; long texts cut at a word;
//! replies matched to their answers by conversation and order.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use pipes_media_core::queue::Backoff;
use pipes_media_core::{
    run_stage, Blob, Item, Message, Replier, Source, SourceEvent, StageContext, StagePolicy,
};
use pipes_media_ingest::{ApiKey, ClientConfig, ReplyHandle, WebSocketSource};
use pipes_media_sim::{MediaSpec, MessageSpec, Simulator, DEFAULT_USER};
use pipes_media_testkit::stage::StageHarness;
use pipes_media_voice::{
    ReplyConfig, ReplyRule, ReplySetupError, ReplyStage, WaveformConfig, WaveformStage,
};
use tokio::sync::mpsc;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/voice_note.ogg")
}

/// A simulator, and a WebSocket source on it polled by a task (as the pipeline's intake
/// polls it) that forwards the messages it yields.
struct Rig {
    sim: Simulator,
    replier: ReplyHandle,
    messages: mpsc::UnboundedReceiver<Message>,
    task: tokio::task::JoinHandle<()>,
}

async fn rig(conversation: Option<&str>) -> Rig {
    let sim = Simulator::builder()
        .drain_interval(Duration::from_millis(1))
        .start()
        .await
        .expect("simulator starts");
    if let Some(c) = conversation {
        sim.add_conversation(DEFAULT_USER, c);
    }
    let mut config =
        ClientConfig::new(&sim.base_url(), ApiKey::new(sim.api_key())).expect("config");
    config.reconnect = Backoff::new(Duration::from_millis(20), Duration::from_millis(200));
    config.conversation_id = conversation.map(str::to_owned);
    let mut source = WebSocketSource::new(config);
    let replier = source.replier().with_timeout(Duration::from_secs(10));
    let (tx, messages) = mpsc::unbounded_channel();
    let task = tokio::spawn(async move {
        while let Ok(Some(event)) = source.next().await {
            if let SourceEvent::Message(envelope) = event {
                let _ = tx.send(envelope.message);
            }
        }
    });
    // Wait until the source is connected.
    for _ in 0..500 {
        if sim.connected_clients() > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    Rig {
        sim,
        replier,
        messages,
        task,
    }
}

impl Rig {
    /// Sends a voice note through the simulator and returns it as the source received it.
    async fn voice_note(&mut self, spec: impl FnOnce(MessageSpec) -> MessageSpec) -> Message {
        let media = self.sim.add_media(
            DEFAULT_USER,
            MediaSpec::file(fixture(), "audio/ogg; codecs=opus"),
        );
        self.sim
            .send(DEFAULT_USER, spec(MessageSpec::media("audio", &media)));
        tokio::time::timeout(Duration::from_secs(10), self.messages.recv())
            .await
            .expect("the message arrives")
            .expect("the source runs")
    }

    async fn stop(self) {
        self.task.abort();
        self.sim.shutdown().await;
    }
}

/// An item for `message` with the fixture as its blob and the `waveform` facts added.
async fn measured_item(message: Message) -> Item {
    let blob = Blob::read_in_place(&fixture(), u64::MAX).expect("fixture");
    let item = Item::new(Arc::new(message), blob);
    let run = StageHarness::new(WaveformStage::new(WaveformConfig::default()))
        .run_item(item)
        .await;
    run.ok();
    run.item
}

#[tokio::test]
async fn a_voice_note_is_answered_once_with_its_duration() {
    let mut rig = rig(None).await;
    let message = rig.voice_note(|m| m).await;
    let item = measured_item(message).await;
    let replier: Arc<dyn Replier> = Arc::new(rig.replier.clone());
    let harness = StageHarness::new(ReplyStage::new(ReplyConfig::default(), replier));
    let run = harness.run_item(item).await;
    let facts = run.ok();
    assert_eq!(facts["sent"], true, "{facts:?}");
    assert_eq!(facts["text"], "Got your voice note (3.0 s).");
    assert!(facts["messageId"]
        .as_str()
        .is_some_and(|m| m.starts_with("wamid.")));
    assert!(facts.get("code").is_none());
    assert_eq!(rig.sim.stats().replies_received, 1);
    rig.stop().await;
}

#[tokio::test]
async fn a_redelivered_or_restarted_message_is_not_answered_again() {
    let mut rig = rig(None).await;
    let message = rig.voice_note(|m| m.message_id("msg_once")).await;
    let out = tempfile::tempdir().expect("tempdir");
    let cx = StageContext::new(out.path(), "reply", "msg_once");
    let policy = StagePolicy::default();
    let replier: Arc<dyn Replier> = Arc::new(rig.replier.clone());
    for attempt in 0..3 {
        // A new stage each time: the ledger on disk is what remembers, as after a restart.
        let stage = ReplyStage::new(ReplyConfig::default(), replier.clone());
        let mut item = measured_item(message.clone()).await;
        item.facts.set_current_stage("reply");
        run_stage(&stage, &policy, &mut item, &cx)
            .await
            .expect("the stage succeeds");
        let facts = item.facts.to_json_for("reply");
        if attempt == 0 {
            assert_eq!(facts["sent"], true, "{facts:?}");
        } else {
            assert_eq!(facts["sent"], false);
            assert_eq!(facts["code"], "ALREADY_REPLIED");
        }
    }
    assert_eq!(rig.sim.stats().replies_received, 1, "one reply in all");
    rig.stop().await;
}

#[tokio::test]
async fn an_expired_service_window_is_recorded_and_not_retried() {
    let mut rig = rig(None).await;
    let message = rig.voice_note(|m| m).await;
    rig.sim.advance(Duration::from_secs(25 * 3600));
    let item = measured_item(message).await;
    let replier: Arc<dyn Replier> = Arc::new(rig.replier.clone());
    let harness = StageHarness::new(ReplyStage::new(ReplyConfig::default(), replier))
        .policy(StagePolicy::default().retries(3));
    let run = harness.run_item(item).await;
    let facts = run.ok();
    assert_eq!(facts["sent"], false);
    assert_eq!(facts["code"], "SERVICE_WINDOW_EXPIRED");
    assert!(facts["error"]
        .as_str()
        .is_some_and(|e| e.contains("24 hours")));
    assert_eq!(rig.sim.stats().replies_received, 1, "not retried");
    rig.stop().await;
}

#[tokio::test]
async fn a_long_text_is_cut_at_a_word_and_accepted() {
    let mut rig = rig(None).await;
    let message = rig.voice_note(|m| m.caption("x")).await;
    let item = measured_item(message).await;
    let long = "lorem ipsum ".repeat(600);
    let config = ReplyConfig::empty().rule(ReplyRule::for_type(
        pipes_media_core::MessageType::Audio,
        &[&format!("{long}{{waveform.decodedDurationMs}}")],
    ));
    let replier: Arc<dyn Replier> = Arc::new(rig.replier.clone());
    let run = StageHarness::new(ReplyStage::new(config, replier))
        .run_item(item)
        .await;
    let facts = run.ok();
    let text = facts["text"].as_str().expect("text");
    assert!(text.chars().count() <= 4096, "{}", text.chars().count());
    assert!(
        text.ends_with("ipsum…") || text.ends_with("lorem…"),
        "{}",
        &text[text.len() - 30..]
    );
    assert_eq!(facts["sent"], true, "the service took it: {facts:?}");
    rig.stop().await;
}

#[tokio::test]
async fn replies_to_one_conversation_are_matched_in_order() {
    let mut rig = rig(None).await;
    let first = rig.voice_note(|m| m.message_id("msg_a")).await;
    let second = rig.voice_note(|m| m.message_id("msg_b")).await;
    assert_eq!(first.conversation_id, second.conversation_id);
    let replier: Arc<dyn Replier> = Arc::new(rig.replier.clone());
    let stage = Arc::new(ReplyStage::new(ReplyConfig::default(), replier));
    let out = tempfile::tempdir().expect("tempdir");
    let mut runs = Vec::new();
    for message in [first, second] {
        let stage = stage.clone();
        let out = out.path().to_owned();
        let mut item = measured_item(message).await;
        runs.push(tokio::spawn(async move {
            let cx = StageContext::new(&out, "reply", &item.message().message_id.clone());
            item.facts.set_current_stage("reply");
            run_stage(&*stage, &StagePolicy::default(), &mut item, &cx)
                .await
                .expect("ok");
            item.facts.to_json_for("reply")
        }));
    }
    for run in runs {
        let facts = run.await.expect("joined");
        assert_eq!(facts["sent"], true, "{facts:?}");
    }
    assert_eq!(rig.sim.stats().replies_received, 2);
    rig.stop().await;
}

#[tokio::test]
async fn a_conversation_scope_cannot_answer_another_conversation() {
    let mut rig = rig(Some("conv_mine")).await;
    let mut message = rig.voice_note(|m| m.conversation("conv_mine")).await;
    message.conversation_id = "conv_someone_else".into();
    rig.sim.add_conversation(DEFAULT_USER, "conv_someone_else");
    let item = measured_item(message).await;
    let replier: Arc<dyn Replier> = Arc::new(rig.replier.clone());
    let run = StageHarness::new(ReplyStage::new(ReplyConfig::default(), replier))
        .run_item(item)
        .await;
    let facts = run.ok();
    assert_eq!(facts["sent"], false);
    assert_eq!(facts["code"], "FORBIDDEN");
    rig.stop().await;
}

#[tokio::test]
async fn without_a_connection_the_stage_is_refused_and_a_dead_one_times_out() {
    let error = ReplyStage::for_run(ReplyConfig::default(), None).expect_err("no connection");
    assert!(matches!(error, ReplySetupError::NoConnection));
    assert!(error.to_string().contains("--input"), "{error}");

    // A source that is never polled writes nothing: the reply fails as not connected, and the
    // ledger lets a later attempt try again.
    let config = ClientConfig::new("http://127.0.0.1:9", ApiKey::new("pk_x")).expect("config");
    let source = WebSocketSource::new(config);
    let replier: Arc<dyn Replier> =
        Arc::new(source.replier().with_timeout(Duration::from_millis(300)));
    let message = pipes_media_testkit::stage::TestMessage::audio("audio/ogg").to_message(6206);
    let item = measured_item(message).await;
    let run = StageHarness::new(ReplyStage::new(ReplyConfig::default(), replier))
        .run_item(item)
        .await;
    assert_eq!(run.code().as_deref(), Some("NOT_CONNECTED"));
    assert_eq!(run.facts["sent"], false);
    drop(source);
}

#[tokio::test]
async fn the_stage_passes_the_conformance_check() {
    // Against the live simulator: the check's messages are in a conversation the simulator
    // does not know, so every reply is refused (FORBIDDEN), recorded, and the stage succeeds.
    let rig = rig(None).await;
    let replier: Arc<dyn Replier> = Arc::new(rig.replier.clone());
    let config = ReplyConfig::empty().rule(ReplyRule {
        when: pipes_media_voice::When::Always,
        templates: vec![pipes_media_voice::Template::new(
            "Thanks, {message.fromName}.",
        )],
    });
    let voice = std::fs::read(fixture()).expect("fixture");
    let samples = [pipes_media_testkit::conformance::Sample::accepted(
        voice,
        pipes_media_testkit::stage::TestMessage::audio("audio/ogg"),
    )];
    let report =
        pipes_media_testkit::conformance::check_stage(ReplyStage::new(config, replier), &samples)
            .await;
    assert!(report.runs > 40 && report.errors == 0, "{report:?}");
    assert!(rig.sim.stats().replies_received >= 40);
    rig.stop().await;
}
