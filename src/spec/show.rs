//! The resolved pipeline as TOML, with every default filled in and secrets masked: what
//! `--check-config` prints.

use serde::Serialize;
use toml::{Table, Value};

use super::parts::{QueueSpec, SinkSpec, SourceSpec};
use super::PipelineSpec;

/// What a masked secret shows.
const MASK: &str = "<redacted>";

/// Whether a key of an options table holds a secret.
fn is_secret(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    ["key", "secret", "token", "password", "credential"]
        .iter()
        .any(|word| key.contains(word))
}

/// `table` with the string values of secret-looking keys masked, recursively.
fn masked(table: &Table) -> Table {
    table
        .iter()
        .map(|(k, v)| {
            let v = match v {
                Value::String(_) if is_secret(k) => Value::String(MASK.into()),
                Value::Table(t) => Value::Table(masked(t)),
                other => other.clone(),
            };
            (k.clone(), v)
        })
        .collect()
}

fn typed_table(type_name: &str, options: impl Serialize) -> Table {
    let mut out = Table::new();
    out.insert("type".into(), Value::String(type_name.into()));
    if let Ok(Value::Table(fields)) = Value::try_from(options) {
        out.extend(fields);
    }
    out
}

fn raw_table(type_name: &str, options: &Table) -> Table {
    let mut out = Table::new();
    out.insert("type".into(), Value::String(type_name.into()));
    out.extend(masked(options));
    out
}

fn int(n: impl TryInto<i64>) -> Value {
    Value::Integer(n.try_into().unwrap_or(i64::MAX))
}

impl PipelineSpec {
    /// The pipeline with every default filled in and secrets masked, as a TOML table.
    pub fn resolved(&self) -> Table {
        let mut top = Table::new();
        top.insert("out".into(), Value::String(self.out.display().to_string()));
        let l = &self.limits;
        for (key, value) in [
            ("concurrency", l.concurrency),
            ("download_concurrency", l.download_concurrency),
            ("stage_concurrency", l.stage_concurrency),
        ] {
            if let Some(n) = value {
                top.insert(key.into(), int(n));
            }
        }
        top.insert("max_size".into(), int(l.max_size));
        if let Some(n) = l.max_messages {
            top.insert("max_messages".into(), int(n));
        }
        if let Some(d) = l.idle_exit {
            top.insert("idle_exit_secs".into(), Value::Float(d.as_secs_f64()));
        }
        if let Some(d) = l.shutdown_grace {
            top.insert("shutdown_grace_secs".into(), Value::Float(d.as_secs_f64()));
        }
        top.insert("gallery".into(), Value::Boolean(self.gallery));
        if let Some(source) = &self.source {
            let table = match source {
                SourceSpec::WebSocket(o) => {
                    let mut o = o.clone();
                    o.base_url
                        .get_or_insert_with(|| crate::ingest::DEFAULT_BASE_URL.into());
                    typed_table("websocket", o)
                }
                SourceSpec::Webhook(raw) => raw_table("webhook", raw),
                SourceSpec::Dir(o) => typed_table("dir", o),
            };
            top.insert("source".into(), Value::Table(table));
        }
        let queue = match &self.queue {
            QueueSpec::Durable(o) => {
                let mut o = o.clone();
                o.dir.get_or_insert_with(|| self.out.join("state"));
                typed_table("durable", o)
            }
            QueueSpec::Memory(o) => typed_table("memory", o),
        };
        top.insert("queue".into(), Value::Table(queue));
        let stages = self
            .stages
            .iter()
            .map(|s| {
                let mut table = typed_table(s.name(), s.policy);
                table.extend(masked(&s.options_table()));
                Value::Table(table)
            })
            .collect();
        top.insert("stages".into(), Value::Array(stages));
        let sinks = self
            .sinks
            .iter()
            .map(|s| {
                Value::Table(match s {
                    SinkSpec::Directory => raw_table("directory", &Table::new()),
                    SinkSpec::S3(raw) => raw_table("s3", raw),
                })
            })
            .collect();
        top.insert("sinks".into(), Value::Array(sinks));
        if let Some(m) = &self.metrics {
            let mut table = Table::new();
            table.insert("addr".into(), Value::String(m.addr.clone()));
            top.insert("metrics".into(), Value::Table(table));
        }
        top
    }

    /// [`PipelineSpec::resolved`] as TOML text.
    pub fn to_toml(&self) -> String {
        toml::to_string(&self.resolved()).unwrap_or_else(|e| format!("# cannot show: {e}\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Secret;

    #[test]
    fn secrets_never_show() {
        let mut spec = PipelineSpec::new("out").source(SourceSpec::websocket(
            "http://127.0.0.1:1",
            Secret::new("pk_live_supersecret"),
        ));
        let mut s3 = Table::new();
        s3.insert("bucket".into(), Value::String("b".into()));
        s3.insert("secret_access_key".into(), Value::String("hunter2".into()));
        spec.sinks.push(SinkSpec::S3(s3));
        let text = spec.to_toml();
        assert!(
            !text.contains("supersecret") && !text.contains("hunter2"),
            "{text}"
        );
        assert!(text.contains("api_key = \"<redacted>\""), "{text}");
        assert!(text.contains("bucket = \"b\""), "{text}");
        assert!(format!("{spec:?}").contains("<redacted>"));
        assert!(!format!("{spec:?}").contains("supersecret"));
        // What is printed parses back as a pipeline file (secrets aside).
        let back = PipelineSpec::from_toml_str(&text).expect("parses");
        assert_eq!(back.out, spec.out);
    }
}
