//! The object-store sink against a real S3-compatible server on loopback (moto; SKIP without):
//! byte-identical round trips, dedup by HEAD, multipart above the part size, and a run killed
//! mid-upload and restarted.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use pipes_media_core::{DirectorySink, Pipeline, Report};
use pipes_media_ingest::{ApiKey, ClientConfig, Downloader, WebSocketSource};
use pipes_media_s3::{ObjectStoreSink, S3Client, S3Config};
use pipes_media_sim::{generated_sha256, MediaSpec, MessageSpec, Simulator, DEFAULT_USER};
use pipes_media_store::{DurableConfig, DurableQueue};
use pipes_media_testkit::files::read_report;
use pipes_media_testkit::moto::MotoServer;
use sha2::Digest;

fn config(endpoint: &str, bucket: &str) -> S3Config {
    std::env::set_var("AWS_ACCESS_KEY_ID", "testing");
    std::env::set_var("AWS_SECRET_ACCESS_KEY", "testing-secret");
    std::env::set_var("AWS_ENDPOINT_URL", endpoint);
    std::env::set_var("AWS_REGION", "us-east-1");
    let mut config =
        S3Config::from_env(format!("s3://{bucket}/archive").parse().expect("location"))
            .expect("env");
    config.part_size = 5 * 1024 * 1024;
    config.retry_base = Duration::from_millis(20);
    config
}

async fn sim() -> Simulator {
    Simulator::builder()
        .drain_interval(Duration::from_millis(1))
        .start()
        .await
        .expect("sim")
}

/// Runs a pipeline with the object-store sink until `n` messages are finished.
async fn run(
    sim: &Simulator,
    out: &Path,
    s3: S3Config,
    n: u64,
) -> (Vec<serde_json::Value>, pipes_media_s3::UploadStats) {
    let client = ClientConfig::new(&sim.base_url(), ApiKey::new(sim.api_key())).expect("client");
    let report = Arc::new(Report::open(out).expect("report"));
    let store =
        DurableQueue::open(&out.join("state"), &report, DurableConfig::default()).expect("store");
    let sink = ObjectStoreSink::new(
        s3,
        DirectorySink::with_report(out, report.clone()).expect("sink"),
    )
    .expect("s3 sink");
    let uploads = sink.client().clone();
    let pipeline = Pipeline::builder()
        .out_dir(out)
        .report(report)
        .queue(Arc::new(store))
        .source(WebSocketSource::new(client.clone()))
        .fetcher(Downloader::new(client).expect("downloader"))
        .sink(sink)
        .concurrency(2)
        .max_messages(n)
        .build()
        .expect("builds");
    tokio::time::timeout(Duration::from_secs(120), pipeline.run())
        .await
        .expect("in time")
        .expect("runs");
    (read_report(out), uploads.stats())
}

fn key_of(url: &str) -> &str {
    url.split_once("://")
        .map(|(_, rest)| rest)
        .and_then(|r| r.split_once('/'))
        .map(|(_, k)| k)
        .expect("s3://bucket/key")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn media_round_trips_once_per_content_with_multipart_above_the_part_size() {
    let Some(moto) = MotoServer::start() else {
        return;
    };
    let s3 = config(moto.url(), "round-trip");
    let client = S3Client::new(s3.clone()).expect("client");
    client.create_bucket().await.expect("bucket");
    let sim = sim().await;
    let small = sim.add_media(
        DEFAULT_USER,
        MediaSpec::generated(300_000, 1, "image/jpeg").file_name("photo.jpg"),
    );
    let big = sim.add_media(
        DEFAULT_USER,
        MediaSpec::generated(12 * 1024 * 1024 + 17, 2, "video/mp4"),
    );
    let first = sim.send(DEFAULT_USER, MessageSpec::media("image", &small));
    let forwarded = sim.send(
        DEFAULT_USER,
        MessageSpec::media("image", &small).caption("fwd"),
    );
    let video = sim.send(DEFAULT_USER, MessageSpec::media("video", &big));
    let text = sim.send(DEFAULT_USER, MessageSpec::text("no media"));
    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("out");
    let (lines, stats) = run(&sim, &out, s3.clone(), 4).await;
    assert_eq!(lines.len(), 4);
    let by_id: HashMap<&str, &serde_json::Value> = lines
        .iter()
        .map(|l| (l["messageId"].as_str().expect("id"), l))
        .collect();
    let expected = [
        (first.as_str(), generated_sha256(300_000, 1)),
        (forwarded.as_str(), generated_sha256(300_000, 1)),
        (video.as_str(), generated_sha256(12 * 1024 * 1024 + 17, 2)),
    ];
    for (id, sha) in &expected {
        let line = by_id[id];
        assert_eq!(line["blob"]["sha256"], sha.as_str());
        let url = line["blob"]["url"].as_str().expect("blob.url");
        assert!(
            url.starts_with("s3://round-trip/archive/media/sha256/"),
            "{url}"
        );
        assert!(url.contains(&format!("/{}/{sha}", &sha[..2])), "{url}");
        let bytes = client.get(key_of(url)).await.expect("get").expect("stored");
        assert_eq!(
            hex::encode(sha2::Sha256::digest(&bytes)),
            *sha,
            "byte-identical"
        );
        let info = client
            .head(key_of(url))
            .await
            .expect("head")
            .expect("exists");
        assert_eq!(info.sha256.as_deref(), Some(sha.as_str()));
        let local = out.join(line["blob"]["path"].as_str().expect("path"));
        assert!(
            !local.exists(),
            "the local copy goes once the upload is confirmed"
        );
    }
    assert!(by_id[text.as_str()]["blob"].is_null());
    // The forwarded photo was not uploaded again; the video went up in three parts.
    assert_eq!(stats.skipped, 1, "{stats:?}");
    assert_eq!((stats.multipart, stats.parts), (1, 3), "{stats:?}");
    assert_eq!(stats.puts, 1, "{stats:?}");
    sim.shutdown().await;
}

/// Child mode: the test binary re-run as the pipeline process that the next test kills.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn child_pipeline() {
    let (Ok(out), Ok(base), Ok(endpoint)) = (
        std::env::var("CHILD_OUT"),
        std::env::var("CHILD_BASE_URL"),
        std::env::var("CHILD_ENDPOINT"),
    ) else {
        return; // not a child: nothing to do
    };
    let n: u64 = std::env::var("CHILD_N")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let out = std::path::PathBuf::from(out);
    let client =
        ClientConfig::new(&base, ApiKey::new(pipes_media_sim::DEFAULT_API_KEY)).expect("client");
    let report = Arc::new(Report::open(&out).expect("report"));
    let store =
        DurableQueue::open(&out.join("state"), &report, DurableConfig::default()).expect("store");
    let mut s3 = config(&endpoint, "killed");
    s3.keep_local = true;
    let sink = ObjectStoreSink::new(
        s3,
        DirectorySink::with_report(&out, report.clone()).expect("sink"),
    )
    .expect("s3");
    let pipeline = Pipeline::builder()
        .out_dir(&out)
        .report(report)
        .queue(Arc::new(store))
        .source(WebSocketSource::new(client.clone()))
        .fetcher(Downloader::new(client).expect("downloader"))
        .sink(sink)
        .concurrency(2)
        .idle_exit(Duration::from_secs(2))
        .max_messages(n)
        .build()
        .expect("builds");
    pipeline.run().await.expect("runs");
}

#[test]
fn a_run_killed_mid_upload_finishes_every_object_once_after_a_restart() {
    let Some(moto) = MotoServer::start() else {
        return;
    };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let s3 = config(moto.url(), "killed");
    let client = S3Client::new(s3).expect("client");
    rt.block_on(client.create_bucket()).expect("bucket");
    let sim = rt.block_on(sim());
    let mut expected = HashMap::new();
    for i in 0..4u64 {
        let len = 16 * 1024 * 1024 + i;
        let media = sim.add_media(DEFAULT_USER, MediaSpec::generated(len, 10 + i, "video/mp4"));
        expected.insert(
            sim.send(DEFAULT_USER, MessageSpec::media("video", &media)),
            generated_sha256(len, 10 + i),
        );
    }
    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("out");
    let child = |out: &Path| {
        Command::new(std::env::current_exe().expect("test binary"))
            .args(["--exact", "child_pipeline", "--nocapture"])
            .env("CHILD_OUT", out)
            .env("CHILD_BASE_URL", sim.base_url())
            .env("CHILD_ENDPOINT", moto.url())
            .env("CHILD_N", expected.len().to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("child starts")
    };
    // Kill it while parts are going up: once the first media is on disk, before all are done.
    let mut first = child(&out);
    let started = Instant::now();
    loop {
        let media = pipes_media_testkit::files::files_under(&out.join("media"));
        if !media.is_empty() || started.elapsed() > Duration::from_secs(60) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(150));
    unsafe_kill(&first);
    let _ = first.wait();
    let killed_with = read_report(&out).len();
    assert!(
        killed_with < expected.len(),
        "killed before the end ({killed_with} lines)"
    );

    let mut second = child(&out);
    let status = pipes_media_testkit::process::wait_with_timeout(
        &mut second,
        Duration::from_secs(120),
        "restarted pipeline",
    );
    assert!(status.success());
    let lines = read_report(&out);
    assert_eq!(lines.len(), expected.len(), "every message exactly once");
    for line in &lines {
        let sha = &expected[line["messageId"].as_str().expect("id")];
        let url = line["blob"]["url"].as_str().expect("url");
        let bytes = rt
            .block_on(client.get(key_of(url)))
            .expect("get")
            .expect("stored");
        assert_eq!(
            &hex::encode(sha2::Sha256::digest(&bytes)),
            sha,
            "{url} is whole and right"
        );
    }
    rt.block_on(sim.shutdown());
}

fn unsafe_kill(child: &std::process::Child) {
    // SIGKILL: no chance to finish the upload or write anything.
    let pid = i32::try_from(child.id()).expect("pid");
    // SAFETY: kill(2) on our own child's pid has no memory effects.
    unsafe {
        libc::kill(pid, libc::SIGKILL);
    }
}
