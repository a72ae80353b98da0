//! Annotations as a viewer draws them after the page content: the normal appearance stream of
//! each visible annotation, fitted to its rectangle; for form fields without an appearance (or
//! when the form asks for new ones, `NeedAppearances`), the field's value as a viewer would
//! draw it: a text field's text, a combo box's choice, a list box's options, a push button's
//! caption; for a free-text annotation without one, its contents (as `pdftotext` does,
//! following poppler's appearance generator).

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::{matrix, mul, text_string, Matrix, PageRun, State, IDENTITY};

/// Most annotations drawn per page.
const MAX_ANNOTS: usize = 10_000;
/// Most `Parent` links followed for a field's inherited entries.
const MAX_FIELD_DEPTH: usize = 32;
/// Most list box options drawn per field.
const MAX_OPTIONS: usize = 1000;
/// Annotation flags (ISO 32000-1 table 165).
const HIDDEN: i64 = 1 << 1;
const NO_VIEW: i64 = 1 << 5;
/// Field flags (tables 226, 228, 230).
const PASSWORD: i64 = 1 << 13;
const PUSH_BUTTON: i64 = 1 << 16;
const COMBO: i64 = 1 << 17;

/// What the document's interactive form says about drawing fields.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FormInfo {
    /// `NeedAppearances`: the viewer draws every field anew from its value.
    pub(crate) need_appearances: bool,
}

impl FormInfo {
    /// The interactive form of `doc` (`AcroForm` in the catalog).
    pub(crate) fn of(doc: &Document) -> Self {
        let need_appearances = doc
            .catalog()
            .ok()
            .and_then(|c| c.get(b"AcroForm").ok())
            .and_then(|f| doc.dereference(f).ok())
            .and_then(|(_, f)| f.as_dict().ok())
            .and_then(|f| f.get(b"NeedAppearances").ok())
            .and_then(|n| n.as_bool().ok())
            .unwrap_or(false);
        Self { need_appearances }
    }
}

impl PageRun<'_> {
    /// Draws the page's annotations, in order.
    pub(super) fn run_annotations(&mut self) {
        let doc = self.doc;
        let Some(annots) = self
            .setup
            .page
            .get(b"Annots")
            .ok()
            .and_then(|a| doc.dereference(a).ok())
            .and_then(|(_, a)| a.as_array().ok())
        else {
            return;
        };
        for annot in annots.iter().take(MAX_ANNOTS) {
            if self.error.is_some() {
                return;
            }
            let Some(dict) = doc
                .dereference(annot)
                .ok()
                .and_then(|(_, a)| a.as_dict().ok())
            else {
                continue;
            };
            self.annotation(dict);
        }
    }

    fn annotation(&mut self, dict: &Dictionary) {
        let doc = self.doc;
        let subtype = dict.get(b"Subtype").and_then(Object::as_name).ok();
        if !dict.has(b"AP") && !matches!(subtype, Some(b"Widget" | b"FreeText")) {
            // Links, notes and the like: nothing drawn, no text.
            return;
        }
        let flags = dict.get(b"F").and_then(Object::as_i64).unwrap_or(0);
        if flags & (HIDDEN | NO_VIEW) != 0 {
            return;
        }
        if let (Some(optional), Ok(oc)) = (self.setup.optional, dict.get(b"OC")) {
            if !optional.visible(doc, oc) {
                return;
            }
        }
        let Some(rect) = rect(doc, dict.get(b"Rect").ok()) else {
            return;
        };
        let appearance = appearance(doc, dict);
        if subtype == Some(b"FreeText") && appearance.is_none() {
            // A viewer draws a free-text annotation without an appearance from its contents.
            let contents = dict.get(b"Contents").ok().map(|c| deref(doc, c));
            let size = dict
                .get(b"DA")
                .ok()
                .and_then(|da| deref(doc, da).as_str().ok())
                .and_then(font_size)
                .filter(|s| *s > 0.0)
                .unwrap_or(12.0);
            if let Some(text) = contents.and_then(value_text) {
                let lines = text.split(['\r', '\n']).filter(|l| !l.trim().is_empty());
                self.draw_lines(lines, rect, size);
            }
            return;
        }
        if subtype == Some(b"Widget") {
            let field = Field::of(doc, dict);
            if field.kind.is_some() && (appearance.is_none() || self.setup.forms.need_appearances) {
                self.draw_field(&field, rect);
                return;
            }
        }
        if let Some((id, stream)) = appearance {
            let Some(m) = fit(stream, rect) else { return };
            let state = State {
                ctm: mul(&m, &IDENTITY),
                ..State::default()
            };
            let pen = self.pen;
            self.run_form(id, stream, state, None);
            if self.pen.is_none() {
                self.pen = pen;
            }
        }
    }

    /// Writes a field's value as poppler's appearance generator would draw it.
    fn draw_field(&mut self, field: &Field, [x0, y0, _, y1]: [f32; 4]) {
        let size = field.font_size.filter(|s| *s > 0.0).unwrap_or(12.0);
        let x = x0 + 2.0;
        let lines: Vec<String> = match field.kind.as_deref() {
            Some(b"Tx") if field.flags & PASSWORD == 0 => field
                .value
                .as_deref()
                .map(|v| {
                    v.split(['\r', '\n'])
                        .filter(|l| !l.trim().is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
            Some(b"Ch") if field.flags & COMBO != 0 => field
                .value
                .as_deref()
                .map(|v| {
                    let shown = field
                        .options
                        .iter()
                        .find(|(export, _)| export == v)
                        .map_or(v, |(_, display)| display.as_str());
                    vec![shown.to_owned()]
                })
                .unwrap_or_default(),
            Some(b"Ch") => field
                .options
                .iter()
                .skip(field.top_index)
                .map(|(_, display)| display.clone())
                .collect(),
            Some(b"Btn") if field.flags & PUSH_BUTTON != 0 => {
                field.caption.iter().cloned().collect()
            }
            _ => Vec::new(),
        };
        if lines.len() == 1 && field.kind.as_deref() != Some(b"Ch") {
            // One line, centred vertically as the generator does.
            let y = y0 + ((y1 - y0) - size) / 2.0 + 0.22 * size;
            self.emit_synthetic(&lines[0], x, y, size);
            return;
        }
        self.draw_lines(lines.iter().map(String::as_str), [x0, y0, x0, y1], size);
    }

    /// Writes `lines` from the top left of `rect` down, as a generated appearance does.
    fn draw_lines<'t>(&mut self, lines: impl Iterator<Item = &'t str>, rect: [f32; 4], size: f32) {
        let [x0, _, _, y1] = rect;
        let mut y = y1 - 1.1 * size;
        for line in lines {
            self.emit_synthetic(line, x0 + 2.0, y, size);
            y -= 1.1 * size;
        }
    }
}

/// The entries of a form field that drawing it needs, inherited through `Parent`.
#[derive(Debug, Default)]
struct Field {
    /// `FT`: `Tx`, `Ch`, `Btn` or `Sig`.
    kind: Option<Vec<u8>>,
    flags: i64,
    value: Option<String>,
    /// `Opt`: (export value, display text).
    options: Vec<(String, String)>,
    top_index: usize,
    font_size: Option<f32>,
    /// `MK` `CA`: a button's caption.
    caption: Option<String>,
}

impl Field {
    fn of(doc: &Document, widget: &Dictionary) -> Field {
        let mut field = Field::default();
        let (mut flags, mut options, mut top, mut da) = (None, None, None, None);
        let mut node = Some(widget);
        let mut seen: Vec<*const Dictionary> = Vec::new();
        for _ in 0..MAX_FIELD_DEPTH {
            let Some(dict) = node else { break };
            if seen.contains(&(dict as *const Dictionary)) {
                break;
            }
            seen.push(dict);
            let get = |key: &[u8]| dict.get(key).ok().map(|o| deref(doc, o));
            if field.kind.is_none() {
                field.kind = get(b"FT")
                    .and_then(|o| o.as_name().ok())
                    .map(<[u8]>::to_vec);
            }
            if flags.is_none() {
                flags = get(b"Ff").and_then(|o| o.as_i64().ok());
            }
            if field.value.is_none() {
                field.value = get(b"V").and_then(value_text);
            }
            if options.is_none() {
                options = get(b"Opt").and_then(|o| o.as_array().ok());
            }
            if top.is_none() {
                top = get(b"TI").and_then(|o| o.as_i64().ok());
            }
            if da.is_none() {
                da = get(b"DA").and_then(|o| o.as_str().ok());
            }
            if field.caption.is_none() {
                field.caption = get(b"MK")
                    .and_then(|mk| mk.as_dict().ok())
                    .and_then(|mk| mk.get(b"CA").ok())
                    .map(|ca| deref(doc, ca))
                    .and_then(value_text);
            }
            node = dict
                .get(b"Parent")
                .ok()
                .map(|p| deref(doc, p))
                .and_then(|p| p.as_dict().ok());
        }
        field.flags = flags.unwrap_or(0);
        field.top_index = top.and_then(|t| usize::try_from(t).ok()).unwrap_or(0);
        field.font_size = da.and_then(font_size);
        for option in options.into_iter().flatten().take(MAX_OPTIONS) {
            match deref(doc, option) {
                Object::Array(pair) => {
                    let text = |i: usize| pair.get(i).map(|o| deref(doc, o)).and_then(value_text);
                    if let (Some(export), Some(display)) = (text(0), text(1)) {
                        field.options.push((export, display));
                    }
                }
                other => {
                    if let Some(text) = value_text(other) {
                        field.options.push((text.clone(), text));
                    }
                }
            }
        }
        field
    }
}

/// A field value or caption as text: a text string, the first of an array of them, a name.
fn value_text(object: &Object) -> Option<String> {
    match object {
        Object::String(bytes, _) => Some(text_string(bytes)),
        Object::Name(name) => Some(String::from_utf8_lossy(name).into_owned()),
        Object::Array(items) => items.first().and_then(value_text),
        _ => None,
    }
}

/// The size of the `Tf` in a default appearance string (`/Helv 12 Tf 0 g`).
fn font_size(da: &[u8]) -> Option<f32> {
    let words: Vec<&[u8]> = da
        .split(|b| b.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let at = words.iter().rposition(|w| *w == b"Tf")?;
    let size = words.get(at.checked_sub(1)?)?;
    std::str::from_utf8(size).ok()?.parse().ok()
}

/// The normal appearance stream of an annotation: `AP` `N`, or its state named by `AS`
/// (`Off` when there is none).
fn appearance<'a>(
    doc: &'a Document,
    annot: &'a Dictionary,
) -> Option<(ObjectId, &'a lopdf::Stream)> {
    let ap = annot
        .get(b"AP")
        .ok()
        .map(|a| deref(doc, a))?
        .as_dict()
        .ok()?;
    let normal = ap.get(b"N").ok()?;
    let (id, object) = doc.dereference(normal).ok()?;
    let (id, object) = match object {
        Object::Dictionary(states) => {
            let state = annot.get(b"AS").and_then(Object::as_name).unwrap_or(b"Off");
            doc.dereference(states.get(state).ok()?).ok()?
        }
        _ => (id, object),
    };
    Some((id?, object.as_stream().ok()?))
}

/// The annotation's rectangle, normalised; `None` when it has no area.
fn rect(doc: &Document, object: Option<&Object>) -> Option<[f32; 4]> {
    let v: Vec<f32> = deref(doc, object?)
        .as_array()
        .ok()?
        .iter()
        .filter_map(|o| deref(doc, o).as_float().ok())
        .collect();
    let [a, b, c, d] = v[..] else { return None };
    let r = [a.min(c), b.min(d), a.max(c), b.max(d)];
    (r.iter().all(|v| v.is_finite()) && r[0] < r[2] && r[1] < r[3]).then_some(r)
}

/// The matrix that draws an appearance stream into `rect`: its `Matrix`, then the scale and
/// shift that map its transformed `BBox` onto the rectangle (ISO 32000-1 12.5.5).
fn fit(stream: &lopdf::Stream, [x0, y0, x1, y1]: [f32; 4]) -> Option<Matrix> {
    let m = matrix(stream.dict.get(b"Matrix").ok()).unwrap_or(IDENTITY);
    let bbox: Vec<f32> = stream
        .dict
        .get(b"BBox")
        .ok()?
        .as_array()
        .ok()?
        .iter()
        .filter_map(|o| o.as_float().ok())
        .collect();
    let [bx0, by0, bx1, by1] = bbox[..] else {
        return None;
    };
    let corners = [(bx0, by0), (bx0, by1), (bx1, by0), (bx1, by1)];
    let (mut fx0, mut fy0, mut fx1, mut fy1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for (x, y) in corners {
        let (tx, ty) = (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]);
        fx0 = fx0.min(tx);
        fy0 = fy0.min(ty);
        fx1 = fx1.max(tx);
        fy1 = fy1.max(ty);
    }
    let sx = if fx1 > fx0 {
        (x1 - x0) / (fx1 - fx0)
    } else {
        1.0
    };
    let sy = if fy1 > fy0 {
        (y1 - y0) / (fy1 - fy0)
    } else {
        1.0
    };
    let fitted = [sx, 0.0, 0.0, sy, x0 - fx0 * sx, y0 - fy0 * sy];
    let out = mul(&m, &fitted);
    out.iter().all(|v| v.is_finite()).then_some(out)
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    doc.dereference(object).map_or(&Object::Null, |(_, o)| o)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn default_appearance_sizes() {
        assert_eq!(font_size(b"/Helv 12 Tf 0 g"), Some(12.0));
        assert_eq!(font_size(b"0 g /F1 9.5 Tf"), Some(9.5));
        assert_eq!(font_size(b"Tf"), None);
        assert_eq!(font_size(b""), None);
    }

    #[test]
    fn appearances_fit_their_rectangle() {
        let mut stream = lopdf::Stream::new(Dictionary::new(), Vec::new());
        stream.dict.set(
            "BBox",
            Object::Array(vec![0.into(), 0.into(), 100.into(), 20.into()]),
        );
        let m = fit(&stream, [50.0, 700.0, 250.0, 720.0]).unwrap();
        assert_eq!(m, [2.0, 0.0, 0.0, 1.0, 50.0, 700.0]);
        stream.dict.remove(b"BBox");
        assert!(fit(&stream, [0.0, 0.0, 1.0, 1.0]).is_none());
    }
}
