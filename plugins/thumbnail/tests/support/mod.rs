//! Fields of corpus and long-tail manifest entries (the corpus itself is found and read by
//! `pipes_media_testkit::corpus`; stages are run by its `StageHarness`).

#![allow(dead_code)]

use serde_json::Value;

/// A field of a manifest entry as u64.
pub fn num(entry: &Value, key: &str) -> Option<u64> {
    entry.get(key).and_then(Value::as_u64)
}

/// A field of a manifest entry as a string.
pub fn text<'a>(entry: &'a Value, key: &str) -> &'a str {
    entry.get(key).and_then(Value::as_str).unwrap_or_default()
}
