//! Nothing lost: the example pipeline is SIGKILLed at random moments and restarted with the same
//! output directory; at the end every message is in the report exactly once, with the right hash.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pipes_media_sim::{generated_sha256, MediaSpec, MessageSpec, Simulator, DEFAULT_USER};
use pipes_media_testkit::files::{files_under, read_report};
use pipes_media_testkit::process::{terminate, wait_with_timeout};

use pipes_media_testkit::process::pipeline_command;
use pipes_media_testkit::rng::Rng;

fn pipeline(sim: &Simulator, out: &Path, extra: &[&str]) -> Command {
    let mut cmd = pipeline_command(&sim.api_key(), &sim.base_url(), out);
    cmd.args(["--stages", "none"])
        .args(extra)
        .stderr(Stdio::piped());
    cmd
}

/// A pause of `base` plus up to `spread` milliseconds, drawn from the seeded `rng`.
fn pause(rng: &mut Rng, base: u64, spread: usize) -> Duration {
    Duration::from_millis(base + rng.below(spread) as u64)
}

#[test]
fn sigkill_at_random_moments_loses_and_duplicates_nothing() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let sim = rt
        .block_on(
            Simulator::builder()
                .drain_interval(Duration::from_millis(1))
                .start(),
        )
        .expect("sim");
    sim.faults().slow_bodies(Some(300_000));
    let mut expected = HashMap::new();
    for i in 0..200u64 {
        let len = 20_000 + i * 97;
        let media = sim.add_media(
            DEFAULT_USER,
            MediaSpec::generated(len, i, "application/pdf").file_name(format!("doc-{i}.pdf")),
        );
        // Five senders: Pipes.bot queues at most 100 messages per sender while nobody is connected.
        let from = format!("+4477009000{:02}", i % 5);
        let id = sim.send(
            DEFAULT_USER,
            MessageSpec::media("document", &media).from(from, "Sender"),
        );
        expected.insert(id, generated_sha256(len, i));
    }
    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("out");
    let mut rng = Rng(0x5eed_1234);

    // First run: wait until every event was delivered (and stored), then kill mid-download.
    let mut child = pipeline(&sim, &out, &["--concurrency", "4"])
        .spawn()
        .expect("starts");
    let start = Instant::now();
    while sim.stats().events_sent < 200 {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "events delivered"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(pause(&mut rng, 300, 700));
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");

    // Kill and restart a few more times at random moments.
    for _ in 0..4 {
        let mut child = pipeline(&sim, &out, &["--concurrency", "4"])
            .spawn()
            .expect("restarts");
        std::thread::sleep(pause(&mut rng, 150, 900));
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
    }

    let before_final = read_report(&out).len();
    assert!(
        before_final < 200,
        "the kills interrupted work ({before_final} lines before the last run)"
    );

    // Final run to completion.
    let mut child = pipeline(&sim, &out, &["--concurrency", "4", "--idle-exit", "1"])
        .spawn()
        .expect("restarts");
    let status = wait_with_timeout(&mut child, Duration::from_secs(120), "pipeline");
    assert!(status.success());

    let lines = read_report(&out);
    let mut seen = HashMap::new();
    for line in &lines {
        *seen
            .entry(line["messageId"].as_str().expect("id").to_owned())
            .or_insert(0) += 1;
    }
    for (id, sha) in &expected {
        assert_eq!(seen.get(id), Some(&1), "{id} exactly once in the report");
        let line = lines
            .iter()
            .find(|l| l["messageId"] == id.as_str())
            .expect("line");
        assert_eq!(line["status"], "processed", "{line}");
        assert_eq!(&line["blob"]["sha256"], sha.as_str());
        let blob = out.join(line["blob"]["path"].as_str().expect("path"));
        let bytes = std::fs::read(&blob).expect("blob on disk");
        use sha2::Digest;
        assert_eq!(&hex::encode(sha2::Sha256::digest(&bytes)), sha);
    }
    assert_eq!(lines.len(), expected.len(), "no line for anything else");
    let stray: Vec<_> = files_under(&out)
        .into_iter()
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            name.ends_with(".part") || name.ends_with(".tmp")
        })
        .collect();
    assert!(stray.is_empty(), "stray temporary files: {stray:?}");
    let siblings: Vec<_> = std::fs::read_dir(root.path())
        .expect("root")
        .flatten()
        .collect();
    assert_eq!(
        siblings.len(),
        1,
        "nothing written outside the output directory"
    );
    rt.block_on(sim.shutdown());
}

#[test]
fn dead_letters_are_listed_and_requeued_with_one_line_each() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let sim = rt
        .block_on(
            Simulator::builder()
                .drain_interval(Duration::from_millis(1))
                .start(),
        )
        .expect("sim");
    sim.faults().fail_downloads(503, 1000);
    let media = sim.add_media(DEFAULT_USER, MediaSpec::generated(5000, 9, "image/jpeg"));
    let id = sim.send(DEFAULT_USER, MessageSpec::media("image", &media));
    let ok = sim.send(DEFAULT_USER, MessageSpec::text("fine"));
    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("out");
    let fast = [
        "--max-attempts",
        "2",
        "--retry-base-ms",
        "50",
        "--idle-exit",
        "0.5",
    ];

    let status = pipeline(&sim, &out, &fast).status().expect("runs");
    assert!(status.success());
    let lines = read_report(&out);
    assert_eq!(lines.len(), 2);
    let failed = lines
        .iter()
        .find(|l| l["messageId"] == id.as_str())
        .expect("line");
    assert_eq!(failed["status"], "failed");
    assert_eq!(failed["error"]["code"], "HTTP_503");

    let listed = pipeline(&sim, &out, &["--list-dead"])
        .stdout(Stdio::piped())
        .output()
        .expect("lists");
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listed.contains(&id) && listed.contains("HTTP_503"),
        "{listed}"
    );
    assert!(!listed.contains(&ok));

    sim.faults().clear();
    let mut args = vec!["--retry-dead"];
    args.extend(fast);
    let status = pipeline(&sim, &out, &args).status().expect("runs");
    assert!(status.success());
    let lines = read_report(&out);
    assert_eq!(
        lines.len(),
        2,
        "the new line replaced the old one: {lines:#?}"
    );
    let retried = lines
        .iter()
        .find(|l| l["messageId"] == id.as_str())
        .expect("line");
    assert_eq!(retried["status"], "processed");
    assert_eq!(retried["blob"]["sha256"], generated_sha256(5000, 9));
    rt.block_on(sim.shutdown());
}

#[test]
fn sigterm_finishes_work_in_flight_and_exits_0() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let sim = rt
        .block_on(
            Simulator::builder()
                .drain_interval(Duration::from_millis(1))
                .start(),
        )
        .expect("sim");
    sim.faults().slow_bodies(Some(200_000));
    for i in 0..20u64 {
        let media = sim.add_media(DEFAULT_USER, MediaSpec::generated(60_000, i, "video/mp4"));
        sim.send(DEFAULT_USER, MessageSpec::media("video", &media));
    }
    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("out");
    let mut child = pipeline(&sim, &out, &["--concurrency", "2"])
        .spawn()
        .expect("starts");
    let start = Instant::now();
    while sim.stats().events_sent < 20 {
        assert!(start.elapsed() < Duration::from_secs(20));
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(400));
    terminate(&child);
    let status = wait_with_timeout(&mut child, Duration::from_secs(30), "pipeline");
    assert_eq!(status.code(), Some(0), "graceful stop exits 0");
    let first = read_report(&out).len();
    assert!(
        first > 0 && first < 20,
        "stopped part-way with in-flight work finished ({first})"
    );
    // What was not started is still in the store: a second run finishes it.
    let status = pipeline(&sim, &out, &["--idle-exit", "0.5"])
        .status()
        .expect("runs");
    assert!(status.success());
    let lines = read_report(&out);
    assert_eq!(lines.len(), 20);
    assert!(lines.iter().all(|l| l["status"] == "processed"));
    rt.block_on(sim.shutdown());
}
