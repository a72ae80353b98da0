//! [`Workers`]: the second half of the runtime: a [`Dequeue`] through the fetcher, the stages
//! and the sink, then the acknowledgement.
//!
//! Per job a worker writes to the queue exactly what recovery and scheduling need:
//! [`Dequeue::take`] (the hand-out: the queue counts the attempt, so a message that crashes the
//! process cannot loop forever), then one of [`Dequeue::retry`] (a retryable failure that was
//! not the last attempt: the next attempt's time and the last error) or [`Dequeue::complete`]
//! (after the sink wrote the report line). Nothing in between: recovery hands every unfinished
//! job out again whatever step it had reached.

mod handle;
mod stages;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::error::PipelineError;
use crate::fetch::{Fetcher, NoFetcher};
use crate::job::Envelope;
use crate::metrics::Metrics;
use crate::queue::Dequeue;
use crate::sink::Sink;
use crate::stage::{Stage, StagePolicy};

pub(crate) use handle::{record_interrupted, work};

/// Default size limit of one media file: 100 MiB.
pub const DEFAULT_MAX_SIZE: u64 = 100 * 1024 * 1024;

/// A stage of the pipeline with its policy.
pub(crate) struct StageEntry {
    pub(crate) stage: Box<dyn Stage>,
    pub(crate) policy: StagePolicy,
}

/// What every worker task shares.
pub(crate) struct Shared {
    pub(crate) stages: Vec<StageEntry>,
    pub(crate) queue: Arc<dyn Dequeue>,
    pub(crate) fetcher: Arc<dyn Fetcher>,
    pub(crate) sink: Arc<dyn Sink>,
    pub(crate) out_dir: PathBuf,
    pub(crate) state_dir: PathBuf,
    pub(crate) work_dir: PathBuf,
    pub(crate) max_size: u64,
    pub(crate) metrics: Arc<Metrics>,
    pub(crate) downloads: Semaphore,
    pub(crate) stage_slots: Semaphore,
    pub(crate) in_flight: Mutex<HashMap<String, (Envelope, u32)>>,
    pub(crate) observer: crate::observe::Observers,
}

/// The worker pool: dequeue → fetch → stages → sink → acknowledge. Build one with
/// [`Workers::builder`]; a [`Pipeline`](crate::Pipeline) builds its own, and a process that
/// only runs workers (a NATS worker) runs one with [`Workers::run_until`].
pub struct Workers {
    pub(crate) shared: Arc<Shared>,
    pub(crate) tasks: usize,
    pub(crate) idle_exit: Option<Duration>,
    pub(crate) shutdown_grace: Duration,
}

impl Workers {
    /// Starts building a worker pool.
    pub fn builder() -> WorkersBuilder {
        WorkersBuilder::default()
    }

    /// The live counters.
    pub fn metrics(&self) -> Arc<Metrics> {
        self.shared.metrics.clone()
    }

    /// The stage names, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.shared.stages.iter().map(|s| s.stage.name()).collect()
    }

    /// Runs the workers alone until `shutdown` completes, the queue hands out nothing more, or
    /// (with `idle_exit`) no job was taken for that long and none is in flight.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send,
    ) -> Result<crate::RunSummary, PipelineError> {
        crate::pipeline::run::run(None, self, shutdown).await
    }
}

/// Builds [`Workers`]. `queue` and `out_dir` are required.
pub struct WorkersBuilder {
    stages: Vec<StageEntry>,
    queue: Option<Arc<dyn Dequeue>>,
    fetcher: Option<Arc<dyn Fetcher>>,
    sink: Option<Arc<dyn Sink>>,
    out_dir: Option<PathBuf>,
    state_dir: Option<PathBuf>,
    work_dir: Option<PathBuf>,
    download_concurrency: usize,
    stage_concurrency: usize,
    max_size: u64,
    idle_exit: Option<Duration>,
    shutdown_grace: Duration,
    metrics: Option<Arc<Metrics>>,
    observer: crate::observe::Observers,
}

/// The cores this process may use (2 when unknown), read once: every reading of
/// `available_parallelism` parses the cgroup files again (a dozen system calls).
pub(crate) fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
}

impl Default for WorkersBuilder {
    fn default() -> Self {
        let cores = cores();
        Self {
            stages: Vec::new(),
            queue: None,
            fetcher: None,
            sink: None,
            out_dir: None,
            state_dir: None,
            work_dir: None,
            download_concurrency: 4,
            stage_concurrency: cores,
            max_size: DEFAULT_MAX_SIZE,
            idle_exit: None,
            shutdown_grace: Duration::from_secs(30),
            metrics: None,
            observer: Default::default(),
        }
    }
}

impl WorkersBuilder {
    /// Appends a stage with its policy.
    pub fn stage(mut self, stage: Box<dyn Stage>, policy: StagePolicy) -> Self {
        self.stages.push(StageEntry { stage, policy });
        self
    }

    /// Where jobs come from.
    pub fn queue(mut self, queue: Arc<dyn Dequeue>) -> Self {
        self.queue = Some(queue);
        self
    }

    /// Where bytes come from (default: none).
    pub fn fetcher(mut self, fetcher: Arc<dyn Fetcher>) -> Self {
        self.fetcher = Some(fetcher);
        self
    }

    /// Where finished messages go (required; a [`Pipeline`](crate::Pipeline) defaults to a
    /// [`DirectorySink`](crate::DirectorySink)).
    pub fn sink(mut self, sink: Arc<dyn Sink>) -> Self {
        self.sink = Some(sink);
        self
    }

    /// The output directory (media, artifacts).
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Where stages keep state (default `<out>/state`).
    pub fn state_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.state_dir = Some(dir.into());
        self
    }

    /// Where downloads are written while in progress (default `<out>/.work`; keep it on the
    /// same filesystem as the output so finished files are renamed, not copied).
    pub fn work_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.work_dir = Some(dir.into());
        self
    }

    /// How many downloads run at once (default 4).
    pub fn download_concurrency(mut self, n: usize) -> Self {
        self.download_concurrency = n.max(1);
        self
    }

    /// How many items run through stages at once (default: number of cores).
    pub fn stage_concurrency(mut self, n: usize) -> Self {
        self.stage_concurrency = n.max(1);
        self
    }

    /// Largest media accepted, in bytes (default 100 MiB).
    pub fn max_size(mut self, bytes: u64) -> Self {
        self.max_size = bytes;
        self
    }

    /// End once no job was taken for `idle` and none is in flight.
    pub fn idle_exit(mut self, idle: Duration) -> Self {
        self.idle_exit = Some(idle);
        self
    }

    /// How long a shutdown waits for jobs in flight (default 30 s).
    pub fn shutdown_grace(mut self, grace: Duration) -> Self {
        self.shutdown_grace = grace;
        self
    }

    /// Counters to update (default: new ones).
    pub fn metrics(mut self, metrics: Arc<Metrics>) -> Self {
        self.metrics = Some(metrics);
        self
    }

    /// Tells `observer` of fetches, stage runs and retries.
    pub fn observer(mut self, observer: Arc<dyn crate::observe::Observer>) -> Self {
        self.observer.push(observer);
        self
    }

    /// Checks the parts and creates the directories.
    pub fn build(self) -> Result<Workers, PipelineError> {
        let out_dir = self.out_dir.ok_or(PipelineError::Incomplete("out_dir"))?;
        let queue = self.queue.ok_or(PipelineError::Incomplete("queue"))?;
        let sink = self.sink.ok_or(PipelineError::Incomplete("sink"))?;
        let work_dir = self.work_dir.unwrap_or_else(|| out_dir.join(".work"));
        let state_dir = self.state_dir.unwrap_or_else(|| out_dir.join("state"));
        let fetcher = self.fetcher.unwrap_or_else(|| Arc::new(NoFetcher));
        crate::pipeline::create_dir(&out_dir)?;
        if fetcher.writes_temp_files() {
            crate::pipeline::create_dir(&work_dir)?;
        }
        discard_stale_temp_files(&work_dir);
        let tasks = self.download_concurrency + self.stage_concurrency;
        Ok(Workers {
            shared: Arc::new(Shared {
                stages: self.stages,
                queue,
                fetcher,
                sink,
                out_dir,
                state_dir,
                work_dir,
                max_size: self.max_size,
                metrics: self.metrics.unwrap_or_default(),
                downloads: Semaphore::new(self.download_concurrency),
                stage_slots: Semaphore::new(self.stage_concurrency),
                in_flight: Mutex::new(HashMap::new()),
                observer: self.observer,
            }),
            tasks,
            idle_exit: self.idle_exit,
            shutdown_grace: self.shutdown_grace,
        })
    }
}

/// Removes scratch files a previous run left behind (`.scratch`, and downloads older than the
/// 48-hour retention, whose media cannot be fetched again anyway). Recent `.part` files stay:
/// a fetcher may resume them.
fn discard_stale_temp_files(work_dir: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(work_dir) else {
        return;
    };
    let retention = crate::event::MEDIA_RETENTION;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > retention);
        let stale = name.ends_with(".scratch") || (old && name.contains(".part"));
        if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            if let Err(e) = std::fs::remove_file(&path) {
                tracing::warn!(path = %path.display(), error = %e, "could not remove a stale temporary file");
            }
        }
    }
}
