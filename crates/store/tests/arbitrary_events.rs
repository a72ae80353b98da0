//! Any event the wire can carry goes through the event → job → store record path without a
//! panic: it is stored and handed out (or refused with a reason), whatever its fields hold.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use pipes_media_core::event::ServerEvent;
use pipes_media_core::queue::{Completion, Pushed};
use pipes_media_core::{Dequeue, Enqueue, Envelope, Report};
use pipes_media_store::{DurableConfig, DurableQueue};
use serde_json::{json, Value};

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        "\\PC{0,40}".prop_map(Value::String),
        prop_oneof![
            Just("9999-12-31T23:59:59.999Z"),
            Just("0001-01-01T00:00:00Z"),
            Just("2025-06-30T23:59:60Z"),
            Just("2025-03-02T08:15:42+14:00"),
            Just("-0001-01-01T00:00:00Z"),
        ]
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::hash_map("[a-zA-Z]{0,10}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn arbitrary_events_are_stored_and_handed_out() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let dir = tempfile::tempdir().expect("tempdir");
    let report = Report::open(dir.path()).expect("report");
    let config = DurableConfig {
        fsync: false,
        ..DurableConfig::default()
    };
    let queue = DurableQueue::open(&dir.path().join("state"), &report, config).expect("store");
    let fields = [
        "timestamp",
        "type",
        "media",
        "text",
        "body",
        "fromName",
        "fromNumber",
        "label",
        "conversationId",
        "poolNumberId",
    ];
    let strategy = (
        proptest::sample::subsequence(fields.to_vec(), 0..fields.len()),
        proptest::collection::vec(arbitrary_json(), fields.len()),
        "\\PC{0,60}",
    );
    let mut runner = TestRunner::new(Config {
        cases: 400,
        failure_persistence: None,
        ..Config::default()
    });
    let counter = std::sync::atomic::AtomicU64::new(0);
    runner
        .run(&strategy, |(keys, values, id)| {
            let n = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let mut data = json!({
                "messageId": format!("{n}-{id}"), "type": "image",
                "timestamp": "2025-03-02T08:15:42Z",
                "media": {"mediaId": "abc", "mimeType": "image/jpeg", "byteSize": 3}
            });
            for (key, value) in keys.iter().zip(values) {
                data[*key] = value;
            }
            let frame = json!({"type": "whatsapp_message", "data": data});
            let envelope = match ServerEvent::from_json(&frame.to_string()) {
                Ok(ServerEvent::Message(m)) => Envelope::new(m),
                Ok(ServerEvent::Unreadable(u)) => Envelope::unreadable(u),
                other => panic!("a message frame with an id gave {other:?}"),
            };
            let _ = envelope.deadline();
            let pushed = rt.block_on(queue.enqueue(vec![envelope])).expect("enqueue");
            match &pushed[0] {
                Pushed::Enqueued => {
                    let job = rt.block_on(queue.take()).expect("take").expect("a job");
                    rt.block_on(queue.complete(job, Completion::Done))
                        .expect("complete");
                }
                Pushed::Refused(error) => assert!(!error.message.is_empty()),
                other => panic!("{other:?}"),
            }
            Ok(())
        })
        .expect("no case fails");
    assert_eq!(queue.counts().expect("counts").unfinished, 0);
}
