//! Prints the text the `pdf` stage extracts from one PDF: `pdf_text FILE` (pages separated by
//! form feeds, as in the text artifact), then the page count on stderr.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use pipes_media_pdf::{PdfConfig, PdfStage};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: pdf_text FILE")?;
    let bytes = std::fs::read(&path)?;
    let text = PdfStage::new(PdfConfig::default()).extract(&bytes)?;
    print!("{}", text.text);
    eprintln!("{path}: {} pages", text.pages);
    Ok(())
}
