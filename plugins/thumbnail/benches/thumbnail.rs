//! Criterion bench of the thumbnail path (one thread), on the corpus's JPEG photos and a few
//! other formats when `PIPES_MEDIA_CORPUS` (or `<workspace>/target/corpus`) is there, else on
//! the committed fixtures. Throughput is in images; `benches/compare_thumbnail.sh` gives
//! images/s and MP/s side by side with vipsthumbnail.

#![allow(missing_docs)] // criterion_group! generates an undocumented function.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pipes_media_thumbnail::{ThumbnailConfig, ThumbnailStage};

fn corpus() -> Option<PathBuf> {
    [
        std::env::var_os("PIPES_MEDIA_CORPUS").map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/corpus")),
    ]
    .into_iter()
    .flatten()
    .find(|d| d.join("manifest.jsonl").is_file())
}

fn files_in(dir: &Path, keep: impl Fn(&str) -> bool) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .into_iter()
        .filter(|p| keep(&p.file_name().unwrap_or_default().to_string_lossy()))
        .filter_map(|p| std::fs::read(p).ok())
        .collect()
}

fn bench(c: &mut Criterion) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let (photos, others) = match corpus() {
        Some(root) => {
            let mut photos = files_in(&root.join("image"), |n| {
                n.starts_with("jpeg_") && n.ends_with(".jpg")
            });
            photos.extend(files_in(&root.join("real/ukui-wallpapers"), |n| {
                n.ends_with(".jpg")
            }));
            let others = files_in(&root.join("image"), |n| {
                n == "png_rgb_1920x1080.png"
                    || n == "webp_lossy_1024x768.webp"
                    || n == "sticker_animated_512x512.webp"
            });
            (photos, others)
        }
        None => (
            files_in(&fixtures, |n| n.ends_with(".jpg")),
            files_in(&fixtures, |n| !n.ends_with(".jpg")),
        ),
    };
    let stage = ThumbnailStage::new(ThumbnailConfig::default());
    let mut group = c.benchmark_group("thumbnail");
    group.sample_size(10);
    for (name, set) in [("jpeg_photos", &photos), ("other_formats", &others)] {
        if set.is_empty() {
            continue;
        }
        group.throughput(Throughput::Elements(set.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                for bytes in set {
                    let _ = std::hint::black_box(stage.render(bytes));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
