//! Bounded random access to the file being measured: the head in memory, the rest by seeking.

use std::io::{Read, Seek, SeekFrom};

use crate::error::AudioError;

/// Anything that can be read and seeked: a `File`, or a `Cursor` in tests.
pub(crate) trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}

/// The file, its length and its first bytes. Every read is bounded by its caller.
pub(crate) struct Input<'a> {
    reader: &'a mut dyn ReadSeek,
    len: u64,
    head: &'a [u8],
    /// Bytes read from the reader so far (for tests and tracing).
    pub(crate) bytes_read: u64,
}

impl<'a> Input<'a> {
    /// An input over `reader` of `len` bytes whose first bytes are `head` (may be empty).
    pub(crate) fn new(reader: &'a mut dyn ReadSeek, len: u64, head: &'a [u8]) -> Self {
        let head = head
            .get(..head.len().min(usize::try_from(len).unwrap_or(usize::MAX)))
            .unwrap_or_default();
        Self {
            reader,
            len,
            head,
            bytes_read: 0,
        }
    }

    /// The file length in bytes.
    pub(crate) fn len(&self) -> u64 {
        self.len
    }

    /// The bytes at `offset..offset + len`, shorter when the file ends first.
    pub(crate) fn read_at(&mut self, offset: u64, len: usize) -> Result<Vec<u8>, AudioError> {
        if offset >= self.len {
            return Ok(Vec::new());
        }
        let avail = usize::try_from(self.len - offset).unwrap_or(usize::MAX);
        let len = len.min(avail);
        if let Ok(start) = usize::try_from(offset) {
            if let Some(end) = start.checked_add(len) {
                if let Some(slice) = self.head.get(start..end) {
                    return Ok(slice.to_vec());
                }
            }
        }
        let mut buf = vec![0u8; len];
        let n = self.fill_at(offset, &mut buf)?;
        buf.truncate(n);
        Ok(buf)
    }

    /// Fills `buf` from `offset`; returns how many bytes were read (less at the end of file).
    pub(crate) fn fill_at(&mut self, offset: u64, buf: &mut [u8]) -> Result<usize, AudioError> {
        if let Ok(start) = usize::try_from(offset) {
            if let Some(end) = start.checked_add(buf.len()) {
                if let Some(slice) = self.head.get(start..end) {
                    buf.copy_from_slice(slice);
                    return Ok(buf.len());
                }
            }
        }
        self.reader.seek(SeekFrom::Start(offset))?;
        let mut filled = 0;
        while filled < buf.len() {
            let n = match self.reader.read(&mut buf[filled..]) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e.into()),
            };
            if n == 0 {
                break;
            }
            filled += n;
        }
        self.bytes_read += filled as u64;
        Ok(filled)
    }
}

/// A sliding window over the file for sequential scans of frame headers (mp3, ADTS, AMR): reads
/// in blocks, never holds more than one block plus a little.
pub(crate) struct Window {
    start: u64,
    buf: Vec<u8>,
}

/// Size of one window block.
const BLOCK: usize = 64 * 1024;

impl Window {
    /// An empty window.
    pub(crate) fn new() -> Self {
        Self {
            start: 0,
            buf: Vec::new(),
        }
    }

    /// The bytes at `offset..offset + len` (`len` at most a few KB), or fewer at the end of file.
    pub(crate) fn get<'w>(
        &'w mut self,
        input: &mut Input<'_>,
        offset: u64,
        len: usize,
    ) -> Result<&'w [u8], AudioError> {
        let inside = offset >= self.start
            && offset.saturating_add(len as u64) <= self.start + self.buf.len() as u64;
        if !inside {
            self.start = offset;
            self.buf = input.read_at(offset, BLOCK.max(len))?;
        }
        let from = usize::try_from(offset - self.start).unwrap_or(usize::MAX);
        let to = from.saturating_add(len).min(self.buf.len());
        Ok(self.buf.get(from..to).unwrap_or_default())
    }
}

/// Big-endian and little-endian readers over a byte slice that never panic.
pub(crate) mod bytes {
    /// `N` bytes at `at`, when present.
    pub(crate) fn arr<const N: usize>(b: &[u8], at: usize) -> Option<[u8; N]> {
        b.get(at..at.checked_add(N)?)?.try_into().ok()
    }
    /// Big-endian u16 at `at`.
    pub(crate) fn be16(b: &[u8], at: usize) -> Option<u16> {
        arr(b, at).map(u16::from_be_bytes)
    }
    /// Big-endian u24 at `at`.
    pub(crate) fn be24(b: &[u8], at: usize) -> Option<u32> {
        arr::<3>(b, at).map(|a| u32::from_be_bytes([0, a[0], a[1], a[2]]))
    }
    /// Big-endian u32 at `at`.
    pub(crate) fn be32(b: &[u8], at: usize) -> Option<u32> {
        arr(b, at).map(u32::from_be_bytes)
    }
    /// Big-endian u64 at `at`.
    pub(crate) fn be64(b: &[u8], at: usize) -> Option<u64> {
        arr(b, at).map(u64::from_be_bytes)
    }
    /// Little-endian u16 at `at`.
    pub(crate) fn le16(b: &[u8], at: usize) -> Option<u16> {
        arr(b, at).map(u16::from_le_bytes)
    }
    /// Little-endian u32 at `at`.
    pub(crate) fn le32(b: &[u8], at: usize) -> Option<u32> {
        arr(b, at).map(u32::from_le_bytes)
    }
    /// Little-endian u64 at `at`.
    pub(crate) fn le64(b: &[u8], at: usize) -> Option<u64> {
        arr(b, at).map(u64::from_le_bytes)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn reads_from_head_and_file_and_stops_at_eof() {
        let data: Vec<u8> = (0..=255u8).cycle().take(200_000).collect();
        let mut cursor = Cursor::new(data.clone());
        let head = data[..100].to_vec();
        let mut input = Input::new(&mut cursor, data.len() as u64, &head);
        assert_eq!(input.read_at(10, 5).unwrap(), &data[10..15]);
        assert_eq!(input.bytes_read, 0);
        assert_eq!(input.read_at(199_990, 50).unwrap(), &data[199_990..]);
        assert!(input.read_at(300_000, 5).unwrap().is_empty());
        let mut w = Window::new();
        assert_eq!(w.get(&mut input, 70_000, 4).unwrap(), &data[70_000..70_004]);
        assert_eq!(w.get(&mut input, 199_998, 4).unwrap(), &data[199_998..]);
    }
}
