//! [`AudioStage`] and [`AudioConfig`].

use std::fs::File;
use std::path::Path;
use std::time::Duration;

use async_trait::async_trait;
use pipes_media_core::{Item, Stage, StageContext, StageError};

use pipes_media_probe::{detect, measure, Limits, ReadSeek, Source};

use crate::facts::AudioFacts;
use crate::AudioError;

/// How much of a file is read into memory first when the caller has no head.
const HEAD: u64 = 16 * 1024;

/// Settings of the `audio` stage.
///
/// ```
/// use pipes_media_audio::AudioConfig;
/// use std::time::Duration;
/// let config = AudioConfig::default().max_duration(Duration::from_secs(3600));
/// assert_eq!(config.max_duration, Duration::from_secs(3600));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AudioConfig {
    /// Longest duration believed; a header claiming more is rejected (`IMPLAUSIBLE_DURATION`).
    /// Default: 24 hours.
    pub max_duration: Duration,
    /// Largest header block (`moov`, `moof`, Matroska `Tracks`, a FLAC metadata block) read into
    /// memory. Default: 64 MiB.
    pub max_header_bytes: u64,
    /// Most boxes, elements or chunks visited in one file. Default: 1,000,000.
    pub max_boxes: usize,
    /// Deepest nesting of boxes. Default: 16.
    pub max_depth: usize,
}

impl Default for AudioConfig {
    fn default() -> Self {
        Self {
            max_duration: Duration::from_secs(24 * 3600),
            max_header_bytes: 64 * 1024 * 1024,
            max_boxes: 1_000_000,
            max_depth: 16,
        }
    }
}

impl AudioConfig {
    /// Sets the longest duration believed.
    pub fn max_duration(mut self, max_duration: Duration) -> Self {
        self.max_duration = max_duration;
        self
    }

    /// Sets the largest header block read into memory.
    pub fn max_header_bytes(mut self, bytes: u64) -> Self {
        self.max_header_bytes = bytes;
        self
    }

    /// Sets the most boxes, elements or chunks visited in one file.
    pub fn max_boxes(mut self, boxes: usize) -> Self {
        self.max_boxes = boxes;
        self
    }

    /// Sets the deepest nesting of boxes.
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    fn limits(&self) -> Limits {
        Limits::new(
            self.max_header_bytes,
            self.max_boxes,
            self.max_depth,
            self.max_duration.as_secs_f64(),
        )
    }
}

/// The `audio` stage: duration and stream facts of audio and video files, read from headers
/// without decoding. See the [crate documentation](crate).
#[derive(Debug, Clone, Default)]
pub struct AudioStage {
    config: AudioConfig,
}

impl AudioStage {
    /// The stage with these settings.
    pub fn new(config: AudioConfig) -> Self {
        Self { config }
    }

    /// The stage's settings.
    pub fn config(&self) -> &AudioConfig {
        &self.config
    }

    /// Measures the file at `path` (blocking). The container is recognised from its first bytes,
    /// never from its name.
    pub fn probe_path(&self, path: &Path) -> Result<AudioFacts, AudioError> {
        let mut file = File::open(path)?;
        let len = file.metadata()?.len();
        self.probe_reader(&mut file, len, &[])
    }

    /// Measures `len` bytes of `reader` whose first bytes are `head` (may be empty or partial;
    /// it saves reads). Blocking.
    pub fn probe_reader<R: std::io::Read + std::io::Seek>(
        &self,
        reader: &mut R,
        len: u64,
        head: &[u8],
    ) -> Result<AudioFacts, AudioError> {
        if len == 0 {
            return Err(AudioError::Empty);
        }
        let reader: &mut dyn ReadSeek = reader;
        // A short head is read in once (16 KiB): recognition and the first headers of every
        // container are then served from memory.
        let loaded;
        let head = if (head.len() as u64) < len.min(HEAD) {
            let mut buf = vec![0u8; usize::try_from(len.min(HEAD)).unwrap_or(0)];
            let n = Source::new(&[], reader, len).fill_at(0, &mut buf)?;
            buf.truncate(n);
            loaded = buf;
            &loaded[..]
        } else {
            head
        };
        let format = detect(head).ok_or(AudioError::Unsupported)?;
        let mut src = Source::new(head, reader, len);
        let info = measure(format, &mut src, &self.config.limits())?;
        tracing::debug!(
            ?format,
            duration_s = info.duration_s,
            bytes_read = src.bytes_read(),
            "measured"
        );
        Ok(AudioFacts::from(info))
    }
}

#[async_trait]
impl Stage for AudioStage {
    fn name(&self) -> &'static str {
        "audio"
    }

    /// Audio and video containers this stage can measure, recognised from the head bytes (so
    /// the stage works without the `mime` stage and ignores what the sender declared). When the
    /// `mime` stage ran and found an image, the item is declined too.
    fn accepts(&self, item: &Item) -> bool {
        let sniffed_image = item.sniffed_as("image");
        !sniffed_image && detect(item.blob().head()).is_some()
    }

    async fn process(&self, item: &mut Item, cx: &StageContext) -> Result<(), StageError> {
        let blob = item.blob().clone();
        let stage = self.clone();
        let facts = cx
            .blocking(move || {
                let mut file = blob.open()?;
                stage
                    .probe_reader(&mut file, blob.len(), blob.head())
                    .map_err(StageError::from)
            })
            .await?;
        item.facts.insert(facts);
        Ok(())
    }
}
