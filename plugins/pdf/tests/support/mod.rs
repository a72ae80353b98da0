//! Shared by the pdf tests: the corpus's PDF entries (the corpus itself is found and read by
//! `pipes_media_testkit::corpus`), the word-F1 measure, committed fixtures, and a builder of
//! small hand-made PDFs. Items are built by `pipes_media_testkit::stage::StageHarness`.
#![allow(dead_code, clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The manifest entries whose `mime` is `application/pdf` or whose path ends in `.pdf`.
pub fn pdf_entries(dir: &Path) -> Vec<serde_json::Value> {
    pipes_media_testkit::corpus::manifest(dir)
        .into_iter()
        .filter(|e| {
            e["mime"] == "application/pdf"
                || e["path"].as_str().is_some_and(|p| p.ends_with(".pdf"))
        })
        .collect()
}

/// A committed fixture.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The bytes of a committed fixture.
pub fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap()
}

/// A committed fixture's reference text (`<name>.truth.txt` if there is one, else the
/// `pdftotext` output `<name>.txt`).
pub fn reference(name: &str) -> String {
    let truth = fixture(&format!("{name}.truth.txt"));
    let path = if truth.is_file() {
        truth
    } else {
        fixture(&format!("{name}.txt"))
    };
    std::fs::read_to_string(path).unwrap()
}

/// A document message declaring `application/pdf`, as WhatsApp sends PDFs.
pub fn pdf_message(name: &str) -> pipes_media_testkit::stage::TestMessage {
    pipes_media_testkit::stage::TestMessage::document("application/pdf").file_name(name)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3040..=0x30FF | 0x3100..=0x312F | 0x3190..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x2FA1F)
}

/// Lower-cased tokens: runs of letters and digits, each CJK character a token of its own.
pub fn tokens(text: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut HashMap<String, usize>| {
        if !word.is_empty() {
            *out.entry(std::mem::take(word)).or_insert(0) += 1;
        }
    };
    for c in text.chars() {
        if is_cjk(c) {
            flush(&mut word, &mut out);
            *out.entry(c.to_string()).or_insert(0) += 1;
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else {
            flush(&mut word, &mut out);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Word-multiset F1 of `ours` against `truth` (1.0 when both have no words).
pub fn f1(ours: &str, truth: &str) -> f64 {
    let (a, b) = (tokens(ours), tokens(truth));
    let total_a: usize = a.values().sum();
    let total_b: usize = b.values().sum();
    if total_a == 0 && total_b == 0 {
        return 1.0;
    }
    let overlap: usize = a
        .iter()
        .map(|(w, n)| (*n).min(b.get(w).copied().unwrap_or(0)))
        .sum();
    if overlap == 0 {
        return 0.0;
    }
    let p = overlap as f64 / total_a as f64;
    let r = overlap as f64 / total_b as f64;
    2.0 * p * r / (p + r)
}

/// A PDF with a correct xref from object bodies (object `i + 1` is `objects[i]`, object 1 is
/// the catalog).
pub fn pdf(objects: &[&[u8]]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(*body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A content stream object body.
pub fn stream(content: &str) -> Vec<u8> {
    format!(
        "<< /Length {} >>\nstream\n{content}\nendstream",
        content.len()
    )
    .into_bytes()
}
