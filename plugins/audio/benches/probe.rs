//! Files per second of the `audio` stage's parser over the corpus audio and video files
//! (`PIPES_MEDIA_CORPUS`, else `<workspace>/target/corpus`, else the committed fixtures).
#![allow(missing_docs)]

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pipes_media_audio::AudioStage;

fn files() -> Vec<PathBuf> {
    let env = std::env::var_os("PIPES_MEDIA_CORPUS").map(PathBuf::from);
    let fallback = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/corpus");
    if let Some(dir) = env
        .into_iter()
        .chain([fallback])
        .find(|d| d.join("manifest.jsonl").is_file())
    {
        let manifest = std::fs::read_to_string(dir.join("manifest.jsonl")).unwrap_or_default();
        let files: Vec<PathBuf> = manifest
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|e| matches!(e["kind"].as_str(), Some("audio" | "video")))
            .filter_map(|e| e["path"].as_str().map(|p| dir.join(p)))
            .collect();
        if !files.is_empty() {
            return files;
        }
    }
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::read_dir(fixtures)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let files = files();
    let stage = AudioStage::default();
    let mut group = c.benchmark_group("audio");
    group.throughput(Throughput::Elements(files.len() as u64));
    group.bench_function(format!("probe_{}_files", files.len()), |b| {
        b.iter(|| {
            for f in &files {
                let _ = std::hint::black_box(stage.probe_path(f));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
