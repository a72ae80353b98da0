//! The `cmap` table of an embedded TrueType/OpenType program, read backwards (glyph id to
//! Unicode) for CID fonts that come without a `ToUnicode` map.

/// Most mappings read from one font.
const MAX_MAPPINGS: u32 = 1 << 18;

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    let b = data.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes([b[0], b[1]]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    let b = data.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

/// Calls `put(glyph id, char)` for each Unicode mapping of the font's best Unicode `cmap`
/// subtable (formats 4 and 12). Malformed fonts give fewer or no calls, never a panic.
pub(crate) fn glyph_to_unicode(font: &[u8], mut put: impl FnMut(u16, char)) {
    let Some(cmap) = find_table(font, b"cmap") else {
        return;
    };
    let count = u16_at(cmap, 2).unwrap_or(0);
    let mut best: Option<(u8, usize)> = None;
    for i in 0..usize::from(count) {
        let rec = 4 + i * 8;
        let (Some(platform), Some(encoding), Some(offset)) = (
            u16_at(cmap, rec),
            u16_at(cmap, rec + 2),
            u32_at(cmap, rec + 4),
        ) else {
            break;
        };
        let rank = match (platform, encoding) {
            (3, 10) => 4,
            (0, 4) | (0, 6) => 3,
            (3, 1) => 2,
            (0, _) => 1,
            _ => continue,
        };
        if best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, offset as usize));
        }
    }
    let Some((_, offset)) = best else { return };
    let Some(sub) = cmap.get(offset..) else {
        return;
    };
    let mut budget = MAX_MAPPINGS;
    let mut emit = |code: u32, gid: u32| {
        if budget == 0 {
            return false;
        }
        budget -= 1;
        if let (Some(c), Ok(gid)) = (char::from_u32(code), u16::try_from(gid)) {
            if gid != 0 {
                put(gid, c);
            }
        }
        true
    };
    match u16_at(sub, 0) {
        Some(4) => {
            let segs = usize::from(u16_at(sub, 6).unwrap_or(0) / 2);
            let ends = 14;
            let starts = ends + segs * 2 + 2;
            let deltas = starts + segs * 2;
            let ranges = deltas + segs * 2;
            for s in 0..segs {
                let (Some(end), Some(start), Some(delta), Some(range)) = (
                    u16_at(sub, ends + s * 2),
                    u16_at(sub, starts + s * 2),
                    u16_at(sub, deltas + s * 2),
                    u16_at(sub, ranges + s * 2),
                ) else {
                    return;
                };
                for code in start..=end {
                    if code == 0xFFFF {
                        break;
                    }
                    let gid = if range == 0 {
                        code.wrapping_add(delta)
                    } else {
                        let at =
                            ranges + s * 2 + usize::from(range) + usize::from(code - start) * 2;
                        match u16_at(sub, at) {
                            Some(0) | None => 0,
                            Some(g) => g.wrapping_add(delta),
                        }
                    };
                    if !emit(u32::from(code), u32::from(gid)) {
                        return;
                    }
                }
            }
        }
        Some(12) => {
            let groups = u32_at(sub, 12).unwrap_or(0) as usize;
            for g in 0..groups.min(1 << 16) {
                let at = 16 + g * 12;
                let (Some(start), Some(end), Some(gid)) =
                    (u32_at(sub, at), u32_at(sub, at + 4), u32_at(sub, at + 8))
                else {
                    return;
                };
                for (i, code) in (start..=end.min(0x10FFFF)).enumerate() {
                    if !emit(code, gid.saturating_add(i as u32)) {
                        return;
                    }
                }
            }
        }
        _ => {}
    }
}

fn find_table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let tables = u16_at(font, 4)?;
    for i in 0..usize::from(tables) {
        let rec = 12 + i * 16;
        if font.get(rec..rec + 4)? == tag {
            let offset = u32_at(font, rec + 8)? as usize;
            let length = u32_at(font, rec + 12)? as usize;
            return font.get(offset..offset.checked_add(length)?);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_gives_nothing() {
        let mut n = 0;
        glyph_to_unicode(&[0xFF; 64], |_, _| n += 1);
        glyph_to_unicode(&[], |_, _| n += 1);
        assert_eq!(n, 0);
    }

    #[test]
    fn format4_is_read() {
        // One table (cmap) with one (3,1) format-4 subtable: 'A'..'C' -> glyphs 1..3.
        let mut sub = vec![0, 4, 0, 32, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0];
        sub.extend([0, 0x43, 0xFF, 0xFF]); // ends
        sub.extend([0, 0]); // pad
        sub.extend([0, 0x41, 0xFF, 0xFF]); // starts
        sub.extend((1u16.wrapping_sub(0x41)).to_be_bytes());
        sub.extend([0, 1]); // deltas
        sub.extend([0, 0, 0, 0]); // range offsets
        let mut cmap = vec![0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12];
        cmap.extend(&sub);
        let mut font = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        font.extend(b"cmap");
        font.extend([0, 0, 0, 0, 0, 0, 0, 28]);
        font.extend((cmap.len() as u32).to_be_bytes());
        font.extend(&cmap);
        let mut got = Vec::new();
        glyph_to_unicode(&font, |g, c| got.push((g, c)));
        assert_eq!(got, vec![(1, 'A'), (2, 'B'), (3, 'C')]);
    }
}
