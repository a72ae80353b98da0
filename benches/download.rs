//! Streaming download throughput: simulator over loopback → disk, with SHA-256 on the way.
//!
//! `cargo bench -p pipes-media-benches --bench download` (sizes 1, 16 and 256 MiB). Compare with
//! `benches/compare.sh`, which runs `curl -o` and `sha256sum` on the same bodies.

#![allow(missing_docs)] // criterion macros generate undocumented items

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use pipes_media::core::event::{AvailableMedia, MediaId};
use pipes_media::ingest::{ApiKey, ClientConfig, Downloader};
use pipes_media_sim::{generated_sha256, MediaSpec, Simulator, DEFAULT_USER};

fn download(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let sim = rt
        .block_on(Simulator::builder().start())
        .expect("simulator");
    let config = ClientConfig::new(&sim.base_url(), ApiKey::new(sim.api_key())).expect("config");
    let downloader = Downloader::new(config).expect("client").max_size(u64::MAX);
    let dir = tempfile::tempdir().expect("tempdir");

    let mut group = c.benchmark_group("download");
    group.measurement_time(Duration::from_secs(10));
    for mib in [1u64, 16, 256] {
        let len = mib * 1024 * 1024;
        let id = sim.add_media(DEFAULT_USER, MediaSpec::generated(len, mib, "video/mp4"));
        let media = AvailableMedia {
            id: MediaId::new(id),
            mime_type: Some("video/mp4".into()),
            file_name: None,
            byte_size: len,
        };
        let expected = generated_sha256(len, mib);
        let dest = dir.path().join(format!("{mib}.part"));
        group.throughput(Throughput::Bytes(len));
        group.sample_size(if mib >= 256 { 10 } else { 20 });
        group.bench_with_input(
            BenchmarkId::new("sha256_to_disk", format!("{mib}MiB")),
            &media,
            |b, media| {
                b.iter(|| {
                    let blob = rt
                        .block_on(downloader.download(media, &dest))
                        .expect("download");
                    assert_eq!(blob.sha256_hex(), expected);
                })
            },
        );
    }
    group.finish();
    rt.block_on(sim.shutdown());
}

criterion_group!(benches, download);
criterion_main!(benches);
