//! [`Pipeline`]: source → queue → workers (download, stages) → sink.

mod metrics;
mod run;
mod worker;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub use metrics::{Metrics, MetricsSnapshot};

use crate::error::PipelineError;
use crate::fetch::{Fetcher, NoFetcher};
use crate::queue::{JobQueue, MemoryQueue};
use crate::sink::{DirectorySink, Sink};
use crate::source::Source;
use crate::stage::{Stage, StagePolicy};

/// Default size limit of one media file: 100 MiB.
pub const DEFAULT_MAX_SIZE: u64 = 100 * 1024 * 1024;

pub(crate) struct StageEntry {
    pub(crate) stage: Box<dyn Stage>,
    pub(crate) policy: StagePolicy,
}

/// Why a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum StopReason {
    /// The source finished (e.g. every input file was listed) and all work is done.
    SourceFinished,
    /// `max_messages` were received and finished.
    MaxMessages,
    /// No event arrived for the idle period and all work was done.
    Idle,
    /// The shutdown future completed (Ctrl-C, SIGTERM…).
    Shutdown,
}

/// What a finished run did.
#[derive(Debug, Clone, Copy)]
pub struct RunSummary {
    /// Final counters.
    pub metrics: MetricsSnapshot,
    /// Why it ended.
    pub stopped_by: StopReason,
}

/// A pipeline ready to run. Build one with [`Pipeline::builder`].
///
/// ```
/// use pipes_media_core::{stage_fn, Envelope, Pipeline};
/// use pipes_media_core::source::IterSource;
///
/// # tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap().block_on(async {
/// let out = tempfile::tempdir()?;
/// let pipeline = Pipeline::builder()
///     .out_dir(out.path())
///     .source(IterSource::new(Vec::<Envelope>::new()))
///     .stage(stage_fn("noop", |_item, _cx| Ok(())))
///     .concurrency(2)
///     .build()?;
/// let summary = pipeline.run().await?;
/// assert_eq!(summary.metrics.finished, 0);
/// assert!(out.path().join("report.jsonl").exists());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # }).unwrap();
/// ```
pub struct Pipeline {
    pub(crate) stages: Vec<StageEntry>,
    pub(crate) source: Box<dyn Source>,
    pub(crate) queue: Arc<dyn JobQueue>,
    pub(crate) fetcher: Arc<dyn Fetcher>,
    pub(crate) sink: Arc<dyn Sink>,
    pub(crate) out_dir: PathBuf,
    pub(crate) work_dir: PathBuf,
    pub(crate) download_concurrency: usize,
    pub(crate) stage_concurrency: usize,
    pub(crate) max_size: u64,
    pub(crate) max_messages: Option<u64>,
    pub(crate) idle_exit: Option<Duration>,
    pub(crate) shutdown_grace: Duration,
    pub(crate) metrics: Arc<Metrics>,
}

impl Pipeline {
    /// Starts building a pipeline.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// The live counters (clone the `Arc` before `run` to watch progress).
    pub fn metrics(&self) -> Arc<Metrics> {
        self.metrics.clone()
    }

    /// The stage names, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.stage.name()).collect()
    }

    /// Runs until the source finishes (or `max_messages` / `idle_exit` says so) and all work is
    /// done.
    pub async fn run(self) -> Result<RunSummary, PipelineError> {
        self.run_until(std::future::pending()).await
    }

    /// Like [`Pipeline::run`], and also stops taking events when `shutdown` completes; work in
    /// flight is finished (within the shutdown grace period) before it returns.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send,
    ) -> Result<RunSummary, PipelineError> {
        run::run(self, shutdown).await
    }
}

/// Builds a [`Pipeline`]. Only `out_dir` and `source` are required.
pub struct PipelineBuilder {
    stages: Vec<StageEntry>,
    source: Option<Box<dyn Source>>,
    queue: Option<Arc<dyn JobQueue>>,
    fetcher: Option<Arc<dyn Fetcher>>,
    sink: Option<Arc<dyn Sink>>,
    out_dir: Option<PathBuf>,
    work_dir: Option<PathBuf>,
    download_concurrency: usize,
    stage_concurrency: usize,
    max_size: u64,
    max_messages: Option<u64>,
    idle_exit: Option<Duration>,
    shutdown_grace: Duration,
}

impl Default for PipelineBuilder {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self {
            stages: Vec::new(),
            source: None,
            queue: None,
            fetcher: None,
            sink: None,
            out_dir: None,
            work_dir: None,
            download_concurrency: 4,
            stage_concurrency: cores,
            max_size: DEFAULT_MAX_SIZE,
            max_messages: None,
            idle_exit: None,
            shutdown_grace: Duration::from_secs(30),
        }
    }
}

impl PipelineBuilder {
    /// Appends a stage with the default policy (continue on error, no retry, 120 s timeout).
    pub fn stage(self, stage: impl Stage) -> Self {
        self.stage_with(stage, StagePolicy::default())
    }

    /// Appends a stage with its own policy.
    pub fn stage_with(mut self, stage: impl Stage, policy: StagePolicy) -> Self {
        self.stages.push(StageEntry {
            stage: Box::new(stage),
            policy,
        });
        self
    }

    /// Appends an already boxed stage (for stage lists chosen at run time).
    pub fn boxed_stage(mut self, stage: Box<dyn Stage>, policy: StagePolicy) -> Self {
        self.stages.push(StageEntry { stage, policy });
        self
    }

    /// Where messages come from.
    pub fn source(mut self, source: impl Source) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// The queue between source and workers (default: a [`MemoryQueue`] sized to the
    /// concurrency).
    pub fn queue(mut self, queue: Arc<dyn JobQueue>) -> Self {
        self.queue = Some(queue);
        self
    }

    /// The downloader for remote media (default: none, only local files).
    pub fn fetcher(mut self, fetcher: impl Fetcher) -> Self {
        self.fetcher = Some(Arc::new(fetcher));
        self
    }

    /// Where finished messages go (default: a [`DirectorySink`] on `out_dir`).
    pub fn sink(mut self, sink: impl Sink) -> Self {
        self.sink = Some(Arc::new(sink));
        self
    }

    /// The output directory: media, artifacts and the report go here.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Where downloads are written while in progress (default `<out>/.work`; keep it on the same
    /// filesystem as `out_dir` so finished files are renamed, not copied).
    pub fn work_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.work_dir = Some(dir.into());
        self
    }

    /// Sets both the download and the stage concurrency.
    pub fn concurrency(mut self, n: usize) -> Self {
        self.download_concurrency = n.max(1);
        self.stage_concurrency = n.max(1);
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

    /// Largest media accepted, in bytes (default 100 MiB). Applies to local files too; the
    /// downloader enforces its own copy of the limit while streaming.
    pub fn max_size(mut self, bytes: u64) -> Self {
        self.max_size = bytes;
        self
    }

    /// Stop taking events after `n` messages; the run ends when they are finished.
    pub fn max_messages(mut self, n: u64) -> Self {
        self.max_messages = Some(n);
        self
    }

    /// End the run once all work is finished and no event arrived for `idle`
    /// (time spent reconnecting does not count).
    pub fn idle_exit(mut self, idle: Duration) -> Self {
        self.idle_exit = Some(idle);
        self
    }

    /// How long a shutdown waits for in-flight work (default 30 s).
    pub fn shutdown_grace(mut self, grace: Duration) -> Self {
        self.shutdown_grace = grace;
        self
    }

    /// Checks the parts and prepares the output directory.
    pub fn build(self) -> Result<Pipeline, PipelineError> {
        let out_dir = self.out_dir.ok_or(PipelineError::Incomplete("out_dir"))?;
        let source = self.source.ok_or(PipelineError::Incomplete("source"))?;
        create_dir(&out_dir)?;
        let work_dir = self.work_dir.unwrap_or_else(|| out_dir.join(".work"));
        create_dir(&work_dir)?;
        let sink: Arc<dyn Sink> = match self.sink {
            Some(sink) => sink,
            None => Arc::new(DirectorySink::new(&out_dir)?),
        };
        let workers = self.download_concurrency + self.stage_concurrency;
        let queue = self
            .queue
            .unwrap_or_else(|| Arc::new(MemoryQueue::new(workers * 2)));
        Ok(Pipeline {
            stages: self.stages,
            source,
            queue,
            fetcher: self.fetcher.unwrap_or_else(|| Arc::new(NoFetcher)),
            sink,
            out_dir,
            work_dir,
            download_concurrency: self.download_concurrency,
            stage_concurrency: self.stage_concurrency,
            max_size: self.max_size,
            max_messages: self.max_messages,
            idle_exit: self.idle_exit,
            shutdown_grace: self.shutdown_grace,
            metrics: Arc::new(Metrics::default()),
        })
    }
}

fn create_dir(path: &std::path::Path) -> Result<(), PipelineError> {
    std::fs::create_dir_all(path).map_err(|source| PipelineError::Io {
        path: path.to_owned(),
        source,
    })
}
