//! The bundled pipeline: Pipes.bot (or the embedded simulator, or a local directory) through the
//! bundled stages into `./pipes-media-out/`.
//!
//! ```text
//! cargo run --release --example pipeline                      # embedded simulator + sample media
//! PIPES_API_KEY=pk_… cargo run --release --example pipeline   # the real service
//! cargo run --release --example pipeline -- --input DIR       # local files, read in place
//! ```

#![allow(clippy::print_stdout, clippy::print_stderr)] // a binary talks to its user

mod demo;
mod malloc;
#[cfg(feature = "nats")]
mod nats;
mod progress;
mod stages;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Parser;
use pipes_media::core::fetch::LocalFiles;
use pipes_media::core::queue::Backoff;
use pipes_media::core::{
    ErrorCode, Pipeline, PipelineBuilder, PipelineError, Report, RunSummary, StagePolicy,
};
use pipes_media::ingest::{ApiKey, ClientConfig, Downloader, WebSocketSource, DEFAULT_BASE_URL};
use pipes_media::store::{DurableConfig, DurableQueue, Requeue};

/// Download WhatsApp media from Pipes.bot and run it through the bundled stages.
///
/// With no PIPES_API_KEY and no --input, starts an embedded Pipes.bot simulator with the bundled
/// sample media, processes every sample and exits.
#[derive(Parser, Debug)]
#[command(version, about, long_about = None)]
struct Args {
    /// Output directory: media/, artifacts/, report.jsonl.
    #[arg(long, default_value = "pipes-media-out")]
    out: PathBuf,
    /// REST base URL of Pipes.bot (the WebSocket URL is derived from it).
    #[arg(long, env = "PIPES_BASE_URL", default_value = DEFAULT_BASE_URL)]
    base_url: String,
    /// Only this conversation (conversation scope) instead of the whole account.
    #[arg(long)]
    conversation: Option<String>,
    /// Downloads and stage runs in parallel (default: number of cores).
    #[arg(long)]
    concurrency: Option<usize>,
    /// Largest media accepted, in bytes.
    #[arg(long, default_value_t = pipes_media::core::pipeline::DEFAULT_MAX_SIZE)]
    max_size: u64,
    /// Stages to run, by report name, comma-separated (mime,thumbnail,audio,pdf), or `none`.
    #[arg(long)]
    stages: Option<String>,
    /// Process the files under DIR (read in place) instead of listening to Pipes.bot.
    #[arg(long, value_name = "DIR")]
    input: Option<PathBuf>,
    /// Exit after N messages are finished.
    #[arg(long, value_name = "N")]
    max_messages: Option<u64>,
    /// Exit once all work is finished and no event arrived for SECS.
    #[arg(long, value_name = "SECS")]
    idle_exit: Option<f64>,
    /// No progress bar; warnings and errors only.
    #[arg(long, short)]
    quiet: bool,
    /// Where the durable job store lives (default: <out>/state).
    #[arg(long, value_name = "DIR")]
    state_dir: Option<PathBuf>,
    /// Keep jobs in memory only: nothing survives a crash (faster, for throwaway runs).
    #[arg(long, conflicts_with_all = ["state_dir", "retry_dead", "retry_failed", "list_dead"])]
    memory_queue: bool,
    /// Do not fsync received events (a crash of the process still loses nothing; a power loss may).
    #[arg(long)]
    no_fsync: bool,
    /// Attempts per message before it is dead-lettered.
    #[arg(long, default_value_t = 5)]
    max_attempts: u32,
    /// First retry delay in milliseconds (doubles up to 10 minutes, jittered; a server's
    /// Retry-After is honoured when longer).
    #[arg(long, default_value_t = 2_000)]
    retry_base_ms: u64,
    /// List the dead-lettered messages and exit.
    #[arg(long)]
    list_dead: bool,
    /// Requeue the dead-lettered messages, then run as usual; their new report lines replace the old.
    #[arg(long)]
    retry_dead: bool,
    /// Requeue messages that failed for a local, transient reason (a full disk, local I/O, an
    /// interrupted run) and dead letters, or with CODES (comma-separated, e.g. DISK_FULL,IO),
    /// then run as usual; their new report lines replace the old.
    #[arg(long, value_name = "CODES", num_args = 0..=1, default_missing_value = "")]
    retry_failed: Option<String>,
    /// `ingest` / `worker`: the pipeline spread over NATS JetStream.
    #[cfg(feature = "nats")]
    #[command(subcommand)]
    command: Option<nats::Command>,
}

fn main() -> ExitCode {
    malloc::tune();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async_main())
}

async fn async_main() -> ExitCode {
    let args = Args::parse();
    #[cfg(feature = "nats")]
    if let Some(command) = &args.command {
        return nats::main(command).await;
    }
    let bar = progress::init(args.quiet);
    let result = run(&args, bar.clone()).await;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    match result {
        Ok(summary) => {
            let m = summary.metrics;
            if !args.quiet {
                println!(
                    "{} messages finished ({} failed, {} duplicates ignored) in {}; report: {}",
                    m.finished,
                    m.failed,
                    m.duplicates,
                    args.out.display(),
                    args.out.join("report.jsonl").display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            match error.downcast_ref::<PipelineError>() {
                Some(PipelineError::Source(source))
                    if matches!(
                        source.code(),
                        ErrorCode::Unauthorized | ErrorCode::Forbidden
                    ) =>
                {
                    eprintln!("error: {source}");
                }
                _ => eprintln!("error: {}", one_line(&error)),
            }
            ExitCode::from(2)
        }
    }
}

async fn run(args: &Args, bar: Option<indicatif::ProgressBar>) -> Result<RunSummary> {
    let report = Arc::new(
        Report::open(&args.out)
            .with_context(|| format!("opening the report in {}", args.out.display()))?,
    );
    let mut builder = Pipeline::builder()
        .out_dir(&args.out)
        .report(report.clone())
        .max_size(args.max_size);
    if args.memory_queue {
        builder = builder.queue(Arc::new(
            pipes_media::core::MemoryQueue::new(256).max_attempts(args.max_attempts.max(1)),
        ));
    } else {
        builder = builder.queue(open_store(args, &report)?);
    }
    if let Some(n) = args.concurrency {
        builder = builder.concurrency(n);
    }
    if let Some(n) = args.max_messages {
        builder = builder.max_messages(n);
    }
    if let Some(secs) = args.idle_exit {
        builder = builder.idle_exit(Duration::from_secs_f64(secs.max(0.0)));
    }
    for stage in stages::parse(args.stages.as_deref())? {
        builder = builder.boxed_stage(stage, StagePolicy::default());
    }

    let api_key = std::env::var("PIPES_API_KEY")
        .ok()
        .filter(|k| !k.trim().is_empty());
    if let Some(dir) = &args.input {
        let files = LocalFiles::scan(dir).with_context(|| format!("listing {}", dir.display()))?;
        tracing::info!(files = files.len(), dir = %dir.display(), "processing local files");
        let builder = builder
            .source(files.source())
            .fetcher(files.fetcher().max_size(args.max_size));
        return start(builder, bar).await;
    }
    if let Some(key) = api_key {
        let mut config = ClientConfig::new(&args.base_url, ApiKey::new(key))?;
        config.conversation_id = args.conversation.clone();
        let downloader = Downloader::new(config.clone())?.max_size(args.max_size);
        let builder = builder
            .source(WebSocketSource::new(config))
            .fetcher(downloader);
        return start(builder, bar).await;
    }

    // No key: the embedded simulator with the bundled samples.
    let sim = demo::start().await?;
    tracing::info!(base_url = %sim.base_url(), "no PIPES_API_KEY: using the embedded simulator and bundled samples");
    let config = ClientConfig::new(&sim.base_url(), ApiKey::new(sim.api_key()))?;
    let downloader = Downloader::new(config.clone())?.max_size(args.max_size);
    let expected = demo::sample_count()?;
    let builder = builder
        .source(WebSocketSource::new(config))
        .fetcher(downloader)
        .max_messages(args.max_messages.unwrap_or(expected).min(expected));
    let sender = {
        let sim = sim.clone();
        tokio::spawn(async move { demo::send_samples(&sim).await })
    };
    let summary = start(builder, bar).await;
    sender.abort();
    sim.shutdown().await;
    summary
}

/// Opens the durable job store, handling `--list-dead`, `--retry-dead` and `--retry-failed`.
fn open_store(args: &Args, report: &Report) -> Result<Arc<DurableQueue>> {
    let dir = args
        .state_dir
        .clone()
        .unwrap_or_else(|| args.out.join("state"));
    let config = DurableConfig {
        max_attempts: args.max_attempts.max(1),
        backoff: Backoff::new(
            Duration::from_millis(args.retry_base_ms),
            Duration::from_secs(600),
        ),
        fsync: !args.no_fsync,
        ..DurableConfig::default()
    };
    let queue = DurableQueue::open(&dir, report, config)?;
    if args.list_dead {
        let dead = queue.dead_letters()?;
        for letter in &dead {
            let (code, message) = letter.last_error.as_ref().map_or((String::new(), ""), |e| {
                (e.code.to_string(), e.message.as_str())
            });
            println!(
                "{}\t{}\t{} attempts\t{code}\t{message}",
                letter.message_id, letter.kind, letter.attempts
            );
        }
        eprintln!("{} dead-lettered message(s)", dead.len());
        std::process::exit(0);
    }
    if args.retry_dead {
        let n = queue.requeue_dead()?;
        tracing::info!(requeued = n, "dead letters requeued");
    }
    if let Some(codes) = &args.retry_failed {
        let which = if codes.trim().is_empty() {
            Requeue::Local
        } else {
            Requeue::Codes(
                codes
                    .split(',')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(ErrorCode::from)
                    .collect(),
            )
        };
        let n = queue.requeue_failed(&which)?;
        tracing::info!(requeued = n, "failed messages requeued");
    }
    Ok(Arc::new(queue))
}

async fn start(
    builder: PipelineBuilder,
    bar: Option<indicatif::ProgressBar>,
) -> Result<RunSummary> {
    let pipeline = builder.build()?;
    let progress = bar.map(|bar| tokio::spawn(progress::drive(bar, pipeline.metrics())));
    let summary = pipeline.run_until(shutdown_signal()).await;
    if let Some(task) = progress {
        task.abort();
    }
    Ok(summary?)
}

/// The error and its causes on one line, each cause once (our errors quote their cause).
fn one_line(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if !line.contains(&text) {
            if !line.is_empty() {
                line.push_str(": ");
            }
            line.push_str(&text);
        }
    }
    line.replace('\n', " ")
}

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
