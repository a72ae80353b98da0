//! `--stages a,b,c`: the bundled stages by report name.

use anyhow::{bail, Result};
use pipes_media::core::Stage;

type Constructor = fn() -> Box<dyn Stage>;

/// Every bundled stage built into this binary, in pipeline order, with its constructor.
fn registry() -> Vec<(&'static str, Constructor)> {
    #[allow(unused_mut)] // empty when no stage feature is on
    let mut stages: Vec<(&'static str, Constructor)> = Vec::new();
    #[cfg(feature = "mime")]
    stages.push(("mime", || {
        Box::new(pipes_media::mime::MimeStage::new(Default::default()))
    }));
    #[cfg(feature = "thumbnail")]
    stages.push(("thumbnail", || {
        Box::new(pipes_media::thumbnail::ThumbnailStage::new(
            Default::default(),
        ))
    }));
    #[cfg(feature = "audio")]
    stages.push(("audio", || {
        Box::new(pipes_media::audio::AudioStage::new(Default::default()))
    }));
    #[cfg(feature = "pdf")]
    stages.push(("pdf", || {
        Box::new(pipes_media::pdf::PdfStage::new(Default::default()))
    }));
    stages
}

/// The names of the stages built in.
pub fn available() -> Vec<&'static str> {
    registry().into_iter().map(|(name, _)| name).collect()
}

/// Parses `--stages` (`none`, or names separated by commas; default: all built in) and builds
/// the stages in pipeline order.
pub fn parse(spec: Option<&str>) -> Result<Vec<Box<dyn Stage>>> {
    let registry = registry();
    let wanted: Vec<&str> = match spec.map(str::trim) {
        None => registry.iter().map(|(name, _)| *name).collect(),
        Some("none") => Vec::new(),
        Some(spec) => spec
            .split([',', '|'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect(),
    };
    for name in &wanted {
        if !registry.iter().any(|(known, _)| known == name) {
            bail!(
                "unknown stage {name:?}: built-in stages are {} (or `none`)",
                available().join(", ")
            );
        }
    }
    Ok(registry
        .iter()
        .filter(|(name, _)| wanted.contains(name))
        .map(|(_, build)| build())
        .collect())
}
