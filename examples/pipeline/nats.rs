//! `pipeline ingest` and `pipeline worker` (feature `nats`): the same pipeline spread over NATS
//! JetStream. The logic lives in `pipes_media::nats` (`run_ingest`, `run_worker`); this is the
//! command line.
//!
//! ```text
//! cargo run --release --features nats --example pipeline -- ingest --nats nats://host:4222 --out DIR
//! cargo run --release --features nats --example pipeline -- worker --nats nats://host:4222 --out DIR
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use clap::{Args as ClapArgs, Subcommand};
use pipes_media::core::queue::Backoff;
use pipes_media::ingest::{ApiKey, ClientConfig, Downloader, WebSocketSource, DEFAULT_BASE_URL};
use pipes_media::nats::{
    run_ingest, run_worker, shutdown_signal, IngestOptions, NatsConfig, WorkerOptions,
};

/// Run as one part of a pipeline spread over NATS JetStream.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Hold the one WebSocket to Pipes.bot, publish every event to JetStream and write
    /// report.jsonl from the workers' results. Without PIPES_API_KEY: the embedded simulator
    /// with the bundled samples.
    Ingest(Common),
    /// Take jobs from JetStream (any number of workers, on any machine): download, run the
    /// stages, store files under --out, publish the report line.
    Worker(Common),
    /// Print the `nats` CLI commands that create the same streams and consumers.
    NatsCli(Common),
}

/// Flags of `ingest` and `worker`.
#[derive(ClapArgs, Debug)]
pub struct Common {
    /// NATS server URL(s), comma-separated.
    #[arg(long, env = "NATS_URL", default_value = "nats://127.0.0.1:4222")]
    nats: String,
    /// Output directory (ingest: report.jsonl; worker: media/ and artifacts/).
    #[arg(long, default_value = "pipes-media-out")]
    out: PathBuf,
    /// REST base URL of Pipes.bot.
    #[arg(long, env = "PIPES_BASE_URL", default_value = DEFAULT_BASE_URL)]
    base_url: String,
    /// Worker: downloads and stage runs in parallel.
    #[arg(long, default_value_t = 4)]
    concurrency: usize,
    /// Worker: largest media accepted, in bytes.
    #[arg(long, default_value_t = pipes_media::core::pipeline::DEFAULT_MAX_SIZE)]
    max_size: u64,
    /// Worker: stages by report name, comma-separated, or `none` (default: all built in).
    #[arg(long)]
    stages: Option<String>,
    /// Exit once no event (ingest) or job (worker) arrived for SECS and nothing is in flight.
    #[arg(long, value_name = "SECS")]
    idle_exit: Option<f64>,
    /// Ingest: exit after N messages are published and reported.
    #[arg(long, value_name = "N")]
    max_messages: Option<u64>,
    /// JetStream ack wait of the workers' consumer, in seconds.
    #[arg(long, default_value_t = 60.0)]
    ack_wait: f64,
    /// Deliveries of a job before it is dead-lettered.
    #[arg(long, default_value_t = 5)]
    max_deliver: u32,
    /// Worker: first retry delay of a failed download, in milliseconds.
    #[arg(long, default_value_t = 10_000)]
    retry_base_ms: u64,
    /// Warnings and errors only.
    #[arg(long, short)]
    quiet: bool,
}

impl Common {
    fn config(&self) -> NatsConfig {
        let mut config = NatsConfig::new(&self.nats);
        config.ack_wait = Duration::from_secs_f64(self.ack_wait.max(0.1));
        config.max_deliver = self.max_deliver.max(1);
        config
    }

    fn idle(&self) -> Option<Duration> {
        self.idle_exit.map(|s| Duration::from_secs_f64(s.max(0.0)))
    }
}

fn api_key() -> Option<String> {
    std::env::var("PIPES_API_KEY")
        .ok()
        .filter(|k| !k.trim().is_empty())
}

/// Runs a subcommand; exit 2 with one line on a fatal error.
pub async fn main(command: &Command) -> ExitCode {
    let common = match command {
        Command::Ingest(c) | Command::Worker(c) | Command::NatsCli(c) => c,
    };
    if let Some(bar) = crate::progress::init(common.quiet) {
        bar.finish_and_clear();
    }
    match run(command).await {
        Ok(line) => {
            if !common.quiet {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

async fn run(command: &Command) -> Result<String> {
    match command {
        Command::NatsCli(c) => Ok(c.config().cli_commands()),
        Command::Ingest(c) => ingest(c).await,
        Command::Worker(c) => worker(c).await,
    }
}

async fn ingest(c: &Common) -> Result<String> {
    let mut options = IngestOptions::new(&c.out);
    options.idle_exit = c.idle();
    options.max_messages = c.max_messages;
    let config = c.config();
    let (client, sim) = match api_key() {
        Some(key) => (ClientConfig::new(&c.base_url, ApiKey::new(key))?, None),
        None => {
            let sim = crate::demo::start().await?;
            tracing::info!(base_url = %sim.base_url(), "no PIPES_API_KEY: the embedded simulator with the bundled samples (workers need PIPES_API_KEY={} PIPES_BASE_URL={})", sim.api_key(), sim.base_url());
            let expected = crate::demo::sample_count()?;
            options.max_messages = Some(c.max_messages.unwrap_or(expected).min(expected));
            (
                ClientConfig::new(&sim.base_url(), ApiKey::new(sim.api_key()))?,
                Some(sim),
            )
        }
    };
    let sender = sim
        .clone()
        .map(|sim| tokio::spawn(async move { crate::demo::send_samples(&sim).await }));
    let result = run_ingest(
        &config,
        options,
        WebSocketSource::new(client),
        shutdown_signal(),
    )
    .await;
    if let Some(sender) = sender {
        sender.abort();
    }
    if let Some(sim) = sim {
        sim.shutdown().await;
    }
    let s = result.map_err(|e| anyhow::anyhow!(e.one_line()))?;
    Ok(format!(
        "ingest: {} published, {} duplicates ignored, {} report lines written to {}",
        s.published,
        s.duplicates,
        s.reported,
        c.out.join("report.jsonl").display()
    ))
}

async fn worker(c: &Common) -> Result<String> {
    let key = api_key()
        .ok_or_else(|| anyhow::anyhow!("PIPES_API_KEY is not set (workers download with it)"))?;
    let client = ClientConfig::new(&c.base_url, ApiKey::new(key))?;
    let mut options = WorkerOptions::new(&c.out);
    options.concurrency = c.concurrency.max(1);
    options.max_size = c.max_size;
    options.idle_exit = c.idle();
    options.backoff = Backoff::new(
        Duration::from_millis(c.retry_base_ms),
        Duration::from_secs(600),
    );
    let downloader = Downloader::new(client)?.max_size(c.max_size);
    let stages = crate::stages::parse(c.stages.as_deref())?;
    let s = run_worker(&c.config(), options, downloader, stages, shutdown_signal())
        .await
        .map_err(|e| anyhow::anyhow!(e.one_line()))?;
    Ok(format!(
        "worker: {} finished ({} failed), {} bytes downloaded",
        s.finished, s.failed, s.bytes
    ))
}
