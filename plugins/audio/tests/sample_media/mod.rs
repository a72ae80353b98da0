//! Shared test kit: which corpus entries are media, fixtures, and items for stage-level tests.
//! The corpus itself is found and read by `pipes_media_testkit::corpus`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use pipes_media_core::{Blob, Item, Message};
use serde_json::Value;

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
