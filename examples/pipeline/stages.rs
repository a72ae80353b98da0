//! The stages this binary knows: the bundled ones (through `pipes_media::spec`), by report name.

#[cfg(feature = "nats")]
use anyhow::Result;
#[cfg(feature = "nats")]
use pipes_media::core::{Stage, StagePolicy};
use pipes_media::spec::Registry;
#[cfg(feature = "nats")]
use pipes_media::spec::{select, PipelineSpec, StageSpec};

/// The stages a pipeline file may name besides the bundled ones (none in this binary; a
/// program of your own registers its stages here, see `examples/custom_stage_file.rs`).
pub fn registry() -> Registry {
    Registry::new()
}

#[cfg(feature = "nats")]
/// `--stages a,b,c` (or `none`; default: every bundled stage built in), built in pipeline order
/// with default options.
pub fn parse(names: Option<&str>) -> Result<Vec<(Box<dyn Stage>, StagePolicy)>> {
    let mut spec = PipelineSpec::new("unused");
    spec.stages = match names {
        Some(names) => select(names, &[])?,
        None => StageSpec::bundled(),
    };
    Ok(spec.build_stages(&registry())?)
}
