//! The example binary's webhook receiver and S3 sink, end to end: the simulator delivers by
//! webhook (signed) to `--webhook-addr`, beside the WebSocket or alone, and `--sink s3://…`
//! stores the media in moto's S3 server (SKIP without `moto_server`).

#![allow(clippy::print_stderr)]

use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use pipes_media::s3::{S3Client, S3Config};
use pipes_media_sim::{MediaSpec, MessageSpec, Simulator, WebhookTarget, DEFAULT_USER};
use pipes_media_testkit::files::read_report;
use pipes_media_testkit::moto::MotoServer;
use pipes_media_testkit::process::pipeline_command;

const SECRET: &str = "a-webhook-secret-of-some-length";

fn sim(rt: &tokio::runtime::Runtime) -> Simulator {
    rt.block_on(
        Simulator::builder()
            .drain_interval(Duration::from_millis(5))
            .start(),
    )
    .expect("sim")
}

/// A port nothing listens on right now.
fn free_addr() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").to_string()
}

fn pipeline(sim: &Simulator, out: &Path, env: &[(&str, &str)], extra: &[&str]) -> Command {
    let mut command = pipeline_command(&sim.api_key(), &sim.base_url(), out);
    command
        .env("PIPES_WEBHOOK_SECRET", SECRET)
        .envs(env.iter().copied())
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if !extra.contains(&"--stages") {
        command.args(["--stages", "mime"]);
    }
    command
}

fn finish(command: &mut Command) -> Output {
    let started = Instant::now();
    let output = command.output().expect("runs");
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "the run ended"
    );
    output
}

/// Waits until something listens on `addr`.
fn wait_listening(addr: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::net::TcpStream::connect(addr).is_err() {
        assert!(Instant::now() < deadline, "the receiver listens on {addr}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn webhook_deliveries_beside_the_websocket_give_one_line_per_message() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let _in_runtime = rt.enter();
    let sim = sim(&rt);
    let addr = free_addr();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let child = pipeline(
        &sim,
        &out,
        &[],
        &["--webhook-addr", &addr, "--idle-exit", "3"],
    )
    .spawn()
    .expect("starts");
    wait_listening(&addr);
    sim.set_webhook(
        DEFAULT_USER,
        Some(
            WebhookTarget::new(format!("http://{addr}/webhook"), Some(SECRET))
                .schedule(vec![Duration::ZERO, Duration::from_millis(200)]),
        ),
    );
    let mut ids = Vec::new();
    for i in 0..20u64 {
        let media = sim.add_media(
            DEFAULT_USER,
            MediaSpec::generated(20_000 + i, i, "image/jpeg").file_name("p.jpg"),
        );
        ids.push(sim.send(DEFAULT_USER, MessageSpec::media("image", &media)));
    }
    // A forged delivery is refused and changes nothing.
    let forged = rt.block_on(async {
        reqwest::Client::new()
            .post(format!("http://{addr}/webhook"))
            .header("content-type", "application/json")
            .header("x-pipes-signature", "00".repeat(32))
            .body("{}")
            .send()
            .await
            .map(|r| r.status().as_u16())
    });
    assert_eq!(forged.ok(), Some(401));
    let output = child.wait_with_output().expect("output");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines = read_report(&out);
    let mut seen: Vec<&str> = lines
        .iter()
        .map(|l| l["messageId"].as_str().expect("id"))
        .collect();
    seen.sort_unstable();
    let mut want: Vec<&str> = ids.iter().map(String::as_str).collect();
    want.sort_unstable();
    assert_eq!(seen, want, "every message once");
    assert!(lines.iter().all(|l| l["status"] == "processed"));
    let stats = sim.webhook_stats();
    eprintln!("webhook stats: {stats:?}");
    assert!(
        stats.delivered >= 1,
        "the webhook carried messages: {stats:?}"
    );
    rt.block_on(sim.shutdown());
}

#[test]
fn the_s3_sink_flag_stores_media_in_the_bucket() {
    let Some(moto) = MotoServer::start() else {
        return;
    };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let sim = sim(&rt);
    let env = [
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing-secret"),
        ("AWS_REGION", "us-east-1"),
        ("AWS_ENDPOINT_URL", moto.url()),
    ];
    let mut s3 = S3Config::with_credentials(
        "s3://flag-bucket/run".parse().expect("location"),
        "testing".into(),
        "testing-secret".into(),
    );
    s3.endpoint = Some(moto.url().parse().expect("endpoint"));
    let client = S3Client::new(s3).expect("client");
    rt.block_on(client.create_bucket()).expect("bucket");
    let mut ids = Vec::new();
    for i in 0..3u64 {
        let media = sim.add_media(
            DEFAULT_USER,
            MediaSpec::generated(50_000 + i, i, "image/jpeg").file_name("p.jpg"),
        );
        ids.push(sim.send(DEFAULT_USER, MessageSpec::media("image", &media)));
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let output = finish(&mut pipeline(
        &sim,
        &out,
        &env,
        &["--sink", "s3://flag-bucket/run", "--idle-exit", "3"],
    ));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines = read_report(&out);
    assert_eq!(lines.len(), ids.len());
    for line in &lines {
        let url = line["blob"]["url"].as_str().expect("blob.url");
        assert!(
            url.starts_with("s3://flag-bucket/run/media/sha256/"),
            "{url}"
        );
        let key = url.trim_start_matches("s3://flag-bucket/");
        let got = rt
            .block_on(client.get(key))
            .expect("get")
            .expect("the object is there");
        assert_eq!(
            got.len() as u64,
            line["blob"]["size"].as_u64().expect("size")
        );
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("testing-secret"), "{stderr}");
    rt.block_on(sim.shutdown());
}

#[test]
fn reply_answers_on_the_websocket_and_is_refused_for_local_files() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let _in_runtime = rt.enter();
    let sim = sim(&rt);
    let photo = std::fs::read("fixtures/samples/photo.jpg").expect("the bundled photo");
    let media = sim.add_media(
        DEFAULT_USER,
        MediaSpec::bytes(photo, "image/jpeg").file_name("photo.jpg"),
    );
    let id = sim.send(DEFAULT_USER, MessageSpec::media("image", &media));
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let output = finish(&mut pipeline(
        &sim,
        &out,
        &[],
        &["--stages", "mime,thumbnail", "--reply", "--idle-exit", "3"],
    ));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines = read_report(&out);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["messageId"], id.as_str());
    let reply = &lines[0]["stages"]["reply"];
    assert_eq!(reply["status"], "ok", "{reply}");
    assert_eq!(reply["facts"]["sent"], true, "{reply}");
    assert!(
        reply["facts"]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("Got your photo")),
        "{reply}"
    );
    // A second run over the same output sends nothing again (the report has the message).
    let again = finish(&mut pipeline(
        &sim,
        &out,
        &[],
        &["--stages", "mime,thumbnail", "--reply", "--idle-exit", "2"],
    ));
    assert!(again.status.success());
    assert_eq!(read_report(&out).len(), 1);

    // Local files have no connection to answer on: refused before anything runs.
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).expect("input dir");
    let refused = finish(&mut pipeline(
        &sim,
        &dir.path().join("local"),
        &[],
        &["--input", input.to_str().expect("utf-8"), "--reply"],
    ));
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("reply stage answers on the Pipes.bot WebSocket"),
        "{stderr}"
    );
    rt.block_on(sim.shutdown());
}
