//! Shared test kit: the ground-truth corpus (when built) and items for stage-level tests.
#![allow(dead_code, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use pipes_media_core::{Blob, Item, Message};
use serde_json::Value;

/// The corpus directory: `$PIPES_MEDIA_CORPUS`, else `<workspace>/target/corpus`; `None` (with a
/// visible SKIP line) when neither has a manifest.
pub fn corpus() -> Option<PathBuf> {
    let from_env = std::env::var_os("PIPES_MEDIA_CORPUS").map(PathBuf::from);
    let fallback = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/corpus");
    let dir = from_env
        .into_iter()
        .chain([fallback])
        .find(|d| d.join("manifest.jsonl").is_file());
    if dir.is_none() {
        eprintln!("SKIP: corpus not found (set PIPES_MEDIA_CORPUS)");
    }
    dir
}

/// Every manifest entry.
pub fn manifest(dir: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(dir.join("manifest.jsonl")).expect("manifest readable");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("manifest line is JSON"))
        .collect()
}

/// Whether the entry is an intact audio or video file (the accuracy set).
pub fn is_media(entry: &Value) -> bool {
    matches!(entry["kind"].as_str(), Some("audio" | "video"))
}

/// Committed fixtures of this crate.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// An audio message whose media is the file at `path`, declared as `mime`.
pub fn item(path: &Path, mime: &str) -> Item {
    let message: Message = serde_json::from_value(serde_json::json!({
        "messageId": "msg_audio_test",
        "conversationId": "conv",
        "poolNumberId": "pool",
        "poolNumberPhoneNumber": "+15550000000",
        "fromNumber": "+447700900000",
        "timestamp": "2025-03-02T08:15:42.120Z",
        "type": "audio",
        "text": "",
        "media": { "mediaId": "media_1", "mimeType": mime, "byteSize": 0 }
    }))
    .expect("message JSON");
    let blob = Blob::read_in_place(path, 1 << 30).expect("blob readable");
    Item::new(Arc::new(message), blob)
}
