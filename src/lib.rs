//! # pipes-media
//!
//! Post-process the media that arrives through the [Pipes.bot](https://pipes.bot) WhatsApp API:
//! photos, voice notes, videos, documents and stickers are downloaded as they arrive, checked,
//! stored, thumbnailed, measured and read, and every message leaves one line in `report.jsonl`.
//!
//! ```text
//!  WebSocketSource ──▶ JobQueue ──▶ workers: Downloader ─▶ mime ─▶ thumbnail ─▶ audio ─▶ pdf ─▶ DirectorySink
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
//! | `audio` | yes | [`audio`]: duration and stream facts of audio and video |
//! | `pdf` | yes | [`pdf`]: PDF text, page count and document info |
//! | `voice` | yes | [`voice`]: decoded audio (`waveform`: WhatsApp's 64 bars, loudness, a 16 kHz speech WAV) and text replies over the socket (`reply`) |
//! | `transcribe` | no | [`voice`]'s `transcribe` stage: voice notes to text through an OpenAI-compatible endpoint |
//! | `sim` | no | [`sim`]: the local Pipes.bot simulator, for tests and offline development |
//! | `nats` | no | [`nats`]: ingest and workers over NATS JetStream, for more than one machine |

pub use pipes_media_core as core;
pub use pipes_media_ingest as ingest;
pub use pipes_media_store as store;

#[cfg(feature = "audio")]
pub use pipes_media_audio as audio;
#[cfg(feature = "mime")]
pub use pipes_media_mime as mime;
#[cfg(feature = "nats")]
pub use pipes_media_nats as nats;
#[cfg(feature = "pdf")]
pub use pipes_media_pdf as pdf;
#[cfg(feature = "sim")]
pub use pipes_media_sim as sim;
#[cfg(feature = "thumbnail")]
pub use pipes_media_thumbnail as thumbnail;
#[cfg(feature = "voice")]
pub use pipes_media_voice as voice;

/// The names most programs need.
pub mod prelude {
    pub use pipes_media_core::{
        stage_fn, Blob, Envelope, Fact, Facts, Item, JobQueue, MemoryQueue, OnError, Pipeline,
        Sink, Source, Stage, StageContext, StageError, StagePolicy,
    };
    pub use pipes_media_ingest::{
        ApiKey, ClientConfig, Downloader, WebSocketSource, DEFAULT_BASE_URL,
    };
    pub use pipes_media_store::{DurableConfig, DurableQueue};

    #[cfg(feature = "audio")]
    pub use pipes_media_audio::{AudioConfig, AudioStage};
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
