//! [`TranscribeStage`]: posts the speech WAV to the service and reports the transcript.

use std::time::Duration;

use async_trait::async_trait;
use pipes_media_core::{Fact, Item, Stage, StageContext, StageError, StagePolicy};
use serde::{Deserialize, Serialize};

use super::config::TranscribeConfig;
use crate::WaveformFacts;

/// The first characters of the transcript kept in the facts (the whole is in `textPath`).
pub const TEXT_CHARS: usize = 500;

/// What the `transcribe` stage reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TranscribeFacts {
    /// The first 500 characters of the transcript.
    pub text: String,
    /// The whole transcript (UTF-8 text), relative to the output directory.
    pub text_path: String,
    /// Words in the whole transcript (runs of non-whitespace).
    pub words: usize,
    /// The language, when the service says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The model asked for.
    pub model: String,
}

impl Fact for TranscribeFacts {}

/// Why a transcription failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TranscribeError {
    /// The request could not be made or its answer not read (connection refused, reset…).
    #[error("transcription request failed: {0}")]
    Network(#[source] reqwest::Error),
    /// No answer within [`TranscribeConfig::timeout`].
    #[error("no transcription within {0:?}")]
    Timeout(Duration),
    /// The service answered with an error status.
    #[error("the transcription service answered {status}: {body}")]
    Status {
        /// The HTTP status.
        status: u16,
        /// The start of its body (the key is never in it: it is only sent, never echoed).
        body: String,
    },
    /// The answer is not the `{"text": …}` JSON expected, or is too large.
    #[error("the transcription service's answer is unusable: {0}")]
    BadAnswer(String),
    /// Reading the speech WAV or writing the transcript failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
}

impl TranscribeError {
    /// The report code: `NETWORK`, `TIMEOUT`, `HTTP_<status>` (`UNAUTHORIZED` for 401),
    /// `BAD_ANSWER`, `IO`.
    pub fn code(&self) -> String {
        match self {
            Self::Network(_) => "NETWORK".into(),
            Self::Timeout(_) => "TIMEOUT".into(),
            Self::Status { status: 401, .. } => "UNAUTHORIZED".into(),
            Self::Status { status, .. } => format!("HTTP_{status}"),
            Self::BadAnswer(_) => "BAD_ANSWER".into(),
            Self::Io(_) => "IO".into(),
        }
    }

    /// Whether trying again may help: network trouble, time-outs, 429 and 5xx.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Network(_) | Self::Timeout(_) => true,
            Self::Status { status, .. } => *status == 429 || *status >= 500,
            _ => false,
        }
    }
}

impl From<TranscribeError> for StageError {
    fn from(error: TranscribeError) -> Self {
        StageError::new(error.code(), error.to_string()).with_source(error)
    }
}

#[derive(Deserialize)]
struct Answer {
    text: String,
    #[serde(default)]
    language: Option<String>,
}

/// The `transcribe` stage: sends the `waveform` stage's speech WAV to an OpenAI-compatible
/// `POST {base}/audio/transcriptions` (multipart `file`, `model`, optional `language`;
/// `{"text": …}` back) and reports [`TranscribeFacts`]; the whole transcript is written to
/// `artifacts/<message>/transcript.txt`.
///
/// It runs after `waveform`, on the items that got a speech WAV. Failures are typed
/// ([`TranscribeError`]); run it with [`TranscribeStage::policy`] so network trouble is retried.
#[derive(Debug, Clone)]
pub struct TranscribeStage {
    config: TranscribeConfig,
    client: reqwest::Client,
}

impl TranscribeStage {
    /// The stage with these settings.
    ///
    /// # Errors
    /// When the HTTP client cannot be built (no TLS backend).
    pub fn new(config: TranscribeConfig) -> Result<Self, TranscribeError> {
        let client = reqwest::Client::builder()
            .timeout(config.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(TranscribeError::Network)?;
        Ok(Self { config, client })
    }

    /// A stage policy that fits: two retries, and a time limit of three requests.
    pub fn policy(&self) -> StagePolicy {
        StagePolicy::default()
            .retries(2)
            .timeout(self.config.timeout * 3 + Duration::from_secs(5))
    }

    /// Transcribes the 16 kHz WAV at `path`: the text and the language the service gave.
    pub async fn transcribe_file(
        &self,
        path: &std::path::Path,
    ) -> Result<(String, Option<String>), TranscribeError> {
        let file = tokio::fs::File::open(path).await?;
        let len = file.metadata().await?.len();
        let part = reqwest::multipart::Part::stream_with_length(file, len)
            .file_name("speech.wav")
            .mime_str("audio/wav")
            .map_err(TranscribeError::Network)?;
        let mut form = reqwest::multipart::Form::new()
            .part("file", part)
            .text("model", self.config.model.clone())
            .text("response_format", "json");
        if let Some(language) = &self.config.language {
            form = form.text("language", language.clone());
        }
        let mut request = self.client.post(self.config.endpoint()).multipart(form);
        if let Some(key) = &self.config.key {
            request = request.bearer_auth(key.expose());
        }
        let timeout = self.config.timeout;
        let lift = |e: reqwest::Error| {
            if e.is_timeout() {
                TranscribeError::Timeout(timeout)
            } else {
                TranscribeError::Network(e.without_url())
            }
        };
        let mut response = request.send().await.map_err(lift)?;
        let status = response.status().as_u16();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(lift)? {
            body.extend_from_slice(&chunk);
            if body.len() > self.config.max_response_bytes {
                return Err(TranscribeError::BadAnswer(format!(
                    "over {} bytes",
                    self.config.max_response_bytes
                )));
            }
        }
        if !(200..300).contains(&status) {
            let text = String::from_utf8_lossy(&body);
            return Err(TranscribeError::Status {
                status,
                body: text.chars().take(300).collect(),
            });
        }
        let answer: Answer =
            serde_json::from_slice(&body).map_err(|e| TranscribeError::BadAnswer(e.to_string()))?;
        Ok((answer.text.trim().to_owned(), answer.language))
    }
}

#[async_trait]
impl Stage for TranscribeStage {
    fn name(&self) -> &'static str {
        "transcribe"
    }

    /// Items the `waveform` stage wrote a speech WAV for.
    fn accepts(&self, item: &Item) -> bool {
        item.facts
            .get::<WaveformFacts>()
            .is_some_and(|f| f.speech_path.is_some())
    }

    async fn process(&self, item: &mut Item, cx: &StageContext) -> Result<(), StageError> {
        let Some(speech) = item
            .facts
            .get::<WaveformFacts>()
            .and_then(|f| f.speech_path.clone())
        else {
            return Ok(());
        };
        let (text, language) = self.transcribe_file(&cx.out_dir().join(&speech)).await?;
        let target = cx.artifact("transcript", "transcript.txt");
        let bytes = text.clone().into_bytes();
        let artifact = cx
            .blocking(move || target.write(&bytes).map_err(TranscribeError::Io))
            .await?;
        let facts = TranscribeFacts {
            text: text.chars().take(TEXT_CHARS).collect(),
            text_path: artifact.path.clone(),
            words: text.split_whitespace().count(),
            language: language.filter(|l| !l.is_empty()),
            model: self.config.model.clone(),
        };
        tracing::debug!(words = facts.words, "transcribed");
        item.add_artifact(artifact);
        item.facts.insert(facts);
        Ok(())
    }
}
