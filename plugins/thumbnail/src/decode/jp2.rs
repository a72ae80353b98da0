//! jp2 (not yet).

use super::{DecodeLimits, Decoded};
use crate::error::ThumbnailError;

pub(super) fn decode(_bytes: &[u8], _limits: &DecodeLimits) -> Result<Decoded, ThumbnailError> {
    Err(ThumbnailError::Unsupported("jp2".into()))
}
