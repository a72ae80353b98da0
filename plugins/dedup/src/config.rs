//! [`DedupConfig`]: the match threshold, the index's size and place, and decode bounds.

use std::path::PathBuf;

/// How the `dedup` stage matches and where it keeps its index.
///
/// ```
/// use pipes_media_dedup::DedupConfig;
/// let config = DedupConfig::default().max_distance(6).max_entries(10_000);
/// assert_eq!(config.max_distance, 6);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DedupConfig {
    /// Largest Hamming distance between two perceptual hashes that still counts as the same
    /// picture (`match: "near"`). Default 6, calibrated on the corpus photos
    /// (`tests/dedup_calibration.rs`): a copy re-encoded at JPEG quality 60 and half the size
    /// stays within 2, other shots of one scene (shifted or zoomed) are 8 or more apart,
    /// different pictures 16 or more.
    pub max_distance: u32,
    /// Pictures whose hash has more unsteady bits than this
    /// ([`PerceptualHash::analyse`](crate::PerceptualHash::analyse): flat colours, smooth
    /// gradients) are matched exactly only (`lowDetail: true`): their hash is mostly noise.
    /// Default 48: on the corpus photos the pictures above it (56 and more: flat graphics,
    /// transparent stickers) were exactly those whose forwarded copy came 20 or more bits away,
    /// while every photo at or below it stayed within 2.
    pub max_unsteady_bits: u32,
    /// Most messages remembered; the oldest are forgotten first. Default 100 000 (about 10 MB
    /// of index file and 15 MB of memory).
    pub max_entries: usize,
    /// The index directory. Default: the stage's state directory (`<out>/state/dedup`), one per
    /// process. Several processes given one directory share one index (see the crate docs).
    pub index_dir: Option<PathBuf>,
    /// Hash the media itself when it is an image and no thumbnail came before this stage
    /// (slower: the whole image is decoded). Default true.
    pub hash_media: bool,
    /// Largest picture file decoded for hashing. Default 100 MiB.
    pub max_picture_bytes: u64,
    /// Pictures declaring more pixels are not hashed (`TOO_MANY_PIXELS`). Default 100 megapixels.
    pub max_pixels: u64,
    /// Decode-memory bound. Default 512 MiB.
    pub max_decode_bytes: u64,
}

impl Default for DedupConfig {
    fn default() -> Self {
        Self {
            max_distance: 6,
            max_unsteady_bits: 48,
            max_entries: 100_000,
            index_dir: None,
            hash_media: true,
            max_picture_bytes: 100 << 20,
            max_pixels: 100_000_000,
            max_decode_bytes: 512 << 20,
        }
    }
}

impl DedupConfig {
    /// Sets [`DedupConfig::max_distance`].
    pub fn max_distance(mut self, distance: u32) -> Self {
        self.max_distance = distance;
        self
    }

    /// Sets [`DedupConfig::max_entries`].
    pub fn max_entries(mut self, entries: usize) -> Self {
        self.max_entries = entries;
        self
    }

    /// Sets [`DedupConfig::index_dir`].
    pub fn index_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.index_dir = Some(dir.into());
        self
    }

    /// Sets [`DedupConfig::hash_media`].
    pub fn hash_media(mut self, on: bool) -> Self {
        self.hash_media = on;
        self
    }
}
