//! Accuracy on the long tail: every PDF built by `tools/longtail.sh` (right-to-left script,
//! form fields, hidden and off-page text, encryption without `/ID`, CJK fonts with predefined
//! CMaps, ordinary producers) gets word F1 >= 0.95 against its reference text (`pdftotext`,
//! or a hand-checked truth where the manifest says pdftotext is wrong) and the page count
//! `pdfinfo` reports. Every file's F1 is listed.
//!
//! Reads `$PIPES_MEDIA_LONGTAIL/pdf`, else `<workspace>/target/longtail/pdf`; without it the
//! test prints `SKIP` and passes. Build it with `plugins/pdf/tools/longtail.sh target/longtail`.
#![allow(clippy::print_stderr, clippy::unwrap_used)]

mod support;

use std::path::{Path, PathBuf};
use std::time::Instant;

use pipes_media_pdf::{PdfConfig, PdfStage};

/// The word F1 every long-tail file must reach.
const MIN_F1: f64 = 0.95;

fn longtail_dir() -> Option<PathBuf> {
    let root = std::env::var_os("PIPES_MEDIA_LONGTAIL")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/longtail"));
    let dir = root.join("pdf");
    if dir.join("manifest.jsonl").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "SKIP: no long-tail PDF set at {} (build it with plugins/pdf/tools/longtail.sh {})",
            dir.display(),
            root.display()
        );
        None
    }
}

#[test]
fn long_tail_text_and_pages_match_the_references() {
    let Some(dir) = longtail_dir() else { return };
    let stage = PdfStage::new(PdfConfig::default());
    let manifest = std::fs::read_to_string(dir.join("manifest.jsonl")).unwrap();
    let mut failures = Vec::new();
    let mut rows = 0;
    eprintln!(
        "{:<46} {:>9} {:>5} {:>5} {:>6} {:>8} {:>7}  (F1 against pdftotext where it is wrong)",
        "file", "class", "pages", "want", "F1", "chars", "ms"
    );
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        let entry: serde_json::Value = serde_json::from_str(line).unwrap();
        let path = entry["path"].as_str().unwrap();
        let truth_file = entry["truth_file"]
            .as_str()
            .or(entry["text_file"].as_str())
            .unwrap();
        let truth = std::fs::read_to_string(dir.join(truth_file)).unwrap_or_default();
        let pdftotext = entry["truth_file"]
            .as_str()
            .and(entry["text_file"].as_str())
            .map(|t| std::fs::read_to_string(dir.join(t)).unwrap_or_default());
        let want_pages = entry["pages"].as_u64().map(|p| p as usize);
        let bytes = std::fs::read(dir.join(path)).unwrap();
        let started = Instant::now();
        let result = stage.extract(&bytes);
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        rows += 1;
        match result {
            Ok(text) => {
                let f1 = support::f1(&text.text, &truth);
                let against_pdftotext = pdftotext
                    .as_deref()
                    .map(|p| format!("  ({:.3})", support::f1(&text.text, p)))
                    .unwrap_or_default();
                eprintln!(
                    "{path:<46} {:>9} {:>5} {:>5} {f1:>6.3} {:>8} {ms:>7.1}{against_pdftotext}",
                    entry["class"].as_str().unwrap_or(""),
                    text.pages,
                    want_pages.map_or("-".to_owned(), |p| p.to_string()),
                    text.text.chars().count()
                );
                if f1 < MIN_F1 {
                    failures.push(format!("{path}: F1 {f1:.3} < {MIN_F1}"));
                }
                if Some(text.pages) != want_pages {
                    failures.push(format!(
                        "{path}: {} pages, pdfinfo says {want_pages:?}",
                        text.pages
                    ));
                }
                if text.text.matches('\x0c').count() + 1 != text.pages {
                    failures.push(format!("{path}: page separators do not match the pages"));
                }
            }
            Err(e) => {
                eprintln!("{path:<46} error {} ({e})", e.code());
                failures.push(format!("{path}: {e}"));
            }
        }
    }
    eprintln!(
        "{rows} long-tail PDFs compared, {} failures",
        failures.len()
    );
    assert!(rows > 0, "the manifest lists no files");
    assert!(failures.is_empty(), "{failures:#?}");
}
