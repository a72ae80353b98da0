//! [`StageContext`]: what a stage is given besides the item, and [`ArtifactTarget`], where one
//! of its output files goes.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{ErrorCode, StageError};
use crate::item::Artifact;
use crate::sink::sanitize;

/// What a stage is given besides the item: where to write, and how to run blocking work.
///
/// The pipeline makes one per stage run; a test makes its own with [`StageContext::new`] (or
/// lets the test kit's stage harness do it).
#[derive(Clone)]
pub struct StageContext {
    out_dir: Arc<Path>,
    state_dir: Arc<Path>,
    work_dir: Arc<Path>,
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
    /// A context for running `stage` on message `message_id` with output under `out_dir`
    /// (state in `<out_dir>/state`, scratch files in `<out_dir>/.work`).
    pub fn new(out_dir: impl Into<PathBuf>, stage: &'static str, message_id: &str) -> Self {
        let out_dir: PathBuf = out_dir.into();
        let state_dir = out_dir.join("state");
        let work_dir = out_dir.join(".work");
        Self::with_dirs(out_dir, state_dir, work_dir, stage, message_id)
    }

    /// A context with every directory given: the output, the state (per-stage indexes live in
    /// `<state_dir>/<stage>`), and the scratch directory for files that become the item's blob.
    pub fn with_dirs(
        out_dir: impl Into<PathBuf>,
        state_dir: impl Into<PathBuf>,
        work_dir: impl Into<PathBuf>,
        stage: &'static str,
        message_id: &str,
    ) -> Self {
        Self {
            out_dir: Arc::from(out_dir.into().into_boxed_path()),
            state_dir: Arc::from(state_dir.into().into_boxed_path()),
            work_dir: Arc::from(work_dir.into().into_boxed_path()),
            stage,
            message_dir: sanitize::message_dir(message_id),
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

    /// A directory this stage may keep state in across messages and restarts (an index, a
    /// ledger): `<state>/<stage name>`. Not created until the stage creates it.
    pub fn state_dir(&self) -> PathBuf {
        self.state_dir
            .join(sanitize::path_component(self.stage, "stage"))
    }

    /// A scratch path for a file that is to replace the item's blob
    /// ([`Item::replace_blob`](crate::Item::replace_blob)), on the same filesystem as the
    /// output so the sink can rename it into place. Unique per message, stage and `name`; its
    /// directory exists when this returns (created if need be: a run that reads files in place
    /// does not create it at start).
    pub fn scratch_path(&self, name: &str) -> PathBuf {
        if let Err(e) = std::fs::create_dir_all(&self.work_dir) {
            tracing::debug!(dir = %self.work_dir.display(), error = %e, "could not create the work directory");
        }
        self.work_dir.join(format!(
            "{}.{}.{}.scratch",
            self.message_dir,
            self.stage,
            sanitize::path_component(name, "file")
        ))
    }

    /// Runs CPU-heavy or blocking work on the blocking thread pool, off the async runtime.
    /// `work` may fail with any error that converts into [`StageError`] (a plugin's own error
    /// type, `std::io::Error`…). A panic inside `work` becomes a `PANIC` error instead of taking
    /// the process down.
    ///
    /// Note that a blocking task cannot be cancelled: when the stage's timeout fires, the item
    /// moves on but the work runs to its end; stages bound their own work (size, pixel and time
    /// limits) for that reason.
    ///
    /// ```
    /// # use pipes_media_core::{StageContext, StageError};
    /// # async fn f(cx: &StageContext) -> Result<(), StageError> {
    /// let n = cx.blocking(|| std::fs::read("/etc/hostname").map(|b| b.len())).await?;
    /// # let _ = n; Ok(()) }
    /// ```
    pub async fn blocking<T, E, F>(&self, work: F) -> Result<T, StageError>
    where
        T: Send + 'static,
        E: Into<StageError> + Send + 'static,
        F: FnOnce() -> Result<T, E> + Send + 'static,
    {
        match tokio::task::spawn_blocking(work).await {
            Ok(result) => result.map_err(Into::into),
            Err(join) if join.is_panic() => Err(StageError::new(
                ErrorCode::Panic,
                format!(
                    "stage {} panicked: {}",
                    self.stage,
                    super::panic_text(join.into_panic())
                ),
            )),
            Err(join) => Err(StageError::new(ErrorCode::Cancelled, join.to_string())),
        }
    }

    /// Where an artifact named `file_name` of this message goes:
    /// `<out>/artifacts/<message dir>/<file_name>`, the name sanitised.
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

    /// The path relative to the output directory.
    pub fn relative_path(&self) -> &Path {
        &self.rel
    }

    /// The path as the report shows it: relative to the output directory, `/`-separated.
    pub fn report_path(&self) -> String {
        crate::item::report_path(&self.rel)
    }

    /// Writes `bytes` atomically (temporary file, then rename) and returns the artifact to
    /// record with [`Item::add_artifact`](crate::Item::add_artifact); its
    /// [`Artifact::path`] is what the report shows. Blocking: call it inside
    /// [`StageContext::blocking`].
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
            path: self.report_path(),
        })
    }
}
