//! A stage of your own, from start to finish: a type implementing `Stage` with its own fact in
//! the report, a one-off closure stage, and a pipeline running both against the simulator
//! (`cargo run --example custom_stage` prints the report lines).

#![allow(clippy::print_stdout)] // an example binary prints its result

use anyhow::Result;
use pipes_media::prelude::*;
use pipes_media_sim::{MediaSpec, MessageSpec, Simulator, DEFAULT_USER};
use serde::Serialize;

/// Counts the caption's words and measures how varied the file's first bytes are.
struct CaptionAndEntropy;

/// The fact it adds: `stages.caption_entropy.facts` in `report.jsonl`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CaptionAndEntropyFacts {
    caption_words: usize,
    /// Shannon entropy of the first 64 KiB, in bits per byte (8 = random or compressed).
    head_entropy: f64,
}
impl Fact for CaptionAndEntropyFacts {}

#[async_trait]
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
        let facts = CaptionAndEntropyFacts {
            caption_words,
            head_entropy,
        };
        item.facts.insert(facts);
        Ok(())
    }
}

fn entropy(bytes: &[u8]) -> f64 {
    let mut counts = [0u64; 256];
    bytes.iter().for_each(|b| counts[*b as usize] += 1);
    let n = bytes.len().max(1) as f64;
    let p = counts.iter().filter(|c| **c > 0).map(|c| *c as f64 / n);
    (p.map(|p| -p * p.log2()).sum::<f64>() * 1000.0).round() / 1000.0
}

#[derive(Serialize)] // the closure stage's fact
struct Big {
    big: bool,
}
impl Fact for Big {}

#[tokio::main]
async fn main() -> Result<()> {
    // A local Pipes.bot with two messages waiting.
    let sim = Simulator::builder().start().await?;
    let photo = MediaSpec::bytes(vec![0xff, 0xd8, 0xff, 0xe0, 1, 2, 3], "image/jpeg");
    let photo = sim.add_media(DEFAULT_USER, photo);
    let doc = MediaSpec::generated(200_000, 7, "application/pdf").file_name("notes.pdf");
    let doc = sim.add_media(DEFAULT_USER, doc);
    let (image, document) = (
        MessageSpec::media("image", &photo),
        MessageSpec::media("document", &doc),
    );
    sim.send(DEFAULT_USER, image.caption("a view from the office"));
    sim.send(DEFAULT_USER, document.caption("meeting notes"));

    let out = tempfile::tempdir()?;
    let config = ClientConfig::new(&sim.base_url(), ApiKey::new(sim.api_key()))?;
    let big = stage_fn("big", |item, _cx| {
        let big = item.blob().len() > 100_000;
        item.facts.insert(Big { big });
        Ok(())
    });
    Pipeline::builder()
        .out_dir(out.path())
        .source(WebSocketSource::new(config.clone()))
        .fetcher(Downloader::new(config)?)
        .stage(CaptionAndEntropy)
        .stage(big)
        .max_messages(2)
        .build()?
        .run()
        .await?;

    let report = std::fs::read_to_string(out.path().join("report.jsonl"))?;
    print!("{report}");
    sim.shutdown().await;
    Ok(())
}
