//! A stage of your own, named in a pipeline file: register `size_class` with a constructor
//! from its options, read `examples/pipelines/custom.toml` (which names it after the bundled
//! `mime`), run it (`cargo run --example custom_stage_file [-- FILE [OUT]]`), print the report.

#![allow(clippy::print_stdout, clippy::print_stderr)] // an example binary talks to its user

use anyhow::Result;
use pipes_media::prelude::*;
use pipes_media::spec::{PipelineSpec, Registry};
use serde::{Deserialize, Serialize};

/// The options a pipeline file gives `size_class`; unknown keys are refused with their line.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SizeClassOptions {
    /// Files smaller than this many bytes are `small`.
    #[serde(default = "default_small_below")]
    small_below: u64,
    /// A label copied into every fact.
    label: String,
}

fn default_small_below() -> u64 {
    100_000
}

/// Sorts files into small and large.
struct SizeClass(SizeClassOptions);

/// Its fact: `stages.size_class.facts` in `report.jsonl`.
#[derive(Serialize)]
struct SizeClassFacts {
    class: &'static str,
    label: String,
}
impl Fact for SizeClassFacts {}

#[async_trait]
impl Stage for SizeClass {
    fn name(&self) -> &'static str {
        "size_class"
    }

    async fn process(&self, item: &mut Item, _cx: &StageContext) -> Result<(), StageError> {
        let small = item.blob().len() < self.0.small_below;
        item.facts.insert(SizeClassFacts {
            class: if small { "small" } else { "large" },
            label: self.0.label.clone(),
        });
        Ok(())
    }
}

#[tokio::main]
async fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let file = args
        .next()
        .unwrap_or_else(|| "examples/pipelines/custom.toml".to_owned());
    // The name a file gives the stage, and how to build it from the file's options.
    let registry = Registry::new().stage("size_class", |options| {
        Ok(Box::new(SizeClass(options.parse()?)))
    });
    let mut spec = match PipelineSpec::from_file(&file) {
        Ok(spec) => spec,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    if let Some(out) = args.next() {
        spec.out = out.into();
    }
    let assembly = match spec.assemble(&registry) {
        Ok(assembly) => assembly,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let out = assembly.out.clone();
    assembly
        .launch()
        .await?
        .run_until(std::future::pending())
        .await?;
    print!("{}", std::fs::read_to_string(out.join("report.jsonl"))?);
    Ok(())
}
