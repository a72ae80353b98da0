//! The pipeline the command line asks for: the `--config` file (or the defaults), then every
//! flag given on top of it (flags, and the environment variables they read, override the file).

use std::time::Duration;

use pipes_media::spec::{
    select, DurableOptions, MemoryOptions, MetricsSpec, PipelineSpec, QueueSpec, SinkSpec,
    SourceSpec, SpecError, StageKind, StageSpec, WebSocketOptions, DEFAULT_OUT,
};

use crate::Args;

/// Where messages come from, once the flags are applied.
pub enum Feed {
    /// The spec has its source.
    Spec,
    /// No source given and no `PIPES_API_KEY`: the embedded simulator with the bundled samples.
    Demo,
}

/// The spec of the file (or the defaults) with the flags applied, and whether the demo feeds it.
pub fn resolve(args: &Args) -> Result<(PipelineSpec, Feed), SpecError> {
    let mut spec = match &args.config {
        Some(path) => PipelineSpec::from_file(path)?,
        None => PipelineSpec::new(DEFAULT_OUT).bundled_stages(),
    };
    if let Some(out) = &args.out {
        spec.out.clone_from(out);
    }
    let limits = &mut spec.limits;
    if let Some(n) = args.concurrency {
        limits.concurrency = Some(n.max(1));
        limits.download_concurrency = None;
        limits.stage_concurrency = None;
    }
    if let Some(n) = args.max_size {
        limits.max_size = n;
    }
    if let Some(n) = args.max_messages {
        limits.max_messages = Some(n);
    }
    if let Some(secs) = args.idle_exit {
        limits.idle_exit = Some(Duration::from_secs_f64(secs.max(0.0)));
    }
    if let Some(names) = &args.stages {
        spec.stages = select(names, &spec.stages)?;
    }
    if let Some(addr) = &args.metrics_addr {
        spec.metrics = Some(MetricsSpec { addr: addr.clone() });
    }
    if args.strip_location {
        for stage in &mut spec.stages {
            if let StageKind::Thumbnail(options) = &mut stage.kind {
                options.strip_location = true;
            }
        }
    }
    apply_voice_flags(args, &mut spec);
    apply_sink_flags(args, &mut spec)?;
    apply_queue_flags(args, &mut spec);
    let feed = apply_source_flags(args, &mut spec);
    Ok((spec, feed))
}

/// `--transcribe-url` (and its model and language) and `--reply`: the on-request stages, after
/// the others (a reply can then quote a transcript).
fn apply_voice_flags(args: &Args, spec: &mut PipelineSpec) {
    #[cfg(feature = "transcribe")]
    if let Some(url) = &args.transcribe_url {
        spec.stages.retain(|s| s.name() != "transcribe");
        let mut options = pipes_media::spec::TranscribeOptions {
            base_url: url.clone(),
            ..Default::default()
        };
        if let Some(model) = &args.transcribe_model {
            options.model.clone_from(model);
        }
        options.language.clone_from(&args.transcribe_language);
        let at = spec
            .stages
            .iter()
            .position(|s| s.name() == "reply")
            .unwrap_or(spec.stages.len());
        spec.stages
            .insert(at, StageSpec::new(StageKind::Transcribe(options)));
    }
    if args.reply && !spec.stages.iter().any(|s| s.name() == "reply") {
        spec.stages.extend(StageSpec::bundled_default("reply"));
    }
}

/// `--sink s3://…` (with `--keep-local`, `--sink-report-lines`) replaces the file's sinks.
fn apply_sink_flags(args: &Args, spec: &mut PipelineSpec) -> Result<(), SpecError> {
    let Some(url) = &args.sink else {
        return Ok(());
    };
    if !url.starts_with("s3://") {
        return Err(SpecError::Missing(format!(
            "--sink {url:?}: only s3://BUCKET/PREFIX is known (the directory sink is the default)"
        )));
    }
    let mut table = toml::Table::new();
    table.insert("url".into(), url.clone().into());
    table.insert("keep_local".into(), args.keep_local.into());
    table.insert("report_lines".into(), args.sink_report_lines.into());
    spec.sinks = vec![SinkSpec::S3(table)];
    Ok(())
}

fn apply_queue_flags(args: &Args, spec: &mut PipelineSpec) {
    if args.memory_queue {
        let mut memory = MemoryOptions::default();
        if let QueueSpec::Memory(m) = &spec.queue {
            memory = m.clone();
        }
        spec.queue = QueueSpec::Memory(memory);
    } else if (args.state_dir.is_some() || args.no_fsync || args.retry_base_ms.is_some())
        && !matches!(spec.queue, QueueSpec::Durable(_))
    {
        spec.queue = QueueSpec::Durable(DurableOptions::default());
    }
    match &mut spec.queue {
        QueueSpec::Durable(d) => {
            if let Some(dir) = &args.state_dir {
                d.dir = Some(dir.clone());
            }
            if args.no_fsync {
                d.fsync = false;
            }
            if let Some(n) = args.max_attempts {
                d.max_attempts = n.max(1);
            }
            if let Some(ms) = args.retry_base_ms {
                d.retry_base_ms = ms;
            }
        }
        QueueSpec::Memory(m) => {
            if let Some(n) = args.max_attempts {
                m.max_attempts = n.max(1);
            }
        }
        _ => {}
    }
}

fn api_key() -> Option<String> {
    std::env::var("PIPES_API_KEY")
        .ok()
        .filter(|k| !k.trim().is_empty())
}

fn apply_source_flags(args: &Args, spec: &mut PipelineSpec) -> Feed {
    if let Some(dir) = &args.input {
        spec.source = Some(SourceSpec::dir(dir.clone()));
        return Feed::Spec;
    }
    if let Some(addr) = &args.webhook_addr {
        let mut table = toml::Table::new();
        table.insert("addr".into(), addr.clone().into());
        if let Some(path) = &args.webhook_path {
            table.insert("path".into(), path.clone().into());
        }
        if let Some(url) = &args.base_url {
            table.insert("base_url".into(), url.clone().into());
        }
        table.insert("websocket".into(), (!args.webhook_only).into());
        if args.allow_private_storage {
            table.insert("allow_private_storage".into(), true.into());
        }
        spec.source = Some(SourceSpec::Webhook(table));
        return Feed::Spec;
    }
    if spec.source.is_none() {
        if api_key().is_none() {
            return Feed::Demo;
        }
        spec.source = Some(SourceSpec::WebSocket(WebSocketOptions::default()));
    }
    if let Some(SourceSpec::WebSocket(ws)) = &mut spec.source {
        if let Some(url) = &args.base_url {
            ws.base_url = Some(url.clone());
        }
        if let Some(id) = &args.conversation {
            ws.conversation = Some(id.clone());
        }
        if args.allow_private_storage {
            ws.allow_private_storage = true;
        }
    }
    Feed::Spec
}

/// Prints a refused spec: the message, and the line it points at.
pub fn print_error(error: &SpecError) {
    eprintln!("error: {error}");
    if let Some(snippet) = error.location().and_then(|at| at.snippet()) {
        eprintln!("{snippet}");
    }
}

/// `--check-config`: the resolved pipeline on stdout (secrets masked), or the refusal.
pub fn check(spec: &PipelineSpec, feed: &Feed) -> Result<String, SpecError> {
    let registry = crate::stages::registry();
    let mut text = String::new();
    if let Some(file) = spec.file() {
        text.push_str(&format!(
            "# {file}, with the command line applied; secrets masked\n"
        ));
    } else {
        text.push_str("# no --config: the command line and the defaults; secrets masked\n");
    }
    match feed {
        Feed::Demo => {
            text.push_str("# source: no [source] and no PIPES_API_KEY: the embedded Pipes.bot simulator with the bundled samples\n");
            let mut demo = spec.clone();
            demo.source = Some(SourceSpec::websocket(
                "http://127.0.0.1:0",
                pipes_media::spec::Secret::new("pk_demo"),
            ));
            demo.check(&registry)?;
        }
        Feed::Spec => spec.check(&registry)?,
    }
    text.push_str(&spec.to_toml());
    Ok(text)
}
