//! The built-in encoding of an embedded CFF font program (`FontFile3` `/Type1C`): which glyph
//! name each code draws, from the font's `Encoding` and `charset` (Adobe TN 5176). Type 1
//! fonts converted by ghostscript (TeX papers through `ps2pdf`, for one) carry their custom
//! encodings (ligatures at codes 11-15, Greek at 0-10) only here.

use super::tables::CFF_STANDARD_STRINGS as STANDARD_STRINGS;

/// Most glyphs read from one font.
const MAX_GLYPHS: usize = 65_536;

/// Fills `names` (by code) from the font's custom encoding. Returns whether it had one (false
/// for the standard and expert encodings, CID-keyed fonts and anything unreadable).
pub(crate) fn builtin_encoding(font: &[u8], names: &mut [Option<Vec<u8>>]) -> bool {
    read(font, names).unwrap_or(false)
}

fn read(font: &[u8], names: &mut [Option<Vec<u8>>]) -> Option<bool> {
    let header_size = usize::from(*font.get(2)?);
    let (_, after_names) = index(font, header_size)?;
    let (top, after_top) = index(font, after_names)?;
    let (strings, _) = index(font, after_top)?;
    let top = top.first()?;
    let (mut charset, mut encoding, mut charstrings) = (0usize, 0usize, None);
    let mut cid_keyed = false;
    dict(top, |op, operands| {
        let first = operands.first().copied().unwrap_or(0.0);
        let offset = if first.is_finite() && first >= 0.0 {
            first as usize
        } else {
            0
        };
        match op {
            15 => charset = offset,
            16 => encoding = offset,
            17 => charstrings = Some(offset),
            0x0c1e => cid_keyed = true,
            _ => {}
        }
    });
    if cid_keyed || encoding <= 1 {
        return Some(false);
    }
    let glyphs = index(font, charstrings?)?.0.len().min(MAX_GLYPHS);
    let sids = charset_sids(font, charset, glyphs)?;
    let name = |gid: usize| -> Option<Vec<u8>> {
        let sid = usize::from(*sids.get(gid)?);
        match STANDARD_STRINGS.get(sid) {
            Some(s) => Some(s.as_bytes().to_vec()),
            None => strings
                .get(sid - STANDARD_STRINGS.len())
                .map(|s| s.to_vec()),
        }
    };
    let mut found = false;
    let mut set = |code: usize, glyph_name: Option<Vec<u8>>| {
        if let (Some(slot), Some(n)) = (names.get_mut(code), glyph_name) {
            *slot = Some(n);
            found = true;
        }
    };
    let format = *font.get(encoding)?;
    let mut at = encoding + 1;
    match format & 0x7f {
        0 => {
            let count = usize::from(*font.get(at)?);
            for i in 0..count {
                let code = usize::from(*font.get(at + 1 + i)?);
                set(code, name(i + 1));
            }
            at += 1 + count;
        }
        1 => {
            let ranges = usize::from(*font.get(at)?);
            let mut gid = 1;
            for r in 0..ranges {
                let first = usize::from(*font.get(at + 1 + 2 * r)?);
                let left = usize::from(*font.get(at + 2 + 2 * r)?);
                for code in first..=first + left {
                    set(code, name(gid));
                    gid += 1;
                }
            }
            at += 1 + 2 * ranges;
        }
        _ => return Some(false),
    }
    if format & 0x80 != 0 {
        // Supplements: more codes for glyphs, by string id.
        let count = usize::from(*font.get(at)?);
        for i in 0..count {
            let code = usize::from(*font.get(at + 1 + 3 * i)?);
            let sid = usize::from(u16::from_be_bytes([
                *font.get(at + 2 + 3 * i)?,
                *font.get(at + 3 + 3 * i)?,
            ]));
            let glyph_name = match STANDARD_STRINGS.get(sid) {
                Some(s) => Some(s.as_bytes().to_vec()),
                None => strings
                    .get(sid - STANDARD_STRINGS.len())
                    .map(|s| s.to_vec()),
            };
            set(code, glyph_name);
        }
    }
    Some(found)
}

/// The string id of each glyph (glyph 0 is `.notdef`).
fn charset_sids(font: &[u8], offset: usize, glyphs: usize) -> Option<Vec<u16>> {
    let mut sids = vec![0u16];
    if offset <= 2 {
        // The predefined ISOAdobe charset (the expert ones are rare in text fonts).
        sids.extend((1..glyphs.min(229)).map(|g| g as u16));
        return Some(sids);
    }
    let format = *font.get(offset)?;
    let mut at = offset + 1;
    let u16_at = |at: usize| Some(u16::from_be_bytes([*font.get(at)?, *font.get(at + 1)?]));
    while sids.len() < glyphs {
        match format {
            0 => {
                sids.push(u16_at(at)?);
                at += 2;
            }
            1 | 2 => {
                let first = u16_at(at)?;
                let left = if format == 1 {
                    u16::from(*font.get(at + 2)?)
                } else {
                    u16_at(at + 2)?
                };
                at += if format == 1 { 3 } else { 4 };
                for i in 0..=left {
                    if sids.len() >= glyphs {
                        break;
                    }
                    sids.push(first.saturating_add(i));
                }
            }
            _ => return None,
        }
    }
    Some(sids)
}

/// An INDEX at `at`: its items and where the next structure starts.
fn index(font: &[u8], at: usize) -> Option<(Vec<&[u8]>, usize)> {
    let count = usize::from(u16::from_be_bytes([*font.get(at)?, *font.get(at + 1)?]));
    if count == 0 {
        return Some((Vec::new(), at + 2));
    }
    let size = usize::from(*font.get(at + 2)?);
    if !(1..=4).contains(&size) {
        return None;
    }
    let offset = |i: usize| -> Option<usize> {
        let start = at + 3 + i * size;
        let bytes = font.get(start..start + size)?;
        Some(
            bytes
                .iter()
                .fold(0usize, |acc, &b| acc << 8 | usize::from(b)),
        )
    };
    let data = at + 3 + (count + 1) * size - 1;
    let mut items = Vec::with_capacity(count.min(MAX_GLYPHS));
    for i in 0..count.min(MAX_GLYPHS) {
        let (a, b) = (offset(i)?, offset(i + 1)?);
        items.push(font.get(data + a..data + b)?);
    }
    let end = data + offset(count)?;
    Some((items, end))
}

/// Calls `each(operator, operands)` for the entries of a DICT (`12 x` operators as `0x0c00 |
/// x`).
fn dict(data: &[u8], mut each: impl FnMut(u16, &[f64])) {
    let mut operands: Vec<f64> = Vec::new();
    let mut i = 0;
    while let Some(&b) = data.get(i) {
        i += 1;
        match b {
            0..=21 => {
                let op = if b == 12 {
                    let x = data.get(i).copied().unwrap_or(0);
                    i += 1;
                    0x0c00 | u16::from(x)
                } else {
                    u16::from(b)
                };
                each(op, &operands);
                operands.clear();
            }
            28 => {
                let v = data
                    .get(i..i + 2)
                    .map_or(0, |v| i16::from_be_bytes([v[0], v[1]]));
                operands.push(f64::from(v));
                i += 2;
            }
            29 => {
                let v = data
                    .get(i..i + 4)
                    .map_or(0, |v| i32::from_be_bytes([v[0], v[1], v[2], v[3]]));
                operands.push(f64::from(v));
                i += 4;
            }
            30 => {
                // A real: nibbles up to 0xf; its value does not matter here.
                while let Some(&n) = data.get(i) {
                    i += 1;
                    if n & 0x0f == 0x0f || n >> 4 == 0x0f {
                        break;
                    }
                }
                operands.push(0.0);
            }
            32..=246 => operands.push(f64::from(i32::from(b) - 139)),
            247..=250 => {
                let w = i32::from(data.get(i).copied().unwrap_or(0));
                operands.push(f64::from((i32::from(b) - 247) * 256 + w + 108));
                i += 1;
            }
            251..=254 => {
                let w = i32::from(data.get(i).copied().unwrap_or(0));
                operands.push(f64::from(-(i32::from(b) - 251) * 256 - w - 108));
                i += 1;
            }
            _ => {}
        }
        if operands.len() > 48 {
            operands.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal CFF: one glyph besides .notdef ("ffi", SID 267) at code 14, with a format-0
    /// charset and encoding.
    fn font() -> Vec<u8> {
        let (charset, encoding, charstrings) = (31u8, 34u8, 37u8);
        let mut f = vec![1, 0, 4, 1]; // header
        f.extend([0, 1, 1, 1, 2, b'F']); // Name INDEX: "F"
        f.extend([0, 1, 1, 1, 13]); // Top DICT INDEX: one 12-byte DICT
        f.extend([
            28,
            0,
            charset,
            15,
            28,
            0,
            encoding,
            16,
            28,
            0,
            charstrings,
            17,
        ]);
        f.extend([0, 0, 0, 0]); // String and Global Subr INDEXes: empty
        assert_eq!(f.len(), usize::from(charset));
        f.extend([0, 0x01, 0x0b]); // charset format 0: glyph 1 is SID 267
        f.extend([0, 1, 14]); // encoding format 0: glyph 1 at code 14
        f.extend([0, 2, 1, 1, 2, 3, 14, 14]); // CharStrings INDEX: two glyphs
        f
    }

    #[test]
    fn custom_encodings_give_glyph_names() {
        let mut names = vec![None; 256];
        assert!(builtin_encoding(&font(), &mut names));
        assert_eq!(names[14].as_deref(), Some(&b"ffi"[..]));
    }

    #[test]
    fn garbage_gives_nothing() {
        let mut names = vec![None; 256];
        for data in [&b""[..], &[1, 0, 4, 1, 0xff, 0xff, 4], &[0xff; 64]] {
            assert!(!builtin_encoding(data, &mut names));
        }
        assert!(names.iter().all(Option::is_none));
    }
}
