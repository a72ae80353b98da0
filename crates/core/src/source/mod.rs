//! Where messages come from: the Pipes.bot WebSocket, a local directory, a test's vector…

use async_trait::async_trait;

use crate::error::SourceError;
use crate::job::Envelope;

/// What a [`Source`] yields.
#[derive(Debug)]
#[non_exhaustive]
pub enum SourceEvent {
    /// A message to process.
    Message(Box<Envelope>),
    /// A message whose sender waits to hear that it is safe: the intake answers through the
    /// [`Ack`] once the queue has it (committed, acknowledged) or could not take it. A webhook
    /// receiver answers `2xx` only then, so a crash before makes Pipes.bot deliver again.
    Acked(Box<Envelope>, Ack),
    /// The source is connected and receiving (for readiness and metrics).
    Connected,
    /// The source lost its connection and is reconnecting (for readiness and metrics; the
    /// idle timer runs on: an unreachable API ends a run with `--idle-exit` too).
    Reconnecting,
}

/// What the intake did with an [`SourceEvent::Acked`] message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Delivered {
    /// The queue has it: processing will follow, and survives a crash with a durable queue.
    Stored,
    /// The id was seen before (a redelivery) or is in the report: nothing more to do.
    Duplicate,
    /// The message was recorded as failed with this reason (the queue refused it).
    Refused(crate::ErrorReport),
    /// The queue failed: the message is not safe; the sender should deliver it again.
    Failed(String),
}

/// The answer channel of an [`SourceEvent::Acked`] message.
#[derive(Debug)]
pub struct Ack(tokio::sync::oneshot::Sender<Delivered>);

impl Ack {
    /// A pair: the `Ack` to send with the message, and the receiver that learns the outcome
    /// (it reads a closed channel, `Err`, when the run stopped before the message was filed).
    pub fn channel() -> (Self, tokio::sync::oneshot::Receiver<Delivered>) {
        let (tx, rx) = tokio::sync::oneshot::channel();
        (Self(tx), rx)
    }

    /// Answers.
    pub fn send(self, outcome: Delivered) {
        let _ = self.0.send(outcome);
    }
}

/// A stream of messages.
///
/// `next` returns `Ok(None)` when the source is finished for good (a directory fully listed),
/// and `Err` for a fatal condition such as a rejected API key; transient trouble (a dropped
/// socket) is the source's own to handle, reporting [`SourceEvent::Reconnecting`] meanwhile.
#[async_trait]
pub trait Source: Send + 'static {
    /// The next event.
    async fn next(&mut self) -> Result<Option<SourceEvent>, SourceError>;

    /// Stops receiving, the polite way, and returns what arrived meanwhile: the intake calls it
    /// when the run stops and files every event it returns, so that nothing a peer already
    /// handed over is lost with the connection. A WebSocket sends its Close and reads until
    /// the server's (frames the server sent before it saw ours); a webhook receiver stops
    /// listening and hands over the deliveries it holds. The default has nothing in hand.
    ///
    /// After `close`, `next` is not called again.
    async fn close(&mut self) -> Vec<SourceEvent> {
        Vec::new()
    }
}

/// A source over a fixed list of envelopes, then finished. Handy in tests and for replays.
///
/// ```
/// use pipes_media_core::{source::{IterSource, Source}, Envelope};
/// # tokio_test_block(async {
/// let mut s = IterSource::new(Vec::<Envelope>::new());
/// assert!(s.next().await.unwrap().is_none());
/// # });
/// # fn tokio_test_block(f: impl std::future::Future<Output = ()>) {
/// #     tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
/// # }
/// ```
pub struct IterSource<I> {
    iter: I,
}

impl<I> IterSource<I>
where
    I: Iterator<Item = Envelope>,
{
    /// A source yielding these envelopes in order.
    pub fn new(iter: impl IntoIterator<IntoIter = I>) -> Self {
        Self {
            iter: iter.into_iter(),
        }
    }
}

#[async_trait]
impl<I> Source for IterSource<I>
where
    I: Iterator<Item = Envelope> + Send + 'static,
{
    async fn next(&mut self) -> Result<Option<SourceEvent>, SourceError> {
        Ok(self.iter.next().map(|e| SourceEvent::Message(Box::new(e))))
    }
}

#[async_trait]
impl Source for Box<dyn Source> {
    async fn next(&mut self) -> Result<Option<SourceEvent>, SourceError> {
        (**self).next().await
    }

    async fn close(&mut self) -> Vec<SourceEvent> {
        (**self).close().await
    }
}

mod merge;

pub use crate::fetch::{mime_for_extension, DirSource};
pub use merge::Merge;
