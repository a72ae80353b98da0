//! WebP chunks that carry metadata: `EXIF` and `XMP `.

use super::Found;

/// The chunks after the `RIFF....WEBP` header: fourcc and the range of its data.
pub(crate) fn chunks(webp: &[u8]) -> Vec<([u8; 4], std::ops::Range<usize>)> {
    let mut out = Vec::new();
    if webp.get(..4) != Some(b"RIFF") || webp.get(8..12) != Some(b"WEBP") {
        return out;
    }
    let mut at = 12;
    while let (Some(kind), Some(len)) = (
        webp.get(at..at + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok()),
        webp.get(at + 4..at + 8)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_le_bytes),
    ) {
        let start = at + 8;
        let Some(end) = start.checked_add(len as usize).filter(|&e| e <= webp.len()) else {
            break;
        };
        out.push((kind, start..end));
        at = end + (end & 1);
    }
    out
}

pub(super) fn read(webp: &[u8], found: &mut Found) {
    for (kind, range) in chunks(webp) {
        match &kind {
            b"EXIF" => found.exif(&webp[range]),
            b"XMP " => found.xmp(&webp[range]),
            _ => {}
        }
    }
}

pub(super) fn strip(webp: &mut [u8]) -> bool {
    let mut changed = false;
    for (kind, range) in chunks(webp) {
        let Some(data) = webp.get_mut(range) else {
            continue;
        };
        match &kind {
            b"EXIF" => changed |= super::strip_exif(data),
            b"XMP " => changed |= super::strip_xmp(data),
            _ => {}
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use crate::sniff::SourceFormat;

    #[test]
    fn exif_and_xmp_chunks() {
        let mut body = b"WEBPVP8X".to_vec();
        body.extend_from_slice(&10u32.to_le_bytes());
        body.extend_from_slice(&[0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        let exif = super::super::sample_exif(7);
        body.extend_from_slice(b"EXIF");
        body.extend_from_slice(&(exif.len() as u32).to_le_bytes());
        body.extend_from_slice(&exif);
        let xmp = br#"<x exif:GPSLongitude="3,1W" />"#;
        body.extend_from_slice(b"XMP ");
        body.extend_from_slice(&(xmp.len() as u32).to_le_bytes());
        body.extend_from_slice(xmp);
        if xmp.len() % 2 == 1 {
            body.push(0);
        }
        let mut webp = b"RIFF".to_vec();
        webp.extend_from_slice(&(body.len() as u32).to_le_bytes());
        webp.extend_from_slice(&body);
        let meta = super::super::read(SourceFormat::WebP, &webp);
        assert_eq!((meta.orientation, meta.has_gps), (7, true));
        let stripped = super::super::strip_location(SourceFormat::WebP, &webp).unwrap_or_default();
        assert_eq!(stripped.len(), webp.len());
        let meta = super::super::read(SourceFormat::WebP, &stripped);
        assert_eq!((meta.orientation, meta.has_gps), (7, false));
    }
}
