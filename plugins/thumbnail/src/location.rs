//! Location privacy: a copy of the received file without its GPS position becomes the stored
//! media ([`ThumbnailConfig::strip_location`](crate::ThumbnailConfig::strip_location)).

use std::path::PathBuf;

use pipes_media_core::{Blob, BlobBuilder, Fact};
use serde::Serialize;

use crate::meta;
use crate::sniff::SourceFormat;

/// Reported under `stages.thumbnail.facts` when the stage removed a GPS position: the stored
/// media (the report's `blob`, its `sha256`) is then the stripped copy, and `receivedSha256`
/// names the bytes that arrived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LocationFacts {
    /// Always `true`: the fact is only reported when something was removed.
    pub location_stripped: bool,
    /// SHA-256 (hex) of the file as received, before the GPS data was removed.
    pub received_sha256: String,
}

impl Fact for LocationFacts {}

/// Writes `bytes` without their GPS position to the file `path` names and returns the blob for
/// it, or `None` when the file carries no position this stage can remove (then `path` is not
/// asked for). Blocking.
pub(crate) fn strip_to(
    bytes: &[u8],
    format: SourceFormat,
    path: impl FnOnce() -> PathBuf,
) -> std::io::Result<Option<Blob>> {
    let Some(stripped) = meta::strip_location(format, bytes) else {
        return Ok(None);
    };
    // `path` is `StageContext::scratch_path`, whose directory exists once it returns.
    let path = path();
    std::fs::write(&path, &stripped)?;
    let mut builder = BlobBuilder::new();
    builder.update(&stripped);
    Ok(Some(builder.finish(path, true)))
}
