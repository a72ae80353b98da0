//! Options of the voice stages: `waveform`, `reply` and `transcribe`.

use serde::{Deserialize, Serialize};

use super::check_secs;

/// Options of the `waveform` stage ([`WaveformConfig`](crate::voice::WaveformConfig)).
#[cfg(feature = "voice")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WaveformOptions {
    /// Longest audio decoded, in seconds (default 7200).
    pub max_duration_secs: f64,
    /// Longest time on one decode, in seconds (default 60).
    pub time_limit_secs: f64,
    /// Damaged packets skipped before a file counts as corrupt (default 100).
    pub max_damaged_packets: u32,
    /// Decode the audio track of videos too (default true).
    pub video: bool,
    /// Write the 16 kHz speech WAV of voice notes (default true).
    pub speech: bool,
    /// Longest voice note given a speech WAV, in seconds (default 1800).
    pub speech_max_duration_secs: f64,
}

#[cfg(feature = "voice")]
impl Default for WaveformOptions {
    fn default() -> Self {
        let c = crate::voice::WaveformConfig::default();
        Self {
            max_duration_secs: c.max_duration.as_secs_f64(),
            time_limit_secs: c.time_limit.as_secs_f64(),
            max_damaged_packets: c.max_damaged_packets,
            video: c.video,
            speech: c.speech,
            speech_max_duration_secs: c.speech_max_duration.as_secs_f64(),
        }
    }
}

#[cfg(feature = "voice")]
impl WaveformOptions {
    /// The stage's config, or the option that is out of range and why.
    pub fn to_config(&self) -> Result<crate::voice::WaveformConfig, (String, String)> {
        Ok(crate::voice::WaveformConfig::default()
            .max_duration(check_secs("max_duration_secs", self.max_duration_secs)?)
            .time_limit(check_secs("time_limit_secs", self.time_limit_secs)?)
            .max_damaged_packets(self.max_damaged_packets)
            .video(self.video)
            .speech(self.speech)
            .speech_max_duration(check_secs(
                "speech_max_duration_secs",
                self.speech_max_duration_secs,
            )?))
    }
}

/// Options of the `reply` stage ([`ReplyConfig`](crate::voice::ReplyConfig): the default rules
/// and templates). It sends on the WebSocket, so it needs a websocket source (or a webhook
/// source with `websocket = true`).
#[cfg(feature = "voice")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReplyOptions {
    /// How long the ledger remembers a reply (so none is sent twice), in hours (default 168).
    pub ledger_keep_hours: f64,
}

#[cfg(feature = "voice")]
impl Default for ReplyOptions {
    fn default() -> Self {
        Self {
            ledger_keep_hours: crate::voice::ReplyConfig::default()
                .ledger_keep
                .as_secs_f64()
                / 3600.0,
        }
    }
}

#[cfg(feature = "voice")]
impl ReplyOptions {
    /// The stage's config, or the option that is out of range and why.
    pub fn to_config(&self) -> Result<crate::voice::ReplyConfig, (String, String)> {
        let mut config = crate::voice::ReplyConfig::default();
        config.ledger_keep = check_secs("ledger_keep_hours", self.ledger_keep_hours * 3600.0)?;
        Ok(config)
    }
}

/// Options of the `transcribe` stage ([`TranscribeConfig`](crate::voice::TranscribeConfig)): an
/// OpenAI-compatible `POST {base_url}/audio/transcriptions`.
#[cfg(feature = "transcribe")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TranscribeOptions {
    /// The API base, e.g. `https://api.openai.com/v1`.
    pub base_url: String,
    /// The key (default: `PIPES_TRANSCRIBE_KEY`), sent as a Bearer token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_key: Option<crate::spec::Secret>,
    /// The `model` field (default `whisper-1`).
    pub model: String,
    /// The `language` hint (ISO 639-1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Time limit of one request, in seconds (default 120).
    pub timeout_secs: f64,
}

#[cfg(feature = "transcribe")]
impl Default for TranscribeOptions {
    fn default() -> Self {
        let c = crate::voice::TranscribeConfig::new("");
        Self {
            base_url: String::new(),
            api_key: None,
            model: c.model,
            language: None,
            timeout_secs: c.timeout.as_secs_f64(),
        }
    }
}

#[cfg(feature = "transcribe")]
impl TranscribeOptions {
    /// The stage's config, or the option that is out of range and why.
    pub fn to_config(&self) -> Result<crate::voice::TranscribeConfig, (String, String)> {
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            return Err((
                "base_url".into(),
                format!(
                    "must be the service's http(s) base URL (e.g. https://api.openai.com/v1), not {:?}",
                    self.base_url
                ),
            ));
        }
        let mut config = crate::voice::TranscribeConfig::new(&self.base_url)
            .model(&self.model)
            .timeout(check_secs("timeout_secs", self.timeout_secs)?);
        let key = self
            .api_key
            .as_ref()
            .map(|k| k.expose().to_owned())
            .or_else(|| std::env::var("PIPES_TRANSCRIBE_KEY").ok())
            .filter(|k| !k.trim().is_empty());
        if let Some(key) = key {
            config = config.key(crate::voice::TranscribeKey::new(key));
        }
        if let Some(language) = &self.language {
            config = config.language(language);
        }
        Ok(config)
    }
}
