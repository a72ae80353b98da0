//! The first image file directory of a TIFF or BigTIFF file, its values read into memory.

use std::collections::HashMap;

use crate::error::ThumbnailError;

/// Most entries read from the directory, and most values of one entry (a strip table of a
/// 100-megapixel one-row-per-strip file has 100 000; colour maps have 3 x 65536).
const MAX_ENTRIES: u64 = 4096;
const MAX_VALUES: u64 = 1 << 22;

/// The tags of one directory: numbers as `u64` (signed and floating values as their bits are
/// not needed by the decoder, except the rationals of `YCbCrCoefficients` and
/// `ReferenceBlackWhite`, kept as `f64`), plus the raw bytes of byte/undefined tags.
#[derive(Debug, Default)]
pub(super) struct Ifd {
    values: HashMap<u16, Vec<u64>>,
    reals: HashMap<u16, Vec<f64>>,
    bytes: HashMap<u16, Vec<u8>>,
    pub big_endian: bool,
}

impl Ifd {
    /// Parses the header and the first directory of `data`.
    pub(super) fn first(data: &[u8]) -> Result<Self, ThumbnailError> {
        let invalid = |what: &str| ThumbnailError::Invalid(format!("TIFF: {what}"));
        let big_endian = match data.get(..2) {
            Some(b"II") => false,
            Some(b"MM") => true,
            _ => return Err(invalid("no byte-order mark")),
        };
        let r = Reader { data, big_endian };
        let magic = r.u16(2).ok_or_else(|| truncated("header"))?;
        let big = match magic {
            42 => false,
            43 => true,
            _ => return Err(invalid("not a TIFF magic number")),
        };
        let (ifd_at, count, count_len, entry_len) = if big {
            let at = r.u64(8).ok_or_else(|| truncated("header"))?;
            let n = r.u64(usize::try_from(at).unwrap_or(usize::MAX));
            (at, n, 8u64, 20u64)
        } else {
            let at = u64::from(r.u32(4).ok_or_else(|| truncated("header"))?);
            let n = r.u16(at as usize).map(u64::from);
            (at, n, 2, 12)
        };
        let count = count.ok_or_else(|| truncated("directory"))?;
        if count == 0 || count > MAX_ENTRIES {
            return Err(invalid(&format!("{count} directory entries")));
        }
        let mut ifd = Ifd {
            big_endian,
            ..Ifd::default()
        };
        for i in 0..count {
            let at = usize::try_from(ifd_at + count_len + i * entry_len)
                .map_err(|_| invalid("directory offset"))?;
            let (Some(tag), Some(kind)) = (r.u16(at), r.u16(at + 2)) else {
                return Err(truncated("directory entry"));
            };
            let n = if big {
                r.u64(at + 4)
            } else {
                r.u32(at + 4).map(u64::from)
            }
            .ok_or_else(|| truncated("directory entry"))?;
            let Some(size) = type_size(kind) else {
                continue; // unknown type: skip, as libtiff does
            };
            if n > MAX_VALUES {
                return Err(invalid(&format!("tag {tag} has {n} values")));
            }
            let total = size * n;
            let inline = if big { 8 } else { 4 };
            let field = at + if big { 12 } else { 8 };
            let value_at = if total <= inline {
                field
            } else if big {
                r.u64(field)
                    .and_then(|v| usize::try_from(v).ok())
                    .ok_or_else(|| truncated("tag value"))?
            } else {
                r.u32(field).ok_or_else(|| truncated("tag value"))? as usize
            };
            let len = usize::try_from(total).map_err(|_| invalid("tag size"))?;
            let Some(raw) = value_at
                .checked_add(len)
                .and_then(|end| data.get(value_at..end))
            else {
                // A value outside the file: libtiff ignores such tags with a warning.
                continue;
            };
            ifd.store(tag, kind, n as usize, raw, &r);
        }
        Ok(ifd)
    }

    fn store(&mut self, tag: u16, kind: u16, n: usize, raw: &[u8], r: &Reader<'_>) {
        if self.values.contains_key(&tag) || self.reals.contains_key(&tag) {
            return; // a duplicate tag: the first one counts, as in libtiff
        }
        let rr = Reader {
            data: raw,
            big_endian: r.big_endian,
        };
        match kind {
            1 | 2 | 6 | 7 => {
                self.bytes.insert(tag, raw.to_vec());
                self.values
                    .insert(tag, raw.iter().map(|&b| u64::from(b)).collect());
            }
            3 | 8 => {
                let v = (0..n)
                    .filter_map(|i| rr.u16(i * 2))
                    .map(u64::from)
                    .collect();
                self.values.insert(tag, v);
            }
            4 | 9 | 13 => {
                let v = (0..n)
                    .filter_map(|i| rr.u32(i * 4))
                    .map(u64::from)
                    .collect();
                self.values.insert(tag, v);
            }
            16..=18 => {
                let v = (0..n).filter_map(|i| rr.u64(i * 8)).collect();
                self.values.insert(tag, v);
            }
            5 | 10 => {
                let v: Vec<f64> = (0..n)
                    .filter_map(|i| {
                        let (num, den) = (rr.u32(i * 8)?, rr.u32(i * 8 + 4)?);
                        let (num, den) = if kind == 10 {
                            (f64::from(num as i32), f64::from(den as i32))
                        } else {
                            (f64::from(num), f64::from(den))
                        };
                        Some(if den == 0.0 { 0.0 } else { num / den })
                    })
                    .collect();
                self.reals.insert(tag, v);
            }
            _ => {}
        }
    }

    /// All values of `tag`.
    pub(super) fn all(&self, tag: u16) -> Option<&[u64]> {
        self.values.get(&tag).map(Vec::as_slice)
    }

    /// The first value of `tag`.
    pub(super) fn get(&self, tag: u16) -> Option<u64> {
        self.values.get(&tag).and_then(|v| v.first().copied())
    }

    /// The rationals of `tag`.
    pub(super) fn reals(&self, tag: u16) -> Option<&[f64]> {
        self.reals.get(&tag).map(Vec::as_slice)
    }

    /// The raw bytes of a byte or undefined `tag` (JPEG tables, ICC profile).
    pub(super) fn bytes(&self, tag: u16) -> Option<&[u8]> {
        self.bytes.get(&tag).map(Vec::as_slice)
    }
}

pub(super) fn truncated(what: &str) -> ThumbnailError {
    ThumbnailError::Truncated(format!("TIFF {what} lies past the end of the file"))
}

fn type_size(kind: u16) -> Option<u64> {
    Some(match kind {
        1 | 2 | 6 | 7 => 1,
        3 | 8 => 2,
        4 | 9 | 11 | 13 => 4,
        5 | 10 | 12 | 16 | 17 | 18 => 8,
        _ => return None,
    })
}

/// Reads integers of either byte order.
pub(super) struct Reader<'a> {
    pub data: &'a [u8],
    pub big_endian: bool,
}

impl Reader<'_> {
    pub(super) fn u16(&self, at: usize) -> Option<u16> {
        let b: [u8; 2] = self.data.get(at..at.checked_add(2)?)?.try_into().ok()?;
        Some(if self.big_endian {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    }

    pub(super) fn u32(&self, at: usize) -> Option<u32> {
        let b: [u8; 4] = self.data.get(at..at.checked_add(4)?)?.try_into().ok()?;
        Some(if self.big_endian {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    }

    pub(super) fn u64(&self, at: usize) -> Option<u64> {
        let b: [u8; 8] = self.data.get(at..at.checked_add(8)?)?.try_into().ok()?;
        Some(if self.big_endian {
            u64::from_be_bytes(b)
        } else {
            u64::from_le_bytes(b)
        })
    }
}
