//! Glyph names to Unicode, Type 1 built-in encodings, and widths of the standard 14 fonts.

use super::packed::NameTable;
use super::tables::{DINGBAT_NAMES, GLYPH_NAMES};

/// Appends the Unicode text of glyph `name` to `out`; false when the name means nothing known.
///
/// Handles the Adobe Glyph List, `uniXXXX…`, `uXXXX[XX]`, suffixes (`a.sc`) and ligature
/// names joined by `_` (`f_f_i`).
pub(crate) fn name_to_unicode(name: &[u8], out: &mut String) -> bool {
    let base = match name.iter().position(|&b| b == b'.') {
        Some(0) => return false,
        Some(dot) => name.get(..dot).unwrap_or(name),
        None => name,
    };
    if base.contains(&b'_') {
        let mut any = false;
        for part in base.split(|&b| b == b'_') {
            any |= single(part, out);
        }
        return any;
    }
    single(base, out)
}

/// Appends the Unicode text of ZapfDingbats glyph `name` (`a1` … `a191`) to `out`; false for
/// other names. Only for the ZapfDingbats font: other fonts (TeX's Type 3 fonts, say) use
/// names such as `a97` for plain letters.
pub(crate) fn dingbat_to_unicode(name: &[u8], out: &mut String) -> bool {
    lookup(&DINGBAT_NAMES, name, out)
}

fn lookup(table: &NameTable, name: &[u8], out: &mut String) -> bool {
    let found = table.get(name).and_then(|u| char::from_u32(u32::from(u)));
    if let Some(c) = found {
        out.push(c);
    }
    found.is_some()
}

fn single(name: &[u8], out: &mut String) -> bool {
    if lookup(&GLYPH_NAMES, name, out) {
        return true;
    }
    if let Some(hex) = name.strip_prefix(b"uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 {
            let units: Option<Vec<u16>> = hex
                .chunks(4)
                .map(|h| parse_hex(h).and_then(|v| u16::try_from(v).ok()))
                .collect();
            if let Some(units) = units {
                let before = out.len();
                out.extend(char::decode_utf16(units).filter_map(Result::ok));
                return out.len() > before;
            }
        }
    }
    if let Some(hex) = name.strip_prefix(b"u") {
        if (4..=6).contains(&hex.len()) {
            if let Some(c) = parse_hex(hex).and_then(char::from_u32) {
                out.push(c);
                return true;
            }
        }
    }
    false
}

fn parse_hex(digits: &[u8]) -> Option<u32> {
    let mut value: u32 = 0;
    for &d in digits {
        let v = (d as char).to_digit(16)?;
        value = value.checked_mul(16)?.checked_add(v)?;
    }
    Some(value)
}

/// Fills `names` from the `dup <code> /<name> put` lines of a Type 1 program's clear text.
/// Returns whether an explicit (non-standard) encoding was found.
pub(crate) fn parse_type1_encoding(clear: &[u8], names: &mut [Option<Vec<u8>>]) -> bool {
    let Some(start) = find(clear, b"/Encoding") else {
        return false;
    };
    let rest = clear.get(start + 9..).unwrap_or(&[]);
    let head = rest.get(..rest.len().min(40)).unwrap_or(rest);
    if find(head, b"StandardEncoding").is_some() {
        return false;
    }
    let end = find(rest, b"readonly def")
        .or_else(|| find(rest, b"eexec"))
        .unwrap_or(rest.len());
    let body = rest.get(..end).unwrap_or(rest);
    let mut found = false;
    let mut tokens = body
        .split(|b| b.is_ascii_whitespace())
        .filter(|t| !t.is_empty())
        .peekable();
    while let Some(token) = tokens.next() {
        if token != b"dup" {
            continue;
        }
        let code = tokens
            .next()
            .and_then(|t| std::str::from_utf8(t).ok())
            .and_then(|t| t.parse::<usize>().ok());
        let name = tokens.next().and_then(|t| t.strip_prefix(b"/"));
        if let (Some(code), Some(name)) = (code, name) {
            if let Some(slot) = names.get_mut(code) {
                *slot = Some(name.to_vec());
                found = true;
            }
        }
    }
    found
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Widths (per 1000 units) of ASCII characters in the standard fonts, for fonts that come
/// without a `Widths` array. Only used to tell word gaps from letter gaps.
pub(crate) fn standard_widths(base_font: &[u8]) -> fn(char) -> Option<u16> {
    let has = |n: &[u8]| base_font.windows(n.len()).any(|w| w == n);
    if has(b"Courier") || has(b"Mono") {
        |_| Some(600)
    } else if has(b"Times") || has(b"Roman") || has(b"Serif") {
        times
    } else {
        helvetica
    }
}

const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

const TIMES: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611,
    556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722,
    722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500,
    278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];

fn helvetica(c: char) -> Option<u16> {
    ascii_width(&HELVETICA, c).or(Some(556))
}

fn times(c: char) -> Option<u16> {
    ascii_width(&TIMES, c).or(Some(500))
}

fn ascii_width(table: &[u16; 95], c: char) -> Option<u16> {
    let i = (c as u32).checked_sub(32)?;
    table.get(i as usize).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(name: &str) -> String {
        let mut out = String::new();
        name_to_unicode(name.as_bytes(), &mut out);
        out
    }

    #[test]
    fn glyph_names_resolve() {
        assert_eq!(text("A"), "A");
        assert_eq!(text("quoteright"), "\u{2019}");
        assert_eq!(text("fi"), "\u{FB01}");
        assert_eq!(text("uni0416"), "Ж");
        assert_eq!(text("u1F600"), "😀");
        assert_eq!(text("a.sc"), "a");
        assert_eq!(text("f_f_i"), "ffi");
        assert_eq!(text("g123"), "");
        // Dingbat names only in the ZapfDingbats font.
        assert_eq!(text("a1"), "");
        let mut out = String::new();
        assert!(dingbat_to_unicode(b"a120", &mut out));
        assert_eq!(out, "\u{2460}");
        assert_eq!(text(".notdef"), "");
    }

    #[test]
    fn type1_encoding_is_read() {
        let program = b"/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\ndup 12 /fi put\ndup 65 /A put\nreadonly def\n";
        let mut names = vec![None; 256];
        assert!(parse_type1_encoding(program, &mut names));
        assert_eq!(names[12].as_deref(), Some(&b"fi"[..]));
        assert_eq!(names[65].as_deref(), Some(&b"A"[..]));
        let mut names = vec![None; 256];
        assert!(!parse_type1_encoding(
            b"/Encoding StandardEncoding def",
            &mut names
        ));
    }
}
