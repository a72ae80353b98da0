//! [`ThumbnailStage`]: the stage that writes a thumbnail next to each photo and sticker.

use std::sync::Arc;

use async_trait::async_trait;
use pipes_media_core::{Item, Stage, StageContext, StageError};

use crate::config::ThumbnailConfig;
use crate::error::ThumbnailError;
use crate::facts::ThumbnailFacts;
use crate::render;
use crate::sniff::SourceFormat;

/// The `thumbnail` stage: decodes JPEG, PNG, WebP (first frame), GIF (first frame), BMP and TIFF
/// images, and writes a thumbnail that fits [`ThumbnailConfig`]'s box as an artifact.
///
/// It accepts an item when the blob's first bytes are one of those formats, or when the best
/// known type ([`Item::content_type`]) names one (a file that claims to be an image but is not
/// one then fails with `UNSUPPORTED` rather than being skipped). Everything else is skipped.
#[derive(Debug, Clone, Default)]
pub struct ThumbnailStage {
    config: Arc<ThumbnailConfig>,
}

/// A thumbnail made by [`ThumbnailStage::render`]: the encoded file and its facts (with an
/// empty `path`, as nothing was written).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Thumbnail {
    /// The encoded thumbnail file.
    pub bytes: Vec<u8>,
    /// What the stage would report.
    pub facts: ThumbnailFacts,
}

impl ThumbnailStage {
    /// A stage with this configuration.
    pub fn new(config: ThumbnailConfig) -> Self {
        Self {
            config: Arc::new(config),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &ThumbnailConfig {
        &self.config
    }

    /// Makes the thumbnail of a whole image file in memory, without writing anything. CPU-bound
    /// and blocking: [`Stage::process`] runs it on the blocking pool.
    pub fn render(&self, bytes: &[u8]) -> Result<Thumbnail, ThumbnailError> {
        render::render(bytes, &self.config).map(|r| Thumbnail {
            bytes: r.bytes,
            facts: r.facts,
        })
    }
}

#[async_trait]
impl Stage for ThumbnailStage {
    fn name(&self) -> &'static str {
        "thumbnail"
    }

    fn accepts(&self, item: &Item) -> bool {
        SourceFormat::sniff(item.blob().head()).is_some()
            || item
                .content_type()
                .is_some_and(|mime| SourceFormat::from_mime(&mime).is_some())
    }

    async fn process(&self, item: &mut Item, cx: &StageContext) -> Result<(), StageError> {
        let config = self.config.clone();
        let path = item.blob().path().to_owned();
        let len = item.blob().len();
        let target = cx.artifact(
            "thumbnail",
            &format!("thumbnail.{}", config.format.extension()),
        );
        let (facts, artifact) = cx
            .blocking(move || {
                if len > config.max_file_bytes {
                    return Err(StageError::new(
                        "TOO_LARGE",
                        format!(
                            "{len} bytes is over the {}-byte limit",
                            config.max_file_bytes
                        ),
                    ));
                }
                let bytes = std::fs::read(&path).map_err(StageError::io)?;
                let rendered = render::render(&bytes, &config)?;
                let artifact = target.write(&rendered.bytes).map_err(StageError::io)?;
                let mut facts = rendered.facts;
                facts.path = target
                    .relative_path()
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                Ok((facts, artifact))
            })
            .await?;
        tracing::debug!(
            width = facts.width,
            height = facts.height,
            source = %facts.source_format,
            "thumbnail written"
        );
        item.add_artifact(artifact);
        item.facts.insert(facts);
        Ok(())
    }
}
