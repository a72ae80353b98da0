//! Times text extraction over PDF files, single-threaded: `pdf_bench [--rounds N] FILE...`.
//! Prints pages/s and MB/s; `benches/compare_pdf.sh` runs it beside `pdftotext`.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::time::Instant;

use pipes_media_pdf::{PdfConfig, PdfStage};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut rounds = 3usize;
    if let Some(i) = args.iter().position(|a| a == "--rounds") {
        rounds = args.get(i + 1).ok_or("--rounds needs a number")?.parse()?;
        args.drain(i..i + 2);
    }
    if args.is_empty() {
        return Err("usage: pdf_bench [--rounds N] FILE...".into());
    }
    let files: Vec<(String, Vec<u8>)> = args
        .iter()
        .map(|p| Ok((p.clone(), std::fs::read(p)?)))
        .collect::<Result<_, std::io::Error>>()?;
    let stage = PdfStage::new(PdfConfig::default());
    let (mut pages, mut bytes, mut chars) = (0usize, 0usize, 0usize);
    let started = Instant::now();
    for _ in 0..rounds {
        for (path, data) in &files {
            match stage.extract(data) {
                Ok(text) => {
                    pages += text.pages;
                    chars += text.text.len();
                }
                Err(e) => eprintln!("{path}: {e}"),
            }
            bytes += data.len();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "ours: {} files x {rounds} rounds, {pages} pages, {:.1} MB, {chars} text bytes in {secs:.3} s: {:.0} pages/s, {:.1} MB/s",
        files.len(),
        bytes as f64 / 1e6,
        pages as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
    Ok(())
}
