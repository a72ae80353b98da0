//! [`MediaDir`]: the media of finished messages under an output directory.

use std::path::{Path, PathBuf};

use super::sanitize::{extension_for_mime, media_name, message_dir, path_component};
use super::Finished;
use crate::error::SinkError;
use crate::event::Media;

/// Stores each finished message's blob under an output directory:
///
/// - `media/<message>-<file name>`: the downloaded media, moved there atomically from the work
///   directory (names sanitised and unique per message, see
///   [`sanitize::media_name`](super::sanitize::media_name));
/// - `quarantine/…`: the same, for media a content gate stopped.
///
/// A blob read in place (`--input`) is not moved or copied: its path is the input file's.
#[derive(Debug, Clone)]
pub struct MediaDir {
    root: PathBuf,
}

impl MediaDir {
    /// Media under `root` (created; `media/` and `quarantine/` are created with their first
    /// file, so a run that stores none, such as `--input`, leaves no empty folder), after
    /// removing hidden temporary files a crashed run left in `media/`, `quarantine/` and
    /// `artifacts/`.
    pub fn open(root: impl Into<PathBuf>) -> std::io::Result<Self> {
        let root = root.into();
        std::fs::create_dir_all(&root)?;
        for dir in ["media", "quarantine", "artifacts"] {
            remove_stale_temporaries(&root.join(dir));
        }
        Ok(Self { root })
    }

    /// The output directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The name a message's media gets: `<message>-<file name>`, or `<message>.<ext>` when the
    /// sender gave no file name.
    pub fn media_file_name(finished: &Finished) -> String {
        let message = &finished.envelope.message;
        let media = message.media.as_ref();
        match media.and_then(Media::file_name) {
            Some(name) if !path_component(name, "").is_empty() => {
                media_name(&message.message_id, name)
            }
            _ => {
                let ext = media
                    .and_then(Media::declared_mime)
                    .and_then(extension_for_mime)
                    .unwrap_or("bin");
                format!("{}.{ext}", message_dir(&message.message_id))
            }
        }
    }

    /// Moves a finished message's blob into `media/` (or `quarantine/`) and returns its path
    /// as the report shows it (the input path for files read in place).
    pub fn store(&self, finished: &Finished) -> Result<Option<String>, SinkError> {
        let Some(blob) = &finished.blob else {
            return Ok(None);
        };
        if !blob.is_owned() {
            return Ok(Some(blob.path().to_string_lossy().into_owned()));
        }
        let folder = if finished.quarantine {
            "quarantine"
        } else {
            "media"
        };
        let name = Self::media_file_name(finished);
        let dest = self.root.join(folder).join(&name);
        let what = format!("{folder}/{name}");
        let io = |source| SinkError::Io {
            what: what.clone(),
            source,
        };
        std::fs::create_dir_all(self.root.join(folder)).map_err(io)?;
        std::fs::rename(blob.path(), &dest).map_err(io)?;
        Ok(Some(what))
    }
}

/// Deletes `.name.PID.N.tmp` files under `dir` (atomic writes a crash interrupted).
fn remove_stale_temporaries(dir: &Path) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path);
            } else if name.starts_with('.') && name.ends_with(".tmp") {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}
