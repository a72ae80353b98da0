//! [`ThumbnailStage`]: the stage that writes a thumbnail next to each photo and sticker.

use std::sync::Arc;

use async_trait::async_trait;
use pipes_media_core::{Artifact, Blob, Item, Stage, StageContext, StageError};

use crate::config::ThumbnailConfig;
use crate::error::ThumbnailError;
use crate::facts::ThumbnailFacts;
use crate::location::{self, LocationFacts};
use crate::preview::{self, Source};
use crate::render;
use crate::sniff::SourceFormat;

/// The `thumbnail` stage: decodes JPEG, PNG, WebP and GIF (first frames), BMP, TIFF, TGA,
/// ICO/CUR, PSD, netpbm, QOI, DDS, JPEG 2000, AVIF and HEIC images, and writes a thumbnail that
/// fits [`ThumbnailConfig`]'s box as an artifact; with the `video` and `pdf` features also the
/// poster frame of MP4/3GP/MOV videos and page 1 of PDFs
/// ([`PreviewConfig`](crate::PreviewConfig)).
///
/// It accepts an item when the blob's first bytes are one of those formats, or when the best
/// known type ([`Item::content_type`]) or the file name's extension names one (a file that
/// claims to be an image but is not one then fails with `UNSUPPORTED` rather than being
/// skipped). Audio-only MP4s and everything else are skipped.
///
/// With [`ThumbnailConfig::strip_location`], an image carrying a GPS position is replaced by a
/// copy without it (before the thumbnail is made, so a picture that cannot be decoded is still
/// stored without its position) and [`LocationFacts`] are reported.
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
        .or_else(|| hint(item).map(|_| Source::Image))
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
        let hint = hint(item);
        let target = cx.artifact(
            "thumbnail",
            &format!("thumbnail.{}", config.format.extension()),
        );
        // The scratch path is asked for only when there is a location to strip (asking creates
        // the work directory).
        let scratch = config.strip_location.then(|| cx.clone());
        let outcome = cx
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
                if source != Source::Image {
                    // Videos are read as needed (never whole), PDFs within their own bounds.
                    let rendered = preview::render_path(&path, source, &config)
                        .map_err(StageError::from)
                        .and_then(|rendered| written(rendered, &target));
                    return Ok(Outcome {
                        stripped: None,
                        rendered,
                    });
                }
                let bytes = std::fs::read(&path).map_err(StageError::io)?;
                let format = SourceFormat::sniff_with_hint(&bytes, hint);
                let stripped = match (&scratch, format) {
                    (Some(cx), Some(format)) => {
                        location::strip_to(&bytes, format, || cx.scratch_path("location-stripped"))
                            .map_err(StageError::io)?
                    }
                    _ => None,
                };
                // The thumbnail is made from the bytes as received (the same pixels), so that
                // `hasGps` describes what arrived.
                let rendered = render::render(&bytes, &config, hint)
                    .map_err(StageError::from)
                    .and_then(|rendered| written(rendered, &target));
                Ok(Outcome { stripped, rendered })
            })
            .await?;
        if let Some(blob) = outcome.stripped {
            let received = item.replace_blob(blob);
            item.facts.insert(LocationFacts {
                location_stripped: true,
                received_sha256: received.sha256_hex(),
            });
        }
        let (facts, artifact) = outcome.rendered?;
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

/// What the blocking part of [`ThumbnailStage::process`] produced: the stripped copy (kept even
/// when the thumbnail fails) and the thumbnail.
struct Outcome {
    stripped: Option<Blob>,
    rendered: Result<(ThumbnailFacts, Artifact), StageError>,
}

/// Writes the thumbnail file; its facts name where.
fn written(
    rendered: render::Rendered,
    target: &pipes_media_core::stage::ArtifactTarget,
) -> Result<(ThumbnailFacts, Artifact), StageError> {
    let artifact = target.write(&rendered.bytes).map_err(StageError::io)?;
    let mut facts = rendered.facts;
    facts.path = artifact.path.clone();
    Ok((facts, artifact))
}

/// The format the item's best known type or file name names, for files without a magic number.
fn hint(item: &Item) -> Option<SourceFormat> {
    item.content_type()
        .and_then(|mime| SourceFormat::from_mime(&mime))
        .or_else(|| item.file_name().and_then(SourceFormat::from_file_name))
}
