//! The bundled pipeline: Pipes.bot (or the embedded simulator, or a local directory) through the
//! bundled stages into `./pipes-media-out/`, with `report.jsonl` and the gallery `report.html`.
//!
//! ```text
//! cargo run --release --example pipeline                      # embedded simulator + sample media
//! PIPES_API_KEY=pk_… cargo run --release --example pipeline   # the real service
//! cargo run --release --example pipeline -- --input DIR       # local files, read in place
//! cargo run --release --example pipeline -- --config examples/pipelines/dir.toml
//! ```

#![allow(clippy::print_stdout, clippy::print_stderr)] // a binary talks to its user

mod admin;
mod config;
mod demo;
mod malloc;
#[cfg(feature = "nats")]
mod nats;
mod progress;
mod run;
mod stages;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use pipes_media::core::{ErrorCode, PipelineError};
use pipes_media::spec::SpecError;

/// Download WhatsApp media from Pipes.bot and run it through the bundled stages.
///
/// With no PIPES_API_KEY, no --input and no [source] in --config, starts an embedded Pipes.bot
/// simulator with the bundled sample media, processes every sample and exits. Flags (and the
/// environment variables they read) override the --config file.
#[derive(Parser, Debug)]
#[command(version, about, long_about = None)]
pub struct Args {
    /// The pipeline file (TOML): source, queue, stages with their options, sinks, metrics.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Print the resolved pipeline (secrets masked) and exit: 0 if it is usable, 2 if not.
    #[arg(long)]
    check_config: bool,
    /// Output directory: media/, artifacts/, report.jsonl, report.html [default: pipes-media-out].
    #[arg(long)]
    out: Option<PathBuf>,
    /// REST base URL of Pipes.bot (the WebSocket URL is derived from it) [default: https://api.pipes.bot].
    #[arg(long, env = "PIPES_BASE_URL")]
    base_url: Option<String>,
    /// Only this conversation (conversation scope) instead of the whole account.
    #[arg(long)]
    conversation: Option<String>,
    /// Downloads and stage runs in parallel (default: 4 downloads, a stage run per core).
    #[arg(long)]
    concurrency: Option<usize>,
    /// Largest media accepted, in bytes [default: 104857600].
    #[arg(long)]
    max_size: Option<u64>,
    /// Stages to run, by report name, comma-separated (mime, thumbnail, dedup, audio, waveform,
    /// pdf; on request transcribe, reply), or `none` [default: every bundled stage built in].
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
    /// Serve Prometheus metrics on http://ADDR/metrics, and /healthz and /readyz (e.g. 127.0.0.1:9898).
    #[arg(long, value_name = "ADDR")]
    metrics_addr: Option<String>,
    /// No progress bar; warnings only.
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
    /// Attempts per message before it is dead-lettered [default: 5].
    #[arg(long)]
    max_attempts: Option<u32>,
    /// First retry delay in milliseconds (doubles up to 10 minutes, jittered; a server's
    /// Retry-After is honoured when longer) [default: 2000].
    #[arg(long)]
    retry_base_ms: Option<u64>,
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
    /// Receive Pipes.bot's webhook deliveries on ADDR (e.g. 127.0.0.1:8088), beside the
    /// WebSocket (one queue, one dedup); the secret is PIPES_WEBHOOK_SECRET. Put a TLS reverse
    /// proxy in front: Pipes.bot posts to https:// URLs.
    #[arg(long, value_name = "ADDR")]
    webhook_addr: Option<String>,
    /// The webhook's URL path [default: /webhook].
    #[arg(long, value_name = "PATH", requires = "webhook_addr")]
    webhook_path: Option<String>,
    /// Run the webhook receiver alone, without the WebSocket.
    #[arg(long, requires = "webhook_addr")]
    webhook_only: bool,
    /// Store media and artifacts in an S3-compatible bucket (s3://BUCKET/PREFIX), configured by
    /// the AWS environment variables (AWS_ENDPOINT_URL for other stores than AWS).
    #[arg(long, value_name = "URL")]
    sink: Option<String>,
    /// With --sink s3://…: keep the local copy of uploaded media.
    #[arg(long, requires = "sink")]
    keep_local: bool,
    /// With --sink s3://…: also store each report line as an object.
    #[arg(long, requires = "sink")]
    sink_report_lines: bool,
    /// Follow presigned download redirects to private and loopback addresses too (by default
    /// only public addresses, and those of the API's own class, are followed).
    #[arg(long)]
    allow_private_storage: bool,
    /// Store photos without their GPS position (no re-encoding; the report's sha256 names the
    /// stored bytes, `receivedSha256` the received ones).
    #[arg(long)]
    strip_location: bool,
    /// Answer each message once with a text reply over the WebSocket (the `reply` stage: a
    /// voice note with its transcript or duration, a document with its page count, a spoofed
    /// file with a warning).
    #[arg(long)]
    reply: bool,
    /// Transcribe voice notes through this OpenAI-compatible API base (e.g.
    /// https://api.openai.com/v1); the key is PIPES_TRANSCRIBE_KEY.
    #[cfg(feature = "transcribe")]
    #[arg(long, value_name = "URL", env = "PIPES_TRANSCRIBE_URL")]
    transcribe_url: Option<String>,
    /// The transcription model [default: whisper-1].
    #[cfg(feature = "transcribe")]
    #[arg(long, value_name = "NAME", requires = "transcribe_url")]
    transcribe_model: Option<String>,
    /// The language of the voice notes (ISO 639-1), as a hint to the recogniser.
    #[cfg(feature = "transcribe")]
    #[arg(long, value_name = "CODE", requires = "transcribe_url")]
    transcribe_language: Option<String>,
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
    let one_shot = args.check_config || args.list_dead;
    let bar = progress::init(args.quiet || one_shot);
    let (spec, feed) = match config::resolve(&args) {
        Ok(resolved) => resolved,
        Err(error) => {
            config::print_error(&error);
            return ExitCode::from(2);
        }
    };
    if args.check_config {
        return match config::check(&spec, &feed) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                config::print_error(&error);
                ExitCode::from(2)
            }
        };
    }
    if args.list_dead {
        return match admin::list_dead(&spec) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => fail(&error),
        };
    }
    let result = run::run(&args, spec, feed, bar.clone()).await;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    match result {
        Ok(done) => {
            if !args.quiet {
                done.print();
            }
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error),
    }
}

/// Prints a fatal error in one line (plus the pipeline file's line when it is about one) and
/// gives exit status 2.
fn fail(error: &anyhow::Error) -> ExitCode {
    if let Some(spec) = error.downcast_ref::<SpecError>() {
        config::print_error(spec);
        return ExitCode::from(2);
    }
    match error.downcast_ref::<PipelineError>() {
        Some(PipelineError::Source(source))
            if matches!(
                source.code(),
                ErrorCode::Unauthorized | ErrorCode::Forbidden
            ) =>
        {
            eprintln!("error: {source}");
        }
        _ => eprintln!("error: {}", one_line(error)),
    }
    ExitCode::from(2)
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
