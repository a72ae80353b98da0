//! [`PreviewConfig`]: switches and bounds of video poster frames and PDF first pages.

use std::time::Duration;

/// How pictures of videos and PDFs are made, and the bounds kept on hostile ones. Part of
/// [`ThumbnailConfig`](crate::ThumbnailConfig) (`previews`); the pixel limit and the output
/// format are the thumbnail's own.
///
/// ```
/// use pipes_media_thumbnail::{PreviewConfig, ThumbnailConfig};
/// use std::time::Duration;
/// let config = ThumbnailConfig::default()
///     .previews(PreviewConfig::default().pdf(false).time_limit(Duration::from_secs(10)));
/// assert!(!config.previews.pdf);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewConfig {
    /// Make poster frames of MP4, 3GP and MOV videos (default: on when built with the `video`
    /// feature).
    pub video: bool,
    /// Render the first page of PDF documents (default: on when built with the `pdf` feature).
    pub pdf: bool,
    /// Longest time for one poster or page; past it the stage fails with `TIMEOUT`
    /// (default 60 s, as the `pdf` stage).
    pub time_limit: Duration,
    /// Video: largest `moov` (or `moof`) box read into memory (default 64 MiB).
    pub max_moov_bytes: u64,
    /// Video: largest sample (coded frame) read (default 32 MiB).
    pub max_sample_bytes: u64,
    /// Video: most bytes of samples read for one poster (default 128 MiB).
    pub max_gop_bytes: u64,
    /// Video: most frames decoded for one poster, from the sync sample to the poster frame;
    /// past it the sync sample's own picture is the poster (default 600).
    pub max_gop_frames: usize,
    /// PDF: largest decoded size of one stream of page 1 (default 64 MiB, as the `pdf` stage).
    pub pdf_max_stream_bytes: u64,
    /// PDF: largest total of decoded streams of page 1 (default 512 MiB, as the `pdf` stage).
    pub pdf_max_total_bytes: u64,
    /// PDF: most objects page 1 may use (default 200 000).
    pub pdf_max_objects: usize,
}

impl Default for PreviewConfig {
    fn default() -> Self {
        Self {
            video: cfg!(feature = "video"),
            pdf: cfg!(feature = "pdf"),
            time_limit: Duration::from_secs(60),
            max_moov_bytes: 64 << 20,
            max_sample_bytes: 32 << 20,
            max_gop_bytes: 128 << 20,
            max_gop_frames: 600,
            pdf_max_stream_bytes: 64 << 20,
            pdf_max_total_bytes: 512 << 20,
            pdf_max_objects: 200_000,
        }
    }
}

impl PreviewConfig {
    /// Turns video poster frames on or off.
    pub fn video(mut self, on: bool) -> Self {
        self.video = on;
        self
    }

    /// Turns PDF first pages on or off.
    pub fn pdf(mut self, on: bool) -> Self {
        self.pdf = on;
        self
    }

    /// Sets [`PreviewConfig::time_limit`].
    pub fn time_limit(mut self, limit: Duration) -> Self {
        self.time_limit = limit;
        self
    }

    /// Sets [`PreviewConfig::max_gop_frames`].
    pub fn max_gop_frames(mut self, frames: usize) -> Self {
        self.max_gop_frames = frames;
        self
    }
}
