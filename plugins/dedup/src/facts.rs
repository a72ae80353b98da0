//! [`DedupFacts`]: what the `dedup` stage reports.

use pipes_media_core::Fact;
use serde::Serialize;

/// How a message matched an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum MatchKind {
    /// The same bytes (SHA-256).
    Exact,
    /// A picture within the configured Hamming distance of an earlier one's.
    Near,
}

/// What the `dedup` stage learnt, reported under `stages.dedup.facts`. `phash`,
/// `duplicateOf`, `match` and `distance` are the report contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DedupFacts {
    /// The perceptual hash of the picture, 16 hex digits (absent when the message has no
    /// picture: a voice note, a document the thumbnail stage did not draw).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phash: Option<String>,
    /// Which picture was hashed: `thumbnail` (the thumbnail stage's) or `media` (the image
    /// itself, when no thumbnail came before).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phash_of: Option<&'static str>,
    /// The picture has too little detail for its hash to mean much (a flat colour, a smooth
    /// gradient): it is matched exactly only.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub low_detail: bool,
    /// The `messageId` of the earlier message this one duplicates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
    /// `exact` or `near`.
    #[serde(rename = "match", skip_serializing_if = "Option::is_none")]
    pub match_kind: Option<MatchKind>,
    /// Hamming distance between the two perceptual hashes (0 for an exact match).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance: Option<u32>,
    /// Entries in the index after this message.
    pub indexed: usize,
}

impl Fact for DedupFacts {}
