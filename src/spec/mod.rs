//! # A pipeline described as data
//!
//! A [`PipelineSpec`] describes a whole pipeline: the output directory, where messages come
//! from, the queue, the stages in order with their options, the sinks, the metrics endpoint
//! and the gallery. A pipeline file (TOML) and Rust code produce the same type, and it fills
//! the same [`PipelineBuilder`](crate::core::PipelineBuilder) as the Rust API
//! ([`PipelineSpec::assemble`]), as Vector's config builder does.
//!
//! ```toml
//! out = "pipes-media-out"
//! concurrency = 4                 # also download_concurrency, stage_concurrency
//! max_size = 104857600            # bytes; also max_messages, idle_exit_secs, gallery = false
//!
//! [source]
//! type = "websocket"              # or "dir" (path = "…"), "webhook" (reserved)
//! api_key = "${PIPES_API_KEY}"    # ${VAR} and ${VAR:-default} in any string; $$ is a dollar
//!
//! [queue]
//! type = "durable"                # or "memory"
//! max_attempts = 5
//!
//! [[stages]]
//! type = "mime"
//! reject_dangerous = true
//!
//! [[stages]]
//! type = "thumbnail"
//! max_side = 512
//! on_error = "stop_item"          # every stage: on_error, retries, timeout_secs
//!
//! [[sinks]]
//! type = "directory"              # or "s3" (reserved)
//!
//! [metrics]
//! addr = "127.0.0.1:9898"
//! ```
//!
//! - Every key is checked: an unknown key, a wrong type or a value out of range is refused
//!   with the key's path and line ([`SpecError::location`]).
//! - Without `[[stages]]` every bundled stage runs with its defaults; `stages = []` runs none.
//! - Each bundled stage takes every option of its Rust config ([`MimeOptions`]…), durations in
//!   seconds; other `type`s are stages a program registered in a [`Registry`].
//! - Relative paths are relative to the working directory.
//!
//! ```
//! use pipes_media::spec::{PipelineSpec, QueueSpec, SourceSpec};
//!
//! let spec = PipelineSpec::from_toml_str(r#"
//!     out = "run"
//!     [source]
//!     type = "dir"
//!     path = "inbox"
//!     [queue]
//!     type = "memory"
//! "#)?;
//! assert_eq!(spec.source, Some(SourceSpec::dir("inbox")));
//! assert!(matches!(spec.queue, QueueSpec::Memory(_)));
//!
//! let err = PipelineSpec::from_toml_str("out = \"run\"\nconcurency = 2\n").unwrap_err();
//! assert_eq!(err.location().map(|l| (l.path.as_str(), l.line)), Some(("concurency", 2)));
//! # Ok::<(), pipes_media::spec::SpecError>(())
//! ```

mod assemble;
mod document;
mod env;
mod error;
mod parse;
mod parts;
mod registry;
mod remote;
mod show;
mod stages;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub use assemble::{Assembly, BuiltStage, Launched};
pub use error::{Location, SpecError};
pub use parts::{
    DirOptions, DurableOptions, MemoryOptions, MetricsSpec, QueueSpec, Secret, SinkSpec,
    SourceSpec, WebSocketOptions,
};
pub use registry::{Registry, StageOptions};
pub use remote::{S3Options, WebhookOptions};
#[cfg(feature = "audio")]
pub use stages::AudioOptions;
#[cfg(feature = "dedup")]
pub use stages::DedupOptions;
#[cfg(feature = "mime")]
pub use stages::MimeOptions;
#[cfg(feature = "pdf")]
pub use stages::PdfOptions;
#[cfg(feature = "transcribe")]
pub use stages::TranscribeOptions;
pub use stages::{select, OnErrorOption, PolicyOptions, StageKind, StageSpec, BUNDLED, ON_REQUEST};
#[cfg(feature = "thumbnail")]
pub use stages::{PreviewOptions, ThumbnailOptions};
#[cfg(feature = "voice")]
pub use stages::{ReplyOptions, WaveformOptions};

/// The default output directory.
pub const DEFAULT_OUT: &str = "pipes-media-out";

/// A whole pipeline, from a file ([`PipelineSpec::from_file`]) or from code.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PipelineSpec {
    /// Output directory: media, artifacts, `report.jsonl`, `report.html`.
    pub out: PathBuf,
    /// Where messages come from (`None`: not given; [`PipelineSpec::assemble`] refuses it).
    pub source: Option<SourceSpec>,
    /// The queue (default: durable, in `<out>/state`).
    pub queue: QueueSpec,
    /// The stages, in order.
    pub stages: Vec<StageSpec>,
    /// Where finished messages go (default: the directory sink).
    pub sinks: Vec<SinkSpec>,
    /// The metrics endpoint, when wanted.
    pub metrics: Option<MetricsSpec>,
    /// Keep `<out>/report.html` (default true).
    pub gallery: bool,
    /// Concurrency and limits.
    pub limits: Limits,
    origin: Option<Arc<document::Document>>,
}

/// Concurrency and limits of a run.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Limits {
    /// Downloads and stage runs in parallel (default: 4 downloads, one stage run per core).
    pub concurrency: Option<usize>,
    /// Downloads in parallel (overrides `concurrency` for downloads).
    pub download_concurrency: Option<usize>,
    /// Stage runs in parallel (overrides `concurrency` for stages).
    pub stage_concurrency: Option<usize>,
    /// Largest media accepted, in bytes (default 100 MiB).
    pub max_size: u64,
    /// Stop after this many messages.
    pub max_messages: Option<u64>,
    /// Stop once all work is done and nothing arrived for this long.
    pub idle_exit: Option<Duration>,
    /// How long a shutdown waits for work in flight (default 30 s).
    pub shutdown_grace: Option<Duration>,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            concurrency: None,
            download_concurrency: None,
            stage_concurrency: None,
            max_size: crate::core::pipeline::DEFAULT_MAX_SIZE,
            max_messages: None,
            idle_exit: None,
            shutdown_grace: None,
        }
    }
}

impl PipelineSpec {
    /// A pipeline writing to `out`: no source yet, the durable queue, no stage, the directory
    /// sink, the gallery, no metrics.
    pub fn new(out: impl Into<PathBuf>) -> Self {
        Self {
            out: out.into(),
            source: None,
            queue: QueueSpec::default(),
            stages: Vec::new(),
            sinks: vec![SinkSpec::Directory],
            metrics: None,
            gallery: true,
            limits: Limits::default(),
            origin: None,
        }
    }

    /// Parses a pipeline file; `${VAR}` reads the process environment.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, SpecError> {
        parse::from_file(path.as_ref(), &|name| std::env::var(name).ok())
    }

    /// Parses pipeline-file text (named `<string>` in refusals).
    pub fn from_toml_str(text: &str) -> Result<Self, SpecError> {
        parse::from_text(document::Document::new("<string>", text), &|name| {
            std::env::var(name).ok()
        })
    }

    /// Parses pipeline-file text named `name`, looking `${VAR}` up with `env`.
    pub fn from_toml_str_with_env(
        name: &str,
        text: &str,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Self, SpecError> {
        parse::from_text(document::Document::new(name, text), env)
    }

    /// Sets the source.
    pub fn source(mut self, source: SourceSpec) -> Self {
        self.source = Some(source);
        self
    }

    /// Sets the queue.
    pub fn queue(mut self, queue: QueueSpec) -> Self {
        self.queue = queue;
        self
    }

    /// Appends a stage.
    pub fn stage(mut self, stage: StageSpec) -> Self {
        self.stages.push(stage);
        self
    }

    /// Appends every bundled stage built in, with its defaults.
    pub fn bundled_stages(mut self) -> Self {
        self.stages.extend(StageSpec::bundled());
        self
    }

    /// Serves metrics on `addr`.
    pub fn metrics(mut self, addr: impl Into<String>) -> Self {
        self.metrics = Some(MetricsSpec { addr: addr.into() });
        self
    }

    /// The file this spec was read from, if any.
    pub fn file(&self) -> Option<&str> {
        self.origin.as_deref().map(|d| d.name.as_str())
    }

    /// The path `at` in the file this spec came from, when it did.
    #[cfg_attr(feature = "s3", allow(dead_code))]
    pub(crate) fn locate(&self, at: &[document::Seg]) -> Option<Location> {
        self.origin.as_deref().map(|doc| doc.locate(at))
    }
}
