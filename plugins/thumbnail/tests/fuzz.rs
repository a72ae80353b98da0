//! Deterministic seeded mutations of real files (bit flips, truncations, splices, overwritten
//! runs): the stage must return a thumbnail or a typed error, never panic or hang.

#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::path::Path;
use std::time::{Duration, Instant};

use pipes_media_testkit::Rng;
use pipes_media_thumbnail::{ThumbnailConfig, ThumbnailStage};

/// One to three seeded mutations of `original`, biased to its first 512 bytes.
fn mutate(rng: &mut Rng, original: &[u8], other: &[u8]) -> Vec<u8> {
    let mut data = original.to_vec();
    // Mutations near the start hit headers and tables, where the interesting bugs live.
    let near_start = |rng: &mut Rng, len: usize| {
        if rng.below(2) == 0 {
            rng.below(len.min(512))
        } else {
            rng.below(len)
        }
    };
    for _ in 0..=rng.below(3) {
        if data.is_empty() {
            break;
        }
        match rng.below(5) {
            0 => {
                for _ in 0..=rng.below(8) {
                    let i = near_start(rng, data.len());
                    data[i] ^= 1 << rng.below(8);
                }
            }
            1 => {
                let cut = rng.below(data.len());
                data.truncate(cut);
            }
            2 => {
                let at = near_start(rng, data.len());
                let from = rng.below(other.len());
                let len = rng.below(256).min(other.len() - from);
                let end = (at + len).min(data.len());
                data.splice(at..end, other[from..from + len].iter().copied());
            }
            3 => {
                let at = near_start(rng, data.len());
                let value = [0x00, 0xFF, 0x7F, 0x80][rng.below(4)];
                let end = (at + 1 + rng.below(16)).min(data.len());
                data[at..end].fill(value);
            }
            _ => {
                let at = near_start(rng, data.len());
                let value = (rng.next_u64() & 0xFF) as u8;
                data.insert(at, value);
            }
        }
    }
    data
}

#[test]
fn mutated_real_files_never_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let originals: Vec<Vec<u8>> = files.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let stage = ThumbnailStage::new(ThumbnailConfig::default().max_side(64));
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let per_file = 120;
    let (mut ok, mut errors) = (0, std::collections::BTreeMap::<String, u32>::new());
    let start = Instant::now();
    for (i, original) in originals.iter().enumerate() {
        let other = &originals[(i + 1) % originals.len()];
        for n in 0..per_file {
            let data = mutate(&mut rng, original, other);
            let one = Instant::now();
            let result = std::panic::catch_unwind(|| stage.render(&data));
            let took = one.elapsed();
            match result {
                Ok(Ok(_)) => ok += 1,
                Ok(Err(e)) => *errors.entry(e.code().to_owned()).or_default() += 1,
                Err(_) => panic!("{} mutation {n} panicked", files[i].display()),
            }
            assert!(
                took < Duration::from_secs(5),
                "{} mutation {n} took {took:?}",
                files[i].display()
            );
        }
    }
    eprintln!(
        "{} mutations in {:?}: {ok} thumbnails, errors {errors:?}",
        originals.len() * per_file,
        start.elapsed()
    );
}
