//! The webhook source and the S3 sink as a pipeline file spells them: `[source] type =
//! "webhook"` and `[[sinks]] type = "s3"`. Their tables are kept as given in the spec (so that
//! `--check-config` shows them, secrets masked) and read here when the pipeline is assembled.

use serde::Deserialize;

use super::document::{Document, Seg};
use super::error::SpecError;
use super::parts::{Secret, SinkSpec, SourceSpec};
use crate::core::Replier;

/// `[source] type = "webhook"`: Pipes.bot's webhook deliveries on `addr` (behind a TLS reverse
/// proxy: Pipes.bot posts to an `https://` URL). Media is still downloaded through the REST API,
/// so the API key is needed too. With `websocket = true` the WebSocket is read as well (the
/// fallback route of §6.3), one queue and one dedup by message id behind both.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WebhookOptions {
    /// `host:port` to listen on (default `127.0.0.1:8088`).
    pub addr: String,
    /// The URL path Pipes.bot posts to (default `/webhook`).
    pub path: String,
    /// The webhook secret (default: `PIPES_WEBHOOK_SECRET`); without one, requests are not
    /// verified (a warning says so).
    pub secret: Option<Secret>,
    /// Largest request body, in bytes (default 1 MiB).
    pub max_body: usize,
    /// REST base URL for downloads (default `https://api.pipes.bot`).
    pub base_url: Option<String>,
    /// The API key for downloads (default: `PIPES_API_KEY`).
    pub api_key: Option<Secret>,
    /// Also read the WebSocket (default false).
    pub websocket: bool,
    /// Follow presigned redirects to any address, private ones included (default false).
    pub allow_private_storage: bool,
}

impl Default for WebhookOptions {
    fn default() -> Self {
        Self {
            addr: "127.0.0.1:8088".into(),
            path: "/webhook".into(),
            secret: None,
            max_body: 1024 * 1024,
            base_url: None,
            api_key: None,
            websocket: false,
            allow_private_storage: false,
        }
    }
}

impl WebhookOptions {
    /// The secret from the options, else from `PIPES_WEBHOOK_SECRET`.
    pub fn secret(&self) -> Option<String> {
        self.secret
            .as_ref()
            .map(|s| s.expose().to_owned())
            .or_else(|| std::env::var("PIPES_WEBHOOK_SECRET").ok())
            .filter(|s| !s.trim().is_empty())
    }

    /// The API key from the options, else from `PIPES_API_KEY`.
    pub fn api_key(&self) -> Option<String> {
        self.api_key
            .as_ref()
            .map(|k| k.expose().to_owned())
            .or_else(|| std::env::var("PIPES_API_KEY").ok())
            .filter(|k| !k.trim().is_empty())
    }
}

/// `[[sinks]] type = "s3"`: media and artifacts in an S3-compatible bucket (content-addressed
/// keys), the report in `out` as always. Credentials default to the AWS environment variables.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct S3Options {
    /// `s3://bucket/prefix`.
    pub url: String,
    /// The endpoint, for S3-compatible servers (default: `AWS_ENDPOINT_URL`, else AWS).
    #[serde(default)]
    pub endpoint: Option<String>,
    /// The region (default: `AWS_REGION`, else `us-east-1`).
    #[serde(default)]
    pub region: Option<String>,
    /// Default: `AWS_ACCESS_KEY_ID`.
    #[serde(default)]
    pub access_key_id: Option<Secret>,
    /// Default: `AWS_SECRET_ACCESS_KEY`.
    #[serde(default)]
    pub secret_access_key: Option<Secret>,
    /// Keep the local copy of uploaded media (default false).
    #[serde(default)]
    pub keep_local: bool,
    /// Also store each report line as an object (default false).
    #[serde(default)]
    pub report_lines: bool,
}

/// Reads a kept table as `T`, naming the key and line of a mistake when the spec came from a
/// file.
pub(crate) fn read<T: serde::de::DeserializeOwned>(
    table: &toml::Table,
    doc: Option<&Document>,
    at: &[Seg],
) -> Result<T, SpecError> {
    match doc {
        Some(doc) => super::parse::typed(table.clone(), doc, at),
        None => table.clone().try_into().map_err(|e: toml::de::Error| {
            SpecError::Missing(format!("{}: {e}", super::document::path_string(at)))
        }),
    }
}

#[cfg(feature = "s3")]
impl S3Options {
    /// The sink's settings.
    pub fn to_config(&self) -> Result<crate::s3::S3Config, String> {
        let location: crate::s3::S3Location = self.url.parse().map_err(|e| format!("{e}"))?;
        // The environment first (it may carry a session token), then what the file says.
        let mut config = match crate::s3::S3Config::from_env(location.clone()) {
            Ok(config) => config,
            Err(e) => {
                let (Some(id), Some(secret)) = (&self.access_key_id, &self.secret_access_key)
                else {
                    return Err(e.to_string());
                };
                crate::s3::S3Config::with_credentials(
                    location,
                    id.expose().to_owned(),
                    secret.expose().to_owned(),
                )
            }
        };
        if let Some(id) = &self.access_key_id {
            config.access_key_id = id.expose().to_owned();
        }
        if let Some(secret) = &self.secret_access_key {
            config.secret_access_key = secret.expose().to_owned();
        }
        if let Some(endpoint) = &self.endpoint {
            config.endpoint = Some(
                endpoint
                    .parse()
                    .map_err(|e| format!("endpoint {endpoint:?}: {e}"))?,
            );
        }
        if let Some(region) = &self.region {
            config.region.clone_from(region);
        }
        config.keep_local = self.keep_local;
        config.report_lines = self.report_lines;
        Ok(config)
    }
}

impl super::PipelineSpec {
    /// Whether the source has a WebSocket a `reply` stage can answer on.
    pub(crate) fn can_reply(&self) -> bool {
        match &self.source {
            Some(SourceSpec::WebSocket(_)) => true,
            Some(SourceSpec::Webhook(raw)) => self.webhook_options(raw).is_ok_and(|o| o.websocket),
            _ => false,
        }
    }

    pub(crate) fn webhook_options(&self, raw: &toml::Table) -> Result<WebhookOptions, SpecError> {
        super::remote::read(raw, self.origin.as_deref(), &[Seg::Key("source".into())])
    }

    pub(crate) fn webhook_addr(
        &self,
        o: &WebhookOptions,
    ) -> Result<std::net::SocketAddr, SpecError> {
        o.addr.parse().map_err(|e| {
            self.invalid_at(
                &["source", "addr"],
                format!("{:?} is not host:port ({e})", o.addr),
            )
        })
    }

    /// The S3 sink's settings, when the spec has one (at most one).
    #[cfg(feature = "s3")]
    pub(crate) fn s3_config(&self) -> Result<Option<crate::s3::S3Config>, SpecError> {
        let mut found = None;
        for (i, sink) in self.sinks.iter().enumerate() {
            let SinkSpec::S3(raw) = sink else { continue };
            let at = [Seg::Key("sinks".into()), Seg::Index(i)];
            if found.is_some() {
                return Err(self.invalid_path(&at, "only one s3 sink".into()));
            }
            let o: super::remote::S3Options =
                super::remote::read(raw, self.origin.as_deref(), &at)?;
            let config = o.to_config().map_err(|why| self.invalid_path(&at, why))?;
            found = Some(config);
        }
        Ok(found)
    }

    #[cfg(not(feature = "s3"))]
    pub(crate) fn s3_config(&self) -> Result<Option<()>, SpecError> {
        match self.sinks.iter().position(|s| matches!(s, SinkSpec::S3(_))) {
            Some(i) => Err(SpecError::NotBuiltIn {
                at: self
                    .locate(&[
                        Seg::Key("sinks".into()),
                        Seg::Index(i),
                        Seg::Key("type".into()),
                    ])
                    .map(Box::new),
                what: "the s3 sink is not built into this binary (cargo feature `s3`)".into(),
            }),
            None => Ok(None),
        }
    }

    pub(crate) fn invalid_path(&self, path: &[Seg], message: String) -> SpecError {
        match self.origin.as_deref() {
            Some(doc) => doc.invalid(path, message),
            None => {
                SpecError::Missing(format!("{}: {message}", super::document::path_string(path)))
            }
        }
    }
}

/// The replier `--check-config` builds a reply stage with: it never sends anything.
pub(crate) struct Unwired;

#[crate::core::prelude::async_trait]
impl Replier for Unwired {
    async fn reply(
        &self,
        _to: &crate::core::event::Message,
        _text: &str,
    ) -> Result<crate::core::reply::ReplyOutcome, crate::core::reply::ReplyError> {
        Err(crate::core::reply::ReplyError::NotConnected(
            "checking the pipeline only".into(),
        ))
    }
}
