//! Fuzz-style robustness: deterministic seeded mutations (bit flips, byte runs, truncations,
//! splices, duplicated ranges) of real PDFs must give a result or a typed error, never a panic,
//! a hang or unbounded memory.
#![allow(clippy::print_stderr, clippy::unwrap_used)]

mod support;

use std::time::{Duration, Instant};

use pipes_media_pdf::{PdfConfig, PdfStage};
use pipes_media_testkit::Rng;

/// One to five seeded mutations of `base` (PDF-flavoured fills, splices from `other`).
fn mutate(rng: &mut Rng, base: &[u8], other: &[u8]) -> Vec<u8> {
    let mut data = base.to_vec();
    for _ in 0..=rng.below(4) {
        let len = data.len().max(1);
        match rng.below(6) {
            0 => {
                for _ in 0..=rng.below(16) {
                    let i = rng.below(len);
                    if let Some(b) = data.get_mut(i) {
                        *b ^= 1 << rng.below(8);
                    }
                }
            }
            1 => data.truncate(rng.below(len)),
            2 => {
                let at = rng.below(len).min(data.len());
                let from = rng.below(other.len());
                let n = rng.below(4096).min(other.len() - from);
                data.splice(at..at, other[from..from + n].iter().copied());
            }
            3 => {
                let at = rng.below(len).min(data.len());
                let n = rng.below(256).min(data.len() - at);
                let fill = [b'0', b'(', b'[', b'<', 0xFF, b' '][rng.below(6)];
                data[at..at + n].fill(fill);
            }
            4 => {
                let at = rng.below(len).min(data.len());
                let n = rng.below(2048).min(data.len() - at);
                let copy = data[at..at + n].to_vec();
                let to = rng.below(data.len() + 1).min(data.len());
                data.splice(to..to, copy);
            }
            _ => {
                let at = rng.below(len).min(data.len());
                let n = rng.below(64).min(data.len() - at);
                data.drain(at..at + n);
            }
        }
    }
    data
}

#[test]
fn mutated_pdfs_never_panic_or_hang() {
    let names = [
        "groff_latin_3pages.pdf",
        "ps2pdf_ascii_2pages.pdf",
        "encrypted_owner_only.pdf",
        "scanned_image_only_2pages.pdf",
        "bomb_16mib_content.pdf",
        "longtail/rtl_pango_arabic.pdf",
        "longtail/forms_handmade_need_appearances.pdf",
        "longtail/forms_handmade_annotations.pdf",
        "longtail/hidden_optional_content.pdf",
        "longtail/hidden_actual_text.pdf",
        "longtail/encrypted_aes_128_no_id.pdf",
        "longtail/cjk_zh_gbk_euc_h.pdf",
        "longtail/cjk_ja_90ms_rksj_v.pdf",
    ];
    let files: Vec<Vec<u8>> = names
        .iter()
        .map(|n| std::fs::read(support::fixture(n)).unwrap())
        .collect();
    let config = PdfConfig::default()
        .time_limit(Duration::from_secs(5))
        .max_stream_bytes(8 << 20)
        .max_text_bytes(1 << 20);
    let stage = PdfStage::new(config);
    let mut rng = Rng(0x0005_EED0_F9DF);
    let started = Instant::now();
    let (mut ok, mut errors) = (0, std::collections::BTreeMap::<&str, usize>::new());
    let mut runs = 0;
    while runs < 1500 && started.elapsed() < Duration::from_secs(8) {
        let base = &files[rng.below(files.len())];
        let other = &files[rng.below(files.len())];
        let data = mutate(&mut rng, base, other);
        let one = Instant::now();
        match stage.extract(&data) {
            Ok(text) => {
                ok += 1;
                assert!(text.text.len() <= 1 << 20);
            }
            Err(e) => *errors.entry(e.code()).or_default() += 1,
        }
        assert!(
            one.elapsed() < Duration::from_secs(6),
            "run {runs} took {:?}",
            one.elapsed()
        );
        runs += 1;
    }
    eprintln!(
        "{runs} mutations: {ok} read, errors {errors:?} in {:?}",
        started.elapsed()
    );
    assert!(runs >= 200, "too few runs in the time budget: {runs}");
}
