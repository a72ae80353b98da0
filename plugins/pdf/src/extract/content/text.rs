//! Showing strings: where each glyph lands, whether it is on the page, and the word and line
//! breaks between strings (or, when recording glyphs, each glyph with its position).

use super::super::font::{push_char, Code, Font};
use super::marked::Span;
use super::{mul, Frag, Glyph, Matrix, PageRun, Pen, State, MAX_FRAGS, MAX_GLYPHS};

/// A string's placement in device space: origin, writing direction, size.
#[derive(Clone, Copy)]
struct Place {
    x: f32,
    y: f32,
    dir: (f32, f32),
    size: f32,
}

impl PageRun<'_> {
    /// Shows `bytes` with the current font at `tm`, advancing `tm`.
    pub(super) fn show(&mut self, gs: &State, tm: &mut Matrix, bytes: &[u8]) {
        let Some(font) = gs.font.clone() else { return };
        if self.marks.hidden() {
            let shown = font.measure(bytes);
            let (glyphs, spaces) = (shown.glyphs as f32, shown.spaces as f32);
            advance(gs, &font, tm, shown.width, glyphs, spaces);
            return;
        }
        let trm = mul(tm, &gs.ctm);
        let place = placement(gs, &font, &trm);
        if self.glyphs.is_none() && self.marks.actual().is_none() && self.on_page(place.x, place.y)
        {
            // The common case: the string starts on the page; if it also ends there, all of it
            // is on the page (the page box is convex).
            self.start_run(place);
            let mark = self.out.len();
            let shown = font.show(bytes, self.out);
            let (glyphs, spaces) = (shown.glyphs as f32, shown.spaces as f32);
            let (x, y) = (tm[4], tm[5]);
            advance(gs, &font, tm, shown.width, glyphs, spaces);
            let c = &gs.ctm;
            let (ex, ey) = (
                tm[4] * c[0] + tm[5] * c[2] + c[4],
                tm[4] * c[1] + tm[5] * c[3] + c[5],
            );
            if self.on_page(ex, ey) {
                self.end_run(place, ex, ey);
                return;
            }
            // It runs off the page: keep the glyphs that are on it.
            (tm[4], tm[5]) = (x, y);
            self.out.truncate(mark);
            if self.pen.is_some() {
                self.pen = Some(Pen {
                    x: place.x,
                    y: place.y,
                    dir: place.dir,
                    size: place.size,
                });
            }
        }
        self.show_glyphs(gs, &font, tm, bytes, place);
    }

    /// Shows `bytes` glyph by glyph: into the `ActualText` span, as recorded glyphs, or (for a
    /// string that is partly off the page) as text, each glyph only when it is on the page.
    fn show_glyphs(
        &mut self,
        gs: &State,
        font: &Font,
        tm: &mut Matrix,
        bytes: &[u8],
        place: Place,
    ) {
        let mut text = String::new();
        font.walk(bytes, |code: Code| {
            let start = mul(tm, &gs.ctm);
            // The glyph spans its own advance; the spacing after it moves only the pen (a
            // negative character spacing draws right-to-left text leftwards, for one).
            let mut glyph_end = *tm;
            advance(gs, font, &mut glyph_end, code.advance, 0.0, 0.0);
            let end = mul(&glyph_end, &gs.ctm);
            let (spaces, glyphs) = (f32::from(u8::from(code.space)), 1.0);
            advance(gs, font, tm, code.advance, glyphs, spaces);
            let (x0, y0, x1, y1) = (start[4], start[5], end[4], end[5]);
            if let Some(span) = self.marks.actual() {
                if span.start.is_none() {
                    span.start = Some((x0, y0, place.dir, place.size));
                }
                span.end = (x1, y1);
                return;
            }
            if !self.on_page_segment(x0, y0, x1, y1) {
                return;
            }
            text.clear();
            font.push_text(&code, &mut text);
            let here = Place {
                x: x0,
                y: y0,
                ..place
            };
            self.emit(&text, here, x1, y1);
        });
    }

    /// Writes `text` as one unit at `at`, ending at `(x1, y1)`: as a recorded glyph, or after a
    /// word or line break from the previous text.
    fn emit(&mut self, text: &str, at: Place, x1: f32, y1: f32) {
        if let Some(glyphs) = self.glyphs.as_mut() {
            if glyphs.len() >= MAX_GLYPHS || text.is_empty() {
                return;
            }
            let start = self.out.len() as u32;
            self.out.push_str(text);
            glyphs.push(Glyph {
                start,
                end: self.out.len() as u32,
                x: at.x,
                y: at.y,
                dx: x1 - at.x,
                dy: y1 - at.y,
                size: at.size,
                dir: at.dir,
            });
            return;
        }
        self.start_run(at);
        self.out.push_str(text);
        self.end_run(at, x1, y1);
    }

    /// Writes a closed `ActualText` span's text where its glyphs were.
    pub(super) fn emit_span(&mut self, span: Span) {
        let Some((x, y, dir, size)) = span.start else {
            return;
        };
        let (x1, y1) = span.end;
        if !self.on_page_segment(x, y, x1, y1) {
            return;
        }
        let mut text = String::with_capacity(span.text.len());
        for c in span.text.chars() {
            push_char(&mut text, c);
        }
        self.emit(&text, Place { x, y, dir, size }, x1, y1);
    }

    /// Writes `text` (generated form field text) left to right from `(x, y)` at `size`.
    pub(super) fn emit_synthetic(&mut self, text: &str, x: f32, y: f32, size: f32) {
        if !self.on_page(x, y) {
            return;
        }
        let mut clean = String::with_capacity(text.len());
        for c in text.chars() {
            push_char(&mut clean, c);
        }
        let width = 0.5 * size * clean.chars().count() as f32;
        let at = Place {
            x,
            y,
            dir: (1.0, 0.0),
            size,
        };
        self.emit(clean.trim(), at, x + width, y);
    }

    /// Whether `(x, y)` lies on the page's media box.
    #[inline]
    fn on_page(&self, x: f32, y: f32) -> bool {
        let [llx, lly, urx, ury] = self.setup.media_box;
        (llx..=urx).contains(&x) && (lly..=ury).contains(&y)
    }

    /// Whether a glyph from `(x0, y0)` to `(x1, y1)` touches the page's media box (as
    /// `pdftotext` keeps a character whose advance reaches into the page).
    fn on_page_segment(&self, x0: f32, y0: f32, x1: f32, y1: f32) -> bool {
        let [llx, lly, urx, ury] = self.setup.media_box;
        x0.max(x1) >= llx && x0.min(x1) <= urx && y0.max(y1) >= lly && y0.min(y1) <= ury
    }

    /// Breaks from the previous text as `place` requires, and opens a run of text for layout.
    #[inline(always)]
    fn start_run(&mut self, place: Place) {
        let split = self.place(place.x, place.y, place.dir, place.size);
        if split || self.frags.is_empty() {
            if self.frags.len() < MAX_FRAGS {
                self.frags.push(Frag {
                    start: self.out.len(),
                    x0: place.x,
                    x1: place.x,
                    y: place.y,
                    em: place.size,
                    upright: place.dir.0 > 0.99,
                });
            } else if let Some(last) = self.frags.last_mut() {
                // Too many runs to lay out: mark the page as not reorderable.
                last.upright = false;
            }
        }
    }

    /// Ends the text begun at `place` at `(x, y)`.
    #[inline]
    fn end_run(&mut self, place: Place, x: f32, y: f32) {
        if let Some(frag) = self.frags.last_mut() {
            frag.x1 = frag.x1.max(x);
        }
        self.pen = Some(Pen {
            x,
            y,
            dir: place.dir,
            size: place.size,
        });
    }

    /// Separates the string about to be shown at `(x, y)` from the previous one: a newline when
    /// it starts another line, a space when it leaves a word-sized gap. Returns whether it
    /// starts a new run of text (a new line, or a gap wide enough to be a column gutter).
    #[inline(always)]
    fn place(&mut self, x: f32, y: f32, dir: (f32, f32), size: f32) -> bool {
        let Some(pen) = self.pen else { return false };
        let (dx, dy) = (x - pen.x, y - pen.y);
        let along = dx * pen.dir.0 + dy * pen.dir.1;
        let across = dy * pen.dir.0 - dx * pen.dir.1;
        let em = size.max(pen.size).max(0.01);
        let turned = (dir.0 * pen.dir.0 + dir.1 * pen.dir.1) < 0.9;
        if !(along.is_finite() && across.is_finite()) {
            return false;
        }
        if turned || across.abs() > 0.6 * em || along < -3.0 * em {
            while self.out.ends_with(' ') {
                self.out.pop();
            }
            if !self.out.is_empty() && !self.out.ends_with('\n') {
                self.out.push('\n');
            }
            true
        } else if along > 0.12 * em || along < -0.5 * em {
            if !self.out.ends_with([' ', '\n']) && !self.out.is_empty() {
                self.out.push(' ');
            }
            along > 1.5 * em
        } else {
            false
        }
    }
}

/// Where a string shown with text rendering matrix `trm` starts, its writing direction and
/// its size, in device space.
#[inline]
fn placement(gs: &State, font: &Font, trm: &Matrix) -> Place {
    let (ux, uy, size_axis) = if font.vertical() {
        (-trm[2], -trm[3], trm[0].hypot(trm[1]))
    } else {
        (trm[0], trm[1], trm[2].hypot(trm[3]))
    };
    let norm = ux.hypot(uy);
    let dir = if norm > 0.0 && norm.is_finite() {
        (ux / norm, uy / norm)
    } else {
        (1.0, 0.0)
    };
    Place {
        x: trm[4],
        y: trm[5],
        dir,
        size: (gs.size * size_axis * font.size_scale()).abs(),
    }
}

/// Moves `tm` past glyphs of total advance `width` (per unit of font size), with the
/// character spacing for `glyphs` and the word spacing for `spaces`.
#[inline]
fn advance(gs: &State, font: &Font, tm: &mut Matrix, width: f32, glyphs: f32, spaces: f32) {
    let spacing = glyphs * gs.char_spacing + spaces * gs.word_spacing;
    if font.vertical() {
        let ty = -width * gs.size + spacing;
        tm[4] += ty * tm[2];
        tm[5] += ty * tm[3];
    } else {
        let tx = (width * gs.size + spacing) * gs.scale;
        tm[4] += tx * tm[0];
        tm[5] += tx * tm[1];
    }
}
