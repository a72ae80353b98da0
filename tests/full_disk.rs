//! A full disk is a pause, not a loss: on a real, small filesystem (a tmpfs of the test's own),
//! media that does not fit is retried and then kept for `--retry-failed`; a report that cannot
//! be appended stops the run at once with one line saying where, and stays whole; after space
//! is freed, a restart finishes every message exactly once. Needs root to mount (SKIP without).

#![allow(clippy::print_stderr)] // what the first run did is printed for the log

use std::collections::HashMap;
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use pipes_media_sim::{generated_sha256, MediaSpec, MessageSpec, Simulator, DEFAULT_USER};
use pipes_media_testkit::files::read_report;
use pipes_media_testkit::process::pipeline_command;
use pipes_media_testkit::small_fs::SmallFs;

fn sim(rt: &tokio::runtime::Runtime) -> Simulator {
    rt.block_on(
        Simulator::builder()
            .drain_interval(Duration::from_millis(1))
            .start(),
    )
    .expect("sim")
}

/// Runs the example binary to its end (at most two minutes) and returns its output.
fn pipeline(sim: &Simulator, out: &Path, extra: &[&str]) -> Output {
    let child = pipeline_command(&sim.api_key(), &sim.base_url(), out)
        .args(["--stages", "none", "--retry-base-ms", "50"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let started = Instant::now();
    let output = std::thread::spawn(move || child.wait_with_output())
        .join()
        .expect("waits")
        .expect("output");
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "the run ended"
    );
    output
}

/// Every line whole JSON, the file ending in a newline, no id twice.
fn assert_whole(out: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read(out.join("report.jsonl")).unwrap_or_default();
    assert!(
        text.is_empty() || text.ends_with(b"\n"),
        "the report ends in a whole line"
    );
    let lines = read_report(out);
    let mut ids = std::collections::HashSet::new();
    for line in &lines {
        assert!(
            ids.insert(line["messageId"].to_string()),
            "{} twice",
            line["messageId"]
        );
    }
    lines
}

#[test]
fn media_that_does_not_fit_waits_for_space_then_finishes_once() {
    let Some(fs) = SmallFs::mount(24, "media_that_does_not_fit") else {
        return;
    };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let sim = sim(&rt);
    let mut expected = HashMap::new();
    for i in 0..12u64 {
        let len = 1_000_000 + i * 1000;
        let media = sim.add_media(DEFAULT_USER, MediaSpec::generated(len, i, "video/mp4"));
        let id = sim.send(DEFAULT_USER, MessageSpec::media("video", &media));
        expected.insert(id, generated_sha256(len, i));
    }
    let out = fs.path().join("out");
    let filler = fs.fill_leaving(6 << 20);
    let first = pipeline(
        &sim,
        &out,
        &[
            "--max-attempts",
            "3",
            "--idle-exit",
            "3",
            "--concurrency",
            "2",
        ],
    );
    let stderr = String::from_utf8_lossy(&first.stderr);
    let lines = assert_whole(&out);
    let full = lines
        .iter()
        .filter(|l| l["error"]["code"] == "DISK_FULL")
        .count();
    eprintln!(
        "first run: exit {:?}, {} lines, {full} DISK_FULL: {}",
        first.status.code(),
        lines.len(),
        stderr.lines().last().unwrap_or_default()
    );
    assert!(
        full > 0 || !first.status.success(),
        "the disk filled up: {stderr}"
    );
    for line in lines.iter().filter(|l| l["error"]["code"] == "DISK_FULL") {
        assert_eq!(line["attempts"], 3, "retried before giving up: {line}");
    }

    std::fs::remove_file(filler).expect("space freed");
    let second = pipeline(&sim, &out, &["--retry-failed", "--idle-exit", "2"]);
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let lines = assert_whole(&out);
    assert_eq!(lines.len(), expected.len(), "every message exactly once");
    for line in &lines {
        let id = line["messageId"].as_str().expect("id");
        assert_eq!(line["status"], "processed", "{line}");
        assert_eq!(line["blob"]["sha256"], expected[id]);
        let stored = std::fs::read(out.join(line["blob"]["path"].as_str().expect("path")))
            .expect("the media is there");
        assert_eq!(
            stored.len() as u64,
            line["blob"]["size"].as_u64().expect("size")
        );
    }
    rt.block_on(sim.shutdown());
}

#[test]
fn a_report_that_cannot_be_appended_stops_the_run_and_stays_whole() {
    let Some(fs) = SmallFs::mount(4, "a_report_that_cannot_be_appended") else {
        return;
    };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let sim = sim(&rt);
    let mut ids = Vec::new();
    for i in 0..300u32 {
        let from = format!("+4477009000{:02}", i % 5);
        ids.push(sim.send(
            DEFAULT_USER,
            MessageSpec::text(format!("message {i} {}", "x".repeat(200))).from(from, "Sender"),
        ));
    }
    let state = tempfile::tempdir().expect("state on another disk");
    let state_dir = state.path().to_string_lossy().into_owned();
    let out = fs.path().join("out");
    std::fs::create_dir_all(&out).expect("out");
    let filler = fs.fill_leaving(16 << 10);
    let started = Instant::now();
    let first = pipeline(&sim, &out, &["--state-dir", &state_dir, "--idle-exit", "5"]);
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(
        !first.status.success(),
        "a report it cannot write is fatal: {stderr}"
    );
    assert!(
        took < Duration::from_secs(30),
        "it stopped promptly ({took:?})"
    );
    let last = stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect::<Vec<_>>();
    assert_eq!(last.len(), 1, "one line saying what and where: {stderr}");
    assert!(last[0].contains("report.jsonl"), "{}", last[0]);
    let written = assert_whole(&out).len();
    eprintln!(
        "first run: {written} of {} lines in {took:?}: {}",
        ids.len(),
        last[0]
    );
    assert!(
        written < ids.len(),
        "the disk filled before the end ({written})"
    );

    std::fs::remove_file(filler).expect("space freed");
    let second = pipeline(&sim, &out, &["--state-dir", &state_dir, "--idle-exit", "2"]);
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let lines = assert_whole(&out);
    let reported: std::collections::HashSet<&str> = lines
        .iter()
        .filter_map(|l| l["messageId"].as_str())
        .collect();
    let missing: Vec<&String> = ids
        .iter()
        .filter(|id| !reported.contains(id.as_str()))
        .collect();
    assert_eq!(
        lines.len(),
        ids.len(),
        "every message exactly once after the restart; missing {missing:?}"
    );
    rt.block_on(sim.shutdown());
}
