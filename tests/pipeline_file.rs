//! The example binary with a pipeline file: the example files under `examples/pipelines/`
//! (one per source) check and run, flags override them, refusals name the key and its line
//! (exit 2), secrets never print, metrics and health answer during a run and match the report,
//! the gallery is written, and a program's own stage is named in a file.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use pipes_media_testkit::files::read_report;
use pipes_media_testkit::process::wait_with_timeout;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `target/<profile>/examples/<name>`, next to this test's own binary.
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe
        .parent()
        .and_then(|d| d.parent())
        .expect("target/<profile>");
    dir.join("examples").join(name)
}

/// The pipeline binary in the repository root, with no Pipes.bot settings from outside.
fn pipeline() -> Command {
    let mut cmd = Command::new(example("pipeline"));
    cmd.current_dir(root())
        .env_remove("PIPES_API_KEY")
        .env_remove("PIPES_BASE_URL")
        .env_remove("PIPES_INPUT")
        .env_remove("PIPES_WEBHOOK_SECRET")
        .env("NO_COLOR", "1")
        .env("RUST_LOG", "warn");
    cmd
}

fn output(cmd: &mut Command) -> Output {
    cmd.output().expect("example starts")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn samples() -> usize {
    std::fs::read_dir(root().join("fixtures/samples"))
        .expect("samples")
        .count()
}

const KEY: &str = "pk_test_abcdefghijklmnopqrstuvwxyz123";

#[test]
fn check_config_prints_the_resolved_pipeline_with_the_key_masked() {
    let out = output(pipeline().env("PIPES_API_KEY", KEY).args([
        "--check-config",
        "--config",
        "examples/pipelines/websocket.toml",
    ]));
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!stdout.contains("abcdefghij") && !text(&out.stderr).contains("abcdefghij"));
    assert!(stdout.contains("api_key = \"<redacted>\""), "{stdout}");
    assert!(
        stdout.contains("base_url = \"https://api.pipes.bot\""),
        "{stdout}"
    );
    assert_eq!(stdout.matches("[[stages]]").count(), 4, "{stdout}");
    assert!(stdout.contains("max_width = 320") && stdout.contains("reject_dangerous = true"));
    assert!(stdout.contains("timeout_secs = 90.0"), "{stdout}");
    assert!(
        stdout.contains("dir = \"pipes-media-out/state\""),
        "defaults filled in: {stdout}"
    );
    assert!(stdout.contains("addr = \"127.0.0.1:9898\""));
    // A flag overrides the file.
    let out = output(pipeline().env("PIPES_API_KEY", KEY).args([
        "--check-config",
        "--config",
        "examples/pipelines/websocket.toml",
        "--stages",
        "pdf,mime",
        "--out",
        "/tmp/elsewhere",
        "--metrics-addr",
        "127.0.0.1:0",
    ]));
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(stdout.matches("[[stages]]").count(), 2, "{stdout}");
    assert!(
        stdout.contains("excerpt_chars = 500"),
        "the file's pdf options stay: {stdout}"
    );
    assert!(
        stdout.find("type = \"mime\"") < stdout.find("type = \"pdf\""),
        "pipeline order"
    );
    assert!(stdout.contains("out = \"/tmp/elsewhere\"") && stdout.contains(":0\""));
}

#[test]
fn refusals_name_the_key_and_its_line() {
    // The key's environment variable is not set.
    let out = output(pipeline().args([
        "--check-config",
        "--config",
        "examples/pipelines/websocket.toml",
    ]));
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("websocket.toml:15:")
            && stderr.contains("source.api_key")
            && stderr.contains("PIPES_API_KEY is not set"),
        "{stderr}"
    );
    // The webhook source downloads through the REST API: without a key it is refused.
    let out = output(
        pipeline()
            .env("PIPES_WEBHOOK_SECRET", "s3cr3t-value")
            .args([
                "--check-config",
                "--config",
                "examples/pipelines/webhook.toml",
            ]),
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("PIPES_API_KEY is not set"), "{stderr}");
    assert!(!stderr.contains("s3cr3t"));
    // With both, the resolved pipeline shows the secret masked.
    let out = output(
        pipeline()
            .env("PIPES_WEBHOOK_SECRET", "s3cr3t-value")
            .env("PIPES_API_KEY", KEY)
            .args([
                "--check-config",
                "--config",
                "examples/pipelines/webhook.toml",
            ]),
    );
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(stdout.contains("type = \"webhook\""), "{stdout}");
    assert!(
        !stdout.contains("s3cr3t") && !stdout.contains("abcdefghij"),
        "{stdout}"
    );
    assert!(!stderr.contains("s3cr3t"));

    let dir = tempfile::tempdir().expect("tempdir");
    let cases = [
        (
            "out = \"x\"\n[[stages]]\ntype = \"thumbnail\"\nmax_sidee = 3\n",
            ":4:1: stages[0].max_sidee: unknown field `max_sidee`",
        ),
        (
            "concurrency = \"four\"\n",
            ":1:1: concurrency: invalid type: string \"four\", expected",
        ),
        (
            "[queue]\ntype = \"durable\"\nmax_attempts = -1\n",
            ":3:1: queue.max_attempts: invalid value",
        ),
        (
            "[[stages]]\ntype = \"thumbnail\"\nquality = 0\n",
            ":3:1: stages[0].quality: must be 1-100",
        ),
        (
            "[[stages]]\ntype = \"ocr\"\n",
            ":2:1: stages[0].type: unknown stage \"ocr\"",
        ),
        (
            "[source]\ntype = \"ftp\"\n",
            ":2:1: source.type: unknown source type \"ftp\"",
        ),
        (
            "[metrics]\nadrr = \"x\"\n",
            ":2:1: metrics.adrr: unknown field `adrr`",
        ),
        ("out = [\n", "pipeline.toml:"),
    ];
    for (body, expected) in cases {
        let file = dir.path().join("pipeline.toml");
        std::fs::write(&file, body).expect("write");
        let out = output(pipeline().arg("--check-config").arg("--config").arg(&file));
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{body}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{body:?} should say {expected:?}: {stderr}"
        );
    }
    // The offending line is shown under the message.
    std::fs::write(
        dir.path().join("p.toml"),
        "[[stages]]\ntype = \"mime\"\nreject_dangerous = \"yes\"\n",
    )
    .expect("write");
    let out = output(
        pipeline()
            .arg("--check-config")
            .arg("--config")
            .arg(dir.path().join("p.toml")),
    );
    assert!(
        text(&out.stderr).contains("3 | reject_dangerous = \"yes\""),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_dir_pipeline_file_runs_and_keeps_a_gallery() {
    let out = tempfile::tempdir().expect("tempdir");
    let run = output(
        pipeline()
            .args(["--config", "examples/pipelines/dir.toml", "--out"])
            .arg(out.path()),
    );
    assert!(run.status.success(), "{}", text(&run.stderr));
    let lines = read_report(out.path());
    assert_eq!(lines.len(), samples());
    for line in lines
        .iter()
        .filter(|l| l["stages"]["thumbnail"]["status"] == "ok")
    {
        let facts = &line["stages"]["thumbnail"]["facts"];
        assert!(
            facts["width"].as_u64() <= Some(480) && facts["height"].as_u64() <= Some(270),
            "{facts}"
        );
    }
    // The last lines say where the report and the gallery are.
    let stdout = text(&run.stdout);
    let last: Vec<&str> = stdout.lines().rev().take(2).collect();
    assert!(
        last[1].starts_with("report:") && last[1].ends_with("report.jsonl"),
        "{stdout}"
    );
    assert!(
        last[0].starts_with("gallery:") && last[0].contains("report.html"),
        "{stdout}"
    );
    assert!(out.path().join("report.html").is_file());
    let data = std::fs::read_to_string(out.path().join("report-data.js")).expect("gallery data");
    assert_eq!(
        data.lines().filter(|l| l.starts_with("G(")).count(),
        lines.len()
    );
    // A second run over the same directory: nothing new, the gallery data rebuilt, not doubled.
    let again = output(
        pipeline()
            .args(["--config", "examples/pipelines/dir.toml", "--out"])
            .arg(out.path()),
    );
    assert!(again.status.success(), "{}", text(&again.stderr));
    let data = std::fs::read_to_string(out.path().join("report-data.js")).expect("gallery data");
    assert_eq!(
        data.lines().filter(|l| l.starts_with("G(")).count(),
        lines.len()
    );
}

/// One HTTP/1.1 GET over loopback: (status, body).
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut stream = std::net::TcpStream::connect(addr).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("request");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("response");
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_owned();
    (status, body)
}

/// The value of `series` in Prometheus text (chunked bodies keep their lines whole).
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|l| {
        l.strip_prefix(series)?
            .strip_prefix(' ')?
            .trim()
            .parse()
            .ok()
    })
}

#[test]
fn the_websocket_pipeline_file_serves_metrics_that_match_the_report() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let sim = rt
        .block_on(pipes_media_sim::Simulator::builder().start())
        .expect("sim");
    let ids = sim
        .load_dir(
            pipes_media_sim::DEFAULT_USER,
            &root().join("fixtures/samples"),
        )
        .expect("samples");
    sim.send(
        pipes_media_sim::DEFAULT_USER,
        pipes_media_sim::MessageSpec::media("image", "med_gone"),
    );
    let expected = ids.len() + 1;
    let out = tempfile::tempdir().expect("tempdir");
    let mut child = pipeline()
        .env("PIPES_API_KEY", sim.api_key())
        .env("PIPES_BASE_URL", sim.base_url())
        .args([
            "--config",
            "examples/pipelines/websocket.toml",
            "--metrics-addr",
            "127.0.0.1:0",
            "--idle-exit",
            "3",
            "--out",
        ])
        .arg(out.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let addr = loop {
        let line = lines.next().expect("a metrics line").expect("utf-8");
        if let Some(rest) = line.strip_prefix("metrics: http://") {
            break rest.split('/').next().expect("addr").to_owned();
        }
    };
    std::thread::spawn(move || lines.for_each(drop));
    assert_eq!(get(&addr, "/healthz").0, 200);
    let started = Instant::now();
    let metrics = loop {
        let (status, body) = get(&addr, "/metrics");
        assert_eq!(status, 200);
        let finished: f64 = ["processed", "failed", "unavailable", "no_media"]
            .iter()
            .filter_map(|s| {
                sample(
                    &body,
                    &format!("pipes_media_messages_finished_total{{status=\"{s}\"}}"),
                )
            })
            .sum();
        if finished as usize == expected {
            break body;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "not finished: {body}"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(get(&addr, "/readyz").0, 200, "connected and the store open");
    let report = read_report(out.path());
    assert_eq!(report.len(), expected);
    for status in ["processed", "failed"] {
        let n = report.iter().filter(|l| l["status"] == status).count() as f64;
        let series = format!("pipes_media_messages_finished_total{{status=\"{status}\"}}");
        assert_eq!(sample(&metrics, &series), Some(n), "{series}");
    }
    assert_eq!(
        sample(&metrics, "pipes_media_failures_total{code=\"NOT_FOUND\"}"),
        Some(1.0)
    );
    let bytes: u64 = report
        .iter()
        .filter_map(|l| l["blob"]["size"].as_u64())
        .sum();
    assert_eq!(
        sample(&metrics, "pipes_media_downloaded_bytes_total"),
        Some(bytes as f64)
    );
    for series in [
        "pipes_media_queue_depth",
        "pipes_media_in_flight",
        "pipes_media_dead_letters",
        "pipes_media_reconnects_total",
    ] {
        assert_eq!(sample(&metrics, series), Some(0.0), "{series}");
    }
    assert!(metrics.contains("pipes_media_stage_duration_seconds_bucket{stage=\"thumbnail\",status=\"ok\",le=\"0.5\"}"), "{metrics}");
    assert!(metrics.contains("pipes_media_download_duration_seconds_count{outcome=\"error\"} 1"));
    let status = wait_with_timeout(&mut child, Duration::from_secs(60), "pipeline");
    assert!(status.success());
    rt.block_on(sim.shutdown());
}

#[test]
fn a_program_names_its_own_stage_in_a_file() {
    let out = tempfile::tempdir().expect("tempdir");
    let run = output(
        Command::new(example("custom_stage_file"))
            .current_dir(root())
            .arg("examples/pipelines/custom.toml")
            .arg(out.path()),
    );
    assert!(run.status.success(), "{}", text(&run.stderr));
    let lines: Vec<Value> = text(&run.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(lines.len(), samples());
    for line in &lines {
        let facts = &line["stages"]["size_class"]["facts"];
        assert_eq!(facts["label"], "samples", "{line}");
        let small = line["blob"]["size"].as_u64().expect("size") < 50_000;
        assert_eq!(facts["class"], if small { "small" } else { "large" });
    }
    // Its options are checked like the bundled ones'.
    let file = out.path().join("bad.toml");
    let body = std::fs::read_to_string(root().join("examples/pipelines/custom.toml"))
        .expect("custom.toml")
        .replace("label = \"samples\"", "lable = \"samples\"");
    std::fs::write(&file, body).expect("write");
    let run = output(
        Command::new(example("custom_stage_file"))
            .current_dir(root())
            .arg(&file),
    );
    assert_eq!(run.status.code(), Some(2));
    assert!(
        text(&run.stderr).contains("stages[1].lable: unknown field `lable`"),
        "{}",
        text(&run.stderr)
    );
}

#[test]
fn the_quick_start_ends_saying_where_the_report_and_gallery_are() {
    let out = tempfile::tempdir().expect("tempdir");
    let run = output(pipeline().arg("--out").arg(out.path()));
    assert!(run.status.success(), "{}", text(&run.stderr));
    let stdout = text(&run.stdout);
    let report = Path::new(out.path()).join("report.jsonl");
    assert!(
        stdout.contains(&format!("report:  {}", report.display())),
        "{stdout}"
    );
    assert!(
        stdout
            .trim_end()
            .ends_with(&format!("{})", url_of(&out.path().join("report.html")))),
        "{stdout}"
    );
    let data = std::fs::read_to_string(out.path().join("report-data.js")).expect("gallery data");
    assert_eq!(
        data.lines().filter(|l| l.starts_with("G(")).count(),
        read_report(out.path()).len()
    );
}

fn url_of(path: &Path) -> String {
    format!("file://{}", path.display())
}
