//! `pipes-sim`: a local Pipes.bot server on loopback, serving a directory of files as queued
//! WhatsApp messages for the default tenant, until Ctrl-C (or SIGTERM).
//!
//! ```text
//! pipes-sim --dir fixtures/sample-media
//! PIPES_BASE_URL=http://127.0.0.1:8787 PIPES_API_KEY=pk_sim_… cargo run --release --example pipeline
//! ```

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{bail, Context};
use clap::Parser;
use pipes_media_sim::{Simulator, DEFAULT_API_KEY, DEFAULT_USER};

/// A local Pipes.bot simulator: WebSocket events, media download with a 302 to presigned URLs on
/// a second port, offline queue and drain, switchable faults.
#[derive(Debug, Parser)]
#[command(name = "pipes-sim", version)]
struct Args {
    /// Send every file of DIR as a queued message for the default user (type from extension).
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
    /// Port of the REST + WebSocket listener (0 picks a free one).
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// Port of the presigned "object storage" listener (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    storage_port: u16,
    /// API key of the default user (default: the simulator's documented public key).
    #[arg(long, env = "PIPES_SIM_KEY", hide_env_values = true)]
    key: Option<String>,
    /// Milliseconds between two drained events.
    #[arg(long, value_name = "MS", default_value_t = 750)]
    drain_ms: u64,
    /// Throttle presigned bodies to BPS bytes per second.
    #[arg(long, value_name = "BPS")]
    slow: Option<u64>,
    /// Drop each WebSocket connection abruptly after it sent N events.
    #[arg(long, value_name = "N")]
    drop_after: Option<u32>,
    /// Answer the first N download requests of each media with STATUS (e.g. 503:1).
    #[arg(long, value_name = "STATUS:N")]
    fail_first: Option<String>,
    /// Send the directory's files again, as new messages, every SECS seconds.
    #[arg(long, value_name = "SECS")]
    repeat_every: Option<u64>,
    /// Spread the directory's messages over N senders (the offline queue keeps 100 per sender).
    #[arg(long, value_name = "N", default_value_t = 1)]
    senders: usize,
}

fn parse_fail_first(spec: &str) -> anyhow::Result<(u16, u32)> {
    let (status, n) = spec
        .split_once(':')
        .context("--fail-first wants STATUS:N, e.g. 503:1")?;
    let status: u16 = status
        .parse()
        .context("--fail-first: STATUS must be a number")?;
    if !(400..=599).contains(&status) {
        bail!("--fail-first: STATUS must be 400-599");
    }
    Ok((
        status,
        n.parse().context("--fail-first: N must be a number")?,
    ))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let fail_first = args
        .fail_first
        .as_deref()
        .map(parse_fail_first)
        .transpose()?;

    let mut builder = Simulator::builder()
        .drain_interval(Duration::from_millis(args.drain_ms))
        .bind(SocketAddr::from(([127, 0, 0, 1], args.port)))
        .storage_bind(SocketAddr::from(([127, 0, 0, 1], args.storage_port)));
    if let Some(key) = &args.key {
        builder = builder.no_default_tenant().user(DEFAULT_USER, key);
    }
    let sim = builder
        .start()
        .await
        .context("cannot bind the simulator's ports")?;
    let faults = sim.faults();
    faults.slow_bodies(args.slow);
    faults.drop_after_events(args.drop_after);
    if let Some((status, n)) = fail_first {
        faults.fail_downloads(status, n);
    }

    let mut queued = 0;
    if let Some(dir) = &args.dir {
        queued = sim
            .load_dir_from(DEFAULT_USER, dir, args.senders)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .len();
    }

    // The key is printed only when it is the documented public default.
    let key_shown = if args.key.is_some() {
        "<the key given with --key>"
    } else {
        DEFAULT_API_KEY
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "Pipes.bot simulator listening on {}", sim.base_url())?;
    writeln!(
        out,
        "  WebSocket:  {}/ws",
        sim.base_url().replacen("http://", "ws://", 1)
    )?;
    writeln!(out, "  storage:    {}", sim.storage_url())?;
    writeln!(
        out,
        "  user:       {DEFAULT_USER}, {queued} message(s) queued"
    )?;
    writeln!(out, "Point the example at it:")?;
    writeln!(
        out,
        "  PIPES_BASE_URL={} PIPES_API_KEY={key_shown} cargo run --release --example pipeline",
        sim.base_url()
    )?;
    writeln!(out, "Ctrl-C stops it.")?;
    drop(out);

    if let (Some(dir), Some(secs)) = (args.dir.clone(), args.repeat_every) {
        let sim = sim.clone();
        let senders = args.senders;
        tokio::spawn(async move {
            let mut ticker = tokio::time::interval(Duration::from_secs(secs.max(1)));
            ticker.tick().await;
            loop {
                ticker.tick().await;
                match sim.load_dir_from(DEFAULT_USER, &dir, senders) {
                    Ok(ids) => tracing::info!(messages = ids.len(), "sent the directory again"),
                    Err(err) => tracing::warn!(%err, "cannot read the directory"),
                }
            }
        });
    }

    stop_signal().await?;
    tracing::info!("stopping");
    sim.shutdown().await;
    Ok(())
}

/// Ctrl-C, or SIGTERM on Unix.
async fn stop_signal() -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .context("cannot listen for SIGTERM")?;
        tokio::select! {
            ctrl_c = tokio::signal::ctrl_c() => ctrl_c.context("cannot listen for Ctrl-C")?,
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    tokio::signal::ctrl_c()
        .await
        .context("cannot listen for Ctrl-C")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_first_parses() {
        assert_eq!(parse_fail_first("503:2").ok(), Some((503, 2)));
        assert!(parse_fail_first("503").is_err());
        assert!(parse_fail_first("200:1").is_err());
        assert!(parse_fail_first("x:1").is_err());
    }
}
