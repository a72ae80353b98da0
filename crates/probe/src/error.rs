//! [`ProbeError`]: why a file could not be measured.

use pipes_media_core::StageError;

/// Why a container could not be read or measured.
///
/// Every variant maps to a stable report code ([`ProbeError::code`]); converting it into a
/// [`StageError`] keeps that code and the error as its source. Sniffing never sees these:
/// its reads are best-effort ([`Source::read_lossy`](crate::Source::read_lossy)).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProbeError {
    /// Reading the file failed.
    #[error("reading the file failed: {0}")]
    Io(#[from] std::io::Error),
    /// The bytes are not a container this crate knows.
    #[error("not a recognised audio or video container")]
    Unsupported,
    /// The file is empty.
    #[error("the file is empty")]
    Empty,
    /// The file ends before the headers needed to measure it.
    #[error("the file is truncated: {0}")]
    Truncated(&'static str),
    /// A header holds a value that cannot be right.
    #[error("invalid {format} header: {reason}")]
    InvalidHeader {
        /// The container, e.g. `mp4`.
        format: &'static str,
        /// What is wrong.
        reason: &'static str,
    },
    /// A header gives a sample rate (or time scale) of zero.
    #[error("the {0} header gives a zero sample rate or time scale")]
    ZeroSampleRate(&'static str),
    /// The duration the file claims is longer than the configured limit.
    #[error("the file claims {claimed_s:.0} s of media, over the {limit_s} s limit")]
    ImplausibleDuration {
        /// What the header claims, in seconds.
        claimed_s: f64,
        /// The configured limit, in seconds.
        limit_s: u64,
    },
    /// An ISO BMFF box (or EBML element, RIFF chunk) does not advance, so the tree would loop.
    #[error("the {0} structure loops: a box or element does not advance")]
    StructureLoop(&'static str),
    /// The box or element tree is deeper or has more entries than the configured limits.
    #[error("the {0} structure is over the depth or count limit")]
    TooComplex(&'static str),
    /// A header block is larger than the configured limit for reading it into memory.
    #[error("a {0} header block is over the size limit")]
    HeaderTooLarge(&'static str),
    /// The container was read but holds no audio or video stream that can be described.
    #[error("no audio or video stream found")]
    NoStream,
    /// The [`Source`](crate::Source)'s read budget is spent.
    #[error("the read budget of this file is spent")]
    BudgetSpent,
}

impl ProbeError {
    /// The stable UPPER_SNAKE code that appears in the report.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Io(_) => "IO",
            Self::Unsupported => "UNSUPPORTED_FORMAT",
            Self::Empty => "EMPTY",
            Self::Truncated(_) => "TRUNCATED",
            Self::InvalidHeader { .. } => "INVALID_HEADER",
            Self::ZeroSampleRate(_) => "ZERO_SAMPLE_RATE",
            Self::ImplausibleDuration { .. } => "IMPLAUSIBLE_DURATION",
            Self::StructureLoop(_) => "STRUCTURE_LOOP",
            Self::TooComplex(_) => "TOO_COMPLEX",
            Self::HeaderTooLarge(_) => "HEADER_TOO_LARGE",
            Self::NoStream => "NO_STREAM",
            Self::BudgetSpent => "READ_BUDGET_SPENT",
        }
    }

    /// An [`InvalidHeader`](Self::InvalidHeader) error.
    pub fn invalid(format: &'static str, reason: &'static str) -> Self {
        Self::InvalidHeader { format, reason }
    }
}

impl From<ProbeError> for StageError {
    fn from(error: ProbeError) -> Self {
        match error {
            ProbeError::Io(e) => StageError::io(e),
            other => StageError::new(other.code(), other.to_string()).with_source(other),
        }
    }
}
