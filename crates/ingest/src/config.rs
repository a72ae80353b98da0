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
    /// Time and speed limits of each download attempt.
    pub download: DownloadLimits,
    /// Which addresses the presigned storage hop may connect to.
    pub storage_addresses: StorageAddresses,
}

/// Time and speed limits of one download attempt: the API request, the redirect's request and
/// the body. A peer that breaks one frees the worker's download slot with a retryable error
/// (`TIMEOUT` or `TOO_SLOW`), and the queue tries again later (resuming the body where it can).
///
/// The defaults suit a 100 MiB file on a slow mobile link, and catch a stalled or dripping body
/// within about a minute:
///
/// | setting | default | like curl's |
/// |---|---|---|
/// | [`connect_timeout`](Self::connect_timeout) | 10 s | `--connect-timeout 10` |
/// | [`response_timeout`](Self::response_timeout) | 30 s | — (time to the status line) |
/// | [`min_speed`](Self::min_speed) over [`speed_window`](Self::speed_window) | 4 KiB/s over 60 s | `--speed-limit 4096 --speed-time 60` |
/// | [`deadline`](Self::deadline) | 30 min | `--max-time 1800` |
///
/// 30 minutes carry 100 MiB at 57 KiB/s (0.47 Mbit/s, a weak 3G link); an attempt cut by the
/// deadline keeps what it received, and the next one resumes from there.
///
/// ```
/// use std::time::Duration;
/// use pipes_media_ingest::DownloadLimits;
/// let mut limits = DownloadLimits::default();
/// assert_eq!(limits.deadline, Duration::from_secs(30 * 60));
/// limits.min_speed = 0; // no speed check; the deadline still holds
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct DownloadLimits {
    /// Longest time to set up one connection (DNS, TCP and TLS).
    pub connect_timeout: Duration,
    /// Longest wait for a response's status line and headers, for each of the two requests.
    /// Past it the attempt fails with `TIMEOUT` (a host that accepts and never answers).
    pub response_timeout: Duration,
    /// Longest time for the whole attempt, both requests and the body. Past it the attempt
    /// fails with `TIMEOUT`.
    pub deadline: Duration,
    /// Slowest accepted body, in bytes per second averaged over [`Self::speed_window`]: fewer
    /// bytes than `min_speed × speed_window` within any such window fails the attempt with
    /// `TOO_SLOW`. `0` turns the check off.
    pub min_speed: u64,
    /// The window [`Self::min_speed`] is measured over; a stalled body is caught after at most
    /// 1⅛ of it.
    pub speed_window: Duration,
}

impl Default for DownloadLimits {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            response_timeout: Duration::from_secs(30),
            deadline: Duration::from_secs(30 * 60),
            min_speed: 4 * 1024,
            speed_window: Duration::from_secs(60),
        }
    }
}

/// Which addresses the presigned storage hop may connect to: the redirect comes from the wire,
/// and a storage URL on `169.254.169.254` (cloud metadata), `localhost` or the office network
/// would turn the downloader into a way in.
///
/// The address checked is the one each connection actually uses, after DNS resolution: the
/// downloader's resolver drops the addresses the policy refuses before the connection is made,
/// so a name cannot resolve to one address when checked and another when used. Literal
/// addresses are checked in every spelling (`2130706433`, `0x7f.1`, `[::ffff:127.0.0.1]`…).
///
/// Refused classes: loopback, link-local (`169.254.0.0/16`, `fe80::/10`), private
/// (`10/8`, `172.16/12`, `192.168/16`, `fc00::/7`), shared CGNAT (`100.64.0.0/10`), multicast,
/// unspecified (`0.0.0.0/8`, `::`) and the reserved ranges (documentation, benchmarking,
/// `240.0.0.0/4`); IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4) are
/// judged by that address.
///
/// When the system's proxy settings apply (`HTTPS_PROXY`…), the connection goes to the proxy,
/// so the proxy's address is the one checked; a storage host given by name is then resolved by
/// the proxy, out of the downloader's sight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum StorageAddresses {
    /// Public addresses, and addresses of the same class as the API's own (the address the API
    /// request connected to): a simulator on loopback may redirect to loopback, a lab API on a
    /// private network to that network. The default.
    #[default]
    PublicOrApiClass,
    /// Public addresses only, wherever the API is.
    PublicOnly,
    /// Any address: an opt-in for setups whose storage is deliberately elsewhere.
    Any,
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
            download: DownloadLimits::default(),
            storage_addresses: StorageAddresses::default(),
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
    fn default_limits_fit_a_large_file_on_a_slow_link_and_catch_a_stall_in_two_minutes() {
        let limits = DownloadLimits::default();
        assert_eq!(limits.connect_timeout, Duration::from_secs(10));
        assert_eq!(limits.response_timeout, Duration::from_secs(30));
        assert_eq!(limits.deadline, Duration::from_secs(1800));
        assert_eq!(limits.min_speed, 4096);
        assert_eq!(limits.speed_window, Duration::from_secs(60));
        // 100 MiB at 0.5 Mbit/s fits in one attempt.
        let slow_link = 500_000 / 8;
        assert!(100 * 1024 * 1024 / slow_link < limits.deadline.as_secs());
        // ... and such a link is far above the minimum speed.
        assert!(slow_link > 10 * limits.min_speed);
        // A stall is caught within 1⅛ windows of the body's start, after at most the two
        // requests' response timeouts: about two minutes in all.
        let caught = limits.speed_window + limits.speed_window / 8;
        assert!(caught <= Duration::from_secs(68));
        assert!(caught + 2 * limits.response_timeout <= Duration::from_secs(130));
        let config = ClientConfig::new("https://x", ApiKey::new("k")).expect("valid");
        assert_eq!(config.download, limits);
        assert_eq!(config.storage_addresses, StorageAddresses::PublicOrApiClass);
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
