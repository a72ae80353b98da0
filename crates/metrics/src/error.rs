//! [`MetricsError`]: why the metrics endpoint could not start.

use std::net::SocketAddr;

use pipes_media_core::ErrorCode;

/// The metrics endpoint could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MetricsError {
    /// The address could not be bound (in use, not local, no permission).
    #[error("cannot listen on {addr} for metrics: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The address does not parse as `host:port`.
    #[error("metrics address {0:?} is not host:port (e.g. 127.0.0.1:9898)")]
    Address(String),
}

impl MetricsError {
    /// The report code of the failure: `METRICS_BIND` or `METRICS_ADDRESS`.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Bind { .. } => ErrorCode::from("METRICS_BIND"),
            Self::Address(_) => ErrorCode::from("METRICS_ADDRESS"),
        }
    }
}
