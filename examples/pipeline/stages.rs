//! `--stages a,b,c`: the bundled stages by report name.

use anyhow::{bail, Result};
use pipes_media::core::{Stage, StagePolicy};

/// Every bundled stage built into this binary, in pipeline order.
pub fn available() -> Vec<&'static str> {
    let mut names = Vec::new();
    if cfg!(feature = "mime") {
        names.push("mime");
    }
    if cfg!(feature = "thumbnail") {
        names.push("thumbnail");
    }
    if cfg!(feature = "audio") {
        names.push("audio");
    }
    if cfg!(feature = "pdf") {
        names.push("pdf");
    }
    names
}

/// Parses `--stages`: `none`, or names separated by commas (default: all built in).
pub fn parse(spec: Option<&str>) -> Result<Vec<&'static str>> {
    let Some(spec) = spec else {
        return Ok(available());
    };
    if spec.trim() == "none" {
        return Ok(Vec::new());
    }
    let mut chosen = Vec::new();
    for name in spec.split([',', '|']).map(str::trim).filter(|s| !s.is_empty()) {
        let Some(known) = available().into_iter().find(|a| *a == name) else {
            bail!(
                "unknown stage {name:?}: built-in stages are {} (or `none`)",
                available().join(", ")
            );
        };
        if !chosen.contains(&known) {
            chosen.push(known);
        }
    }
    // Keep pipeline order whatever order they were given in.
    chosen.sort_by_key(|n| available().iter().position(|a| a == n));
    Ok(chosen)
}

/// Builds one stage by name with its default configuration.
pub fn build(name: &str) -> Result<(Box<dyn Stage>, StagePolicy)> {
    let policy = StagePolicy::default();
    let stage: Box<dyn Stage> = match name {
        #[cfg(feature = "mime")]
        "mime" => Box::new(pipes_media::mime::MimeStage::new(
            pipes_media::mime::MimeConfig::default(),
        )),
        #[cfg(feature = "thumbnail")]
        "thumbnail" => Box::new(pipes_media::thumbnail::ThumbnailStage::new(
            pipes_media::thumbnail::ThumbnailConfig::default(),
        )),
        #[cfg(feature = "audio")]
        "audio" => Box::new(pipes_media::audio::AudioStage::new(
            pipes_media::audio::AudioConfig::default(),
        )),
        #[cfg(feature = "pdf")]
        "pdf" => Box::new(pipes_media::pdf::PdfStage::new(
            pipes_media::pdf::PdfConfig::default(),
        )),
        other => bail!("stage {other:?} is not built into this binary"),
    };
    Ok((stage, policy))
}
