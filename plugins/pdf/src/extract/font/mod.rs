//! Fonts as text extraction needs them: how shown strings split into codes, each code's text
//! and its advance.
//!
//! The text of a code comes from, in order: the font's `ToUnicode` CMap (parsed leniently);
//! for simple fonts the `Differences` of its encoding, its base encoding (Standard, WinAnsi,
//! MacRoman, MacExpert, Symbol) or the built-in encoding of an embedded Type 1 program; for
//! CID fonts the code itself under a `Uni…` CMap, the embedded TrueType program's own `cmap`
//! table, else the Adobe character collection of the CID (the code's CID under a predefined
//! CJK CMap such as `90ms-RKSJ-H`, an embedded CMap, or `Identity-H`). Ligatures (`ﬁ`, `ﬂ`, …)
//! are expanded to their letters.

mod codes;
mod simple;
mod type0;

use lopdf::{Dictionary, Document, Object};

pub(crate) use codes::Codes;

use super::cid::Collection;

/// Where the text of one code is in [`Font::pool`]; `len == 0` means unmapped.
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    start: u32,
    len: u32,
}

/// Most codes (or CIDs) a font map holds: two-byte codes.
const MAX_CODES: usize = 1 << 16;

/// A font ready for decoding shown strings.
#[derive(Debug, Default)]
pub(crate) struct Font {
    /// How strings split into codes, and each code's CID (simple fonts: one byte, CID = code).
    codes: Codes,
    /// Code `c` is the Unicode text `c` when unmapped (CID fonts with `Uni…` CMaps).
    unicode_codes: bool,
    /// The character collection of the CIDs, for codes nothing else maps.
    collection: Option<Collection>,
    /// Text by code (`ToUnicode`, encodings).
    map: Vec<Span>,
    /// Text by CID (an embedded TrueType program's `cmap`), for codes `map` lacks.
    by_cid: Vec<Span>,
    pool: String,
    /// Advance of each CID along the writing direction, in text space per unit of font size.
    widths: Vec<f32>,
    default_width: f32,
    /// Writing mode 1: glyphs advance downwards.
    vertical: bool,
    /// How much larger than the nominal font size its glyphs are (Type 3 fonts whose font
    /// matrix is not the usual 1/1000); 0 means 1.
    size_scale: f32,
}

/// One code of a shown string.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Code {
    pub(crate) code: u32,
    pub(crate) cid: u32,
    /// Advance along the writing direction per unit of font size.
    pub(crate) advance: f32,
    /// A single-byte code 32 (it gets the word spacing).
    pub(crate) space: bool,
}

/// What showing one string did: its advance parts and how many glyphs it had.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Shown {
    /// Sum of glyph advances per unit of font size.
    pub(crate) width: f32,
    /// Number of codes (each gets the character spacing).
    pub(crate) glyphs: u32,
    /// Number of single-byte codes 32 (each gets the word spacing).
    pub(crate) spaces: u32,
}

impl Font {
    /// Builds the font from its dictionary; never fails (missing parts fall back to defaults).
    pub(crate) fn load(doc: &Document, dict: &Dictionary, max_stream: usize) -> Font {
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        if subtype == b"Type0" {
            type0::load(doc, dict, max_stream)
        } else {
            simple::load(doc, dict, subtype, max_stream)
        }
    }

    /// Whether glyphs advance downwards (writing mode 1).
    pub(crate) fn vertical(&self) -> bool {
        self.vertical
    }

    /// The factor from the nominal font size to the size of its glyphs, for measuring gaps.
    pub(crate) fn size_scale(&self) -> f32 {
        if self.size_scale > 0.0 {
            self.size_scale
        } else {
            1.0
        }
    }

    /// Calls `each` for every code of `bytes`, in order.
    pub(crate) fn walk(&self, bytes: &[u8], mut each: impl FnMut(Code)) {
        self.codes.walk(bytes, |code, cid, len| {
            each(Code {
                code,
                cid,
                advance: self.width(cid),
                space: len == 1 && code == 32,
            });
        });
    }

    /// Decodes `bytes` onto `out`, returning the advance parts.
    #[inline]
    pub(crate) fn show(&self, bytes: &[u8], out: &mut String) -> Shown {
        let mut shown = Shown::default();
        if matches!(self.codes, Codes::OneByte) && !self.unicode_codes && self.collection.is_none()
        {
            // Simple fonts, the common case: one byte per code, text only from `map`.
            for &byte in bytes {
                let code = u32::from(byte);
                if let Some(text) = self.text(&self.map, code) {
                    out.push_str(text);
                } else if let Some(text) = self.text(&self.by_cid, code) {
                    out.push_str(text);
                } else if byte == b' ' {
                    // An unmapped code 32 still spaces words (it gets the word spacing).
                    out.push(' ');
                }
                shown.width += self.width(code);
                shown.glyphs += 1;
                shown.spaces += u32::from(byte == b' ');
            }
            return shown;
        }
        self.walk(bytes, |code| {
            self.push_text(&code, out);
            shown.width += code.advance;
            shown.glyphs += 1;
            shown.spaces += u32::from(code.space);
        });
        shown
    }

    /// The advance parts of `bytes`, without its text.
    pub(crate) fn measure(&self, bytes: &[u8]) -> Shown {
        let mut shown = Shown::default();
        self.walk(bytes, |code| {
            shown.width += code.advance;
            shown.glyphs += 1;
            shown.spaces += u32::from(code.space);
        });
        shown
    }

    #[inline]
    fn width(&self, cid: u32) -> f32 {
        self.widths
            .get(cid as usize)
            .copied()
            .unwrap_or(self.default_width)
    }

    /// Appends the text of `code` to `out`.
    pub(crate) fn push_text(&self, code: &Code, out: &mut String) {
        if let Some(text) = self.text(&self.map, code.code) {
            out.push_str(text);
        } else if self.unicode_codes {
            push_unicode_code(code.code, out);
        } else if let Some(text) = self.text(&self.by_cid, code.cid) {
            out.push_str(text);
        } else if let Some(c) = self.collection.and_then(|c| c.to_unicode(code.cid)) {
            push_char(out, c);
        } else if code.space {
            // An unmapped code 32 still spaces words (it gets the word spacing).
            out.push(' ');
        }
    }

    #[inline]
    fn text<'a>(&'a self, map: &[Span], key: u32) -> Option<&'a str> {
        let span = map.get(key as usize).filter(|s| s.len > 0)?;
        let start = span.start as usize;
        self.pool.get(start..start + span.len as usize)
    }

    fn set(&mut self, code: u32, text: &str) {
        set_span(&mut self.map, &mut self.pool, code, text);
    }

    /// Maps `code` to nothing (a `.notdef` in `Differences`).
    fn unset(&mut self, code: u32) {
        if let Some(slot) = self.map.get_mut(code as usize) {
            *slot = Span::default();
        }
    }

    fn set_by_cid(&mut self, cid: u32, text: &str) {
        set_span(&mut self.by_cid, &mut self.pool, cid, text);
    }
}

fn set_span(map: &mut Vec<Span>, pool: &mut String, key: u32, text: &str) {
    let index = key as usize;
    if index >= MAX_CODES || text.is_empty() {
        return;
    }
    if map.len() <= index {
        map.resize(index + 1, Span::default());
    }
    let start = pool.len();
    for c in text.chars() {
        push_char(pool, c);
    }
    if let Some(slot) = map.get_mut(index) {
        *slot = Span {
            start: start as u32,
            len: (pool.len() - start) as u32,
        };
    }
}

/// A `Uni…` CMap code as text: a UTF-16 unit, or a surrogate pair as one four-byte code.
fn push_unicode_code(code: u32, out: &mut String) {
    let c = if code > 0xFFFF {
        let (high, low) = ((code >> 16) as u16, code as u16);
        char::decode_utf16([high, low]).next().and_then(Result::ok)
    } else {
        char::from_u32(code)
    };
    if let Some(c) = c {
        push_char(out, c);
    }
}

/// Pushes `c`, expanding ligatures, dropping control characters and writing every other
/// space character (no-break, en, ideographic, …) as a plain space.
pub(crate) fn push_char(out: &mut String, c: char) {
    match c {
        ' ' => out.push(' '),
        '\u{FB00}' => out.push_str("ff"),
        '\u{FB01}' => out.push_str("fi"),
        '\u{FB02}' => out.push_str("fl"),
        '\u{FB03}' => out.push_str("ffi"),
        '\u{FB04}' => out.push_str("ffl"),
        '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
        '\u{00AD}' => out.push('-'),
        '\t' => out.push(' '),
        c if c.is_control() => {}
        c if c.is_whitespace() => out.push(' '),
        c => out.push(c),
    }
}

/// The first `len` bytes of a Flate-encoded (or unencoded) stream, decompressing no more
/// than that; `None` for other filters and broken data (decode the whole stream then).
fn stream_prefix(stream: &lopdf::Stream, len: usize) -> Option<Vec<u8>> {
    use miniz_oxide::inflate::core::inflate_flags::{
        TINFL_FLAG_PARSE_ZLIB_HEADER, TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
    };
    use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    let filter = stream.dict.get(b"Filter").ok();
    let flate = match filter {
        None => {
            let raw = stream.content.get(..len.min(stream.content.len()))?;
            return Some(raw.to_vec());
        }
        Some(Object::Name(name)) => name.as_slice() == b"FlateDecode",
        Some(Object::Array(filters)) => {
            filters.len() == 1
                && filters.first().and_then(|f| f.as_name().ok()) == Some(b"FlateDecode")
        }
        Some(_) => false,
    };
    if !flate || stream.dict.has(b"DecodeParms") {
        return None;
    }
    // A non-wrapping output buffer of exactly `len` bytes: inflation stops when it is full.
    let mut inflater = DecompressorOxide::new();
    let mut out = vec![0; len];
    let flags = TINFL_FLAG_PARSE_ZLIB_HEADER | TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let (status, _, written) = decompress(&mut inflater, &stream.content, &mut out, 0, flags);
    match status {
        TINFLStatus::Done | TINFLStatus::HasMoreOutput if written > 0 => {
            out.truncate(written);
            Some(out)
        }
        _ => None,
    }
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    doc.dereference(object).map_or(&Object::Null, |(_, o)| o)
}

fn deref_dict<'a>(doc: &'a Document, object: Option<&'a Object>) -> Option<&'a Dictionary> {
    object.and_then(|o| deref(doc, o).as_dict().ok())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn to_unicode_stream(doc: &Document, dict: &Dictionary, max_stream: usize) -> Option<Vec<u8>> {
    let stream = dict
        .get(b"ToUnicode")
        .ok()
        .map(|o| deref(doc, o))?
        .as_stream()
        .ok()?;
    stream.get_plain_content_with_limit(max_stream).ok()
}
