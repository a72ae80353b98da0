//! Fuzz-style robustness: deterministic seeded mutations (bit flips, overwritten sizes,
//! truncations, splices) of real files must give a result or a typed error quickly, never a
//! panic or a hang.
#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use pipes_media_audio::AudioStage;
use pipes_media_testkit::{corpus, Rng};

fn sources() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect();
    // Small corpus files add the formats the fixtures lack (mp3, wav, flac, Ogg Opus, mp4 moov-first).
    if let Some(dir) = corpus::env_dir() {
        if corpus::has_manifest(&dir) {
            for e in corpus::manifest(&dir)
                .iter()
                .filter(|e| matches!(e["kind"].as_str(), Some("audio" | "video")))
            {
                if e["bytes"].as_u64().unwrap_or(u64::MAX) <= 200_000
                    && !e["path"].as_str().unwrap().starts_with("real/")
                {
                    let p = e["path"].as_str().unwrap();
                    out.push((p.to_owned(), std::fs::read(dir.join(p)).unwrap()));
                }
            }
        }
    }
    out.sort();
    out
}

/// One seeded mutation of `data`, aimed at size fields and the tail where parsers look.
fn mutate(rng: &mut Rng, data: &[u8], other: &[u8]) -> Vec<u8> {
    let mut d = data.to_vec();
    match rng.below(6) {
        0 => {
            for _ in 0..=rng.below(16) {
                let i = rng.below(d.len());
                d[i] ^= 1 << rng.below(8);
            }
        }
        1 => {
            // A random 32-bit value where sizes live: the first KB mostly.
            let i = rng
                .below(d.len().min(1024).saturating_sub(4))
                .min(d.len().saturating_sub(4));
            let v = match rng.below(4) {
                0 => 0,
                1 => 1,
                2 => u32::MAX,
                _ => rng.next_u64() as u32,
            };
            d[i..i + 4].copy_from_slice(&v.to_be_bytes());
        }
        2 => d.truncate(rng.below(d.len())),
        3 => {
            let cut = rng.below(d.len());
            let from = rng.below(other.len());
            d.truncate(cut);
            d.extend_from_slice(&other[from..]);
        }
        4 => {
            let i = rng.below(d.len());
            let n = rng.below(64).min(d.len() - i);
            let fill = if rng.below(2) == 0 { 0xFF } else { 0x00 };
            d[i..i + n].fill(fill);
        }
        _ => {
            // Tail damage: where Ogg, FLAC and mp3 parsers look last.
            let n = rng.below(d.len().min(4096));
            let len = d.len();
            for b in &mut d[len - n..] {
                *b = rng.next_u64() as u8;
            }
        }
    }
    d
}

#[test]
fn mutated_real_files_never_panic_or_hang() {
    let sources = sources();
    assert!(sources.len() >= 9);
    let stage = AudioStage::default();
    let mut rng = Rng(0x5EED_A0D1_0000_0001);
    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    let mut slowest = Duration::ZERO;
    // AUDIO_FUZZ_ROUNDS and AUDIO_FUZZ_SEED run longer or different campaigns by hand.
    let rounds = std::env::var("AUDIO_FUZZ_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(4000);
    if let Some(seed) = std::env::var("AUDIO_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        rng = Rng(seed);
    }
    let start = Instant::now();
    for n in 0..rounds {
        let (name, data) = &sources[n % sources.len()];
        let other = &sources[rng.below(sources.len())].1;
        let mutated = mutate(&mut rng, data, other);
        let t = Instant::now();
        let len = mutated.len() as u64;
        let result = std::panic::catch_unwind(|| {
            stage.probe_reader(&mut std::io::Cursor::new(&mutated), len, &[])
        });
        let took = t.elapsed();
        slowest = slowest.max(took);
        let result = result.unwrap_or_else(|_| panic!("panic on mutation {n} of {name}"));
        assert!(
            took < Duration::from_secs(10), // a hang guard, not a speed target
            "mutation {n} of {name} took {took:?}"
        );
        if let Ok(f) = &result {
            assert!(
                f.duration_s.is_finite() && f.duration_s <= 86_400.0,
                "{name}: {f:?}"
            );
        }
        let key = match result {
            Ok(_) => "ok".to_owned(),
            Err(e) => e.code().to_owned(),
        };
        *outcomes.entry(key).or_default() += 1;
    }
    eprintln!(
        "{rounds} mutations of {} files in {:?} (slowest {slowest:?}): {outcomes:?}",
        sources.len(),
        start.elapsed()
    );
}
