//! Test kit: a simulator on loopback and a pipeline pointed at it.

#![allow(dead_code)]

use std::path::Path;
use std::time::Duration;

use pipes_media_core::queue::Backoff;
use pipes_media_core::{Pipeline, PipelineBuilder, RunSummary};
use pipes_media_ingest::{ApiKey, ClientConfig, Downloader, WebSocketSource};
use pipes_media_sim::Simulator;
use pipes_media_testkit::files::read_report;
use serde_json::Value;

/// A simulator that drains its queue fast.
pub async fn sim() -> Simulator {
    Simulator::builder()
        .drain_interval(Duration::from_millis(1))
        .start()
        .await
        .expect("simulator starts")
}

/// Client settings for `sim`, with quick reconnects.
pub fn config(sim: &Simulator) -> ClientConfig {
    let mut config =
        ClientConfig::new(&sim.base_url(), ApiKey::new(sim.api_key())).expect("valid config");
    config.reconnect = Backoff::new(Duration::from_millis(20), Duration::from_millis(200));
    config
}

/// A downloader for `sim`.
pub fn downloader(sim: &Simulator) -> Downloader {
    Downloader::new(config(sim)).expect("client builds")
}

/// A memory queue retrying quickly (retries are the scheduler's, not the downloader's).
pub fn quick_queue(max_attempts: u32) -> std::sync::Arc<pipes_media_core::MemoryQueue> {
    std::sync::Arc::new(
        pipes_media_core::MemoryQueue::new(16)
            .max_attempts(max_attempts)
            .backoff(Backoff::new(
                Duration::from_millis(10),
                Duration::from_millis(50),
            )),
    )
}

/// The result of a run.
pub struct Run {
    pub out: tempfile::TempDir,
    pub summary: RunSummary,
    pub lines: Vec<Value>,
}

impl Run {
    /// The report line of `message_id` (exactly one, or panic).
    pub fn line(&self, message_id: &str) -> &Value {
        let found: Vec<_> = self
            .lines
            .iter()
            .filter(|l| l["messageId"] == message_id)
            .collect();
        assert_eq!(
            found.len(),
            1,
            "exactly one line for {message_id}: {:#?}",
            self.lines
        );
        found[0]
    }
}

/// Runs a pipeline against `sim` until `messages` messages are finished (60 s at most).
pub async fn run(
    sim: &Simulator,
    messages: u64,
    tweak: impl FnOnce(PipelineBuilder) -> PipelineBuilder,
) -> Run {
    run_with(sim, messages, downloader(sim), tweak).await
}

/// Like [`run`], with a downloader of the test's own.
pub async fn run_with(
    sim: &Simulator,
    messages: u64,
    downloader: Downloader,
    tweak: impl FnOnce(PipelineBuilder) -> PipelineBuilder,
) -> Run {
    let out = tempfile::tempdir().expect("tempdir");
    let builder = Pipeline::builder()
        .out_dir(out.path().join("out"))
        .source(WebSocketSource::new(config(sim)))
        .fetcher(downloader)
        .queue(quick_queue(5))
        .max_messages(messages)
        .concurrency(3);
    let pipeline = tweak(builder).build().expect("pipeline builds");
    let summary = tokio::time::timeout(Duration::from_secs(60), pipeline.run())
        .await
        .expect("run finishes in time")
        .expect("run succeeds");
    let lines = read_report(&out.path().join("out"));
    Run {
        out,
        summary,
        lines,
    }
}

/// Hex SHA-256 of a file.
pub fn sha256_file(path: &Path) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(std::fs::read(path).expect("readable")))
}

/// A downloader for `sim` with quick limits for slow-peer tests: 300 ms to answer, 1 KiB/s
/// over 500 ms, 5 s per attempt; `tweak` adjusts them further.
pub fn quick_limits(
    sim: &Simulator,
    tweak: impl FnOnce(&mut pipes_media_ingest::DownloadLimits),
) -> Downloader {
    let mut config = config(sim);
    config.download.response_timeout = Duration::from_millis(300);
    config.download.min_speed = 1024;
    config.download.speed_window = Duration::from_millis(500);
    config.download.deadline = Duration::from_secs(5);
    tweak(&mut config.download);
    Downloader::new(config).expect("client builds")
}

/// The media of a message, as a downloader is given it.
pub fn media(id: &str, byte_size: u64) -> pipes_media_core::event::AvailableMedia {
    pipes_media_core::event::AvailableMedia {
        id: pipes_media_core::event::MediaId::new(id.to_owned()),
        mime_type: None,
        file_name: None,
        byte_size,
    }
}
