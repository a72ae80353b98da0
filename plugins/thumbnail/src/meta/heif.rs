//! HEIF/AVIF metadata items: `Exif` (a 4-byte offset, then the TIFF block) and XMP (`mime`
//! items of type `application/rdf+xml`). Items stored in one extent are edited in place.

use super::Found;
use crate::isobmff::Heif;

/// Most bytes of one metadata item.
const MAX_ITEM: usize = 16 << 20;

/// The metadata items: (is EXIF, the item's single extent in the file).
fn items(heif: &Heif) -> Vec<(bool, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    for (id, info) in &heif.items {
        let exif = &info.kind == b"Exif";
        let xmp = &info.kind == b"mime" && info.content_type == b"application/rdf+xml";
        if !(exif || xmp) {
            continue;
        }
        if let [range] = heif.extents(*id) {
            out.push((exif, range.clone()));
        }
    }
    out.sort_by_key(|(_, r)| r.start);
    out
}

/// Where the TIFF block starts in an `Exif` item's data.
fn tiff_start(item: &[u8]) -> Option<usize> {
    let offset = crate::isobmff::be32(item, 0)? as usize;
    4usize.checked_add(offset).filter(|&s| s < item.len())
}

pub(super) fn read(data: &[u8], found: &mut Found) {
    let Some(heif) = Heif::parse(data) else {
        return;
    };
    for (exif, range) in items(&heif) {
        let Some(item) = data.get(range).filter(|i| i.len() <= MAX_ITEM) else {
            continue;
        };
        if exif {
            if let Some(start) = tiff_start(item) {
                found.exif(&item[start..]);
            }
        } else {
            found.xmp(item);
        }
    }
}

pub(super) fn strip(data: &mut [u8]) -> bool {
    let Some(heif) = Heif::parse(data) else {
        return false;
    };
    let mut changed = false;
    for (exif, range) in items(&heif) {
        let Some(item) = data.get_mut(range) else {
            continue;
        };
        if exif {
            if let Some(start) = tiff_start(item) {
                changed |= super::strip_exif(&mut item[start..]);
            }
        } else {
            changed |= super::strip_xmp(item);
        }
    }
    changed
}
