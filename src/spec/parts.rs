//! `[source]`, `[queue]`, `[[sinks]]`, `[metrics]`: one enum per part, one variant per type.
//! A new type is one variant here, one arm in `parse_*` below and one in the assembly.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::document::{Document, Seg};
use super::error::SpecError;
use super::parse::{take_type, typed};

/// A secret string (an API key): read from the file (usually as `${VAR}`), never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// A secret.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str("<redacted>")
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Self)
    }
}

/// Where messages come from.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SourceSpec {
    /// `type = "websocket"`: the Pipes.bot WebSocket (and its media downloader).
    WebSocket(WebSocketOptions),
    /// `type = "webhook"`: Pipes.bot webhook deliveries. Reserved: not built into this binary
    /// yet; its options are kept as given.
    Webhook(toml::Table),
    /// `type = "dir"`: the files under a directory, read in place.
    Dir(DirOptions),
}

/// `[source] type = "websocket"`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WebSocketOptions {
    /// REST base URL (default `https://api.pipes.bot`; `http://` gives `ws://`).
    pub base_url: Option<String>,
    /// The API key (default: the `PIPES_API_KEY` environment variable).
    pub api_key: Option<Secret>,
    /// Only this conversation instead of the whole account.
    pub conversation: Option<String>,
    /// Follow presigned redirects to any address, private ones included (default false: only
    /// public addresses and those of the API's own class).
    pub allow_private_storage: bool,
}

/// `[source] type = "dir"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DirOptions {
    /// The directory (relative to the working directory).
    pub path: PathBuf,
}

impl SourceSpec {
    /// The websocket source with these settings.
    pub fn websocket(base_url: impl Into<String>, api_key: Secret) -> Self {
        Self::WebSocket(WebSocketOptions {
            base_url: Some(base_url.into()),
            api_key: Some(api_key),
            conversation: None,
            allow_private_storage: false,
        })
    }

    /// The files under `path`.
    pub fn dir(path: impl Into<PathBuf>) -> Self {
        Self::Dir(DirOptions { path: path.into() })
    }

    /// The `type` name.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::WebSocket(_) => "websocket",
            Self::Webhook(_) => "webhook",
            Self::Dir(_) => "dir",
        }
    }
}

/// The queue between the intake and the workers.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum QueueSpec {
    /// `type = "durable"` (default): the embedded redb store; every event survives a crash.
    Durable(DurableOptions),
    /// `type = "memory"`: nothing survives a crash.
    Memory(MemoryOptions),
}

impl Default for QueueSpec {
    fn default() -> Self {
        Self::Durable(DurableOptions::default())
    }
}

impl QueueSpec {
    /// The `type` name.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Durable(_) => "durable",
            Self::Memory(_) => "memory",
        }
    }
}

/// `[queue] type = "durable"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DurableOptions {
    /// Where the store lives (default `<out>/state`).
    pub dir: Option<PathBuf>,
    /// fsync received events before taking them on (default true).
    pub fsync: bool,
    /// Attempts per message before it is dead-lettered (default 5).
    pub max_attempts: u32,
    /// First retry delay, in milliseconds (default 2000; doubles, jittered).
    pub retry_base_ms: u64,
    /// Longest retry delay, in milliseconds (default 600 000).
    pub retry_max_ms: u64,
    /// How long finished jobs are remembered, in hours (default 168: a week).
    pub keep_finished_hours: f64,
}

impl Default for DurableOptions {
    fn default() -> Self {
        let c = crate::store::DurableConfig::default();
        Self {
            dir: None,
            fsync: c.fsync,
            max_attempts: c.max_attempts,
            retry_base_ms: millis(c.backoff.base),
            retry_max_ms: millis(c.backoff.max),
            keep_finished_hours: c.keep_finished.as_secs_f64() / 3600.0,
        }
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// `[queue] type = "memory"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MemoryOptions {
    /// Messages held before the intake waits (default 256).
    pub capacity: usize,
    /// Attempts per message (default 5).
    pub max_attempts: u32,
}

impl Default for MemoryOptions {
    fn default() -> Self {
        Self {
            capacity: 256,
            max_attempts: 5,
        }
    }
}

/// Where finished messages go.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SinkSpec {
    /// `type = "directory"` (default): media and artifacts under `out`, `report.jsonl`.
    Directory,
    /// `type = "s3"`: an S3-compatible object store. Reserved: not built into this binary yet.
    S3(toml::Table),
}

impl SinkSpec {
    /// The `type` name.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Directory => "directory",
            Self::S3(_) => "s3",
        }
    }
}

/// `[metrics]`: Prometheus metrics and health endpoints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsSpec {
    /// `host:port` to serve `/metrics`, `/healthz` and `/readyz` on (`:9898`: every interface).
    pub addr: String,
}

/// An empty options struct that refuses every key.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoOptions {}

pub(crate) fn parse_source(
    mut table: toml::Table,
    doc: &Document,
    at: &[Seg],
) -> Result<SourceSpec, SpecError> {
    Ok(match take_type(&mut table, doc, at, "source")?.as_str() {
        "websocket" => SourceSpec::WebSocket(typed(table, doc, at)?),
        "webhook" => SourceSpec::Webhook(table),
        "dir" => SourceSpec::Dir(typed(table, doc, at)?),
        other => {
            return Err(unknown_type(
                doc,
                at,
                "source",
                other,
                "websocket, webhook, dir",
            ))
        }
    })
}

pub(crate) fn parse_queue(
    mut table: toml::Table,
    doc: &Document,
    at: &[Seg],
) -> Result<QueueSpec, SpecError> {
    Ok(match take_type(&mut table, doc, at, "queue")?.as_str() {
        "durable" => QueueSpec::Durable(typed(table, doc, at)?),
        "memory" => QueueSpec::Memory(typed(table, doc, at)?),
        other => return Err(unknown_type(doc, at, "queue", other, "durable, memory")),
    })
}

pub(crate) fn parse_sink(
    mut table: toml::Table,
    doc: &Document,
    at: &[Seg],
) -> Result<SinkSpec, SpecError> {
    Ok(match take_type(&mut table, doc, at, "sink")?.as_str() {
        "directory" => {
            let NoOptions {} = typed(table, doc, at)?;
            SinkSpec::Directory
        }
        "s3" => SinkSpec::S3(table),
        other => return Err(unknown_type(doc, at, "sink", other, "directory, s3")),
    })
}

fn unknown_type(doc: &Document, at: &[Seg], part: &str, name: &str, known: &str) -> SpecError {
    let mut path = at.to_vec();
    path.push(Seg::Key("type".into()));
    doc.invalid(
        &path,
        format!("unknown {part} type {name:?}: one of {known}"),
    )
}
