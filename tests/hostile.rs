//! Hostile senders: message ids that sanitise to the same name, timestamps and fields no
//! calendar or schema expects, and control characters aimed at the logs. Every message gets its
//! own files and exactly one line; nothing panics, hangs or forges a log line.

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use pipes_media::core::Report;
use pipes_media::prelude::*;
use pipes_media_sim::{generated_sha256, MediaSpec, MessageSpec, Simulator, DEFAULT_USER};
use pipes_media_testkit::files::read_report;
use pipes_media_testkit::process::{example_binary, wait_with_timeout};
use serde_json::Value;
use sha2::Digest;

async fn sim() -> Simulator {
    Simulator::builder()
        .drain_interval(Duration::from_millis(1))
        .start()
        .await
        .expect("simulator")
}

/// Runs a pipeline against `sim` until `n` messages are finished, with the durable store.
async fn run(sim: &Simulator, out: &Path, n: u64, concurrency: usize) -> Vec<Value> {
    let config = ClientConfig::new(&sim.base_url(), ApiKey::new(sim.api_key())).expect("config");
    let report = Arc::new(Report::open(out).expect("report"));
    let store =
        DurableQueue::open(&out.join("state"), &report, DurableConfig::default()).expect("store");
    let pipeline = Pipeline::builder()
        .out_dir(out)
        .report(report)
        .queue(Arc::new(store))
        .source(WebSocketSource::new(config.clone()))
        .fetcher(Downloader::new(config).expect("downloader"))
        .concurrency(concurrency)
        .max_messages(n)
        .build()
        .expect("builds");
    tokio::time::timeout(Duration::from_secs(60), pipeline.run())
        .await
        .expect("the run does not hang")
        .expect("the run succeeds");
    read_report(out)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn distinct_messages_never_share_a_file() {
    let sim = sim().await;
    let long_a = format!("{}-a", "x".repeat(130));
    let long_b = format!("{}-b", "x".repeat(130));
    let ids = [
        "a/b", "a:b", "a b", "a_b", "a\\b", ".", "..", "", "CON", "con", "a~b", &long_a, &long_b,
    ];
    let mut expected = std::collections::HashMap::new();
    for (n, id) in ids.iter().enumerate() {
        let len = 50_000 + n as u64 * 1_000;
        let media = sim.add_media(
            DEFAULT_USER,
            MediaSpec::generated(len, n as u64, "image/jpeg").file_name("same.jpg"),
        );
        sim.send(
            DEFAULT_USER,
            MessageSpec::media("document", &media)
                .message_id(*id)
                .file_name("same.jpg"),
        );
        expected.insert((*id).to_owned(), generated_sha256(len, n as u64));
    }
    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("out");
    let lines = run(&sim, &out, ids.len() as u64, 6).await;
    assert_eq!(lines.len(), ids.len(), "one line per message");
    let mut paths = HashSet::new();
    for line in &lines {
        let id = line["messageId"].as_str().expect("id");
        assert_eq!(line["status"], "processed", "{line}");
        let path = line["blob"]["path"].as_str().expect("path");
        assert!(paths.insert(path.to_owned()), "{path} is shared");
        let bytes = std::fs::read(out.join(path)).expect("the blob is there");
        let sha = hex::encode(sha2::Sha256::digest(&bytes));
        assert_eq!(
            line["blob"]["sha256"], sha,
            "{id:?}: the file holds its own bytes"
        );
        assert_eq!(expected[id], sha, "{id:?}: and they are the ones served");
        let rel = Path::new(path);
        assert!(rel
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_))));
    }
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn odd_timestamps_and_fields_give_lines_not_panics() {
    let sim = sim().await;
    let media = sim.add_media(DEFAULT_USER, MediaSpec::generated(1000, 1, "image/png"));
    let timestamps = [
        r#""9999-12-31T23:59:59.999Z""#,
        r#""9999-12-30T12:00:00Z""#,
        r#""0001-01-01T00:00:00Z""#,
        r#""2025-06-30T23:59:60Z""#,
        r#""2025-03-02T08:15:42.120+14:00""#,
        r#""2025-03-02T08:15:42.120-12:59""#,
        r#""not a time""#,
        "1e300",
        "-5",
        "1.5",
        "18446744073709551616",
        "null",
        "{}",
        "[1,2,3]",
    ];
    for (n, ts) in timestamps.iter().enumerate() {
        sim.send_raw(
            DEFAULT_USER,
            format!(
                r#"{{"type":"whatsapp_message","data":{{"messageId":"ts-{n}","conversationId":"c","poolNumberId":"p",
                "poolNumberPhoneNumber":"+1","fromNumber":"+2","timestamp":{ts},"type":"image","text":"",
                "media":{{"mediaId":"{media}","mimeType":"image/png","byteSize":1000.5}}}}}}"#
            ),
        );
    }
    // Fields of the wrong type everywhere but the id: still one line each.
    sim.send_raw(
        DEFAULT_USER,
        r#"{"type":"whatsapp_message","data":{"messageId":"odd","conversationId":7,"type":5,"text":{},"media":[]}}"#.into(),
    );
    // A number past f64: not JSON the parser takes. Its id is read and it is reported failed.
    sim.send_raw(
        DEFAULT_USER,
        r#"{"type":"whatsapp_message","data":{"messageId":"huge","type":"image","media":{"byteSize":1e400}}}"#.into(),
    );
    let normal = sim.send(DEFAULT_USER, MessageSpec::text("and one ordinary message"));
    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("out");
    let lines = run(&sim, &out, timestamps.len() as u64 + 3, 3).await;
    let ids: HashSet<&str> = lines
        .iter()
        .filter_map(|l| l["messageId"].as_str())
        .collect();
    assert_eq!(lines.len(), timestamps.len() + 3);
    let huge = lines
        .iter()
        .find(|l| l["messageId"] == "huge")
        .expect("a line for it");
    assert_eq!(huge["status"], "failed");
    assert_eq!(huge["error"]["code"], "MALFORMED_EVENT");
    for n in 0..timestamps.len() {
        assert!(ids.contains(format!("ts-{n}").as_str()), "ts-{n}");
    }
    assert!(ids.contains("odd") && ids.contains(normal.as_str()));
    for line in &lines {
        if line["messageId"]
            .as_str()
            .is_some_and(|i| i.starts_with("ts-"))
        {
            assert_eq!(line["status"], "processed", "{line}");
        }
    }
    // And the store opens again over them (a restart replays nothing and panics on nothing).
    let lines_again = run(&sim, &out, 0, 1).await;
    assert_eq!(lines_again.len(), lines.len());
    sim.shutdown().await;
}

#[test]
fn wire_values_cannot_forge_log_lines() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let hostile_user = "user\nERROR forged line\u{1b}[31m";
    let key = "pk_sim_hostile0123456789abcdefghijk";
    let sim = rt
        .block_on(
            Simulator::builder()
                .drain_interval(Duration::from_millis(1))
                .no_default_tenant()
                .user(hostile_user, key)
                .start(),
        )
        .expect("sim");
    let media = sim.add_media(
        hostile_user,
        MediaSpec::generated(2000, 3, "image/\u{1b}]0;pwned\u{7}png")
            .file_name("a\nWARN fake\u{1b}[2J.png"),
    );
    sim.send(
        hostile_user,
        MessageSpec::media("image", &media).message_id("m\nINFO forged\u{1b}[1m"),
    );
    sim.faults().fail_downloads(400, 1);
    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("out");
    let mut child = Command::new(example_binary("pipeline"))
        .env("PIPES_API_KEY", key)
        .env("PIPES_BASE_URL", sim.base_url())
        .env("RUST_LOG", "debug")
        .arg("--out")
        .arg(&out)
        .args(["--quiet", "--max-messages", "1", "--memory-queue"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let stderr = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut { stderr }, &mut text).ok();
        text
    });
    let status = wait_with_timeout(&mut child, Duration::from_secs(60), "pipeline");
    let logs = reader.join().expect("reader");
    assert!(status.success(), "{logs}");
    assert!(
        !logs.contains('\u{1b}'),
        "an escape sequence reached the terminal:\n{logs}"
    );
    assert!(!logs.contains('\u{7}'), "a bell reached the terminal");
    for line in logs.lines() {
        for forged in ["ERROR forged", "INFO forged", "WARN fake"] {
            assert!(!line.starts_with(forged), "a forged line: {line:?}");
        }
    }
    assert!(!logs.contains(key), "the key was logged");
    assert_eq!(read_report(&out).len(), 1);
    rt.block_on(sim.shutdown());
}
