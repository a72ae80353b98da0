//! Bounded random access to a blob: its in-memory head, then at most a few reads of the file.

use std::io::{Read, Seek, SeekFrom};

/// Most extra reads of the file one sniff may do.
pub(crate) const MAX_READS: u32 = 16;
/// Most bytes one extra read may return.
pub(crate) const MAX_READ_LEN: usize = 1024 * 1024;
/// How much of the head the sniffers scan: a caller handing over a larger head (or a whole
/// file in memory) does not make sniffing cost more.
pub(crate) const MAX_HEAD: usize = 64 * 1024;
/// How much a read that misses both the head and the window fetches at least.
const WINDOW_LEN: usize = 64 * 1024;

/// A file to read past the head: anything readable and seekable.
pub(crate) trait ReadSeek: Read + Seek {}
impl<T: Read + Seek + ?Sized> ReadSeek for T {}

/// The head of a blob plus, optionally, the file, read through a small budget of reads.
///
/// Every read is best-effort: errors and short files give fewer bytes, never a failure, so a
/// sniffer works on what it could get.
pub(crate) struct Source<'a> {
    head: &'a [u8],
    file: Option<&'a mut dyn ReadSeek>,
    len: u64,
    reads_left: u32,
    window_at: u64,
    window: Vec<u8>,
}

impl<'a> Source<'a> {
    /// A source over `head` (the first bytes of the file) and the whole `file` when given.
    pub(crate) fn new(head: &'a [u8], file: Option<&'a mut dyn ReadSeek>) -> Self {
        let mut len = head.len() as u64;
        let mut file = file;
        if let Some(f) = file.as_deref_mut() {
            match f.seek(SeekFrom::End(0)) {
                Ok(n) => len = n.max(len),
                Err(error) => {
                    tracing::debug!(%error, "cannot seek the blob; sniffing its head only");
                    file = None;
                }
            }
        }
        Self {
            head,
            file,
            len,
            reads_left: MAX_READS,
            window_at: 0,
            window: Vec::new(),
        }
    }

    /// The in-memory head, at most [`MAX_HEAD`] bytes of it (reads reach the rest).
    pub(crate) fn head(&self) -> &'a [u8] {
        let head: &'a [u8] = self.head;
        head.get(..MAX_HEAD).unwrap_or(head)
    }

    /// The file's length (the head's when no file was given).
    pub(crate) fn len(&self) -> u64 {
        self.len
    }

    /// Whether [`Source::head`] holds the whole file.
    pub(crate) fn head_is_whole(&self) -> bool {
        self.head().len() as u64 >= self.len
    }

    /// Extra reads done so far.
    #[cfg(test)]
    pub(crate) fn reads_done(&self) -> u32 {
        MAX_READS - self.reads_left
    }

    /// Up to `len` bytes at `offset` (fewer at the end of the file, or when the read budget is
    /// spent and the bytes are not in memory).
    pub(crate) fn read_at(&mut self, offset: u64, len: usize) -> Vec<u8> {
        let len = len.min(MAX_READ_LEN);
        let end = offset.saturating_add(len as u64).min(self.len);
        if offset >= end {
            return Vec::new();
        }
        let want = (end - offset) as usize;
        if let Some(bytes) = slice_at(self.head, 0, offset, want) {
            return bytes.to_vec();
        }
        if let Some(bytes) = slice_at(&self.window, self.window_at, offset, want) {
            return bytes.to_vec();
        }
        let Some(file) = self.file.as_deref_mut() else {
            // Without the file, give what the head has.
            return usize::try_from(offset)
                .ok()
                .and_then(|start| self.head.get(start..))
                .map(|rest| rest[..rest.len().min(want)].to_vec())
                .unwrap_or_default();
        };
        if self.reads_left == 0 {
            tracing::debug!(offset, "sniff read budget spent");
            return Vec::new();
        }
        self.reads_left -= 1;
        let fetch = want.clamp(WINDOW_LEN, MAX_READ_LEN);
        let mut buf = Vec::with_capacity(fetch);
        let read = file
            .seek(SeekFrom::Start(offset))
            .and_then(|_| file.take(fetch as u64).read_to_end(&mut buf));
        if let Err(error) = read {
            tracing::debug!(%error, offset, "sniff read failed");
            buf.clear();
        }
        let out = buf[..buf.len().min(want)].to_vec();
        self.window_at = offset;
        self.window = buf;
        out
    }
}

/// `want` bytes at absolute `offset` from `buf`, which starts at absolute `base`, when it holds
/// all of them.
fn slice_at(buf: &[u8], base: u64, offset: u64, want: usize) -> Option<&[u8]> {
    let start = usize::try_from(offset.checked_sub(base)?).ok()?;
    buf.get(start..start.checked_add(want)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn reads_come_from_head_then_file_within_budget() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut file = Cursor::new(data.clone());
        let mut src = Source::new(&data[..1000], Some(&mut file));
        assert_eq!(src.len(), 200_000);
        assert_eq!(src.read_at(10, 5), data[10..15].to_vec());
        assert_eq!(src.reads_done(), 0);
        assert_eq!(src.read_at(150_000, 8), data[150_000..150_008].to_vec());
        assert_eq!(src.read_at(150_100, 8), data[150_100..150_108].to_vec());
        assert_eq!(src.reads_done(), 1);
        assert_eq!(src.read_at(199_998, 10), data[199_998..].to_vec());
        assert!(src.read_at(300_000, 10).is_empty());
        for i in 0..100u64 {
            let _ = src.read_at(if i % 2 == 0 { 2000 } else { 180_000 }, 4);
        }
        assert_eq!(src.reads_done(), MAX_READS);
    }

    #[test]
    fn a_large_head_is_scanned_up_to_max_head_and_read_beyond() {
        let data = vec![7u8; MAX_HEAD * 3];
        let mut src = Source::new(&data, None);
        assert_eq!(src.head().len(), MAX_HEAD);
        assert!(!src.head_is_whole());
        assert_eq!(src.read_at(MAX_HEAD as u64 * 2, 4), vec![7u8; 4]);
    }

    #[test]
    fn without_file_reads_are_limited_to_head() {
        let head = b"0123456789";
        let mut src = Source::new(head, None);
        assert_eq!(src.read_at(8, 10), b"89".to_vec());
        assert!(src.read_at(20, 1).is_empty());
        assert!(src.head_is_whole());
    }
}
