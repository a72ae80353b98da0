//! JPEG marker segments before the first scan: EXIF and XMP in APP1.

use std::ops::Range;

use super::Found;

const EXIF: &[u8] = b"Exif\0\0";
const XMP: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const XMP_EXTENSION: &[u8] = b"http://ns.adobe.com/xmp/extension/\0";

/// The marker segments from SOI up to the first SOS (or EOI): each segment's marker and the
/// range of its body (after the two length bytes). Stops quietly at anything malformed: the
/// decoder reports that.
pub(crate) fn segments(data: &[u8]) -> Vec<(u8, Range<usize>)> {
    let mut out = Vec::new();
    if !data.starts_with(&[0xFF, 0xD8]) {
        return out;
    }
    let mut at = 2;
    for _ in 0..100_000 {
        while data.get(at) == Some(&0xFF) && data.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (data.get(at), data.get(at + 1)) else {
            break;
        };
        if marker == 0xDA || marker == 0xD9 {
            break;
        }
        if (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            at += 2;
            continue;
        }
        let Some(len) = data
            .get(at + 2..at + 4)
            .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
        else {
            break;
        };
        let Some(body_len) = len.checked_sub(2) else {
            break;
        };
        let body = at + 4..at + 4 + body_len;
        if body.end > data.len() {
            break;
        }
        out.push((marker, body));
        at += 2 + len;
    }
    out
}

pub(super) fn read(data: &[u8], found: &mut Found) {
    for (marker, body) in segments(data) {
        if marker != 0xE1 {
            continue;
        }
        let body = &data[body];
        if body.starts_with(EXIF) {
            found.exif(body);
        } else if let Some(packet) = body.strip_prefix(XMP) {
            found.xmp(packet);
        } else if body.starts_with(XMP_EXTENSION) {
            found.xmp(body);
        }
    }
}

pub(super) fn strip(data: &mut [u8]) -> bool {
    let mut changed = false;
    for (marker, body) in segments(data) {
        if marker != 0xE1 {
            continue;
        }
        let Some(body) = data.get_mut(body) else {
            continue;
        };
        if body.starts_with(EXIF) {
            changed |= super::strip_exif(body);
        } else if body.starts_with(XMP) || body.starts_with(XMP_EXTENSION) {
            // Extended XMP is split across segments; a property cut at a segment boundary is
            // not seen here, which is why the standard packet (where GPS lives) is what counts.
            changed |= super::strip_xmp(body);
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg_with(segments: &[(u8, Vec<u8>)]) -> Vec<u8> {
        let mut jpeg = vec![0xFF, 0xD8];
        for (marker, body) in segments {
            jpeg.extend_from_slice(&[0xFF, *marker]);
            jpeg.extend_from_slice(&u16::try_from(body.len() + 2).unwrap_or(0).to_be_bytes());
            jpeg.extend_from_slice(body);
        }
        jpeg.extend_from_slice(&[0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9]);
        jpeg
    }

    #[test]
    fn exif_orientation_wins_and_gps_is_removed() {
        let mut exif = EXIF.to_vec();
        exif.extend_from_slice(&super::super::sample_exif(6));
        let mut xmp = XMP.to_vec();
        xmp.extend_from_slice(br#"<x tiff:Orientation="3" exif:GPSLongitude="2,17E"/>"#);
        let jpeg = jpeg_with(&[(0xE0, b"JFIF\0".to_vec()), (0xE1, exif), (0xE1, xmp)]);
        let meta = super::super::read(crate::sniff::SourceFormat::Jpeg, &jpeg);
        assert_eq!(meta.orientation, 6);
        assert!(meta.has_gps);
        let stripped = super::super::strip_location(crate::sniff::SourceFormat::Jpeg, &jpeg)
            .unwrap_or_default();
        assert_eq!(stripped.len(), jpeg.len());
        let meta = super::super::read(crate::sniff::SourceFormat::Jpeg, &stripped);
        assert_eq!(meta.orientation, 6);
        assert!(!meta.has_gps);
        assert!(
            super::super::strip_location(crate::sniff::SourceFormat::Jpeg, &stripped).is_none()
        );
    }
}
