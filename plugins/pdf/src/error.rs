//! [`PdfError`]: why a PDF could not be read, with the report code of each cause.

use pipes_media_core::StageError;

/// Why a PDF could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PdfError {
    /// The bytes do not start with a PDF header (`%PDF-` within the first 1024 bytes).
    #[error("not a PDF: no %PDF- header in the first 1024 bytes")]
    NotPdf,
    /// The document needs a password other than the empty one.
    #[error("the PDF is encrypted with a user password")]
    Encrypted,
    /// The file, a decompressed stream, the object count or the text went over a limit.
    #[error("{what} is over the limit of {limit}")]
    TooLarge {
        /// What went over the limit.
        what: &'static str,
        /// The limit, in the unit of `what`.
        limit: u64,
    },
    /// Extraction took longer than the per-document time limit.
    #[error("extraction took longer than {0:?}")]
    Timeout(std::time::Duration),
    /// The file could not be parsed as a PDF, even with xref repair.
    #[error("unreadable PDF: {0}")]
    Invalid(#[source] lopdf::Error),
    /// The PDF parsed but has no page tree.
    #[error("the PDF has no readable page tree")]
    NoPages,
    /// Reading the blob or writing the text artifact failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
}

impl PdfError {
    /// The stable UPPER_SNAKE code of this error in the report.
    pub fn code(&self) -> &'static str {
        match self {
            PdfError::NotPdf | PdfError::Invalid(_) | PdfError::NoPages => "INVALID_INPUT",
            PdfError::Encrypted => "ENCRYPTED",
            PdfError::TooLarge { .. } => "TOO_LARGE",
            PdfError::Timeout(_) => "TIMEOUT",
            PdfError::Io(e) if e.kind() == std::io::ErrorKind::FileTooLarge => "TOO_LARGE",
            PdfError::Io(_) => "IO",
        }
    }

    pub(crate) fn from_lopdf(error: lopdf::Error, max_stream: usize) -> Self {
        match error {
            lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
                PdfError::TooLarge {
                    what: "a decompressed stream",
                    limit: max_stream as u64,
                }
            }
            lopdf::Error::InvalidPassword => PdfError::Encrypted,
            lopdf::Error::IO(e) => PdfError::Io(e),
            other => PdfError::Invalid(other),
        }
    }
}

impl From<PdfError> for StageError {
    fn from(error: PdfError) -> Self {
        let code = error.code();
        StageError::new(code, error.to_string()).with_source(error)
    }
}
