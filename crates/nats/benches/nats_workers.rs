//! End-to-end throughput over NATS JetStream with 1, 2 and 3 worker processes: the simulator
//! sends N messages, one ingest publishes them, the workers download (no stages) and publish the
//! report lines, the ingest writes them. Timed from spawning the processes to the ingest's exit
//! (every line written). Two runs per worker count: loopback at full speed, and bodies throttled
//! to 1 MB/s each (a remote CDN), where downloads wait rather than compute.
//!
//! `cargo bench -p pipes-media-nats --bench nats_workers` (env `NATS_BENCH_N`, default 1000).
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used)]

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use pipes_media_sim::{MediaSpec, MessageSpec, Simulator, DEFAULT_USER};
use pipes_media_testkit::nats::{find_server, NatsServer};

const NODE: &str = env!("CARGO_BIN_EXE_pipes-nats-node");

fn kill(child: &mut Child, signal: &str) {
    let _ = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status();
    let _ = child.wait();
}

fn run(
    rt: &tokio::runtime::Runtime,
    n: u64,
    size: u64,
    workers: usize,
    slow: Option<u64>,
) -> (f64, u64) {
    let server = NatsServer::start(true).expect("nats-server was found before");
    let url = server.url().to_owned();
    let sim = rt
        .block_on(
            Simulator::builder()
                .drain_interval(Duration::from_millis(1))
                .queue_capacity(1_000_000)
                .start(),
        )
        .unwrap();
    sim.faults().slow_bodies(slow);
    let out = server.dir().join("out");
    let cmd = |mode: &str, extra: &[&str]| {
        let mut c = Command::new(NODE);
        c.arg(mode)
            .args(["--nats", &url, "--base-url", &sim.base_url(), "--quiet"])
            .arg("--out")
            .arg(&out)
            .args(extra)
            .env("PIPES_API_KEY", sim.api_key())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        c
    };
    let nn = n.to_string();
    let mut ingest = cmd("ingest", &["--max-messages", &nn]).spawn().unwrap();
    let mut ws: Vec<Child> = (0..workers)
        .map(|w| {
            cmd(
                "worker",
                &["--concurrency", "8", "--name", &format!("w{w}")],
            )
            .spawn()
            .unwrap()
        })
        .collect();
    // Live events (sent while the ingest is connected), timed from the first one.
    while sim.connected_clients() == 0 {
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(500)); // workers connected too
    let start = Instant::now();
    for i in 0..n {
        let media = sim.add_media(
            DEFAULT_USER,
            MediaSpec::generated(size, i, "application/pdf").file_name(format!("d{i}.pdf")),
        );
        sim.send(
            DEFAULT_USER,
            MessageSpec::media("document", &media).from(format!("+44770090{:04}", i % 1000), "S"),
        );
    }
    let status = ingest.wait().unwrap();
    let secs = start.elapsed().as_secs_f64();
    assert!(status.success());
    for w in &mut ws {
        kill(w, "-TERM");
    }
    let lines = std::fs::read_to_string(out.join("report.jsonl"))
        .unwrap()
        .lines()
        .count() as u64;
    rt.block_on(sim.shutdown());
    drop(server);
    (secs, lines)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    if find_server().is_none() {
        eprintln!("SKIP: nats-server not found");
        return;
    }
    let n: u64 = std::env::var("NATS_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let size = 64 * 1024;
    let rt = tokio::runtime::Runtime::new().unwrap();
    println!(
        "{n} messages of {} KiB, worker concurrency 8, no stages",
        size / 1024
    );
    for (label, slow) in [("loopback", None), ("bodies at 1 MB/s", Some(1_000_000))] {
        for workers in 1..=3 {
            let (secs, lines) = run(&rt, n, size, workers, slow);
            assert_eq!(lines, n);
            println!(
                "{label:>16}: {workers} worker(s): {secs:6.2} s  {:7.0} msg/s  {:6.1} MB/s",
                n as f64 / secs,
                (n * size) as f64 / secs / 1e6
            );
        }
    }
}
