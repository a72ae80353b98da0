//! A worker: the workers half over a JetStream [`Consumer`], with a [`ResultsSink`].

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use pipes_media_core::queue::Backoff;
use pipes_media_core::sink::sanitize;
use pipes_media_core::{Fetcher, Stage, StagePolicy, Workers};
use tracing::{info, warn};

use crate::config::NatsConfig;
use crate::consumer::Consumer;
use crate::error::NatsError;
use crate::results_sink::ResultsSink;
use crate::setup::connect;

/// How to run a worker.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// Where media and artifacts go (shared by workers or not).
    pub out: PathBuf,
    /// Downloads and stage runs at once (jobs held: twice this).
    pub concurrency: usize,
    /// Largest media accepted, in bytes.
    pub max_size: u64,
    /// Exit once no job arrived for this long and none is in flight.
    pub idle_exit: Option<Duration>,
    /// Retry delays of retryable download failures.
    pub backoff: Backoff,
    /// How long a shutdown waits for jobs in flight (the rest is handed back to JetStream).
    pub shutdown_grace: Duration,
    /// The worker's name, for its temporary directory (`<out>/.work/<name>`) and the logs.
    pub name: String,
}

impl WorkerOptions {
    /// Defaults: concurrency 4, 100 MiB, no idle exit, retries from 10 s, 30 s grace.
    pub fn new(out: impl Into<PathBuf>) -> Self {
        Self {
            out: out.into(),
            concurrency: 4,
            max_size: pipes_media_core::pipeline::DEFAULT_MAX_SIZE,
            idle_exit: None,
            backoff: Backoff::new(Duration::from_secs(2), Duration::from_secs(600)),
            shutdown_grace: Duration::from_secs(30),
            name: default_worker_name(),
        }
    }
}

/// `<hostname>-<pid>`.
pub fn default_worker_name() -> String {
    format!("{}-{}", host_name(), std::process::id())
}

fn host_name() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "worker".to_owned())
}

/// Removes the work directories (`<host>-<pid>`) of workers of this host whose process is gone
/// (a worker killed mid-job leaves its partial download behind; its job is redelivered to
/// another worker, which starts afresh).
fn sweep_dead_workers(work_root: &std::path::Path) {
    let prefix = format!("{}-", sanitize::path_component(&host_name(), "worker"));
    let Ok(entries) = std::fs::read_dir(work_root) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(&prefix)
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let alive = pid == std::process::id()
            || std::path::Path::new("/proc").join(pid.to_string()).exists();
        if !alive && std::path::Path::new("/proc/self").exists() {
            match std::fs::remove_dir_all(entry.path()) {
                Ok(()) => {
                    info!(dir = %entry.path().display(), "removed the work directory of a worker that is gone")
                }
                Err(e) => {
                    warn!(dir = %entry.path().display(), error = %e, "could not remove a dead worker's work directory")
                }
            }
        }
    }
}

/// What a worker run did.
#[derive(Debug, Clone, Copy, Default)]
pub struct WorkerSummary {
    /// Jobs finished (report line published and job acknowledged).
    pub finished: u64,
    /// Of those, reported `failed`.
    pub failed: u64,
    /// Bytes downloaded.
    pub bytes: u64,
}

/// Runs a worker: jobs from the shared consumer → `fetcher` → `stages` → files under
/// `options.out` and report lines to the results stream. Returns when `shutdown` completes or
/// per `options.idle_exit`.
pub async fn run_worker(
    config: &NatsConfig,
    options: WorkerOptions,
    fetcher: impl Fetcher,
    stages: Vec<(Box<dyn Stage>, StagePolicy)>,
    shutdown: impl std::future::Future<Output = ()> + Send,
) -> Result<WorkerSummary, NatsError> {
    let conn = connect(config, &format!("pipes-media-worker {}", options.name)).await?;
    let queue = Consumer::new(conn.clone(), options.backoff).await?;
    let work_root = options.out.join(".work");
    sweep_dead_workers(&work_root);
    let work_dir = work_root.join(sanitize::path_component(&options.name, "worker"));
    let mut builder = Workers::builder()
        .out_dir(&options.out)
        .work_dir(&work_dir)
        .queue(queue.clone())
        .fetcher(Arc::new(fetcher))
        .sink(Arc::new(ResultsSink::new(&options.out, conn)?))
        .download_concurrency(options.concurrency)
        .stage_concurrency(options.concurrency)
        .max_size(options.max_size)
        .shutdown_grace(options.shutdown_grace);
    for (stage, policy) in stages {
        builder = builder.stage(stage, policy);
    }
    if let Some(idle) = options.idle_exit {
        builder = builder.idle_exit(idle);
    }
    let workers = builder.build()?;
    info!(url = %config.url, consumer = %config.workers_consumer, name = %options.name, stages = ?workers.stage_names(), "worker running");
    let result = workers.run_until(shutdown).await;
    queue.release_all().await;
    let _ = std::fs::remove_dir(&work_dir);
    let summary = result?;
    Ok(WorkerSummary {
        finished: summary.metrics.finished,
        failed: summary.metrics.failed,
        bytes: summary.metrics.bytes,
    })
}
