//! What the gallery costs: rebuilding the data file of a 10 000-line report at open, and
//! appending one line as it is written (`cargo bench -p pipes-media-gallery`).

#![allow(missing_docs)] // criterion macros generate undocumented items

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pipes_media_core::Observer;
use pipes_media_gallery::Gallery;

/// A report line like the bundled stages write for a photo.
fn line(i: usize) -> String {
    format!(
        r#"{{"messageId":"msg_{i:06}","type":"image","status":"processed","media":{{"mediaId":"med_{i}","declaredMime":"image/jpeg","byteSize":189050,"fileName":"IMG_{i}.jpg"}},"blob":{{"path":"media/msg_{i:06}-IMG_{i}.jpg","size":189050,"sha256":"5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76b9719d911017c592"}},"stages":{{"mime":{{"status":"ok","facts":{{"sniffedMime":"image/jpeg","declaredMime":"image/jpeg","verdict":"match","dangerous":false,"format":"jpeg"}}}},"thumbnail":{{"status":"ok","facts":{{"path":"artifacts/msg_{i:06}/thumbnail.jpg","width":320,"height":240,"sourceWidth":1600,"sourceHeight":1200,"format":"jpeg","sourceFormat":"jpeg","orientation":1,"bytes":18000}}}},"audio":{{"status":"skipped","facts":{{}},"reason":"not applicable"}},"pdf":{{"status":"skipped","facts":{{}},"reason":"not applicable"}}}},"conversationId":"conv_1","fromNumber":"+447700900123","fromName":"Ana Ruiz","attempts":1,"receivedAt":"2026-01-01T00:00:00.000Z","finishedAt":"2026-01-01T00:00:01.000Z"}}"#
    )
}

fn gallery(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let report: String = (0..10_000).map(|i| line(i) + "\n").collect();
    std::fs::write(dir.path().join("report.jsonl"), &report).expect("report");
    let mut group = c.benchmark_group("gallery");
    group
        .measurement_time(Duration::from_secs(5))
        .sample_size(10);
    group.throughput(Throughput::Elements(10_000));
    group.bench_function("open_10000_lines", |b| {
        b.iter(|| {
            let report = pipes_media_core::Report::open(dir.path()).expect("report");
            let g = Gallery::open(dir.path(), &report).expect("opens");
            g.close();
        })
    });
    group.finish();

    let report = pipes_media_core::Report::open(dir.path()).expect("report");
    let g = Gallery::open(dir.path(), &report).expect("opens");
    let one = line(7);
    let mut group = c.benchmark_group("gallery");
    group.throughput(Throughput::Elements(1));
    group.bench_function("observe_one_line", |b| {
        b.iter(|| g.line_written(one.as_bytes(), false))
    });
    group.finish();
    g.close();
}

criterion_group!(benches, gallery);
criterion_main!(benches);
