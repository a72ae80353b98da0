//! # pipes-media-dedup
//!
//! The `dedup` stage of pipes-media: which earlier message a message repeats. A forwarded
//! WhatsApp photo is not the same file as the original (WhatsApp recompresses and shrinks it on
//! the way), so besides the exact match of the media's SHA-256 (`match: "exact"`) the stage
//! compares a 64-bit perceptual hash of each picture ([`PerceptualHash`], the classic DCT
//! pHash) and reports the nearest earlier picture within [`DedupConfig::max_distance`] bits
//! (`match: "near"`). Facts ([`DedupFacts`]): `phash`, `duplicateOf`, `match`, `distance`.
//!
//! ## Where it sits
//!
//! After `thumbnail`: it hashes the thumbnail artifact that stage wrote (`item.artifacts()`
//! of kind `thumbnail`), so photos, stickers, video poster frames and PDF first pages are
//! compared alike, cheaply, without depending on the thumbnail plugin. Without a thumbnail it
//! decodes the media itself when it is an image. Messages without a picture still get exact
//! matching.
//!
//! ## The index
//!
//! The last [`DedupConfig::max_entries`] messages are kept in memory and in an append-only file
//! in the stage's state directory, so the index survives restarts and stays bounded (oldest
//! forgotten first; a crash loses at most the last unsynced records). Near lookups compare
//! against every entry (64-bit XOR and popcount: about 50 µs for 100 000 entries).
//!
//! **Several workers.** With NATS workers each process has its own state directory, so by
//! default each only knows the messages it processed itself: a duplicate whose original went
//! to another worker is missed (with N workers sharing the load evenly, about (N-1)/N of
//! cross-worker duplicates). Give every worker the same [`DedupConfig::index_dir`] on a
//! shared directory to share one index: each check locks `index.lock`, reads what the others
//! appended, then looks up and appends (Unix; across machines on a filesystem whose locks work
//! between hosts, such as NFSv4). (The NATS ingest's `Nats-Msg-Id` deduplication drops a
//! re-sent *message*; a forward is a new message with new media, which only this stage sees.)
//!
//! ## Example
//!
//! ```
//! use pipes_media_dedup::{DedupConfig, DedupStage, PerceptualHash};
//! use pipes_media_core::Stage;
//!
//! let stage = DedupStage::new(DedupConfig::default());
//! assert_eq!(stage.name(), "dedup");
//!
//! // A picture and the same at half the size hash close together; its negative hashes far.
//! let picture: Vec<u8> = (0..64 * 48).map(|i| ((i % 64) * 4 + (i / 64) * 2) as u8).collect();
//! let half: Vec<u8> = (0..32 * 24).map(|i| ((i % 32) * 8 + (i / 32) * 4) as u8).collect();
//! let negative: Vec<u8> = picture.iter().map(|p| 255 - p).collect();
//! let a = PerceptualHash::of_grey(&picture, 64, 48).unwrap();
//! let b = PerceptualHash::of_grey(&half, 32, 24).unwrap();
//! let c = PerceptualHash::of_grey(&negative, 64, 48).unwrap();
//! assert!(a.distance(b) < 16 && a.distance(c) > 32);
//! assert_eq!(a.to_string().len(), 16);
//! ```
//!
//! Depends on `pipes-media-core`, `image` (decoding the picture), `crc32fast` (index records).

mod config;
mod error;
mod facts;
mod index;
mod phash;
mod picture;
mod stage;

pub use config::DedupConfig;
pub use error::DedupError;
pub use facts::{DedupFacts, MatchKind};
pub use phash::PerceptualHash;
pub use stage::DedupStage;
