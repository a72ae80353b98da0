//! # pipes-media-ingest
//!
//! The Pipes.bot client of pipes-media: where messages and media enter the pipeline.
//!
//! - [`WebSocketSource`] implements the core's [`Source`](pipes_media_core::Source): it holds the
//!   WebSocket to `wss://api.pipes.bot/ws`, reconnects with jittered backoff, and treats a
//!   rejected key as fatal.
//! - [`Downloader`] implements the core's [`Fetcher`](pipes_media_core::Fetcher): it streams
//!   `GET /v1/media/download/{id}` through the presigned redirect to disk, hashing on the way,
//!   never sending the key to the storage host nor following it off the public internet
//!   ([`StorageAddresses`]), holding each attempt to a deadline and a minimum speed
//!   ([`DownloadLimits`]), and resuming a cut body with a `Range` request.
//! - [`WebhookSource`] implements `Source` too: Pipes.bot's webhook delivery, signature
//!   checked before parsing, `200` only once the queue has the message.
//! - [`ReplyHandle`] implements the core's [`Replier`](pipes_media_core::Replier): text replies
//!   (`whatsapp_reply`) on the source's own connection, answered by `reply_status`.
//! - [`ApiKey`] keeps the key out of logs, errors and `Debug` output.
//!
//! **Logging and the key.** This crate never logs the key. The protocol puts it in the
//! WebSocket URL's query, though, and `tungstenite` (like `hyper`) logs whole requests at
//! `TRACE`: keep those crates at `DEBUG` or below (`tungstenite=debug,hyper=debug`), as the
//! example binary does whatever `RUST_LOG` says.
//!
//! It depends on `pipes-media-core` for the model, `reqwest` for HTTP and `tokio-tungstenite`
//! for the WebSocket (both with rustls, so no system TLS library is needed).
//!
//! ```no_run
//! use pipes_media_core::Pipeline;
//! use pipes_media_ingest::{ApiKey, ClientConfig, Downloader, WebSocketSource};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let config = ClientConfig::new("https://api.pipes.bot", ApiKey::new(std::env::var("PIPES_API_KEY")?))?;
//! let pipeline = Pipeline::builder()
//!     .out_dir("out")
//!     .source(WebSocketSource::new(config.clone()))
//!     .fetcher(Downloader::new(config)?)
//!     .build()?;
//! pipeline.run().await?;
//! # Ok(()) }
//! ```

mod config;
mod download;
mod key;
mod reply;
mod source;
pub mod webhook;

pub use config::{ClientConfig, ConfigError, DownloadLimits, StorageAddresses, DEFAULT_BASE_URL};
pub use download::{DownloadError, Downloader};
pub use key::ApiKey;
pub use reply::{ReplyHandle, DEFAULT_REPLY_TIMEOUT};
pub use source::{WebSocketError, WebSocketSource};
pub use webhook::{WebhookConfig, WebhookSecret, WebhookSource};
