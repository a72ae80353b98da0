//! A [`PipelineSpec`] into a running pipeline: [`PipelineSpec::assemble`] opens the report,
//! the queue, the source and the stages and fills a [`PipelineBuilder`];
//! [`Assembly::launch`] builds it and starts the metrics endpoint; [`Launched::run_until`]
//! runs it.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use super::document::Seg;
use super::error::SpecError;
use super::parts::{QueueSpec, SourceSpec};
use super::{PipelineSpec, Registry};
use crate::core::queue::Backoff;
use crate::core::{
    ErrorCode, JobQueue, LocalFiles, MemoryQueue, Metrics, Pipeline, PipelineBuilder,
    PipelineError, Replier, Report, RunSummary, Stage, StagePolicy,
};
use crate::ingest::{ApiKey, ClientConfig, Downloader, WebSocketSource, DEFAULT_BASE_URL};
use crate::store::{DurableConfig, DurableQueue};

/// A pipeline's parts, opened and ready to build: the filled builder, and the handles a program
/// may need before it runs (the store, for dead letters; the report).
#[non_exhaustive]
pub struct Assembly {
    /// The builder, filled: add an observer or a stage before [`Assembly::launch`].
    pub builder: PipelineBuilder,
    /// The run's report.
    pub report: Arc<Report>,
    /// The queue.
    pub queue: Arc<dyn JobQueue>,
    /// The durable store, when the queue is one.
    pub store: Option<Arc<DurableQueue>>,
    /// The output directory.
    pub out: PathBuf,
    /// The gallery, when on.
    #[cfg(feature = "gallery")]
    pub gallery: Option<Arc<crate::gallery::Gallery>>,
    #[cfg(feature = "metrics")]
    metrics: Option<(crate::metrics::Exporter, std::net::SocketAddr)>,
    source_type: &'static str,
}

impl std::fmt::Debug for Assembly {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Assembly")
            .field("out", &self.out)
            .field("source", &self.source_type)
            .finish_non_exhaustive()
    }
}

/// A stage built from its spec, with its error policy.
pub type BuiltStage = (Box<dyn Stage>, StagePolicy);

impl PipelineSpec {
    /// Builds the stages, in order, with their policies.
    pub fn build_stages(&self, registry: &Registry) -> Result<Vec<BuiltStage>, SpecError> {
        self.build_stages_with(registry, None)
    }

    /// [`PipelineSpec::build_stages`], with the connection a `reply` stage answers on.
    pub fn build_stages_with(
        &self,
        registry: &Registry,
        replier: Option<&Arc<dyn Replier>>,
    ) -> Result<Vec<BuiltStage>, SpecError> {
        self.stages
            .iter()
            .enumerate()
            .map(|(i, stage)| {
                let at = [Seg::Key("stages".into()), Seg::Index(i)];
                stage.build(registry, self.origin.as_deref(), &at, replier)
            })
            .collect()
    }

    /// Checks everything that can be checked without opening anything: the source is given
    /// and built into this binary, the stages build, the sinks and metrics address are usable.
    pub fn check(&self, registry: &Registry) -> Result<(), SpecError> {
        match &self.source {
            None => return Err(SpecError::Missing("no [source] given".into())),
            Some(SourceSpec::Webhook(raw)) => {
                let o = self.webhook_options(raw)?;
                if o.api_key().is_none() {
                    return Err(SpecError::Missing(
                        "the webhook source downloads media through the REST API and needs its key: api_key = \"${PIPES_API_KEY}\" or PIPES_API_KEY in the environment".into(),
                    ));
                }
                self.webhook_addr(&o)?;
            }
            Some(SourceSpec::WebSocket(o)) => {
                if api_key(o).is_none() {
                    return Err(SpecError::Missing(
                        "the websocket source needs an API key: api_key = \"${PIPES_API_KEY}\" or PIPES_API_KEY in the environment".into(),
                    ));
                }
            }
            Some(SourceSpec::Dir(_)) => {}
        }
        self.s3_config()?;
        if let Some(m) = &self.metrics {
            self.metrics_addr(&m.addr)?;
        }
        // A reply stage is checked against a connection that never answers (nothing is sent).
        let unwired: Arc<dyn Replier> = Arc::new(super::remote::Unwired);
        let replier = self.can_reply().then_some(&unwired);
        self.build_stages_with(registry, replier).map(|_| ())
    }

    #[cfg(feature = "metrics")]
    fn metrics_addr(&self, addr: &str) -> Result<std::net::SocketAddr, SpecError> {
        crate::metrics::parse_addr(addr).map_err(|e| match self.origin.as_deref() {
            Some(doc) => doc.invalid(
                &[Seg::Key("metrics".into()), Seg::Key("addr".into())],
                e.to_string(),
            ),
            None => SpecError::Missing(e.to_string()),
        })
    }

    #[cfg(not(feature = "metrics"))]
    fn metrics_addr(&self, _addr: &str) -> Result<(), SpecError> {
        Err(SpecError::NotBuiltIn {
            at: self.locate(&[Seg::Key("metrics".into())]).map(Box::new),
            what: "metrics are not built into this binary (cargo feature `metrics`)".into(),
        })
    }

    /// Opens the parts and fills a [`PipelineBuilder`]: the report, the queue (a durable store
    /// recovers here), the source and its fetcher, the stages, the limits, the gallery.
    pub fn assemble(&self, registry: &Registry) -> Result<Assembly, SpecError> {
        self.check(registry)?;
        let out = self.out.clone();
        let report = Arc::new(Report::open(&out).map_err(|e| {
            SpecError::build(
                format!("opening the report in {}", out.display()),
                e.code(),
                e,
            )
        })?);
        let mut builder = Pipeline::builder()
            .out_dir(&out)
            .report(report.clone())
            .max_size(self.limits.max_size);
        let l = &self.limits;
        if let Some(n) = l.concurrency {
            builder = builder.concurrency(n);
        }
        if let Some(n) = l.download_concurrency {
            builder = builder.download_concurrency(n);
        }
        if let Some(n) = l.stage_concurrency {
            builder = builder.stage_concurrency(n);
        }
        if let Some(n) = l.max_messages {
            builder = builder.max_messages(n);
        }
        if let Some(idle) = l.idle_exit {
            builder = builder.idle_exit(idle);
        }
        if let Some(grace) = l.shutdown_grace {
            builder = builder.shutdown_grace(grace);
        }
        let (queue, store) = self.open_queue(&report)?;
        builder = builder.queue(queue.clone());
        let (mut builder, source_type, replier) = self.attach_source(builder)?;
        for (stage, policy) in self.build_stages_with(registry, replier.as_ref())? {
            builder = builder.boxed_stage(stage, policy);
        }
        #[cfg(feature = "s3")]
        let builder = match self.s3_config()? {
            Some(config) => {
                let inner = crate::core::DirectorySink::with_report(&out, report.clone())
                    .map_err(|e| SpecError::build("opening the output directory", e.code(), e))?;
                let sink = crate::s3::ObjectStoreSink::new(config, inner).map_err(|e| {
                    SpecError::build("configuring the s3 sink", ErrorCode::from("CONFIG"), e)
                })?;
                builder.sink(sink)
            }
            None => builder,
        };

        #[cfg(feature = "gallery")]
        let (builder, gallery) = if self.gallery {
            // After the store's recovery, which may write report lines.
            // The gallery is a view of the report, not a record: a run that cannot write it
            // (a full disk) goes on without it, and the next run rebuilds it from the report.
            match crate::gallery::Gallery::open(&out, &report) {
                Ok(gallery) => (builder.observer(gallery.clone()), Some(gallery)),
                Err(error) => {
                    tracing::warn!(%error, "the gallery cannot be written; the run goes on without it");
                    (builder, None)
                }
            }
        } else {
            (builder, None)
        };
        #[cfg(feature = "metrics")]
        let (builder, metrics) = match &self.metrics {
            Some(m) => {
                let exporter = crate::metrics::Exporter::new();
                let addr = self.metrics_addr(&m.addr)?;
                (
                    builder.observer(exporter.observer()),
                    Some((exporter, addr)),
                )
            }
            None => (builder, None),
        };
        Ok(Assembly {
            builder,
            report,
            queue,
            store,
            out,
            #[cfg(feature = "gallery")]
            gallery,
            #[cfg(feature = "metrics")]
            metrics,
            source_type,
        })
    }

    /// Opens the queue: a durable store recovers what an earlier run left (it may write report
    /// lines to `report`), or a memory queue. The store is also returned on its own, for its
    /// dead letters. [`PipelineSpec::assemble`] calls it; call it alone to inspect the store.
    #[allow(clippy::type_complexity)]
    pub fn open_queue(
        &self,
        report: &Report,
    ) -> Result<(Arc<dyn JobQueue>, Option<Arc<DurableQueue>>), SpecError> {
        Ok(match &self.queue {
            QueueSpec::Memory(o) => (
                Arc::new(MemoryQueue::new(o.capacity.max(1)).max_attempts(o.max_attempts.max(1))),
                None,
            ),
            QueueSpec::Durable(o) => {
                let dir = o.dir.clone().unwrap_or_else(|| self.out.join("state"));
                let keep =
                    Duration::try_from_secs_f64(o.keep_finished_hours * 3600.0).map_err(|_| {
                        self.invalid_at(
                            &["queue", "keep_finished_hours"],
                            format!("must be hours >= 0, not {}", o.keep_finished_hours),
                        )
                    })?;
                let config = DurableConfig {
                    max_attempts: o.max_attempts.max(1),
                    backoff: Backoff::new(
                        Duration::from_millis(o.retry_base_ms),
                        Duration::from_millis(o.retry_max_ms.max(o.retry_base_ms)),
                    ),
                    fsync: o.fsync,
                    keep_finished: keep,
                    ..DurableConfig::default()
                };
                let store = DurableQueue::open(&dir, report, config).map_err(|e| {
                    let code = match &e {
                        crate::store::StoreError::Io(io) => ErrorCode::of_io(io),
                        _ => ErrorCode::from("STORE"),
                    };
                    SpecError::build(
                        format!("opening the job store in {}", dir.display()),
                        code,
                        e,
                    )
                })?;
                let store = Arc::new(store);
                (store.clone(), Some(store))
            }
        })
    }

    fn attach_source(&self, builder: PipelineBuilder) -> Result<Attached, SpecError> {
        let max_size = self.limits.max_size;
        Ok(match &self.source {
            Some(SourceSpec::Dir(o)) => {
                let files = LocalFiles::scan(&o.path).map_err(|e| {
                    SpecError::build(
                        format!("listing {}", o.path.display()),
                        ErrorCode::of_io(&e),
                        e,
                    )
                })?;
                tracing::info!(files = files.len(), dir = %o.path.display(), "processing local files");
                let builder = builder
                    .source(files.source())
                    .fetcher(files.fetcher().max_size(max_size));
                (builder, "dir", None)
            }
            Some(SourceSpec::WebSocket(o)) => {
                let key = api_key(o).ok_or_else(|| SpecError::Missing("no API key".into()))?;
                let base = o.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL);
                let config_error = |e: crate::ingest::ConfigError| {
                    let at = [Seg::Key("source".into()), Seg::Key("base_url".into())];
                    match self.origin.as_deref() {
                        Some(doc) => doc.invalid(&at, e.to_string()),
                        None => SpecError::Missing(e.to_string()),
                    }
                };
                let mut config = ClientConfig::new(base, ApiKey::new(key)).map_err(config_error)?;
                config.conversation_id = o.conversation.clone();
                if o.allow_private_storage {
                    config.storage_addresses = crate::ingest::StorageAddresses::Any;
                }
                let downloader = Downloader::new(config.clone())
                    .map_err(config_error)?
                    .max_size(max_size);
                let source = WebSocketSource::new(config);
                let replier: Arc<dyn Replier> = Arc::new(source.replier());
                let builder = builder.source(source).fetcher(downloader);
                (builder, "websocket", Some(replier))
            }
            Some(SourceSpec::Webhook(raw)) => {
                let o = self.webhook_options(raw)?;
                let key = o
                    .api_key()
                    .ok_or_else(|| SpecError::Missing("no API key".into()))?;
                let base = o.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL);
                let config_error = |e: crate::ingest::ConfigError| {
                    self.invalid_at(&["source", "base_url"], e.to_string())
                };
                let mut config = ClientConfig::new(base, ApiKey::new(key)).map_err(config_error)?;
                if o.allow_private_storage {
                    config.storage_addresses = crate::ingest::StorageAddresses::Any;
                }
                let downloader = Downloader::new(config.clone())
                    .map_err(config_error)?
                    .max_size(max_size);
                let mut webhook = crate::ingest::WebhookConfig::new(self.webhook_addr(&o)?, None);
                webhook.path.clone_from(&o.path);
                webhook.max_body = o.max_body;
                webhook.secret = o.secret().map(crate::ingest::WebhookSecret::new);
                let receiver = crate::ingest::WebhookSource::bind_now(webhook).map_err(|e| {
                    SpecError::build("starting the webhook receiver", ErrorCode::Io, e)
                })?;
                let (builder, replier) = if o.websocket {
                    let socket = WebSocketSource::new(config);
                    let replier: Arc<dyn Replier> = Arc::new(socket.replier());
                    let both =
                        crate::core::source::Merge::new(vec![Box::new(receiver), Box::new(socket)]);
                    (builder.source(both), Some(replier))
                } else {
                    (builder.source(receiver), None)
                };
                (builder.fetcher(downloader), "webhook", replier)
            }
            None => return Err(SpecError::Missing("no [source] given".into())),
        })
    }

    pub(crate) fn invalid_at(&self, keys: &[&str], message: String) -> SpecError {
        let path: Vec<Seg> = keys.iter().map(|k| Seg::Key((*k).to_owned())).collect();
        match self.origin.as_deref() {
            Some(doc) => doc.invalid(&path, message),
            None => SpecError::Missing(format!(
                "{}: {message}",
                super::document::path_string(&path)
            )),
        }
    }
}

/// The builder with its source and fetcher, the source's type, and the connection replies go on.
type Attached = (PipelineBuilder, &'static str, Option<Arc<dyn Replier>>);

/// The key from the options, else from `PIPES_API_KEY`.
fn api_key(o: &super::parts::WebSocketOptions) -> Option<String> {
    o.api_key
        .as_ref()
        .map(|k| k.expose().to_owned())
        .or_else(|| std::env::var("PIPES_API_KEY").ok())
        .filter(|k| !k.trim().is_empty())
}

impl Assembly {
    /// Builds the pipeline and starts the metrics endpoint (when the spec has one).
    pub async fn launch(self) -> Result<Launched, SpecError> {
        let pipeline = self.builder.build().map_err(|e| {
            let code = match &e {
                PipelineError::Io { source, .. } => ErrorCode::of_io(source),
                PipelineError::Report(r) => r.code(),
                _ => ErrorCode::from("PIPELINE"),
            };
            SpecError::build("building the pipeline", code, e)
        })?;
        #[cfg(feature = "metrics")]
        let metrics = match self.metrics {
            Some((exporter, addr)) => {
                exporter.watch_run(pipeline.metrics());
                exporter.watch_queue(dequeue(self.queue.clone()));
                if let Some(store) = self.store.clone() {
                    exporter.dead_letters(move || store.counts().ok().map(|c| c.dead_lettered));
                    exporter.ready_check("store", || true);
                }
                if self.source_type == "websocket" {
                    let run = pipeline.metrics();
                    exporter.ready_check("source", move || run.snapshot().connected);
                }
                let server = exporter
                    .serve(addr)
                    .await
                    .map_err(|e| SpecError::build("starting the metrics endpoint", e.code(), e))?;
                Some((exporter, server))
            }
            None => None,
        };
        Ok(Launched {
            pipeline,
            out: self.out,
            #[cfg(feature = "gallery")]
            gallery: self.gallery,
            #[cfg(feature = "metrics")]
            metrics,
        })
    }
}

#[cfg(feature = "metrics")]
fn dequeue(queue: Arc<dyn JobQueue>) -> Arc<dyn crate::core::Dequeue> {
    Arc::new(queue)
}

/// A built pipeline with its endpoint running, ready to run.
pub struct Launched {
    pipeline: Pipeline,
    out: PathBuf,
    #[cfg(feature = "gallery")]
    gallery: Option<Arc<crate::gallery::Gallery>>,
    #[cfg(feature = "metrics")]
    metrics: Option<(crate::metrics::Exporter, crate::metrics::MetricsServer)>,
}

impl std::fmt::Debug for Launched {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Launched")
            .field("out", &self.out)
            .finish_non_exhaustive()
    }
}

impl Launched {
    /// The live counters (for a progress display).
    pub fn metrics(&self) -> Arc<Metrics> {
        self.pipeline.metrics()
    }

    /// Where the metrics endpoint listens, when there is one.
    pub fn metrics_addr(&self) -> Option<std::net::SocketAddr> {
        #[cfg(feature = "metrics")]
        return self.metrics.as_ref().map(|(_, s)| s.local_addr());
        #[cfg(not(feature = "metrics"))]
        None
    }

    /// The gallery page, when the gallery is on.
    pub fn gallery_path(&self) -> Option<PathBuf> {
        #[cfg(feature = "gallery")]
        return self.gallery.as_ref().map(|g| g.page_path().to_owned());
        #[cfg(not(feature = "gallery"))]
        None
    }

    /// The report file.
    pub fn report_path(&self) -> PathBuf {
        self.pipeline.report().path().to_owned()
    }

    /// Runs until the source ends (or a limit or `shutdown` says so), then writes the rest of
    /// the gallery and stops the metrics endpoint.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send,
    ) -> Result<RunSummary, PipelineError> {
        #[cfg(feature = "metrics")]
        if let Some((exporter, _)) = &self.metrics {
            exporter.set_running(true);
        }
        let summary = self.pipeline.run_until(shutdown).await;
        #[cfg(feature = "gallery")]
        if let Some(gallery) = &self.gallery {
            gallery.close();
        }
        #[cfg(feature = "metrics")]
        if let Some((exporter, server)) = self.metrics {
            exporter.set_running(false);
            server.shutdown().await;
        }
        summary
    }
}
