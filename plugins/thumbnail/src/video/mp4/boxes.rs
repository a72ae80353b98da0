//! ISO BMFF boxes: headers, the children of a box held in memory, and a bounds-checked reader
//! for box payloads. Every length comes from the file, so every read is checked against what is
//! really there; nothing is allocated from a declared count.

use crate::video::error::VideoError;

/// A four-character box type (`moov`, `trak`…).
pub(crate) type FourCc = [u8; 4];

/// One box inside a buffer: its type and payload (the bytes after the header).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mp4Box<'a> {
    pub kind: FourCc,
    pub payload: &'a [u8],
}

/// The header of a box: type, header length and total size (`None`: runs to the end of the
/// enclosing space, size field 0).
#[derive(Debug, Clone, Copy)]
pub(crate) struct BoxHeader {
    pub kind: FourCc,
    pub header_len: u64,
    pub size: Option<u64>,
}

impl BoxHeader {
    /// Parses a header from the first 8 or 16 bytes of `bytes`; `None` when too short.
    pub(crate) fn parse(bytes: &[u8]) -> Option<Self> {
        let size32 = u32::from_be_bytes(bytes.get(0..4)?.try_into().ok()?);
        let kind: FourCc = bytes.get(4..8)?.try_into().ok()?;
        match size32 {
            0 => Some(Self {
                kind,
                header_len: 8,
                size: None,
            }),
            1 => {
                let size = u64::from_be_bytes(bytes.get(8..16)?.try_into().ok()?);
                Some(Self {
                    kind,
                    header_len: 16,
                    size: Some(size),
                })
            }
            n => Some(Self {
                kind,
                header_len: 8,
                size: Some(u64::from(n)),
            }),
        }
    }
}

/// The boxes directly inside `data` (a box payload), in order. A box whose size runs past the
/// end of `data` is cut at the end; a size smaller than its header ends the walk.
pub(crate) fn children(data: &[u8]) -> Children<'_> {
    Children { data, pos: 0 }
}

/// Iterator over the boxes of a buffer; see [`children`].
pub(crate) struct Children<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Iterator for Children<'a> {
    type Item = Mp4Box<'a>;

    fn next(&mut self) -> Option<Mp4Box<'a>> {
        let rest = self.data.get(self.pos..)?;
        let header = BoxHeader::parse(rest)?;
        let header_len = header.header_len as usize;
        let size = match header.size {
            None => rest.len(),
            Some(s) if s < header.header_len => {
                self.pos = self.data.len();
                return None;
            }
            Some(s) => usize::try_from(s).unwrap_or(usize::MAX).min(rest.len()),
        };
        let payload = rest.get(header_len..size.max(header_len))?;
        self.pos += size.max(header_len);
        Some(Mp4Box {
            kind: header.kind,
            payload,
        })
    }
}

/// The first child of `data` of type `kind`.
pub(crate) fn child<'a>(data: &'a [u8], kind: &FourCc) -> Option<&'a [u8]> {
    children(data).find(|b| &b.kind == kind).map(|b| b.payload)
}

/// The box at the end of a path of types, each inside the one before (`["mdia", "minf"]`).
pub(crate) fn path<'a>(data: &'a [u8], kinds: &[&FourCc]) -> Option<&'a [u8]> {
    kinds.iter().try_fold(data, |d, kind| child(d, kind))
}

/// A cursor over a box payload whose reads fail with a typed error instead of panicking.
pub(crate) struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    what: &'static str,
}

impl<'a> Reader<'a> {
    /// A reader over `data`, the payload of the box named `what` (used in error messages).
    pub(crate) fn new(data: &'a [u8], what: &'static str) -> Self {
        Self { data, pos: 0, what }
    }

    /// The bytes left.
    pub(crate) fn remaining(&self) -> usize {
        self.data.len().saturating_sub(self.pos)
    }

    /// The next `n` bytes.
    pub(crate) fn bytes(&mut self, n: usize) -> Result<&'a [u8], VideoError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len());
        let Some(end) = end else {
            return Err(VideoError::Invalid(format!(
                "the {} box is shorter than its fields",
                self.what
            )));
        };
        let out = &self.data[self.pos..end];
        self.pos = end;
        Ok(out)
    }

    /// Skips `n` bytes.
    pub(crate) fn skip(&mut self, n: usize) -> Result<(), VideoError> {
        self.bytes(n).map(|_| ())
    }

    pub(crate) fn u8(&mut self) -> Result<u8, VideoError> {
        Ok(self.bytes(1)?[0])
    }

    pub(crate) fn u16(&mut self) -> Result<u16, VideoError> {
        let b = self.bytes(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    pub(crate) fn u32(&mut self) -> Result<u32, VideoError> {
        let b = self.bytes(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub(crate) fn i32(&mut self) -> Result<i32, VideoError> {
        Ok(self.u32()? as i32)
    }

    pub(crate) fn u64(&mut self) -> Result<u64, VideoError> {
        let b = self.bytes(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_be_bytes(a))
    }

    pub(crate) fn i64(&mut self) -> Result<i64, VideoError> {
        Ok(self.u64()? as i64)
    }

    /// The version and flags of a full box.
    pub(crate) fn full_box(&mut self) -> Result<(u8, u32), VideoError> {
        let v = self.u32()?;
        Ok(((v >> 24) as u8, v & 0x00FF_FFFF))
    }

    /// A table's entry count, clamped to what the rest of the box can hold at `entry_len`
    /// bytes an entry (a lying count never makes a loop or an allocation larger than the box).
    pub(crate) fn count(&mut self, entry_len: usize) -> Result<usize, VideoError> {
        let declared = self.u32()? as usize;
        Ok(declared.min(self.remaining() / entry_len.max(1)))
    }
}

/// A four-character code as text, for messages (`avc1`, or hex when not printable).
pub(crate) fn fourcc_text(kind: &FourCc) -> String {
    if kind.iter().all(|b| b.is_ascii_graphic() || *b == b' ') {
        kind.iter().map(|&b| b as char).collect()
    } else {
        format!("0x{:08x}", u32::from_be_bytes(*kind))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn boxed(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
        let mut out = ((payload.len() + 8) as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(payload);
        out
    }

    #[test]
    fn walks_children_and_survives_lying_sizes() {
        let mut data = boxed(b"mvhd", &[1, 2, 3]);
        data.extend(boxed(b"trak", &boxed(b"tkhd", &[9; 4])));
        let kinds: Vec<_> = children(&data).map(|b| b.kind).collect();
        assert_eq!(kinds, [*b"mvhd", *b"trak"]);
        assert_eq!(path(&data, &[b"trak", b"tkhd"]), Some(&[9u8; 4][..]));
        // A size past the end is cut; a size below the header ends the walk.
        let mut long = boxed(b"free", &[0; 4]);
        long[3] = 200;
        assert_eq!(children(&long).next().map(|b| b.payload.len()), Some(4));
        let mut short = boxed(b"free", &[0; 4]);
        short[3] = 3;
        assert!(children(&short).next().is_none());
        // 64-bit size.
        let mut large = vec![0, 0, 0, 1];
        large.extend_from_slice(b"mdat");
        large.extend_from_slice(&20u64.to_be_bytes());
        large.extend_from_slice(&[7; 4]);
        assert_eq!(child(&large, b"mdat"), Some(&[7u8; 4][..]));
    }

    #[test]
    fn reader_fails_instead_of_panicking() {
        let mut r = Reader::new(&[0, 0, 0, 5, 1, 2], "stss");
        assert_eq!(r.count(4).unwrap(), 0);
        assert!(r.u32().is_err());
        assert_eq!(fourcc_text(b"avc1"), "avc1");
        assert_eq!(fourcc_text(&[0, 1, 2, 3]), "0x00010203");
    }
}
