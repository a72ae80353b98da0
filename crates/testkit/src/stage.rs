//! [`StageHarness`]: one stage on one file, exactly as the pipeline runs it (facts attributed to
//! the stage, its time limit, caught panics), with the output in a temporary directory of its
//! own.
//!
//! ```
//! use pipes_media_core::stage_fn;
//! use pipes_media_testkit::stage::{StageHarness, TestMessage};
//!
//! # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
//! let harness = StageHarness::new(stage_fn("len", |item, _cx| {
//!     #[derive(serde::Serialize)]
//!     struct Len { bytes: u64 }
//!     impl pipes_media_core::Fact for Len {}
//!     let bytes = item.blob().len();
//!     item.facts.insert(Len { bytes });
//!     Ok(())
//! }));
//! let run = harness.run_bytes(b"hello", TestMessage::document("text/plain")).await;
//! assert!(run.accepted);
//! assert_eq!(run.facts["bytes"], 5);
//! # });
//! ```

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use pipes_media_core::{
    run_stage, Artifact, Blob, Item, Message, Stage, StageContext, StageError, StagePolicy,
};
use serde_json::{json, Map, Value};

/// A message for a test item: its type, declared MIME type, file name and id.
#[derive(Debug, Clone)]
pub struct TestMessage {
    kind: &'static str,
    mime: Option<String>,
    file_name: Option<String>,
    id: String,
    text: String,
}

impl TestMessage {
    /// A message of `kind` (`image`, `audio`, `video`, `document`, `sticker`) declaring `mime`.
    pub fn new(kind: &'static str, mime: &str) -> Self {
        Self {
            kind,
            mime: Some(mime.to_owned()).filter(|m| !m.is_empty()),
            file_name: None,
            id: "msg_test_1".to_owned(),
            text: String::new(),
        }
    }

    /// An `image` message.
    pub fn image(mime: &str) -> Self {
        Self::new("image", mime)
    }

    /// An `audio` message (a voice note or an audio file).
    pub fn audio(mime: &str) -> Self {
        Self::new("audio", mime)
    }

    /// A `video` message.
    pub fn video(mime: &str) -> Self {
        Self::new("video", mime)
    }

    /// A `document` message.
    pub fn document(mime: &str) -> Self {
        Self::new("document", mime)
    }

    /// A `sticker` message.
    pub fn sticker(mime: &str) -> Self {
        Self::new("sticker", mime)
    }

    /// Sets the declared file name.
    pub fn file_name(mut self, name: &str) -> Self {
        self.file_name = Some(name.to_owned());
        self
    }

    /// Sets the message id.
    pub fn id(mut self, id: &str) -> Self {
        self.id = id.to_owned();
        self
    }

    /// Sets the caption.
    pub fn text(mut self, text: &str) -> Self {
        self.text = text.to_owned();
        self
    }

    /// The message as the wire would carry it, with `byte_size` declared.
    pub fn to_message(&self, byte_size: u64) -> Message {
        let mut media = json!({ "mediaId": "Zx8Qm2LrT0vBn4KcWy7Pa", "byteSize": byte_size });
        if let Some(mime) = &self.mime {
            media["mimeType"] = json!(mime);
        }
        if let Some(name) = &self.file_name {
            media["fileName"] = json!(name);
        }
        serde_json::from_value(json!({
            "messageId": self.id, "conversationId": "conv_test", "poolNumberId": "pool_test",
            "poolNumberPhoneNumber": "+15550001111", "fromNumber": "+447700900123",
            "fromName": "Test Sender", "timestamp": "2025-03-02T08:15:42.120Z",
            "type": self.kind, "text": self.text, "body": self.text, "media": media
        }))
        .expect("a test message is valid")
    }
}

/// What one run of the stage did.
#[derive(Debug)]
pub struct StageRun {
    /// Whether [`Stage::accepts`] took the item; when not, nothing ran.
    pub accepted: bool,
    /// The stage's result.
    pub result: Result<(), StageError>,
    /// The facts the stage added, as the report shows them.
    pub facts: Map<String, Value>,
    /// The artifacts the stage recorded.
    pub artifacts: Vec<Artifact>,
    /// The item after the run (its blob may have been replaced).
    pub item: Item,
    /// The output directory of the run.
    pub out_dir: PathBuf,
}

impl StageRun {
    /// The error code, when the stage failed.
    pub fn code(&self) -> Option<String> {
        self.result.as_ref().err().map(|e| e.code().to_string())
    }

    /// Panics with the error unless the stage was accepted and succeeded; returns the facts.
    #[track_caller]
    pub fn ok(&self) -> &Map<String, Value> {
        assert!(self.accepted, "the stage declined the item");
        if let Err(e) = &self.result {
            panic!("the stage failed: {e}");
        }
        &self.facts
    }

    /// The absolute path of an artifact path the report shows.
    pub fn artifact_path(&self, report_path: &str) -> PathBuf {
        self.out_dir.join(report_path)
    }
}

/// Runs one stage on items built from files or bytes. See the [module docs](self).
pub struct StageHarness<S> {
    stage: S,
    policy: StagePolicy,
    dir: tempfile::TempDir,
    runs: AtomicU64,
}

impl<S: Stage> StageHarness<S> {
    /// A harness for `stage` with the default policy (no retry, 120 s limit).
    pub fn new(stage: S) -> Self {
        Self {
            stage,
            policy: StagePolicy::default(),
            dir: tempfile::tempdir().expect("a temporary directory"),
            runs: AtomicU64::new(0),
        }
    }

    /// Sets the policy the stage runs under.
    pub fn policy(mut self, policy: StagePolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Sets the time limit of one run.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.policy = self.policy.timeout(timeout);
        self
    }

    /// The stage.
    pub fn stage(&self) -> &S {
        &self.stage
    }

    /// The directory every run's output directory is under.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// An item whose media is the file at `path` (read in place), for `message`.
    pub fn item_from_file(path: &Path, message: &TestMessage) -> Item {
        let blob = Blob::read_in_place(path, u64::MAX).expect("the test file is readable");
        let message = message.to_message(blob.len());
        Item::new(Arc::new(message), blob)
    }

    /// Runs the stage on the file at `path` (read in place).
    pub async fn run_file(&self, path: &Path, message: TestMessage) -> StageRun {
        let item = Self::item_from_file(path, &message);
        self.run_item(item).await
    }

    /// Runs the stage on `bytes` (written to a file of the harness first).
    pub async fn run_bytes(&self, bytes: &[u8], message: TestMessage) -> StageRun {
        let n = self.runs.fetch_add(1, Ordering::Relaxed);
        let input = self.dir.path().join(format!("input-{n}"));
        std::fs::write(&input, bytes).expect("writing the test input");
        self.run_file(&input, message).await
    }

    /// Runs the stage on `item`, with a fresh output directory.
    pub async fn run_item(&self, mut item: Item) -> StageRun {
        let n = self.runs.fetch_add(1, Ordering::Relaxed);
        let out_dir = self.dir.path().join(format!("out-{n}"));
        std::fs::create_dir_all(&out_dir).expect("creating the output directory");
        let name = self.stage.name();
        item.facts.set_current_stage(name);
        if !self.stage.accepts(&item) {
            return StageRun {
                accepted: false,
                result: Ok(()),
                facts: Map::new(),
                artifacts: Vec::new(),
                item,
                out_dir,
            };
        }
        let cx = StageContext::new(&out_dir, name, &item.message().message_id);
        let result = run_stage(&self.stage, &self.policy, &mut item, &cx).await;
        let facts = item.facts.to_json_for(name);
        StageRun {
            accepted: true,
            result,
            facts,
            artifacts: item.artifacts().to_vec(),
            item,
            out_dir,
        }
    }
}
