//! The ingest side: publish received events to the work-queue stream, and write `report.jsonl`
//! from the results stream.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_nats::jetstream::consumer::pull;
use async_nats::jetstream::context::PublishAckFuture;
use async_nats::HeaderMap;
use async_trait::async_trait;
use futures_util::{FutureExt, StreamExt};
use pipes_media_core::queue::{Backoff, Completion, Pushed, Retry};
use pipes_media_core::report::Status;
use pipes_media_core::sink::Finished;
use pipes_media_core::{Envelope, ErrorReport, Job, JobQueue, Pipeline, QueueError, Source};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use tokio::sync::{watch, Notify};
use tracing::{debug, info, warn};

use crate::config::NatsConfig;
use crate::error::{queue_err, NatsError};
use crate::setup::{connect, Connection};

/// The error code of a message whose deliveries ran out without an acknowledgement (its workers
/// died or hung every time).
pub const MAX_DELIVERIES: &str = "MAX_DELIVERIES";

/// Publish attempts of one event before the ingest gives up (and stops: nothing is lost, the
/// source is not acknowledged).
const PUBLISH_ATTEMPTS: u32 = 6;

/// What the ingest knows about the report: which messages have their line, and which were
/// published by this run and wait for one.
#[derive(Default)]
struct Ledger {
    reported: HashSet<String>,
    pending: HashSet<String>,
}

/// The ingest's [`JobQueue`]: `push` publishes to the events stream and returns once JetStream
/// has acknowledged; `pop` hands nothing out (workers are elsewhere) and returns `None` once the
/// queue is closed and every published message has its report line (or at shutdown).
pub struct IngestQueue {
    conn: Connection,
    ledger: Arc<Mutex<Ledger>>,
    changed: Arc<Notify>,
    closed: AtomicBool,
    stopping: AtomicBool,
    published: AtomicU64,
}

impl IngestQueue {
    fn new(conn: Connection, ledger: Arc<Mutex<Ledger>>, changed: Arc<Notify>) -> Self {
        Self {
            conn,
            ledger,
            changed,
            closed: AtomicBool::new(false),
            stopping: AtomicBool::new(false),
            published: AtomicU64::new(0),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Ledger> {
        self.ledger.lock().unwrap_or_else(|p| p.into_inner())
    }

    async fn start_publish(&self, envelope: &Envelope) -> Result<PublishAckFuture, QueueError> {
        let payload = serde_json::to_vec(envelope)?;
        let mut headers = HeaderMap::new();
        headers.insert("Nats-Msg-Id", envelope.id());
        self.conn
            .js
            .publish_with_headers(
                self.conn.config.events_subject.clone(),
                headers,
                payload.into(),
            )
            .await
            .map_err(|e| queue_err("publish", e))
    }

    /// Publishes one event until JetStream acknowledges it; `true` when it was a duplicate.
    async fn publish_one(&self, envelope: &Envelope) -> Result<bool, QueueError> {
        let backoff = Backoff::new(Duration::from_millis(200), Duration::from_secs(5));
        let mut attempt = 0;
        loop {
            let result = match self.start_publish(envelope).await {
                Ok(ack) => ack.await.map_err(|e| queue_err("publish ack", e)),
                Err(e) => Err(e),
            };
            match result {
                Ok(ack) => return Ok(ack.duplicate),
                Err(e) if attempt + 1 < PUBLISH_ATTEMPTS => {
                    let delay = backoff.delay(attempt);
                    warn!(message_id = %envelope.id(), error = %e, delay_ms = delay.as_millis() as u64, "publish not acknowledged, retrying");
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }

    fn record(&self, envelope: &Envelope, duplicate: bool) -> Pushed {
        let id = envelope.id().to_owned();
        let mut ledger = self.lock();
        if ledger.reported.contains(&id) {
            return Pushed::Duplicate;
        }
        let new = ledger.pending.insert(id);
        drop(ledger);
        if duplicate || !new {
            Pushed::Duplicate
        } else {
            self.published.fetch_add(1, Ordering::Relaxed);
            Pushed::Enqueued
        }
    }
}

#[async_trait]
impl JobQueue for IngestQueue {
    async fn push(&self, envelope: Envelope) -> Result<Pushed, QueueError> {
        Ok(self
            .push_batch(vec![envelope])
            .await?
            .pop()
            .unwrap_or(Pushed::Duplicate))
    }

    /// Publishes the whole batch at once and awaits the acknowledgements together.
    async fn push_batch(&self, envelopes: Vec<Envelope>) -> Result<Vec<Pushed>, QueueError> {
        let mut results = vec![Pushed::Duplicate; envelopes.len()];
        let mut acks = Vec::with_capacity(envelopes.len());
        for (n, envelope) in envelopes.iter().enumerate() {
            if self.lock().reported.contains(envelope.id()) {
                debug!(message_id = %envelope.id(), "already in the report: not published again");
                continue;
            }
            acks.push((n, self.start_publish(envelope).await));
        }
        let mut waiting = Vec::with_capacity(acks.len());
        let mut retry = Vec::new();
        for (n, ack) in acks {
            match ack {
                Ok(ack) => waiting.push((n, ack)),
                Err(_) => retry.push(n),
            }
        }
        let outcomes = futures_util::future::join_all(
            waiting
                .into_iter()
                .map(|(n, ack)| async move { (n, ack.await) }),
        )
        .await;
        for (n, outcome) in outcomes {
            match (outcome, envelopes.get(n)) {
                (Ok(ack), Some(envelope)) => {
                    if let Some(slot) = results.get_mut(n) {
                        *slot = self.record(envelope, ack.duplicate);
                    }
                }
                (Err(_), _) => retry.push(n),
                (Ok(_), None) => {}
            }
        }
        for n in retry {
            if let Some(envelope) = envelopes.get(n) {
                let duplicate = self.publish_one(envelope).await?;
                if let Some(slot) = results.get_mut(n) {
                    *slot = self.record(envelope, duplicate);
                }
            }
        }
        Ok(results)
    }

    async fn pop(&self) -> Result<Option<Job>, QueueError> {
        loop {
            let notified = self.changed.notified();
            if self.stopping.load(Ordering::Relaxed) {
                return Ok(None);
            }
            if self.closed.load(Ordering::Relaxed) && self.lock().pending.is_empty() {
                return Ok(None);
            }
            let _ = tokio::time::timeout(Duration::from_millis(200), notified).await;
        }
    }

    async fn complete(&self, _job: Job, _how: Completion) -> Result<(), QueueError> {
        Ok(())
    }

    async fn retry(&self, _job: Job, _error: &ErrorReport) -> Result<Retry, QueueError> {
        Ok(Retry::Exhausted)
    }

    async fn close(&self) {
        self.closed.store(true, Ordering::Relaxed);
        self.changed.notify_waiters();
    }

    async fn shutdown(&self) {
        self.stopping.store(true, Ordering::Relaxed);
        self.changed.notify_waiters();
    }

    fn is_durable(&self) -> bool {
        true
    }

    async fn outstanding(&self) -> Result<usize, QueueError> {
        Ok(self.lock().pending.len())
    }
}

/// A dead letter as published to the dead-letter subject.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeadLetter {
    /// The message id.
    pub message_id: String,
    /// Why it is dead.
    pub error: ErrorReport,
    /// Deliveries it got.
    pub attempts: u32,
    /// The event, to requeue it by hand (`nats` CLI) once the cause is fixed.
    pub envelope: Envelope,
}

/// The max-deliveries advisory, as far as it is read here.
#[derive(Debug, Deserialize)]
struct MaxDeliveries {
    stream_seq: u64,
    #[serde(default)]
    deliveries: u64,
}

/// Writes report lines, once per message id, and fsyncs before the results are acknowledged.
struct ReportWriter {
    file: File,
    ledger: Arc<Mutex<Ledger>>,
    changed: Arc<Notify>,
    written: u64,
}

impl ReportWriter {
    /// Opens `DIR/report.jsonl`, drops a line a crash cut short, and loads the reported ids.
    fn open(
        out: &Path,
        ledger: Arc<Mutex<Ledger>>,
        changed: Arc<Notify>,
    ) -> Result<Self, NatsError> {
        std::fs::create_dir_all(out)?;
        let path = out.join("report.jsonl");
        let text = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(e.into()),
        };
        let keep = text.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
        if keep != text.len() {
            warn!(
                dropped = text.len() - keep,
                "removing a report line cut short by a crash"
            );
            let f = OpenOptions::new().write(true).open(&path)?;
            f.set_len(keep as u64)?;
        }
        let mut ids = HashSet::new();
        for line in text.get(..keep).unwrap_or_default().split(|b| *b == b'\n') {
            if let Some(id) = message_id_of(line) {
                ids.insert(id);
            }
        }
        info!(lines = ids.len(), path = %path.display(), "report loaded");
        ledger.lock().unwrap_or_else(|p| p.into_inner()).reported = ids;
        let file = OpenOptions::new().create(true).append(true).open(&path)?;
        Ok(Self {
            file,
            ledger,
            changed,
            written: 0,
        })
    }

    fn has(&self, id: &str) -> bool {
        self.ledger
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .reported
            .contains(id)
    }

    /// Appends the lines whose id has none yet, then fsyncs.
    fn append(&mut self, lines: Vec<(String, Vec<u8>)>) -> Result<(), NatsError> {
        let mut buf = Vec::new();
        let mut ids = Vec::new();
        {
            let ledger = self.ledger.lock().unwrap_or_else(|p| p.into_inner());
            for (id, line) in lines {
                if ledger.reported.contains(&id) || ids.contains(&id) {
                    debug!(message_id = %id, "result for a message already reported: ignored");
                    continue;
                }
                buf.extend_from_slice(&line);
                buf.push(b'\n');
                ids.push(id);
            }
        }
        if ids.is_empty() {
            return Ok(());
        }
        self.file.write_all(&buf)?;
        self.file.sync_data()?;
        self.written += ids.len() as u64;
        let mut ledger = self.ledger.lock().unwrap_or_else(|p| p.into_inner());
        for id in ids {
            ledger.pending.remove(&id);
            ledger.reported.insert(id);
        }
        drop(ledger);
        self.changed.notify_waiters();
        Ok(())
    }
}

/// The `messageId` of a report line (lines are whole JSON objects).
fn message_id_of(line: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Id {
        #[serde(rename = "messageId")]
        message_id: String,
    }
    serde_json::from_slice::<Id>(line)
        .ok()
        .map(|i| i.message_id)
}

/// Reads the results and the max-deliveries advisories until `stop`.
async fn write_report(
    conn: Connection,
    mut writer: ReportWriter,
    mut stop: watch::Receiver<bool>,
) -> Result<u64, NatsError> {
    let c = &conn.config;
    let results: pull::Stream = conn
        .js
        .get_stream(&c.results_stream)
        .await
        .map_err(|e| NatsError::nats("results stream", e))?
        .get_consumer::<pull::Config>(&c.results_consumer)
        .await
        .map_err(|e| NatsError::nats("results consumer", e))?
        .stream()
        .max_messages_per_batch(500)
        .messages()
        .await
        .map_err(|e| NatsError::nats("results consumer", e))?;
    let advisories: pull::Stream = conn
        .js
        .get_stream(&c.dead_stream)
        .await
        .map_err(|e| NatsError::nats("dead-letter stream", e))?
        .get_consumer::<pull::Config>(&c.dead_consumer)
        .await
        .map_err(|e| NatsError::nats("dead-letter consumer", e))?
        .messages()
        .await
        .map_err(|e| NatsError::nats("dead-letter consumer", e))?;
    tokio::pin!(results);
    tokio::pin!(advisories);
    loop {
        tokio::select! {
            biased;
            () = stopped(&mut stop) => break,
            first = results.next() => {
                let Some(first) = first else { break };
                let mut batch = vec![first];
                while batch.len() < 500 {
                    match results.next().now_or_never() {
                        Some(Some(m)) => batch.push(m),
                        _ => break,
                    }
                }
                let mut lines = Vec::with_capacity(batch.len());
                let mut acks = Vec::with_capacity(batch.len());
                for message in batch {
                    let message = match message {
                        Ok(m) => m,
                        Err(e) => { warn!(error = %e, "results consumer"); continue; }
                    };
                    match message_id_of(&message.payload) {
                        Some(id) if !message.payload.contains(&b'\n') => {
                            lines.push((id, message.payload.to_vec()));
                        }
                        _ => warn!(len = message.payload.len(), "a result that is not a report line: dropped"),
                    }
                    acks.push(message);
                }
                writer.append(lines)?;
                for message in acks {
                    if let Err(e) = message.ack().await {
                        warn!(error = %e, "could not acknowledge a result (it will come again and be ignored)");
                    }
                }
            }
            advisory = advisories.next() => {
                let Some(advisory) = advisory else { break };
                match advisory {
                    Ok(message) => {
                        dead_letter_from_advisory(&conn, &mut writer, &message.payload).await?;
                        if let Err(e) = message.ack().await {
                            warn!(error = %e, "could not acknowledge an advisory");
                        }
                    }
                    Err(e) => warn!(error = %e, "dead-letter consumer"),
                }
            }
        }
    }
    Ok(writer.written)
}

/// Completes once `stop` turns true (or its sender is gone).
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

/// A job ran out of deliveries without an acknowledgement: write its `failed` line (unless it
/// has one), publish it to the dead-letter subject and remove it from the work queue.
async fn dead_letter_from_advisory(
    conn: &Connection,
    writer: &mut ReportWriter,
    payload: &[u8],
) -> Result<(), NatsError> {
    let Ok(advisory) = serde_json::from_slice::<MaxDeliveries>(payload) else {
        warn!("unreadable max-deliveries advisory: ignored");
        return Ok(());
    };
    let c = &conn.config;
    let events = conn
        .js
        .get_stream(&c.events_stream)
        .await
        .map_err(|e| NatsError::nats("events stream", e))?;
    let raw = match events.get_raw_message(advisory.stream_seq).await {
        Ok(raw) => raw,
        Err(e) => {
            debug!(seq = advisory.stream_seq, error = %e, "dead job no longer in the events stream (finished late?)");
            return Ok(());
        }
    };
    let Ok(envelope) = serde_json::from_slice::<Envelope>(&raw.payload) else {
        warn!(
            seq = advisory.stream_seq,
            "dead job is not an event: removed"
        );
        let _ = events.delete_message(advisory.stream_seq).await;
        return Ok(());
    };
    let attempts = u32::try_from(advisory.deliveries).unwrap_or(u32::MAX);
    let error = ErrorReport::new(
        MAX_DELIVERIES,
        format!("delivered {attempts} times and never acknowledged: its workers died or hung"),
    );
    if !writer.has(envelope.id()) {
        warn!(message_id = %envelope.id(), attempts, "deliveries exhausted: reporting the message as failed");
        let finished = Finished {
            envelope: envelope.clone(),
            status: Status::Failed,
            error: Some(error.clone()),
            blob: None,
            stages: Vec::new(),
            artifacts: Vec::new(),
            quarantine: false,
            attempts,
            replaces_report_line: false,
            finished_at: OffsetDateTime::now_utc(),
        };
        let line = pipes_media_core::ReportLine::of(&finished, None)
            .to_json()
            .map_err(|e| NatsError::nats("report line", e))?;
        writer.append(vec![(envelope.id().to_owned(), line.into_bytes())])?;
        let letter = DeadLetter {
            message_id: envelope.id().to_owned(),
            error,
            attempts,
            envelope,
        };
        publish_dead_letter(conn, &letter)
            .await
            .map_err(|e| NatsError::nats("dead letter", e))?;
    }
    let _ = events.delete_message(advisory.stream_seq).await;
    Ok(())
}

/// Publishes a dead letter (with `Nats-Msg-Id: dead-<messageId>`) and awaits its acknowledgement.
pub(crate) async fn publish_dead_letter(
    conn: &Connection,
    letter: &DeadLetter,
) -> Result<(), QueueError> {
    let mut headers = HeaderMap::new();
    headers.insert(
        "Nats-Msg-Id",
        format!("dead-{}", letter.message_id).as_str(),
    );
    let payload = serde_json::to_vec(letter)?;
    conn.js
        .publish_with_headers(conn.config.dead_subject.clone(), headers, payload.into())
        .await
        .map_err(|e| queue_err("dead letter", e))?
        .await
        .map_err(|e| queue_err("dead letter ack", e))?;
    Ok(())
}

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
/// `report.jsonl`. Returns when `shutdown` completes, or per `options`.
pub async fn run_ingest(
    config: &NatsConfig,
    options: IngestOptions,
    source: impl Source,
    shutdown: impl std::future::Future<Output = ()> + Send,
) -> Result<IngestSummary, NatsError> {
    let conn = connect(config, "pipes-media-ingest").await?;
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let changed = Arc::new(Notify::new());
    let writer = ReportWriter::open(&options.out, ledger.clone(), changed.clone())?;
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut report_task = tokio::spawn(write_report(conn.clone(), writer, stop_rx));

    let queue = Arc::new(IngestQueue::new(conn.clone(), ledger, changed));
    let mut builder = Pipeline::builder()
        .out_dir(&options.out)
        .source(source)
        .queue(queue.clone())
        .sink(NoSink)
        .concurrency(1)
        .shutdown_grace(Duration::from_secs(1));
    if let Some(idle) = options.idle_exit {
        builder = builder.idle_exit(idle);
    }
    if let Some(n) = options.max_messages {
        builder = builder.max_messages(n);
    }
    let pipeline = builder.build()?;
    info!(url = %config.url, stream = %config.events_stream, "ingest running");

    // The report writer failing is fatal too: stop the intake then.
    let run = pipeline.run_until(shutdown);
    tokio::pin!(run);
    let (result, report_result) = tokio::select! {
        result = &mut run => {
            let _ = stop_tx.send(true);
            (result, (&mut report_task).await)
        }
        report_result = &mut report_task => {
            queue.shutdown().await;
            (run.await, report_result)
        }
    };
    let reported = match report_result {
        Ok(Ok(n)) => n,
        Ok(Err(e)) => return Err(e),
        Err(e) => return Err(NatsError::Nats(format!("report writer panicked: {e}"))),
    };
    let summary = result?;
    Ok(IngestSummary {
        published: queue.published.load(Ordering::Relaxed),
        duplicates: summary.metrics.duplicates,
        reported,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_is_loaded_and_a_cut_line_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("report.jsonl"),
            "{\"messageId\":\"a\",\"x\":1}\n{\"messageId\":\"b\"}\n{\"messageId\":\"c",
        )
        .expect("write");
        let ledger = Arc::new(Mutex::new(Ledger::default()));
        let mut w =
            ReportWriter::open(dir.path(), ledger.clone(), Arc::new(Notify::new())).expect("opens");
        assert!(w.has("a") && w.has("b") && !w.has("c"));
        w.append(vec![
            ("a".into(), b"{\"messageId\":\"a\"}".to_vec()),
            ("c".into(), b"{\"messageId\":\"c\"}".to_vec()),
            ("c".into(), b"{\"messageId\":\"c\"}".to_vec()),
        ])
        .expect("appends");
        let text = std::fs::read_to_string(dir.path().join("report.jsonl")).expect("read");
        assert_eq!(text.lines().count(), 3, "{text}");
        assert!(text.ends_with("{\"messageId\":\"c\"}\n"));
    }
}

/// The ingest's pipeline hands out no job, so its sink is never called.
struct NoSink;

#[async_trait]
impl pipes_media_core::Sink for NoSink {
    async fn finish(&self, _finished: Finished) -> Result<(), pipes_media_core::SinkError> {
        Ok(())
    }
}
