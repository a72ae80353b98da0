//! Metadata around the pixels: the orientation a viewer applies (EXIF, else XMP, as Pillow
//! reads them), whether the file carries a GPS position, and a copy of the file with that
//! position removed without touching the pixels.
//!
//! Each container has a module that finds its EXIF and XMP blocks: JPEG APP1 segments, PNG
//! `eXIf`/`iTXt`/`tEXt`/`zTXt` chunks, WebP `EXIF`/`XMP ` chunks, TIFF's own directory and its
//! XMP tag, HEIF/AVIF `Exif` and XMP items. The blocks themselves are read by [`exif`] and
//! [`xmp`], which also remove GPS data in place, so removal keeps every offset of the file valid.

mod exif;
mod heif;
mod jpeg;
mod png;
mod tiff;
mod webp;
mod xmp;

pub(crate) use jpeg::segments as jpeg_segments;

/// The data of the first WebP chunk of type `fourcc` (`ICCP`, `EXIF`…).
pub(crate) fn webp_chunk<'a>(bytes: &'a [u8], fourcc: &[u8; 4]) -> Option<&'a [u8]> {
    webp::chunks(bytes)
        .into_iter()
        .find(|(kind, _)| kind == fourcc)
        .and_then(|(_, range)| bytes.get(range))
}

use crate::sniff::SourceFormat;

/// What the metadata of one file says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Meta {
    /// The orientation (1-8) a viewer applies: EXIF's when it has one, else XMP's, else 1.
    /// HEIC files are turned by their `irot`/`imir` properties instead (libheif and Pillow
    /// ignore EXIF there), so this is 1 for them; AVIF's `irot`/`imir`, when present, override
    /// this (the decoder says so).
    pub orientation: u8,
    /// Whether the file carries a GPS position (an EXIF GPS directory with entries, or XMP
    /// `GPSLatitude`/`GPSLongitude`).
    pub has_gps: bool,
}

/// Reads the metadata of a whole file of `format`. Never fails: what cannot be read is absent.
pub(crate) fn read(format: SourceFormat, bytes: &[u8]) -> Meta {
    let mut found = Found::default();
    match format {
        SourceFormat::Jpeg => jpeg::read(bytes, &mut found),
        SourceFormat::Png => png::read(bytes, &mut found),
        SourceFormat::WebP => webp::read(bytes, &mut found),
        SourceFormat::Tiff => tiff::read(bytes, &mut found),
        SourceFormat::Avif => heif::read(bytes, &mut found),
        SourceFormat::Heic => {
            heif::read(bytes, &mut found);
            found.exif_orientation = None;
            found.xmp_orientation = None;
        }
        _ => {}
    }
    found.finish()
}

/// A copy of `bytes` without its GPS position, or `None` when there is none to remove (or the
/// format is not one whose metadata this module edits).
pub(crate) fn strip_location(format: SourceFormat, bytes: &[u8]) -> Option<Vec<u8>> {
    let mut copy = bytes.to_vec();
    let changed = match format {
        SourceFormat::Jpeg => jpeg::strip(&mut copy),
        SourceFormat::Png => return png::strip(bytes),
        SourceFormat::WebP => webp::strip(&mut copy),
        SourceFormat::Tiff => tiff::strip(&mut copy),
        SourceFormat::Avif | SourceFormat::Heic => heif::strip(&mut copy),
        _ => false,
    };
    changed.then_some(copy)
}

/// What the blocks of one file said, gathered while walking it.
#[derive(Debug, Default)]
struct Found {
    exif_seen: bool,
    exif_orientation: Option<u8>,
    xmp_orientation: Option<u8>,
    has_gps: bool,
}

impl Found {
    /// A TIFF-structured EXIF block. Only the first one counts for orientation (as in Pillow).
    fn exif(&mut self, tiff: &[u8]) {
        let tiff = tiff.strip_prefix(b"Exif\0\0").unwrap_or(tiff);
        if let Some(summary) = exif::summarize(tiff) {
            if !self.exif_seen {
                self.exif_orientation = summary.orientation;
            }
            self.exif_seen = true;
            self.has_gps |= summary.has_gps;
        }
    }

    /// An XMP packet.
    fn xmp(&mut self, packet: &[u8]) {
        if self.xmp_orientation.is_none() {
            self.xmp_orientation = xmp::orientation(packet);
        }
        self.has_gps |= xmp::has_gps(packet);
    }

    fn finish(self) -> Meta {
        Meta {
            orientation: self.exif_orientation.or(self.xmp_orientation).unwrap_or(1),
            has_gps: self.has_gps,
        }
    }
}

/// Removes GPS data from an EXIF block (with or without the `Exif\0\0` prefix) in place.
fn strip_exif(block: &mut [u8]) -> bool {
    let start = if block.starts_with(b"Exif\0\0") { 6 } else { 0 };
    block.get_mut(start..).is_some_and(exif::strip_gps)
}

/// Blanks GPS properties of an XMP packet in place.
fn strip_xmp(packet: &mut [u8]) -> bool {
    xmp::blank_gps(packet)
}

#[cfg(test)]
pub(crate) use exif::sample_exif;
