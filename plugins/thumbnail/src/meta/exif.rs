//! TIFF-structured metadata (an EXIF block, or a TIFF file itself): the orientation tag, whether
//! a GPS directory is present, and removing that directory in place.
//!
//! Removal never moves a byte other than the GPS pointer's own directory entry: the entry is
//! taken out of IFD0 (the entries after it move up by one slot, the freed slot is zeroed), and
//! the GPS directory with every value it points to is overwritten with zeros. Every other offset
//! in the block stays valid, so the block keeps its length and the container around it needs no
//! change.

/// The `Orientation` tag.
const ORIENTATION: u16 = 0x0112;
/// The `GPSInfo` tag: the offset of the GPS directory.
const GPS_INFO: u16 = 0x8825;
/// Most directory entries read from one IFD; more is not a real file.
const MAX_ENTRIES: usize = 4096;

/// A TIFF structure: byte order, classic or BigTIFF, and where IFD0 is.
#[derive(Debug, Clone, Copy)]
struct Layout {
    big_endian: bool,
    big_tiff: bool,
    ifd0: usize,
}

impl Layout {
    fn parse(data: &[u8]) -> Option<Self> {
        let big_endian = match data.get(..2)? {
            b"II" => false,
            b"MM" => true,
            _ => return None,
        };
        let magic = read_u16(data, 2, big_endian)?;
        let (big_tiff, ifd0) = match magic {
            42 => (false, read_u32(data, 4, big_endian)? as usize),
            43 => (true, usize::try_from(read_u64(data, 8, big_endian)?).ok()?),
            _ => return None,
        };
        Some(Self {
            big_endian,
            big_tiff,
            ifd0,
        })
    }

    /// Bytes of one directory entry, of the entry count and of an offset.
    fn sizes(self) -> (usize, usize, usize) {
        if self.big_tiff {
            (20, 8, 8)
        } else {
            (12, 2, 4)
        }
    }

    fn count(self, data: &[u8], ifd: usize) -> Option<usize> {
        let n = if self.big_tiff {
            usize::try_from(read_u64(data, ifd, self.big_endian)?).ok()?
        } else {
            usize::from(read_u16(data, ifd, self.big_endian)?)
        };
        (n <= MAX_ENTRIES).then_some(n)
    }

    /// The entries of the directory at `ifd`: (tag, type, count, offset of the value field).
    fn entries(self, data: &[u8], ifd: usize) -> Option<Vec<Entry>> {
        let (entry_len, count_len, _) = self.sizes();
        let n = self.count(data, ifd)?;
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let at = ifd + count_len + i * entry_len;
            let tag = read_u16(data, at, self.big_endian)?;
            let kind = read_u16(data, at + 2, self.big_endian)?;
            let count = if self.big_tiff {
                read_u64(data, at + 4, self.big_endian)?
            } else {
                u64::from(read_u32(data, at + 4, self.big_endian)?)
            };
            let field = at + if self.big_tiff { 12 } else { 8 };
            out.push(Entry {
                tag,
                kind,
                count,
                field,
            });
        }
        Some(out)
    }

    /// The value of an entry as an unsigned integer (first element).
    fn unsigned(self, data: &[u8], entry: &Entry) -> Option<u64> {
        match entry.kind {
            3 => read_u16(data, entry.field, self.big_endian).map(u64::from),
            4 | 13 => read_u32(data, entry.field, self.big_endian).map(u64::from),
            16 | 18 => read_u64(data, entry.field, self.big_endian),
            1 | 7 => data.get(entry.field).map(|&b| u64::from(b)),
            _ => None,
        }
    }

    /// Where an entry's value bytes are and how many there are (inline or pointed to).
    fn value_range(self, data: &[u8], entry: &Entry) -> Option<(usize, usize)> {
        let size = type_size(entry.kind)?.checked_mul(usize::try_from(entry.count).ok()?)?;
        let inline = if self.big_tiff { 8 } else { 4 };
        if size <= inline {
            return Some((entry.field, size));
        }
        let at = if self.big_tiff {
            usize::try_from(read_u64(data, entry.field, self.big_endian)?).ok()?
        } else {
            read_u32(data, entry.field, self.big_endian)? as usize
        };
        Some((at, size))
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    tag: u16,
    kind: u16,
    count: u64,
    field: usize,
}

/// What a TIFF-structured block says about orientation and location.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ExifSummary {
    /// The `Orientation` tag of IFD0, when present and 1-8.
    pub orientation: Option<u8>,
    /// Whether IFD0 points to a GPS directory holding at least one entry.
    pub has_gps: bool,
}

/// Reads orientation and GPS presence from a TIFF-structured block (`II*\0`, `MM\0*`, or the
/// BigTIFF forms). `None` when the block is not one.
pub(crate) fn summarize(data: &[u8]) -> Option<ExifSummary> {
    let layout = Layout::parse(data)?;
    let entries = layout.entries(data, layout.ifd0)?;
    let mut summary = ExifSummary::default();
    for entry in &entries {
        match entry.tag {
            ORIENTATION => {
                summary.orientation = layout
                    .unsigned(data, entry)
                    .and_then(|v| u8::try_from(v).ok())
                    .filter(|v| (1..=8).contains(v));
            }
            GPS_INFO => {
                summary.has_gps = layout
                    .unsigned(data, entry)
                    .and_then(|at| usize::try_from(at).ok())
                    .and_then(|at| layout.count(data, at))
                    .is_some_and(|n| n > 0);
            }
            _ => {}
        }
    }
    Some(summary)
}

/// The byte range of the value of IFD0's `tag` (an XMP packet, tag 700, for instance).
pub(crate) fn tag_bytes(data: &[u8], tag: u16) -> Option<std::ops::Range<usize>> {
    let layout = Layout::parse(data)?;
    let entry = *layout
        .entries(data, layout.ifd0)?
        .iter()
        .find(|e| e.tag == tag)?;
    let (at, len) = layout.value_range(data, &entry)?;
    let end = at.checked_add(len)?;
    (end <= data.len()).then_some(at..end)
}

/// Removes the GPS directory of a TIFF-structured block in place (see the module docs).
/// Returns whether anything was removed.
pub(crate) fn strip_gps(data: &mut [u8]) -> bool {
    let Some(layout) = Layout::parse(data) else {
        return false;
    };
    let Some(entries) = layout.entries(data, layout.ifd0) else {
        return false;
    };
    let Some(index) = entries.iter().position(|e| e.tag == GPS_INFO) else {
        return false;
    };
    let gps_at = entries
        .get(index)
        .and_then(|e| layout.unsigned(data, e))
        .and_then(|at| usize::try_from(at).ok());
    // Blank the GPS directory and its values first, while the pointer is still readable.
    if let Some(gps_at) = gps_at {
        if let Some(gps_entries) = layout.entries(data, gps_at) {
            for entry in &gps_entries {
                if let Some((at, len)) = layout.value_range(data, entry) {
                    zero(data, at, len);
                }
            }
            let (entry_len, count_len, offset_len) = layout.sizes();
            zero(
                data,
                gps_at,
                count_len + gps_entries.len() * entry_len + offset_len,
            );
        }
    }
    // Take the entry out of IFD0: later entries and the next-IFD offset move up one slot.
    let (entry_len, count_len, offset_len) = layout.sizes();
    let n = entries.len();
    let first = layout.ifd0 + count_len;
    let from = first + (index + 1) * entry_len;
    let end = first + n * entry_len + offset_len;
    if end > data.len() {
        return false;
    }
    data.copy_within(from..end, from - entry_len);
    zero(data, end - entry_len, entry_len);
    let new_count = n - 1;
    if layout.big_tiff {
        write(data, layout.ifd0, &(new_count as u64), layout.big_endian);
    } else {
        write(data, layout.ifd0, &(new_count as u16), layout.big_endian);
    }
    true
}

fn zero(data: &mut [u8], at: usize, len: usize) {
    let end = at.saturating_add(len).min(data.len());
    if let Some(region) = data.get_mut(at..end) {
        region.fill(0);
    }
}

fn type_size(kind: u16) -> Option<usize> {
    Some(match kind {
        1 | 2 | 6 | 7 => 1,
        3 | 8 => 2,
        4 | 9 | 11 | 13 => 4,
        5 | 10 | 12 | 16 | 17 | 18 => 8,
        _ => return None,
    })
}

/// An integer a [`write`] can store in either byte order.
trait Word: Copy {
    fn bytes(self, big_endian: bool) -> Vec<u8>;
}

impl Word for u16 {
    fn bytes(self, big_endian: bool) -> Vec<u8> {
        if big_endian {
            self.to_be_bytes().to_vec()
        } else {
            self.to_le_bytes().to_vec()
        }
    }
}

impl Word for u64 {
    fn bytes(self, big_endian: bool) -> Vec<u8> {
        if big_endian {
            self.to_be_bytes().to_vec()
        } else {
            self.to_le_bytes().to_vec()
        }
    }
}

fn write<W: Word>(data: &mut [u8], at: usize, value: &W, big_endian: bool) {
    let bytes = value.bytes(big_endian);
    if let Some(region) = data.get_mut(at..at + bytes.len()) {
        region.copy_from_slice(&bytes);
    }
}

pub(crate) fn read_u16(data: &[u8], at: usize, big_endian: bool) -> Option<u16> {
    let b: [u8; 2] = data.get(at..at.checked_add(2)?)?.try_into().ok()?;
    Some(if big_endian {
        u16::from_be_bytes(b)
    } else {
        u16::from_le_bytes(b)
    })
}

pub(crate) fn read_u32(data: &[u8], at: usize, big_endian: bool) -> Option<u32> {
    let b: [u8; 4] = data.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(if big_endian {
        u32::from_be_bytes(b)
    } else {
        u32::from_le_bytes(b)
    })
}

pub(crate) fn read_u64(data: &[u8], at: usize, big_endian: bool) -> Option<u64> {
    let b: [u8; 8] = data.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(if big_endian {
        u64::from_be_bytes(b)
    } else {
        u64::from_le_bytes(b)
    })
}

/// A little-endian EXIF block for tests: IFD0 with orientation and a GPS pointer, a GPS
/// directory with a latitude (three rationals stored out of line), then IFD1 with one entry.
#[cfg(test)]
pub(crate) fn sample_exif(orientation: u16) -> Vec<u8> {
    let mut b = b"II*\0\x08\0\0\0".to_vec();
    // IFD0 at 8: 2 entries.
    b.extend_from_slice(&2u16.to_le_bytes());
    b.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0]);
    b.extend_from_slice(&orientation.to_le_bytes());
    b.extend_from_slice(&[0, 0]);
    b.extend_from_slice(&[0x25, 0x88, 4, 0, 1, 0, 0, 0]);
    b.extend_from_slice(&38u32.to_le_bytes()); // GPS IFD at 38
    b.extend_from_slice(&80u32.to_le_bytes()); // next IFD (IFD1) at 80
                                               // 8 + 2 + 24 + 4 = 38: GPS IFD, 1 entry: GPSLatitude, RATIONAL x3 at 56.
    b.extend_from_slice(&1u16.to_le_bytes());
    b.extend_from_slice(&[0x02, 0x00, 5, 0, 3, 0, 0, 0]);
    b.extend_from_slice(&56u32.to_le_bytes());
    b.extend_from_slice(&0u32.to_le_bytes());
    // 38 + 2 + 12 + 4 = 56: 3 rationals (24 bytes).
    for v in [48u32, 1, 51, 1, 2924, 100] {
        b.extend_from_slice(&v.to_le_bytes());
    }
    // 80: IFD1 with one entry (Compression = 6).
    b.extend_from_slice(&1u16.to_le_bytes());
    b.extend_from_slice(&[0x03, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
    b.extend_from_slice(&0u32.to_le_bytes());
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_orientation_and_gps() {
        let exif = sample_exif(6);
        assert_eq!(
            summarize(&exif),
            Some(ExifSummary {
                orientation: Some(6),
                has_gps: true
            })
        );
        assert_eq!(summarize(&sample_exif(9)).and_then(|s| s.orientation), None);
        assert_eq!(summarize(b"not exif"), None);
        for cut in 0..exif.len() {
            let _ = summarize(&exif[..cut]);
        }
    }

    #[test]
    fn gps_is_removed_in_place_and_the_rest_survives() {
        let mut exif = sample_exif(3);
        let len = exif.len();
        assert!(strip_gps(&mut exif));
        assert_eq!(exif.len(), len);
        let summary = summarize(&exif).unwrap_or_default();
        assert_eq!(summary.orientation, Some(3));
        assert!(!summary.has_gps);
        // The latitude's bytes are gone.
        assert!(!exif.windows(4).any(|w| w == 2924u32.to_le_bytes()));
        // IFD1 is still reachable: the next-IFD offset moved with the entries.
        let layout = Layout::parse(&exif).unwrap_or(Layout {
            big_endian: false,
            big_tiff: false,
            ifd0: 0,
        });
        assert_eq!(read_u32(&exif, layout.ifd0 + 2 + 12, false), Some(80));
        assert!(!strip_gps(&mut exif), "nothing left to strip");
        // Truncated blocks never panic.
        let whole = sample_exif(1);
        for cut in 0..whole.len() {
            let mut part = whole[..cut].to_vec();
            let _ = strip_gps(&mut part);
        }
    }
}
