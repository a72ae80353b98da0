//! The marked-content stack of a page run: optional content that hides what it encloses, and
//! `ActualText` spans whose text replaces the glyphs drawn inside them.

use lopdf::Dictionary;

use super::super::lexer::{Operand, Operands};
use super::{text_string, PageRun};

/// Deepest marked-content nesting recorded; deeper `BMC`/`BDC` only count, so their `EMC`s
/// still match.
const MAX_MARKS: usize = 256;

/// An `ActualText` span: its text, and where the glyphs drawn inside it started and ended.
#[derive(Debug)]
pub(super) struct Span {
    pub(super) text: String,
    /// Origin of the first glyph drawn inside, its writing direction and size.
    pub(super) start: Option<(f32, f32, (f32, f32), f32)>,
    /// End of the last glyph drawn inside.
    pub(super) end: (f32, f32),
}

#[derive(Debug, Clone, Copy)]
enum Mark {
    Plain,
    Hidden,
    Actual,
}

/// The open marked-content sequences.
#[derive(Debug, Default)]
pub(super) struct Marks {
    stack: Vec<Mark>,
    /// Sequences opened past [`MAX_MARKS`], not recorded.
    overflow: usize,
    /// Open sequences that hide their content.
    hidden: usize,
    /// The outermost open `ActualText` span (inner ones are plain: their glyphs belong to it).
    actual: Option<Span>,
}

impl Marks {
    /// Whether the content drawn now is hidden by optional content.
    pub(super) fn hidden(&self) -> bool {
        self.hidden > 0
    }

    /// How many sequences are open.
    pub(super) fn depth(&self) -> usize {
        self.stack.len() + self.overflow
    }

    fn push(&mut self, mark: Mark) {
        if self.stack.len() >= MAX_MARKS {
            self.overflow += 1;
            return;
        }
        if matches!(mark, Mark::Hidden) {
            self.hidden += 1;
        }
        self.stack.push(mark);
    }

    /// `BMC`, or a `BDC` that means nothing here.
    pub(super) fn begin_plain(&mut self) {
        self.push(Mark::Plain);
    }

    /// `/OC … BDC`: hides what it encloses unless `visible`.
    pub(super) fn begin_optional(&mut self, visible: bool) {
        self.push(if visible { Mark::Plain } else { Mark::Hidden });
    }

    /// `/Span << /ActualText … >> BDC`.
    pub(super) fn begin_actual(&mut self, text: String) {
        if self.actual.is_some() || self.stack.len() >= MAX_MARKS {
            self.push(Mark::Plain);
            return;
        }
        self.actual = Some(Span {
            text,
            start: None,
            end: (0.0, 0.0),
        });
        self.push(Mark::Actual);
    }

    /// The open `ActualText` span, which takes the glyphs drawn now instead of the page.
    pub(super) fn actual(&mut self) -> Option<&mut Span> {
        self.actual.as_mut()
    }

    /// `EMC`: closes the innermost sequence; returns the `ActualText` span it closes, if any
    /// glyph was drawn inside it.
    pub(super) fn end(&mut self) -> Option<Span> {
        if self.overflow > 0 {
            self.overflow -= 1;
            return None;
        }
        match self.stack.pop()? {
            Mark::Plain => None,
            Mark::Hidden => {
                self.hidden = self.hidden.saturating_sub(1);
                None
            }
            Mark::Actual => self.actual.take().filter(|s| s.start.is_some()),
        }
    }

    /// Closes everything left open at the end of the page's content (the span's text still
    /// counts).
    pub(super) fn close_all(&mut self) -> Option<Span> {
        let span = self.actual.take().filter(|s| s.start.is_some());
        *self = Marks::default();
        span
    }
}

impl PageRun<'_> {
    /// `BDC`: optional content (`/OC /name`) and `ActualText` spans (`/Span << … >>`).
    pub(super) fn begin_marked(&mut self, o: &Operands, resources: Option<&Dictionary>) {
        let tag = o.stack.first().map(|t| o.bytes(*t)).unwrap_or(&[]);
        if tag == b"OC" {
            let visible = match (self.setup.optional, o.stack.get(1)) {
                (Some(optional), Some(name @ Operand::Name(..))) => resources
                    .and_then(|r| r.get(b"Properties").ok())
                    .and_then(|p| self.doc.dereference(p).ok())
                    .and_then(|(_, p)| p.as_dict().ok())
                    .and_then(|p| p.get(o.bytes(*name)).ok())
                    .is_none_or(|target| optional.visible(self.doc, target)),
                _ => true,
            };
            self.marks.begin_optional(visible);
            return;
        }
        // `/Span << /ActualText (…) >>`: the dictionary's entries follow the tag.
        let actual = o
            .stack
            .windows(2)
            .find(|w| matches!(w[0], Operand::Name(..)) && o.bytes(w[0]) == b"ActualText")
            .and_then(|w| match w[1] {
                s @ Operand::Str(..) => Some(text_string(o.bytes(s))),
                _ => None,
            });
        match actual {
            Some(text) => self.marks.begin_actual(text),
            None => self.marks.begin_plain(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_and_hiding() {
        let mut marks = Marks::default();
        marks.begin_optional(false);
        marks.begin_plain();
        assert!(marks.hidden());
        assert!(marks.end().is_none());
        assert!(marks.hidden());
        marks.end();
        assert!(!marks.hidden());
        // Unbalanced EMCs do nothing.
        assert!(marks.end().is_none());
        for _ in 0..MAX_MARKS + 10 {
            marks.begin_optional(false);
        }
        for _ in 0..MAX_MARKS + 10 {
            marks.end();
        }
        assert!(!marks.hidden());
        assert_eq!(marks.depth(), 0);
    }

    #[test]
    fn actual_text_spans() {
        let mut marks = Marks::default();
        marks.begin_actual("ﬁ".into());
        marks.begin_actual("inner".into());
        assert_eq!(marks.actual().map(|s| s.text.as_str()), Some("ﬁ"));
        if let Some(span) = marks.actual() {
            span.start = Some((1.0, 2.0, (1.0, 0.0), 10.0));
        }
        assert!(marks.end().is_none());
        assert_eq!(marks.end().map(|s| s.text), Some("ﬁ".to_owned()));
        // A span with no glyph drawn inside gives nothing.
        marks.begin_actual("x".into());
        assert!(marks.end().is_none());
    }
}
