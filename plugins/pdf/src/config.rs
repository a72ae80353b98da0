//! [`PdfConfig`]: the limits and switches of the `pdf` stage.

use std::time::Duration;

/// How the `pdf` stage reads documents, and the bounds it keeps on hostile ones.
///
/// ```
/// use pipes_media_pdf::PdfConfig;
/// use std::time::Duration;
/// let config = PdfConfig::default().max_file_bytes(50 << 20).time_limit(Duration::from_secs(5));
/// assert_eq!(config.max_file_bytes, 50 << 20);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfConfig {
    /// Largest file read, in bytes (the whole file is parsed in memory). Default 256 MiB.
    pub max_file_bytes: u64,
    /// Largest size one stream may decompress to, in bytes (object streams, xref streams and
    /// page content). Default 64 MiB.
    pub max_stream_bytes: usize,
    /// Largest total of decompressed page content per document, in bytes. Default 512 MiB.
    pub max_content_bytes: usize,
    /// Most indirect objects a document may have. Default 2 000 000.
    pub max_objects: usize,
    /// Deepest nesting of form XObjects, `q` save levels and content-stream arrays. Default 32.
    pub max_depth: usize,
    /// Longest time spent on one document; past it the stage fails with `TIMEOUT`. Default 60 s.
    pub time_limit: Duration,
    /// Most bytes of UTF-8 text kept; past it the text is cut and `textTruncated` is set.
    /// Default 64 MiB.
    pub max_text_bytes: usize,
    /// How many leading characters go into the `excerpt` fact. Default 2000.
    pub excerpt_chars: usize,
    /// Whether to write the text artifact (`textPath`). Default true.
    pub write_text: bool,
    /// Whether pages laid out in two columns are read column by column (left, then right,
    /// band by band) rather than in content-stream order. Default true.
    pub column_order: bool,
    /// Whether words hyphenated across a line break are joined (`infor-`/`mation` gives
    /// `information`, as `pdftotext` does). Default true.
    pub join_hyphens: bool,
}

impl Default for PdfConfig {
    fn default() -> Self {
        Self {
            max_file_bytes: 256 << 20,
            max_stream_bytes: 64 << 20,
            max_content_bytes: 512 << 20,
            max_objects: 2_000_000,
            max_depth: 32,
            time_limit: Duration::from_secs(60),
            max_text_bytes: 64 << 20,
            excerpt_chars: 2000,
            write_text: true,
            column_order: true,
            join_hyphens: true,
        }
    }
}

impl PdfConfig {
    /// Sets [`PdfConfig::max_file_bytes`].
    pub fn max_file_bytes(mut self, bytes: u64) -> Self {
        self.max_file_bytes = bytes;
        self
    }

    /// Sets [`PdfConfig::max_stream_bytes`].
    pub fn max_stream_bytes(mut self, bytes: usize) -> Self {
        self.max_stream_bytes = bytes;
        self
    }

    /// Sets [`PdfConfig::max_content_bytes`].
    pub fn max_content_bytes(mut self, bytes: usize) -> Self {
        self.max_content_bytes = bytes;
        self
    }

    /// Sets [`PdfConfig::max_objects`].
    pub fn max_objects(mut self, objects: usize) -> Self {
        self.max_objects = objects;
        self
    }

    /// Sets [`PdfConfig::max_depth`].
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// Sets [`PdfConfig::time_limit`].
    pub fn time_limit(mut self, limit: Duration) -> Self {
        self.time_limit = limit;
        self
    }

    /// Sets [`PdfConfig::max_text_bytes`].
    pub fn max_text_bytes(mut self, bytes: usize) -> Self {
        self.max_text_bytes = bytes;
        self
    }

    /// Sets [`PdfConfig::excerpt_chars`].
    pub fn excerpt_chars(mut self, chars: usize) -> Self {
        self.excerpt_chars = chars;
        self
    }

    /// Sets [`PdfConfig::column_order`].
    pub fn column_order(mut self, on: bool) -> Self {
        self.column_order = on;
        self
    }

    /// Sets [`PdfConfig::join_hyphens`].
    pub fn join_hyphens(mut self, on: bool) -> Self {
        self.join_hyphens = on;
        self
    }

    /// Sets [`PdfConfig::write_text`].
    pub fn write_text(mut self, write: bool) -> Self {
        self.write_text = write;
        self
    }
}
