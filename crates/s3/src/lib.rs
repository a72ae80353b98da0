//! # pipes-media-s3
//!
//! Media lives 48 hours at Pipes.bot; this sink keeps it for good in any S3-compatible object
//! store (AWS S3, MinIO, Ceph, R2, moto…), configured the way AWS tools are
//! (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_REGION`,
//! `AWS_ENDPOINT_URL`). [`ObjectStoreSink`] sits in front of the core's directory sink: it
//! uploads, then the directory sink writes the report line with `blob.url`.
//!
//! Requests are signed by [`rusty-s3`](https://docs.rs/rusty-s3) (a small, sans-IO signer) and
//! sent with the `reqwest` client the rest of the project uses, so the sink adds one small crate
//! to the build rather than an SDK.
//!
//! ```no_run
//! use pipes_media_core::{DirectorySink, Pipeline};
//! use pipes_media_s3::{ObjectStoreSink, S3Config};
//!
//! # fn build() -> Result<(), Box<dyn std::error::Error>> {
//! let config = S3Config::from_env("s3://media-archive/whatsapp".parse()?)?;
//! let sink = ObjectStoreSink::new(config, DirectorySink::new("pipes-media-out")?)?;
//! # let _ = sink; Ok(()) }
//! ```

mod client;
mod config;
mod error;
mod sink;

pub use client::{ObjectInfo, S3Client, UploadStats};
pub use config::{ConfigError, S3Config, S3Location};
pub use error::S3Error;
pub use sink::ObjectStoreSink;
