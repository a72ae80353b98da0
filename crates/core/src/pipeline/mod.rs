//! [`Pipeline`]: both halves of the runtime in one process: an [`Intake`] and [`Workers`]
//! around one queue.

pub(crate) mod run;
mod signal;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::error::PipelineError;
use crate::fetch::Fetcher;
use crate::intake::Intake;
use crate::metrics::{Metrics, MetricsSnapshot};
use crate::queue::{JobQueue, MemoryQueue};
use crate::report::Report;
use crate::sink::{DirectorySink, Sink};
use crate::source::Source;
use crate::stage::{Stage, StagePolicy};
use crate::workers::{Workers, WorkersBuilder};

pub use crate::workers::DEFAULT_MAX_SIZE;
pub use signal::shutdown_signal;

/// Why a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum StopReason {
    /// The source finished (e.g. every input file was listed) and all work is done.
    SourceFinished,
    /// `max_messages` were received and finished.
    MaxMessages,
    /// Nothing arrived for the idle period and all work was done.
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
    intake: Intake,
    queue: Arc<dyn JobQueue>,
    workers: Workers,
    report: Arc<Report>,
}

impl Pipeline {
    /// Starts building a pipeline.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// The live counters (clone the `Arc` before `run` to watch progress).
    pub fn metrics(&self) -> Arc<Metrics> {
        self.workers.metrics()
    }

    /// The report the run writes.
    pub fn report(&self) -> Arc<Report> {
        self.report.clone()
    }

    /// The stage names, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.workers.stage_names()
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
        run::run(Some((self.intake, self.queue)), self.workers, shutdown).await
    }
}

/// Builds a [`Pipeline`]. Only `out_dir` and `source` are required.
pub struct PipelineBuilder {
    workers: WorkersBuilder,
    source: Option<Box<dyn Source>>,
    queue: Option<Arc<dyn JobQueue>>,
    fetcher: Option<Arc<dyn Fetcher>>,
    sink: Option<Arc<dyn Sink>>,
    report: Option<Arc<Report>>,
    out_dir: Option<PathBuf>,
    concurrency: (usize, usize),
    max_messages: Option<u64>,
    idle_exit: Option<Duration>,
    observers: Vec<Arc<dyn crate::observe::Observer>>,
}

impl Default for PipelineBuilder {
    fn default() -> Self {
        let cores = crate::workers::cores();
        Self {
            workers: WorkersBuilder::default(),
            source: None,
            queue: None,
            fetcher: None,
            sink: None,
            report: None,
            out_dir: None,
            concurrency: (4, cores),
            max_messages: None,
            idle_exit: None,
            observers: Vec::new(),
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
        self.workers = self.workers.stage(Box::new(stage), policy);
        self
    }

    /// Appends an already boxed stage (for stage lists chosen at run time).
    pub fn boxed_stage(mut self, stage: Box<dyn Stage>, policy: StagePolicy) -> Self {
        self.workers = self.workers.stage(stage, policy);
        self
    }

    /// Where messages come from.
    pub fn source(mut self, source: impl Source) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// The queue between the intake and the workers (default: a [`MemoryQueue`] sized to the
    /// concurrency).
    pub fn queue(mut self, queue: Arc<dyn JobQueue>) -> Self {
        self.queue = Some(queue);
        self
    }

    /// Where the bytes of each message come from (default: none; the downloader of
    /// `pipes-media-ingest`, or [`LocalFiles::fetcher`](crate::fetch::LocalFiles::fetcher)).
    pub fn fetcher(mut self, fetcher: impl Fetcher) -> Self {
        self.fetcher = Some(Arc::new(fetcher));
        self
    }

    /// Where finished messages go (default: a [`DirectorySink`] on `out_dir` and the report).
    pub fn sink(mut self, sink: impl Sink) -> Self {
        self.sink = Some(Arc::new(sink));
        self
    }

    /// The run's report, when it is already open (one [`Report`] per file and process: the
    /// durable store needs it at open too). Default: `<out_dir>/report.jsonl`.
    pub fn report(mut self, report: Arc<Report>) -> Self {
        self.report = Some(report);
        self
    }

    /// The output directory: media, artifacts and the report go here.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Where stages keep state across restarts (default `<out>/state`).
    pub fn state_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.workers = self.workers.state_dir(dir);
        self
    }

    /// Where downloads are written while in progress (default `<out>/.work`; keep it on the same
    /// filesystem as `out_dir` so finished files are renamed, not copied).
    pub fn work_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.workers = self.workers.work_dir(dir);
        self
    }

    /// Sets both the download and the stage concurrency.
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = (n.max(1), n.max(1));
        self
    }

    /// How many downloads run at once (default 4).
    pub fn download_concurrency(mut self, n: usize) -> Self {
        self.concurrency.0 = n.max(1);
        self
    }

    /// How many items run through stages at once (default: number of cores).
    pub fn stage_concurrency(mut self, n: usize) -> Self {
        self.concurrency.1 = n.max(1);
        self
    }

    /// Largest media accepted, in bytes (default 100 MiB). The downloader enforces its own copy
    /// of the limit while streaming.
    pub fn max_size(mut self, bytes: u64) -> Self {
        self.workers = self.workers.max_size(bytes);
        self
    }

    /// Stop taking events after `n` messages; the run ends when they are finished.
    pub fn max_messages(mut self, n: u64) -> Self {
        self.max_messages = Some(n);
        self
    }

    /// End the run once all work is finished and no event arrived for `idle` (whether the
    /// source is connected or not: an unreachable API ends the run too).
    pub fn idle_exit(mut self, idle: Duration) -> Self {
        self.idle_exit = Some(idle);
        self
    }

    /// How long a shutdown waits for in-flight work (default 30 s).
    pub fn shutdown_grace(mut self, grace: Duration) -> Self {
        self.workers = self.workers.shutdown_grace(grace);
        self
    }

    /// Tells `observer` of fetches, stage runs, retries and every report line (metrics, a
    /// gallery).
    pub fn observer(mut self, observer: Arc<dyn crate::observe::Observer>) -> Self {
        self.observers.push(observer);
        self
    }

    /// Checks the parts, opens the report and prepares the output directory.
    pub fn build(self) -> Result<Pipeline, PipelineError> {
        let out_dir = self.out_dir.ok_or(PipelineError::Incomplete("out_dir"))?;
        let source = self.source.ok_or(PipelineError::Incomplete("source"))?;
        create_dir(&out_dir)?;
        let report = match self.report {
            Some(report) => report,
            None => Arc::new(Report::open(&out_dir)?),
        };
        let sink: Arc<dyn Sink> = match self.sink {
            Some(sink) => sink,
            None => Arc::new(DirectorySink::with_report(&out_dir, report.clone())?),
        };
        let (downloads, stage_slots) = self.concurrency;
        let queue = self
            .queue
            .unwrap_or_else(|| Arc::new(MemoryQueue::new((downloads + stage_slots) * 2)));
        let metrics = Arc::new(Metrics::default());
        let mut workers_builder = self.workers;
        for observer in self.observers {
            report.observe(observer.clone());
            workers_builder = workers_builder.observer(observer);
        }
        let mut workers = workers_builder
            .out_dir(&out_dir)
            .queue(dequeue_half(queue.clone()))
            .sink(sink)
            .download_concurrency(downloads)
            .stage_concurrency(stage_slots)
            .metrics(metrics.clone());
        if let Some(fetcher) = self.fetcher {
            workers = workers.fetcher(fetcher);
        }
        if let Some(idle) = self.idle_exit {
            workers = workers.idle_exit(idle);
        }
        let workers = workers.build()?;
        let mut intake = Intake::new(source, enqueue_half(queue.clone()))
            .report(report.clone())
            .metrics(metrics);
        if let Some(n) = self.max_messages {
            intake = intake.max_messages(n);
        }
        Ok(Pipeline {
            intake,
            queue,
            workers,
            report,
        })
    }
}

fn dequeue_half(queue: Arc<dyn JobQueue>) -> Arc<dyn crate::queue::Dequeue> {
    Arc::new(queue)
}

fn enqueue_half(queue: Arc<dyn JobQueue>) -> Arc<dyn crate::queue::Enqueue> {
    Arc::new(queue)
}

pub(crate) fn create_dir(path: &std::path::Path) -> Result<(), PipelineError> {
    std::fs::create_dir_all(path).map_err(|source| PipelineError::Io {
        path: path.to_owned(),
        source,
    })
}
