//! # pipes-media
//!
//! Post-process the media that arrives through the [Pipes.bot](https://pipes.bot) WhatsApp API:
//! photos, voice notes, videos, documents and stickers are downloaded as they arrive, checked,
//! stored, thumbnailed, measured and read, and every message leaves one line in `report.jsonl`.
//!
//! ```text
//!  intake: WebSocketSource ─▶ Intake ─enqueue─▶ queue ─take─▶ workers: Downloader ─▶ mime ─▶
//!          thumbnail ─▶ audio ─▶ pdf ─▶ DirectorySink (media/, report.jsonl) ─complete─▶ queue
//! ```
//!
//! This crate is the facade: it re-exports the framework ([`core`]), the Pipes.bot client
//! ([`ingest`]), the durable job queue ([`store`]) and each bundled stage behind a cargo
//! feature. Start with the [`prelude`].
//!
//! ## A pipeline in ten lines
//!
//! ```no_run
//! use pipes_media::prelude::*;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let config = ClientConfig::new(DEFAULT_BASE_URL, ApiKey::new(std::env::var("PIPES_API_KEY")?))?;
//! let summary = Pipeline::builder()
//!     .out_dir("pipes-media-out")
//!     .source(WebSocketSource::new(config.clone()))
//!     .fetcher(Downloader::new(config)?)
//!     .stage(MimeStage::new(MimeConfig::default()))
//!     .stage(ThumbnailStage::new(ThumbnailConfig::default()))
//!     .concurrency(4)
//!     .build()?
//!     .run()
//!     .await?;
//! println!("{} messages finished", summary.metrics.finished);
//! # Ok(()) }
//! ```
//!
//! ## A pipeline in a file
//!
//! The [`spec`] module reads the same pipeline from TOML (`[source]`, `[queue]`,
//! `[[stages]]` with every option, `[[sinks]]`, `[metrics]`, `${VAR}` for secrets) and fills
//! the same builder; a program registers its own stages by name in a [`spec::Registry`].
//!
//! ## Writing a stage
//!
//! A stage is a type implementing [`Stage`](core::Stage) (see its docs and
//! `examples/custom_stage.rs`), or a closure wrapped by [`stage_fn`](core::stage_fn).
//!
//! ## Feature flags
//!
//! | feature | default | what it adds |
//! | --- | --- | --- |
//! | `mime` | yes | [`mime`]: sniff the real type, compare with the declared one, flag dangerous content |
//! | `thumbnail` | yes | [`thumbnail`]: thumbnails of photos and stickers |
//! | `video-poster` | yes (through `h264`) | thumbnails of MP4/3GP/MOV videos: demuxing; codecs without a decoder are refused by name |
//! | `h264` | yes | H.264 poster frames, decoded by Cisco's OpenH264 (C++ built by `cc`; Cisco's patent licence covers only Cisco's own binaries) |
//! | `pdf-page` | yes | thumbnails of PDFs: page 1, rendered by `hayro` |
//! | `dedup` | yes | [`dedup`]: exact and near-duplicate media (SHA-256, perceptual hash of the thumbnail) |
//! | `audio` | yes | [`audio`]: duration and stream facts of audio and video |
//! | `pdf` | yes | [`pdf`]: PDF text, page count and document info |
//! | `s3` | yes | [`s3`]: media, artifacts and report lines in an S3-compatible object store |
//! | `voice` | yes | [`voice`]: decoded audio (`waveform`: WhatsApp's 64 bars, loudness, a 16 kHz speech WAV) and text replies over the socket (`reply`) |
//! | `transcribe` | no | [`voice`]'s `transcribe` stage: voice notes to text through an OpenAI-compatible endpoint |
//! | `spec` | yes | [`spec`]: a whole pipeline described in a TOML file (or built as data) |
//! | `metrics` | yes | [`metrics`]: Prometheus `/metrics`, `/healthz` and `/readyz` of a run |
//! | `gallery` | yes | [`gallery`]: `<out>/report.html`, a static gallery of the run |
//! | `sim` | no | [`sim`]: the local Pipes.bot simulator, for tests and offline development |
//! | `nats` | no | [`nats`]: ingest and workers over NATS JetStream, for more than one machine |

pub use pipes_media_core as core;
pub use pipes_media_ingest as ingest;
pub use pipes_media_store as store;

#[cfg(feature = "spec")]
pub mod spec;

#[cfg(feature = "audio")]
pub use pipes_media_audio as audio;
#[cfg(feature = "dedup")]
pub use pipes_media_dedup as dedup;
#[cfg(feature = "gallery")]
pub use pipes_media_gallery as gallery;
#[cfg(feature = "metrics")]
pub use pipes_media_metrics as metrics;
#[cfg(feature = "mime")]
pub use pipes_media_mime as mime;
#[cfg(feature = "nats")]
pub use pipes_media_nats as nats;
#[cfg(feature = "pdf")]
pub use pipes_media_pdf as pdf;
#[cfg(feature = "s3")]
pub use pipes_media_s3 as s3;
#[cfg(feature = "sim")]
pub use pipes_media_sim as sim;
#[cfg(feature = "thumbnail")]
pub use pipes_media_thumbnail as thumbnail;
#[cfg(feature = "voice")]
pub use pipes_media_voice as voice;

/// The names most programs need: everything a stage needs (the core prelude, `async_trait`
/// included), the pipeline's parts, the Pipes.bot client and every bundled stage built in.
pub mod prelude {
    pub use pipes_media_core::prelude::*;
    pub use pipes_media_core::{
        Envelope, JobQueue, LocalFiles, MemoryQueue, Pipeline, Report, Sink, Source,
    };
    pub use pipes_media_ingest::{
        ApiKey, ClientConfig, Downloader, WebSocketSource, DEFAULT_BASE_URL,
    };
    pub use pipes_media_store::{DurableConfig, DurableQueue};

    #[cfg(feature = "audio")]
    pub use pipes_media_audio::{AudioConfig, AudioStage};
    #[cfg(feature = "dedup")]
    pub use pipes_media_dedup::{DedupConfig, DedupStage};
    #[cfg(feature = "mime")]
    pub use pipes_media_mime::{MimeConfig, MimeStage};
    #[cfg(feature = "pdf")]
    pub use pipes_media_pdf::{PdfConfig, PdfStage};
    #[cfg(feature = "thumbnail")]
    pub use pipes_media_thumbnail::{ThumbnailConfig, ThumbnailStage};
    #[cfg(feature = "voice")]
    pub use pipes_media_voice::{ReplyConfig, ReplyStage, WaveformConfig, WaveformStage};
    #[cfg(feature = "transcribe")]
    pub use pipes_media_voice::{TranscribeConfig, TranscribeKey, TranscribeStage};
}
