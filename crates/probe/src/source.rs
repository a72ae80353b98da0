//! [`Source`]: bounded random access to a blob, its in-memory head first, then a budget of
//! seeks and reads of the file.

use std::io::{Read, Seek, SeekFrom};

use crate::error::ProbeError;

/// Anything that can be read and seeked: a `File`, or a `Cursor` in tests.
pub trait ReadSeek: Read + Seek {}
impl<T: Read + Seek + ?Sized> ReadSeek for T {}

/// How much a [`Source`] may read past the head.
///
/// ```
/// use pipes_media_probe::Budget;
/// assert_eq!(Budget::SNIFF.reads, 16);
/// assert_eq!(Budget::MEASURE.reads, u32::MAX);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Budget {
    /// Most reads of the file (a read served from the head or the cached window is free).
    pub reads: u32,
    /// Most bytes one read returns.
    pub max_read: usize,
    /// A read that misses the head and the window fetches at least this much and keeps it as
    /// the window (0: fetch exactly what is asked, keep nothing).
    pub min_fetch: usize,
    /// How much of the head [`Source::head`] shows (a caller handing over a whole file in
    /// memory does not make a sniffer scan more).
    pub max_head: usize,
}

impl Budget {
    /// For sniffing: 16 reads of at most 1 MiB, each fetching at least 64 KiB, a 64 KiB head.
    pub const SNIFF: Budget = Budget {
        reads: 16,
        max_read: 1024 * 1024,
        min_fetch: 64 * 1024,
        max_head: 64 * 1024,
    };
    /// For measuring: reads as the parsers need them (each parser bounds its own reads).
    pub const MEASURE: Budget = Budget {
        reads: u32::MAX,
        max_read: usize::MAX,
        min_fetch: 0,
        max_head: usize::MAX,
    };
}

/// The head of a blob plus, optionally, the file, read through a [`Budget`].
///
/// [`Source::read_at`] gives typed errors (for measuring); [`Source::read_lossy`] gives what it
/// could get and never fails (for sniffing, which works on what is there).
///
/// ```
/// use pipes_media_probe::{Budget, Source};
/// use std::io::Cursor;
///
/// let data: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
/// let mut file = Cursor::new(data.clone());
/// let mut src = Source::sniffing(&data[..100], Some(&mut file));
/// assert_eq!(src.len(), 100_000);
/// assert_eq!(src.read_lossy(90_000, 4), &data[90_000..90_004]);
/// assert_eq!(src.reads_done(), 1);
/// ```
pub struct Source<'a> {
    head: &'a [u8],
    file: Option<&'a mut dyn ReadSeek>,
    len: u64,
    budget: Budget,
    reads_done: u32,
    window_at: u64,
    window: Vec<u8>,
    bytes_read: u64,
}

impl std::fmt::Debug for Source<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source")
            .field("len", &self.len)
            .field("head", &self.head.len())
            .field("budget", &self.budget)
            .field("reads_done", &self.reads_done)
            .finish()
    }
}

impl<'a> Source<'a> {
    /// A source for measuring `len` bytes of `file` whose first bytes are `head` (may be empty
    /// or partial; it saves reads).
    pub fn new(head: &'a [u8], file: &'a mut dyn ReadSeek, len: u64) -> Self {
        let keep = usize::try_from(len).unwrap_or(usize::MAX).min(head.len());
        Self::build(
            head.get(..keep).unwrap_or_default(),
            Some(file),
            len,
            Budget::MEASURE,
        )
    }

    /// A source for sniffing: `head` and, when given, `file` (its length found by seeking to
    /// its end; a file that cannot seek is ignored), with [`Budget::SNIFF`].
    pub fn sniffing(head: &'a [u8], file: Option<&'a mut dyn ReadSeek>) -> Self {
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
        Self::build(head, file, len, Budget::SNIFF)
    }

    /// A source over a whole file held in memory.
    pub fn from_bytes(bytes: &'a [u8]) -> Self {
        Self::build(bytes, None, bytes.len() as u64, Budget::MEASURE)
    }

    fn build(head: &'a [u8], file: Option<&'a mut dyn ReadSeek>, len: u64, budget: Budget) -> Self {
        Self {
            head,
            file,
            len,
            budget,
            reads_done: 0,
            window_at: 0,
            window: Vec::new(),
            bytes_read: 0,
        }
    }

    /// The same source with another budget.
    pub fn with_budget(mut self, budget: Budget) -> Self {
        self.budget = budget;
        self
    }

    /// The file's length (the head's when no file was given).
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the file is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The in-memory head, at most [`Budget::max_head`] bytes of it (reads reach the rest).
    pub fn head(&self) -> &'a [u8] {
        let head: &'a [u8] = self.head;
        head.get(..self.budget.max_head).unwrap_or(head)
    }

    /// Whether [`Source::head`] holds the whole file.
    pub fn head_is_whole(&self) -> bool {
        self.head().len() as u64 >= self.len
    }

    /// Reads of the file done so far.
    pub fn reads_done(&self) -> u32 {
        self.reads_done
    }

    /// Bytes read from the file so far (not counting the head).
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// Up to `len` bytes at `offset`: fewer at the end of the file, or, without a file, what
    /// the head holds. Fails when the file cannot be read or the budget is spent.
    pub fn read_at(&mut self, offset: u64, len: usize) -> Result<Vec<u8>, ProbeError> {
        let len = len.min(self.budget.max_read);
        let end = offset.saturating_add(len as u64).min(self.len);
        if offset >= end {
            return Ok(Vec::new());
        }
        let want = usize::try_from(end - offset).unwrap_or(usize::MAX);
        if let Some(bytes) = slice_at(self.head, 0, offset, want) {
            return Ok(bytes.to_vec());
        }
        if let Some(bytes) = slice_at(&self.window, self.window_at, offset, want) {
            return Ok(bytes.to_vec());
        }
        if self.file.is_none() {
            return Ok(usize::try_from(offset)
                .ok()
                .and_then(|start| self.head.get(start..))
                .map(|rest| rest[..rest.len().min(want)].to_vec())
                .unwrap_or_default());
        }
        let fetch = want
            .max(self.budget.min_fetch)
            .min(self.budget.max_read.max(want));
        if self.budget.min_fetch == 0 {
            // Measuring: exactly what was asked, in one read.
            let mut buf = vec![0u8; fetch];
            let n = self.fetch(offset, &mut buf)?;
            buf.truncate(n);
            return Ok(buf);
        }
        // Sniffing: a window kept for the next reads, read into fresh capacity (not zeroed).
        let buf = self.fetch_window(offset, fetch)?;
        let out = buf[..buf.len().min(want)].to_vec();
        self.window_at = offset;
        self.window = buf;
        Ok(out)
    }

    /// [`Source::read_at`] for sniffing: an error or a spent budget gives no bytes.
    pub fn read_lossy(&mut self, offset: u64, len: usize) -> Vec<u8> {
        match self.read_at(offset, len) {
            Ok(bytes) => bytes,
            Err(error) => {
                tracing::debug!(%error, offset, "read skipped");
                Vec::new()
            }
        }
    }

    /// Fills `buf` from `offset`; returns how many bytes were read (fewer at the end of file).
    pub fn fill_at(&mut self, offset: u64, buf: &mut [u8]) -> Result<usize, ProbeError> {
        let avail = usize::try_from(self.len.saturating_sub(offset)).unwrap_or(usize::MAX);
        let n = buf.len().min(avail);
        let buf = &mut buf[..n];
        if let Some(bytes) = slice_at(self.head, 0, offset, buf.len()) {
            buf.copy_from_slice(bytes);
            return Ok(buf.len());
        }
        if self.file.is_none() {
            let bytes = self.read_at(offset, buf.len())?;
            buf[..bytes.len()].copy_from_slice(&bytes);
            return Ok(bytes.len());
        }
        self.fetch(offset, buf)
    }

    /// One read of up to `len` bytes at `offset` into a new vector, charged to the budget.
    /// The vector is not zeroed first: filling a 64 KiB window with zeros cost more than
    /// reading it, for every sniff that reached past the head.
    fn fetch_window(&mut self, offset: u64, len: usize) -> Result<Vec<u8>, ProbeError> {
        let Some(file) = self.file.as_deref_mut() else {
            return Ok(Vec::new());
        };
        if self.reads_done >= self.budget.reads {
            return Err(ProbeError::BudgetSpent);
        }
        self.reads_done += 1;
        file.seek(SeekFrom::Start(offset))?;
        let mut buf = Vec::with_capacity(len);
        file.take(len as u64).read_to_end(&mut buf)?;
        self.bytes_read += buf.len() as u64;
        Ok(buf)
    }

    /// One read of the file into `buf`, charged to the budget.
    fn fetch(&mut self, offset: u64, buf: &mut [u8]) -> Result<usize, ProbeError> {
        let Some(file) = self.file.as_deref_mut() else {
            return Ok(0);
        };
        if self.reads_done >= self.budget.reads {
            return Err(ProbeError::BudgetSpent);
        }
        self.reads_done += 1;
        file.seek(SeekFrom::Start(offset))?;
        let mut filled = 0;
        while filled < buf.len() {
            let n = match file.read(&mut buf[filled..]) {
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

/// `want` bytes at absolute `offset` from `buf`, which starts at absolute `base`, when it holds
/// all of them.
fn slice_at(buf: &[u8], base: u64, offset: u64, want: usize) -> Option<&[u8]> {
    let start = usize::try_from(offset.checked_sub(base)?).ok()?;
    buf.get(start..start.checked_add(want)?)
}

/// A sliding window over a [`Source`] for sequential scans of frame headers (MPEG audio, ADTS,
/// AMR, Matroska blocks): reads in 64 KiB blocks, never holds more than one block.
#[derive(Debug, Default)]
pub struct Window {
    start: u64,
    buf: Vec<u8>,
}

/// Size of one [`Window`] block.
const BLOCK: usize = 64 * 1024;

impl Window {
    /// An empty window.
    pub fn new() -> Self {
        Self::default()
    }

    /// The bytes at `offset..offset + len` (`len` at most a few KiB), or fewer at the end of
    /// the file.
    pub fn get<'w>(
        &'w mut self,
        src: &mut Source<'_>,
        offset: u64,
        len: usize,
    ) -> Result<&'w [u8], ProbeError> {
        let inside = offset >= self.start
            && offset.saturating_add(len as u64) <= self.start + self.buf.len() as u64;
        if !inside {
            // Refill the same buffer in place: a scan through a large file allocates and
            // zeroes one block, not one per block.
            self.start = offset;
            self.buf.resize(BLOCK.max(len), 0);
            let n = src.fill_at(offset, &mut self.buf)?;
            self.buf.truncate(n);
        }
        let from = usize::try_from(offset - self.start).unwrap_or(usize::MAX);
        let to = from.saturating_add(len).min(self.buf.len());
        Ok(self.buf.get(from..to).unwrap_or_default())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn measuring_reads_from_head_and_file_and_stops_at_eof() {
        let data: Vec<u8> = (0..=255u8).cycle().take(200_000).collect();
        let mut cursor = Cursor::new(data.clone());
        let head = data[..100].to_vec();
        let mut src = Source::new(&head, &mut cursor, data.len() as u64);
        assert_eq!(src.read_at(10, 5).unwrap(), &data[10..15]);
        assert_eq!(src.bytes_read(), 0);
        assert_eq!(src.read_at(199_990, 50).unwrap(), &data[199_990..]);
        assert!(src.read_at(300_000, 5).unwrap().is_empty());
        let mut w = Window::new();
        assert_eq!(w.get(&mut src, 70_000, 4).unwrap(), &data[70_000..70_004]);
        assert_eq!(w.get(&mut src, 199_998, 4).unwrap(), &data[199_998..]);
    }

    #[test]
    fn sniffing_reads_come_from_head_then_file_within_budget() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut file = Cursor::new(data.clone());
        let mut src = Source::sniffing(&data[..1000], Some(&mut file));
        assert_eq!(src.len(), 200_000);
        assert_eq!(src.read_lossy(10, 5), data[10..15].to_vec());
        assert_eq!(src.reads_done(), 0);
        assert_eq!(src.read_lossy(150_000, 8), data[150_000..150_008].to_vec());
        assert_eq!(src.read_lossy(150_100, 8), data[150_100..150_108].to_vec());
        assert_eq!(src.reads_done(), 1);
        assert_eq!(src.read_lossy(199_998, 10), data[199_998..].to_vec());
        assert!(src.read_lossy(300_000, 10).is_empty());
        for i in 0..100u64 {
            let _ = src.read_lossy(if i % 2 == 0 { 2000 } else { 180_000 }, 4);
        }
        assert_eq!(src.reads_done(), Budget::SNIFF.reads);
        assert!(matches!(
            src.read_at(100_000, 4),
            Err(ProbeError::BudgetSpent)
        ));
    }

    #[test]
    fn a_large_head_is_shown_up_to_max_head_and_read_beyond() {
        let data = vec![7u8; Budget::SNIFF.max_head * 3];
        let mut src = Source::sniffing(&data, None);
        assert_eq!(src.head().len(), Budget::SNIFF.max_head);
        assert!(!src.head_is_whole());
        assert_eq!(
            src.read_lossy(Budget::SNIFF.max_head as u64 * 2, 4),
            vec![7u8; 4]
        );
    }

    #[test]
    fn without_file_reads_are_limited_to_head() {
        let head = b"0123456789";
        let mut src = Source::sniffing(head, None);
        assert_eq!(src.read_lossy(8, 10), b"89".to_vec());
        assert!(src.read_lossy(20, 1).is_empty());
        assert!(src.head_is_whole());
    }
}
