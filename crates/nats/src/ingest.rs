//! The ingest: the intake over a JetStream [`Publisher`], and the results stream written to
//! `report.jsonl`.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use pipes_media_core::{Intake, IntakeEnd, Metrics, Report, Source};
use tokio::sync::{watch, Notify};
use tracing::info;

use crate::config::NatsConfig;
use crate::error::NatsError;
use crate::publisher::{Awaiting, Publisher};
use crate::results::{write_report, ResultsWriter};
use crate::setup::connect;

/// How to run the ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Where `report.jsonl` is written.
    pub out: PathBuf,
    /// Exit once no event arrived for this long and every published message is reported.
    pub idle_exit: Option<Duration>,
    /// Exit after this many messages are published and reported.
    pub max_messages: Option<u64>,
}

impl IngestOptions {
    /// Writes the report under `out`, runs until stopped.
    pub fn new(out: impl Into<PathBuf>) -> Self {
        Self {
            out: out.into(),
            idle_exit: None,
            max_messages: None,
        }
    }
}

/// What an ingest run did.
#[derive(Debug, Clone, Copy, Default)]
pub struct IngestSummary {
    /// Events published (new to JetStream and to the report).
    pub published: u64,
    /// Events dropped as duplicates (already published or already reported).
    pub duplicates: u64,
    /// Report lines written.
    pub reported: u64,
}

/// Runs the ingest: `source` (the Pipes.bot WebSocket) → the events stream; the results stream →
/// `report.jsonl`. Returns when `shutdown` completes, or per `options` once every published
/// message has its line.
pub async fn run_ingest(
    config: &NatsConfig,
    options: IngestOptions,
    source: impl Source,
    shutdown: impl std::future::Future<Output = ()> + Send,
) -> Result<IngestSummary, NatsError> {
    let conn = connect(config, "pipes-media-ingest").await?;
    std::fs::create_dir_all(&options.out)?;
    let report = Arc::new(Report::open(&options.out)?.sync_each_append(true));
    info!(lines = report.len(), path = %report.path().display(), "report loaded");
    let awaiting = Arc::new(Awaiting::default());
    let changed = Arc::new(Notify::new());
    let metrics = Arc::new(Metrics::default());

    let (stop_results, results_stop) = watch::channel(false);
    let writer = ResultsWriter {
        report: report.clone(),
        awaiting: awaiting.clone(),
        changed: changed.clone(),
        written: 0,
    };
    let mut results = tokio::spawn(write_report(conn.clone(), writer, results_stop));

    let publisher = Arc::new(Publisher::new(conn, awaiting.clone()));
    let mut intake = Intake::new(source, publisher)
        .report(report)
        .metrics(metrics.clone());
    if let Some(n) = options.max_messages {
        intake = intake.max_messages(n);
    }
    let (stop_intake, intake_stop) = watch::channel(false);
    let mut intake = tokio::spawn(intake.run(intake_stop));
    info!(url = %config.url, stream = %config.events_stream, "ingest running");

    tokio::pin!(shutdown);
    let mut ticker = tokio::time::interval(Duration::from_millis(100));
    let mut intake_done = false;
    let mut fatal: Option<NatsError> = None;
    loop {
        tokio::select! {
            end = &mut intake, if !intake_done => {
                intake_done = true;
                match end {
                    Ok(Ok(IntakeEnd::Stopped)) => break,
                    Ok(Ok(_)) => {} // source finished or max reached: wait for the owed lines
                    Ok(Err(e)) => { fatal = Some(e.into()); break; }
                    Err(e) => { fatal = Some(NatsError::nats("intake task", e)); break; }
                }
            }
            () = &mut shutdown => {
                info!("shutdown requested");
                break;
            }
            done = &mut results => {
                fatal = Some(match done {
                    Ok(Ok(_)) => NatsError::nats("results stream", "ended unexpectedly"),
                    Ok(Err(e)) => e,
                    Err(e) => NatsError::nats("report writer task", e),
                });
                let _ = stop_intake.send(true);
                return Err(fatal.unwrap_or_else(|| NatsError::nats("report writer", "stopped")));
            }
            _ = ticker.tick() => {
                let owed = awaiting.len();
                if intake_done && owed == 0 {
                    break;
                }
                if let Some(idle) = options.idle_exit {
                    if metrics.since_last_event() >= idle && owed == 0 {
                        info!(idle_secs = idle.as_secs_f64(), "nothing arrived for the idle period and every line is written: stopping");
                        break;
                    }
                }
            }
        }
    }
    let _ = stop_intake.send(true);
    if !intake_done {
        let _ = (&mut intake).await;
    }
    let _ = stop_results.send(true);
    let reported = match results.await {
        Ok(Ok(n)) => n,
        Ok(Err(e)) => return Err(fatal.unwrap_or(e)),
        Err(e) => return Err(fatal.unwrap_or_else(|| NatsError::nats("report writer task", e))),
    };
    if let Some(e) = fatal {
        return Err(e);
    }
    let snapshot = metrics.snapshot();
    Ok(IngestSummary {
        published: snapshot.received,
        duplicates: snapshot.duplicates,
        reported,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publisher::Awaiting;

    #[test]
    fn results_are_appended_once_per_id_and_owed_lines_cleared() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("report.jsonl"),
            "{\"messageId\":\"a\",\"x\":1}\n{\"messageId\":\"b\"}\n{\"messageId\":\"c",
        )
        .expect("write");
        let report = Arc::new(Report::open(dir.path()).expect("opens"));
        assert!(report.contains("a") && report.contains("b") && !report.contains("c"));
        let awaiting = Arc::new(Awaiting::default());
        awaiting.insert("c");
        let mut w = ResultsWriter {
            report: report.clone(),
            awaiting: awaiting.clone(),
            changed: Arc::new(Notify::new()),
            written: 0,
        };
        w.append(&[
            ("a".into(), b"{\"messageId\":\"a\"}".to_vec()),
            ("c".into(), b"{\"messageId\":\"c\"}".to_vec()),
            ("c".into(), b"{\"messageId\":\"c\"}".to_vec()),
        ])
        .expect("appends");
        assert_eq!(w.written, 1);
        assert_eq!(awaiting.len(), 0);
        let text = std::fs::read_to_string(dir.path().join("report.jsonl")).expect("read");
        assert_eq!(text.lines().count(), 3, "{text}");
        assert!(text.ends_with("{\"messageId\":\"c\"}\n"));
    }
}
