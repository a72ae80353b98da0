//! [`MimeStage`]: sniffs every item, compares with the declared type, and optionally stops
//! items whose content lies or is dangerous.

use async_trait::async_trait;
use pipes_media_core::{Fact, Item, MimeFacts, Stage, StageContext, StageError, Verdict};
use serde::Serialize;

use crate::compare::{compare, is_active_type};
use crate::error::MimeError;
use crate::sniff::{is_runnable_name, sniff, Danger, Sniffed};

/// How [`MimeStage`] treats what it finds. Both policies are off by default: the stage only
/// reports.
///
/// ```
/// use pipes_media_mime::MimeConfig;
/// let strict = MimeConfig::default().reject_mismatch(true).reject_dangerous(true);
/// assert!(strict.reject_mismatch && strict.reject_dangerous);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MimeConfig {
    /// Stop the item (code `MIME_MISMATCH`, blob quarantined) when the content is not what was
    /// declared (verdict `mismatch`).
    pub reject_mismatch: bool,
    /// Stop the item (code `DANGEROUS_CONTENT`, blob quarantined) when the content might be
    /// executed or rendered as active content.
    pub reject_dangerous: bool,
}

impl MimeConfig {
    /// Sets [`MimeConfig::reject_mismatch`].
    pub fn reject_mismatch(mut self, on: bool) -> Self {
        self.reject_mismatch = on;
        self
    }

    /// Sets [`MimeConfig::reject_dangerous`].
    pub fn reject_dangerous(mut self, on: bool) -> Self {
        self.reject_dangerous = on;
        self
    }
}

/// The `mime` stage. Adds [`MimeFacts`] (`sniffedMime`, `declaredMime`, `verdict`,
/// `dangerous`) and [`MimeDetails`] to every item.
#[derive(Debug, Clone, Default)]
pub struct MimeStage {
    config: MimeConfig,
}

impl MimeStage {
    /// The stage with this configuration.
    pub fn new(config: MimeConfig) -> Self {
        Self { config }
    }

    /// Its configuration.
    pub fn config(&self) -> &MimeConfig {
        &self.config
    }
}

/// What the `mime` stage adds besides [`MimeFacts`]; keys appear flat next to them in the
/// report. Absent values are left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MimeDetails {
    /// A finer label than the MIME type: `m4a`, `3gp`, `docx`, `elf`, `tga`, `wv`, …; `stub`
    /// (with no `sniffedMime`) for a signature with nothing behind it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    /// The codec where the container tells it cheaply (`opus`, `vorbis`, `h264`, `pcm`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub codec: Option<&'static str>,
    /// Whether an image is animated (WebP, GIF, APNG, HEIF sequences).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub animated: Option<bool>,
    /// Whether a container holds video, when its track list was read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub has_video: Option<bool>,
    /// Whether a container holds audio, when its track list was read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub has_audio: Option<bool>,
    /// Why the item is `dangerous` (`html`, `svg_script`, `executable`, `office_macros`, …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub danger_reasons: Vec<Danger>,
}

impl Fact for MimeDetails {}

/// What the sender declared about the media: the type (with its parameters, and normalised as
/// the report shows it) and the file name.
pub(crate) struct Declared<'a> {
    pub(crate) raw: Option<&'a str>,
    pub(crate) normalised: Option<String>,
    pub(crate) file_name: Option<&'a str>,
}

/// The facts for one item: sniffed content against what was declared.
pub(crate) fn facts(sniffed: &Sniffed, declared: Declared<'_>) -> (MimeFacts, MimeDetails) {
    let declared_raw = declared.raw;
    let verdict = compare(declared_raw, sniffed);
    let mut dangers = sniffed.dangers.clone();
    if declared_raw.is_some_and(is_active_type) && !dangers.contains(&Danger::DeclaredActive) {
        dangers.push(Danger::DeclaredActive);
    }
    let text = sniffed.mime.is_some_and(|m| m.starts_with("text/"));
    if text && declared.file_name.is_some_and(is_runnable_name) {
        dangers.push(Danger::RunnableName);
    }
    let facts = MimeFacts {
        sniffed_mime: sniffed.mime.map(str::to_owned),
        declared_mime: declared.normalised,
        verdict,
        dangerous: !dangers.is_empty(),
    };
    let details = MimeDetails {
        format: sniffed.format,
        codec: sniffed.codec,
        animated: sniffed.animated,
        has_video: sniffed.has_video,
        has_audio: sniffed.has_audio,
        danger_reasons: dangers,
    };
    (facts, details)
}

#[async_trait]
impl Stage for MimeStage {
    fn name(&self) -> &'static str {
        "mime"
    }

    /// Sniffs the blob (its head, plus a bounded number of reads of the file where a format
    /// needs them), records the facts, then applies the policies. A policy stop returns a
    /// quarantining error *after* the facts are recorded, so the report shows why.
    async fn process(&self, item: &mut Item, cx: &StageContext) -> Result<(), StageError> {
        let blob = item.blob().clone();
        let sniffed = cx
            .blocking(move || {
                let mut file = match blob.open() {
                    Ok(file) => Some(file),
                    Err(error) => {
                        tracing::warn!(%error, path = %blob.path().display(), "cannot open the blob; sniffing its head only");
                        None
                    }
                };
                Ok::<_, StageError>(sniff(blob.head(), file.as_mut()))
            })
            .await?;
        let declared = Declared {
            raw: item.declared_mime_raw(),
            normalised: item.declared_mime(),
            file_name: item.file_name(),
        };
        let (facts, details) = facts(&sniffed, declared);
        tracing::debug!(
            sniffed = ?facts.sniffed_mime,
            declared = ?facts.declared_mime,
            verdict = ?facts.verdict,
            dangerous = facts.dangerous,
            "sniffed"
        );
        let error = if self.config.reject_dangerous && facts.dangerous {
            Some(MimeError::Dangerous {
                sniffed: facts
                    .sniffed_mime
                    .clone()
                    .unwrap_or_else(|| "unknown".to_owned()),
                dangers: details.danger_reasons.clone(),
            })
        } else if self.config.reject_mismatch && facts.verdict == Verdict::Mismatch {
            Some(MimeError::Mismatch {
                declared: facts.declared_mime.clone().unwrap_or_default(),
                sniffed: facts.sniffed_mime.clone().unwrap_or_default(),
            })
        } else {
            None
        };
        item.facts.insert(facts);
        item.facts.insert(details);
        match error {
            Some(error) => Err(error.into()),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sniff::sniff_head;

    fn declared<'a>(raw: Option<&'a str>, file_name: Option<&'a str>) -> Declared<'a> {
        Declared {
            raw,
            normalised: raw.map(|r| {
                r.split(';')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_ascii_lowercase()
            }),
            file_name,
        }
    }

    #[test]
    fn runnable_names_only_matter_for_text() {
        let text = sniff_head(b"WScript.Echo('hi')\n");
        let (found, details) = facts(&text, declared(Some("text/plain"), Some("notes.txt.JS ")));
        assert!(found.dangerous);
        assert_eq!(details.danger_reasons, vec![Danger::RunnableName]);
        let jpeg = sniff_head(b"\xFF\xD8\xFF\xE0\0\x10JFIF\0");
        let (found, _) = facts(&jpeg, declared(Some("image/jpeg"), Some("photo.exe")));
        assert!(!found.dangerous);
        assert_eq!(found.verdict, Verdict::Match);
    }

    #[test]
    fn active_declared_types_are_dangerous_whatever_the_content() {
        let text = sniff_head(b"just words");
        let (found, details) = facts(&text, declared(Some("text/html; charset=utf-8"), None));
        assert_eq!((found.verdict, found.dangerous), (Verdict::Mismatch, true));
        assert_eq!(found.declared_mime.as_deref(), Some("text/html"));
        assert_eq!(details.danger_reasons, vec![Danger::DeclaredActive]);
    }
}
