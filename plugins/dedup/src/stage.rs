//! [`DedupStage`]: the stage that says which earlier message a message duplicates.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use pipes_media_core::{Item, Stage, StageContext, StageError};

use crate::config::DedupConfig;
use crate::error::DedupError;
use crate::facts::DedupFacts;
use crate::index::Index;
use crate::picture::{self, Picture, PictureLimits};

/// The `dedup` stage: the perceptual hash of each message's picture, and the earlier message it
/// duplicates, exactly (same SHA-256) or nearly (hashes within
/// [`DedupConfig::max_distance`]). Put it after `thumbnail`: it hashes the thumbnail that stage
/// wrote, so photos, video posters and PDF pages are compared alike.
///
/// Every item with media is accepted (exact matching needs no picture). Clones share one index.
#[derive(Debug, Clone, Default)]
pub struct DedupStage {
    config: Arc<DedupConfig>,
    indexes: Arc<Mutex<HashMap<PathBuf, Index>>>,
}

impl DedupStage {
    /// A stage with this configuration.
    pub fn new(config: DedupConfig) -> Self {
        Self {
            config: Arc::new(config),
            indexes: Arc::default(),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &DedupConfig {
        &self.config
    }

    /// The picture of `item` to hash, if it has one.
    fn picture(&self, item: &Item, cx: &StageContext) -> Option<Picture> {
        let thumbnail = item
            .artifacts()
            .iter()
            .rev()
            .find(|a| a.kind == "thumbnail")
            .and_then(|a| picture::artifact_file(cx.out_dir(), &a.path));
        match thumbnail {
            Some(path) => Some(Picture::Thumbnail(path)),
            None if self.config.hash_media && picture::is_image(item.blob().head()) => {
                Some(Picture::Media(item.blob().path().to_owned()))
            }
            None => None,
        }
    }
}

#[async_trait]
impl Stage for DedupStage {
    fn name(&self) -> &'static str {
        "dedup"
    }

    async fn process(&self, item: &mut Item, cx: &StageContext) -> Result<(), StageError> {
        let picture = self.picture(item, cx);
        let sha256 = *item.blob().sha256();
        let message_id = item.message().message_id.clone();
        let dir = self
            .config
            .index_dir
            .clone()
            .unwrap_or_else(|| cx.state_dir());
        let config = self.config.clone();
        let indexes = self.indexes.clone();
        let facts = cx
            .blocking(move || {
                let limits = PictureLimits {
                    max_bytes: config.max_picture_bytes,
                    max_pixels: config.max_pixels,
                    max_decode_bytes: config.max_decode_bytes,
                };
                let analysed = match &picture {
                    Some(Picture::Thumbnail(path)) => Some(picture::hash_file(path, &limits)?),
                    // The media only looked like an image: no picture, exact matching still.
                    Some(Picture::Media(path)) => picture::hash_file(path, &limits)
                        .inspect_err(|e| tracing::debug!(error = %e, "media not hashed"))
                        .ok(),
                    None => None,
                };
                let phash = analysed.map(|(hash, _)| hash);
                let low_detail =
                    analysed.is_some_and(|(_, unsteady)| unsteady > config.max_unsteady_bits);
                // A hash that is mostly noise is kept for the facts, not used for near matches.
                let near_hash = phash.filter(|_| !low_detail);
                let mut indexes = indexes.lock().unwrap_or_else(|p| p.into_inner());
                let index = match indexes.entry(dir) {
                    std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::hash_map::Entry::Vacant(e) => {
                        let index = Index::open(e.key(), config.max_entries)?;
                        e.insert(index)
                    }
                };
                let found = index.check_and_add(
                    sha256,
                    near_hash.map(|p| p.bits()),
                    &message_id,
                    config.max_distance,
                )?;
                Ok::<_, DedupError>(DedupFacts {
                    phash: phash.map(|p| p.to_string()),
                    phash_of: phash.and(picture.as_ref()).map(Picture::kind),
                    low_detail,
                    duplicate_of: found.as_ref().map(|f| f.message_id.clone()),
                    match_kind: found.as_ref().map(|f| f.kind),
                    distance: found.as_ref().map(|f| f.distance),
                    indexed: index.len(),
                })
            })
            .await?;
        if let Some(of) = &facts.duplicate_of {
            tracing::debug!(duplicate_of = %of, kind = ?facts.match_kind, "duplicate");
        }
        item.facts.insert(facts);
        Ok(())
    }
}
