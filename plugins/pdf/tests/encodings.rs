//! Fonts and encodings on crafted one-page PDFs: Type0/Identity-H with ToUnicode, UCS-2
//! CMaps, Differences with glyph names, WinAnsi and MacRoman, and breaks from positions.
#![allow(clippy::unwrap_used)]

mod support;

use pipes_media_pdf::{PdfConfig, PdfStage};

/// The text of a one-page PDF whose font `/F1` is `font` and whose content is `content`.
fn text_of(font: &str, extra: &[&[u8]], content: &str) -> String {
    let page: &[u8] =
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>";
    let body = support::stream(content);
    let mut objects: Vec<&[u8]> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page,
        &body,
        font.as_bytes(),
    ];
    objects.extend(extra);
    let bytes = support::pdf(&objects);
    PdfStage::new(PdfConfig::default())
        .extract(&bytes)
        .unwrap()
        .text
}

#[test]
fn identity_h_with_to_unicode() {
    let cmap = support::stream(
        "/CMapName /Adobe-Identity-UCS-odd def 1 begincodespacerange <0000> <FFFF> endcodespacerange \
         2 beginbfchar <0001> <65E5> <0002> <672C> endbfchar 1 beginbfrange <0010> <0011> <0436> endbfrange",
    );
    let font = "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [<< /Type /Font \
                /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
                /DW 1000 >>] /ToUnicode 6 0 R >>";
    assert_eq!(
        text_of(
            font,
            &[&cmap],
            "BT /F1 12 Tf 10 10 Td <000100020010 0011> Tj ET"
        ),
        "日本жз"
    );
}

#[test]
fn ucs2_cmap_without_to_unicode() {
    let font = "<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiMin-W3 /Encoding /UniJIS-UCS2-H /DescendantFonts \
                [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiMin-W3 /DW 1000 >>] >>";
    assert_eq!(
        text_of(font, &[], "BT /F1 12 Tf 10 10 Td <65E5672C8A9E> Tj ET"),
        "日本語"
    );
}

#[test]
fn differences_glyph_names_and_ligatures() {
    let font = "<< /Type /Font /Subtype /Type1 /BaseFont /Custom /Encoding << /Type /Encoding /BaseEncoding \
                /WinAnsiEncoding /Differences [1 /fi /uni0416 /afii10086 /quoteright] >> /FirstChar 0 /LastChar 255 >>";
    assert_eq!(
        text_of(
            font,
            &[],
            "BT /F1 12 Tf 10 10 Td (\\001nd \\002\\003 it\\004s caf\\351) Tj ET"
        ),
        "find Жф it’s café"
    );
}

#[test]
fn mac_roman_and_standard_encodings() {
    let mac =
        "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /MacRomanEncoding >>";
    assert_eq!(
        text_of(mac, &[], "BT /F1 12 Tf 10 10 Td (caf\\216 na\\225ve) Tj ET"),
        "café naïve"
    );
    let standard = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
    assert_eq!(
        text_of(standard, &[], "BT /F1 12 Tf 10 10 Td (it\\047s) Tj ET"),
        "it’s"
    );
}

#[test]
fn word_and_line_breaks_come_from_positions() {
    let font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
    // A kern of -300/1000 em is a word gap; -20 is letter spacing.
    assert_eq!(
        text_of(
            font,
            &[],
            "BT /F1 10 Tf 10 100 Td [(Hel) -20 (lo) -300 (world)] TJ ET"
        ),
        "Hello world"
    );
    // Strings placed apart on one line, then a new line.
    assert_eq!(
        text_of(
            font,
            &[],
            "BT /F1 10 Tf 10 100 Td (one) Tj 40 0 Td (two) Tj 0 -14 Td (three) Tj ET"
        ),
        "one two\nthree"
    );
    // Text scaled through the CTM still measures gaps in its own size.
    assert_eq!(
        text_of(
            font,
            &[],
            "2 0 0 2 0 0 cm BT /F1 10 Tf 10 100 Td (a) Tj (b) Tj 1 0 Td (c) Tj ET"
        ),
        "ab c"
    );
}

#[test]
fn two_columns_drawn_line_by_line_read_column_by_column() {
    let font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
    let mut content = String::from(
        "BT /F1 10 Tf 1 0 0 1 150 760 Tm (A title across both columns of the page) Tj ET\n",
    );
    for i in 0..5 {
        let y = 700 - i * 14;
        content.push_str(&format!(
            "BT /F1 10 Tf 1 0 0 1 50 {y} Tm (left column line number {i}) Tj 1 0 0 1 320 {y} Tm (right column line number {i}) Tj ET\n"
        ));
    }
    let text = text_of(font, &[], &content);
    let want_left: String = (0..5)
        .map(|i| format!("left column line number {i}\n"))
        .collect();
    let want_right: String = (0..5)
        .map(|i| format!("right column line number {i}\n"))
        .collect();
    assert_eq!(
        text,
        format!("A title across both columns of the page\n{want_left}{want_right}").trim_end()
    );
    // Switched off, the content-stream order stays.
    let page: &[u8] =
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>";
    let body = support::stream(&content);
    let bytes = support::pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page,
        &body,
        font.as_bytes(),
    ]);
    let linear = PdfStage::new(PdfConfig::default().column_order(false))
        .extract(&bytes)
        .unwrap()
        .text;
    assert!(
        linear.contains("left column line number 0 right column line number 0"),
        "{linear}"
    );
}

#[test]
fn identity_cid_fonts_without_to_unicode_use_the_adobe_collections() {
    let font = |ordering: &str| {
        format!(
            "<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular /Encoding /Identity-H /DescendantFonts \
             [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPr6N-Regular /CIDSystemInfo << /Registry (Adobe) \
             /Ordering ({ordering}) /Supplement 6 >> /DW 1000 >>] >>"
        )
    };
    assert_eq!(
        text_of(
            &font("Japan1"),
            &[],
            "BT /F1 12 Tf 10 10 Td <0CD40E8A07A0> Tj ET"
        ),
        "日本語"
    );
    assert_eq!(
        text_of(
            &font("Korea1"),
            &[],
            "BT /F1 12 Tf 10 10 Td <0CE004B4> Tj ET"
        ),
        "한국"
    );
    // An unknown collection maps nothing rather than guessing.
    assert_eq!(
        text_of(
            &font("Identity"),
            &[],
            "BT /F1 12 Tf 10 10 Td <0CE004B4> Tj ET"
        ),
        ""
    );
}

#[test]
fn zapf_dingbats_and_unknown_glyph_names() {
    let dingbats = "<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>";
    assert_eq!(
        text_of(dingbats, &[], "BT /F1 12 Tf 10 10 Td (!4\\254) Tj ET"),
        "\u{2701}\u{2714}\u{2460}"
    );
    // Names nothing knows stand for their code (TeX's Type 3 fonts), `.notdef` for nothing.
    let custom = "<< /Type /Font /Subtype /Type1 /BaseFont /Custom /Encoding << /Differences \
                  [97 /a97 98 /a98 224 /a224 225 /.notdef] >> >>";
    assert_eq!(
        text_of(custom, &[], "BT /F1 12 Tf 10 10 Td (ab\\340\\341) Tj ET"),
        "abà"
    );
    // A code 32 the encoding maps to nothing still separates words.
    let no_space =
        "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding << /Differences \
                    [32 /.notdef] >> >>";
    assert_eq!(
        text_of(no_space, &[], "BT /F1 12 Tf 10 10 Td (two words) Tj ET"),
        "two words"
    );
}

#[test]
fn type3_fonts_measure_gaps_in_their_own_size() {
    // A Type 3 font drawn at size 1 whose 1/5 font matrix makes its glyphs 12 points wide:
    // strings 0.3 points apart are letters of one word, not words.
    let font = "<< /Type /Font /Subtype /Type3 /FontMatrix [0.2 0 0 0.2 0 0] /FontBBox [0 0 60 80] \
                /CharProcs << >> /Encoding << /Differences [97 /a /b /c] >> /FirstChar 97 /LastChar 99 \
                /Widths [60 60 60] >>";
    let content = "BT /F1 1 Tf 1 0 0 1 10 700 Tm [(a) -300 (b) -300 (c)] TJ ET";
    assert_eq!(text_of(font, &[], content), "abc");
}

#[test]
fn cid_fonts_numbered_by_unicode_read_as_unicode() {
    // Identity-H, an Identity collection, no ToUnicode, a CID-to-glyph map of its own.
    let map = support::stream("\0\0\0\0");
    let font = "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [<< \
                /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) \
                /Ordering (Identity) /Supplement 0 >> /CIDToGIDMap 6 0 R /DW 500 >>] >>";
    assert_eq!(
        text_of(font, &[&map], "BT /F1 12 Tf 10 10 Td <005600FD0062> Tj ET"),
        "Výb"
    );
}

#[test]
fn words_hyphenated_across_lines_are_joined() {
    let font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
    let content = "BT /F1 10 Tf 10 100 Td (the infor-) Tj 0 -12 Td (mation age) Tj ET";
    assert_eq!(text_of(font, &[], content), "the information age");
    let page: &[u8] =
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>";
    let body = support::stream(content);
    let bytes = support::pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page,
        &body,
        font.as_bytes(),
    ]);
    let kept = PdfStage::new(PdfConfig::default().join_hyphens(false))
        .extract(&bytes)
        .unwrap()
        .text;
    assert_eq!(kept, "the infor-\nmation age");
}
