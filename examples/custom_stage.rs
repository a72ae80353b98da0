//! A stage of your own, from start to finish: a type implementing `Stage` with its own fact in
//! the report, a one-off closure stage, and a pipeline running both against the simulator.
//!
//! Run it with `cargo run --example custom_stage`; it prints the report lines.

#![allow(clippy::print_stdout)] // an example binary prints its result

use anyhow::Result;
use pipes_media::prelude::*;
use pipes_media_sim::{MediaSpec, MessageSpec, Simulator, DEFAULT_USER};
use serde::Serialize;

/// Counts the caption's words and measures how varied the file's bytes are.
struct CaptionAndEntropy;

/// The fact it adds: appears as `stages.caption_entropy.facts` in `report.jsonl`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CaptionAndEntropyFacts {
    caption_words: usize,
    /// Shannon entropy of the first 64 KiB, in bits per byte (8 = random or compressed).
    head_entropy: f64,
}
impl Fact for CaptionAndEntropyFacts {}

#[async_trait::async_trait]
impl Stage for CaptionAndEntropy {
    fn name(&self) -> &'static str {
        "caption_entropy"
    }

    async fn process(&self, item: &mut Item, cx: &StageContext) -> Result<(), StageError> {
        let caption_words = item.message().text.split_whitespace().count();
        let head = item.blob().head().to_vec();
        // CPU work goes to the blocking pool, never onto the async runtime.
        let head_entropy = cx
            .blocking(move || Ok::<_, StageError>(entropy(&head)))
            .await?;
        item.facts.insert(CaptionAndEntropyFacts {
            caption_words,
            head_entropy,
        });
        Ok(())
    }
}

fn entropy(bytes: &[u8]) -> f64 {
    let mut counts = [0u64; 256];
    bytes.iter().for_each(|b| counts[*b as usize] += 1);
    let n = bytes.len().max(1) as f64;
    let bits: f64 = counts
        .iter()
        .filter(|c| **c > 0)
        .map(|c| {
            let p = *c as f64 / n;
            -p * p.log2()
        })
        .sum();
    (bits * 1000.0).round() / 1000.0
}

/// A one-off fact for the closure stage.
#[derive(Serialize)]
struct Big {
    big: bool,
}
impl Fact for Big {}

#[tokio::main]
async fn main() -> Result<()> {
    // A local Pipes.bot with three messages waiting.
    let sim = Simulator::builder().start().await?;
    let photo = sim.add_media(
        DEFAULT_USER,
        MediaSpec::bytes(vec![0xff, 0xd8, 0xff, 0xe0, 1, 2, 3], "image/jpeg"),
    );
    let doc = sim.add_media(
        DEFAULT_USER,
        MediaSpec::generated(200_000, 7, "application/pdf").file_name("notes.pdf"),
    );
    sim.send(
        DEFAULT_USER,
        MessageSpec::media("image", &photo).caption("the view from the office"),
    );
    sim.send(
        DEFAULT_USER,
        MessageSpec::media("document", &doc).caption("meeting notes"),
    );
    sim.send(DEFAULT_USER, MessageSpec::text("thanks!"));

    let out = tempfile::tempdir()?;
    let config = ClientConfig::new(&sim.base_url(), ApiKey::new(sim.api_key()))?;
    let summary = Pipeline::builder()
        .out_dir(out.path())
        .source(WebSocketSource::new(config.clone()))
        .fetcher(Downloader::new(config)?)
        .stage(CaptionAndEntropy)
        .stage(stage_fn("big", |item, _cx| {
            item.facts.insert(Big {
                big: item.blob().len() > 100_000,
            });
            Ok(())
        }))
        .max_messages(3)
        .build()?
        .run()
        .await?;

    println!("{} messages finished", summary.metrics.finished);
    print!(
        "{}",
        std::fs::read_to_string(out.path().join("report.jsonl"))?
    );
    sim.shutdown().await;
    Ok(())
}
