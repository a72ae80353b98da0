//! A report line as the page shows it: the few fields of one card, checked and cut to size.
//!
//! Everything in a report line may come from the wire (file names, senders, error messages,
//! excerpts), so this module never trusts it: text is cut to a bounded length (the page puts it
//! in with `textContent`, never as HTML), paths become URLs only when they are relative, stay
//! inside the output directory and are percent-encoded segment by segment.

use serde_json::{Map, Value};

/// Longest text kept of a file name, sender, error message, title.
const MAX_TEXT: usize = 200;
/// Longest PDF excerpt kept.
const MAX_EXCERPT: usize = 280;
/// Most waveform points kept.
const MAX_WAVE: usize = 256;

/// The card of one report line, as compact JSON (short keys: at 10 000 messages the data file
/// stays a few MiB), or `None` when the line is not a report line.
pub(crate) fn entry_json(line: &[u8]) -> Option<String> {
    let value: Value = serde_json::from_slice(line).ok()?;
    let line = value.as_object()?;
    let id = line.get("messageId")?.as_str()?;
    let mut e = Map::new();
    e.insert("id".into(), text(id, MAX_TEXT));
    put_text(&mut e, "t", line.get("type"));
    put_text(&mut e, "s", line.get("status"));
    put_text(&mut e, "at", line.get("finishedAt"));
    put_text(&mut e, "from", line.get("fromNumber"));
    put_text(&mut e, "name", line.get("fromName"));
    if let Some(media) = line.get("media").and_then(Value::as_object) {
        put_text(&mut e, "file", media.get("fileName"));
        put_text(&mut e, "mime", media.get("declaredMime"));
        put_num(&mut e, "size", media.get("byteSize"));
    }
    if let Some(blob) = line.get("blob").and_then(Value::as_object) {
        put_num(&mut e, "size", blob.get("size"));
        if let Some(url) = blob.get("path").and_then(Value::as_str).and_then(blob_url) {
            e.insert("blob".into(), Value::String(url));
        }
    }
    if let Some(error) = line.get("error").and_then(Value::as_object) {
        e.insert(
            "err".into(),
            Value::Array(vec![
                text_or_empty(error.get("code"), 64),
                text_or_empty(error.get("message"), MAX_TEXT),
            ]),
        );
    }
    if let Some(stages) = line.get("stages").and_then(Value::as_object) {
        stage_fields(&mut e, stages);
    }
    serde_json::to_string(&Value::Object(e)).ok()
}

/// What the cards show of each stage's facts, and which stages failed.
fn stage_fields(e: &mut Map<String, Value>, stages: &Map<String, Value>) {
    let facts = |stage: &str| {
        stages
            .get(stage)
            .and_then(|s| s.get("facts"))
            .and_then(Value::as_object)
    };
    if let Some(f) = facts("thumbnail") {
        if let Some(url) = f.get("path").and_then(Value::as_str).and_then(relative_url) {
            e.insert("thumb".into(), Value::String(url));
            put_num(e, "tw", f.get("width"));
            put_num(e, "th", f.get("height"));
            put_text(e, "src", f.get("source"));
        }
    }
    if let Some(f) = facts("mime") {
        put_text(e, "verdict", f.get("verdict"));
        put_text(e, "sniffed", f.get("sniffedMime"));
        if f.get("dangerous").and_then(Value::as_bool) == Some(true) {
            e.insert("danger".into(), Value::Bool(true));
        }
    }
    if let Some(f) = facts("audio") {
        put_num(e, "dur", f.get("durationMs"));
        put_num(e, "vw", f.get("width"));
        put_num(e, "vh", f.get("height"));
    }
    if let Some(f) = facts("waveform") {
        if let Some(points) = f.get("waveform").and_then(Value::as_array) {
            let wave: Vec<Value> = points
                .iter()
                .take(MAX_WAVE)
                .map(|p| Value::from(p.as_f64().unwrap_or(0.0).clamp(0.0, 100.0).round() as u8))
                .collect();
            if !wave.is_empty() {
                e.insert("wave".into(), Value::Array(wave));
            }
        }
        if !e.contains_key("dur") {
            put_num(e, "dur", f.get("decodedDurationMs"));
        }
    }
    if let Some(f) = facts("pdf") {
        put_num(e, "pages", f.get("pages"));
        put_text(e, "title", f.get("title"));
        if let Some(excerpt) = f.get("excerpt").and_then(Value::as_str) {
            let excerpt = excerpt.split_whitespace().collect::<Vec<_>>().join(" ");
            e.insert("excerpt".into(), text(&excerpt, MAX_EXCERPT));
        }
        if f.get("encrypted").and_then(Value::as_bool) == Some(true) {
            e.insert("enc".into(), Value::Bool(true));
        }
    }
    if let Some(f) = facts("transcribe") {
        if let Some(t) = f.get("text").and_then(Value::as_str) {
            e.insert("said".into(), text(t, MAX_EXCERPT));
        }
    }
    let failed: Vec<Value> = stages
        .iter()
        .filter(|(_, s)| s.get("status").and_then(Value::as_str) == Some("failed"))
        .take(16)
        .map(|(name, s)| {
            let code = s.get("error").and_then(|e| e.get("code"));
            Value::Array(vec![text(name, 64), text_or_empty(code, 64)])
        })
        .collect();
    if !failed.is_empty() {
        e.insert("fails".into(), Value::Array(failed));
    }
}

fn put_text(e: &mut Map<String, Value>, key: &str, value: Option<&Value>) {
    if let Some(s) = value.and_then(Value::as_str).filter(|s| !s.is_empty()) {
        e.insert(key.into(), text(s, MAX_TEXT));
    }
}

fn put_num(e: &mut Map<String, Value>, key: &str, value: Option<&Value>) {
    if let Some(n) = value
        .and_then(Value::as_f64)
        .filter(|n| n.is_finite() && *n >= 0.0)
    {
        e.insert(key.into(), Value::from(n.round() as u64));
    }
}

fn text_or_empty(value: Option<&Value>, max: usize) -> Value {
    text(value.and_then(Value::as_str).unwrap_or(""), max)
}

/// `s` cut to `max` characters (with an ellipsis), control characters as spaces.
fn text(s: &str, max: usize) -> Value {
    let mut out: String = s
        .chars()
        .take(max)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    Value::String(out)
}

/// A path the run wrote, relative to the output directory, as a URL relative to the page;
/// `None` for anything that could leave the directory or is not a plain path.
pub(crate) fn relative_url(path: &str) -> Option<String> {
    if path.is_empty() || path.len() > 4096 || path.starts_with(['/', '\\']) {
        return None;
    }
    let segments: Vec<&str> = path.split('/').collect();
    let plain = segments
        .iter()
        .all(|s| !s.is_empty() && *s != "." && *s != ".." && !s.contains(['\\', ':', '\0']));
    plain.then(|| {
        segments
            .iter()
            .map(|s| encode_segment(s))
            .collect::<Vec<_>>()
            .join("/")
    })
}

/// The media file: relative to the output directory, or (media read in place with `--input`)
/// an absolute path, as a `file:` path from the page.
fn blob_url(path: &str) -> Option<String> {
    if let Some(rest) = path.strip_prefix('/') {
        let segments: Vec<&str> = rest.split('/').collect();
        let plain = segments
            .iter()
            .all(|s| !s.is_empty() && *s != ".." && !s.contains('\0'));
        return plain.then(|| {
            let encoded: Vec<String> = segments.iter().map(|s| encode_segment(s)).collect();
            format!("file:///{}", encoded.join("/"))
        });
    }
    relative_url(path)
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(line: &str) -> Value {
        serde_json::from_str(&entry_json(line.as_bytes()).expect("an entry")).expect("json")
    }

    #[test]
    fn a_processed_photo_keeps_what_its_card_shows() {
        let e = entry(
            r#"{"messageId":"m1","type":"image","status":"processed","fromNumber":"+447700900123","fromName":"Ana",
                "media":{"declaredMime":"image/jpeg","byteSize":100,"fileName":"IMG 1#.jpg"},
                "blob":{"path":"media/m1-IMG 1#.jpg","size":99,"sha256":"00"},
                "stages":{"mime":{"status":"ok","facts":{"sniffedMime":"image/png","verdict":"mismatch","dangerous":false}},
                          "thumbnail":{"status":"ok","facts":{"path":"artifacts/m1/thumbnail.jpg","width":320,"height":240,"source":"image"}}},
                "finishedAt":"2026-01-01T00:00:00Z"}"#,
        );
        assert_eq!(e["id"], "m1");
        assert_eq!(e["from"], "+447700900123");
        assert_eq!(e["thumb"], "artifacts/m1/thumbnail.jpg");
        assert_eq!(e["blob"], "media/m1-IMG%201%23.jpg");
        assert_eq!(e["verdict"], "mismatch");
        assert_eq!(e["size"], 99);
        assert!(e.get("danger").is_none());
    }

    #[test]
    fn hostile_paths_and_text_are_neutralised() {
        for path in [
            "/etc/passwd",
            "../x.jpg",
            "a/../../x",
            "javascript:alert(1)",
            "a\\b",
            "",
        ] {
            assert_eq!(relative_url(path), None, "{path}");
        }
        let long = "x".repeat(5000);
        let e = entry(&format!(
            r#"{{"messageId":"<img src=x onerror=alert(1)>","status":"failed","error":{{"code":"X","message":"{long}"}},
                "stages":{{"thumbnail":{{"status":"ok","facts":{{"path":"../../etc/passwd"}}}},
                           "waveform":{{"status":"ok","facts":{{"waveform":[1,500,-3,"x"]}}}}}}}}"#
        ));
        assert!(e.get("thumb").is_none());
        assert_eq!(
            e["id"], "<img src=x onerror=alert(1)>",
            "kept as text, shown as text"
        );
        assert!(e["err"][1].as_str().expect("message").chars().count() <= MAX_TEXT + 1);
        assert_eq!(e["wave"], serde_json::json!([1, 100, 0, 0]));
        assert_eq!(entry_json(b"{\"no\":\"id\"}"), None);
        assert_eq!(entry_json(b"garbage"), None);
    }

    #[test]
    fn media_read_in_place_links_to_the_file() {
        assert_eq!(
            blob_url("/home/ana/My Files/a.ogg").as_deref(),
            Some("file:///home/ana/My%20Files/a.ogg")
        );
        assert_eq!(blob_url("/home/../etc"), None);
    }
}
