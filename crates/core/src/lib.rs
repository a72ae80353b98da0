//! # pipes-media-core
//!
//! The model and the machinery of pipes-media, with no network and no codec in it. The runtime
//! has two halves around a queue; each half sees one small trait of it:
//!
//! ```text
//!  Source ─SourceEvent─▶ Intake ─Enqueue::enqueue(batch)─▶ queue (memory | redb | JetStream)
//!                        (batches, drops ids the Report has, fails what the queue refuses)
//!  queue ─Dequeue::take─▶ Workers: Fetcher::fetch(job) ─Blob─▶ Item ─▶ Stage ─▶ Stage … ─Facts─▶
//!        Finished ─▶ Sink::finish (MediaDir stores the blob; Report appends the line)
//!        ─▶ Dequeue::complete (or Dequeue::retry ─▶ the scheduler, after Retry-After)
//! ```
//!
//! A [`Pipeline`] wires both halves to one queue in one process; `pipes-media-nats` runs the
//! [`Intake`] alone over a JetStream publisher and the [`Workers`] alone over a consumer.
//!
//! - [`event`]: the Pipes.bot wire model ([`ServerEvent`], [`Message`], [`Media`]);
//! - [`Envelope`] and [`Job`]: a received message, as it waits in and leaves the queue;
//! - [`queue`]: [`Enqueue`] and [`Dequeue`], [`MemoryQueue`], the retry [`queue::Backoff`];
//! - [`fetch`]: [`Fetcher`], where bytes come from ([`LocalFiles`] for a directory; the
//!   Pipes.bot downloader is in `pipes-media-ingest`);
//! - [`Item`], [`Blob`], [`Facts`]: what stages work on; [`prelude`]: what a stage needs;
//! - [`Stage`], [`StageContext`], [`StagePolicy`], [`stage_fn`]: the plugin contract;
//! - [`Sink`], [`DirectorySink`], [`MediaDir`]: where finished messages go;
//! - [`Report`]: the one owner of `report.jsonl`;
//! - [`ErrorCode`] and the error types of [`error`]: one error model, one retry rule.
//!
//! Plugins depend on this crate alone. Its dependencies are the async runtime (`tokio`), `serde`
//! for the wire and report formats, `sha2` for blob hashes and `time` for timestamps.
//!
//! ```
//! use pipes_media_core::{stage_fn, Envelope, Pipeline};
//! use pipes_media_core::source::IterSource;
//!
//! # tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap().block_on(async {
//! let out = tempfile::tempdir()?;
//! let pipeline = Pipeline::builder()
//!     .out_dir(out.path())
//!     .source(IterSource::new(Vec::<Envelope>::new()))
//!     .stage(stage_fn("count", |item, _cx| { let _ = item.blob().len(); Ok(()) }))
//!     .build()?;
//! pipeline.run().await?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # }).unwrap();
//! ```

pub mod blob;
pub mod error;
pub mod event;
pub mod facts;
pub mod fetch;
pub mod intake;
pub mod item;
pub mod job;
pub mod log;
pub mod metrics;
pub mod observe;
pub mod pipeline;
pub mod prelude;
pub mod queue;
pub mod reply;
pub mod report;
pub mod sink;
pub mod source;
pub mod stage;
pub mod workers;

pub use async_trait::async_trait;
pub use blob::{Blob, BlobBuilder};
pub use error::{
    BoxError, ErrorCode, ErrorReport, FetchError, PipelineError, QueueError, SinkError,
    SourceError, StageError,
};
pub use event::{Media, Message, MessageType, ServerEvent};
pub use facts::{Fact, Facts, MimeFacts, Verdict};
pub use fetch::{Fetcher, LocalFiles};
pub use intake::{Intake, IntakeEnd};
pub use item::{Artifact, Item};
pub use job::{Envelope, Job, JobState};
pub use metrics::{Metrics, MetricsSnapshot};
pub use observe::Observer;
pub use pipeline::{shutdown_signal, Pipeline, PipelineBuilder, RunSummary, StopReason};
pub use queue::{Dequeue, Enqueue, JobQueue, MemoryQueue};
pub use reply::{Replier, ReplyError, ReplyOutcome};
pub use report::{Report, ReportError, ReportLine};
pub use sink::{DirectorySink, Finished, MediaDir, Sink};
pub use source::{Source, SourceEvent};
pub use stage::{run_stage, stage_fn, ArtifactTarget, OnError, Stage, StageContext, StagePolicy};
pub use workers::{Workers, WorkersBuilder};
