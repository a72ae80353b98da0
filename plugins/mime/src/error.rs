//! The stage's error: a policy stopped the item.

use pipes_media_core::StageError;

use crate::sniff::Danger;

/// Why the `mime` stage stopped an item. Converted into a quarantining [`StageError`] with the
/// code from [`MimeError::code`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MimeError {
    /// The content is not what was declared (`reject_mismatch`).
    #[error("declared {declared} but the content is {sniffed}")]
    Mismatch {
        /// The declared type, normalised.
        declared: String,
        /// The sniffed type.
        sniffed: String,
    },
    /// The content might be executed or rendered as active content (`reject_dangerous`).
    #[error("dangerous content ({sniffed}): {}", reasons(.dangers))]
    Dangerous {
        /// The sniffed type, or `unknown`.
        sniffed: String,
        /// Why it is dangerous.
        dangers: Vec<Danger>,
    },
}

impl MimeError {
    /// The report code: `MIME_MISMATCH` or `DANGEROUS_CONTENT`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Mismatch { .. } => "MIME_MISMATCH",
            Self::Dangerous { .. } => "DANGEROUS_CONTENT",
        }
    }
}

impl From<MimeError> for StageError {
    /// Policy stops quarantine the blob: the item stops and the sink keeps the file apart.
    fn from(error: MimeError) -> Self {
        StageError::new(error.code(), error.to_string()).quarantine()
    }
}

fn reasons(dangers: &[Danger]) -> String {
    dangers
        .iter()
        .map(Danger::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_become_quarantining_stage_errors() {
        let error: StageError = MimeError::Dangerous {
            sniffed: "text/html".to_owned(),
            dangers: vec![Danger::Html, Danger::DeclaredActive],
        }
        .into();
        assert_eq!(error.code(), "DANGEROUS_CONTENT");
        assert_eq!(
            error.message(),
            "dangerous content (text/html): html, declared_active"
        );
        assert!(error.quarantines() && error.stops_item());
        let mismatch = MimeError::Mismatch {
            declared: "application/pdf".to_owned(),
            sniffed: "image/png".to_owned(),
        };
        assert_eq!(mismatch.code(), "MIME_MISMATCH");
        assert_eq!(
            mismatch.to_string(),
            "declared application/pdf but the content is image/png"
        );
    }
}
