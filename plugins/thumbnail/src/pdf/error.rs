//! [`PdfPageError`]: why a PDF gave no first-page picture.

use std::time::Duration;

/// Why a PDF gave no first-page picture. Each variant maps to one report code
/// ([`PdfPageError::code`]); it reaches the report through
/// [`ThumbnailError::Pdf`](crate::ThumbnailError::Pdf).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PdfPageError {
    /// The document needs a password other than the empty one (code `ENCRYPTED`).
    #[error("the PDF is encrypted: {0}")]
    Encrypted(&'static str),
    /// The bytes are not a PDF this renderer can read (code `INVALID_INPUT`).
    #[error("unreadable PDF: {0}")]
    Invalid(String),
    /// The document has no page (code `INVALID_INPUT`).
    #[error("the PDF has no page")]
    NoPages,
    /// A stream, an image or the object graph of page 1 is over a configured bound
    /// (code `TOO_LARGE`).
    #[error("{what} is over the limit of {limit}")]
    TooLarge {
        /// What went over.
        what: String,
        /// The limit, in the unit of `what`.
        limit: u64,
    },
    /// Rendering took longer than the time limit (code `TIMEOUT`).
    #[error("rendering page 1 took longer than {0:?}")]
    Timeout(Duration),
    /// Page 1 rendered blank although its text layer shows text: fonts the renderer could
    /// not draw, or text drawn invisibly over nothing (code `BLANK_RENDER`).
    #[error("page 1 rendered blank but its text layer has {glyphs} glyphs")]
    BlankRender {
        /// Glyphs shown on the page (visible or not).
        glyphs: u64,
    },
    /// The renderer failed (code `RENDER_FAILED`).
    #[error("rendering page 1 failed: {0}")]
    Render(String),
}

impl PdfPageError {
    /// The stable UPPER_SNAKE code of this error in the report.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Encrypted(_) => "ENCRYPTED",
            Self::Invalid(_) | Self::NoPages => "INVALID_INPUT",
            Self::TooLarge { .. } => "TOO_LARGE",
            Self::Timeout(_) => "TIMEOUT",
            Self::BlankRender { .. } => "BLANK_RENDER",
            Self::Render(_) => "RENDER_FAILED",
        }
    }
}
