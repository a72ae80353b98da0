//! Runs a page's content streams, form XObjects and annotation appearances for their text:
//! text state, matrices, fonts, optional content, `ActualText` spans, and word and line breaks
//! from where each string lands. What lies outside the page's media box, or in content that
//! optional content hides, is not text a reader sees and is left out (as `pdftotext` does).

mod annots;
mod marked;
mod text;

use std::collections::HashMap;
use std::rc::Rc;
use std::time::Instant;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::Font;
use super::lexer::{for_each_op, Operand, Operands};
use super::optional::OptionalContent;
use super::Limits;
use crate::PdfError;
use marked::Marks;

pub(crate) use annots::FormInfo;

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
/// Deepest `q` nesting honoured; deeper saves are ignored (their `Q` then pops nothing).
const MAX_SAVES: usize = 1024;
/// How many operators run between two looks at the clock.
const CLOCK_EVERY: u32 = 4096;
/// Most runs of text recorded per page for layout; pages with more keep stream order.
const MAX_FRAGS: usize = 20_000;
/// Most glyphs recorded per page for position-based line building.
const MAX_GLYPHS: usize = 1 << 20;

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

/// One glyph (or `ActualText` span, or generated field text) where it landed, for building
/// lines from positions: its text is `start..end` of the page text, which then serves only as
/// a pool.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Glyph {
    pub(crate) start: u32,
    pub(crate) end: u32,
    /// Origin, in default user space.
    pub(crate) x: f32,
    pub(crate) y: f32,
    /// Advance vector, in default user space.
    pub(crate) dx: f32,
    pub(crate) dy: f32,
    /// Font size in user space.
    pub(crate) size: f32,
    /// Unit vector of the writing direction.
    pub(crate) dir: (f32, f32),
}

/// What running a page recorded besides its text.
pub(crate) struct PageOutput {
    /// Runs of text, for [`super::layout::reorder`].
    pub(crate) frags: Vec<Frag>,
    /// Every glyph, when the run recorded them ([`PageRun::record_glyphs`]).
    pub(crate) glyphs: Vec<Glyph>,
}

/// Where the previous string ended, in device space.
#[derive(Clone, Copy)]
struct Pen {
    x: f32,
    y: f32,
    dir: (f32, f32),
    size: f32,
}

/// The page a run draws on: its media box, its annotations, the document's forms.
pub(crate) struct PageSetup<'a> {
    /// `[llx, lly, urx, ury]`, normalised.
    pub(crate) media_box: [f32; 4],
    pub(crate) page: &'a Dictionary,
    pub(crate) optional: Option<&'a OptionalContent>,
    pub(crate) forms: &'a FormInfo,
}

/// The text of one page, built by running its content.
pub(crate) struct PageRun<'a> {
    doc: &'a Document,
    fonts: &'a mut FontCache,
    limits: &'a Limits,
    out: &'a mut String,
    /// Decompressed content bytes used so far in the document.
    content_used: &'a mut usize,
    setup: PageSetup<'a>,
    pen: Option<Pen>,
    frags: Vec<Frag>,
    glyphs: Option<Vec<Glyph>>,
    marks: Marks,
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
        setup: PageSetup<'a>,
    ) -> Self {
        Self {
            doc,
            fonts,
            limits,
            out,
            content_used,
            setup,
            pen: None,
            frags: Vec::new(),
            glyphs: None,
            marks: Marks::default(),
            ops: 0,
            forms: Vec::new(),
            error: None,
        }
    }

    /// Records every glyph with its position ([`PageOutput::glyphs`]) instead of breaking
    /// words and lines in stream order: the text written is then only their pool.
    pub(crate) fn record_glyphs(mut self) -> Self {
        self.glyphs = Some(Vec::new());
        self
    }

    /// Runs `content` with `resources` as a page (identity CTM), then the page's annotation
    /// appearances; returns where the text landed.
    pub(crate) fn run_page(
        mut self,
        content: &[u8],
        resources: Option<&Dictionary>,
    ) -> Result<PageOutput, PdfError> {
        self.run(content, resources, State::default());
        if let Some(span) = self.marks.close_all() {
            self.emit_span(span);
        }
        if self.error.is_none() {
            self.run_annotations();
        }
        match self.error {
            Some(e) => Err(e),
            None => Ok(PageOutput {
                frags: self.frags,
                glyphs: self.glyphs.unwrap_or_default(),
            }),
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
                    let vertical = gs.font.as_ref().is_some_and(|f| f.vertical());
                    for item in &o.stack {
                        match *item {
                            Operand::Num(n) if vertical => {
                                let ty = -n * 0.001 * gs.size;
                                tm[4] += ty * tm[2];
                                tm[5] += ty * tm[3];
                            }
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
                b"Do" if !self.marks.hidden() => {
                    if let Some(name) = o.last() {
                        let name = o.bytes(name).to_vec();
                        self.xobject(resources, &name, &gs);
                    }
                }
                b"BMC" => self.marks.begin_plain(),
                b"BDC" => self.begin_marked(o, resources),
                b"EMC" => {
                    if let Some(span) = self.marks.end() {
                        self.emit_span(span);
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

    fn xobject(&mut self, resources: Option<&Dictionary>, name: &[u8], gs: &State) {
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
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
            return;
        }
        let mut state = gs.clone();
        if let Some(m) = matrix(stream.dict.get(b"Matrix").ok()) {
            state.ctm = mul(&m, &state.ctm);
        }
        self.run_form(id, stream, state, resources);
    }

    /// Runs a form XObject (or an annotation appearance) with `state`, unless it is already
    /// running (a loop), too deeply nested, or hidden by optional content.
    fn run_form(
        &mut self,
        id: ObjectId,
        stream: &lopdf::Stream,
        state: State,
        inherited: Option<&Dictionary>,
    ) {
        if self.forms.contains(&id) || self.forms.len() >= self.limits.max_depth {
            return;
        }
        if let (Some(optional), Ok(oc)) = (self.setup.optional, stream.dict.get(b"OC")) {
            if !optional.visible(self.doc, oc) {
                return;
            }
        }
        let content = match self.decode(stream) {
            Ok(c) => c,
            Err(e) => {
                self.error = Some(e);
                return;
            }
        };
        let own = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| self.doc.dereference(r).ok())
            .and_then(|(_, r)| r.as_dict().ok());
        self.forms.push(id);
        let pen = self.pen;
        let depth = self.marks.depth();
        self.run(&content, own.or(inherited), state);
        // Marked content left open inside the form ends with it.
        while self.marks.depth() > depth {
            if let Some(span) = self.marks.end() {
                self.emit_span(span);
            }
        }
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

/// A six-number matrix object.
fn matrix(object: Option<&Object>) -> Option<Matrix> {
    let m = object?.as_array().ok()?;
    let v: Vec<f32> = m.iter().filter_map(|o| o.as_float().ok()).collect();
    match v[..] {
        [a, b, c, d, e, f] if v.iter().all(|x| x.is_finite()) => Some([a, b, c, d, e, f]),
        _ => None,
    }
}

/// A PDF text string (UTF-16BE or UTF-8 with a byte-order mark, else PDFDocEncoding).
fn text_string(bytes: &[u8]) -> String {
    let object = Object::String(bytes.to_vec(), lopdf::StringFormat::Literal);
    lopdf::decode_text_string(&object).unwrap_or_default()
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
