//! [`Merge`]: several sources as one (a webhook receiver beside the WebSocket).

use async_trait::async_trait;
use tokio::sync::mpsc;

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
}

impl Merge {
    /// Reads every source in `sources` on a task of its own.
    pub fn new(sources: Vec<Box<dyn Source>>) -> Self {
        let (tx, events) = mpsc::channel(64);
        for mut source in sources {
            let tx = tx.clone();
            tokio::spawn(async move {
                loop {
                    let event = match source.next().await {
                        Ok(Some(event)) => Ok(event),
                        Ok(None) => return,
                        Err(e) => Err(e),
                    };
                    let fatal = event.is_err();
                    if tx.send(event).await.is_err() || fatal {
                        return;
                    }
                }
            });
        }
        Self { events }
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
}
