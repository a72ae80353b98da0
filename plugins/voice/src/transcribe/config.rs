//! [`TranscribeConfig`] and [`TranscribeKey`].

use std::fmt;
use std::time::Duration;

/// The speech-to-text service's API key. `Debug` and `Display` show only its first
/// characters, so it cannot leak into logs or errors by accident.
///
/// ```
/// use pipes_media_voice::TranscribeKey;
/// let key = TranscribeKey::new("sk-0123456789abcdefghijklmnop");
/// assert!(!format!("{key:?}").contains("abcdef"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct TranscribeKey(String);

impl TranscribeKey {
    /// Wraps a key (surrounding whitespace removed).
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into().trim().to_owned())
    }

    /// The key itself, for the `Authorization` header. Never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    fn redacted(&self) -> String {
        let keep = if self.0.chars().count() >= 20 { 6 } else { 2 };
        format!("{}…", self.0.chars().take(keep).collect::<String>())
    }
}

impl fmt::Debug for TranscribeKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TranscribeKey({})", self.redacted())
    }
}

impl fmt::Display for TranscribeKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// Settings of the `transcribe` stage: an OpenAI-compatible `POST {base}/audio/transcriptions`.
///
/// ```
/// use pipes_media_voice::{TranscribeConfig, TranscribeKey};
/// let config = TranscribeConfig::new("https://api.openai.com/v1")
///     .key(TranscribeKey::new("sk-…"))
///     .model("whisper-1")
///     .language("en");
/// assert_eq!(config.endpoint(), "https://api.openai.com/v1/audio/transcriptions");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TranscribeConfig {
    /// The API base, e.g. `https://api.openai.com/v1` or a local server's `http://127.0.0.1:8000/v1`.
    pub base_url: String,
    /// Sent as `Authorization: Bearer <key>` when set.
    pub key: Option<TranscribeKey>,
    /// The `model` form field. Default: `whisper-1`.
    pub model: String,
    /// The `language` form field (ISO 639-1), when set.
    pub language: Option<String>,
    /// Time limit of one request, upload and answer. Default: 120 s.
    pub timeout: Duration,
    /// Largest transcript accepted, in bytes of JSON. Default: 4 MiB.
    pub max_response_bytes: usize,
}

impl TranscribeConfig {
    /// Settings for the service at `base_url`, with the defaults.
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            key: None,
            model: "whisper-1".to_owned(),
            language: None,
            timeout: Duration::from_secs(120),
            max_response_bytes: 4 * 1024 * 1024,
        }
    }

    /// Sets the API key.
    pub fn key(mut self, key: TranscribeKey) -> Self {
        self.key = Some(key);
        self
    }

    /// Sets the model.
    pub fn model(mut self, model: impl Into<String>) -> Self {
        self.model = model.into();
        self
    }

    /// Sets the language hint.
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.language = Some(language.into());
        self
    }

    /// Sets the request time limit.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The transcription endpoint: `{base}/audio/transcriptions`.
    pub fn endpoint(&self) -> String {
        format!(
            "{}/audio/transcriptions",
            self.base_url.trim_end_matches('/')
        )
    }
}
