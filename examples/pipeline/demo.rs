//! The embedded simulator with the bundled sample media: what runs with no `PIPES_API_KEY`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use pipes_media_sim::{MessageSpec, Simulator, DEFAULT_USER};

/// The committed sample media.
pub fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/samples")
}

/// How many messages [`send_samples`] sends: one per sample file, a text and an unavailable one.
pub fn sample_count() -> Result<u64> {
    let files = std::fs::read_dir(samples_dir())
        .context("reading the bundled samples")?
        .flatten()
        .count() as u64;
    Ok(files + 2)
}

/// Starts a simulator on loopback.
pub async fn start() -> Result<Simulator> {
    Simulator::builder()
        .start()
        .await
        .context("starting the embedded Pipes.bot simulator")
}

/// Sends one message per sample file, plus a text message and an unavailable voice note, once
/// the pipeline is connected. Returns how many messages were sent.
pub async fn send_samples(sim: &Simulator) -> Result<u64> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while sim.connected_clients() == 0 {
        anyhow::ensure!(
            tokio::time::Instant::now() < deadline,
            "the pipeline did not connect to the embedded simulator"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let sent = sim
        .load_dir(DEFAULT_USER, &samples_dir())
        .context("reading the bundled samples")?
        .len() as u64;
    sim.send(
        DEFAULT_USER,
        MessageSpec::text("Hello! Sending you some files."),
    );
    sim.send(DEFAULT_USER, MessageSpec::unavailable("audio", "audio/ogg"));
    Ok(sent + 2)
}
