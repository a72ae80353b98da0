//! Label values that come from the wire (an API's error code) must not grow the number of
//! series without bound: [`LabelGuard`] passes through well-formed values up to a cap and folds
//! the rest into `OTHER`.

use std::collections::HashSet;
use std::sync::Mutex;

/// Most distinct values per label kind (codes, stage names); later new ones become `OTHER`.
pub(crate) const MAX_VALUES: usize = 128;

/// The value used for malformed or excess label values.
pub(crate) const OTHER: &str = "OTHER";

/// Tracks the label values seen so far.
#[derive(Debug, Default)]
pub(crate) struct LabelGuard {
    codes: Mutex<HashSet<String>>,
    stages: Mutex<HashSet<String>>,
}

impl LabelGuard {
    /// An error code as a label value: `[A-Z0-9_]`, at most 64 characters, at most
    /// [`MAX_VALUES`] distinct ones.
    pub(crate) fn code(&self, code: &str) -> String {
        let well_formed = !code.is_empty()
            && code.len() <= 64
            && code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        admit(&self.codes, code, well_formed)
    }

    /// A stage name as a label value: `[a-z0-9_]`, at most 64 characters.
    pub(crate) fn stage(&self, stage: &str) -> String {
        let well_formed = !stage.is_empty()
            && stage.len() <= 64
            && stage
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        admit(&self.stages, stage, well_formed)
    }
}

fn admit(seen: &Mutex<HashSet<String>>, value: &str, well_formed: bool) -> String {
    if !well_formed {
        return OTHER.to_owned();
    }
    let mut seen = seen.lock().unwrap_or_else(|p| p.into_inner());
    if seen.contains(value) {
        return value.to_owned();
    }
    if seen.len() >= MAX_VALUES {
        return OTHER.to_owned();
    }
    seen.insert(value.to_owned());
    value.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_and_excess_values_fold_into_other() {
        let guard = LabelGuard::default();
        assert_eq!(guard.code("NOT_FOUND"), "NOT_FOUND");
        assert_eq!(guard.code("HTTP_503"), "HTTP_503");
        assert_eq!(guard.code("x\"}"), OTHER);
        assert_eq!(guard.code(""), OTHER);
        assert_eq!(guard.stage("thumbnail"), "thumbnail");
        assert_eq!(guard.stage("Thumb nail"), OTHER);
        for i in 0..MAX_VALUES {
            guard.code(&format!("C{i}"));
        }
        assert_eq!(guard.code("BRAND_NEW"), OTHER);
        assert_eq!(guard.code("NOT_FOUND"), "NOT_FOUND", "known values stay");
    }
}
