//! Composite (Type 0) fonts: codes by the `Encoding` CMap (`Identity-H`, a predefined CJK CMap,
//! a `Uni…` CMap or an embedded one), widths by CID from the descendant's `W`, text from
//! `ToUnicode`, the code itself, the embedded TrueType `cmap` or the character collection.

use lopdf::{Dictionary, Document, Object};

use super::super::cid::{Collection, Predefined};
use super::super::{cmap, truetype};
use super::{contains, deref, deref_dict, to_unicode_stream, Codes, Font, MAX_CODES};

pub(super) fn load(doc: &Document, dict: &Dictionary, max_stream: usize) -> Font {
    let mut font = Font {
        codes: Codes::Identity,
        default_width: 1.0,
        ..Font::default()
    };
    let descendant = dict
        .get(b"DescendantFonts")
        .ok()
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_array().ok())
        .and_then(|a| a.first())
        .and_then(|o| deref(doc, o).as_dict().ok());
    let ordering = descendant
        .and_then(|cid| cid.get(b"CIDSystemInfo").ok())
        .and_then(|o| deref(doc, o).as_dict().ok())
        .and_then(|info| info.get(b"Ordering").ok())
        .and_then(|o| deref(doc, o).as_str().ok())
        .and_then(Collection::from_ordering);
    let mut collection = ordering;
    match dict.get(b"Encoding").ok().map(|o| deref(doc, o)) {
        Some(Object::Name(name)) => {
            let name = name.as_slice();
            if name == b"Identity-V" {
                font.vertical = true;
            } else if name.starts_with(b"Uni")
                && (contains(name, b"UCS2") || contains(name, b"UTF16"))
            {
                let of_name = Collection::of_unicode_cmap(name);
                font.unicode_codes = true;
                font.vertical = name.ends_with(b"-V");
                font.codes = Codes::Unicode {
                    utf16: contains(name, b"UTF16"),
                    cid: of_name.or(ordering),
                };
            } else if let Some(predefined) = Predefined::find(name) {
                font.codes = Codes::Predefined(predefined);
                font.vertical = predefined.vertical;
                collection = Some(predefined.collection);
            }
        }
        Some(Object::Stream(stream)) => {
            if let Ok(data) = stream.get_plain_content_with_limit(max_stream) {
                let map = cmap::parse_code_map(&data);
                font.vertical = map.vertical;
                font.codes = if map.is_one_byte() {
                    Codes::OneByte
                } else {
                    Codes::Embedded(Box::new(map))
                };
            }
        }
        _ => {}
    }
    if let Some(cid) = descendant {
        if font.vertical {
            // Vertical advances: `DW2` [origin-y advance-y], default [880 -1000]; `W2` is not
            // read (its advances are rarely other than the default).
            let dw2 = cid
                .get(b"DW2")
                .ok()
                .and_then(|o| deref(doc, o).as_array().ok())
                .and_then(|a| a.get(1))
                .and_then(|o| deref(doc, o).as_float().ok());
            font.default_width = dw2.map_or(1.0, |w| -w * 0.001);
        } else {
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
    }
    if let Some(data) = to_unicode_stream(doc, dict, max_stream) {
        cmap::parse_to_unicode(&data, |code, text| font.set(code, text));
    }
    let mapped = font.map.iter().any(|s| s.len > 0);
    // CID TrueType without a usable ToUnicode: the embedded font's cmap, read backwards, through
    // the CID-to-glyph map (identity, or a stream of big-endian glyph ids).
    if !mapped && !font.unicode_codes {
        if let Some(cid) = descendant {
            let cid_to_gid = match cid.get(b"CIDToGIDMap").ok().map(|o| deref(doc, o)) {
                None | Some(Object::Name(_)) => Some(None),
                Some(Object::Stream(s)) => {
                    s.get_plain_content_with_limit(max_stream).ok().map(Some)
                }
                Some(_) => None,
            };
            let program = deref_dict(doc, cid.get(b"FontDescriptor").ok())
                .and_then(|d| d.get(b"FontFile2").ok())
                .and_then(|o| deref(doc, o).as_stream().ok())
                .and_then(|s| s.get_plain_content_with_limit(max_stream).ok());
            if let (Some(cid_to_gid), Some(program)) = (cid_to_gid, program) {
                let mut by_gid: Vec<Option<char>> = Vec::new();
                truetype::glyph_to_unicode(&program, |gid, c| {
                    let gid = usize::from(gid);
                    if by_gid.len() <= gid {
                        by_gid.resize(gid + 1, None);
                    }
                    if let Some(slot) = by_gid.get_mut(gid).filter(|s| s.is_none()) {
                        *slot = Some(c);
                    }
                });
                let mut buf = String::new();
                let mut put = |cid: usize, gid: usize, font: &mut Font| {
                    if let Some(c) = by_gid.get(gid).copied().flatten() {
                        buf.clear();
                        buf.push(c);
                        font.set_by_cid(cid as u32, &buf);
                    }
                };
                match cid_to_gid {
                    None => (0..by_gid.len()).for_each(|gid| put(gid, gid, &mut font)),
                    Some(map) => {
                        for (cid, pair) in map.chunks_exact(2).take(MAX_CODES).enumerate() {
                            put(
                                cid,
                                usize::from(pair[0]) << 8 | usize::from(pair[1]),
                                &mut font,
                            );
                        }
                    }
                }
            }
        }
    }
    // The collection fills in codes nothing else maps when the CIDs are real CIDs: always for
    // predefined CMaps and CFF-based (CIDFontType0) fonts, else only when nothing is mapped
    // (TrueType CID fonts often number glyphs, not CIDs, whatever their CIDSystemInfo says).
    let real_cids = matches!(font.codes, Codes::Predefined(_))
        || descendant
            .and_then(|d| d.get(b"Subtype").and_then(Object::as_name).ok())
            .is_some_and(|s| s == b"CIDFontType0");
    let nothing_mapped = !mapped && font.by_cid.iter().all(|s| s.len == 0);
    if real_cids || nothing_mapped {
        font.collection = collection;
    }
    // Identity-H, an Identity collection, nothing mapping the codes, and a CID-to-glyph map of
    // its own: the producer numbered the CIDs by Unicode (poppler reads every Identity font
    // so; with an identity glyph map the CIDs are glyph numbers, and that would be garbage).
    let own_glyph_map = descendant
        .and_then(|d| d.get(b"CIDToGIDMap").ok())
        .is_some_and(|m| matches!(deref(doc, m), Object::Stream(_)));
    if nothing_mapped
        && collection.is_none()
        && own_glyph_map
        && matches!(font.codes, Codes::Identity)
    {
        font.unicode_codes = true;
    }
    font
}

/// Most width entries set from one `W` array (hostile arrays repeat huge ranges).
const MAX_WIDTH_SETS: usize = 1 << 20;

fn load_cid_widths(doc: &Document, w: &[Object], font: &mut Font) {
    let mut budget = MAX_WIDTH_SETS;
    let mut set = |cid: i64, width: f32, font: &mut Font| {
        if budget == 0 {
            return false;
        }
        budget -= 1;
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
        true
    };
    let mut i = 0;
    while i < w.len() {
        let first = w.get(i).and_then(|o| deref(doc, o).as_i64().ok());
        let next = w.get(i + 1).map(|o| deref(doc, o));
        match (first, next) {
            (Some(first), Some(Object::Array(list))) => {
                for (k, width) in list.iter().enumerate() {
                    if let Ok(width) = deref(doc, width).as_float() {
                        if !set(first.saturating_add(k as i64), width, font) {
                            return;
                        }
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
                        if !set(cid, width, font) {
                            return;
                        }
                        cid += 1;
                    }
                }
                i += 3;
            }
            _ => break,
        }
    }
}
