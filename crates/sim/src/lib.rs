//! A local Pipes.bot server for tests, examples and benchmarks.
//!
//! `pipes-media-sim` is a real server on loopback sockets, not a mock object. It implements the
//! parts of `shared/docs/pipes-bot-protocol.md` that a receiving client sees:
//!
//! * **WebSocket** `GET /ws?apiKey=K[&conversationId=C]` (§2): a bad key is refused with a plain
//!   HTTP 401 before the upgrade, a foreign or unknown conversation with 403; the `connected`
//!   welcome is always the first frame; user and conversation scopes; `whatsapp_message` events of
//!   every type; `whatsapp_reply` answered by `reply_status` (A7); protocol pings answered.
//! * **Offline queue** (§5): per sender, 100 messages (oldest dropped), 24 h TTL, drained when a
//!   user-scoped connection opens, all senders merged oldest first, one event per drain interval
//!   (750 ms by default, configurable for tests). Live events may interleave with a drain.
//! * **Media download** `GET /v1/media/download/{id}` (§4) with `Authorization: Bearer K`: 401
//!   `UNAUTHORIZED`, 403 `FORBIDDEN` (another tenant's media), 404 `NOT_FOUND`, 410
//!   `MEDIA_EXPIRED` (past retention), otherwise a `302` to a presigned URL on a **second
//!   listener** (another origin, [`Simulator::storage_url`]) that expires after 5 minutes.
//! * **Presigned storage** `GET /o/{token}?exp=..&sig=..`: 403 when the signature is wrong or the
//!   URL has expired, 200 with `Content-Type`, `Content-Length` and a strong `ETag`,
//!   `Range: bytes=N-` answered with 206 (unless an `If-Range` names another `ETag`). Bodies are streamed in 256 KiB chunks, so files and generated media of any size
//!   (1 GiB and more) are never held in memory.
//!
//! Its clock is controllable ([`Simulator::advance`]), so a test can expire a presigned URL or
//! 48 h of retention instantly. [`Faults`] switches on dropped connections, error statuses (with
//! forged error texts), truncated, slow, stalled or chunked bodies, a storage host that never
//! answers, redirects to chosen origins, ignored, misstated or stale ranges, changed `ETag`s and
//! lengths, expired presigned URLs and redelivered events, and [`SimStats`] counts
//! what the server saw (downloads, redirects, `Authorization` headers that reached the storage
//! host, bytes served) so tests can assert on it.
//!
//! The crate depends on `pipes-media-core` for the wire model ([`pipes_media_core::event`]): the
//! frames it sends are serialised from the very types the client parses. It knows nothing of the
//! client (`pipes-media-ingest`). The `pipes-sim` binary (feature `cli`, on by default) serves a
//! directory of files from the command line.
//!
//! # Example
//!
//! ```no_run
//! use pipes_media_sim::{MediaSpec, MessageSpec, Simulator, DEFAULT_USER};
//!
//! # async fn run() -> std::io::Result<()> {
//! let sim = Simulator::builder()
//!     .drain_interval(std::time::Duration::from_millis(10))
//!     .start()
//!     .await?;
//! let media = sim.add_media(DEFAULT_USER, MediaSpec::bytes(&b"%PDF-1.7 ..."[..], "application/pdf"));
//! let message_id = sim.send(DEFAULT_USER, MessageSpec::media("document", &media).caption("Contract"));
//! // Nobody is connected yet, so the message is queued until a user-scoped connection opens:
//! println!("connect to {}/ws?apiKey={} to receive {message_id}", sim.base_url(), sim.api_key());
//! sim.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! # Feature flags
//!
//! | Feature | Default | What it adds |
//! |---|---|---|
//! | `cli` | yes | the `pipes-sim` binary (clap, tracing-subscriber) |

mod body;
mod clock;
mod download;
mod faults;
mod ids;
mod mime;
mod sim;
mod spec;
mod state;
mod stats;
mod storage;
mod webhook;
mod ws;

pub use body::{fill_generated, generated_sha256, CHUNK_SIZE};
pub use faults::Faults;
pub use mime::{kind_for_mime, mime_for_path};
pub use sim::{SimBuilder, Simulator};
pub use spec::{MediaSpec, MessageSpec};
pub use stats::SimStats;
pub use webhook::{
    payload as webhook_payload, sign as webhook_signature, WebhookStats, WebhookTarget,
};

/// The API key of the default tenant: `pk_` and 32 characters, fixed and public, so that an
/// example or a manual test can connect to a simulator without configuration. It has no meaning
/// outside the simulator.
pub const DEFAULT_API_KEY: &str = "pk_sim_0123456789abcdefghijklmnopqr";

/// The user id of the default tenant (owner of [`DEFAULT_API_KEY`]).
pub const DEFAULT_USER: &str = "user_demo";

/// The sender number used when a [`MessageSpec`] gives none.
pub const DEFAULT_FROM_NUMBER: &str = "+447700900123";

/// The sender profile name used when a [`MessageSpec`] gives none.
pub const DEFAULT_FROM_NAME: &str = "Ana Ruiz";

/// The pool number id every simulated message is received on.
pub const POOL_NUMBER_ID: &str = "pool_sim1";

/// The phone number of [`POOL_NUMBER_ID`].
pub const POOL_NUMBER_PHONE: &str = "+15550001111";
