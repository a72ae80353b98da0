//! WebP.

use super::{generic, Decoded, Request};
use crate::error::ThumbnailError;
use crate::sniff::SourceFormat;

pub(super) fn decode(bytes: &[u8], request: &Request<'_>) -> Result<Decoded, ThumbnailError> {
    generic::decode(bytes, SourceFormat::WebP, request.limits)
}
