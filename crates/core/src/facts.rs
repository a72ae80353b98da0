//! Typed facts that stages attach to an item, each of which also knows how to appear in the
//! report.
//!
//! A fact is any `Serialize` type that serialises to a JSON object; its fields become the keys of
//! `stages.<stage>.facts` in `report.jsonl`. Stages read earlier stages' facts by type:
//!
//! ```
//! use pipes_media_core::{Fact, Facts};
//! use serde::Serialize;
//!
//! #[derive(Serialize)]
//! #[serde(rename_all = "camelCase")]
//! struct WordCount { caption_words: usize }
//! impl Fact for WordCount {}
//!
//! let mut facts = Facts::default();
//! facts.insert(WordCount { caption_words: 3 });
//! assert_eq!(facts.get::<WordCount>().map(|f| f.caption_words), Some(3));
//! ```

use std::any::{Any, TypeId};
use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value};

/// A typed fact. Implement it (an empty `impl`) for any `Serialize` type that serialises to a JSON
/// object; its fields appear flat in the report under the stage that inserted it.
pub trait Fact: Serialize + Send + Sync + 'static {}

trait ErasedFact: Send + Sync {
    fn as_any(&self) -> &dyn Any;
    fn to_json(&self) -> Value;
}

impl<T: Fact> ErasedFact for T {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or_else(|e| Value::String(format!("unserialisable: {e}")))
    }
}

struct Entry {
    type_id: TypeId,
    stage: &'static str,
    value: Box<dyn ErasedFact>,
}

/// The facts known about an item, keyed by type and remembering which stage added each.
#[derive(Default)]
pub struct Facts {
    entries: Vec<Entry>,
    current_stage: &'static str,
}

impl Facts {
    /// Adds a fact, replacing an earlier one of the same type.
    pub fn insert<F: Fact>(&mut self, fact: F) {
        let type_id = TypeId::of::<F>();
        let stage = self.current_stage;
        self.entries.retain(|e| e.type_id != type_id);
        self.entries.push(Entry {
            type_id,
            stage,
            value: Box::new(fact),
        });
    }

    /// The fact of type `F`, if a stage added one.
    pub fn get<F: Fact>(&self) -> Option<&F> {
        let type_id = TypeId::of::<F>();
        self.entries
            .iter()
            .find(|e| e.type_id == type_id)
            .and_then(|e| e.value.as_any().downcast_ref::<F>())
    }

    /// Whether a fact of type `F` is present.
    pub fn contains<F: Fact>(&self) -> bool {
        self.get::<F>().is_some()
    }

    /// Number of facts.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no facts.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The flat JSON object of every fact the named stage added, as the report shows it.
    /// Facts that do not serialise to an object appear under the key `value`.
    pub fn to_json_for(&self, stage: &str) -> Map<String, Value> {
        let mut out = Map::new();
        for entry in self.entries.iter().filter(|e| e.stage == stage) {
            match entry.value.to_json() {
                Value::Object(map) => out.extend(map),
                Value::Null => {}
                other => {
                    out.insert("value".to_owned(), other);
                }
            }
        }
        out
    }

    /// Sets the stage that later inserts are attributed to. The pipeline calls this before each
    /// stage; stages need not.
    pub fn set_current_stage(&mut self, stage: &'static str) {
        self.current_stage = stage;
    }
}

impl fmt::Debug for Facts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for e in &self.entries {
            map.entry(&e.stage, &e.value.to_json());
        }
        map.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Size {
        width: u32,
        height: u32,
    }
    impl Fact for Size {}

    #[derive(Serialize)]
    struct Note(&'static str);
    impl Fact for Note {}

    #[test]
    fn facts_are_typed_replaced_and_attributed() {
        let mut facts = Facts::default();
        facts.set_current_stage("a");
        facts.insert(Size {
            width: 1,
            height: 2,
        });
        facts.set_current_stage("b");
        facts.insert(Note("hi"));
        facts.insert(Size {
            width: 3,
            height: 4,
        });
        assert_eq!(facts.len(), 2);
        assert_eq!(facts.get::<Size>().map(|s| s.width), Some(3));
        assert!(facts.to_json_for("a").is_empty());
        let b = facts.to_json_for("b");
        assert_eq!(b["width"], 3);
        assert_eq!(b["value"], "hi");
    }
}

/// The verdict of comparing sniffed and declared types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Declared and sniffed name the same format.
    Match,
    /// Same family of container (e.g. `video/mp4` declared, `audio/mp4` found).
    Compatible,
    /// The declared format differs from the content.
    Mismatch,
    /// The bytes match no known type, or nothing useful was declared.
    Unknown,
}

/// What the `mime` stage found, defined here (not in the plugin) so that every stage can read it
/// without depending on another plugin. Stages that need a type use
/// [`Item::content_type`](crate::Item::content_type), which falls back to the declared type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MimeFacts {
    /// The type the bytes show (`None` when unknown), e.g. `audio/ogg`.
    pub sniffed_mime: Option<String>,
    /// The declared type, normalised (lower case, no parameters).
    pub declared_mime: Option<String>,
    /// How the two compare.
    pub verdict: Verdict,
    /// Whether a viewer might execute or render the content as active content.
    pub dangerous: bool,
}

impl Fact for MimeFacts {}
