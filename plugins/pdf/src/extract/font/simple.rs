//! Simple fonts (Type 1, TrueType, Type 3): one byte per code, text from `ToUnicode`, the
//! encoding's `Differences`, its base encoding or the font program's built-in encoding.

use lopdf::{Dictionary, Document, Object};

use super::super::{cff, cmap, glyphs, tables};
use super::{contains, deref, deref_dict, to_unicode_stream, Font, Span};

pub(super) fn load(doc: &Document, dict: &Dictionary, subtype: &[u8], max_stream: usize) -> Font {
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
        // A CFF program's encoding has its gaps filled from the standard one (as poppler does).
        _ if builtin == Some(Builtin::Cff) => Some(&tables::STANDARD_ENCODING),
        _ if builtin == Some(Builtin::Type1) => None,
        _ if contains(base_font, b"Symbol") => Some(&tables::SYMBOL_ENCODING),
        _ if contains(base_font, b"Dingbats") => Some(&tables::ZAPF_DINGBATS_ENCODING),
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
        None if builtin.is_none() || builtin == Some(Builtin::Standard) => {
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
    let dingbats = contains(base_font, b"Dingbats");
    for (code, name) in names.iter().enumerate() {
        let Some(name) = name.as_deref() else {
            continue;
        };
        if name == b".notdef" {
            font.unset(code as u32);
            continue;
        }
        buf.clear();
        if !(glyphs::name_to_unicode(name, &mut buf)
            || (dingbats && glyphs::dingbat_to_unicode(name, &mut buf)))
        {
            // A name nothing knows (`a224`, `g17`, `cid12`): the code itself, as Latin-1 (as
            // poppler does; TeX's Type 3 fonts name their glyphs this way).
            buf.push(char::from(code as u8));
        }
        font.set(code as u32, &buf);
    }
    if let Some(to_unicode) = to_unicode_stream(doc, dict, max_stream) {
        cmap::parse_to_unicode(&to_unicode, |code, text| font.set(code, text));
    }

    // Widths.
    let matrix: Vec<f32> = dict
        .get(b"FontMatrix")
        .ok()
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_array().ok())
        .map(|a| {
            a.iter()
                .filter_map(|o| deref(doc, o).as_float().ok())
                .collect()
        })
        .unwrap_or_default();
    let scale = match matrix.first() {
        Some(&a) if subtype == b"Type3" && a.is_finite() && a != 0.0 => a.abs(),
        _ => 0.001,
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
    if subtype == b"Type3" {
        let listed = widths.map_or(0, Vec::len);
        let explicit =
            usize::try_from(first).unwrap_or(0)..usize::try_from(first).unwrap_or(0) + listed;
        font.size_scale = type3_size(&font, &matrix, explicit);
    }
    font
}

/// How much larger than its nominal size a Type 3 font's glyphs are, guessed as poppler does:
/// an `m` is about 0.6 em wide, another ASCII letter (else any glyph) about half an em; scaled
/// by the font matrix's aspect.
fn type3_size(font: &Font, matrix: &[f32], explicit: std::ops::Range<usize>) -> f32 {
    let text_of = |code: usize| {
        font.map
            .get(code)
            .filter(|s| s.len > 0)
            .and_then(|s| font.pool.get(s.start as usize..(s.start + s.len) as usize))
    };
    // Only glyphs the font lists widths for (others get the default width).
    let width = |code: usize| {
        explicit
            .contains(&code)
            .then(|| font.widths.get(code).copied())
            .flatten()
            .filter(|w| *w > 0.0)
    };
    let m = (0..256)
        .find(|&c| text_of(c) == Some("m"))
        .and_then(width)
        .map(|w| w / 0.6);
    let letter = || {
        (0..256)
            .find(|&c| {
                text_of(c)
                    .is_some_and(|t| t.len() == 1 && t.bytes().all(|b| b.is_ascii_alphabetic()))
            })
            .and_then(width)
            .map(|w| w / 0.5)
    };
    let any = || {
        (0..256)
            .find(|&c| text_of(c).is_some() && width(c).is_some())
            .and_then(width)
            .map(|w| w / 0.5)
    };
    let mut size = m.or_else(letter).or_else(any).unwrap_or(1.0);
    if let [a, _, _, d, ..] = matrix[..] {
        if a != 0.0 && (d / a).is_finite() {
            size *= (d / a).abs();
        }
    }
    if size.is_finite() && size > 0.0 {
        size
    } else {
        1.0
    }
}

/// How much of a Type 1 program without `Length1` is read for its encoding.
const CLEAR_TEXT_GUESS: usize = 64 << 10;

/// What the embedded font program says about its encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Builtin {
    /// The standard encoding (or nothing readable).
    Standard,
    /// A Type 1 program's own encoding.
    Type1,
    /// A CFF program's own encoding.
    Cff,
}

/// The built-in encoding of the embedded font program: `dup <code> /<name> put` entries of a
/// Type 1 program's clear-text part, or a CFF program's custom encoding, into `names`. `None`
/// when there is no such program.
fn type1_builtin_encoding(
    doc: &Document,
    descriptor: &Dictionary,
    names: &mut [Option<Vec<u8>>],
    max_stream: usize,
) -> Option<Builtin> {
    let program = |key: &[u8]| {
        descriptor
            .get(key)
            .ok()
            .and_then(|o| deref(doc, o).as_stream().ok())
    };
    if let Some(cff) = program(b"FontFile3") {
        let subtype = cff.dict.get(b"Subtype").and_then(Object::as_name).ok();
        if subtype.is_some_and(|s| s != b"Type1C") {
            return None;
        }
        let data = cff.get_plain_content_with_limit(max_stream).ok()?;
        let own = cff::builtin_encoding(&data, names);
        return Some(if own { Builtin::Cff } else { Builtin::Standard });
    }
    let stream = program(b"FontFile")?;
    let length1 = stream
        .dict
        .get(b"Length1")
        .and_then(Object::as_i64)
        .unwrap_or(0);
    // Only the clear-text part is read: decompress no further (the encrypted part after it is
    // most of the program).
    let wanted = usize::try_from(length1)
        .ok()
        .filter(|l| *l > 0)
        .unwrap_or(CLEAR_TEXT_GUESS);
    let data = super::stream_prefix(stream, wanted.min(max_stream))
        .or_else(|| stream.get_plain_content_with_limit(max_stream).ok())?;
    let clear_len = usize::try_from(length1).unwrap_or(0).min(data.len());
    let clear = if clear_len == 0 {
        &data[..]
    } else {
        data.get(..clear_len).unwrap_or(&data)
    };
    Some(if glyphs::parse_type1_encoding(clear, names) {
        Builtin::Type1
    } else {
        Builtin::Standard
    })
}
