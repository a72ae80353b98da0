//! [`Intake`]: the first half of the runtime: a [`Source`] into an [`Enqueue`].
//!
//! It reads events from the source, takes whatever else is ready at once into one batch (so a
//! burst costs a durable queue one fsync), drops ids the report already has (a redelivery
//! after the job store was lost is not processed twice), hands the batch to the queue, and
//! records a `failed` line for any message the queue refuses (so one odd message cannot take its
//! batch down with it). It stops when the source ends, after `max_messages`, or when told.

use std::sync::Arc;

use futures_util::FutureExt;
use tokio::sync::watch;
use tracing::{debug, warn};

use crate::error::{ErrorReport, PipelineError};
use crate::job::Envelope;
use crate::metrics::Metrics;
use crate::queue::{Enqueue, Pushed};
use crate::report::{Report, ReportLine, Status};
use crate::sink::Finished;
use crate::source::{Ack, Delivered, Source, SourceEvent};

/// Most events handed to the queue in one batch (one transaction for a durable queue).
pub const MAX_BATCH: usize = 256;

/// Why an [`Intake`] stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum IntakeEnd {
    /// The source finished (every input file was listed).
    SourceFinished,
    /// `max_messages` new messages were enqueued.
    MaxMessages,
    /// It was told to stop.
    Stopped,
}

/// Source → queue. See the [module docs](self).
pub struct Intake {
    source: Box<dyn Source>,
    queue: Arc<dyn Enqueue>,
    report: Option<Arc<Report>>,
    max_messages: Option<u64>,
    metrics: Arc<Metrics>,
}

impl Intake {
    /// An intake from `source` into `queue`.
    pub fn new(source: impl Source, queue: Arc<dyn Enqueue>) -> Self {
        Self {
            source: Box::new(source),
            queue,
            report: None,
            max_messages: None,
            metrics: Arc::new(Metrics::default()),
        }
    }

    /// The run's report: ids it has are duplicates, and refused messages get their `failed`
    /// line there.
    pub fn report(mut self, report: Arc<Report>) -> Self {
        self.report = Some(report);
        self
    }

    /// Stop after `n` new messages.
    pub fn max_messages(mut self, n: u64) -> Self {
        self.max_messages = Some(n);
        self
    }

    /// Counters to update (shared with the workers and a progress display).
    pub fn metrics(mut self, metrics: Arc<Metrics>) -> Self {
        self.metrics = metrics;
        self
    }

    /// Runs until the source ends, `max_messages` is reached, or `stop` turns true (then the
    /// source is closed and what it still held is filed).
    pub async fn run(self, mut stop: watch::Receiver<bool>) -> Result<IntakeEnd, PipelineError> {
        let Self {
            mut source,
            queue,
            report,
            max_messages,
            metrics,
        } = self;
        let filer = Filer {
            queue,
            report,
            metrics,
        };
        loop {
            let accepted = filer.metrics.snapshot().received;
            let room = match max_messages {
                Some(max) if accepted >= max => return Ok(IntakeEnd::MaxMessages),
                Some(max) => usize::try_from(max - accepted)
                    .unwrap_or(MAX_BATCH)
                    .min(MAX_BATCH),
                None => MAX_BATCH,
            };
            let first = tokio::select! {
                biased;
                () = async { let _ = stop.wait_for(|stop| *stop).await; } => None,
                event = source.next() => Some(event?),
            };
            let Some(first) = first else {
                filer.file_the_rest(source.close().await).await?;
                return Ok(IntakeEnd::Stopped);
            };
            let mut batch = Batch::default();
            let mut ended = !filer.absorb(first, &mut batch);
            while !ended && batch.envelopes.len() < room {
                match source.next().now_or_never() {
                    Some(Ok(event)) => ended = !filer.absorb(event, &mut batch),
                    Some(Err(error)) => {
                        filer.push(batch).await?;
                        return Err(error.into());
                    }
                    None => break,
                }
            }
            filer.push(batch).await?;
            if ended {
                return Ok(IntakeEnd::SourceFinished);
            }
        }
    }
}

/// Envelopes to hand to the queue together, with the answer channels of those that want one.
#[derive(Default)]
struct Batch {
    envelopes: Vec<Envelope>,
    acks: Vec<Option<Ack>>,
}

/// The part of the intake that files events: the queue, the report and the counters.
struct Filer {
    queue: Arc<dyn Enqueue>,
    report: Option<Arc<Report>>,
    metrics: Arc<Metrics>,
}

impl Filer {
    /// Files one source event; `false` when the source is finished.
    fn absorb(&self, event: Option<SourceEvent>, batch: &mut Batch) -> bool {
        let (envelope, ack) = match event {
            None => return false,
            Some(SourceEvent::Connected) => {
                self.metrics.set_connected(true);
                return true;
            }
            Some(SourceEvent::Reconnecting) => {
                self.metrics.set_connected(false);
                return true;
            }
            Some(SourceEvent::Message(envelope)) => (envelope, None),
            Some(SourceEvent::Acked(envelope, ack)) => (envelope, Some(ack)),
        };
        self.metrics.touch();
        let reported = self
            .report
            .as_ref()
            .is_some_and(|r| r.contains(envelope.id()));
        if reported {
            self.metrics.add_duplicate();
            debug!(message_id = %crate::log::escape(envelope.id()), "already in the report: ignored");
            if let Some(ack) = ack {
                ack.send(Delivered::Duplicate);
            }
        } else {
            batch.envelopes.push(*envelope);
            batch.acks.push(ack);
        }
        true
    }

    /// Files what the source handed over as it closed, in batches.
    async fn file_the_rest(&self, rest: Vec<SourceEvent>) -> Result<(), PipelineError> {
        let mut batch = Batch::default();
        for event in rest {
            self.absorb(Some(event), &mut batch);
            if batch.envelopes.len() >= MAX_BATCH {
                self.push(std::mem::take(&mut batch)).await?;
            }
        }
        self.push(batch).await
    }

    async fn push(&self, batch: Batch) -> Result<(), PipelineError> {
        let Batch { envelopes, acks } = batch;
        if envelopes.is_empty() {
            return Ok(());
        }
        let kept = envelopes.clone();
        let results = match self.queue.enqueue(envelopes).await {
            Ok(results) => results,
            Err(e) => {
                for ack in acks.into_iter().flatten() {
                    ack.send(Delivered::Failed(e.to_string()));
                }
                return Err(e.into());
            }
        };
        for ((envelope, pushed), ack) in kept.into_iter().zip(results).zip(acks) {
            let id = crate::log::escape(envelope.id()).into_owned();
            let delivered = match pushed {
                Pushed::Enqueued => {
                    self.metrics.add_received();
                    debug!(message_id = %id, "queued");
                    Delivered::Stored
                }
                Pushed::Duplicate => {
                    self.metrics.add_duplicate();
                    debug!(message_id = %id, "duplicate delivery ignored");
                    Delivered::Duplicate
                }
                Pushed::Refused(error) => {
                    self.metrics.add_received();
                    warn!(message_id = %id, code = %error.code, error = %crate::log::escape(&error.message), "message refused by the queue: reporting it as failed");
                    self.record_refused(envelope, error.clone())?;
                    Delivered::Refused(error)
                }
            };
            if let Some(ack) = ack {
                ack.send(delivered);
            }
        }
        Ok(())
    }

    fn record_refused(&self, envelope: Envelope, error: ErrorReport) -> Result<(), PipelineError> {
        let Some(report) = &self.report else {
            return Ok(());
        };
        let finished = Finished::without_blob(envelope, Status::Failed, Some(error), Vec::new(), 0);
        report.append(&ReportLine::of(&finished, None))?;
        self.metrics.add_finished(true);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::queue::MemoryQueue;
    use crate::source::{Ack, IterSource, Merge};

    fn envelope(id: &str) -> Envelope {
        let frame =
            format!(r#"{{"type":"whatsapp_message","data":{{"messageId":"{id}","type":"text"}}}}"#);
        match crate::event::ServerEvent::from_json(&frame) {
            Ok(crate::event::ServerEvent::Message(m)) => Envelope::new(m),
            other => panic!("{other:?}"),
        }
    }

    /// A source of acknowledged deliveries, as a webhook receiver makes them.
    struct Acked(Vec<(Envelope, Ack)>);

    #[async_trait::async_trait]
    impl Source for Acked {
        async fn next(&mut self) -> Result<Option<SourceEvent>, crate::SourceError> {
            Ok(self
                .0
                .pop()
                .map(|(e, a)| SourceEvent::Acked(Box::new(e), a)))
        }
    }

    #[tokio::test]
    async fn acked_deliveries_hear_once_the_queue_has_them() {
        let dir = tempfile::tempdir().expect("tempdir");
        let report = Arc::new(Report::open(dir.path()).expect("report"));
        report
            .append_json("done", br#"{"messageId":"done"}"#)
            .expect("append");
        let queue = Arc::new(MemoryQueue::new(8));
        let (a, a_rx) = Ack::channel();
        let (b, b_rx) = Ack::channel();
        let (c, c_rx) = Ack::channel();
        let acked = Acked(vec![
            (envelope("done"), c),
            (envelope("x"), b),
            (envelope("x"), a),
        ]);
        let plain = IterSource::new(vec![envelope("y")]);
        let source = Merge::new(vec![Box::new(acked), Box::new(plain)]);
        let (_stop_tx, stop) = watch::channel(false);
        let end = Intake::new(source, queue.clone())
            .report(report)
            .run(stop)
            .await
            .expect("runs");
        assert_eq!(end, IntakeEnd::SourceFinished);
        assert_eq!(a_rx.await.expect("answer"), Delivered::Stored);
        assert_eq!(b_rx.await.expect("answer"), Delivered::Duplicate);
        assert_eq!(
            c_rx.await.expect("answer"),
            Delivered::Duplicate,
            "already in the report"
        );
        assert_eq!(crate::queue::Dequeue::waiting(&*queue), 2);
    }
}
