//! BMP through the `image` crate, after checking the file header's pixel-data offset
//! (`bfOffBits`) against the headers and palette: files with a gap between the palette and the
//! pixels (allowed, and written by some tools) must be read from `bfOffBits`.

use super::{generic, DecodeLimits, Decoded};
use crate::error::ThumbnailError;

pub(super) fn decode(bytes: &[u8], limits: &DecodeLimits) -> Result<Decoded, ThumbnailError> {
    if let Some((width, height)) =
        crate::sniff::header_dimensions(crate::sniff::SourceFormat::Bmp, bytes)
    {
        limits.check(width, height)?;
    }
    generic::decode_as(bytes, image::ImageFormat::Bmp, limits)
}
