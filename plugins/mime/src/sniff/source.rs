//! The bounded reader the sniffers use: the shared [`pipes_media_probe::Source`] with its
//! sniffing budget (16 extra reads of at most 1 MiB, a 64 KiB head), read best-effort.

pub(crate) use pipes_media_probe::ReadSeek;
use pipes_media_probe::Source as ProbeSource;

/// The head of a blob plus, optionally, the file, read through the sniffing budget.
///
/// Every read is best-effort: errors, a spent budget and short files give fewer bytes, never
/// a failure, so a sniffer works on what it could get.
pub(crate) struct Source<'a> {
    inner: ProbeSource<'a>,
}

impl<'a> Source<'a> {
    /// A source over `head` (the first bytes of the file) and the whole `file` when given.
    pub(crate) fn new(head: &'a [u8], file: Option<&'a mut dyn ReadSeek>) -> Self {
        Self {
            inner: ProbeSource::sniffing(head, file),
        }
    }

    /// The in-memory head, at most 64 KiB of it (reads reach the rest).
    pub(crate) fn head(&self) -> &'a [u8] {
        self.inner.head()
    }

    /// The file's length (the head's when no file was given).
    pub(crate) fn len(&self) -> u64 {
        self.inner.len()
    }

    /// Whether [`Source::head`] holds the whole file.
    pub(crate) fn head_is_whole(&self) -> bool {
        self.inner.head_is_whole()
    }

    /// Extra reads done so far.
    #[cfg(test)]
    pub(crate) fn reads_done(&self) -> u32 {
        self.inner.reads_done()
    }

    /// Up to `len` bytes at `offset` (fewer at the end of the file, or when the read budget is
    /// spent and the bytes are not in memory).
    pub(crate) fn read_at(&mut self, offset: u64, len: usize) -> Vec<u8> {
        self.inner.read_lossy(offset, len)
    }

    /// The shared reader, for the probe crate's parsers.
    pub(crate) fn probe(&mut self) -> &mut ProbeSource<'a> {
        &mut self.inner
    }
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
        assert_eq!(src.reads_done(), 1);
        for i in 0..100u64 {
            let _ = src.read_at(if i % 2 == 0 { 2000 } else { 180_000 }, 4);
        }
        assert_eq!(src.reads_done(), 16);
        assert!(src.read_at(100_000, 4).is_empty());
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
