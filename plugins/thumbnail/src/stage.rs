//! [`ThumbnailStage`]: the stage that writes a thumbnail next to each photo and sticker.

use std::sync::Arc;

use async_trait::async_trait;
use pipes_media_core::{Item, Stage, StageContext, StageError};

use crate::config::ThumbnailConfig;
use crate::error::ThumbnailError;
use crate::facts::ThumbnailFacts;
use crate::preview::{self, Source};

/// The `thumbnail` stage: decodes JPEG, PNG, WebP (first frame), GIF (first frame), BMP and TIFF
/// images, and writes a thumbnail that fits [`ThumbnailConfig`]'s box as an artifact; with the
/// `video` and `pdf` features also the poster frame of MP4/3GP/MOV videos and page 1 of PDFs
/// ([`PreviewConfig`](crate::PreviewConfig)).
///
/// It accepts an item when the blob's first bytes are one of those formats, or when the best
/// known type ([`Item::content_type`]) names one (a file that claims to be an image but is not
/// one then fails with `UNSUPPORTED` rather than being skipped). Audio-only MP4s and
/// everything else are skipped.
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

    /// What `item` is a picture of, if anything this stage reads.
    fn source(&self, item: &Item) -> Option<Source> {
        Source::detect(
            item.blob().head(),
            item.content_type().as_deref(),
            &self.config,
        )
    }

    /// Makes the thumbnail of a whole file in memory (an image, or a video or PDF when its bytes
    /// are one and the build reads them), without writing anything. CPU-bound and blocking:
    /// [`Stage::process`] runs it on the blocking pool.
    pub fn render(&self, bytes: &[u8]) -> Result<Thumbnail, ThumbnailError> {
        preview::render_bytes(bytes, &self.config).map(|r| Thumbnail {
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
        self.source(item).is_some()
    }

    async fn process(&self, item: &mut Item, cx: &StageContext) -> Result<(), StageError> {
        let config = self.config.clone();
        let source = self.source(item).unwrap_or(Source::Image);
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
                let rendered = preview::render_path(&path, source, &config)?;
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
