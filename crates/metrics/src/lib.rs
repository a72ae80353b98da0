//! # pipes-media-metrics
//!
//! Prometheus metrics and health endpoints for a pipes-media run. An [`Exporter`] is an
//! [`Observer`] of the run (core calls it on every fetch, stage run, retry and report line) and
//! reads the run's live counters and its queue when scraped; [`Exporter::serve`] puts it on
//! HTTP:
//!
//! | path | answer |
//! | --- | --- |
//! | `/metrics` | Prometheus text (OpenMetrics when the scraper's `Accept` asks for it) |
//! | `/healthz` | `200 ok` while the process serves (liveness) |
//! | `/readyz` | `200 ready` while the run is going and every check passes (source connected or listening, store open), else `503` naming what is not |
//!
//! What is exported (all prefixed `pipes_media_`):
//!
//! | metric | type | labels | from |
//! | --- | --- | --- | --- |
//! | `messages_finished_total` | counter | `status` | report lines |
//! | `failures_total` | counter | `code` | report lines with status `failed` |
//! | `stage_failures_total` | counter | `stage`, `code` | failed stages in report lines |
//! | `retries_total` | counter | `code` | retries the queue scheduled |
//! | `downloaded_bytes_total` | counter | | fetches |
//! | `download_duration_seconds` | histogram | `outcome` (`ok`, `error`) | fetches |
//! | `stage_duration_seconds` | histogram | `stage`, `status` | stage runs |
//! | `received_total`, `duplicates_total`, `reconnects_total` | counter | | the run's [`Metrics`] |
//! | `in_flight`, `source_connected` | gauge | | the run's [`Metrics`] |
//! | `queue_depth` | gauge | | [`Dequeue::waiting`] |
//! | `oldest_pending_expiry_seconds` | gauge | | [`Dequeue::earliest_deadline`]: seconds left before the 48 h expiry (absent when nothing waits) |
//! | `dead_letters` | gauge | | a count the caller provides (the durable store's) |
//!
//! The counters of finished messages and failures are counted from the report lines as they
//! are written, so after a run they equal the counts in `report.jsonl` for the lines this
//! process wrote (counters start at zero in each process, as Prometheus expects; a line that
//! replaces an old one, a requeued dead letter, counts as one more finish). Label values that
//! come from the wire (an API's error code) are checked and capped, so a hostile server cannot
//! grow the number of series without bound.
//!
//! This crate depends on `pipes-media-core` (the hooks), `prometheus-client` (the official
//! Rust client: families, histograms with buckets, both text formats) and `axum` for HTTP.
//!
//! ```
//! use pipes_media_core::Observer;
//! use pipes_media_metrics::{Exporter, Format};
//!
//! let exporter = Exporter::new();
//! let observer = exporter.observer(); // give it to `PipelineBuilder::observer`
//! observer.line_written(br#"{"messageId":"m1","status":"processed","stages":{}}"#, false);
//! observer.line_written(
//!     br#"{"messageId":"m2","status":"failed","error":{"code":"NOT_FOUND","message":"gone"},"stages":{}}"#,
//!     false,
//! );
//! let text = exporter.render(Format::Prometheus);
//! assert!(text.contains(r#"pipes_media_messages_finished_total{status="processed"} 1"#));
//! assert!(text.contains(r#"pipes_media_failures_total{code="NOT_FOUND"} 1"#));
//! ```

mod error;
mod gauges;
mod health;
mod labels;
mod recorder;
mod server;

use std::net::SocketAddr;
use std::sync::Arc;

use pipes_media_core::{Dequeue, Metrics, Observer};
use prometheus_client::registry::Registry;

pub use error::MetricsError;
pub use gauges::DeadLetterCount;
pub use server::MetricsServer;

use gauges::LiveGauges;
use health::Health;
use recorder::Recorder;

/// The metric name prefix.
pub const PREFIX: &str = "pipes_media";

/// A text exposition format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// The Prometheus text format, version 0.0.4.
    Prometheus,
    /// OpenMetrics text 1.0 (ends with `# EOF`).
    OpenMetrics,
}

impl Format {
    /// The `Content-Type` of the format.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Prometheus => prometheus_client::encoding::prometheus_text::CONTENT_TYPE,
            Self::OpenMetrics => "application/openmetrics-text; version=1.0.0; charset=utf-8",
        }
    }
}

/// The metrics of one run: an observer to register with the pipeline, live sources to read at
/// scrape time, readiness checks, and an HTTP endpoint. Cheap to clone (shared inside).
#[derive(Clone, Debug)]
pub struct Exporter {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    registry: Registry,
    recorder: Arc<Recorder>,
    live: Arc<LiveGauges>,
    health: Health,
}

impl Default for Exporter {
    fn default() -> Self {
        Self::new()
    }
}

impl Exporter {
    /// An exporter with every family registered and nothing counted yet.
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix(PREFIX);
        let recorder = Arc::new(Recorder::register(&mut registry));
        let live = Arc::new(LiveGauges::default());
        registry.register_collector(Box::new(live.clone()));
        Self {
            inner: Arc::new(Inner {
                registry,
                recorder,
                live,
                health: Health::default(),
            }),
        }
    }

    /// The observer that counts fetches, stage runs, retries and report lines: pass it to
    /// `PipelineBuilder::observer` (or `Report::observe` for report lines only).
    pub fn observer(&self) -> Arc<dyn Observer> {
        self.inner.recorder.clone()
    }

    /// Reads the run's counters (received, duplicates, reconnects, in flight, connected) at
    /// each scrape.
    pub fn watch_run(&self, metrics: Arc<Metrics>) {
        self.sources().run = Some(metrics);
    }

    /// Reads the queue's depth and earliest waiting deadline at each scrape.
    pub fn watch_queue(&self, queue: Arc<dyn Dequeue>) {
        self.sources().queue = Some(queue);
    }

    /// Reads the dead-letter count with `count` (at most every 10 s: it may scan a store).
    pub fn dead_letters(&self, count: impl Fn() -> Option<u64> + Send + Sync + 'static) {
        self.sources().dead_letters = Some(Box::new(count));
    }

    /// Adds a readiness check: `/readyz` answers 503 naming `name` while `check` is false.
    pub fn ready_check(
        &self,
        name: &'static str,
        check: impl Fn() -> bool + Send + Sync + 'static,
    ) {
        self.inner.health.add(name, Box::new(check));
    }

    /// Marks the run as going (ready once the checks pass) or over.
    pub fn set_running(&self, running: bool) {
        self.inner.health.set_running(running);
    }

    /// What is not ready now (empty: ready).
    pub fn not_ready(&self) -> Vec<&'static str> {
        self.inner.health.not_ready()
    }

    /// The metrics now, as text.
    pub fn render(&self, format: Format) -> String {
        let mut out = String::new();
        let encoded = match format {
            Format::Prometheus => {
                prometheus_client::encoding::prometheus_text::encode(&mut out, &self.inner.registry)
            }
            Format::OpenMetrics => {
                prometheus_client::encoding::text::encode(&mut out, &self.inner.registry)
            }
        };
        if let Err(e) = encoded {
            // Writing into a String cannot fail; a collector could only fail by a bug.
            tracing::warn!(error = %e, "encoding the metrics failed");
        }
        out
    }

    /// Serves `/metrics`, `/healthz` and `/readyz` on `addr` (port 0: any free port; see
    /// [`MetricsServer::local_addr`]).
    pub async fn serve(&self, addr: SocketAddr) -> Result<MetricsServer, MetricsError> {
        MetricsServer::start(self.clone(), addr).await
    }

    fn sources(&self) -> std::sync::RwLockWriteGuard<'_, gauges::Sources> {
        self.inner
            .live
            .sources
            .write()
            .unwrap_or_else(|p| p.into_inner())
    }
}

/// Parses a metrics address: `host:port`, or `:port` for every interface.
///
/// ```
/// use pipes_media_metrics::parse_addr;
/// assert_eq!(parse_addr("127.0.0.1:9898").unwrap().port(), 9898);
/// assert_eq!(parse_addr(":9898").unwrap().to_string(), "0.0.0.0:9898");
/// assert!(parse_addr("9898").is_err());
/// ```
pub fn parse_addr(addr: &str) -> Result<SocketAddr, MetricsError> {
    let addr = addr.trim();
    let full = if addr.starts_with(':') {
        format!("0.0.0.0{addr}")
    } else {
        addr.to_owned()
    };
    if let Ok(parsed) = full.parse() {
        return Ok(parsed);
    }
    use std::net::ToSocketAddrs;
    full.to_socket_addrs()
        .ok()
        .and_then(|mut addrs| addrs.next())
        .ok_or_else(|| MetricsError::Address(addr.to_owned()))
}
