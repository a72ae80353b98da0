//! The ingest's report writer: report lines from the results stream, and `failed` lines for
//! jobs whose deliveries ran out, into the [`Report`] (fsynced before the results are
//! acknowledged).

use std::sync::Arc;

use async_nats::jetstream::consumer::pull;
use async_nats::HeaderMap;
use futures_util::{FutureExt, StreamExt};
use pipes_media_core::report::Status;
use pipes_media_core::sink::Finished;
use pipes_media_core::{Envelope, ErrorCode, ErrorReport, QueueError, Report, ReportLine};
use serde::{Deserialize, Serialize};
use tokio::sync::{watch, Notify};
use tracing::{debug, warn};

use crate::error::{queue_err, NatsError};
use crate::publisher::Awaiting;
use crate::setup::Connection;

/// The error code of a message whose deliveries ran out without an acknowledgement (its workers
/// died or hung every time).
pub const MAX_DELIVERIES: &str = "MAX_DELIVERIES";

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

/// Writes lines to the report and tells the ingest which owed lines came.
pub(crate) struct ResultsWriter {
    pub(crate) report: Arc<Report>,
    pub(crate) awaiting: Arc<Awaiting>,
    pub(crate) changed: Arc<Notify>,
    pub(crate) written: u64,
}

impl ResultsWriter {
    /// Appends the lines (one write, one fsync), skipping ids the report has.
    pub(crate) fn append(&mut self, lines: &[(String, Vec<u8>)]) -> Result<(), NatsError> {
        let batch: Vec<(&str, &[u8])> = lines
            .iter()
            .map(|(id, line)| (id.as_str(), line.as_slice()))
            .collect();
        self.written += self.report.append_many(&batch)? as u64;
        for (id, _) in lines {
            self.awaiting.remove(id);
        }
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
pub(crate) async fn write_report(
    conn: Connection,
    mut writer: ResultsWriter,
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
                writer.append(&lines)?;
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
    writer: &mut ResultsWriter,
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
        ErrorCode::MaxDeliveries,
        format!("delivered {attempts} times and never acknowledged: its workers died or hung"),
    );
    if !writer.report.contains(envelope.id()) {
        warn!(message_id = %pipes_media_core::log::escape(envelope.id()), attempts, "deliveries exhausted: reporting the message as failed");
        let finished = Finished::without_blob(
            envelope.clone(),
            Status::Failed,
            Some(error.clone()),
            Vec::new(),
            attempts,
        );
        let line = serde_json::to_vec(&ReportLine::of(&finished, None))
            .map_err(|e| NatsError::nats("report line", e))?;
        writer.append(&[(envelope.id().to_owned(), line)])?;
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
