//! `[[stages]]`: which stages run, in order, each with its options and error policy.

mod options;

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::document::{Document, Seg};
use super::error::SpecError;
use super::registry::{Registry, StageOptions};
use crate::core::{OnError, Stage, StagePolicy};

#[cfg(feature = "audio")]
pub use options::AudioOptions;
#[cfg(feature = "dedup")]
pub use options::DedupOptions;
#[cfg(feature = "mime")]
pub use options::MimeOptions;
#[cfg(feature = "pdf")]
pub use options::PdfOptions;
#[cfg(feature = "transcribe")]
pub use options::TranscribeOptions;
#[cfg(feature = "thumbnail")]
pub use options::{PreviewOptions, ThumbnailOptions};
#[cfg(feature = "voice")]
pub use options::{ReplyOptions, WaveformOptions};

/// The bundled stages' names, in their usual order, and the cargo feature of each.
pub const BUNDLED: [(&str, &str); 6] = [
    ("mime", "mime"),
    ("thumbnail", "thumbnail"),
    ("dedup", "dedup"),
    ("audio", "audio"),
    ("waveform", "voice"),
    ("pdf", "pdf"),
];

/// Stages that are never in the default list, because they need settings (`transcribe`: its
/// service) or a connection (`reply`: the WebSocket); name them in `--stages` or the file. In
/// pipeline order, after the bundled ones.
pub const ON_REQUEST: [(&str, &str); 2] = [("transcribe", "transcribe"), ("reply", "voice")];

/// Keys every stage table may have besides its options: its error policy.
const POLICY_KEYS: [&str; 3] = ["on_error", "retries", "timeout_secs"];

/// One stage of the pipeline: what it is and what a failure does.
#[derive(Debug, Clone, PartialEq)]
pub struct StageSpec {
    /// The stage and its options.
    pub kind: StageKind,
    /// Its error policy.
    pub policy: PolicyOptions,
}

/// A stage and its options: a bundled one (one variant each), or one a program registered in
/// its [`Registry`] by name.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum StageKind {
    /// `type = "mime"`.
    #[cfg(feature = "mime")]
    Mime(MimeOptions),
    /// `type = "thumbnail"`.
    #[cfg(feature = "thumbnail")]
    Thumbnail(ThumbnailOptions),
    /// `type = "audio"`.
    #[cfg(feature = "audio")]
    Audio(AudioOptions),
    /// `type = "pdf"`.
    #[cfg(feature = "pdf")]
    Pdf(PdfOptions),
    /// `type = "dedup"`.
    #[cfg(feature = "dedup")]
    Dedup(DedupOptions),
    /// `type = "waveform"`.
    #[cfg(feature = "voice")]
    Waveform(WaveformOptions),
    /// `type = "transcribe"`.
    #[cfg(feature = "transcribe")]
    Transcribe(TranscribeOptions),
    /// `type = "reply"`.
    #[cfg(feature = "voice")]
    Reply(ReplyOptions),
    /// Any other `type`: a stage registered with [`Registry::stage`], built from these options.
    Custom {
        /// The registered name.
        name: String,
        /// Its options (every key of the table but `type` and the policy keys).
        options: toml::Table,
    },
}

/// What a stage failure does, and the stage's time limit (see [`StagePolicy`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PolicyOptions {
    /// `continue` (default: later stages still run) or `stop_item`.
    pub on_error: OnErrorOption,
    /// Runs again after a failure before it counts (default 0).
    pub retries: u32,
    /// Longest run, in seconds (default 120).
    pub timeout_secs: f64,
}

/// `on_error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum OnErrorOption {
    /// Record the failure and run the later stages.
    #[default]
    Continue,
    /// Record the failure and run no later stage.
    StopItem,
}

impl Default for PolicyOptions {
    fn default() -> Self {
        let policy = StagePolicy::default();
        Self {
            on_error: OnErrorOption::Continue,
            retries: policy.retries,
            timeout_secs: policy.timeout.as_secs_f64(),
        }
    }
}

impl PolicyOptions {
    /// The policy, or why `timeout_secs` is refused.
    pub fn to_policy(&self) -> Result<StagePolicy, (String, String)> {
        let timeout = options::check_secs("timeout_secs", self.timeout_secs)?;
        if timeout == Duration::ZERO {
            return Err(("timeout_secs".into(), "must be more than 0".into()));
        }
        Ok(StagePolicy::default()
            .on_error(match self.on_error {
                OnErrorOption::Continue => OnError::Continue,
                OnErrorOption::StopItem => OnError::StopItem,
            })
            .retries(self.retries)
            .timeout(timeout))
    }
}

impl StageSpec {
    /// A stage with the default policy.
    pub fn new(kind: StageKind) -> Self {
        Self {
            kind,
            policy: PolicyOptions::default(),
        }
    }

    /// A stage registered by name, with options.
    pub fn custom(name: impl Into<String>, options: toml::Table) -> Self {
        Self::new(StageKind::Custom {
            name: name.into(),
            options,
        })
    }

    /// Sets the policy.
    pub fn policy(mut self, policy: PolicyOptions) -> Self {
        self.policy = policy;
        self
    }

    /// Every bundled stage built into this binary, with default options, in order.
    pub fn bundled() -> Vec<Self> {
        BUNDLED
            .iter()
            .filter_map(|(name, _)| Self::bundled_default(name))
            .collect()
    }

    /// The bundled stage `name` with default options, when it is built in.
    pub fn bundled_default(name: &str) -> Option<Self> {
        let kind = match name {
            #[cfg(feature = "mime")]
            "mime" => StageKind::Mime(MimeOptions::default()),
            #[cfg(feature = "thumbnail")]
            "thumbnail" => StageKind::Thumbnail(ThumbnailOptions::default()),
            #[cfg(feature = "audio")]
            "audio" => StageKind::Audio(AudioOptions::default()),
            #[cfg(feature = "pdf")]
            "pdf" => StageKind::Pdf(PdfOptions::default()),
            #[cfg(feature = "dedup")]
            "dedup" => StageKind::Dedup(DedupOptions::default()),
            #[cfg(feature = "voice")]
            "waveform" => StageKind::Waveform(WaveformOptions::default()),
            #[cfg(feature = "transcribe")]
            "transcribe" => StageKind::Transcribe(TranscribeOptions::default()),
            #[cfg(feature = "voice")]
            "reply" => StageKind::Reply(ReplyOptions::default()),
            _ => return None,
        };
        Some(Self::new(kind))
    }

    /// The stage's `type` name.
    pub fn name(&self) -> &str {
        match &self.kind {
            #[cfg(feature = "mime")]
            StageKind::Mime(_) => "mime",
            #[cfg(feature = "thumbnail")]
            StageKind::Thumbnail(_) => "thumbnail",
            #[cfg(feature = "audio")]
            StageKind::Audio(_) => "audio",
            #[cfg(feature = "pdf")]
            StageKind::Pdf(_) => "pdf",
            #[cfg(feature = "dedup")]
            StageKind::Dedup(_) => "dedup",
            #[cfg(feature = "voice")]
            StageKind::Waveform(_) => "waveform",
            #[cfg(feature = "transcribe")]
            StageKind::Transcribe(_) => "transcribe",
            #[cfg(feature = "voice")]
            StageKind::Reply(_) => "reply",
            StageKind::Custom { name, .. } => name,
        }
    }

    /// The stage's options as a table (for printing the resolved pipeline).
    pub fn options_table(&self) -> toml::Table {
        fn table(value: impl Serialize) -> toml::Table {
            toml::Table::try_from(value).unwrap_or_default()
        }
        match &self.kind {
            #[cfg(feature = "mime")]
            StageKind::Mime(o) => table(o),
            #[cfg(feature = "thumbnail")]
            StageKind::Thumbnail(o) => table(o),
            #[cfg(feature = "audio")]
            StageKind::Audio(o) => table(o),
            #[cfg(feature = "pdf")]
            StageKind::Pdf(o) => table(o),
            #[cfg(feature = "dedup")]
            StageKind::Dedup(o) => table(o),
            #[cfg(feature = "voice")]
            StageKind::Waveform(o) => table(o),
            #[cfg(feature = "transcribe")]
            StageKind::Transcribe(o) => table(o),
            #[cfg(feature = "voice")]
            StageKind::Reply(o) => table(o),
            StageKind::Custom { options, .. } => options.clone(),
        }
    }

    /// Builds the stage and its policy. `at` names the stage in refusals (`stages[2]`).
    pub(crate) fn build(
        &self,
        registry: &Registry,
        doc: Option<&Document>,
        at: &[Seg],
        replier: Option<&std::sync::Arc<dyn crate::core::Replier>>,
    ) -> Result<(Box<dyn Stage>, StagePolicy), SpecError> {
        #[cfg(not(feature = "voice"))]
        let _ = replier;
        let refuse = |(key, message): (String, String)| {
            let mut path = at.to_vec();
            path.push(Seg::Key(key));
            invalid(doc, &path, message)
        };
        let policy = self.policy.to_policy().map_err(refuse)?;
        let stage: Box<dyn Stage> = match &self.kind {
            #[cfg(feature = "mime")]
            StageKind::Mime(o) => Box::new(crate::mime::MimeStage::new(o.to_config())),
            #[cfg(feature = "thumbnail")]
            StageKind::Thumbnail(o) => Box::new(crate::thumbnail::ThumbnailStage::new(
                o.to_config().map_err(refuse)?,
            )),
            #[cfg(feature = "audio")]
            StageKind::Audio(o) => Box::new(crate::audio::AudioStage::new(
                o.to_config().map_err(refuse)?,
            )),
            #[cfg(feature = "pdf")]
            StageKind::Pdf(o) => {
                Box::new(crate::pdf::PdfStage::new(o.to_config().map_err(refuse)?))
            }
            #[cfg(feature = "dedup")]
            StageKind::Dedup(o) => Box::new(crate::dedup::DedupStage::new(
                o.to_config().map_err(refuse)?,
            )),
            #[cfg(feature = "voice")]
            StageKind::Waveform(o) => Box::new(crate::voice::WaveformStage::new(
                o.to_config().map_err(refuse)?,
            )),
            #[cfg(feature = "transcribe")]
            StageKind::Transcribe(o) => Box::new(
                crate::voice::TranscribeStage::new(o.to_config().map_err(refuse)?).map_err(
                    |e| {
                        SpecError::build(
                            "building the transcribe stage",
                            crate::core::ErrorCode::from(e.code().as_str()),
                            e,
                        )
                    },
                )?,
            ),
            #[cfg(feature = "voice")]
            StageKind::Reply(o) => {
                let Some(replier) = replier else {
                    let mut path = at.to_vec();
                    path.push(Seg::Key("type".into()));
                    return Err(invalid(
                        doc,
                        &path,
                        "the reply stage answers on the Pipes.bot WebSocket: it needs a websocket \
                         source (or a webhook source with websocket = true), not local files"
                            .into(),
                    ));
                };
                Box::new(crate::voice::ReplyStage::new(
                    o.to_config().map_err(refuse)?,
                    replier.clone(),
                ))
            }
            StageKind::Custom { name, options } => {
                let options = StageOptions::new(name, options.clone(), doc.cloned(), at.to_vec());
                registry.build_stage(name, &options)?
            }
        };
        Ok((stage, policy))
    }
}

fn invalid(doc: Option<&Document>, path: &[Seg], message: String) -> SpecError {
    match doc {
        Some(doc) => doc.invalid(path, message),
        None => SpecError::Invalid {
            at: Box::new(super::error::Location {
                file: "<spec>".into(),
                path: super::document::path_string(path),
                line: 0,
                column: 0,
                source_line: String::new(),
            }),
            message,
        },
    }
}

/// Parses one `[[stages]]` table (at `at`, e.g. `stages[2]`).
pub(crate) fn parse_stage(
    mut table: toml::Table,
    doc: &Document,
    at: &[Seg],
) -> Result<StageSpec, SpecError> {
    let name = super::parse::take_type(&mut table, doc, at, "stage")?;
    let mut policy = toml::Table::new();
    for key in POLICY_KEYS {
        if let Some(value) = table.remove(key) {
            policy.insert(key.to_owned(), value);
        }
    }
    let policy: PolicyOptions = super::parse::typed(policy, doc, at)?;
    #[allow(unused_mut)]
    let mut kind = match name.as_str() {
        #[cfg(feature = "mime")]
        "mime" => StageKind::Mime(super::parse::typed(table, doc, at)?),
        #[cfg(feature = "thumbnail")]
        "thumbnail" => StageKind::Thumbnail(super::parse::typed(table, doc, at)?),
        #[cfg(feature = "audio")]
        "audio" => StageKind::Audio(super::parse::typed(table, doc, at)?),
        #[cfg(feature = "pdf")]
        "pdf" => StageKind::Pdf(super::parse::typed(table, doc, at)?),
        #[cfg(feature = "dedup")]
        "dedup" => StageKind::Dedup(super::parse::typed(table, doc, at)?),
        #[cfg(feature = "voice")]
        "waveform" => StageKind::Waveform(super::parse::typed(table, doc, at)?),
        #[cfg(feature = "transcribe")]
        "transcribe" => StageKind::Transcribe(super::parse::typed(table, doc, at)?),
        #[cfg(feature = "voice")]
        "reply" => StageKind::Reply(super::parse::typed(table, doc, at)?),
        _ => StageKind::Custom {
            name,
            options: table,
        },
    };
    #[cfg(feature = "thumbnail")]
    if let StageKind::Thumbnail(o) = &mut kind {
        o.normalize();
    }
    Ok(StageSpec { kind, policy })
}

/// The stages `--stages a,b,c` asks for (`none`: no stage), each with the options `configured`
/// gave it (or its defaults), in pipeline order: the order of `configured` first, then the
/// bundled order.
pub fn select(names: &str, configured: &[StageSpec]) -> Result<Vec<StageSpec>, SpecError> {
    let names = names.trim();
    if names == "none" {
        return Ok(Vec::new());
    }
    let wanted: Vec<&str> = names
        .split([',', '|'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let mut out: Vec<StageSpec> = configured
        .iter()
        .filter(|s| wanted.contains(&s.name()))
        .cloned()
        .collect();
    for (name, _) in BUNDLED.iter().chain(ON_REQUEST.iter()).copied() {
        if wanted.contains(&name) && !out.iter().any(|s| s.name() == name) {
            out.extend(StageSpec::bundled_default(name));
        }
    }
    if let Some(missing) = wanted.iter().find(|n| !out.iter().any(|s| s.name() == **n)) {
        return Err(not_built_in(missing, None, &[]));
    }
    Ok(out)
}

/// The refusal of a stage name this binary does not have.
pub(crate) fn not_built_in(
    name: &str,
    at: Option<super::error::Location>,
    registered: &[&str],
) -> SpecError {
    let feature = BUNDLED
        .iter()
        .chain(ON_REQUEST.iter())
        .find(|(n, _)| *n == name)
        .map(|(_, f)| *f);
    let mut known: Vec<&str> = BUNDLED
        .iter()
        .chain(ON_REQUEST.iter())
        .map(|(n, _)| *n)
        .filter(|n| StageSpec::bundled_default(n).is_some())
        .collect();
    known.extend(registered);
    let what = match feature {
        Some(feature) => format!(
            "stage {name:?} is not built into this binary (cargo feature `{feature}` of pipes-media)"
        ),
        None => format!(
            "unknown stage {name:?}: this binary has {} (or `none`)",
            if known.is_empty() { "no stages".to_owned() } else { known.join(", ") }
        ),
    };
    SpecError::NotBuiltIn {
        at: at.map(Box::new),
        what,
    }
}
