//! Shared setup of the integration tests: fields of corpus manifest entries (the corpus itself is
//! found and read by `pipes_media_testkit::corpus`), and running the stage on a file as the
//! pipeline would.

#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;

use pipes_media_core::{Blob, Item, Message, Stage, StageContext, StageError};
use pipes_media_thumbnail::ThumbnailStage;
use serde_json::{Map, Value};

/// A field of a manifest entry as u64.
pub fn num(entry: &Value, key: &str) -> Option<u64> {
    entry.get(key).and_then(Value::as_u64)
}

/// A field of a manifest entry as a string.
pub fn text<'a>(entry: &'a Value, key: &str) -> &'a str {
    entry.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// An image message declaring `mime`.
pub fn message(mime: &str) -> Message {
    serde_json::from_value(serde_json::json!({
        "messageId": "msg_thumb_1", "conversationId": "conv_1", "poolNumberId": "pool_1",
        "poolNumberPhoneNumber": "+15550001111", "fromNumber": "+447700900123",
        "timestamp": "2025-03-02T08:15:42.120Z", "type": "image", "text": "",
        "media": { "mediaId": "Zx8Qm2LrT0vBn4KcWy7Pa", "downloadUrl": "/v1/media/download/Zx8Qm2LrT0vBn4KcWy7Pa",
          "mimeType": mime, "byteSize": 1 }
    }))
    .expect("valid message")
}

/// The outcome of running the stage on one file.
pub struct Run {
    pub accepted: bool,
    pub result: Result<Map<String, Value>, StageError>,
}

/// Runs `stage` on the file at `path` (declared as `mime`) with output in `out`.
pub async fn run(stage: &ThumbnailStage, path: &Path, mime: &str, out: &Path) -> Run {
    let blob = Blob::read_in_place(path, 200 << 20).expect("blob readable");
    let mut item = Item::new(Arc::new(message(mime)), blob);
    item.facts.set_current_stage("thumbnail");
    let accepted = stage.accepts(&item);
    if !accepted {
        return Run {
            accepted,
            result: Ok(Map::new()),
        };
    }
    let cx = StageContext::new(out, "thumbnail", "msg_thumb_1");
    let result = stage
        .process(&mut item, &cx)
        .await
        .map(|()| item.facts.to_json_for("thumbnail"));
    Run { accepted, result }
}
