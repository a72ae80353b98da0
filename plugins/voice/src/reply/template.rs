//! [`Template`]: reply text with placeholders filled from any stage's facts.
//!
//! `{stage.fact}` is replaced by that fact as the report shows it (`{audio.durationMs}`,
//! `{pdf.pages}`, `{transcribe.text}`), `{message.field}` by a field of the message
//! (`fromName`, `type`, `text`, `fileName`, `declaredMime`). A `:s` suffix shows a number of
//! milliseconds as seconds with one decimal (`{audio.durationMs:s}` → `12.3`). `{{` and `}}`
//! are literal braces. A template renders only when every placeholder has a value (present, not
//! null, not an empty string), so a list of templates reads as "the first one that fits".

use pipes_media_core::Item;
use serde_json::Value;

/// A reply text with placeholders; see the [module docs](self).
///
/// ```
/// use pipes_media_voice::Template;
/// let t = Template::new("{message.fromName}: {{{audio.durationMs:s}}} s");
/// assert_eq!(t.placeholders().count(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    source: String,
}

/// One piece of a parsed template.
enum Piece<'a> {
    Text(&'a str),
    Brace(char),
    Field { path: &'a str, seconds: bool },
}

impl Template {
    /// A template from its text.
    pub fn new(source: impl Into<String>) -> Self {
        Self {
            source: source.into(),
        }
    }

    /// The template text.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The placeholders it uses, e.g. `audio.durationMs`.
    pub fn placeholders(&self) -> impl Iterator<Item = &str> {
        pieces(&self.source).filter_map(|p| match p {
            Piece::Field { path, .. } => Some(path),
            _ => None,
        })
    }

    /// The text for `item`, or `None` when a placeholder has no value (or the template has an
    /// unclosed `{`).
    pub fn render(&self, item: &Item) -> Option<String> {
        let mut out = String::with_capacity(self.source.len() + 64);
        for piece in pieces(&self.source) {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Brace(c) => out.push(c),
                Piece::Field { path, seconds } => out.push_str(&lookup(item, path, seconds)?),
            }
        }
        Some(out)
    }
}

fn pieces(source: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = source;
    let mut broken = false;
    std::iter::from_fn(move || {
        if rest.is_empty() || broken {
            return None;
        }
        if let Some(after) = rest.strip_prefix("{{") {
            rest = after;
            return Some(Piece::Brace('{'));
        }
        if let Some(after) = rest.strip_prefix("}}") {
            rest = after;
            return Some(Piece::Brace('}'));
        }
        if let Some(after) = rest.strip_prefix('{') {
            let Some(end) = after.find('}') else {
                broken = true;
                // An unclosed brace makes the template unusable: a field nobody can fill.
                return Some(Piece::Field {
                    path: "",
                    seconds: false,
                });
            };
            let inner = after[..end].trim();
            rest = &after[end + 1..];
            let (path, seconds) = match inner.strip_suffix(":s") {
                Some(p) => (p.trim(), true),
                None => (inner, false),
            };
            return Some(Piece::Field { path, seconds });
        }
        let end = rest.find(['{', '}']).unwrap_or(rest.len()).max(1);
        let (text, after) = rest.split_at(end);
        rest = after;
        Some(Piece::Text(text))
    })
}

fn lookup(item: &Item, path: &str, seconds: bool) -> Option<String> {
    let (scope, field) = path.split_once('.')?;
    let value = if scope == "message" {
        message_field(item, field)?
    } else {
        item.facts.to_json_for(scope).get(field)?.clone()
    };
    let text = match value {
        Value::Null => return None,
        Value::String(s) => s,
        Value::Number(n) if seconds => format!("{:.1}", n.as_f64()? / 1000.0),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    };
    (!text.trim().is_empty()).then_some(text)
}

fn message_field(item: &Item, field: &str) -> Option<Value> {
    let m = item.message();
    Some(Value::String(match field {
        "fromName" => m.from_name.clone()?,
        "fromNumber" => m.from_number.clone(),
        "type" => m.kind.to_string(),
        "text" => m.text.clone(),
        "fileName" => item.file_name()?.to_owned(),
        "declaredMime" => item.declared_mime()?,
        "messageId" => m.message_id.clone(),
        _ => return None,
    }))
}

/// `text` cut to at most `max` characters at a word boundary, with `…` when cut.
pub fn cut_at_word(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let keep: String = text.chars().take(max.saturating_sub(1)).collect();
    let head = match keep.rfind(char::is_whitespace) {
        Some(at) if at > keep.len() / 2 => keep[..at].trim_end(),
        _ => keep.as_str(),
    };
    format!("{head}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutting_keeps_whole_words_and_the_limit() {
        let text = "word ".repeat(2000);
        let cut = cut_at_word(&text, 4096);
        assert!(cut.chars().count() <= 4096);
        assert!(cut.ends_with("word…"), "{}", &cut[cut.len() - 20..]);
        assert_eq!(cut_at_word("  short  ", 4096), "short");
        let one_word = "x".repeat(5000);
        assert_eq!(cut_at_word(&one_word, 4096).chars().count(), 4096);
        let multibyte = "é".repeat(5000);
        assert_eq!(cut_at_word(&multibyte, 10).chars().count(), 10);
    }

    #[test]
    fn placeholders_and_braces_parse() {
        let t = Template::new("{{a}} {x.y:s} and {message.type}");
        assert_eq!(
            t.placeholders().collect::<Vec<_>>(),
            ["x.y", "message.type"]
        );
        assert_eq!(Template::new("broken {x.y").placeholders().count(), 1);
    }
}
