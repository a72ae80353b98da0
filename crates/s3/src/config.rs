//! Where objects go and with which credentials: `s3://BUCKET/PREFIX` and the AWS environment.

use std::time::Duration;

use url::Url;

/// An `s3://bucket/prefix` location, or why it is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Location {
    /// The bucket.
    pub bucket: String,
    /// The key prefix, without leading or trailing `/` (may be empty).
    pub prefix: String,
}

impl std::str::FromStr for S3Location {
    type Err = ConfigError;

    /// ```
    /// use pipes_media_s3::S3Location;
    /// let l: S3Location = "s3://media-archive/whatsapp/2026/".parse()?;
    /// assert_eq!((l.bucket.as_str(), l.prefix.as_str()), ("media-archive", "whatsapp/2026"));
    /// assert!("http://x".parse::<S3Location>().is_err());
    /// # Ok::<(), pipes_media_s3::ConfigError>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, ConfigError> {
        let rest = s
            .strip_prefix("s3://")
            .ok_or_else(|| ConfigError::Location(s.to_owned()))?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let valid_bucket = (3..=63).contains(&bucket.len())
            && bucket
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
        if !valid_bucket {
            return Err(ConfigError::Location(s.to_owned()));
        }
        let prefix = prefix.trim_matches('/');
        if prefix.split('/').any(|p| p == ".." || p == ".") {
            return Err(ConfigError::Location(s.to_owned()));
        }
        Ok(Self {
            bucket: bucket.to_owned(),
            prefix: prefix.to_owned(),
        })
    }
}

/// The settings of an [`ObjectStoreSink`](crate::ObjectStoreSink).
#[derive(Clone)]
pub struct S3Config {
    /// Bucket and prefix.
    pub location: S3Location,
    /// The endpoint (`AWS_ENDPOINT_URL`; addressed path-style), or AWS's regional one
    /// (virtual-host style).
    pub endpoint: Option<Url>,
    /// `AWS_REGION` (default `us-east-1`).
    pub region: String,
    /// `AWS_ACCESS_KEY_ID`.
    pub access_key_id: String,
    /// `AWS_SECRET_ACCESS_KEY`: never printed.
    pub secret_access_key: String,
    /// `AWS_SESSION_TOKEN`: never printed.
    pub session_token: Option<String>,
    /// Files at least this large go up in multipart parts of this size (default 16 MiB;
    /// S3's minimum part is 5 MiB).
    pub part_size: u64,
    /// Keep the local copy of uploaded media (`--keep-local`; default: removed once the
    /// upload is confirmed).
    pub keep_local: bool,
    /// Store each report line as an object too (`<prefix>/report/<message>.json`).
    pub report_lines: bool,
    /// Attempts per request on 5xx, 429 and network errors (default 5), with backoff from
    /// `retry_base` (default 200 ms, doubling, capped at 10 s).
    pub attempts: u32,
    /// First retry delay.
    pub retry_base: Duration,
    /// One request's time limit (default 5 min: a part of 16 MiB on a slow link).
    pub timeout: Duration,
}

impl std::fmt::Debug for S3Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Config")
            .field("location", &self.location)
            .field("endpoint", &self.endpoint.as_ref().map(Url::as_str))
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"<redacted>")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "<redacted>"),
            )
            .field("part_size", &self.part_size)
            .field("keep_local", &self.keep_local)
            .finish_non_exhaustive()
    }
}

/// The configuration is not usable.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// Not `s3://bucket[/prefix]` with a valid bucket name.
    #[error("{0:?} is not an s3://bucket/prefix location")]
    Location(String),
    /// A required environment variable is missing.
    #[error("{0} is not set")]
    Missing(&'static str),
    /// `AWS_ENDPOINT_URL` does not parse.
    #[error("AWS_ENDPOINT_URL {url:?}: {reason}")]
    Endpoint {
        /// The value.
        url: String,
        /// What is wrong.
        reason: String,
    },
    /// The HTTP client could not be built.
    #[error("HTTP client: {0}")]
    Client(#[source] reqwest::Error),
}

impl S3Config {
    /// Settings for `location`, read the way AWS tools read them: `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_REGION` (or `AWS_DEFAULT_REGION`),
    /// `AWS_ENDPOINT_URL` (or `AWS_ENDPOINT_URL_S3`).
    pub fn from_env(location: S3Location) -> Result<Self, ConfigError> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let access_key_id =
            var("AWS_ACCESS_KEY_ID").ok_or(ConfigError::Missing("AWS_ACCESS_KEY_ID"))?;
        let secret_access_key =
            var("AWS_SECRET_ACCESS_KEY").ok_or(ConfigError::Missing("AWS_SECRET_ACCESS_KEY"))?;
        let endpoint = match var("AWS_ENDPOINT_URL_S3").or_else(|| var("AWS_ENDPOINT_URL")) {
            Some(url) => Some(Url::parse(&url).map_err(|e| ConfigError::Endpoint {
                url: url.clone(),
                reason: e.to_string(),
            })?),
            None => None,
        };
        let mut config = Self::with_credentials(location, access_key_id, secret_access_key);
        config.endpoint = endpoint;
        if let Some(region) = var("AWS_REGION").or_else(|| var("AWS_DEFAULT_REGION")) {
            config.region = region;
        }
        config.session_token = var("AWS_SESSION_TOKEN");
        Ok(config)
    }

    /// Settings for `location` with these credentials and every default (AWS's endpoint,
    /// `us-east-1`), whatever the environment says.
    pub fn with_credentials(
        location: S3Location,
        access_key_id: String,
        secret_access_key: String,
    ) -> Self {
        Self {
            location,
            endpoint: None,
            region: "us-east-1".to_owned(),
            access_key_id,
            secret_access_key,
            session_token: None,
            part_size: 16 * 1024 * 1024,
            keep_local: false,
            report_lines: false,
            attempts: 5,
            retry_base: Duration::from_millis(200),
            timeout: Duration::from_secs(300),
        }
    }

    /// The key of `name` under the prefix.
    pub(crate) fn key(&self, name: &str) -> String {
        if self.location.prefix.is_empty() {
            name.to_owned()
        } else {
            format!("{}/{name}", self.location.prefix)
        }
    }
}
