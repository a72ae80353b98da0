//! Progress display: a bar on a terminal, plain `tracing` lines otherwise.

use std::io::IsTerminal;
use std::sync::Arc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use pipes_media::core::Metrics;
use tracing_subscriber::EnvFilter;

/// Sets up logging. Returns the bar to drive, when stderr is a terminal and not `--quiet`.
pub fn init(quiet: bool) -> Option<ProgressBar> {
    let tty = std::io::stderr().is_terminal();
    let default = if quiet || tty { "warn" } else { "info" };
    let mut filter =
        EnvFilter::try_from_env("RUST_LOG").unwrap_or_else(|_| EnvFilter::new(default));
    // The WebSocket handshake carries the key in its query (the protocol says so), and the
    // HTTP/WebSocket crates log whole requests at TRACE: never let those through.
    for directive in ["tungstenite=debug", "tokio_tungstenite=debug", "hyper=debug", "hyper_util=debug", "reqwest=debug", "h2=debug"] {
        if let Ok(directive) = directive.parse() {
            filter = filter.add_directive(directive);
        }
    }
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
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_writer(move || BarWriter(writer_bar.clone()))
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
