//! Big-endian and little-endian readers over a byte slice that never panic.

/// `N` bytes at `at`, when present.
pub fn arr<const N: usize>(b: &[u8], at: usize) -> Option<[u8; N]> {
    b.get(at..at.checked_add(N)?)?.try_into().ok()
}
/// Big-endian u16 at `at`.
pub fn be16(b: &[u8], at: usize) -> Option<u16> {
    arr(b, at).map(u16::from_be_bytes)
}
/// Big-endian u24 at `at`.
pub fn be24(b: &[u8], at: usize) -> Option<u32> {
    arr::<3>(b, at).map(|a| u32::from_be_bytes([0, a[0], a[1], a[2]]))
}
/// Big-endian u32 at `at`.
pub fn be32(b: &[u8], at: usize) -> Option<u32> {
    arr(b, at).map(u32::from_be_bytes)
}
/// Big-endian u64 at `at`.
pub fn be64(b: &[u8], at: usize) -> Option<u64> {
    arr(b, at).map(u64::from_be_bytes)
}
/// Little-endian u16 at `at`.
pub fn le16(b: &[u8], at: usize) -> Option<u16> {
    arr(b, at).map(u16::from_le_bytes)
}
/// Little-endian u24 at `at`.
pub fn le24(b: &[u8], at: usize) -> Option<u32> {
    arr::<3>(b, at).map(|a| u32::from_le_bytes([a[0], a[1], a[2], 0]))
}
/// Little-endian u32 at `at`.
pub fn le32(b: &[u8], at: usize) -> Option<u32> {
    arr(b, at).map(u32::from_le_bytes)
}
/// Little-endian u64 at `at`.
pub fn le64(b: &[u8], at: usize) -> Option<u64> {
    arr(b, at).map(u64::from_le_bytes)
}

/// Whether `buf` holds `magic` at `at`.
pub fn has_at(buf: &[u8], at: usize, magic: &[u8]) -> bool {
    at.checked_add(magic.len())
        .and_then(|end| buf.get(at..end))
        .is_some_and(|b| b == magic)
}

/// A big-endian bit reader over a byte slice (AAC configs, AC-3 and MPEG headers).
#[derive(Debug, Clone)]
pub struct Bits<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Bits<'a> {
    /// A reader at the first bit of `b`.
    pub fn new(b: &'a [u8]) -> Self {
        Self { b, pos: 0 }
    }

    /// The next `n` bits (at most 32), or `None` past the end.
    pub fn take(&mut self, n: usize) -> Option<u32> {
        let mut v = 0u32;
        for _ in 0..n.min(32) {
            let byte = *self.b.get(self.pos / 8)?;
            v = (v << 1) | u32::from((byte >> (7 - self.pos % 8)) & 1);
            self.pos += 1;
        }
        Some(v)
    }

    /// Skips `n` bits.
    pub fn skip(&mut self, n: usize) {
        self.pos = self.pos.saturating_add(n);
    }

    /// The bit position.
    pub fn position(&self) -> usize {
        self.pos
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_are_bounds_checked() {
        assert_eq!(be32(b"\0\0\0\x05", 0), Some(5));
        assert_eq!(be32(b"\0\0\0", 0), None);
        assert_eq!(le16(b"\x01\x02", 1), None);
        assert_eq!(be64(b"", usize::MAX), None);
        assert_eq!(le24(b"\x01\x02\x03", 0), Some(0x030201));
        assert!(has_at(b"abcd", 1, b"bc"));
        assert!(!has_at(b"abcd", usize::MAX, b"bc"));
        let mut bits = Bits::new(&[0b1010_0000, 0xFF]);
        assert_eq!(bits.take(3), Some(0b101));
        assert_eq!(bits.take(13), Some(0xFF));
        assert_eq!(bits.take(1), None);
    }
}
