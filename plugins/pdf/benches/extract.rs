//! Text extraction speed over the corpus PDFs: one pass over every PDF with a text truth,
//! reported as pages/s (`pdf_pages`) and MB/s (`pdf_bytes`). Needs the corpus
//! (`PIPES_MEDIA_CORPUS`, else `<workspace>/target/corpus`).
#![allow(clippy::print_stderr, clippy::unwrap_used, missing_docs)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pipes_media_pdf::{PdfConfig, PdfStage};

fn corpus_pdfs() -> Vec<Vec<u8>> {
    let dir = std::env::var_os("PIPES_MEDIA_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/corpus"));
    let Ok(manifest) = std::fs::read_to_string(dir.join("manifest.jsonl")) else {
        eprintln!("SKIP: corpus not found (set PIPES_MEDIA_CORPUS)");
        return Vec::new();
    };
    manifest
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|e| {
            e.get("text_file").is_some_and(|t| t.is_string()) && e.get("password").is_none()
        })
        .filter_map(|e| std::fs::read(dir.join(e["path"].as_str()?)).ok())
        .collect()
}

fn extract(c: &mut Criterion) {
    let files = corpus_pdfs();
    if files.is_empty() {
        return;
    }
    let stage = PdfStage::new(PdfConfig::default());
    let pages: usize = files
        .iter()
        .map(|f| stage.extract(f).map_or(0, |t| t.pages))
        .sum();
    let bytes: usize = files.iter().map(Vec::len).sum();
    let pass = || {
        for f in &files {
            let _ = std::hint::black_box(stage.extract(f));
        }
    };
    let mut group = c.benchmark_group("pdf_pages");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Elements(pages as u64));
    group.bench_function(format!("corpus_{}_files", files.len()), |b| b.iter(pass));
    group.finish();
    let mut group = c.benchmark_group("pdf_bytes");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(format!("corpus_{}_files", files.len()), |b| b.iter(pass));
    group.finish();
}

criterion_group!(benches, extract);
criterion_main!(benches);
