//! Resume instead of restart, across a crash: the example pipeline is SIGKILLed while a 64 MiB
//! body is half written, then restarted with the same output directory. The restarted run asks
//! a fresh redirect for the rest (`Range: bytes=N-`), so the storage host sends at most 1.2× the
//! body in all, and the report's hash is that of the whole file.

#![allow(clippy::print_stderr)] // the measured figures, for the record

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use pipes_media_sim::{generated_sha256, MediaSpec, MessageSpec, Simulator, DEFAULT_USER};
use pipes_media_testkit::files::{files_under, read_report};
use pipes_media_testkit::process::{pipeline_command, wait_with_timeout};

const LEN: u64 = 64 * 1024 * 1024;

fn pipeline(sim: &Simulator, out: &Path, extra: &[&str]) -> Command {
    let mut cmd = pipeline_command(&sim.api_key(), &sim.base_url(), out);
    cmd.args(["--stages", "none"]).args(extra);
    cmd
}

/// The part file under `out` and its length, once there is one.
fn part_file(out: &Path) -> Option<(PathBuf, u64)> {
    files_under(out)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "part"))
        .and_then(|p| std::fs::metadata(&p).ok().map(|m| (p, m.len())))
}

#[test]
fn a_body_killed_half_way_resumes_after_the_restart() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let sim = rt
        .block_on(
            Simulator::builder()
                .drain_interval(Duration::from_millis(1))
                .start(),
        )
        .expect("sim");
    // 8 MiB/s: the body takes 8 s, time enough to kill the run half-way.
    sim.faults().slow_bodies(Some(8 * 1024 * 1024));
    let media = sim.add_media(DEFAULT_USER, MediaSpec::generated(LEN, 64, "video/mp4"));
    let id = sim.send(DEFAULT_USER, MessageSpec::media("video", &media));
    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("out");

    let mut child = pipeline(&sim, &out, &[]).spawn().expect("starts");
    let started = Instant::now();
    let (part, written) = loop {
        if let Some((part, len)) = part_file(&out) {
            if len >= LEN / 2 {
                break (part, len);
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the body reached half-way"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    let mut sidecar = part.as_os_str().to_owned();
    sidecar.push(".meta");
    assert!(
        Path::new(&sidecar).exists(),
        "the validator is kept beside the part"
    );
    let served_before = sim.stats().bytes_served;
    assert!(served_before < LEN, "killed before the end");

    sim.faults().slow_bodies(None);
    let mut child = pipeline(&sim, &out, &["--idle-exit", "1"])
        .spawn()
        .expect("restarts");
    let status = wait_with_timeout(&mut child, Duration::from_secs(120), "pipeline");
    assert!(status.success());

    let lines = read_report(&out);
    assert_eq!(lines.len(), 1, "{lines:#?}");
    let line = &lines[0];
    assert_eq!(line["messageId"], id.as_str());
    assert_eq!(line["status"], "processed", "{line}");
    let sha = generated_sha256(LEN, 64);
    assert_eq!(line["blob"]["sha256"], sha.as_str());
    assert_eq!(line["blob"]["size"], LEN);
    let blob = out.join(line["blob"]["path"].as_str().expect("path"));
    let bytes = std::fs::read(&blob).expect("blob on disk");
    use sha2::Digest;
    assert_eq!(hex::encode(sha2::Sha256::digest(&bytes)), sha);

    let stats = sim.stats();
    let ratio = stats.bytes_served as f64 / LEN as f64;
    eprintln!(
        "killed with {written} bytes on disk ({served_before} served by then); \
         {} bytes served in all = {ratio:.3}× the body, {} range request(s)",
        stats.bytes_served, stats.range_requests
    );
    assert_eq!(stats.range_requests, 1, "the restart resumed");
    assert!(ratio <= 1.2, "{ratio:.3}× the body was sent");
    assert_eq!(stats.auth_headers_at_storage, 0);
    let stray: Vec<_> = files_under(&out)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".part"))
        .collect();
    assert!(stray.is_empty(), "work files left: {stray:?}");
    rt.block_on(sim.shutdown());
}
