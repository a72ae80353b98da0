//! Progress display: a bar on a terminal, plain `tracing` lines otherwise.

use std::io::IsTerminal;
use std::sync::Arc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use pipes_media::core::Metrics;
use tracing_subscriber::filter::filter_fn;
use tracing_subscriber::prelude::*;
use tracing_subscriber::EnvFilter;

/// Crates whose TRACE output includes whole requests (and so the key).
const WIRE_CRATES: [&str; 6] = [
    "tungstenite",
    "tokio_tungstenite",
    "hyper",
    "hyper_util",
    "reqwest",
    "h2",
];

/// Sets up logging. Returns the bar to drive, when stderr is a terminal and not `--quiet`.
pub fn init(quiet: bool) -> Option<ProgressBar> {
    let tty = std::io::stderr().is_terminal();
    // Without a terminal the run's own INFO lines are the progress display; the decoders'
    // INFO lines (symphonia says which header it read for every file) are not.
    let default = if quiet || tty {
        "warn"
    } else {
        "info,symphonia=warn"
    };
    let filter = std::env::var("RUST_LOG")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .and_then(|s| EnvFilter::try_new(s).ok())
        .unwrap_or_else(|| EnvFilter::new(default));
    let bar = (tty && !quiet).then(|| {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    });
    let writer_bar = bar.clone();
    // The WebSocket handshake carries the key in its query (the protocol says so), and the
    // HTTP/WebSocket crates log whole requests at TRACE: never let those through, whatever
    // RUST_LOG says.
    let no_wire_trace = filter_fn(|meta| {
        *meta.level() != tracing::Level::TRACE
            || !WIRE_CRATES.iter().any(|c| meta.target().starts_with(c))
    });
    tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_target(false)
                .with_ansi(tty && std::env::var_os("NO_COLOR").is_none())
                .with_writer(move || BarWriter(writer_bar.clone()))
                .with_filter(filter)
                .with_filter(no_wire_trace),
        )
        .init();
    bar
}

/// Writes log lines above the bar instead of through it.
struct BarWriter(Option<ProgressBar>);

impl std::io::Write for BarWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &self.0 {
            Some(bar) => bar.suspend(|| std::io::stderr().write(buf)),
            None => std::io::stderr().write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}

/// Updates the bar from the run's counters until the task is dropped.
pub async fn drive(bar: ProgressBar, metrics: Arc<Metrics>) {
    let start = Instant::now();
    loop {
        let m = metrics.snapshot();
        let secs = start.elapsed().as_secs_f64().max(0.001);
        bar.set_message(format!(
            "received {} · downloaded {} · finished {} · failed {} · {:.1} MiB/s",
            m.received,
            m.downloaded,
            m.finished,
            m.failed,
            m.bytes as f64 / 1048576.0 / secs
        ));
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
