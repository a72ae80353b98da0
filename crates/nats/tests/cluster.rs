//! One ingest and three workers as separate processes over a real `nats-server -js`, against the
//! simulator: a worker is SIGKILLed mid-job, and every message still ends up in the report
//! exactly once with the right SHA-256. Also: NATS unreachable, JetStream off, dead letters.
//!
//! Needs Debian's `nats-server` (`apt-get install nats-server`); without it the tests print
//! `SKIP: nats-server not found` and pass.

#![allow(clippy::print_stderr)] // SKIP lines and timings for the test log

use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use async_nats::jetstream;
use futures_util::StreamExt;
use pipes_media_sim::{generated_sha256, MediaSpec, MessageSpec, Simulator, DEFAULT_USER};
use pipes_media_testkit::files::read_report;
use pipes_media_testkit::nats::NatsServer;
use pipes_media_testkit::process::{free_port, terminate, wait_with_timeout};
use serde_json::Value;
use sha2::{Digest, Sha256};

const NODE: &str = env!("CARGO_BIN_EXE_pipes-nats-node");

fn node(mode: &str, nats: &str, sim: &Simulator, out: &Path, extra: &[&str]) -> Command {
    let mut cmd = Command::new(NODE);
    cmd.arg(mode)
        .args(["--nats", nats, "--base-url", &sim.base_url(), "--quiet"])
        .arg("--out")
        .arg(out)
        .args(extra)
        .env("PIPES_API_KEY", sim.api_key())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    cmd
}

/// Kills the child processes still running when a test ends (also on a failed assertion).
struct Reaper(Vec<u32>);

impl Drop for Reaper {
    fn drop(&mut self) {
        for pid in &self.0 {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .stderr(Stdio::null())
                .status();
        }
    }
}

fn has_part_file(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| e.path().extension().is_some_and(|x| x == "part"))
}

fn sim_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Runtime::new().expect("runtime")
}

#[test]
fn three_workers_one_killed_every_message_reported_once() {
    let Some(server) = NatsServer::start(true) else {
        return;
    };
    let rt = sim_runtime();
    let sim = rt
        .block_on(
            Simulator::builder()
                .drain_interval(Duration::from_millis(1))
                .start(),
        )
        .expect("sim");
    // 250 KB/s per body: each download takes 0.1-0.3 s, so a kill always finds jobs in flight.
    sim.faults().slow_bodies(Some(250_000));
    const N: u64 = 300;
    let mut expected: HashMap<String, Option<String>> = HashMap::new();
    for i in 0..N {
        let from = format!("+4477009001{:02}", i % 6);
        if i % 50 == 7 {
            let id = sim.send(
                DEFAULT_USER,
                MessageSpec::text(format!("hello {i}")).from(from, "S"),
            );
            expected.insert(id, None);
            continue;
        }
        let len = 20_000 + (i * 7919) % 50_000;
        let media = sim.add_media(
            DEFAULT_USER,
            MediaSpec::generated(len, i, "application/pdf").file_name(format!("doc-{i}.pdf")),
        );
        let id = sim.send(
            DEFAULT_USER,
            MessageSpec::media("document", &media).from(from, "S"),
        );
        expected.insert(id, Some(generated_sha256(len, i)));
    }

    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("out");
    let started = Instant::now();
    let common = [
        "--ack-wait",
        "3",
        "--max-deliver",
        "5",
        "--retry-base-ms",
        "200",
    ];
    let n = N.to_string();
    let mut ingest_args = vec!["--max-messages", n.as_str()];
    ingest_args.extend(common);
    let mut ingest = node("ingest", server.url(), &sim, &out, &ingest_args)
        .spawn()
        .expect("ingest starts");
    let mut workers: Vec<Child> = (0..3)
        .map(|w| {
            let name = format!("w{w}");
            let mut args = vec!["--concurrency", "4", "--name", name.as_str()];
            args.extend(common);
            node("worker", server.url(), &sim, &out, &args)
                .spawn()
                .expect("worker starts")
        })
        .collect();
    let _reaper = Reaper(workers.iter().map(Child::id).chain([ingest.id()]).collect());

    // Kill worker 0 once work is under way and it is downloading (a `.part` file of its own).
    let w0_work = out.join(".work").join("w0");
    loop {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "work got under way"
        );
        if let Some(status) = ingest.try_wait().expect("wait") {
            panic!("ingest exited early: {status}");
        }
        if read_report(&out).len() >= 30 && has_part_file(&w0_work) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    workers[0].kill().expect("SIGKILL");
    workers[0].wait().expect("reaped");
    let at_kill = read_report(&out).len();
    eprintln!("worker w0 SIGKILLed mid-download after {at_kill} report lines");

    let status = loop {
        if let Some(status) = ingest.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(45) {
            let _ = ingest.kill();
            let stats = sim.stats();
            panic!(
                "ingest did not finish: {} report lines, {} events sent, {} downloads",
                read_report(&out).len(),
                stats.events_sent,
                stats.download_requests
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "ingest exits 0: {status}");
    let elapsed = started.elapsed();

    // The surviving workers stop gracefully on SIGTERM.
    for worker in workers.iter_mut().skip(1) {
        terminate(worker);
        let status = wait_with_timeout(worker, Duration::from_secs(10), "worker after SIGTERM");
        assert!(status.success(), "worker exits 0 on SIGTERM: {status}");
    }

    let lines = read_report(&out);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut redelivered = 0;
    for line in &lines {
        let id = line["messageId"].as_str().expect("messageId").to_owned();
        *seen.entry(id.clone()).or_default() += 1;
        let want = expected
            .get(&id)
            .unwrap_or_else(|| panic!("unexpected message {id}"));
        if line["attempts"].as_u64().unwrap_or(0) >= 2 {
            redelivered += 1;
        }
        match want {
            None => assert_eq!(line["status"], "no_media", "{line}"),
            Some(sha) => {
                assert_eq!(line["status"], "processed", "{line}");
                assert_eq!(
                    line["blob"]["sha256"].as_str(),
                    Some(sha.as_str()),
                    "{line}"
                );
                let path = out.join(line["blob"]["path"].as_str().expect("blob path"));
                let bytes = std::fs::read(&path).expect("blob stored");
                assert_eq!(
                    &hex::encode(Sha256::digest(&bytes)),
                    sha,
                    "{}",
                    path.display()
                );
            }
        }
    }
    assert_eq!(lines.len() as u64, N, "one line per message");
    assert!(seen.values().all(|n| *n == 1), "no message twice");
    assert_eq!(seen.len(), expected.len(), "every message reported");
    assert!(
        redelivered >= 1,
        "the killed worker's jobs were redelivered"
    );
    eprintln!(
        "{N} messages, 3 workers (one SIGKILLed), {redelivered} redelivered: {:.1} s",
        elapsed.as_secs_f64()
    );
    rt.block_on(sim.shutdown());
}

#[test]
fn unreachable_nats_exits_2_with_one_line() {
    let port = free_port();
    let output = Command::new(NODE)
        .args([
            "worker",
            "--quiet",
            "--nats",
            &format!("nats://127.0.0.1:{port}"),
        ])
        .env("PIPES_API_KEY", "pk_test")
        .env("RUST_LOG", "warn")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].contains("NATS server unreachable"), "{stderr}");
}

#[test]
fn jetstream_off_exits_2_with_one_line() {
    let Some(server) = NatsServer::start(false) else {
        return;
    };
    for mode in ["ingest", "worker"] {
        let output = Command::new(NODE)
            .args([mode, "--quiet", "--nats", server.url()])
            .env("PIPES_API_KEY", "pk_test")
            .env("RUST_LOG", "warn")
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{mode}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 1, "{stderr}");
        assert!(lines[0].contains("JetStream is not enabled"), "{stderr}");
    }
}

/// A job whose worker never acknowledges it (here: the test pulls it and lets the ack wait
/// run out) is dead-lettered after `max_deliver` deliveries and gets a `failed` line.
#[test]
fn exhausted_deliveries_give_a_failed_line_and_a_dead_letter() {
    let Some(server) = NatsServer::start(true) else {
        return;
    };
    let rt = sim_runtime();
    let sim = rt
        .block_on(
            Simulator::builder()
                .drain_interval(Duration::from_millis(1))
                .start(),
        )
        .expect("sim");
    let media = sim.add_media(DEFAULT_USER, MediaSpec::generated(1000, 1, "image/jpeg"));
    let id = sim.send(DEFAULT_USER, MessageSpec::media("image", &media));
    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("out");
    let mut ingest = node(
        "ingest",
        server.url(),
        &sim,
        &out,
        &[
            "--max-messages",
            "1",
            "--ack-wait",
            "1",
            "--max-deliver",
            "2",
        ],
    )
    .spawn()
    .expect("ingest starts");
    let _reaper = Reaper(vec![ingest.id()]);

    rt.block_on(async {
        let client = async_nats::connect(server.url()).await.expect("connects");
        let js = jetstream::new(client);
        let deadline = Instant::now() + Duration::from_secs(15);
        let consumer: jetstream::consumer::PullConsumer = loop {
            assert!(Instant::now() < deadline, "the ingest created the consumer");
            match js.get_stream("PIPES_EVENTS").await {
                Ok(stream) => match stream.get_consumer("pipes-workers").await {
                    Ok(c) => break c,
                    Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
                },
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        };
        // Take it twice and "die" each time (no acknowledgement).
        let mut deliveries = 0;
        let deadline = Instant::now() + Duration::from_secs(15);
        while deliveries < 2 && Instant::now() < deadline {
            let mut batch = consumer
                .fetch()
                .max_messages(1)
                .expires(Duration::from_secs(1))
                .messages()
                .await
                .expect("fetch");
            while let Some(Ok(_message)) = batch.next().await {
                deliveries += 1;
            }
        }
        assert_eq!(deliveries, 2);
        // A worker still pulling: the server finds the job exhausted (and tells the ingest
        // through the advisory) instead of delivering it a third time.
        let mut batch = consumer
            .fetch()
            .max_messages(1)
            .expires(Duration::from_secs(3))
            .messages()
            .await
            .expect("fetch");
        assert!(
            batch.next().await.and_then(Result::ok).is_none(),
            "no third delivery"
        );
    });

    let status = wait_with_timeout(&mut ingest, Duration::from_secs(20), "ingest");
    assert!(status.success(), "{status}");
    let lines = read_report(&out);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["messageId"], id.as_str());
    assert_eq!(lines[0]["status"], "failed");
    assert_eq!(lines[0]["error"]["code"], "MAX_DELIVERIES");

    rt.block_on(async {
        let client = async_nats::connect(server.url()).await.expect("connects");
        let js = jetstream::new(client);
        let stream = js.get_stream("PIPES_DEAD").await.expect("dead stream");
        let letter = stream
            .get_last_raw_message_by_subject("pipes.dead")
            .await
            .expect("a dead letter");
        let letter: Value = serde_json::from_slice(&letter.payload).expect("json");
        assert_eq!(letter["messageId"], id.as_str());
        assert_eq!(letter["error"]["code"], "MAX_DELIVERIES");
        let events = js.get_stream("PIPES_EVENTS").await.expect("events");
        assert_eq!(
            events.get_info().await.expect("info").state.messages,
            0,
            "removed from the work queue"
        );
    });
    rt.block_on(sim.shutdown());
}

#[test]
fn ingest_stops_gracefully_on_sigterm() {
    let Some(server) = NatsServer::start(true) else {
        return;
    };
    let rt = sim_runtime();
    let sim = rt.block_on(Simulator::builder().start()).expect("sim");
    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("out");
    let mut ingest = node("ingest", server.url(), &sim, &out, &[])
        .spawn()
        .expect("ingest starts");
    let _reaper = Reaper(vec![ingest.id()]);
    let start = Instant::now();
    while sim.connected_clients() == 0 {
        if let Some(status) = ingest.try_wait().expect("wait") {
            panic!("the ingest exited before connecting to the simulator: {status}");
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "ingest connected"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    terminate(&ingest);
    let status = wait_with_timeout(&mut ingest, Duration::from_secs(10), "ingest after SIGTERM");
    assert!(status.success(), "{status}");
    assert!(out.join("report.jsonl").exists());
    rt.block_on(sim.shutdown());
}
