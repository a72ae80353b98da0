//! The whole pipeline on a mixed batch: the simulator sends the bundled samples (repeated) and,
//! when the corpus is present, its valid files; the pipeline downloads them and runs every
//! bundled stage. Reports messages/s (criterion's elements/s).
//!
//! `cargo bench -p pipes-media-benches --bench pipeline` (set `PIPES_MEDIA_CORPUS` for the corpus batch).

#![allow(missing_docs, clippy::print_stderr)] // criterion macros generate undocumented items; SKIP notes

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pipes_media::prelude::*;
use pipes_media_sim::{MediaSpec, MessageSpec, Simulator, DEFAULT_USER};

fn files_of(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn corpus_files() -> Vec<PathBuf> {
    let root = std::env::var_os("PIPES_MEDIA_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/corpus"));
    let Ok(manifest) = std::fs::read_to_string(root.join("manifest.jsonl")) else {
        return Vec::new();
    };
    manifest
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|e| e["expect"] == "ok" && e["kind"] != "hostile")
        .filter_map(|e| e["path"].as_str().map(|p| root.join(p)))
        .collect()
}

/// Sends one message per file to the simulator.
fn send_all(sim: &Simulator, files: &[PathBuf]) -> u64 {
    for path in files {
        let mime = pipes_media_sim::mime_for_path(path);
        let kind = pipes_media_sim::kind_for_mime(mime);
        let media = sim.add_media(DEFAULT_USER, MediaSpec::file(path, mime));
        sim.send(DEFAULT_USER, MessageSpec::media(kind, &media));
    }
    files.len() as u64
}

fn run_batch(rt: &tokio::runtime::Runtime, sim: &Simulator, files: &[PathBuf]) {
    rt.block_on(async {
        let out = tempfile::tempdir().expect("tempdir");
        let n = send_all(sim, files);
        let config =
            ClientConfig::new(&sim.base_url(), ApiKey::new(sim.api_key())).expect("config");
        Pipeline::builder()
            .out_dir(out.path())
            .source(WebSocketSource::new(config.clone()))
            .fetcher(Downloader::new(config).expect("client"))
            .queue(Arc::new(MemoryQueue::new(64)))
            .stage(MimeStage::new(MimeConfig::default()))
            .stage(ThumbnailStage::new(ThumbnailConfig::default()))
            .stage(AudioStage::new(AudioConfig::default()))
            .stage(PdfStage::new(PdfConfig::default()))
            .max_messages(n)
            // A lost message would otherwise stall the bench; fail it instead.
            .idle_exit(Duration::from_secs(10))
            .build()
            .expect("pipeline")
            .run()
            .await
            .expect("run");
        let lines = std::fs::read_to_string(out.path().join("report.jsonl"))
            .map(|r| r.lines().count())
            .unwrap_or(0);
        assert_eq!(lines as u64, n, "every message has its report line");
    });
}

fn pipeline(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let sim = rt
        .block_on(
            Simulator::builder()
                .drain_interval(Duration::from_millis(1))
                // One sender sends the whole batch before the pipeline connects; the protocol's
                // 100-per-sender offline queue would drop the oldest past 100.
                .queue_capacity(100_000)
                .start(),
        )
        .expect("simulator");
    let samples = files_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/samples"));
    let batch: Vec<PathBuf> = samples
        .iter()
        .cycle()
        .take(samples.len() * 10)
        .cloned()
        .collect();
    let mut group = c.benchmark_group("pipeline");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    group.throughput(Throughput::Elements(batch.len() as u64));
    group.bench_function("samples_x10_all_stages", |b| {
        b.iter(|| run_batch(&rt, &sim, &batch))
    });
    let corpus = corpus_files();
    if corpus.is_empty() {
        eprintln!("SKIP corpus batch: corpus not found (set PIPES_MEDIA_CORPUS)");
    } else {
        group.throughput(Throughput::Elements(corpus.len() as u64));
        group.bench_function("corpus_all_stages", |b| {
            b.iter(|| run_batch(&rt, &sim, &corpus))
        });
    }
    group.finish();
    rt.block_on(sim.shutdown());
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
