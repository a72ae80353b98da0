//! XMP packets: `tiff:Orientation`, and GPS properties (`exif:GPSLatitude`…) found and blanked
//! in place.
//!
//! Blanking replaces a property, attribute form (`exif:GPSLatitude="48,51.29N"`) or element form
//! (`<exif:GPSLatitude>…</exif:GPSLatitude>`), by as many spaces: the packet keeps its length and
//! stays well-formed XML, so whatever holds it (a JPEG segment, a PNG chunk, a WebP chunk, a TIFF
//! tag, a HEIF item) needs no other change.

/// The orientation an XMP packet gives (`tiff:Orientation="6"` or
/// `<tiff:Orientation>6</tiff:Orientation>`), as Pillow reads it.
pub(crate) fn orientation(xmp: &[u8]) -> Option<u8> {
    const KEY: &[u8] = b"tiff:Orientation";
    let mut from = 0;
    while let Some(at) = find(&xmp[from..], KEY).map(|i| i + from) {
        let rest = &xmp[at + KEY.len()..];
        let digit = match rest {
            [b'=', b'"' | b'\'', d, ..] | [b'>', d, ..] => Some(*d),
            _ => None,
        };
        if let Some(d) = digit.filter(u8::is_ascii_digit) {
            let value = d - b'0';
            return (1..=8).contains(&value).then_some(value);
        }
        from = at + KEY.len();
    }
    None
}

/// Whether the packet holds a GPS position (a `GPSLatitude` or `GPSLongitude` property).
pub(crate) fn has_gps(xmp: &[u8]) -> bool {
    properties(xmp).iter().any(|p| p.is_position)
}

/// Blanks every GPS property (names starting `GPS` in any namespace) in place. Returns whether
/// anything was blanked.
pub(crate) fn blank_gps(xmp: &mut [u8]) -> bool {
    let found = properties(xmp);
    for p in &found {
        if let Some(region) = xmp.get_mut(p.start..p.end) {
            region.fill(b' ');
        }
    }
    !found.is_empty()
}

/// One GPS property's byte range.
#[derive(Debug)]
struct Property {
    start: usize,
    end: usize,
    /// Latitude or longitude (rather than, say, `GPSVersionID`).
    is_position: bool,
}

/// Finds `prefix:GPS…` names and the extent of the attribute or element each one is.
fn properties(xmp: &[u8]) -> Vec<Property> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(hit) = find(&xmp[i..], b":GPS").map(|h| h + i) {
        let name_start = xmp[..hit]
            .iter()
            .rposition(|b| !is_name_byte(*b))
            .map_or(0, |p| p + 1);
        let name_end = xmp[hit + 1..]
            .iter()
            .position(|b| !is_name_byte(*b))
            .map_or(xmp.len(), |p| p + hit + 1);
        let name = &xmp[name_start..name_end];
        let local = &xmp[hit + 1..name_end];
        let is_position = local.starts_with(b"GPSLatitude") || local.starts_with(b"GPSLongitude");
        let before = name_start.checked_sub(1).and_then(|p| xmp.get(p)).copied();
        let extent = match before {
            Some(b'<') => element_end(xmp, name_end, name).map(|end| (name_start - 1, end)),
            Some(b) if b.is_ascii_whitespace() => {
                attribute_end(xmp, name_end).map(|end| (name_start, end))
            }
            _ => None, // a closing tag or text: not a property start
        };
        match extent {
            Some((start, end)) => {
                out.push(Property {
                    start,
                    end,
                    is_position,
                });
                i = end;
            }
            None => i = name_end.max(hit + 1),
        }
    }
    out
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':')
}

/// The end of `name="value"` whose name ends at `at`.
fn attribute_end(xmp: &[u8], at: usize) -> Option<usize> {
    let mut i = at;
    while xmp.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    if xmp.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    while xmp.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    let quote = *xmp.get(i).filter(|q| matches!(q, b'"' | b'\''))?;
    let close = xmp.get(i + 1..)?.iter().position(|&b| b == quote)?;
    Some(i + 1 + close + 1)
}

/// The end of the element `<name …>…</name>` (or `<name …/>`) whose name ends at `at`.
fn element_end(xmp: &[u8], at: usize, name: &[u8]) -> Option<usize> {
    let tag_close = xmp.get(at..)?.iter().position(|&b| b == b'>')? + at;
    if tag_close > 0 && xmp.get(tag_close - 1) == Some(&b'/') {
        return Some(tag_close + 1);
    }
    let mut closing = b"</".to_vec();
    closing.extend_from_slice(name);
    let end = find(xmp.get(tag_close..)?, &closing)? + tag_close;
    let gt = xmp.get(end..)?.iter().position(|&b| b == b'>')? + end;
    Some(gt + 1)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACKET: &str = r#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description rdf:about=""
 xmlns:tiff="http://ns.adobe.com/tiff/1.0/" xmlns:exif="http://ns.adobe.com/exif/1.0/"
 tiff:Orientation="6" exif:GPSLatitude="48,51.29N" exif:GPSLongitude='2,17.40E'>
 <exif:GPSAltitude>35/1</exif:GPSAltitude><exif:GPSTimeStamp/>
 <dc:title>Paris</dc:title></rdf:Description></rdf:RDF></x:xmpmeta>"#;

    #[test]
    fn orientation_in_both_forms() {
        assert_eq!(orientation(PACKET.as_bytes()), Some(6));
        assert_eq!(
            orientation(b"<tiff:Orientation>8</tiff:Orientation>"),
            Some(8)
        );
        assert_eq!(orientation(b"tiff:Orientation=\"0\""), None);
        assert_eq!(orientation(b"nothing"), None);
    }

    #[test]
    fn gps_is_found_and_blanked_keeping_the_length() {
        assert!(has_gps(PACKET.as_bytes()));
        let mut xmp = PACKET.as_bytes().to_vec();
        assert!(blank_gps(&mut xmp));
        assert_eq!(xmp.len(), PACKET.len());
        let text = String::from_utf8(xmp.clone()).unwrap_or_default();
        assert!(!text.contains("GPS"), "{text}");
        assert!(!text.contains("48,51"));
        assert!(text.contains(r#"tiff:Orientation="6""#));
        assert!(text.contains("<dc:title>Paris</dc:title>"));
        assert!(!has_gps(&xmp));
        assert!(!blank_gps(&mut xmp));
        // Cut anywhere: no panic.
        for cut in 0..PACKET.len() {
            let mut part = PACKET.as_bytes()[..cut].to_vec();
            let _ = blank_gps(&mut part);
            let _ = orientation(&part);
        }
    }
}
