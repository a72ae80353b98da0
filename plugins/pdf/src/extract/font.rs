//! Fonts as text extraction needs them: code lengths, code-to-Unicode maps and glyph widths.
//!
//! The Unicode of a code comes from, in order: the font's `ToUnicode` CMap (parsed leniently),
//! a `Uni…-UCS2`/`UTF16` predefined CMap, the `Differences` of its encoding, its base encoding
//! (Standard, WinAnsi, MacRoman, MacExpert, Symbol) or the built-in encoding of an embedded
//! Type 1 program; for CID fonts without a `ToUnicode` map, the embedded TrueType font's own
//! `cmap` table, else the Adobe character collection named in `CIDSystemInfo`. Ligatures
//! (`ﬁ`, `ﬂ`, …) are expanded to their letters.

use lopdf::{Dictionary, Document, Object};

use super::cmap;
use super::glyphs;
use super::tables;
use super::truetype;

/// Where the text of one code is in [`Font::pool`]; `len == 0` means unmapped.
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    start: u32,
    len: u32,
}

/// Most codes a CID font map holds (two-byte codes).
const MAX_CODES: usize = 1 << 16;

/// A font ready for decoding shown strings.
#[derive(Debug, Default)]
pub(crate) struct Font {
    /// Codes are two bytes (Type0 fonts) rather than one.
    two_byte: bool,
    /// Code `c` of a two-byte font is the UTF-16 unit `c` (Uni…-UCS2 CMaps) when unmapped.
    ucs2: bool,
    /// CID-to-Unicode table of the font's Adobe character collection, for Identity-encoded CID
    /// fonts that map nothing themselves (little-endian `u16` per CID, 0 = none).
    collection: Option<&'static [u8]>,
    map: Vec<Span>,
    pool: String,
    /// Advance of each code in text space per unit of font size.
    widths: Vec<f32>,
    default_width: f32,
}

/// What showing one string did: its advance parts and how many glyphs it had.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Shown {
    /// Sum of glyph widths per unit of font size.
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
            load_type0(doc, dict, max_stream)
        } else {
            load_simple(doc, dict, subtype, max_stream)
        }
    }

    /// Decodes `bytes` onto `out`, returning the advance parts.
    pub(crate) fn show(&self, bytes: &[u8], out: &mut String) -> Shown {
        let mut shown = Shown::default();
        if self.two_byte {
            let mut chunks = bytes.chunks_exact(2);
            for pair in &mut chunks {
                let code = u32::from(pair[0]) << 8 | u32::from(pair[1]);
                self.emit(code, out);
                shown.width += self.width(code);
                shown.glyphs += 1;
            }
            // A dangling odd byte is a broken string: skip it.
        } else {
            for &byte in bytes {
                let code = u32::from(byte);
                self.emit(code, out);
                shown.width += self.width(code);
                shown.glyphs += 1;
                if byte == b' ' {
                    shown.spaces += 1;
                }
            }
        }
        shown
    }

    fn width(&self, code: u32) -> f32 {
        self.widths
            .get(code as usize)
            .copied()
            .unwrap_or(self.default_width)
    }

    fn emit(&self, code: u32, out: &mut String) {
        match self.map.get(code as usize) {
            Some(span) if span.len > 0 => {
                let start = span.start as usize;
                if let Some(text) = self.pool.get(start..start + span.len as usize) {
                    out.push_str(text);
                }
            }
            _ if self.ucs2 => {
                if let Some(c) = char::from_u32(code) {
                    push_char(out, c);
                }
            }
            _ if self.collection.is_some() => {
                let at = code as usize * 2;
                let unit = self
                    .collection
                    .and_then(|t| t.get(at..at + 2))
                    .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]));
                if let Some(c) = char::from_u32(u32::from(unit)).filter(|_| unit != 0) {
                    push_char(out, c);
                }
            }
            _ => {}
        }
    }

    fn set(&mut self, code: u32, text: &str) {
        let index = code as usize;
        if index >= MAX_CODES || text.is_empty() {
            return;
        }
        if self.map.len() <= index {
            self.map.resize(index + 1, Span::default());
        }
        let start = self.pool.len();
        for c in text.chars() {
            push_char(&mut self.pool, c);
        }
        if let Some(slot) = self.map.get_mut(index) {
            *slot = Span {
                start: start as u32,
                len: (self.pool.len() - start) as u32,
            };
        }
    }

    fn is_mapped(&self, code: u32) -> bool {
        self.map.get(code as usize).is_some_and(|s| s.len > 0)
    }
}

/// Pushes `c`, expanding ligatures and dropping control characters.
pub(crate) fn push_char(out: &mut String, c: char) {
    match c {
        '\u{FB00}' => out.push_str("ff"),
        '\u{FB01}' => out.push_str("fi"),
        '\u{FB02}' => out.push_str("fl"),
        '\u{FB03}' => out.push_str("ffi"),
        '\u{FB04}' => out.push_str("ffl"),
        '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
        '\u{00A0}' | '\t' => out.push(' '),
        '\u{00AD}' => out.push('-'),
        c if c.is_control() => {}
        c => out.push(c),
    }
}

fn load_simple(doc: &Document, dict: &Dictionary, subtype: &[u8], max_stream: usize) -> Font {
    let mut font = Font {
        map: vec![Span::default(); 256],
        ..Font::default()
    };
    let descriptor = deref_dict(doc, dict.get(b"FontDescriptor").ok());
    let base_font = dict
        .get(b"BaseFont")
        .and_then(Object::as_name)
        .unwrap_or(b"");
    let flags = descriptor
        .and_then(|d| d.get(b"Flags").ok())
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    let symbolic = flags & 4 != 0 && flags & 32 == 0;

    // Base encoding.
    let encoding = dict.get(b"Encoding").ok().map(|o| deref(doc, o));
    let (base_name, differences) = match encoding {
        Some(Object::Name(name)) => (Some(name.as_slice()), None),
        Some(Object::Dictionary(enc)) => (
            enc.get(b"BaseEncoding").and_then(Object::as_name).ok(),
            enc.get(b"Differences").ok().map(|o| deref(doc, o)),
        ),
        _ => (None, None),
    };
    let mut names: Vec<Option<Vec<u8>>> = vec![None; 256];
    let builtin = if base_name.is_none() {
        descriptor.and_then(|d| type1_builtin_encoding(doc, d, &mut names, max_stream))
    } else {
        None
    };
    let base: Option<&[u16; 256]> = match base_name {
        Some(b"WinAnsiEncoding") => Some(&tables::WIN_ANSI_ENCODING),
        Some(b"MacRomanEncoding") => Some(&tables::MAC_ROMAN_ENCODING),
        Some(b"MacExpertEncoding") => Some(&tables::MAC_EXPERT_ENCODING),
        Some(b"StandardEncoding") => Some(&tables::STANDARD_ENCODING),
        _ if builtin == Some(true) => None,
        _ if contains(base_font, b"Symbol") => Some(&tables::SYMBOL_ENCODING),
        _ if contains(base_font, b"Dingbats") => None,
        _ if subtype == b"TrueType" && symbolic => None,
        _ if subtype == b"TrueType" => Some(&tables::WIN_ANSI_ENCODING),
        _ => Some(&tables::STANDARD_ENCODING),
    };
    let mut buf = String::new();
    match base {
        Some(table) => {
            for (code, &unit) in table.iter().enumerate() {
                if let Some(c) = char::from_u32(u32::from(unit)).filter(|_| unit != 0) {
                    buf.clear();
                    buf.push(c);
                    font.set(code as u32, &buf);
                }
            }
        }
        None if builtin != Some(true) => {
            // Symbolic font with no encoding: codes stand for themselves (often U+F0xx).
            for code in 32u32..256 {
                if let Some(c) = char::from_u32(code) {
                    buf.clear();
                    buf.push(c);
                    font.set(code, &buf);
                }
            }
        }
        None => {}
    }
    if let Some(Object::Array(diffs)) = differences {
        let mut code: i64 = 0;
        for item in diffs {
            match item {
                Object::Integer(n) => code = *n,
                Object::Name(name) => {
                    if let Some(slot) = usize::try_from(code).ok().and_then(|c| names.get_mut(c)) {
                        *slot = Some(name.clone());
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    for (code, name) in names.iter().enumerate() {
        if let Some(name) = name {
            buf.clear();
            if glyphs::name_to_unicode(name, &mut buf) {
                font.set(code as u32, &buf);
            }
        }
    }
    if let Some(to_unicode) = to_unicode_stream(doc, dict, max_stream) {
        cmap::parse_to_unicode(&to_unicode, |code, text| font.set(code, text));
    }

    // Widths.
    let scale = if subtype == b"Type3" {
        dict.get(b"FontMatrix")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| o.as_float().ok())
            .filter(|v| v.is_finite() && *v != 0.0)
            .map_or(0.001, f32::abs)
    } else {
        0.001
    };
    let missing = descriptor
        .and_then(|d| d.get(b"MissingWidth").ok())
        .and_then(|o| o.as_float().ok())
        .filter(|w| *w > 0.0);
    font.default_width = missing.map_or(0.5, |w| w * scale);
    let first = dict.get(b"FirstChar").and_then(Object::as_i64).unwrap_or(0);
    let widths = dict
        .get(b"Widths")
        .ok()
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_array().ok());
    match widths {
        Some(widths) if !widths.is_empty() => {
            font.widths = vec![font.default_width; 256];
            for (i, w) in widths.iter().enumerate() {
                let code = first.saturating_add(i as i64);
                if let (Ok(code), Ok(w)) = (usize::try_from(code), deref(doc, w).as_float()) {
                    if let Some(slot) = font.widths.get_mut(code) {
                        *slot = w * scale;
                    }
                }
            }
        }
        _ => {
            let standard = glyphs::standard_widths(base_font);
            font.widths = (0..256u32)
                .map(|code| {
                    let c = font.map.get(code as usize).and_then(|s| {
                        font.pool
                            .get(s.start as usize..(s.start + s.len) as usize)
                            .and_then(|t| t.chars().next())
                    });
                    c.and_then(standard)
                        .map_or(font.default_width, |w| f32::from(w) * 0.001)
                })
                .collect();
        }
    }
    font
}

fn load_type0(doc: &Document, dict: &Dictionary, max_stream: usize) -> Font {
    let mut font = Font {
        two_byte: true,
        default_width: 1.0,
        ..Font::default()
    };
    let mut identity = false;
    match dict.get(b"Encoding").ok().map(|o| deref(doc, o)) {
        Some(Object::Name(name)) => {
            identity = name.as_slice() == b"Identity-H" || name.as_slice() == b"Identity-V";
            font.ucs2 =
                name.starts_with(b"Uni") && (contains(name, b"UCS2") || contains(name, b"UTF16"));
        }
        Some(Object::Stream(stream)) => {
            if let Ok(data) = stream.get_plain_content_with_limit(max_stream) {
                font.two_byte = !cmap::is_one_byte(&data);
            }
        }
        _ => {}
    }
    let descendant = dict
        .get(b"DescendantFonts")
        .ok()
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_array().ok())
        .and_then(|a| a.first())
        .and_then(|o| deref(doc, o).as_dict().ok());
    if let Some(cid) = descendant {
        if let Some(dw) = cid
            .get(b"DW")
            .ok()
            .and_then(|o| deref(doc, o).as_float().ok())
        {
            font.default_width = dw * 0.001;
        }
        if let Some(w) = cid
            .get(b"W")
            .ok()
            .and_then(|o| deref(doc, o).as_array().ok())
        {
            load_cid_widths(doc, w, &mut font);
        }
    }
    let to_unicode = to_unicode_stream(doc, dict, max_stream);
    if let Some(data) = &to_unicode {
        cmap::parse_to_unicode(data, |code, text| font.set(code, text));
    }
    // CID TrueType without a usable ToUnicode: the embedded font's cmap, read backwards.
    if font.map.iter().all(|s| s.len == 0) && !font.ucs2 {
        if let Some(cid) = descendant {
            let identity = matches!(
                cid.get(b"CIDToGIDMap").ok().map(|o| deref(doc, o)),
                None | Some(Object::Name(_))
            );
            let program = deref_dict(doc, cid.get(b"FontDescriptor").ok())
                .and_then(|d| d.get(b"FontFile2").ok())
                .and_then(|o| deref(doc, o).as_stream().ok())
                .and_then(|s| s.get_plain_content_with_limit(max_stream).ok());
            if let (true, Some(program)) = (identity, program) {
                let mut buf = String::new();
                truetype::glyph_to_unicode(&program, |gid, c| {
                    if !font.is_mapped(u32::from(gid)) {
                        buf.clear();
                        buf.push(c);
                        font.set(u32::from(gid), &buf);
                    }
                });
            }
        }
    }
    if identity && !font.map.iter().any(|s| s.len > 0) {
        let ordering = descendant
            .and_then(|cid| cid.get(b"CIDSystemInfo").ok())
            .and_then(|o| deref(doc, o).as_dict().ok())
            .and_then(|info| info.get(b"Ordering").ok())
            .and_then(|o| deref(doc, o).as_str().ok());
        font.collection = match ordering {
            Some(b"Japan1") => Some(ADOBE_JAPAN1),
            Some(b"GB1") => Some(ADOBE_GB1),
            Some(b"CNS1") => Some(ADOBE_CNS1),
            Some(b"Korea1") => Some(ADOBE_KOREA1),
            _ => None,
        };
    }
    font
}

// CID-to-Unicode tables of the Adobe character collections (see `cid/NOTICE`).
static ADOBE_JAPAN1: &[u8] = include_bytes!("cid/japan1.bin");
static ADOBE_GB1: &[u8] = include_bytes!("cid/gb1.bin");
static ADOBE_CNS1: &[u8] = include_bytes!("cid/cns1.bin");
static ADOBE_KOREA1: &[u8] = include_bytes!("cid/korea1.bin");

fn load_cid_widths(doc: &Document, w: &[Object], font: &mut Font) {
    let set = |cid: i64, width: f32, font: &mut Font| {
        if let Ok(cid) = usize::try_from(cid) {
            if cid < MAX_CODES {
                if font.widths.len() <= cid {
                    font.widths.resize(cid + 1, font.default_width);
                }
                if let Some(slot) = font.widths.get_mut(cid) {
                    *slot = width * 0.001;
                }
            }
        }
    };
    let mut i = 0;
    while i < w.len() {
        let first = w.get(i).and_then(|o| deref(doc, o).as_i64().ok());
        let next = w.get(i + 1).map(|o| deref(doc, o));
        match (first, next) {
            (Some(first), Some(Object::Array(list))) => {
                for (k, width) in list.iter().enumerate() {
                    if let Ok(width) = deref(doc, width).as_float() {
                        set(first.saturating_add(k as i64), width, font);
                    }
                }
                i += 2;
            }
            (Some(first), Some(last)) => {
                let last = last.as_i64().unwrap_or(first);
                let width = w.get(i + 2).and_then(|o| deref(doc, o).as_float().ok());
                if let Some(width) = width {
                    let last = last.min(first.saturating_add(MAX_CODES as i64));
                    let mut cid = first;
                    while cid <= last {
                        set(cid, width, font);
                        cid += 1;
                    }
                }
                i += 3;
            }
            _ => break,
        }
    }
}

/// Reads `dup <code> /<name> put` entries of an embedded Type 1 program's clear-text part.
/// Returns `Some(true)` when it found an explicit encoding, `Some(false)` for
/// `StandardEncoding`, `None` when there is no Type 1 program.
fn type1_builtin_encoding(
    doc: &Document,
    descriptor: &Dictionary,
    names: &mut [Option<Vec<u8>>],
    max_stream: usize,
) -> Option<bool> {
    let stream = descriptor
        .get(b"FontFile")
        .ok()
        .and_then(|o| deref(doc, o).as_stream().ok())?;
    let length1 = stream
        .dict
        .get(b"Length1")
        .and_then(Object::as_i64)
        .unwrap_or(0);
    let data = stream.get_plain_content_with_limit(max_stream).ok()?;
    let clear_len = usize::try_from(length1).unwrap_or(0).min(data.len());
    let clear = if clear_len == 0 {
        &data[..]
    } else {
        data.get(..clear_len).unwrap_or(&data)
    };
    Some(glyphs::parse_type1_encoding(clear, names))
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

fn deref<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    doc.dereference(object).map_or(&Object::Null, |(_, o)| o)
}

fn deref_dict<'a>(doc: &'a Document, object: Option<&'a Object>) -> Option<&'a Dictionary> {
    object.and_then(|o| deref(doc, o).as_dict().ok())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
