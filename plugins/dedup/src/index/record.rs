//! The index file: an 8-byte header, then one record per message, appended with one `write`:
//!
//! ```text
//! header: "PMDEDUP" 0x01
//! record: len u16 LE (bytes after this field) | crc32 u32 LE (of the bytes after it)
//!         | sha256 [32] | phash u64 LE | flags u8 (bit 0: has a phash) | message id (UTF-8)
//! ```
//!
//! A record cut short by a crash, or whose checksum fails, ends the readable part: it and
//! anything after it are dropped (and cut off the file when this process next writes).

/// The file header.
pub(crate) const MAGIC: &[u8; 8] = b"PMDEDUP\x01";
/// Bytes of a record before the message id, after the length.
const FIXED: usize = 4 + 32 + 8 + 1;
/// Longest message id indexed (a longer one is not indexed: ids from the wire are hostile).
pub(crate) const MAX_ID: usize = u16::MAX as usize - FIXED;

/// One message in the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub sha256: [u8; 32],
    pub phash: Option<u64>,
    pub message_id: Box<str>,
}

impl Entry {
    /// The record bytes, length field first; `None` for an id over [`MAX_ID`].
    pub(crate) fn encode(&self) -> Option<Vec<u8>> {
        let id = self.message_id.as_bytes();
        if id.len() > MAX_ID {
            return None;
        }
        let mut body = Vec::with_capacity(FIXED - 4 + id.len());
        body.extend_from_slice(&self.sha256);
        body.extend_from_slice(&self.phash.unwrap_or(0).to_le_bytes());
        body.push(u8::from(self.phash.is_some()));
        body.extend_from_slice(id);
        let crc = crc32fast::hash(&body);
        let mut out = Vec::with_capacity(2 + 4 + body.len());
        out.extend_from_slice(&((body.len() + 4) as u16).to_le_bytes());
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&body);
        Some(out)
    }
}

/// Reads the records in `data` (the bytes after the header). Returns them and how many bytes
/// they took: reading stops at the first record that is cut short or fails its checksum.
pub(crate) fn decode_all(data: &[u8]) -> (Vec<Entry>, usize) {
    let mut out = Vec::new();
    let mut pos = 0usize;
    while let Some((entry, len)) = decode_one(&data[pos..]) {
        out.push(entry);
        pos += len;
    }
    (out, pos)
}

fn decode_one(data: &[u8]) -> Option<(Entry, usize)> {
    let len = usize::from(u16::from_le_bytes(data.get(0..2)?.try_into().ok()?));
    if len < FIXED {
        return None;
    }
    let record = data.get(2..2 + len)?;
    let crc = u32::from_le_bytes(record[0..4].try_into().ok()?);
    let body = &record[4..];
    if crc32fast::hash(body) != crc {
        return None;
    }
    let sha256: [u8; 32] = body[0..32].try_into().ok()?;
    let bits = u64::from_le_bytes(body[32..40].try_into().ok()?);
    let has_phash = body[40] & 1 != 0;
    let message_id = std::str::from_utf8(&body[41..]).ok()?.into();
    Some((
        Entry {
            sha256,
            phash: has_phash.then_some(bits),
            message_id,
        },
        2 + len,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_and_a_torn_tail_is_dropped() {
        let a = Entry {
            sha256: [1; 32],
            phash: Some(0xdead_beef),
            message_id: "msg_a".into(),
        };
        let b = Entry {
            sha256: [2; 32],
            phash: None,
            message_id: "msg_ü".into(),
        };
        let mut data = a.encode().unwrap_or_default();
        data.extend(b.encode().unwrap_or_default());
        let whole = data.len();
        let (entries, used) = decode_all(&data);
        assert_eq!(entries, [a.clone(), b.clone()]);
        assert_eq!(used, whole);
        // Cut inside the second record: only the first survives.
        let (entries, used) = decode_all(&data[..whole - 3]);
        assert_eq!(entries, std::slice::from_ref(&a));
        assert!(used < whole - 3);
        // A flipped bit fails the checksum.
        let mut bad = data.clone();
        bad[10] ^= 1;
        assert!(decode_all(&bad).0.is_empty());
        let long = Entry {
            message_id: "x".repeat(MAX_ID + 1).into(),
            ..a
        };
        assert!(long.encode().is_none());
    }
}
