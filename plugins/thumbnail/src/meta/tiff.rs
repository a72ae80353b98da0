//! A TIFF file's own metadata: IFD0's orientation and GPS directory, and its XMP tag (700).

use super::Found;

/// The XMP packet tag of IFD0: the range of its bytes.
fn xmp_range(tiff: &[u8]) -> Option<std::ops::Range<usize>> {
    super::exif::tag_bytes(tiff, 700)
}

pub(super) fn read(tiff: &[u8], found: &mut Found) {
    found.exif(tiff);
    if let Some(range) = xmp_range(tiff) {
        found.xmp(&tiff[range]);
    }
}

pub(super) fn strip(tiff: &mut [u8]) -> bool {
    let mut changed = super::exif::strip_gps(tiff);
    if let Some(range) = xmp_range(tiff) {
        if let Some(packet) = tiff.get_mut(range) {
            changed |= super::strip_xmp(packet);
        }
    }
    changed
}
