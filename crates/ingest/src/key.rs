//! The API key as a secret: it never appears in `Debug`, `Display`, logs or errors.

use std::fmt;

/// A Pipes.bot API key.
///
/// `Debug` and `Display` show only the 11-character lookup prefix the protocol allows
/// (`pk_Ab12Cd34…`), so a key can be logged by accident without leaking.
///
/// ```
/// use pipes_media_ingest::ApiKey;
/// let key = ApiKey::new("pk_0123456789abcdefghijklmnopqrstuv");
/// assert_eq!(format!("{key:?}"), "ApiKey(pk_01234567…)");
/// assert!(!format!("{key}").contains("abcdef"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key (surrounding whitespace is removed).
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into().trim().to_owned())
    }

    /// The key itself, for building a request. Never log the result.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the key is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The redacted form: the first 11 characters (or fewer for short keys) and an ellipsis.
    pub fn redacted(&self) -> String {
        let keep = if self.0.chars().count() >= 20 { 11 } else { 3 };
        let prefix: String = self.0.chars().take(keep).collect();
        format!("{prefix}…")
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({})", self.redacted())
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_keys_are_redacted_too() {
        let key = ApiKey::new("secret-key");
        assert_eq!(key.to_string(), "sec…");
        assert!(!format!("{key:?}").contains("secret-key"));
    }
}
