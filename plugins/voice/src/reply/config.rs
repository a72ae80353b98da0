//! [`ReplyConfig`] and its [`ReplyRule`]s: which text answers which message.

use std::time::Duration;

use pipes_media_core::{Item, MessageType};
use serde_json::Value;

use super::template::{cut_at_word, Template};
use pipes_media_core::reply::MAX_REPLY_CHARS;

/// When a [`ReplyRule`] applies.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum When {
    /// Every message.
    Always,
    /// Messages of this type.
    Type(MessageType),
    /// When an earlier stage's fact has this value, e.g. `mime.verdict == "mismatch"`.
    Fact {
        /// The stage, e.g. `mime`.
        stage: String,
        /// The fact, e.g. `verdict`.
        fact: String,
        /// The value it must have.
        equals: Value,
    },
}

impl When {
    fn matches(&self, item: &Item) -> bool {
        match self {
            Self::Always => true,
            Self::Type(kind) => &item.message().kind == kind,
            Self::Fact {
                stage,
                fact,
                equals,
            } => item.facts.to_json_for(stage).get(fact) == Some(equals),
        }
    }
}

/// Templates tried in order for the messages a [`When`] selects; the first that renders wins.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplyRule {
    /// Which messages.
    pub when: When,
    /// The texts, best first.
    pub templates: Vec<Template>,
}

impl ReplyRule {
    /// A rule for messages of `kind`.
    pub fn for_type(kind: MessageType, templates: &[&str]) -> Self {
        Self {
            when: When::Type(kind),
            templates: templates.iter().map(|t| Template::new(*t)).collect(),
        }
    }

    /// A rule for items whose `stage.fact` equals `equals`.
    pub fn when_fact(stage: &str, fact: &str, equals: Value, templates: &[&str]) -> Self {
        Self {
            when: When::Fact {
                stage: stage.to_owned(),
                fact: fact.to_owned(),
                equals,
            },
            templates: templates.iter().map(|t| Template::new(*t)).collect(),
        }
    }
}

/// Settings of the `reply` stage.
///
/// The default rules answer a spoofed file (the `mime` stage's `verdict` is `mismatch`) with a
/// warning, a voice note with its transcript or else its duration, a document with its page
/// count, a photo with its size, a video with its length:
///
/// ```
/// use pipes_media_voice::ReplyConfig;
/// let config = ReplyConfig::default();
/// assert_eq!(config.rules[1].templates[0].source(), "{transcribe.text}");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ReplyConfig {
    /// Rules tried in order; the first rule with a template that renders gives the text. Items
    /// no rule answers are skipped.
    pub rules: Vec<ReplyRule>,
    /// How long the ledger remembers a reply (default 7 days).
    pub ledger_keep: Duration,
}

impl Default for ReplyConfig {
    fn default() -> Self {
        Self {
            rules: vec![
                ReplyRule::when_fact(
                    "mime",
                    "verdict",
                    Value::from("mismatch"),
                    &[
                        "Careful: this file claims to be {mime.declaredMime} but it is {mime.sniffedMime}. Don't open it unless you trust the sender.",
                        "Careful: this file is not what it claims to be ({mime.declaredMime}).",
                    ],
                ),
                ReplyRule::for_type(
                    MessageType::Audio,
                    &[
                        "{transcribe.text}",
                        "Got your voice note ({waveform.decodedDurationMs:s} s).",
                        "Got your voice note ({audio.durationMs:s} s).",
                    ],
                ),
                ReplyRule::for_type(
                    MessageType::Document,
                    &[
                        "Got your document: {pdf.pages} pages.",
                        "Got your file {message.fileName}.",
                    ],
                ),
                ReplyRule::for_type(
                    MessageType::Image,
                    &["Got your photo ({thumbnail.sourceWidth}×{thumbnail.sourceHeight})."],
                ),
                ReplyRule::for_type(
                    MessageType::Video,
                    &["Got your video ({audio.durationMs:s} s)."],
                ),
            ],
            ledger_keep: Duration::from_secs(7 * 24 * 3600),
        }
    }
}

impl ReplyConfig {
    /// No rules (add them with [`ReplyConfig::rule`]).
    pub fn empty() -> Self {
        Self {
            rules: Vec::new(),
            ..Self::default()
        }
    }

    /// Adds a rule after the existing ones.
    pub fn rule(mut self, rule: ReplyRule) -> Self {
        self.rules.push(rule);
        self
    }

    /// The reply text for `item`, cut to 4096 characters at a word, or `None` when no rule
    /// answers it.
    pub fn text_for(&self, item: &Item) -> Option<String> {
        self.rules
            .iter()
            .filter(|r| r.when.matches(item))
            .flat_map(|r| r.templates.iter())
            .find_map(|t| t.render(item))
            .map(|text| cut_at_word(&text, MAX_REPLY_CHARS))
    }
}
