//! The test kit's conformance check on the `pdf` stage: a stable name, PDFs taken (by header or
//! declared type) and other files declined, and no panic, hang or stray file on truncated,
//! mutated and random versions of every committed PDF fixture class.
#![allow(clippy::print_stderr, clippy::unwrap_used)]

mod support;

use std::time::Duration;

use pipes_media_pdf::{PdfConfig, PdfStage};
use pipes_media_testkit::conformance::{check_stage, Sample};
use pipes_media_testkit::stage::TestMessage;

#[tokio::test]
async fn pdf_stage_conforms() {
    let stage = PdfStage::new(PdfConfig::default().time_limit(Duration::from_secs(10)));
    let accepted = [
        "groff_latin_3pages.pdf",
        "ps2pdf_ascii_2pages.pdf",
        "encrypted_owner_only.pdf",
        "scanned_image_only_2pages.pdf",
        "longtail/rtl_pango_hebrew.pdf",
        "longtail/forms_handmade_need_appearances.pdf",
        "longtail/hidden_optional_content.pdf",
        "longtail/encrypted_rc4_40_no_id.pdf",
        "longtail/cjk_ja_90ms_rksj_v.pdf",
    ];
    let mut samples: Vec<Sample> = accepted
        .iter()
        .map(|name| {
            Sample::accepted(
                support::fixture_bytes(name),
                support::pdf_message("document.pdf"),
            )
        })
        .collect();
    // Without a declared type the header decides.
    samples.push(Sample::accepted(
        support::fixture_bytes("ps2pdf_ascii_2pages.pdf"),
        TestMessage::document(""),
    ));
    samples.push(Sample::declined(
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
        TestMessage::image("image/png"),
    ));
    samples.push(Sample::declined(
        b"plain text, no PDF header".to_vec(),
        TestMessage::document("text/plain"),
    ));
    let report = check_stage(stage, &samples).await;
    eprintln!(
        "{} runs, {} errors, slowest {:?}",
        report.runs, report.errors, report.slowest
    );
    assert!(report.runs > 300);
}
