//! The text of a pipeline file, and how a key path is found back in it (its line and column)
//! when something about it is refused.

use std::sync::Arc;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::error::{Location, SpecError};

/// A segment of a key path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    /// A table key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// `stages[2].quality`.
pub(crate) fn path_string(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// A pipeline file's name and text.
#[derive(Debug, Clone)]
pub(crate) struct Document {
    pub(crate) name: String,
    pub(crate) text: Arc<str>,
}

impl Document {
    pub(crate) fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
        }
    }

    /// Where `path` is: the span of its deepest part present in the file (the key itself when it
    /// is there, else the table that should have had it).
    pub(crate) fn locate(&self, path: &[Seg]) -> Location {
        let span = DeTable::parse(&self.text)
            .ok()
            .and_then(|root| find(&root, path));
        self.location(path, span.map(|s| s.start))
    }

    /// The location of byte `offset` (when known), named by `path`.
    pub(crate) fn location(&self, path: &[Seg], offset: Option<usize>) -> Location {
        let (line, column, source_line) = match offset {
            Some(offset) => {
                let offset = offset.min(self.text.len());
                let before = self.text.get(..offset).unwrap_or("");
                let line_start = before.rfind('\n').map_or(0, |i| i + 1);
                let line = before.matches('\n').count() + 1;
                let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
                let rest = self.text.get(line_start..).unwrap_or("");
                let source_line = rest
                    .lines()
                    .next()
                    .unwrap_or("")
                    .chars()
                    .take(200)
                    .collect();
                (line, column, source_line)
            }
            None => (0, 0, String::new()),
        };
        Location {
            file: self.name.clone(),
            path: path_string(path),
            line,
            column,
            source_line,
        }
    }

    /// A refusal located at `path`.
    pub(crate) fn invalid(&self, path: &[Seg], message: impl Into<String>) -> SpecError {
        SpecError::Invalid {
            at: Box::new(self.locate(path)),
            message: message.into(),
        }
    }

    /// A serde error from deserializing the part at `prefix`, located at the key it names.
    pub(crate) fn serde_error<E: std::fmt::Display>(
        &self,
        prefix: &[Seg],
        error: serde_path_to_error::Error<E>,
    ) -> SpecError {
        let mut path = prefix.to_vec();
        for seg in error.path() {
            match seg {
                serde_path_to_error::Segment::Seq { index } => path.push(Seg::Index(*index)),
                serde_path_to_error::Segment::Map { key } => path.push(Seg::Key(key.clone())),
                serde_path_to_error::Segment::Enum { .. }
                | serde_path_to_error::Segment::Unknown => {}
            }
        }
        let message = clean_message(&error.inner().to_string());
        // serde names an unknown key in its message, not in the path: point at the key.
        if let Some(key) = backticked_after(&message, "unknown field ") {
            if path.last() != Some(&Seg::Key(key.clone())) {
                path.push(Seg::Key(key));
            }
        }
        self.invalid(&path, message)
    }
}

/// The span of the deepest part of `path` present in `root`.
fn find(root: &Spanned<DeTable<'_>>, path: &[Seg]) -> Option<std::ops::Range<usize>> {
    let mut best = None;
    let mut table: Option<&DeTable<'_>> = Some(root.get_ref());
    let mut array: Option<&[Spanned<DeValue<'_>>]> = None;
    for seg in path {
        let found = match seg {
            Seg::Key(key) => table
                .and_then(|t| t.iter().find(|(k, _)| k.get_ref() == key))
                .map(|(k, v)| (k.span(), v)),
            Seg::Index(i) => array.and_then(|a| a.get(*i)).map(|v| (v.span(), v)),
        };
        let Some((span, value)) = found else {
            break;
        };
        best = Some(span);
        table = value.get_ref().as_table();
        array = value.get_ref().as_array().map(|a| &a[..]);
    }
    best
}

/// serde's message without the location lines toml may add around it (`in `key``, a
/// snippet): the location is shown separately.
fn clean_message(message: &str) -> String {
    let kept: Vec<&str> = message
        .lines()
        .map(str::trim)
        .filter(|l| {
            !l.is_empty()
                && !l.starts_with("in `")
                && !l.starts_with("TOML parse error")
                && !l.starts_with('|')
                && !l
                    .split_once(" | ")
                    .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
        })
        .collect();
    if kept.is_empty() {
        message.trim().to_owned()
    } else {
        kept.join(" ")
    }
}

/// The text between the backticks that follow `marker` in `message`.
fn backticked_after(message: &str, marker: &str) -> Option<String> {
    let rest = message.split(marker).nth(1)?.strip_prefix('`')?;
    Some(rest.split('`').next()?.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_found_back_as_lines() {
        let doc = Document::new(
            "p.toml",
            "out = \"x\"\n\n[[stages]]\ntype = \"mime\"\n\n[[stages]]\ntype = \"thumbnail\"\nquality = 500\n",
        );
        let at = doc.locate(&[
            Seg::Key("stages".into()),
            Seg::Index(1),
            Seg::Key("quality".into()),
        ]);
        assert_eq!((at.line, at.column), (8, 1));
        assert_eq!(at.path, "stages[1].quality");
        assert_eq!(at.source_line, "quality = 500");
        // A key that is not there: the table that should have it.
        let at = doc.locate(&[
            Seg::Key("stages".into()),
            Seg::Index(0),
            Seg::Key("nope".into()),
        ]);
        assert_eq!(
            (at.line, at.source_line.as_str()),
            (3, "[[stages]]"),
            "{at:?}"
        );
        assert_eq!(at.to_string(), "p.toml:3:1: stages[0].nope");
    }
}
