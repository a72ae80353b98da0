//! Accuracy over the ground-truth corpus, through the stage as the pipeline runs it (the test
//! kit's `StageHarness`): the sniffed type equals the manifest's `mime` for every file that
//! has one, and every file gets the verdict it deserves when its extension is taken as the
//! declared type. Prints the table.

#![allow(clippy::print_stderr, clippy::print_stdout)]

use std::collections::BTreeMap;
use std::path::Path;

use pipes_media_core::{MimeFacts, Verdict};
use pipes_media_mime::{MimeConfig, MimeStage};
use pipes_media_testkit::stage::{StageHarness, TestMessage};

/// One line of `manifest.jsonl`.
struct Entry {
    path: String,
    kind: String,
    mime: String,
    claimed_ext: Option<String>,
    /// The whole manifest line, for optional fields (`animated`, `audio_codec`, ...).
    raw: serde_json::Value,
}

impl Entry {
    /// The file's extension: the type it claims.
    fn extension(&self) -> &str {
        self.path.rsplit('.').next().unwrap_or_default()
    }
}

fn entries(dir: &Path) -> Vec<Entry> {
    pipes_media_testkit::corpus::manifest(dir)
        .into_iter()
        .map(|v| {
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_owned);
            Entry {
                path: s("path").expect("path"),
                kind: s("kind").unwrap_or_default(),
                mime: s("mime").expect("mime"),
                claimed_ext: s("claimed_ext"),
                raw: v,
            }
        })
        .collect()
}

/// The type a sender would declare for a file with this extension (how a phone labels it).
fn declared_for_extension(ext: &str) -> Option<&'static str> {
    Some(match ext.to_ascii_lowercase().as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ogg" | "oga" => "audio/ogg",
        "opus" => "audio/opus",
        "mp3" => "audio/mpeg",
        "m4a" => "audio/x-m4a",
        "aac" => "audio/aac",
        "wav" => "audio/x-wav",
        "flac" => "audio/flac",
        "mp4" => "video/mp4",
        "3gp" => "video/3gpp",
        "pdf" => "application/pdf",
        "txt" => "text/plain",
        "vcf" => "text/x-vcard",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "bin" => "application/octet-stream",
        _ => return None,
    })
}

/// Truth types that mean "no type": the sniffer must say unknown.
const NO_TYPE: &[&str] = &["application/x-empty", "application/octet-stream"];

#[derive(Default)]
struct Row {
    files: usize,
    sniffed_ok: usize,
    verdict_ok: usize,
    safe_ok: usize,
    details_ok: usize,
}

/// The finer facts agree with the manifest where it has them: `animated` for images, the
/// codec of Ogg files, audio-only vs video for MP4-family files whose track list was read.
fn details_agree(entry: &Entry, json: &serde_json::Map<String, serde_json::Value>) -> bool {
    let truncated = entry.path.contains("truncated");
    let mut ok = true;
    if matches!(entry.mime.as_str(), "image/webp" | "image/gif") && !truncated {
        let want = entry
            .raw
            .get("animated")
            .and_then(|a| a.as_bool())
            .unwrap_or(false);
        ok &= json.get("animated").and_then(|a| a.as_bool()) == Some(want);
    }
    if entry.mime == "audio/ogg" {
        if let Some(codec) = entry.raw.get("audio_codec").and_then(|c| c.as_str()) {
            ok &= json.get("codec").and_then(|c| c.as_str()) == Some(codec);
        }
    }
    let has_streams =
        entry.raw.get("audio_codec").is_some() || entry.raw.get("video_codec").is_some();
    if let (Some(has_video), true) = (json.get("hasVideo").and_then(|v| v.as_bool()), has_streams) {
        ok &= has_video == entry.raw.get("video_codec").is_some();
    }
    ok
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sniffed_types_and_verdicts_match_the_manifest() {
    let Some(dir) = pipes_media_testkit::corpus::dir() else {
        return;
    };
    let entries = entries(&dir);
    assert!(!entries.is_empty(), "empty manifest");
    let harness = StageHarness::new(MimeStage::new(MimeConfig::default()));
    let mut table: BTreeMap<(String, String), Row> = BTreeMap::new();
    let mut failures = Vec::new();

    for entry in &entries {
        let path = dir.join(&entry.path);
        let declared = declared_for_extension(entry.extension());
        let name = entry.path.rsplit('/').next().unwrap_or_default();
        let message = TestMessage::document(declared.unwrap_or_default()).file_name(name);
        let run = harness.run_file(&path, message).await;
        let json = run.ok().clone();
        let facts = run
            .item
            .facts
            .get::<MimeFacts>()
            .expect("mime facts")
            .clone();

        let no_type = NO_TYPE.contains(&entry.mime.as_str());
        let want_sniffed = (!no_type).then(|| entry.mime.clone());
        let want_verdict = if no_type {
            Verdict::Unknown
        } else if entry.claimed_ext.is_some() {
            Verdict::Mismatch
        } else {
            Verdict::Match
        };
        let sniffed_ok = facts.sniffed_mime == want_sniffed;
        let verdict_ok = facts.verdict == want_verdict;
        let safe_ok = !facts.dangerous;
        let details_ok = details_agree(entry, &json);
        let group = if entry.kind == "hostile" {
            let kind = if entry.claimed_ext.is_some() {
                "hostile: lying extension"
            } else if entry.path.contains("truncated") {
                "hostile: truncated"
            } else {
                "hostile: other"
            };
            kind.to_owned()
        } else {
            entry.kind.clone()
        };
        let row = table.entry((group, entry.mime.clone())).or_default();
        row.files += 1;
        row.sniffed_ok += usize::from(sniffed_ok);
        row.verdict_ok += usize::from(verdict_ok);
        row.safe_ok += usize::from(safe_ok);
        row.details_ok += usize::from(details_ok);
        if !(sniffed_ok && verdict_ok && safe_ok && details_ok) {
            failures.push(format!(
                "{}: truth {} declared {:?} -> {}",
                entry.path,
                entry.mime,
                declared,
                serde_json::Value::Object(json)
            ));
        }
    }

    println!(
        "\nmime accuracy over {} ({} files)",
        dir.display(),
        entries.len()
    );
    println!("| group | truth mime | files | sniffed = truth | verdict as deserved | not flagged dangerous | details agree |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    let mut total = Row::default();
    for ((group, mime), row) in &table {
        println!(
            "| {group} | {mime} | {} | {} | {} | {} | {} |",
            row.files, row.sniffed_ok, row.verdict_ok, row.safe_ok, row.details_ok
        );
        total.files += row.files;
        total.sniffed_ok += row.sniffed_ok;
        total.verdict_ok += row.verdict_ok;
        total.safe_ok += row.safe_ok;
        total.details_ok += row.details_ok;
    }
    println!(
        "| **total** | | {} | {} | {} | {} | {} |",
        total.files, total.sniffed_ok, total.verdict_ok, total.safe_ok, total.details_ok
    );
    for f in &failures {
        println!("FAIL {f}");
    }
    assert!(
        failures.is_empty(),
        "{} of {} files wrong:\n{}",
        failures.len(),
        entries.len(),
        failures.join("\n")
    );
}
