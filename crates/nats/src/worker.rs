//! The worker side: a [`JobQueue`] over the shared durable pull consumer, and a [`Sink`] that
//! stores files locally and publishes report lines to the results stream.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use async_nats::jetstream::consumer::{pull, Consumer};
use async_nats::jetstream::{self, AckKind};
use async_nats::HeaderMap;
use async_trait::async_trait;
use futures_util::StreamExt;
use pipes_media_core::queue::{Backoff, Completion, Retry};
use pipes_media_core::sink::Finished;
use pipes_media_core::{
    Envelope, ErrorReport, Fetcher, Job, JobQueue, JobState, Pipeline, QueueError, Sink, SinkError,
    Source, SourceError, SourceEvent, Stage, StagePolicy,
};
use tokio::sync::Notify;
use tracing::{debug, info, warn};

use crate::config::NatsConfig;
use crate::error::{queue_err, sink_err, NatsError};
use crate::ingest::{publish_dead_letter, DeadLetter};
use crate::setup::{connect, Connection};

/// How long one pull request waits on the server for a job.
const PULL_EXPIRES: Duration = Duration::from_secs(1);

struct InFlight {
    message: jetstream::Message,
    last_ack: Instant,
    error: Option<ErrorReport>,
}

/// The workers' [`JobQueue`]: `pop` pulls one job from the shared durable consumer, `progress`
/// and a background heartbeat keep it leased (in-progress acknowledgements), `complete`
/// acknowledges, `retry` negatively acknowledges with the backoff delay until `max_deliver`.
pub struct WorkQueue {
    conn: Connection,
    consumer: Consumer<pull::Config>,
    in_flight: Mutex<HashMap<u64, InFlight>>,
    next_token: AtomicU64,
    closed: AtomicBool,
    stopping: AtomicBool,
    activity: Arc<Notify>,
    backoff: Backoff,
}

impl WorkQueue {
    /// A queue over the workers' consumer of `conn`'s layout; retries wait `backoff`.
    pub async fn new(conn: Connection, backoff: Backoff) -> Result<Arc<Self>, NatsError> {
        let c = &conn.config;
        let consumer = conn
            .js
            .get_stream(&c.events_stream)
            .await
            .map_err(|e| NatsError::nats("events stream", e))?
            .get_consumer::<pull::Config>(&c.workers_consumer)
            .await
            .map_err(|e| NatsError::nats("workers consumer", e))?;
        let queue = Arc::new(Self {
            conn,
            consumer,
            in_flight: Mutex::new(HashMap::new()),
            next_token: AtomicU64::new(1),
            closed: AtomicBool::new(false),
            stopping: AtomicBool::new(false),
            activity: Arc::new(Notify::new()),
            backoff,
        });
        tokio::spawn(heartbeat(Arc::downgrade(&queue)));
        Ok(queue)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, InFlight>> {
        self.in_flight.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn heartbeat_every(&self) -> Duration {
        (self.conn.config.ack_wait / 3).max(Duration::from_millis(100))
    }

    /// Hands every job still held back to JetStream at once (a negative acknowledgement without
    /// delay), so other workers take them without waiting for the ack wait.
    pub async fn release_all(&self) {
        let held: Vec<jetstream::Message> = self.lock().drain().map(|(_, f)| f.message).collect();
        for message in held {
            if let Err(e) = message.ack_with(AckKind::Nak(None)).await {
                debug!(error = %e, "could not release a job (it is redelivered after the ack wait)");
            }
        }
    }

    /// Whether a pulled message becomes a job; a malformed one is terminated.
    async fn accept(&self, message: jetstream::Message) -> Option<Job> {
        if self.stopping.load(Ordering::Relaxed) {
            let _ = message.ack_with(AckKind::Nak(None)).await;
            return None;
        }
        let envelope = match serde_json::from_slice::<Envelope>(&message.payload) {
            Ok(envelope) => envelope,
            Err(e) => {
                warn!(error = %e, len = message.payload.len(), "malformed event in the work queue: terminated");
                let _ = message.ack_with(AckKind::Term).await;
                return None;
            }
        };
        let attempt = message
            .info()
            .map(|i| u32::try_from(i.delivered).unwrap_or(1))
            .unwrap_or(1)
            .max(1);
        let token = self.next_token.fetch_add(1, Ordering::Relaxed);
        self.lock().insert(
            token,
            InFlight {
                message,
                last_ack: Instant::now(),
                error: None,
            },
        );
        self.activity.notify_one();
        Some(Job {
            envelope,
            attempt,
            token,
            replaces_report_line: false,
        })
    }

    fn deliveries(message: &jetstream::Message) -> i64 {
        message.info().map(|i| i.delivered).unwrap_or(1)
    }
}

/// Sends in-progress acknowledgements for jobs held longer than a third of the ack wait.
async fn heartbeat(queue: Weak<WorkQueue>) {
    let every = match queue.upgrade() {
        Some(q) => q.heartbeat_every(),
        None => return,
    };
    loop {
        tokio::time::sleep(every / 2).await;
        let Some(queue) = queue.upgrade() else { return };
        let due: Vec<jetstream::Message> = {
            let mut held = queue.lock();
            held.values_mut()
                .filter(|f| f.last_ack.elapsed() >= every)
                .map(|f| {
                    f.last_ack = Instant::now();
                    f.message.clone()
                })
                .collect()
        };
        for message in due {
            if let Err(e) = message.ack_with(AckKind::Progress).await {
                debug!(error = %e, "in-progress acknowledgement failed");
            }
        }
    }
}

#[async_trait]
impl JobQueue for WorkQueue {
    async fn push(
        &self,
        envelope: Envelope,
    ) -> Result<pipes_media_core::queue::Pushed, QueueError> {
        let _ = envelope;
        Err(QueueError::storage(
            "NATS work queue",
            "workers do not take events: the ingest publishes them",
        ))
    }

    async fn pop(&self) -> Result<Option<Job>, QueueError> {
        loop {
            if self.stopping.load(Ordering::Relaxed) || self.closed.load(Ordering::Relaxed) {
                return Ok(None);
            }
            let batch = self
                .consumer
                .fetch()
                .max_messages(1)
                .expires(PULL_EXPIRES)
                .messages()
                .await;
            let mut batch = match batch {
                Ok(batch) => batch,
                Err(e) => {
                    warn!(error = %e, "pulling a job failed; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            };
            while let Some(message) = batch.next().await {
                match message {
                    Ok(message) => {
                        if let Some(job) = self.accept(message).await {
                            return Ok(Some(job));
                        }
                    }
                    Err(e) => {
                        debug!(error = %e, "pull request ended");
                        break;
                    }
                }
            }
        }
    }

    async fn progress(&self, job: &Job, state: JobState) -> Result<(), QueueError> {
        let due = {
            let mut held = self.lock();
            match held.get_mut(&job.token) {
                Some(f) if f.last_ack.elapsed() >= Duration::from_secs(1) => {
                    f.last_ack = Instant::now();
                    Some(f.message.clone())
                }
                _ => None,
            }
        };
        if let Some(message) = due {
            debug!(?state, "in-progress acknowledgement");
            if let Err(e) = message.ack_with(AckKind::Progress).await {
                debug!(error = %e, "in-progress acknowledgement failed");
            }
        }
        Ok(())
    }

    async fn complete(&self, job: Job, how: Completion) -> Result<(), QueueError> {
        let Some(held) = self.lock().remove(&job.token) else {
            return Ok(());
        };
        if how == Completion::DeadLettered {
            let letter = DeadLetter {
                message_id: job.id().to_owned(),
                error: held
                    .error
                    .clone()
                    .unwrap_or_else(|| ErrorReport::new("RETRIES_EXHAUSTED", "no attempts left")),
                attempts: job.attempt,
                envelope: job.envelope.clone(),
            };
            publish_dead_letter(&self.conn, &letter).await?;
        }
        // A lost acknowledgement means one redelivery; the ingest ignores the second result.
        let mut attempt = 0;
        while let Err(e) = held.message.double_ack().await {
            attempt += 1;
            if attempt >= 3 {
                warn!(message_id = %job.id(), error = %e, "acknowledgement not confirmed (the job may run again; its report line will not be duplicated)");
                break;
            }
            tokio::time::sleep(Duration::from_millis(200 * attempt)).await;
        }
        Ok(())
    }

    async fn retry(&self, job: Job, error: &ErrorReport) -> Result<Retry, QueueError> {
        let max = i64::from(self.conn.config.max_deliver);
        let (entry, delivered) = {
            let mut held = self.lock();
            let Some(entry) = held.get_mut(&job.token) else {
                return Ok(Retry::Exhausted);
            };
            let delivered = Self::deliveries(&entry.message);
            if delivered >= max {
                entry.error = Some(error.clone());
                return Ok(Retry::Exhausted);
            }
            match held.remove(&job.token) {
                Some(entry) => (entry, delivered),
                None => return Ok(Retry::Exhausted),
            }
        };
        let n = u32::try_from(delivered.saturating_sub(1)).unwrap_or(0);
        let delay = self.backoff.delay(n);
        entry
            .message
            .ack_with(AckKind::Nak(Some(delay)))
            .await
            .map_err(|e| queue_err("nak", e))?;
        Ok(Retry::Scheduled(delay))
    }

    async fn close(&self) {
        self.closed.store(true, Ordering::Relaxed);
    }

    async fn shutdown(&self) {
        self.stopping.store(true, Ordering::Relaxed);
    }

    fn is_durable(&self) -> bool {
        true
    }

    async fn outstanding(&self) -> Result<usize, QueueError> {
        Ok(self.lock().len())
    }
}

/// The workers' [`Sink`]: media and artifacts under the worker's directory (no `report.jsonl`
/// there), then the report line to the results stream; returns once JetStream acknowledged it,
/// and only then does the pipeline acknowledge the job.
pub struct ResultsSink {
    files: pipes_media_core::MediaDir,
    conn: Connection,
}

impl ResultsSink {
    /// Stores files under `out`, publishes to `conn`'s results subject.
    pub fn new(out: impl Into<PathBuf>, conn: Connection) -> std::io::Result<Self> {
        Ok(Self {
            files: pipes_media_core::MediaDir::open(out)?,
            conn,
        })
    }
}

#[async_trait]
impl Sink for ResultsSink {
    async fn finish(&self, finished: Finished) -> Result<(), SinkError> {
        let blob_path = self.files.store(&finished)?;
        let line = pipes_media_core::ReportLine::of(&finished, blob_path)
            .to_json()
            .map_err(|e| SinkError::backend("report line", e))?;
        let backoff = Backoff::new(Duration::from_millis(200), Duration::from_secs(5));
        let mut attempt = 0;
        loop {
            let mut headers = HeaderMap::new();
            headers.insert("Nats-Msg-Id", finished.envelope.id());
            let sent = self
                .conn
                .js
                .publish_with_headers(
                    self.conn.config.results_subject.clone(),
                    headers,
                    line.clone().into(),
                )
                .await;
            let result = match sent {
                Ok(ack) => ack.await.map(|_| ()).map_err(|e| sink_err("result ack", e)),
                Err(e) => Err(sink_err("result publish", e)),
            };
            match result {
                Ok(()) => return Ok(()),
                Err(e) if attempt < 5 => {
                    warn!(error = %e, "report line not acknowledged, retrying");
                    tokio::time::sleep(backoff.delay(attempt)).await;
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }
}

/// The workers' pipeline source: no events (jobs come from the queue), only a `Connected` tick
/// each time a job is taken, so that `--idle-exit` means "no job for that long".
struct Ticks(Arc<Notify>);

#[async_trait]
impl Source for Ticks {
    async fn next(&mut self) -> Result<Option<SourceEvent>, SourceError> {
        self.0.notified().await;
        Ok(Some(SourceEvent::Connected))
    }
}

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
            backoff: Backoff::new(Duration::from_secs(10), Duration::from_secs(600)),
            shutdown_grace: Duration::from_secs(30),
            name: default_worker_name(),
        }
    }
}

/// `<hostname>-<pid>`.
pub fn default_worker_name() -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "worker".to_owned());
    format!("{host}-{}", std::process::id())
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
    let queue = WorkQueue::new(conn.clone(), options.backoff).await?;
    let work_dir =
        options
            .out
            .join(".work")
            .join(pipes_media_core::sink::sanitize::path_component(
                &options.name,
                "worker",
            ));
    let mut builder = Pipeline::builder()
        .out_dir(&options.out)
        .work_dir(&work_dir)
        .source(Ticks(queue.activity.clone()))
        .queue(queue.clone())
        .fetcher(fetcher)
        .sink(ResultsSink::new(&options.out, conn)?)
        .concurrency(options.concurrency)
        .max_size(options.max_size)
        .shutdown_grace(options.shutdown_grace);
    for (stage, policy) in stages {
        builder = builder.boxed_stage(stage, policy);
    }
    if let Some(idle) = options.idle_exit {
        builder = builder.idle_exit(idle);
    }
    let pipeline = builder.build()?;
    info!(url = %config.url, consumer = %config.workers_consumer, name = %options.name, stages = ?pipeline.stage_names(), "worker running");
    let result = pipeline.run_until(shutdown).await;
    queue.release_all().await;
    let _ = std::fs::remove_dir(&work_dir);
    let summary = result?;
    Ok(WorkerSummary {
        finished: summary.metrics.finished,
        failed: summary.metrics.failed,
        bytes: summary.metrics.bytes,
    })
}
