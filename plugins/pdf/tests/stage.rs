//! The `pdf` stage on real and crafted PDFs, run as the pipeline runs it (the test kit's
//! `StageHarness`): facts, the text artifact, encryption, limits.
#![allow(clippy::print_stderr, clippy::unwrap_used)]

mod support;

use std::time::Duration;

use pipes_media_pdf::{PdfConfig, PdfStage};
use pipes_media_testkit::stage::{StageHarness, StageRun, TestMessage};

fn harness() -> StageHarness<PdfStage> {
    StageHarness::new(PdfStage::new(PdfConfig::default()))
}

/// The text artifact of a successful run (the harness must still be alive: it owns the
/// output directory).
fn text_of(run: &StageRun) -> String {
    let rel = run.ok()["textPath"].as_str().unwrap();
    std::fs::read_to_string(run.artifact_path(rel)).unwrap()
}

#[tokio::test]
async fn groff_pdf_gives_facts_and_text_file() {
    let harness = harness();
    let run = harness
        .run_file(
            &support::fixture("groff_latin_3pages.pdf"),
            support::pdf_message("paper.pdf"),
        )
        .await;
    let facts = run.ok();
    assert_eq!(facts["pages"], 3);
    assert_eq!(facts["encrypted"], false);
    assert_eq!(facts["hasText"], true);
    assert_eq!(facts["scanned"], false);
    let rel = facts["textPath"].as_str().unwrap();
    assert_eq!(rel, "artifacts/msg_test_1/text.txt");
    assert_eq!(run.artifacts.len(), 1);
    assert_eq!(run.artifacts[0].path, rel);
    let text = text_of(&run);
    assert_eq!(
        text.matches('\x0c').count(),
        2,
        "three pages, two separators"
    );
    assert_eq!(
        facts["chars"].as_u64().unwrap() as usize,
        text.chars().count() - 2
    );
    let truth = std::fs::read_to_string(support::fixture("groff_latin_3pages.pdf.txt")).unwrap();
    let f1 = support::f1(&text, &truth);
    assert!(f1 >= 0.95, "F1 {f1}");
    let excerpt = facts["excerpt"].as_str().unwrap();
    assert!(!excerpt.is_empty() && excerpt.chars().count() <= 2000);
    assert!(text.replace('\x0c', "\n").starts_with(excerpt));
    assert!(
        facts["producer"].as_str().unwrap().starts_with("gropdf"),
        "{facts:?}"
    );
    assert_eq!(facts["created"], "2000-01-01T00:00:00+00:00");
    assert!(
        facts.contains_key("title")
            && facts.contains_key("author")
            && facts.contains_key("created")
    );
}

#[tokio::test]
async fn plain_ascii_pdf_reads_words_and_pages() {
    // No declared type: the stage takes it by its header.
    let harness = harness();
    let run = harness
        .run_file(
            &support::fixture("ps2pdf_ascii_2pages.pdf"),
            TestMessage::document(""),
        )
        .await;
    assert_eq!(run.ok()["pages"], 2);
    let text = text_of(&run);
    assert!(
        text.contains("First page: invoice 42 total 99.50 EUR"),
        "{text:?}"
    );
    assert!(text.contains("\x0cSecond page: the end."), "{text:?}");
}

#[tokio::test]
async fn owner_only_encryption_is_read_with_the_empty_password() {
    let harness = harness();
    let run = harness
        .run_file(
            &support::fixture("encrypted_owner_only.pdf"),
            support::pdf_message("locked.pdf"),
        )
        .await;
    let facts = run.ok();
    assert_eq!(facts["encrypted"], true);
    assert_eq!(facts["pages"], 3);
    let truth = std::fs::read_to_string(support::fixture("encrypted_owner_only.pdf.txt")).unwrap();
    assert!(support::f1(&text_of(&run), &truth) >= 0.95);
}

#[tokio::test]
async fn rc4_and_aes_without_an_id_open_with_the_empty_password() {
    let harness = harness();
    for name in [
        "longtail/encrypted_rc4_40_no_id.pdf",
        "longtail/encrypted_aes_128_no_id.pdf",
    ] {
        let run = harness
            .run_file(&support::fixture(name), support::pdf_message("old.pdf"))
            .await;
        let facts = run.ok();
        assert_eq!(facts["encrypted"], true, "{name}");
        assert_eq!(facts["pages"], 2, "{name}");
        assert_eq!(facts["title"], "Encrypted without ID", "{name}");
        let text = text_of(&run);
        assert!(
            text.contains("The quick brown fox jumps over the lazy dog"),
            "{name}: {text:?}"
        );
        assert!(support::f1(&text, &support::reference(name)) >= 0.99);
    }
}

#[tokio::test]
async fn a_password_for_attachments_only_does_not_lock_the_pages() {
    let harness = harness();
    let run = harness
        .run_file(
            &support::fixture("longtail/encrypted_attachments_only.pdf"),
            support::pdf_message("attached.pdf"),
        )
        .await;
    let facts = run.ok();
    assert_eq!(facts["pages"], 1);
    assert_eq!(
        text_of(&run),
        "Only the attachments of this document need a password."
    );
}

#[tokio::test]
async fn user_password_gives_encrypted_fact_and_error() {
    let harness = harness();
    let run = harness
        .run_file(
            &support::fixture("encrypted_user_password.pdf"),
            support::pdf_message("secret.pdf"),
        )
        .await;
    assert!(run.accepted);
    assert_eq!(run.code().as_deref(), Some("ENCRYPTED"));
    assert_eq!(run.facts["encrypted"], true);
    assert!(run.artifacts.is_empty());
}

#[tokio::test]
async fn scanned_pdf_has_no_text() {
    let harness = harness();
    let run = harness
        .run_file(
            &support::fixture("scanned_image_only_2pages.pdf"),
            support::pdf_message("scan.pdf"),
        )
        .await;
    let facts = run.ok();
    assert_eq!(facts["pages"], 2);
    assert_eq!(facts["chars"], 0);
    assert_eq!(facts["hasText"], false);
    assert_eq!(facts["scanned"], true);
    assert_eq!(facts["excerpt"], "\n");
    assert_eq!(text_of(&run), "\x0c");
}

#[tokio::test]
async fn non_pdf_bytes_are_declined_or_rejected() {
    let harness = harness();
    let png = b"\x89PNG\r\n\x1a\n0000";
    let run = harness
        .run_bytes(png, TestMessage::image("image/png"))
        .await;
    assert!(!run.accepted);
    // Declared a PDF but is not one: accepted (no mime stage ran), then a typed error.
    let run = harness.run_bytes(png, support::pdf_message("x.pdf")).await;
    assert!(run.accepted);
    assert_eq!(run.code().as_deref(), Some("INVALID_INPUT"));
}

#[tokio::test]
async fn text_artifact_can_be_switched_off() {
    let harness = StageHarness::new(PdfStage::new(PdfConfig::default().write_text(false)));
    let run = harness
        .run_file(
            &support::fixture("ps2pdf_ascii_2pages.pdf"),
            support::pdf_message("a.pdf"),
        )
        .await;
    let facts = run.ok();
    assert!(facts["textPath"].is_null(), "{facts:?}");
    assert!(run.artifacts.is_empty());
    assert!(facts["chars"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn the_time_limit_gives_a_timeout() {
    let harness = StageHarness::new(PdfStage::new(
        PdfConfig::default().time_limit(Duration::ZERO),
    ));
    let run = harness
        .run_file(
            &support::fixture("groff_latin_3pages.pdf"),
            support::pdf_message("slow.pdf"),
        )
        .await;
    assert_eq!(run.code().as_deref(), Some("TIMEOUT"));
}

#[test]
fn zip_bomb_content_is_bounded() {
    let bytes = std::fs::read(support::fixture("bomb_16mib_content.pdf")).unwrap();
    let small = PdfStage::new(PdfConfig::default().max_stream_bytes(1 << 20));
    assert_eq!(small.extract(&bytes).unwrap_err().code(), "TOO_LARGE");
    let total = PdfStage::new(PdfConfig::default().max_content_bytes(1 << 20));
    assert_eq!(total.extract(&bytes).unwrap_err().code(), "TOO_LARGE");
    // Within the default limits it is only a blank page.
    let text = PdfStage::new(PdfConfig::default()).extract(&bytes).unwrap();
    assert_eq!((text.pages, text.text.as_str()), (1, ""));
}

#[test]
fn reference_loops_end() {
    let font: &[u8] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
    let page: &[u8] = b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /X 6 0 R >> >> >>";
    let content = support::stream("BT /F1 10 Tf 10 10 Td (loop) Tj ET /X Do");
    let form = b"<< /Type /XObject /Subtype /Form /BBox [0 0 9 9] /Resources << /Font << /F1 5 0 R >> /XObject << /X 6 0 R >> >> /Length 31 >>\nstream\nBT /F1 10 Tf (again) Tj ET /X Do\nendstream".to_vec();
    // The page tree lists itself among its kids; the form draws itself.
    let bytes = support::pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 1 >>",
        page,
        &content,
        font,
        &form,
    ]);
    let text = PdfStage::new(PdfConfig::default()).extract(&bytes).unwrap();
    assert_eq!(text.pages, 1);
    // The form runs once: it is not entered again from inside itself.
    assert_eq!(text.text, "loop\nagain");
}

#[test]
fn broken_xref_is_repaired_by_scanning() {
    let mut bytes = std::fs::read(support::fixture("groff_latin_3pages.pdf")).unwrap();
    let at = bytes.windows(9).rposition(|w| w == b"startxref").unwrap();
    bytes.truncate(at);
    bytes.extend(b"startxref\n123\n%%EOF\n");
    let text = PdfStage::new(PdfConfig::default()).extract(&bytes).unwrap();
    assert_eq!(text.pages, 3);
    assert!(text.info.repaired);
    let truth = std::fs::read_to_string(support::fixture("groff_latin_3pages.pdf.txt")).unwrap();
    assert!(support::f1(&text.text, &truth) >= 0.9);
}

#[test]
fn time_and_object_limits_give_typed_errors() {
    let bytes = std::fs::read(support::fixture("groff_latin_3pages.pdf")).unwrap();
    let stage = PdfStage::new(PdfConfig::default().time_limit(Duration::ZERO));
    assert_eq!(stage.extract(&bytes).unwrap_err().code(), "TIMEOUT");
    let stage = PdfStage::new(PdfConfig::default().max_objects(3));
    assert_eq!(stage.extract(&bytes).unwrap_err().code(), "TOO_LARGE");
}

#[test]
fn deep_nesting_and_text_limit() {
    let font: &[u8] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
    let page: &[u8] =
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>";
    let mut content = "q ".repeat(50_000);
    content.push_str(&"[".repeat(50_000));
    // Every word starts again at the line's start (`0 0 Td`), so all of it is on the page.
    content.push_str(" BT /F1 10 Tf 10 100 Td ");
    content.push_str(&"(word ) Tj 0 0 Td ".repeat(20_000));
    content.push_str("ET");
    let body = support::stream(&content);
    let bytes = support::pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page,
        &body,
        font,
    ]);
    let text = PdfStage::new(PdfConfig::default()).extract(&bytes).unwrap();
    assert!(text.text.starts_with("word word"));
    assert!(!text.truncated);
    let cut = PdfStage::new(PdfConfig::default().max_text_bytes(1000))
        .extract(&bytes)
        .unwrap();
    assert!(cut.truncated && cut.text.len() <= 1000);
}
