//! The [`Stage`] trait: one step of work on an item, and everything a stage is given.

mod context;
mod function;
mod run;

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;

pub use context::{ArtifactTarget, StageContext};
pub use function::{stage_fn, StageFn};
pub use run::run_stage;

use crate::error::StageError;
use crate::item::Item;

/// One step of work on an item: sniff, thumbnail, measure, extract…
///
/// Implement `name` and `process`; `accepts` defaults to every item. A stage:
///
/// - **reads** the blob (`item.blob()`: its head in memory, the file on disk) and earlier stages'
///   facts (`item.facts.get::<T>()`);
/// - **adds** facts with `item.facts.insert(..)` (they appear under this stage's name in the
///   report) and files with [`StageContext::artifact`] + [`Item::add_artifact`];
/// - **runs CPU-heavy work through [`StageContext::blocking`]**, never directly on the async
///   runtime;
/// - **returns `Err`** to fail the item for this stage. The stage's [`StagePolicy`] decides what
///   follows (continue, stop the item, retry); the message is reported `failed` with the error
///   either way. Facts inserted before the error are kept.
///
/// A stage is shared by all workers (`&self`), so keep per-item state on the stack.
///
/// # Example
///
/// ```
/// use pipes_media_core::{Fact, Item, Stage, StageContext, StageError};
/// use serde::Serialize;
///
/// /// Counts the caption's words.
/// struct CaptionWords;
///
/// #[derive(Serialize)]
/// #[serde(rename_all = "camelCase")]
/// struct CaptionWordCount { caption_words: usize }
/// impl Fact for CaptionWordCount {}
///
/// #[async_trait::async_trait]
/// impl Stage for CaptionWords {
///     fn name(&self) -> &'static str { "caption_words" }
///
///     async fn process(&self, item: &mut Item, _cx: &StageContext) -> Result<(), StageError> {
///         let caption_words = item.message().text.split_whitespace().count();
///         item.facts.insert(CaptionWordCount { caption_words });
///         Ok(())
///     }
/// }
/// ```
#[async_trait]
pub trait Stage: Send + Sync + 'static {
    /// Stable name, used in the report, tracing and `--stages`.
    fn name(&self) -> &'static str;

    /// Whether this stage wants the item. Items it declines are reported `skipped` for it.
    fn accepts(&self, item: &Item) -> bool {
        let _ = item;
        true
    }

    /// Does the work on one item.
    async fn process(&self, item: &mut Item, cx: &StageContext) -> Result<(), StageError>;
}

#[async_trait]
impl<S: Stage + ?Sized> Stage for Box<S> {
    fn name(&self) -> &'static str {
        (**self).name()
    }
    fn accepts(&self, item: &Item) -> bool {
        (**self).accepts(item)
    }
    async fn process(&self, item: &mut Item, cx: &StageContext) -> Result<(), StageError> {
        (**self).process(item, cx).await
    }
}

#[async_trait]
impl<S: Stage + ?Sized> Stage for Arc<S> {
    fn name(&self) -> &'static str {
        (**self).name()
    }
    fn accepts(&self, item: &Item) -> bool {
        (**self).accepts(item)
    }
    async fn process(&self, item: &mut Item, cx: &StageContext) -> Result<(), StageError> {
        (**self).process(item, cx).await
    }
}

/// What to do with the item when a stage fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum OnError {
    /// Record the failure and run the later stages (the message is still reported `failed`).
    #[default]
    Continue,
    /// Record the failure and run no later stage.
    StopItem,
}

/// A stage's error policy and time limit.
///
/// ```
/// use pipes_media_core::{OnError, StagePolicy};
/// use std::time::Duration;
/// let policy = StagePolicy::default().on_error(OnError::StopItem).retries(2).timeout(Duration::from_secs(5));
/// assert_eq!(policy.retries, 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StagePolicy {
    /// What a failure does to the item.
    pub on_error: OnError,
    /// How many times a failed (or timed-out) stage is run again before the failure counts.
    pub retries: u32,
    /// How long one run of the stage may take; past it the run fails with `TIMEOUT`.
    pub timeout: Duration,
}

impl Default for StagePolicy {
    fn default() -> Self {
        Self {
            on_error: OnError::Continue,
            retries: 0,
            timeout: Duration::from_secs(120),
        }
    }
}

impl StagePolicy {
    /// Sets what a failure does to the item.
    pub fn on_error(mut self, on_error: OnError) -> Self {
        self.on_error = on_error;
        self
    }

    /// Sets how many retries a failing stage gets.
    pub fn retries(mut self, retries: u32) -> Self {
        self.retries = retries;
        self
    }

    /// Sets the time limit of one run.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}

pub(crate) fn panic_text(payload: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "non-string panic payload".to_owned()
    }
}
