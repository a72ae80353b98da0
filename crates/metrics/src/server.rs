//! [`MetricsServer`]: `/metrics`, `/healthz` and `/readyz` over HTTP (axum).

use std::net::SocketAddr;

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::{Exporter, Format, MetricsError};

/// The running endpoint. Dropping it leaves the server running until the runtime ends; call
/// [`MetricsServer::shutdown`] to stop it.
#[derive(Debug)]
pub struct MetricsServer {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl MetricsServer {
    /// Binds `addr` and serves `exporter` on it.
    pub(crate) async fn start(exporter: Exporter, addr: SocketAddr) -> Result<Self, MetricsError> {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| MetricsError::Bind { addr, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| MetricsError::Bind { addr, source })?;
        let app = Router::new()
            .route("/metrics", get(metrics))
            .route("/healthz", get(healthz))
            .route("/readyz", get(readyz))
            .with_state(exporter);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
            if let Err(e) = served {
                tracing::warn!(error = %e, "metrics endpoint stopped");
            }
        });
        tracing::info!(%addr, "metrics on http://{addr}/metrics");
        Ok(Self {
            addr,
            stop: Some(stop),
            task,
        })
    }

    /// The address it listens on (with the port chosen when `:0` was asked for).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops taking connections and waits for open requests to end.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.task).await;
    }
}

/// `/metrics`: OpenMetrics text when the scraper asks for it, else the Prometheus text format.
async fn metrics(State(exporter): State<Exporter>, headers: HeaderMap) -> Response {
    let open_metrics = headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("application/openmetrics-text"));
    let format = if open_metrics {
        Format::OpenMetrics
    } else {
        Format::Prometheus
    };
    // Reading the dead-letter count may scan the job store: not on the async threads.
    let rendered = tokio::task::spawn_blocking(move || exporter.render(format)).await;
    match rendered {
        Ok(body) => ([(header::CONTENT_TYPE, format.content_type())], body).into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "metrics rendering failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `/healthz`: the process is alive and serving.
async fn healthz() -> &'static str {
    "ok\n"
}

/// `/readyz`: 200 when the run is going and every check passes, else 503 naming what is not.
async fn readyz(State(exporter): State<Exporter>) -> Response {
    let missing = exporter.not_ready();
    if missing.is_empty() {
        (StatusCode::OK, "ready\n".to_owned()).into_response()
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("not ready: {}\n", missing.join(", ")),
        )
            .into_response()
    }
}
