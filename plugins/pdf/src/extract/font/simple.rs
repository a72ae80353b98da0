//! Simple fonts (Type 1, TrueType, Type 3): one byte per code, text from `ToUnicode`, the
//! encoding's `Differences`, its base encoding or the font program's built-in encoding.

use lopdf::{Dictionary, Document, Object};

use super::super::{cmap, glyphs, tables};
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
