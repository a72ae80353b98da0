//! Accuracy over the corpus: every PDF with a `pdftotext` truth gets word-multiset F1 >= 0.95 and
//! the right page count; every hostile PDF gives a typed error, never a panic.
#![allow(clippy::print_stderr, clippy::unwrap_used)]

mod support;

use std::time::Instant;

use pipes_media_pdf::{PdfConfig, PdfStage};
use pipes_media_testkit::corpus;

#[test]
fn text_matches_pdftotext_on_every_corpus_pdf() {
    let Some(dir) = corpus::dir() else { return };
    let stage = PdfStage::new(PdfConfig::default());
    let mut failures = Vec::new();
    let mut rows = 0;
    eprintln!(
        "{:<48} {:>6} {:>6} {:>7} {:>9} {:>8}",
        "file", "pages", "truth", "F1", "chars", "ms"
    );
    for entry in support::pdf_entries(&dir) {
        let path = entry["path"].as_str().unwrap();
        let Some(truth_file) = entry["text_file"].as_str() else {
            continue;
        };
        let bytes = std::fs::read(dir.join(path)).unwrap();
        let truth = std::fs::read_to_string(dir.join(truth_file)).unwrap();
        let want_pages = entry["pages"].as_u64().unwrap() as usize;
        let started = Instant::now();
        let result = stage.extract(&bytes);
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        if entry.get("password").is_some() {
            // Needs a user password: the typed ENCRYPTED error is the right answer.
            let code = result.as_ref().err().map(|e| e.code());
            eprintln!(
                "{path:<48} {:>6} {want_pages:>6} {:>7} {:>9} {ms:>8.1}",
                "-",
                code.unwrap_or("read!"),
                "-"
            );
            if code != Some("ENCRYPTED") {
                failures.push(format!("{path}: expected ENCRYPTED, got {code:?}"));
            }
            continue;
        }
        rows += 1;
        match result {
            Ok(text) => {
                let f1 = support::f1(&text.text, &truth);
                let separators = text.text.matches('\x0c').count() + 1;
                eprintln!(
                    "{path:<48} {:>6} {want_pages:>6} {f1:>7.3} {:>9} {ms:>8.1}",
                    text.pages,
                    text.text.chars().count()
                );
                if f1 < 0.95 {
                    failures.push(format!("{path}: F1 {f1:.3} < 0.95"));
                }
                if text.pages != want_pages || separators != want_pages {
                    failures.push(format!(
                        "{path}: {} pages ({separators} in text), want {want_pages}",
                        text.pages
                    ));
                }
            }
            Err(e) => {
                eprintln!("{path:<48} error {e}");
                failures.push(format!("{path}: {e}"));
            }
        }
    }
    eprintln!("{rows} documents compared, {} failures", failures.len());
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn hostile_corpus_files_give_typed_errors() {
    let Some(dir) = corpus::dir() else { return };
    let stage = PdfStage::new(PdfConfig::default());
    for entry in corpus::manifest(&dir) {
        if entry["kind"] != "hostile" {
            continue;
        }
        let path = entry["path"].as_str().unwrap();
        let bytes = std::fs::read(dir.join(path)).unwrap();
        let result = stage.extract(&bytes);
        let is_pdf = entry["mime"] == "application/pdf";
        match &result {
            Ok(text) => {
                // Best effort is allowed for damaged PDFs, never for non-PDF bytes.
                assert!(is_pdf, "{path}: non-PDF bytes were read as a PDF");
                eprintln!("{path}: best effort, {} pages", text.pages);
            }
            Err(e) => {
                assert!(
                    ["INVALID_INPUT", "ENCRYPTED", "TOO_LARGE"].contains(&e.code()),
                    "{path}: {e}"
                );
                eprintln!("{path}: {} ({e})", e.code());
            }
        }
        if entry["expect"] == "error"
            && entry["truncated_from"].is_null()
            && is_pdf
            && entry.get("password").is_none()
        {
            assert!(result.is_err(), "{path}: expected an error");
        }
    }
}
