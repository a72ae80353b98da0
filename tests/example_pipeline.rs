//! The example binaries as a user runs them: the quick start, `--input`, a rejected key, the
//! custom stage example. They are built by `cargo test` itself; these tests start them.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use serde_json::Value;

/// `target/<profile>/examples/<name>`, next to this test's own binary.
fn example(name: &str) -> PathBuf {
    let path = pipes_media_testkit::process::example_binary(name);
    assert!(
        path.exists(),
        "{} was not built (cargo test builds examples)",
        path.display()
    );
    path
}

fn run(cmd: &mut Command) -> Output {
    cmd.env_remove("PIPES_API_KEY")
        .env_remove("PIPES_BASE_URL")
        .env("NO_COLOR", "1")
        .output()
        .expect("example starts")
}

fn report(out: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(out.join("report.jsonl"))
        .expect("report.jsonl written")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/samples")
}

#[test]
fn quick_start_processes_every_bundled_sample() {
    let out = tempfile::tempdir().expect("tempdir");
    let output = run(Command::new(example("pipeline"))
        .arg("--out")
        .arg(out.path())
        .arg("--quiet"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines = report(out.path());
    let files = std::fs::read_dir(samples()).expect("samples").count();
    assert_eq!(
        lines.len(),
        files + 2,
        "one line per sample, a text and an unavailable message"
    );
    let status = |s: &str| lines.iter().filter(|l| l["status"] == s).count();
    assert_eq!(status("no_media"), 1);
    assert_eq!(status("unavailable"), 1);
    assert_eq!(status("processed") + status("failed"), files);
    for line in lines.iter().filter(|l| l["blob"].is_object()) {
        let path = out
            .path()
            .join(line["blob"]["path"].as_str().expect("blob path"));
        assert!(path.starts_with(out.path().join("media")), "{path:?}");
        assert_eq!(
            std::fs::metadata(&path).expect("blob stored").len(),
            line["blob"]["size"]
        );
    }
}

#[test]
fn input_directory_is_read_in_place() {
    let out = tempfile::tempdir().expect("tempdir");
    let output = run(Command::new(example("pipeline"))
        .arg("--input")
        .arg(samples())
        .args(["--stages", "none", "--quiet", "--concurrency", "1", "--out"])
        .arg(out.path()));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines = report(out.path());
    let files = std::fs::read_dir(samples()).expect("samples").count();
    assert_eq!(lines.len(), files);
    for line in &lines {
        assert_eq!(line["status"], "processed", "{line}");
        let path = PathBuf::from(line["blob"]["path"].as_str().expect("path"));
        assert!(path.starts_with(samples()), "read in place: {path:?}");
        assert!(line["messageId"].as_str().expect("id").starts_with("file-"));
    }
    // Nothing copied: `media/` is created with its first file, so it is not even there, and
    // no work directory was needed either.
    assert!(!out.path().join("media").exists(), "nothing copied");
    assert!(
        !out.path().join(".work").exists(),
        "nothing written to .work"
    );
    // Stable ids: a second run gives the same ones.
    let again = tempfile::tempdir().expect("tempdir");
    run(Command::new(example("pipeline"))
        .arg("--input")
        .arg(samples())
        .args(["--stages", "none", "--quiet", "--out"])
        .arg(again.path()));
    let mut a: Vec<_> = lines.iter().map(|l| l["messageId"].clone()).collect();
    let mut b: Vec<_> = report(again.path())
        .iter()
        .map(|l| l["messageId"].clone())
        .collect();
    a.sort_by_key(|v| v.to_string());
    b.sort_by_key(|v| v.to_string());
    assert_eq!(a, b);
}

#[test]
fn rejected_key_exits_2_quickly_without_showing_the_key() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let sim = rt
        .block_on(pipes_media_sim::Simulator::builder().start())
        .expect("sim");
    let key = "pk_wrongwrongwrongwrongwrongwrong99";
    let started = Instant::now();
    let output = Command::new(example("pipeline"))
        .env("PIPES_API_KEY", key)
        .env("PIPES_BASE_URL", sim.base_url())
        .env("RUST_LOG", "debug")
        .arg("--out")
        .arg(tempfile::tempdir().expect("tempdir").path())
        .output()
        .expect("starts");
    assert_eq!(output.status.code(), Some(2));
    assert!(started.elapsed() < Duration::from_secs(10));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stderr.contains("401") && stderr.contains("PIPES_API_KEY"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("wrongwrong") && !stdout.contains("wrongwrong"),
        "key leaked: {stderr}"
    );
    assert_eq!(sim.stats().ws_rejected, 1, "no retry loop on a bad key");
    rt.block_on(sim.shutdown());
}

#[test]
fn a_valid_key_never_appears_in_debug_logs() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let sim = rt
        .block_on(pipes_media_sim::Simulator::builder().start())
        .expect("sim");
    let media = sim.add_media(
        pipes_media_sim::DEFAULT_USER,
        pipes_media_sim::MediaSpec::bytes(vec![1u8; 2000], "image/png"),
    );
    sim.send(
        pipes_media_sim::DEFAULT_USER,
        pipes_media_sim::MessageSpec::media("image", &media),
    );
    let out = tempfile::tempdir().expect("tempdir");
    let output = Command::new(example("pipeline"))
        .env("PIPES_API_KEY", sim.api_key())
        .env("PIPES_BASE_URL", sim.base_url())
        .env("RUST_LOG", "trace")
        .args(["--max-messages", "1", "--out"])
        .arg(out.path())
        .output()
        .expect("starts");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let secret = &sim.api_key()[11..];
    for text in [&output.stderr, &output.stdout] {
        assert!(
            !String::from_utf8_lossy(text).contains(secret),
            "key leaked into the output"
        );
    }
    let report = std::fs::read_to_string(out.path().join("report.jsonl")).expect("report");
    assert!(!report.contains(secret));
    assert_eq!(sim.stats().auth_headers_at_storage, 0);
    rt.block_on(sim.shutdown());
}

#[test]
fn custom_stage_example_reports_its_own_facts() {
    let output = run(&mut Command::new(example("custom_stage")));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<Value> = stdout
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(lines.len(), 2);
    let photo = lines
        .iter()
        .find(|l| l["type"] == "image")
        .expect("image line");
    assert_eq!(
        photo["stages"]["caption_entropy"]["facts"]["captionWords"],
        5
    );
    assert_eq!(photo["stages"]["big"]["facts"]["big"], false);
    let doc = lines
        .iter()
        .find(|l| l["type"] == "document")
        .expect("document line");
    assert_eq!(doc["stages"]["big"]["facts"]["big"], true);
    let entropy = doc["stages"]["caption_entropy"]["facts"]["headEntropy"]
        .as_f64()
        .expect("entropy");
    assert!(entropy > 7.9, "generated bytes look random: {entropy}");
}

/// `--idle-exit` counts time spent reconnecting too: a run against an API that is unreachable,
/// or that keeps refusing the upgrade with a 503, ends once the idle period has passed.
#[test]
fn idle_exit_fires_when_the_api_is_unreachable_or_refuses() {
    use std::io::{Read, Write};
    // A port with nobody listening…
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    // …and a server answering every request with a 503.
    let refusing = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let refusing_port = refusing.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in refusing.incoming().flatten() {
            let mut stream = stream;
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(
                b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
            );
        }
    });
    for port in [closed, refusing_port] {
        let out = tempfile::tempdir().expect("tempdir");
        let started = Instant::now();
        let output = Command::new(example("pipeline"))
            .env("PIPES_API_KEY", "pk_sim_0123456789abcdefghijklmnopqr")
            .env("PIPES_BASE_URL", format!("http://127.0.0.1:{port}"))
            .env("RUST_LOG", "warn")
            .arg("--out")
            .arg(out.path())
            .args(["--idle-exit", "2", "--quiet"])
            .output()
            .expect("starts");
        let took = started.elapsed();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(took >= Duration::from_secs(2), "it waited the idle period");
        assert!(
            took < Duration::from_secs(15),
            "and then stopped ({took:?})"
        );
    }
}
