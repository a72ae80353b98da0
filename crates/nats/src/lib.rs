//! # pipes-media-nats
//!
//! More than one machine: one **ingest** holds the single WebSocket to Pipes.bot and publishes
//! every event to a JetStream work-queue stream; any number of **workers**, on any machines,
//! pull jobs from one durable consumer, download and run the stages, store files under their
//! own (or a shared) directory and publish each finished report line to a results stream; the
//! ingest writes `report.jsonl` from it, one line per message.
//!
//! ```text
//!  Pipes.bot ─ws─▶ ingest ──publish (Nats-Msg-Id = messageId)──▶ PIPES_EVENTS (work queue)
//!                    ▲                                                │ pull, durable "pipes-workers"
//!                    │                                                ▼
//!   report.jsonl ◀── │ ◀── PIPES_RESULTS ◀── report line ──── worker 1..N (download, stages, files)
//!                    └── PIPES_DEAD ◀── max-deliveries advisory / dead letters
//! ```
//!
//! The two processes are the two halves of the core's runtime: the ingest is the core's
//! `Intake` over a JetStream [`Publisher`] (the queue's intake side), a worker is the core's
//! `Workers` over a JetStream [`Consumer`] (the queue's worker side) with a [`ResultsSink`].
//!
//! - An event is safe once JetStream acknowledged its publish ([`Publisher`]); duplicates
//!   (Pipes.bot redelivery) are dropped by `Nats-Msg-Id` within the duplicate window and by the
//!   report's message ids after it.
//! - A worker acknowledges a job only after its report line is acknowledged by the results
//!   stream ([`ResultsSink`], [`Consumer`]); long jobs send in-progress acknowledgements; a job
//!   whose worker died is redelivered after the ack wait; after `max_deliver` deliveries the
//!   ingest writes its `failed` line (`MAX_DELIVERIES`) and publishes it to the dead-letter
//!   subject.
//! - Streams and consumers are created or checked at start ([`NatsConfig`], [`ensure_streams`]);
//!   the equivalent `nats` CLI commands are [`NatsConfig::cli_commands`].
//!
//! [`run_ingest`] and [`run_worker`] are the two programs; the `pipeline` example's `ingest` and
//! `worker` subcommands (feature `nats` of `pipes-media`) and the `pipes-nats-node` binary of
//! this crate call them.

mod config;
mod consumer;
mod error;
mod ingest;
mod publisher;
mod results;
mod results_sink;
mod setup;
mod worker;

pub use config::NatsConfig;
pub use consumer::Consumer;
pub use error::NatsError;
pub use ingest::{run_ingest, IngestOptions, IngestSummary};
pub use publisher::Publisher;
pub use results::{DeadLetter, MAX_DELIVERIES};
pub use results_sink::ResultsSink;
pub use setup::{connect, ensure_streams, Connection};
pub use worker::{default_worker_name, run_worker, WorkerOptions, WorkerSummary};

/// Completes on Ctrl-C or SIGTERM: the shutdown future for [`run_ingest`] and [`run_worker`]
/// (core's, re-exported here so a NATS binary needs one import).
pub use pipes_media_core::shutdown_signal;
