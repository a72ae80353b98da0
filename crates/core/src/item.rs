//! An [`Item`]: a message whose media is on disk, travelling through the stages.

use std::path::Path;
use std::sync::Arc;

use crate::blob::Blob;
use crate::event::{Media, Message};
use crate::facts::Facts;

/// A file a stage produced (a thumbnail, a text file…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// What it is, e.g. `thumbnail`, `text`.
    pub kind: String,
    /// Where it is, as the report shows it: relative to the output directory, `/`-separated
    /// (`artifacts/msg_1/thumbnail.jpg`). Put it in a fact as it is.
    pub path: String,
}

/// `path` (relative to the output directory) as the report writes paths: `/`-separated.
pub(crate) fn report_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A message with downloaded media, plus what stages learnt about it.
#[derive(Debug)]
pub struct Item {
    message: Arc<Message>,
    blob: Blob,
    /// Facts added by stages so far; read earlier stages' facts by type.
    pub facts: Facts,
    artifacts: Vec<Artifact>,
    replaced: Vec<std::path::PathBuf>,
}

impl Item {
    /// An item for a message whose media is `blob`.
    pub fn new(message: Arc<Message>, blob: Blob) -> Self {
        Self {
            message,
            blob,
            facts: Facts::default(),
            artifacts: Vec::new(),
            replaced: Vec::new(),
        }
    }

    /// The message as received.
    pub fn message(&self) -> &Message {
        &self.message
    }

    /// A shared handle to the message (cheap to move into blocking work).
    pub fn message_arc(&self) -> Arc<Message> {
        self.message.clone()
    }

    /// The media on disk.
    pub fn blob(&self) -> &Blob {
        &self.blob
    }

    /// The MIME type the sender declared, without parameters and lower-cased
    /// (`"audio/ogg; codecs=opus"` gives `"audio/ogg"`). A hint, never the truth.
    pub fn declared_mime(&self) -> Option<String> {
        self.message
            .media
            .as_ref()
            .and_then(Media::declared_mime)
            .map(|m| {
                m.split(';')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_ascii_lowercase()
            })
            .filter(|m| !m.is_empty())
    }

    /// The best known type: the `mime` stage's sniffed type when it ran and recognised the bytes,
    /// otherwise the declared type. Stages that must be sure sniff the head themselves.
    pub fn content_type(&self) -> Option<String> {
        self.facts
            .get::<crate::facts::MimeFacts>()
            .and_then(|m| m.sniffed_mime.clone())
            .or_else(|| self.declared_mime())
    }

    /// The type the `mime` stage sniffed from the bytes, when it ran and recognised them. Unlike
    /// [`content_type`](Self::content_type) it never falls back to the declared type, so a stage
    /// can decline what the bytes show it is not (an audio stage declines a sniffed `image/`)
    /// without trusting the sender's label.
    pub fn sniffed_mime(&self) -> Option<&str> {
        self.facts
            .get::<crate::facts::MimeFacts>()
            .and_then(|m| m.sniffed_mime.as_deref())
    }

    /// Whether the `mime` stage sniffed a type of this top-level family (`"image"`,
    /// `"audio"`, …); `false` when it did not run or did not recognise the bytes.
    pub fn sniffed_as(&self, family: &str) -> bool {
        self.sniffed_mime().is_some_and(|m| {
            m.split_once('/')
                .is_some_and(|(top, _)| top.eq_ignore_ascii_case(family))
        })
    }

    /// The declared MIME type exactly as it came, parameters included.
    pub fn declared_mime_raw(&self) -> Option<&str> {
        self.message.media.as_ref().and_then(Media::declared_mime)
    }

    /// The declared file name (untrusted: never use it as a path).
    pub fn file_name(&self) -> Option<&str> {
        self.message.media.as_ref().and_then(Media::file_name)
    }

    /// Records a file a stage produced.
    pub fn add_artifact(&mut self, artifact: Artifact) {
        self.artifacts.push(artifact);
    }

    /// The files stages produced.
    pub fn artifacts(&self) -> &[Artifact] {
        &self.artifacts
    }

    /// Replaces the media with `blob` (a file the stage wrote, for example the photo with its
    /// location metadata removed, usually at [`StageContext::scratch_path`]); later stages read
    /// the new blob, and the sink stores it (the report's `blob` describes it). Returns the
    /// blob it replaces: the pipeline removes that file when it was a download, never when it was
    /// read in place.
    ///
    /// [`StageContext::scratch_path`]: crate::StageContext::scratch_path
    pub fn replace_blob(&mut self, blob: Blob) -> Blob {
        let old = std::mem::replace(&mut self.blob, blob);
        if old.is_owned() {
            self.replaced.push(old.path().to_owned());
        }
        old
    }

    /// Temporary files of blobs replaced during the stages, for the pipeline to remove.
    pub(crate) fn take_replaced(&mut self) -> Vec<std::path::PathBuf> {
        std::mem::take(&mut self.replaced)
    }

    pub(crate) fn into_parts(self) -> (Blob, Facts, Vec<Artifact>) {
        (self.blob, self.facts, self.artifacts)
    }
}
