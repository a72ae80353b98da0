//! The [`Stage`] trait: one step of work on an item, and everything a stage is given.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;

use crate::error::StageError;
use crate::item::{Artifact, Item};
use crate::sink::sanitize;

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

/// What a stage is given besides the item: where to write, and how to run blocking work.
#[derive(Clone)]
pub struct StageContext {
    out_dir: Arc<Path>,
    stage: &'static str,
    message_dir: String,
}

impl fmt::Debug for StageContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StageContext")
            .field("stage", &self.stage)
            .field("message_dir", &self.message_dir)
            .finish()
    }
}

impl StageContext {
    /// A context for running `stage` on message `message_id` with output under `out_dir`.
    /// The pipeline makes these; tests of a stage can too.
    pub fn new(out_dir: impl Into<PathBuf>, stage: &'static str, message_id: &str) -> Self {
        Self {
            out_dir: Arc::from(out_dir.into().into_boxed_path()),
            stage,
            message_dir: sanitize::path_component(message_id, "message"),
        }
    }

    /// The stage this context is for.
    pub fn stage(&self) -> &'static str {
        self.stage
    }

    /// The run's output directory.
    pub fn out_dir(&self) -> &Path {
        &self.out_dir
    }

    /// Runs CPU-heavy or blocking work on the blocking thread pool, off the async runtime.
    /// A panic inside `work` becomes a `PANIC` error instead of taking the process down.
    ///
    /// Note that a blocking task cannot be cancelled: when the stage's timeout fires, the item
    /// moves on but the work runs to its end; stages bound their own work (size, pixel and time
    /// limits) for that reason.
    pub async fn blocking<T, F>(&self, work: F) -> Result<T, StageError>
    where
        T: Send + 'static,
        F: FnOnce() -> Result<T, StageError> + Send + 'static,
    {
        match tokio::task::spawn_blocking(work).await {
            Ok(result) => result,
            Err(join) if join.is_panic() => Err(StageError::new(
                "PANIC",
                format!(
                    "stage {} panicked: {}",
                    self.stage,
                    panic_text(join.into_panic())
                ),
            )),
            Err(join) => Err(StageError::new("CANCELLED", join.to_string())),
        }
    }

    /// Where an artifact named `file_name` of this message goes:
    /// `<out>/artifacts/<message id>/<file_name>`, the name sanitised.
    pub fn artifact(&self, kind: &str, file_name: &str) -> ArtifactTarget {
        let rel = Path::new("artifacts")
            .join(&self.message_dir)
            .join(sanitize::path_component(file_name, kind));
        ArtifactTarget {
            abs: self.out_dir.join(&rel),
            rel,
            kind: kind.to_owned(),
        }
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

/// Where one artifact goes; write it with [`ArtifactTarget::write`] (atomically).
#[derive(Debug, Clone)]
pub struct ArtifactTarget {
    abs: PathBuf,
    rel: PathBuf,
    kind: String,
}

impl ArtifactTarget {
    /// The absolute path.
    pub fn path(&self) -> &Path {
        &self.abs
    }

    /// The path relative to the output directory (what the report shows).
    pub fn relative_path(&self) -> &Path {
        &self.rel
    }

    /// Writes `bytes` atomically (temporary file, fsync-free rename) and returns the artifact to
    /// record with [`Item::add_artifact`]. Blocking: call it inside [`StageContext::blocking`].
    pub fn write(&self, bytes: &[u8]) -> std::io::Result<Artifact> {
        self.write_with(|file| file.write_all(bytes))
    }

    /// Like [`ArtifactTarget::write`], streaming through `fill`.
    pub fn write_with(
        &self,
        fill: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
    ) -> std::io::Result<Artifact> {
        let dir = self.abs.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let tmp = crate::sink::temp_sibling(&self.abs);
        let result = (|| {
            let mut file = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
            fill(&mut file)?;
            file.flush()?;
            drop(file);
            std::fs::rename(&tmp, &self.abs)
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        Ok(Artifact {
            kind: self.kind.clone(),
            path: self.rel.clone(),
        })
    }
}

/// A stage from a name and a synchronous closure: the quickest way to a one-off stage.
///
/// The closure runs inline on the async runtime, so keep it light (counting, tagging,
/// validating); implement [`Stage`] and use [`StageContext::blocking`] for heavy work.
///
/// ```
/// use pipes_media_core::{stage_fn, Fact, Stage};
/// use serde::Serialize;
///
/// #[derive(Serialize)]
/// struct Big { big: bool }
/// impl Fact for Big {}
///
/// let stage = stage_fn("big", |item, _cx| {
///     let big = item.blob().len() > 1_000_000;
///     item.facts.insert(Big { big });
///     Ok(())
/// })
/// .when(|item| item.declared_mime().is_some());
/// assert_eq!(stage.name(), "big");
/// ```
pub fn stage_fn<F>(name: &'static str, f: F) -> StageFn<F>
where
    F: Fn(&mut Item, &StageContext) -> Result<(), StageError> + Send + Sync + 'static,
{
    StageFn {
        name,
        f,
        accepts: None,
    }
}

type Predicate = Box<dyn Fn(&Item) -> bool + Send + Sync>;

/// A [`Stage`] made by [`stage_fn`].
pub struct StageFn<F> {
    name: &'static str,
    f: F,
    accepts: Option<Predicate>,
}

impl<F> StageFn<F> {
    /// Only run the stage on items for which `predicate` is true.
    pub fn when(mut self, predicate: impl Fn(&Item) -> bool + Send + Sync + 'static) -> Self {
        self.accepts = Some(Box::new(predicate));
        self
    }
}

#[async_trait]
impl<F> Stage for StageFn<F>
where
    F: Fn(&mut Item, &StageContext) -> Result<(), StageError> + Send + Sync + 'static,
{
    fn name(&self) -> &'static str {
        self.name
    }
    fn accepts(&self, item: &Item) -> bool {
        self.accepts.as_ref().is_none_or(|p| p(item))
    }
    async fn process(&self, item: &mut Item, cx: &StageContext) -> Result<(), StageError> {
        (self.f)(item, cx)
    }
}
