//! Test support shared by the integration tests of the pipes-media workspace (dev-only, never
//! published).
//!
//! - [`rng`]: a tiny seeded generator for fuzz-style mutation tests, so failures replay exactly.
//! - [`corpus`]: locating the generated ground-truth corpus and reading its `manifest.jsonl`.
//! - [`process`]: child processes of a test: free ports, waiting with a time limit, SIGTERM.
//! - [`files`]: reading a pipeline's `report.jsonl` and listing the files under a directory.
//! - [`moto`]: a `moto_server` child, an S3-compatible server for the object-store tests.
//! - [`nats`]: a `nats-server` child on a port of its own choosing, for the JetStream tests.
//! - [`stage`]: the stage harness: build an item from a file or bytes, run one stage as the
//!   pipeline does, read its facts and artifacts.
//! - [`small_fs`]: a small tmpfs of the test's own, to fill up.
//! - [`conformance`]: the checks every stage passes.
//! - [`asr`]: a pocketsphinx speech recogniser on loopback (OpenAI-style transcription API) and
//!   the word error rate.

pub mod asr;
pub mod conformance;
pub mod corpus;
pub mod files;
pub mod moto;
pub mod nats;
pub mod process;
pub mod rng;
pub mod small_fs;
pub mod stage;

pub use rng::Rng;
