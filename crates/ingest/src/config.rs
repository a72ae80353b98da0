//! Where the API is and how to talk to it.

use std::time::Duration;

use pipes_media_core::queue::Backoff;
use url::Url;

use crate::ApiKey;

/// The default REST base URL.
pub const DEFAULT_BASE_URL: &str = "https://api.pipes.bot";

/// A base URL, key or option is unusable.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The base URL does not parse or is not http(s).
    #[error("invalid base URL {url:?}: {reason}")]
    BaseUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// No API key was given.
    #[error("no API key given (set PIPES_API_KEY)")]
    MissingKey,
    /// The HTTP client could not be built.
    #[error("HTTP client: {0}")]
    Client(#[source] reqwest::Error),
}

/// Connection settings shared by the WebSocket source and the downloader.
///
/// ```
/// use pipes_media_ingest::{ApiKey, ClientConfig};
/// let config = ClientConfig::new("http://127.0.0.1:8080", ApiKey::new("pk_x")).unwrap();
/// assert_eq!(config.websocket_url_redacted(), "ws://127.0.0.1:8080/ws?apiKey=<redacted>");
/// ```
#[derive(Debug, Clone)]
pub struct ClientConfig {
    pub(crate) base: Url,
    pub(crate) key: ApiKey,
    /// Only receive one conversation (conversation scope) instead of the whole account.
    pub conversation_id: Option<String>,
    /// Reconnect backoff: 1 s doubling to 30 s by default, jittered, reset on `connected`.
    pub reconnect: Backoff,
    /// Warn when disconnected longer than this: Pipes.bot's offline queue is finite (100 per
    /// sender, 24 h), so long outages can lose messages.
    pub gap_warning: Duration,
    /// Send a WebSocket ping this often; 60 s without any frame means the connection is dead.
    pub ping_interval: Duration,
    /// Largest frame accepted (assumption A6: 1 MiB).
    pub max_frame: usize,
}

impl ClientConfig {
    /// Settings for `base_url` (e.g. `https://api.pipes.bot`) and `key`.
    pub fn new(base_url: &str, key: ApiKey) -> Result<Self, ConfigError> {
        if key.is_empty() {
            return Err(ConfigError::MissingKey);
        }
        let bad = |reason: &str| ConfigError::BaseUrl {
            url: base_url.to_owned(),
            reason: reason.to_owned(),
        };
        let mut base = Url::parse(base_url).map_err(|e| bad(&e.to_string()))?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(bad("scheme must be http or https"));
        }
        if base.host_str().is_none() {
            return Err(bad("no host"));
        }
        base.set_query(None);
        base.set_fragment(None);
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        Ok(Self {
            base,
            key,
            conversation_id: None,
            reconnect: Backoff::new(Duration::from_secs(1), Duration::from_secs(30)),
            gap_warning: Duration::from_secs(300),
            ping_interval: Duration::from_secs(30),
            max_frame: 1024 * 1024,
        })
    }

    /// The REST base URL.
    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// The API key (redacted when printed).
    pub fn key(&self) -> &ApiKey {
        &self.key
    }

    /// Whether the API is reached over TLS.
    pub fn is_https(&self) -> bool {
        self.base.scheme() == "https"
    }

    /// The WebSocket URL with the key in it. Never log it: use
    /// [`ClientConfig::websocket_url_redacted`].
    pub(crate) fn websocket_url(&self) -> Url {
        self.websocket_url_with(self.key.expose())
    }

    /// The WebSocket URL with the key replaced by `<redacted>`, safe for logs.
    pub fn websocket_url_redacted(&self) -> String {
        self.websocket_url_with("<redacted>")
            .as_str()
            .replace("%3Credacted%3E", "<redacted>")
    }

    fn websocket_url_with(&self, key: &str) -> Url {
        let mut url = self.base.clone();
        let scheme = if self.is_https() { "wss" } else { "ws" };
        // http→ws and https→wss are both "special" schemes, so set_scheme cannot fail.
        let _ = url.set_scheme(scheme);
        url.set_path(&format!("{}ws", self.base.path()));
        {
            let mut query = url.query_pairs_mut();
            query.append_pair("apiKey", key);
            if let Some(conversation) = &self.conversation_id {
                query.append_pair("conversationId", conversation);
            }
        }
        url
    }

    /// Resolves a path such as `/v1/media/download/{id}` against the base URL.
    pub(crate) fn rest_url(&self, path: &str) -> Result<Url, url::ParseError> {
        self.base.join(path.trim_start_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websocket_url_follows_the_base_scheme() {
        let c = ClientConfig::new("https://api.pipes.bot", ApiKey::new("pk_abc")).expect("valid");
        assert_eq!(
            c.websocket_url().as_str(),
            "wss://api.pipes.bot/ws?apiKey=pk_abc"
        );
        let mut c =
            ClientConfig::new("http://localhost:9/prefix", ApiKey::new("pk_a b")).expect("valid");
        c.conversation_id = Some("conv_1".into());
        assert_eq!(
            c.websocket_url().as_str(),
            "ws://localhost:9/prefix/ws?apiKey=pk_a+b&conversationId=conv_1"
        );
        assert!(!c.websocket_url_redacted().contains("pk_"));
        assert_eq!(
            c.rest_url("/v1/media/download/x").expect("joins").as_str(),
            "http://localhost:9/prefix/v1/media/download/x"
        );
    }

    #[test]
    fn bad_base_urls_are_refused() {
        for bad in ["ftp://x", "not a url", "file:///tmp"] {
            assert!(ClientConfig::new(bad, ApiKey::new("k")).is_err(), "{bad}");
        }
        assert!(matches!(
            ClientConfig::new("https://x", ApiKey::new("  ")),
            Err(ConfigError::MissingKey)
        ));
    }
}
