//! One run: the spec assembled (the embedded simulator first, when it feeds the run), the
//! requeue flags applied, the pipeline launched with its progress display, until it ends.

use std::path::{Path, PathBuf};

use anyhow::Result;
use pipes_media::core::{shutdown_signal, RunSummary};
use pipes_media::spec::{PipelineSpec, Secret, SourceSpec};

use crate::config::Feed;
use crate::Args;

/// What a finished run tells its user.
pub struct Done {
    summary: RunSummary,
    report: PathBuf,
    gallery: Option<PathBuf>,
}

impl Done {
    /// The last lines of a run: what was done, where the report and the gallery are.
    pub fn print(&self) {
        let m = self.summary.metrics;
        println!(
            "{} messages finished ({} failed, {} duplicates ignored)",
            m.finished, m.failed, m.duplicates
        );
        println!("report:  {}", self.report.display());
        if let Some(page) = &self.gallery {
            println!("gallery: {}  (open {})", page.display(), file_url(page));
        }
    }
}

/// `file:///…` of a path, for a terminal that makes links of URLs.
fn file_url(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut url = String::from("file://");
    for b in absolute.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

pub async fn run(
    args: &Args,
    mut spec: PipelineSpec,
    feed: Feed,
    bar: Option<indicatif::ProgressBar>,
) -> Result<Done> {
    let sim = match feed {
        Feed::Spec => None,
        Feed::Demo => {
            let sim = crate::demo::start().await?;
            tracing::info!(base_url = %sim.base_url(), "no PIPES_API_KEY: using the embedded simulator and bundled samples");
            spec.source = Some(SourceSpec::websocket(
                sim.base_url(),
                Secret::new(sim.api_key()),
            ));
            let expected = crate::demo::sample_count()?;
            let limit = spec.limits.max_messages.unwrap_or(expected).min(expected);
            spec.limits.max_messages = Some(limit);
            Some(sim)
        }
    };
    let assembly = spec.assemble(&crate::stages::registry())?;
    crate::admin::requeue(args, assembly.store.as_deref())?;
    let launched = assembly.launch().await?;
    if let Some(addr) = launched.metrics_addr() {
        let line = format!("metrics: http://{addr}/metrics (and /healthz, /readyz)");
        match &bar {
            Some(bar) => bar.println(line),
            None if !args.quiet => eprintln!("{line}"),
            None => {}
        }
    }
    let report = launched.report_path();
    let gallery = launched.gallery_path();
    let sender = sim
        .clone()
        .map(|sim| tokio::spawn(async move { crate::demo::send_samples(&sim).await }));
    let progress = bar.map(|bar| tokio::spawn(crate::progress::drive(bar, launched.metrics())));
    let summary = launched.run_until(shutdown_signal()).await;
    if let Some(task) = progress {
        task.abort();
    }
    if let Some(task) = sender {
        task.abort();
    }
    if let Some(sim) = sim {
        sim.shutdown().await;
    }
    Ok(Done {
        summary: summary?,
        report,
        gallery,
    })
}
