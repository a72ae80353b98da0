//! [`Merge`]: several sources as one (a webhook receiver beside the WebSocket).

use async_trait::async_trait;
use std::time::Duration;

use tokio::sync::{mpsc, watch};

use super::{Source, SourceEvent};
use crate::error::SourceError;

/// Several sources read at once, their events in arrival order, behind one intake (so one
/// queue and one dedup by message id stand behind all of them). It ends when every source has
/// ended; the first fatal error of any source ends it at once.
///
/// ```
/// use pipes_media_core::source::{IterSource, Merge, Source};
/// use pipes_media_core::Envelope;
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// let mut both = Merge::new(vec![
///     Box::new(IterSource::new(Vec::<Envelope>::new())) as Box<dyn Source>,
///     Box::new(IterSource::new(Vec::<Envelope>::new())),
/// ]);
/// assert!(both.next().await.unwrap().is_none());
/// # });
/// ```
pub struct Merge {
    events: mpsc::Receiver<Result<SourceEvent, SourceError>>,
    closing: watch::Sender<bool>,
}

/// How long [`Merge::close`] waits for its sources to hand over what they hold.
const CLOSE_WAIT: Duration = Duration::from_secs(10);

impl Merge {
    /// Reads every source in `sources` on a task of its own.
    pub fn new(sources: Vec<Box<dyn Source>>) -> Self {
        let (tx, events) = mpsc::channel(64);
        let (closing, closed) = watch::channel(false);
        for source in sources {
            tokio::spawn(read(source, tx.clone(), closed.clone()));
        }
        Self { events, closing }
    }
}

/// One source's task: its events into `tx` until it ends or fails, or until `closed` turns
/// true (then what the source still holds follows).
async fn read(
    mut source: Box<dyn Source>,
    tx: mpsc::Sender<Result<SourceEvent, SourceError>>,
    mut closed: watch::Receiver<bool>,
) {
    loop {
        let event = tokio::select! {
            biased;
            () = async { let _ = closed.wait_for(|c| *c).await; } => {
                for event in source.close().await {
                    if tx.send(Ok(event)).await.is_err() {
                        return;
                    }
                }
                return;
            }
            event = source.next() => match event {
                Ok(Some(event)) => Ok(event),
                Ok(None) => return,
                Err(e) => Err(e),
            },
        };
        let fatal = event.is_err();
        if tx.send(event).await.is_err() || fatal {
            return;
        }
    }
}

#[async_trait]
impl Source for Merge {
    async fn next(&mut self) -> Result<Option<SourceEvent>, SourceError> {
        match self.events.recv().await {
            Some(Ok(event)) => Ok(Some(event)),
            Some(Err(e)) => Err(e),
            None => Ok(None),
        }
    }

    async fn close(&mut self) -> Vec<SourceEvent> {
        let _ = self.closing.send(true);
        let mut rest = Vec::new();
        let deadline = tokio::time::Instant::now() + CLOSE_WAIT;
        while let Ok(Some(event)) = tokio::time::timeout_at(deadline, self.events.recv()).await {
            match event {
                Ok(event) => rest.push(event),
                Err(error) => tracing::debug!(%error, "a source failed while closing"),
            }
        }
        rest
    }
}
