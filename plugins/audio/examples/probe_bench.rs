//! Measures files with the `audio` stage's parser and prints files/s (used by
//! `benches/compare_audio.sh`); `--print` shows each file's facts as JSON instead.
//!
//! `cargo run --release -p pipes-media-audio --example probe_bench -- [--rounds N] [--print] FILE...`
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::PathBuf;
use std::time::Instant;

use pipes_media_audio::{AudioConfig, AudioStage};

fn main() {
    let mut rounds = 1usize;
    let mut print = false;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => rounds = args.next().and_then(|n| n.parse().ok()).unwrap_or(1),
            "--print" => print = true,
            _ => files.push(PathBuf::from(arg)),
        }
    }
    let stage = AudioStage::new(AudioConfig::default());
    if print {
        for f in &files {
            match stage.probe_path(f) {
                Ok(facts) => println!(
                    "{}: {}",
                    f.display(),
                    serde_json::to_string(&facts).unwrap_or_default()
                ),
                Err(e) => println!("{}: {}: {e}", f.display(), e.code()),
            }
        }
        return;
    }
    let start = Instant::now();
    let mut errors = 0;
    for _ in 0..rounds {
        for f in &files {
            errors += usize::from(stage.probe_path(f).is_err());
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let n = files.len() * rounds;
    println!(
        "files={n} seconds={secs:.4} files_per_s={:.1} errors={errors}",
        n as f64 / secs
    );
}
