//! The long-tail classes on committed fixtures (copies of `tools/longtail.sh` output, see
//! `tests/fixtures/README.md`): right-to-left script in logical order, form field values,
//! text off the page or in hidden optional content left out, `ActualText`, CJK fonts with
//! predefined CMaps and no `ToUnicode`. Exact expectations where the source text is known;
//! the whole long-tail set is compared with pdftotext by `tests/longtail.rs`.
#![allow(clippy::unwrap_used)]

mod support;

use pipes_media_pdf::{PdfConfig, PdfStage};

fn text(name: &str) -> String {
    let bytes = support::fixture_bytes(&format!("longtail/{name}"));
    PdfStage::new(PdfConfig::default())
        .extract(&bytes)
        .unwrap()
        .text
}

fn lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn hebrew_and_arabic_from_cairo_read_in_logical_order() {
    // cairo draws right-to-left text glyph by glyph leftwards, a line's runs in pieces.
    for name in ["rtl_pango_hebrew.pdf", "rtl_pango_arabic.pdf"] {
        let got = text(name);
        let want = support::reference(&format!("longtail/{name}"));
        assert_eq!(lines(&got), lines(&want), "{name}");
    }
}

#[test]
fn hebrew_glyph_names_drawn_leftwards_read_in_logical_order() {
    let got = text("rtl_handmade_hebrew_names.pdf");
    assert_eq!(
        lines(&got).first().copied(),
        Some("שלום עולם, זהו מסמך לבדיקה של טקסט בעברית.")
    );
    assert!(got.contains("2024") && got.contains("English"), "{got}");
    let f1 = support::f1(
        &got,
        &support::reference("longtail/rtl_handmade_hebrew_names.pdf"),
    );
    assert!(f1 >= 0.99, "F1 {f1}");
}

#[test]
fn form_field_values_are_text() {
    let got = text("forms_handmade_need_appearances.pdf");
    for value in [
        "Maria Example",
        "Ελληνικά",
        "banana\ncherry\ndamson",
        "Portugal",
        "Submit now",
        "Shared value",
    ] {
        assert!(got.contains(value), "{value:?} missing from {got:?}");
    }
    // A password field's value and a hidden field are not shown; a list box shows its options
    // from the top index on; a combo box its choice's display text, not the export value.
    for absent in ["hunter2", "invisiblevalue", "apple", "\npt\n"] {
        assert!(!got.contains(absent), "{absent:?} in {got:?}");
    }
}

#[test]
fn annotation_appearances_are_drawn_unless_hidden() {
    let got = text("forms_handmade_annotations.pdf");
    for shown in [
        "Reviewer remark",
        "APPROVED stamp",
        "state on",
        "Free text drawn from its contents",
    ] {
        assert!(got.contains(shown), "{shown:?} missing from {got:?}");
    }
    for absent in ["sticky note text", "state off", "hidden remark"] {
        assert!(!got.contains(absent), "{absent:?} in {got:?}");
    }
}

#[test]
fn text_off_the_page_is_left_out() {
    let got = text("hidden_off_page.pdf");
    assert_eq!(
        lines(&got),
        [
            "Visible heading of the page",
            "this line starts on the page and runs far b",
            "Visible closing line"
        ]
    );
}

#[test]
fn hidden_optional_content_is_left_out() {
    let got = text("hidden_optional_content.pdf");
    assert_eq!(
        lines(&got),
        [
            "Always visible text",
            "text in the shown layer",
            "text shown by expression"
        ]
    );
}

#[test]
fn actual_text_replaces_the_glyphs_of_its_span() {
    let got = text("hidden_actual_text.pdf");
    assert_eq!(
        lines(&got),
        ["The word office is spelt with a ligature.", "Hello world"]
    );
}

#[test]
fn predefined_cjk_cmaps_without_to_unicode_decode() {
    let cases = [
        (
            "cjk_ja_90ms_rksj_h.pdf",
            "東京都渋谷区の会議は2024年5月に開かれました。",
        ),
        (
            "cjk_ja_90ms_rksj_v.pdf",
            "東京都渋谷区の会議は2024年5月に開かれました。",
        ),
        ("cjk_zh_gbk_euc_h.pdf", "北京和上海是中国最大的城市之一。"),
        ("cjk_ko_kscms_uhc_h.pdf", "똠방각하 펲시콜라 햏자"),
    ];
    for (name, line) in cases {
        let got = text(name);
        assert!(lines(&got).contains(&line), "{name}: {got:?}");
        let f1 = support::f1(&got, &support::reference(&format!("longtail/{name}")));
        assert!(f1 >= 0.95, "{name}: F1 {f1}");
    }
    // Latin words inside CJK text keep their spaces (half-width CIDs have their own widths).
    assert!(
        text("cjk_ja_90ms_rksj_h.pdf").contains("山田太郎さんは Tokyo Station で待っています。")
    );
}

#[test]
fn cff_programs_give_their_own_encoding() {
    // Ligatures at codes 11-15 named only in the embedded CFF program (no /Encoding).
    assert_eq!(
        lines(&text("baseline_ghostscript_cff_builtin_encoding.pdf")),
        [
            "Efficient finite field arithmetic offers flexible solutions.",
            "The office files are fine, the raffles are baffling."
        ]
    );
}
