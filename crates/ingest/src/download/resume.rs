//! Resuming a cut body: what a kept `.part` is a prefix of (`<part>.meta`: the object's strong
//! `ETag` and length), the `Range` request that continues it, and the checks a `206` must pass
//! before its bytes are appended.

use std::io::Read;
use std::path::{Path, PathBuf};

use pipes_media_core::BlobBuilder;
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_LENGTH, CONTENT_RANGE, ETAG};
use serde_json::{json, Value};

/// Largest sidecar read back (ours are about 200 bytes).
const MAX_META: u64 = 4096;
/// Longest `ETag` kept: a longer one is not trusted for resuming.
const MAX_ETAG: usize = 256;
/// Read buffer for re-hashing a kept prefix.
const HASH_BUFFER: usize = 256 * 1024;

/// What a `.part` holds the beginning of: a storage object of `length` bytes with a strong
/// `etag`, fetched for `media`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Validator {
    pub(crate) media: String,
    pub(crate) etag: String,
    pub(crate) length: u64,
}

impl Validator {
    /// The validator of a whole-body (200) response of `length` bytes: only with a strong
    /// `ETag` of printable ASCII (a weak one, `W/"…"`, may not be used with `If-Range`).
    pub(crate) fn of(media: &str, headers: &HeaderMap, length: u64) -> Option<Self> {
        Some(Self {
            media: media.to_owned(),
            etag: strong_etag(headers)?,
            length,
        })
    }

    /// `If-Range`: the server sends the rest only if the object is still this one.
    pub(crate) fn if_range(&self) -> Option<HeaderValue> {
        HeaderValue::from_str(&self.etag).ok()
    }
}

fn strong_etag(headers: &HeaderMap) -> Option<String> {
    let etag = headers.get(ETAG)?.to_str().ok()?.trim();
    let ok = etag.len() >= 2
        && etag.len() <= MAX_ETAG
        && etag.starts_with('"')
        && etag.ends_with('"')
        && etag.bytes().all(|b| b.is_ascii_graphic());
    ok.then(|| etag.to_owned())
}

/// A kept prefix: `offset` bytes of the object `validator` describes.
#[derive(Debug, Clone)]
pub(crate) struct Kept {
    pub(crate) offset: u64,
    pub(crate) validator: Validator,
}

impl Kept {
    /// What `part` keeps for `media`, if it can be resumed: a readable sidecar for the same
    /// media and a prefix shorter than the object. Anything else is removed (`part` and
    /// sidecar), and the download starts over.
    pub(crate) async fn load(part: &Path, media: &str) -> Option<Self> {
        let meta = meta_path(part);
        let read = tokio::fs::File::open(&meta).await.ok()?;
        let mut text = Vec::new();
        let read = tokio::io::AsyncReadExt::read_to_end(
            &mut tokio::io::AsyncReadExt::take(read, MAX_META),
            &mut text,
        )
        .await;
        let validator = read.ok().and_then(|_| parse(&text));
        let offset = tokio::fs::metadata(part).await.map(|m| m.len()).ok();
        match (validator, offset) {
            (Some(validator), Some(offset))
                if validator.media == media && offset > 0 && offset < validator.length =>
            {
                Some(Self { offset, validator })
            }
            _ => {
                discard(part).await;
                None
            }
        }
    }

    /// The `Range` request header for the rest.
    pub(crate) fn range(&self) -> HeaderValue {
        // Digits and ASCII only: always a valid header value.
        HeaderValue::from_str(&format!("bytes={}-", self.offset))
            .unwrap_or_else(|_| HeaderValue::from_static("bytes=0-"))
    }

    /// Whether a 206's headers continue exactly this prefix: `Content-Range` from `offset` to
    /// the object's end, the same total length, the same `ETag`, and a `Content-Length` (if any)
    /// that matches.
    pub(crate) fn continues(&self, headers: &HeaderMap) -> Result<(), Mismatch> {
        let (start, end, total) = headers
            .get(CONTENT_RANGE)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_content_range)
            .ok_or(Mismatch::ContentRange)?;
        if start != self.offset || end.checked_add(1) != Some(total) {
            return Err(Mismatch::ContentRange);
        }
        if total != self.validator.length {
            return Err(Mismatch::Length);
        }
        if strong_etag(headers).as_deref() != Some(self.validator.etag.as_str()) {
            return Err(Mismatch::Etag);
        }
        let length = headers
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.trim().parse::<u64>());
        match length {
            None => Ok(()),
            Some(Ok(n)) if n == total - start => Ok(()),
            Some(_) => Err(Mismatch::ContentRange),
        }
    }

    /// Hashes the kept prefix again (on the blocking pool): the blob's hash is of the whole
    /// file, and the prefix's bytes are only on disk. Reads exactly `offset` bytes.
    pub(crate) async fn rehash(&self, part: &Path) -> std::io::Result<BlobBuilder> {
        let part = part.to_path_buf();
        let offset = self.offset;
        tokio::task::spawn_blocking(move || {
            let file = std::fs::File::open(&part)?;
            let mut reader = file.take(offset);
            let mut builder = BlobBuilder::new();
            let mut buffer = vec![0u8; HASH_BUFFER];
            loop {
                let n = reader.read(&mut buffer)?;
                if n == 0 {
                    break;
                }
                builder.update(&buffer[..n]);
            }
            if builder.len() != offset {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    "the kept prefix shrank while it was read",
                ));
            }
            Ok(builder)
        })
        .await
        .map_err(|e| std::io::Error::other(e.to_string()))?
    }
}

/// Why a 206 does not continue the kept prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mismatch {
    /// Missing or malformed `Content-Range`, or a range other than the one asked for.
    ContentRange,
    /// The object's length changed.
    Length,
    /// The object's `ETag` changed (or went missing).
    Etag,
}

impl Mismatch {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::ContentRange => "range differs",
            Self::Length => "length changed",
            Self::Etag => "ETag changed",
        }
    }
}

/// `bytes START-END/TOTAL` → `(START, END, TOTAL)`; an unknown total (`*`) is `None`.
fn parse_content_range(value: &str) -> Option<(u64, u64, u64)> {
    let rest = value.trim().strip_prefix("bytes ")?;
    let (range, total) = rest.split_once('/')?;
    let (start, end) = range.split_once('-')?;
    let number = |s: &str| {
        let s = s.trim();
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u64>().ok())
            .flatten()
    };
    let (start, end, total) = (number(start)?, number(end)?, number(total)?);
    (start <= end && end < total).then_some((start, end, total))
}

/// The sidecar of `part`: `<part>.meta` (the pipeline removes `<part>.*` with the part).
pub(crate) fn meta_path(part: &Path) -> PathBuf {
    let mut name = part.as_os_str().to_owned();
    name.push(".meta");
    PathBuf::from(name)
}

/// Writes the sidecar for a body about to be written to `part` (atomically: a temporary file
/// renamed over it, so a crash leaves the old sidecar, none, or the new one).
pub(crate) async fn save(part: &Path, validator: &Validator) -> std::io::Result<()> {
    let meta = meta_path(part);
    let mut temp = meta.as_os_str().to_owned();
    temp.push(".tmp");
    let text = json!({
        "media": validator.media,
        "etag": validator.etag,
        "length": validator.length,
    })
    .to_string();
    tokio::fs::write(&temp, text).await?;
    tokio::fs::rename(&temp, &meta).await
}

/// Removes `part` and its sidecar.
pub(crate) async fn discard(part: &Path) {
    let _ = tokio::fs::remove_file(part).await;
    forget(part).await;
}

/// Removes the sidecar only (the part is complete, or about to be rewritten from scratch).
pub(crate) async fn forget(part: &Path) {
    let _ = tokio::fs::remove_file(meta_path(part)).await;
}

/// Whether `part` has a sidecar (so a cut body in it may be resumed).
pub(crate) async fn is_resumable(part: &Path) -> bool {
    tokio::fs::try_exists(meta_path(part))
        .await
        .unwrap_or(false)
}

fn parse(text: &[u8]) -> Option<Validator> {
    let value: Value = serde_json::from_slice(text).ok()?;
    let etag = value.get("etag")?.as_str()?;
    let mut headers = HeaderMap::new();
    headers.insert(ETAG, HeaderValue::from_str(etag).ok()?);
    Some(Validator {
        media: value.get("media")?.as_str()?.to_owned(),
        etag: strong_etag(&headers)?,
        length: value.get("length")?.as_u64()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).expect("ascii"));
        }
        map
    }

    fn kept() -> Kept {
        Kept {
            offset: 100,
            validator: Validator {
                media: "m".into(),
                etag: "\"abc\"".into(),
                length: 1000,
            },
        }
    }

    #[test]
    fn content_ranges_parse_strictly() {
        assert_eq!(
            parse_content_range("bytes 100-999/1000"),
            Some((100, 999, 1000))
        );
        for bad in [
            "bytes 100-999/*",
            "bytes */1000",
            "bytes 100-1000/1000",
            "bytes 200-100/1000",
            "bytes -1-999/1000",
            "bytes 1 00-999/1000",
            "items 100-999/1000",
            "bytes 100-999/99999999999999999999999",
        ] {
            assert_eq!(parse_content_range(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_206_must_continue_exactly_the_kept_prefix() {
        let k = kept();
        let ok = [
            ("content-range", "bytes 100-999/1000"),
            ("etag", "\"abc\""),
            ("content-length", "900"),
        ];
        assert_eq!(k.continues(&headers(&ok)), Ok(()));
        let cases: [(&[(&'static str, &str)], Mismatch); 6] = [
            (
                &[("content-range", "bytes 0-999/1000"), ("etag", "\"abc\"")],
                Mismatch::ContentRange,
            ),
            (
                &[("content-range", "bytes 100-499/1000"), ("etag", "\"abc\"")],
                Mismatch::ContentRange,
            ),
            (
                &[("content-range", "bytes 100-899/900"), ("etag", "\"abc\"")],
                Mismatch::Length,
            ),
            (
                &[("content-range", "bytes 100-999/1000"), ("etag", "\"abd\"")],
                Mismatch::Etag,
            ),
            (
                &[
                    ("content-range", "bytes 100-999/1000"),
                    ("etag", "W/\"abc\""),
                ],
                Mismatch::Etag,
            ),
            (
                &[
                    ("content-range", "bytes 100-999/1000"),
                    ("etag", "\"abc\""),
                    ("content-length", "901"),
                ],
                Mismatch::ContentRange,
            ),
        ];
        for (h, want) in cases {
            assert_eq!(k.continues(&headers(h)), Err(want), "{h:?}");
        }
        assert_eq!(
            k.continues(&headers(&[("etag", "\"abc\"")])),
            Err(Mismatch::ContentRange)
        );
        assert_eq!(k.range(), "bytes=100-");
    }

    #[test]
    fn only_strong_printable_etags_validate() {
        assert!(Validator::of("m", &headers(&[("etag", "\"x-1\"")]), 5).is_some());
        assert!(Validator::of("m", &headers(&[("etag", "W/\"x\"")]), 5).is_none());
        assert!(Validator::of("m", &headers(&[("etag", "x")]), 5).is_none());
        assert!(Validator::of("m", &HeaderMap::new(), 5).is_none());
        let long = format!("\"{}\"", "a".repeat(300));
        assert!(Validator::of("m", &headers(&[("etag", &long)]), 5).is_none());
    }

    #[tokio::test]
    async fn sidecars_round_trip_and_bad_ones_start_over() {
        let dir = tempfile::tempdir().expect("tempdir");
        let part = dir.path().join("msg.part");
        let v = kept().validator;
        tokio::fs::write(&part, vec![7u8; 300])
            .await
            .expect("write");
        save(&part, &v).await.expect("save");
        assert!(is_resumable(&part).await);
        let k = Kept::load(&part, "m").await.expect("resumable");
        assert_eq!((k.offset, &k.validator), (300, &v));
        let builder = k.rehash(&part).await.expect("rehash");
        assert_eq!(builder.len(), 300);

        // Another media's part, a part as long as the object, garbage: all start over.
        assert!(Kept::load(&part, "other").await.is_none());
        assert!(!part.exists() && !meta_path(&part).exists());
        tokio::fs::write(&part, vec![7u8; 1000])
            .await
            .expect("write");
        save(&part, &v).await.expect("save");
        assert!(Kept::load(&part, "m").await.is_none());
        tokio::fs::write(&part, vec![7u8; 10]).await.expect("write");
        tokio::fs::write(meta_path(&part), b"{\"etag\": 5")
            .await
            .expect("write");
        assert!(Kept::load(&part, "m").await.is_none());
        assert!(!part.exists() && !meta_path(&part).exists());
        // No part at all.
        save(&part, &v).await.expect("save");
        assert!(Kept::load(&part, "m").await.is_none());
        assert!(!meta_path(&part).exists());
    }
}
