//! [`ResultsSink`]: a worker's sink: media and artifacts stored locally, the report line
//! published to the results stream.

use std::path::PathBuf;
use std::time::Duration;

use async_nats::HeaderMap;
use async_trait::async_trait;
use pipes_media_core::queue::Backoff;
use pipes_media_core::sink::Finished;
use pipes_media_core::{MediaDir, ReportLine, Sink, SinkError};
use tracing::warn;

use crate::error::sink_err;
use crate::setup::Connection;

/// The workers' [`Sink`]: media and artifacts under the worker's directory (no `report.jsonl`
/// there: the ingest owns it), then the report line to the results stream; returns once
/// JetStream acknowledged it, and only then is the job acknowledged.
pub struct ResultsSink {
    files: MediaDir,
    conn: Connection,
}

impl ResultsSink {
    /// Stores files under `out`, publishes to `conn`'s results subject.
    pub fn new(out: impl Into<PathBuf>, conn: Connection) -> std::io::Result<Self> {
        Ok(Self {
            files: MediaDir::open(out)?,
            conn,
        })
    }
}

#[async_trait]
impl Sink for ResultsSink {
    async fn finish(&self, finished: Finished) -> Result<(), SinkError> {
        let blob_path = self.files.store(&finished)?;
        let line = serde_json::to_vec(&ReportLine::of(&finished, blob_path))
            .map_err(|e| sink_err("report line", e))?;
        let backoff = Backoff::new(Duration::from_millis(200), Duration::from_secs(5));
        let mut attempt = 0;
        loop {
            let mut headers = HeaderMap::new();
            headers.insert("Nats-Msg-Id", finished.envelope.id());
            let sent = self
                .conn
                .js
                .publish_with_headers(
                    self.conn.config.results_subject.clone(),
                    headers,
                    line.clone().into(),
                )
                .await;
            let result = match sent {
                Ok(ack) => ack.await.map(|_| ()).map_err(|e| sink_err("result ack", e)),
                Err(e) => Err(sink_err("result publish", e)),
            };
            match result {
                Ok(()) => return Ok(()),
                Err(e) if attempt < 5 => {
                    warn!(error = %e, "report line not acknowledged, retrying");
                    tokio::time::sleep(backoff.delay(attempt)).await;
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }
}
