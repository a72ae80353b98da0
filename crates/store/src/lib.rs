//! # pipes-media-store
//!
//! The durable job queue of pipes-media: [`DurableQueue`] implements the core's
//! [`JobQueue`](pipes_media_core::JobQueue) on an embedded [redb](https://docs.rs/redb) file, so
//! that a process killed at any instant (power loss, OOM kill, deploy) restarts without losing or
//! duplicating a message. Pipes.bot considers an event delivered once it is on the socket and
//! deletes media 48 hours later; from the moment the pipeline accepts an event, it is this
//! store's to keep.
//!
//! Why redb: pure Rust (nothing but cargo to build), one file, ACID transactions with
//! copy-on-write pages (a crash leaves the last committed state), and both durable (fsync) and
//! cheap non-durable commits, which lets received events be fsynced in batches while state
//! changes ride along for free. SQLite would do the same job with a C build and a SQL layer we
//! do not need.
//!
//! ```
//! use pipes_media_store::{DurableConfig, DurableQueue};
//! use pipes_media_core::{Dequeue, Report};
//!
//! let out = tempfile::tempdir()?;
//! let report = Report::open(out.path())?;
//! let queue = DurableQueue::open(&out.path().join("state"), &report, DurableConfig::default())?;
//! assert!(queue.is_durable());
//! assert!(queue.dead_letters()?.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod admin;
mod config;
mod error;
mod prune;
mod queue;
mod record;
mod recover;
mod tables;

pub use admin::{DeadLetter, Requeue, StoreCounts};
pub use config::DurableConfig;
pub use error::StoreError;
pub use queue::DurableQueue;
