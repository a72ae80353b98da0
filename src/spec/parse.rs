//! A pipeline file into a [`PipelineSpec`]: TOML, `${VAR}` expanded, the top level checked by
//! serde, then each part by its own `type`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::document::{Document, Seg};
use super::env::{expand_tree, Lookup};
use super::error::SpecError;
use super::parts::{parse_queue, parse_sink, parse_source, MetricsSpec, SinkSpec};
use super::stages::{parse_stage, StageSpec};
use super::{Limits, PipelineSpec};

/// Largest pipeline file read (a pipeline file is a few KiB).
const MAX_FILE: u64 = 1 << 20;

/// The top level, as serde checks it; parts stay tables until their `type` is known.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpec {
    out: Option<PathBuf>,
    concurrency: Option<usize>,
    download_concurrency: Option<usize>,
    stage_concurrency: Option<usize>,
    max_size: Option<u64>,
    max_messages: Option<u64>,
    idle_exit_secs: Option<f64>,
    shutdown_grace_secs: Option<f64>,
    gallery: Option<bool>,
    source: Option<toml::Table>,
    queue: Option<toml::Table>,
    stages: Option<Vec<toml::Table>>,
    sinks: Option<Vec<toml::Table>>,
    metrics: Option<MetricsSpec>,
}

/// Reads and parses a pipeline file.
pub(crate) fn from_file(path: &Path, env: Lookup<'_>) -> Result<PipelineSpec, SpecError> {
    let read = |source| SpecError::Read {
        path: path.to_owned(),
        source,
    };
    let len = std::fs::metadata(path).map_err(read)?.len();
    if len > MAX_FILE {
        return Err(read(std::io::Error::other(format!(
            "{len} bytes: a pipeline file is at most {MAX_FILE} bytes"
        ))));
    }
    let text = std::fs::read_to_string(path).map_err(read)?;
    from_text(Document::new(path.display().to_string(), text), env)
}

/// Parses pipeline-file text.
pub(crate) fn from_text(doc: Document, env: Lookup<'_>) -> Result<PipelineSpec, SpecError> {
    let text = doc.text.clone();
    let mut tree = toml::de::DeTable::parse(&text).map_err(|e| SpecError::Invalid {
        at: Box::new(doc.location(&[], e.span().map(|s| s.start))),
        message: e.message().trim().to_owned(),
    })?;
    expand_tree(&mut tree, &doc, env)?;
    let raw: RawSpec = serde_path_to_error::deserialize(toml::de::Deserializer::from(tree))
        .map_err(|e| doc.serde_error(&[], e))?;
    let key = |k: &str| vec![Seg::Key(k.to_owned())];
    let indexed = |k: &str, i: usize| vec![Seg::Key(k.to_owned()), Seg::Index(i)];
    let secs = |name: &str, secs: Option<f64>| -> Result<Option<Duration>, SpecError> {
        secs.map(|s| {
            Duration::try_from_secs_f64(s)
                .map_err(|_| doc.invalid(&key(name), format!("must be seconds >= 0, not {s}")))
        })
        .transpose()
    };
    let mut spec = PipelineSpec::new(raw.out.unwrap_or_else(|| PathBuf::from(super::DEFAULT_OUT)));
    spec.limits = Limits {
        concurrency: raw.concurrency,
        download_concurrency: raw.download_concurrency,
        stage_concurrency: raw.stage_concurrency,
        max_size: raw.max_size.unwrap_or(spec.limits.max_size),
        max_messages: raw.max_messages,
        idle_exit: secs("idle_exit_secs", raw.idle_exit_secs)?,
        shutdown_grace: secs("shutdown_grace_secs", raw.shutdown_grace_secs)?,
    };
    for (name, n) in [
        ("concurrency", raw.concurrency),
        ("download_concurrency", raw.download_concurrency),
        ("stage_concurrency", raw.stage_concurrency),
    ] {
        if n == Some(0) {
            return Err(doc.invalid(&key(name), "must be at least 1"));
        }
    }
    spec.gallery = raw.gallery.unwrap_or(true);
    spec.metrics = raw.metrics;
    if let Some(table) = raw.source {
        spec.source = Some(parse_source(table, &doc, &key("source"))?);
    }
    if let Some(table) = raw.queue {
        spec.queue = parse_queue(table, &doc, &key("queue"))?;
    }
    spec.stages = match raw.stages {
        None => StageSpec::bundled(),
        Some(tables) => tables
            .into_iter()
            .enumerate()
            .map(|(i, t)| parse_stage(t, &doc, &indexed("stages", i)))
            .collect::<Result<_, _>>()?,
    };
    if let Some(tables) = raw.sinks {
        spec.sinks = tables
            .into_iter()
            .enumerate()
            .map(|(i, t)| parse_sink(t, &doc, &indexed("sinks", i)))
            .collect::<Result<Vec<_>, _>>()?;
        let directories = spec
            .sinks
            .iter()
            .filter(|s| matches!(s, SinkSpec::Directory))
            .count();
        if directories > 1 {
            return Err(doc.invalid(&key("sinks"), "at most one `directory` sink"));
        }
    }
    spec.origin = Some(Arc::new(doc));
    Ok(spec)
}

/// Removes and returns the `type` of the part at `at`.
pub(crate) fn take_type(
    table: &mut toml::Table,
    doc: &Document,
    at: &[Seg],
    part: &str,
) -> Result<String, SpecError> {
    match table.remove("type") {
        Some(toml::Value::String(name)) => Ok(name),
        Some(other) => {
            let mut path = at.to_vec();
            path.push(Seg::Key("type".into()));
            Err(doc.invalid(
                &path,
                format!("invalid type: {}, expected a string", other.type_str()),
            ))
        }
        None => Err(doc.invalid(at, format!("missing field `type` (which {part} this is)"))),
    }
}

/// Deserializes the part at `at` as `T`, refusals located in the file.
pub(crate) fn typed<T: DeserializeOwned>(
    table: toml::Table,
    doc: &Document,
    at: &[Seg],
) -> Result<T, SpecError> {
    serde_path_to_error::deserialize(table).map_err(|e| doc.serde_error(at, e))
}
