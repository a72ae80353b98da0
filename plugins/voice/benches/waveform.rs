//! Decode + measure speed of the `waveform` stage (no speech WAV): the committed 3 s voice
//! note, and the corpus's 61 s voice note and 3.7 s mp3 when the corpus is built.
//! `benches/compare_waveform.sh` puts the same work side by side with ffmpeg.

#![allow(missing_docs)] // criterion's macros make undocumented functions

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pipes_media_voice::{WaveformConfig, WaveformStage};

fn files() -> Vec<(String, PathBuf)> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = vec![(
        "voice_note_3s_opus".to_owned(),
        here.join("tests/fixtures/voice_note.ogg"),
    )];
    let corpus = std::env::var_os("PIPES_MEDIA_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| here.join("../../target/corpus"));
    for (name, rel) in [
        ("voice_61s_opus", "audio/voice_opus_mono16k_61_25s.ogg"),
        ("music_3_7s_mp3", "audio/mp3_cbr128_xing_3_7s.mp3"),
    ] {
        let path = corpus.join(rel);
        if path.is_file() {
            out.push((name.to_owned(), path));
        }
    }
    out
}

fn decode(c: &mut Criterion) {
    let stage = WaveformStage::new(WaveformConfig::default());
    let mut group = c.benchmark_group("waveform");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    for (name, path) in files() {
        let ms = stage
            .measure_path(&path)
            .map_or(0, |f| f.decoded_duration_ms);
        // Throughput in "elements" = milliseconds of audio decoded.
        group.throughput(Throughput::Elements(ms));
        group.bench_function(&name, |b| {
            b.iter(|| stage.measure_path(&path).map(|f| f.decoded_frames))
        });
    }
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
