//! Samples in decode order, from the sample tables of a `stbl` box (`stts`, `ctts`, `stss`,
//! `stsc`, `stsz`/`stz2`, `stco`/`co64`), computed one at a time: nothing is allocated from a
//! declared count, and every table is read only as far as the box really holds it.

use super::boxes::{child, Reader};
use crate::video::error::VideoError;

/// One sample (a coded frame): where its bytes are and when it is decoded and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sample {
    /// Position of its first byte in the file.
    pub offset: u64,
    /// Its length in bytes.
    pub size: u32,
    /// Decode time, in the track's timescale.
    pub dts: i64,
    /// Composition (presentation) time, in the track's timescale.
    pub cts: i64,
    /// How long it is shown, in the track's timescale.
    pub duration: u32,
    /// Whether decoding can start here (a sync sample: an IDR picture for H.264).
    pub sync: bool,
}

/// A table of fixed-size entries inside a box, read entry by entry.
#[derive(Clone, Copy)]
struct Table<'a> {
    data: &'a [u8],
    entry_len: usize,
    len: usize,
}

impl<'a> Table<'a> {
    /// The table of a full box whose entry count follows the version and flags (`extra`
    /// bytes of other fields in between).
    fn parse(
        payload: &'a [u8],
        what: &'static str,
        extra: usize,
        entry_len: usize,
    ) -> Result<(Self, u8), VideoError> {
        let mut r = Reader::new(payload, what);
        let (version, _) = r.full_box()?;
        r.skip(extra)?;
        let len = r.count(entry_len)?;
        let data = r.bytes(len * entry_len)?;
        Ok((
            Self {
                data,
                entry_len,
                len,
            },
            version,
        ))
    }

    fn u32_at(&self, index: usize, field: usize) -> Option<u32> {
        let at = index.checked_mul(self.entry_len)?.checked_add(field * 4)?;
        let b = self.data.get(at..at + 4)?;
        Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// Run-length table (`stts`, `ctts`): `(count, value)` pairs walked sample by sample.
#[derive(Clone, Copy)]
struct Runs<'a> {
    table: Table<'a>,
    entry: usize,
    left: u32,
}

impl<'a> Runs<'a> {
    fn new(table: Table<'a>) -> Self {
        Self {
            table,
            entry: 0,
            left: table.u32_at(0, 0).unwrap_or(0),
        }
    }

    /// The value of the next sample; `None` when the table has ended.
    fn next(&mut self) -> Option<u32> {
        while self.left == 0 {
            self.entry += 1;
            if self.entry >= self.table.len {
                return None;
            }
            self.left = self.table.u32_at(self.entry, 0)?;
        }
        self.left -= 1;
        self.table.u32_at(self.entry, 1)
    }
}

/// Sample sizes: one size for all (`stsz` with a non-zero size), or a table of 4, 8, 16 or 32
/// bits an entry (`stz2`, `stsz`).
#[derive(Clone, Copy)]
enum Sizes<'a> {
    Constant(u32),
    Table { data: &'a [u8], bits: u8 },
}

impl Sizes<'_> {
    fn get(&self, index: usize) -> Option<u32> {
        match *self {
            Self::Constant(size) => Some(size),
            Self::Table { data, bits } => match bits {
                4 => data.get(index / 2).map(|b| {
                    u32::from(if index.is_multiple_of(2) {
                        b >> 4
                    } else {
                        b & 0x0F
                    })
                }),
                8 => data.get(index).map(|&b| u32::from(b)),
                16 => data
                    .get(index * 2..index * 2 + 2)
                    .map(|b| u32::from(u16::from_be_bytes([b[0], b[1]]))),
                _ => data
                    .get(index * 4..index * 4 + 4)
                    .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]])),
            },
        }
    }
}

/// The samples of a track's `stbl`, in decode order.
pub(crate) struct TableSamples<'a> {
    count: usize,
    index: usize,
    sizes: Sizes<'a>,
    stts: Runs<'a>,
    ctts: Option<(Runs<'a>, bool)>,
    stss: Option<Table<'a>>,
    stss_at: usize,
    stsc: Table<'a>,
    stsc_at: usize,
    chunks: Table<'a>,
    wide_offsets: bool,
    chunk: usize,
    left_in_chunk: u32,
    offset: u64,
    dts: i64,
}

impl<'a> TableSamples<'a> {
    /// Reads the tables of `stbl`. A track without samples (a fragmented file's `moov`) gives
    /// an empty iterator.
    pub(crate) fn new(stbl: &'a [u8]) -> Result<Self, VideoError> {
        let (sizes, count) = if let Some(stsz) = child(stbl, b"stsz") {
            let mut r = Reader::new(stsz, "stsz");
            r.full_box()?;
            let size = r.u32()?;
            let declared = r.u32()? as usize;
            if size != 0 {
                (Sizes::Constant(size), declared)
            } else {
                let data = r.bytes(r.remaining())?;
                (
                    Sizes::Table { data, bits: 32 },
                    declared.min(data.len() / 4),
                )
            }
        } else if let Some(stz2) = child(stbl, b"stz2") {
            let mut r = Reader::new(stz2, "stz2");
            r.full_box()?;
            r.skip(3)?;
            let bits = r.u8()?;
            if !matches!(bits, 4 | 8 | 16) {
                return Err(VideoError::Invalid(format!("stz2 field size {bits}")));
            }
            let declared = r.u32()? as usize;
            let data = r.bytes(r.remaining())?;
            let held = data.len() * 8 / usize::from(bits);
            (Sizes::Table { data, bits }, declared.min(held))
        } else {
            (Sizes::Constant(0), 0)
        };
        let empty = || Table {
            data: &[],
            entry_len: 8,
            len: 0,
        };
        let stts = match child(stbl, b"stts") {
            Some(b) => Table::parse(b, "stts", 0, 8)?.0,
            None => empty(),
        };
        let ctts = child(stbl, b"ctts")
            .map(|b| Table::parse(b, "ctts", 0, 8))
            .transpose()?
            .map(|(t, version)| (Runs::new(t), version == 1));
        let stss = child(stbl, b"stss")
            .map(|b| Table::parse(b, "stss", 0, 4))
            .transpose()?
            .map(|(t, _)| t);
        let stsc = match child(stbl, b"stsc") {
            Some(b) => Table::parse(b, "stsc", 0, 12)?.0,
            None => empty(),
        };
        let (chunks, wide_offsets) = if let Some(b) = child(stbl, b"co64") {
            (Table::parse(b, "co64", 0, 8)?.0, true)
        } else if let Some(b) = child(stbl, b"stco") {
            (Table::parse(b, "stco", 0, 4)?.0, false)
        } else {
            (empty(), false)
        };
        Ok(Self {
            count,
            index: 0,
            sizes,
            stts: Runs::new(stts),
            ctts,
            stss,
            stss_at: 0,
            stsc,
            stsc_at: 0,
            chunks,
            wide_offsets,
            chunk: 0,
            left_in_chunk: 0,
            offset: 0,
            dts: 0,
        })
    }

    /// Moves to the next chunk that holds samples; false when there is none.
    fn next_chunk(&mut self) -> bool {
        loop {
            if self.chunk >= self.chunks.len {
                return false;
            }
            let number = self.chunk as u64 + 1;
            // The stsc entry in force: the last whose first_chunk is <= this chunk.
            while self.stsc_at + 1 < self.stsc.len
                && self
                    .stsc
                    .u32_at(self.stsc_at + 1, 0)
                    .is_some_and(|first| u64::from(first) <= number)
            {
                self.stsc_at += 1;
            }
            let per_chunk = self.stsc.u32_at(self.stsc_at, 1).unwrap_or(0);
            self.offset = if self.wide_offsets {
                let hi = self.chunks.u32_at(self.chunk, 0).unwrap_or(0);
                let lo = self.chunks.u32_at(self.chunk, 1).unwrap_or(0);
                (u64::from(hi) << 32) | u64::from(lo)
            } else {
                u64::from(self.chunks.u32_at(self.chunk, 0).unwrap_or(0))
            };
            self.chunk += 1;
            if per_chunk > 0 {
                self.left_in_chunk = per_chunk;
                return true;
            }
        }
    }

    fn is_sync(&mut self, number: u64) -> bool {
        let Some(stss) = &self.stss else {
            return true;
        };
        while let Some(entry) = stss.u32_at(self.stss_at, 0) {
            match u64::from(entry).cmp(&number) {
                std::cmp::Ordering::Less => self.stss_at += 1,
                std::cmp::Ordering::Equal => return true,
                std::cmp::Ordering::Greater => return false,
            }
        }
        false
    }
}

impl Iterator for TableSamples<'_> {
    type Item = Sample;

    fn next(&mut self) -> Option<Sample> {
        if self.index >= self.count {
            return None;
        }
        if self.left_in_chunk == 0 && !self.next_chunk() {
            return None;
        }
        let size = self.sizes.get(self.index)?;
        let duration = self.stts.next().unwrap_or(0);
        let offset_cts = match &mut self.ctts {
            Some((runs, signed)) => {
                let v = runs.next().unwrap_or(0);
                if *signed {
                    i64::from(v as i32)
                } else {
                    i64::from(v)
                }
            }
            None => 0,
        };
        let number = self.index as u64 + 1;
        let sync = self.is_sync(number);
        let sample = Sample {
            offset: self.offset,
            size,
            dts: self.dts,
            cts: self.dts.saturating_add(offset_cts),
            duration,
            sync,
        };
        self.index += 1;
        self.left_in_chunk -= 1;
        self.offset = self.offset.saturating_add(u64::from(size));
        self.dts = self.dts.saturating_add(i64::from(duration));
        Some(sample)
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

    fn full(kind: &[u8; 4], words: &[u32]) -> Vec<u8> {
        let mut payload = vec![0u8; 4];
        for w in words {
            payload.extend_from_slice(&w.to_be_bytes());
        }
        boxed(kind, &payload)
    }

    #[test]
    fn walks_chunks_times_and_sync_samples() {
        // 5 samples of sizes 10..50 in chunks of 2, 2, 1 at 1000, 2000, 3000; 512 ticks each;
        // composition offsets 1024 then 512 x4; samples 1 and 4 are sync.
        let mut stbl = full(b"stts", &[1, 5, 512]);
        stbl.extend(full(b"ctts", &[2, 1, 1024, 4, 512]));
        stbl.extend(full(b"stss", &[2, 1, 4]));
        stbl.extend(full(b"stsc", &[2, 1, 2, 1, 3, 1, 1]));
        stbl.extend(full(b"stsz", &[0, 5, 10, 20, 30, 40, 50]));
        stbl.extend(full(b"stco", &[3, 1000, 2000, 3000]));
        let samples: Vec<Sample> = TableSamples::new(&stbl).unwrap().collect();
        let view: Vec<_> = samples
            .iter()
            .map(|s| (s.offset, s.size, s.dts, s.cts, s.sync))
            .collect();
        assert_eq!(
            view,
            [
                (1000, 10, 0, 1024, true),
                (1010, 20, 512, 1024, false),
                (2000, 30, 1024, 1536, false),
                (2030, 40, 1536, 2048, true),
                (3000, 50, 2048, 2560, false),
            ]
        );
    }

    #[test]
    fn lying_counts_stop_at_the_data() {
        // stsz claims a billion samples but holds two; no chunk table: nothing at all.
        let mut stbl = full(b"stsz", &[0, 1_000_000_000, 10, 20]);
        assert_eq!(TableSamples::new(&stbl).unwrap().count(), 0);
        stbl.extend(full(b"stsc", &[1, 1, u32::MAX, 1]));
        stbl.extend(full(b"stco", &[1_000_000, 8]));
        let samples: Vec<Sample> = TableSamples::new(&stbl).unwrap().collect();
        assert_eq!(samples.len(), 2);
        assert!(samples.iter().all(|s| s.sync));
    }
}
