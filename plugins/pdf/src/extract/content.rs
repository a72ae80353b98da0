//! Runs a page's content streams for their text: text state, matrices, fonts, form XObjects,
//! and word and line breaks from where each string lands.

use std::collections::HashMap;
use std::rc::Rc;
use std::time::Instant;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::Font;
use super::lexer::{for_each_op, Operand, Operands};
use super::Limits;
use crate::PdfError;

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
/// Deepest `q` nesting honoured; deeper saves are ignored (their `Q` then pops nothing).
const MAX_SAVES: usize = 1024;
/// How many operators run between two looks at the clock.
const CLOCK_EVERY: u32 = 4096;

fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// Fonts of one document, by the address of their dictionary (stable while the document lives).
pub(crate) type FontCache = HashMap<usize, Rc<Font>>;

#[derive(Clone)]
struct State {
    ctm: Matrix,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    size: f32,
    font: Option<Rc<Font>>,
}

impl Default for State {
    fn default() -> Self {
        Self {
            ctm: IDENTITY,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            size: 0.0,
            font: None,
        }
    }
}

/// Most runs of text recorded per page for layout; pages with more keep stream order.
const MAX_FRAGS: usize = 20_000;

/// A run of text on one line with no wide gap in it, in device space: its text starts at byte
/// `start` of the page text and runs to the next run's start.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frag {
    pub(crate) start: usize,
    pub(crate) x0: f32,
    pub(crate) x1: f32,
    pub(crate) y: f32,
    pub(crate) em: f32,
    /// Written left to right, unrotated.
    pub(crate) upright: bool,
}

/// Where the previous string ended, in device space.
#[derive(Clone, Copy)]
struct Pen {
    x: f32,
    y: f32,
    dir: (f32, f32),
    size: f32,
}

/// The text of one page, built by running its content.
pub(crate) struct PageRun<'a> {
    doc: &'a Document,
    fonts: &'a mut FontCache,
    limits: &'a Limits,
    out: &'a mut String,
    /// Decompressed content bytes used so far in the document.
    content_used: &'a mut usize,
    pen: Option<Pen>,
    frags: Vec<Frag>,
    ops: u32,
    forms: Vec<ObjectId>,
    error: Option<PdfError>,
}

impl<'a> PageRun<'a> {
    pub(crate) fn new(
        doc: &'a Document,
        fonts: &'a mut FontCache,
        limits: &'a Limits,
        out: &'a mut String,
        content_used: &'a mut usize,
    ) -> Self {
        Self {
            doc,
            fonts,
            limits,
            out,
            content_used,
            pen: None,
            frags: Vec::new(),
            ops: 0,
            forms: Vec::new(),
            error: None,
        }
    }

    /// Runs `content` with `resources` as a page (identity CTM); returns where each run of
    /// text landed, for [`super::layout::reorder`].
    pub(crate) fn run_page(
        mut self,
        content: &[u8],
        resources: Option<&Dictionary>,
    ) -> Result<Vec<Frag>, PdfError> {
        self.run(content, resources, State::default());
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.frags),
        }
    }

    fn run(&mut self, content: &[u8], resources: Option<&Dictionary>, state: State) {
        let mut operands = Operands::default();
        let mut saved: Vec<State> = Vec::new();
        let mut gs = state;
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        for_each_op(content, &mut operands, |op, o| {
            self.ops = self.ops.wrapping_add(1);
            if self.ops.is_multiple_of(CLOCK_EVERY) && Instant::now() > self.limits.deadline {
                self.error = Some(PdfError::Timeout(self.limits.time_limit));
                return false;
            }
            match op {
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" => {
                    gs.size = o.num(0);
                    gs.font = o
                        .stack
                        .len()
                        .checked_sub(2)
                        .and_then(|i| o.stack.get(i))
                        .and_then(|name| self.font(resources, o.bytes(*name)));
                }
                b"Tc" => gs.char_spacing = o.num(0),
                b"Tw" => gs.word_spacing = o.num(0),
                b"Tz" => gs.scale = o.num(0) / 100.0,
                b"TL" => gs.leading = o.num(0),
                b"Td" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, o.num(1), o.num(0)], &tlm);
                    tm = tlm;
                }
                b"TD" => {
                    gs.leading = -o.num(0);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, o.num(1), o.num(0)], &tlm);
                    tm = tlm;
                }
                b"Tm" => {
                    tlm = [o.num(5), o.num(4), o.num(3), o.num(2), o.num(1), o.num(0)];
                    tm = tlm;
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                b"Tj" => {
                    if let Some(s) = o.last() {
                        self.show(&gs, &mut tm, o.bytes(s));
                    }
                }
                b"'" | b"\"" => {
                    if op == b"\"" {
                        gs.word_spacing = o.num(2);
                        gs.char_spacing = o.num(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                    if let Some(s) = o.last() {
                        self.show(&gs, &mut tm, o.bytes(s));
                    }
                }
                b"TJ" => {
                    for item in &o.stack {
                        match *item {
                            Operand::Num(n) => {
                                let tx = -n * 0.001 * gs.size * gs.scale;
                                tm[4] += tx * tm[0];
                                tm[5] += tx * tm[1];
                            }
                            s @ Operand::Str(..) => self.show(&gs, &mut tm, o.bytes(s)),
                            _ => {}
                        }
                    }
                }
                b"q" if saved.len() < MAX_SAVES => saved.push(gs.clone()),
                b"Q" => {
                    if let Some(s) = saved.pop() {
                        gs = s;
                    }
                }
                b"cm" => {
                    let m = [o.num(5), o.num(4), o.num(3), o.num(2), o.num(1), o.num(0)];
                    gs.ctm = mul(&m, &gs.ctm);
                }
                b"Do" => {
                    if let Some(name) = o.last() {
                        let name = o.bytes(name).to_vec();
                        self.form(resources, &name, &gs);
                    }
                }
                _ => {}
            }
            self.error.is_none() && self.out.len() <= self.limits.max_text_bytes
        });
    }

    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = resources?.get(b"Font").ok()?;
        let fonts = self.doc.dereference(fonts).ok()?.1.as_dict().ok()?;
        let dict = self
            .doc
            .dereference(fonts.get(name).ok()?)
            .ok()?
            .1
            .as_dict()
            .ok()?;
        let key = dict as *const Dictionary as usize;
        if let Some(font) = self.fonts.get(&key) {
            return Some(font.clone());
        }
        let font = Rc::new(Font::load(self.doc, dict, self.limits.max_stream_bytes));
        self.fonts.insert(key, font.clone());
        Some(font)
    }

    fn show(&mut self, gs: &State, tm: &mut Matrix, bytes: &[u8]) {
        let Some(font) = gs.font.clone() else { return };
        let trm = mul(tm, &gs.ctm);
        let size = (gs.size * trm[2].hypot(trm[3])).abs();
        let norm = trm[0].hypot(trm[1]);
        let dir = if norm > 0.0 {
            (trm[0] / norm, trm[1] / norm)
        } else {
            (1.0, 0.0)
        };
        let split = self.place(trm[4], trm[5], dir, size);
        if split || self.frags.is_empty() {
            if self.frags.len() < MAX_FRAGS {
                self.frags.push(Frag {
                    start: self.out.len(),
                    x0: trm[4],
                    x1: trm[4],
                    y: trm[5],
                    em: size,
                    upright: dir.0 > 0.99,
                });
            } else if let Some(last) = self.frags.last_mut() {
                // Too many runs to lay out: mark the page as not reorderable.
                last.upright = false;
            }
        }
        let shown = font.show(bytes, self.out);
        let tx = (shown.width * gs.size
            + shown.glyphs as f32 * gs.char_spacing
            + shown.spaces as f32 * gs.word_spacing)
            * gs.scale;
        tm[4] += tx * tm[0];
        tm[5] += tx * tm[1];
        let end = mul(tm, &gs.ctm);
        if let Some(frag) = self.frags.last_mut() {
            frag.x1 = frag.x1.max(end[4]);
        }
        self.pen = Some(Pen {
            x: end[4],
            y: end[5],
            dir,
            size,
        });
    }

    /// Separates the string about to be shown at `(x, y)` from the previous one: a newline when
    /// it starts another line, a space when it leaves a word-sized gap. Returns whether it
    /// starts a new run of text (a new line, or a gap wide enough to be a column gutter).
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

    fn form(&mut self, resources: Option<&Dictionary>, name: &[u8], gs: &State) {
        let Some((id, stream)) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|x| self.doc.dereference(x).ok())
            .and_then(|(_, x)| x.as_dict().ok())
            .and_then(|x| x.get(name).ok())
            .and_then(|x| self.doc.dereference(x).ok())
            .and_then(|(id, x)| Some((id?, x.as_stream().ok()?)))
        else {
            return;
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form")
            || self.forms.contains(&id)
            || self.forms.len() >= self.limits.max_depth
        {
            return;
        }
        let content = match self.decode(stream) {
            Ok(c) => c,
            Err(e) => {
                self.error = Some(e);
                return;
            }
        };
        let mut state = gs.clone();
        if let Ok(m) = stream.dict.get(b"Matrix").and_then(Object::as_array) {
            let v: Vec<f32> = m.iter().filter_map(|o| o.as_float().ok()).collect();
            if let [a, b, c, d, e, f] = v[..] {
                state.ctm = mul(&[a, b, c, d, e, f], &state.ctm);
            }
        }
        let own = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| self.doc.dereference(r).ok())
            .and_then(|(_, r)| r.as_dict().ok());
        self.forms.push(id);
        let pen = self.pen;
        self.run(&content, own.or(resources), state);
        // A form's text joins the flow where it was drawn.
        if self.pen.is_none() {
            self.pen = pen;
        }
        self.forms.pop();
    }

    /// Decodes a content stream within the per-stream and per-document limits.
    pub(crate) fn decode(&mut self, stream: &lopdf::Stream) -> Result<Vec<u8>, PdfError> {
        decode_content(stream, self.limits, self.content_used)
    }
}

/// Decodes a content stream within the per-stream and per-document limits. A stream that fails
/// to decode for another reason than size is treated as empty (best effort).
pub(crate) fn decode_content(
    stream: &lopdf::Stream,
    limits: &Limits,
    used: &mut usize,
) -> Result<Vec<u8>, PdfError> {
    let left = limits.max_content_bytes.saturating_sub(*used);
    let limit = limits.max_stream_bytes.min(left);
    match stream.get_plain_content_with_limit(limit) {
        Ok(data) => {
            *used += data.len();
            Ok(data)
        }
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            Err(PdfError::TooLarge {
                what: if limit == left {
                    "decompressed page content"
                } else {
                    "a decompressed stream"
                },
                limit: limit as u64,
            })
        }
        Err(e) => {
            tracing::debug!(error = %e, "content stream does not decode; skipped");
            Ok(Vec::new())
        }
    }
}
