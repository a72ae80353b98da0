//! `pipes-nats-node`: the NATS ingest or a worker, without stages (downloads only), for
//! operators who run the bare pipeline and for the multi-process tests. The `pipeline` example
//! (feature `nats`) runs the same code with the bundled stages.
//!
//! ```text
//! pipes-nats-node ingest --nats nats://host:4222 --out DIR [--base-url URL] [--idle-exit SECS] [--max-messages N]
//! pipes-nats-node worker --nats nats://host:4222 --out DIR [--base-url URL] [--concurrency N] [--max-size BYTES] [--idle-exit SECS]
//! pipes-nats-node cli                       # the `nats` CLI commands that create the streams
//! common: [--ack-wait SECS] [--max-deliver N] [--retry-base-ms MS] [--name NAME] [--quiet]
//! ```
//! `PIPES_API_KEY` is required for ingest and worker; `PIPES_BASE_URL` is read when
//! `--base-url` is absent. Exit status 2 with one line on a fatal error (NATS unreachable,
//! JetStream off, a rejected key).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use pipes_media_core::queue::Backoff;
use pipes_media_ingest::{ApiKey, ClientConfig, Downloader, WebSocketSource, DEFAULT_BASE_URL};
use pipes_media_nats::{
    run_ingest, run_worker, shutdown_signal, IngestOptions, NatsConfig, WorkerOptions,
};

const USAGE: &str =
    "usage: pipes-nats-node ingest|worker|cli --nats URL --out DIR [--base-url URL] \
[--concurrency N] [--max-size BYTES] [--idle-exit SECS] [--max-messages N] [--ack-wait SECS] \
[--max-deliver N] [--retry-base-ms MS] [--name NAME] [--quiet]";

#[derive(Default)]
struct Args {
    mode: String,
    nats: Option<String>,
    out: Option<PathBuf>,
    base_url: Option<String>,
    concurrency: Option<usize>,
    max_size: Option<u64>,
    idle_exit: Option<f64>,
    max_messages: Option<u64>,
    ack_wait: Option<f64>,
    max_deliver: Option<u32>,
    retry_base_ms: Option<u64>,
    name: Option<String>,
    quiet: bool,
}

fn parse() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut args = Args {
        mode: it.next().ok_or(USAGE)?,
        ..Args::default()
    };
    fn num<T: std::str::FromStr>(flag: &str, v: Option<String>) -> Result<Option<T>, String> {
        let v = v.ok_or(format!("{flag} needs a value"))?;
        v.parse()
            .map(Some)
            .map_err(|_| format!("{flag}: not a number: {v}"))
    }
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "--nats" => args.nats = it.next(),
            "--out" => args.out = it.next().map(PathBuf::from),
            "--base-url" => args.base_url = it.next(),
            "--name" => args.name = it.next(),
            "--concurrency" => args.concurrency = num(&flag, it.next())?,
            "--max-size" => args.max_size = num(&flag, it.next())?,
            "--idle-exit" => args.idle_exit = num(&flag, it.next())?,
            "--max-messages" => args.max_messages = num(&flag, it.next())?,
            "--ack-wait" => args.ack_wait = num(&flag, it.next())?,
            "--max-deliver" => args.max_deliver = num(&flag, it.next())?,
            "--retry-base-ms" => args.retry_base_ms = num(&flag, it.next())?,
            "--quiet" | "-q" => args.quiet = true,
            "--help" | "-h" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(args)
}

fn nats_config(args: &Args) -> NatsConfig {
    let mut config = NatsConfig::new(
        args.nats
            .clone()
            .unwrap_or_else(|| NatsConfig::default().url),
    );
    if let Some(secs) = args.ack_wait {
        config.ack_wait = Duration::from_secs_f64(secs.max(0.1));
    }
    if let Some(n) = args.max_deliver {
        config.max_deliver = n.max(1);
    }
    config
}

fn client_config(args: &Args) -> Result<ClientConfig, String> {
    let key = std::env::var("PIPES_API_KEY")
        .ok()
        .filter(|k| !k.trim().is_empty())
        .ok_or("PIPES_API_KEY is not set")?;
    let base = args
        .base_url
        .clone()
        .or_else(|| std::env::var("PIPES_BASE_URL").ok())
        .unwrap_or_else(|| DEFAULT_BASE_URL.to_owned());
    ClientConfig::new(&base, ApiKey::new(key)).map_err(|e| e.to_string())
}

async fn run(args: Args) -> Result<String, String> {
    let config = nats_config(&args);
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("pipes-media-out"));
    let idle = args.idle_exit.map(|s| Duration::from_secs_f64(s.max(0.0)));
    match args.mode.as_str() {
        "cli" => Ok(config.cli_commands()),
        "ingest" => {
            let client = client_config(&args)?;
            let mut options = IngestOptions::new(&out);
            options.idle_exit = idle;
            options.max_messages = args.max_messages;
            let s = run_ingest(
                &config,
                options,
                WebSocketSource::new(client),
                shutdown_signal(),
            )
            .await
            .map_err(|e| e.one_line())?;
            Ok(format!(
                "ingest: {} published, {} duplicates, {} report lines written to {}",
                s.published,
                s.duplicates,
                s.reported,
                out.join("report.jsonl").display()
            ))
        }
        "worker" => {
            let client = client_config(&args)?;
            let mut options = WorkerOptions::new(&out);
            if let Some(n) = args.concurrency {
                options.concurrency = n.max(1);
            }
            if let Some(n) = args.max_size {
                options.max_size = n;
            }
            if let Some(ms) = args.retry_base_ms {
                options.backoff = Backoff::new(Duration::from_millis(ms), Duration::from_secs(600));
            }
            if let Some(name) = args.name.clone() {
                options.name = name;
            }
            options.idle_exit = idle;
            let downloader = Downloader::new(client)
                .map_err(|e| e.to_string())?
                .max_size(options.max_size);
            let s = run_worker(&config, options, downloader, Vec::new(), shutdown_signal())
                .await
                .map_err(|e| e.one_line())?;
            Ok(format!(
                "worker: {} finished ({} failed), {} bytes",
                s.finished, s.failed, s.bytes
            ))
        }
        _ => Err(USAGE.to_owned()),
    }
}

fn main() -> ExitCode {
    let args = match parse() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let level = if args.quiet { "warn" } else { "info" };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let quiet = args.quiet;
    match runtime.block_on(run(args)) {
        Ok(summary) => {
            if !quiet {
                println!("{summary}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
