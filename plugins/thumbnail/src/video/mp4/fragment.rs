//! Fragmented MP4: the samples of one track in a `moof` box (`tfhd`, `tfdt`, `trun`), with the
//! defaults of the `moov`'s `trex`.

use super::boxes::{child, children, Reader};
use super::samples::Sample;
use crate::video::error::VideoError;

/// `sample_is_non_sync_sample` in the ISO BMFF sample flags.
const NON_SYNC: u32 = 0x0001_0000;

/// A track's fragment defaults from `mvex/trex`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Defaults {
    pub duration: u32,
    pub size: u32,
    pub flags: u32,
}

/// The `trex` defaults of track `track_id` in a `moov` payload (zeros without one).
pub(crate) fn trex_defaults(moov: &[u8], track_id: u32) -> Defaults {
    let Some(mvex) = child(moov, b"mvex") else {
        return Defaults::default();
    };
    for trex in children(mvex).filter(|b| &b.kind == b"trex") {
        let mut r = Reader::new(trex.payload, "trex");
        let parsed = (|| {
            r.full_box()?;
            let id = r.u32()?;
            let _description = r.u32()?;
            Ok::<_, VideoError>((
                id,
                Defaults {
                    duration: r.u32()?,
                    size: r.u32()?,
                    flags: r.u32()?,
                },
            ))
        })();
        if let Ok((id, defaults)) = parsed {
            if id == track_id {
                return defaults;
            }
        }
    }
    Defaults::default()
}

/// The samples of track `track_id` in one `moof` (its payload, and the file offset of the
/// box's first byte), appended to `out` in decode order. `next_dts` carries the decode time
/// from the previous fragment when a `tfdt` is missing, and is moved past these samples.
/// At most `max` samples are appended.
pub(crate) fn samples(
    moof: &[u8],
    moof_offset: u64,
    track_id: u32,
    defaults: Defaults,
    next_dts: &mut i64,
    out: &mut Vec<Sample>,
    max: usize,
) -> Result<(), VideoError> {
    for traf in children(moof).filter(|b| &b.kind == b"traf") {
        let Some(tfhd) = child(traf.payload, b"tfhd") else {
            continue;
        };
        let mut r = Reader::new(tfhd, "tfhd");
        let (_, flags) = r.full_box()?;
        if r.u32()? != track_id {
            continue;
        }
        let base = if flags & 0x1 != 0 {
            r.u64()?
        } else {
            moof_offset
        };
        if flags & 0x2 != 0 {
            r.u32()?;
        }
        let duration = if flags & 0x8 != 0 {
            r.u32()?
        } else {
            defaults.duration
        };
        let size = if flags & 0x10 != 0 {
            r.u32()?
        } else {
            defaults.size
        };
        let sample_flags = if flags & 0x20 != 0 {
            r.u32()?
        } else {
            defaults.flags
        };
        let traf_defaults = Defaults {
            duration,
            size,
            flags: sample_flags,
        };
        if let Some(tfdt) = child(traf.payload, b"tfdt") {
            let mut r = Reader::new(tfdt, "tfdt");
            let (version, _) = r.full_box()?;
            let t = if version == 1 {
                r.u64()?
            } else {
                u64::from(r.u32()?)
            };
            *next_dts = i64::try_from(t).unwrap_or(i64::MAX);
        }
        let mut data_end = base;
        for trun in children(traf.payload).filter(|b| &b.kind == b"trun") {
            data_end = parse_trun(
                trun.payload,
                base,
                data_end,
                traf_defaults,
                next_dts,
                out,
                max,
            )?;
            if out.len() >= max {
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Appends the samples of one `trun`; returns the end of its data (where a following `trun`
/// without a data offset starts).
fn parse_trun(
    trun: &[u8],
    base: u64,
    previous_end: u64,
    defaults: Defaults,
    next_dts: &mut i64,
    out: &mut Vec<Sample>,
    max: usize,
) -> Result<u64, VideoError> {
    let mut r = Reader::new(trun, "trun");
    let (version, flags) = r.full_box()?;
    let declared = r.u32()? as usize;
    let mut offset = if flags & 0x1 != 0 {
        base.checked_add_signed(i64::from(r.i32()?))
            .ok_or_else(|| VideoError::Invalid("trun data offset before the file".into()))?
    } else {
        previous_end
    };
    let first_flags = if flags & 0x4 != 0 {
        Some(r.u32()?)
    } else {
        None
    };
    let entry_len = 4 * [0x100, 0x200, 0x400, 0x800]
        .iter()
        .filter(|&&f| flags & f != 0)
        .count();
    let count = r
        .remaining()
        .checked_div(entry_len)
        .map_or(declared, |held| declared.min(held));
    for i in 0..count {
        let duration = if flags & 0x100 != 0 {
            r.u32()?
        } else {
            defaults.duration
        };
        let size = if flags & 0x200 != 0 {
            r.u32()?
        } else {
            defaults.size
        };
        let sample_flags = if flags & 0x400 != 0 {
            r.u32()?
        } else if i == 0 {
            first_flags.unwrap_or(defaults.flags)
        } else {
            defaults.flags
        };
        let cts_offset = if flags & 0x800 != 0 {
            let v = r.u32()?;
            if version == 0 {
                i64::from(v)
            } else {
                i64::from(v as i32)
            }
        } else {
            0
        };
        if out.len() < max {
            out.push(Sample {
                offset,
                size,
                dts: *next_dts,
                cts: next_dts.saturating_add(cts_offset),
                duration,
                sync: sample_flags & NON_SYNC == 0,
            });
        }
        offset = offset.saturating_add(u64::from(size));
        *next_dts = next_dts.saturating_add(i64::from(duration));
        if out.len() >= max {
            break;
        }
    }
    Ok(offset)
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

    fn words(first: u32, rest: &[u32]) -> Vec<u8> {
        std::iter::once(first)
            .chain(rest.iter().copied())
            .flat_map(u32::to_be_bytes)
            .collect()
    }

    #[test]
    fn reads_a_track_run_with_first_sample_flags() {
        // tfhd: track 1, default-base-is-moof (0x20000) + default duration (0x8) 512 +
        // default flags (0x20) non-sync.
        let tfhd = boxed(b"tfhd", &words(0x0002_0028, &[1, 512, NON_SYNC]));
        let tfdt = boxed(b"tfdt", &words(0, &[9000]));
        // trun: data offset (0x1), first-sample-flags (0x4), sizes (0x200); 3 samples.
        let trun = boxed(b"trun", &words(0x0000_0205, &[3, 100, 0, 10, 20, 30]));
        let mut traf = tfhd;
        traf.extend(tfdt);
        traf.extend(trun);
        let moof = boxed(b"traf", &traf);
        let mut out = Vec::new();
        let mut dts = 0;
        samples(&moof, 5000, 1, Defaults::default(), &mut dts, &mut out, 100).unwrap();
        let view: Vec<_> = out
            .iter()
            .map(|s| (s.offset, s.size, s.dts, s.sync))
            .collect();
        assert_eq!(
            view,
            [
                (5100, 10, 9000, true),
                (5110, 20, 9512, false),
                (5130, 30, 10024, false)
            ]
        );
        assert_eq!(dts, 10536);
        // Another track's fragment gives nothing.
        let mut other = Vec::new();
        samples(
            &moof,
            5000,
            2,
            Defaults::default(),
            &mut dts,
            &mut other,
            100,
        )
        .unwrap();
        assert!(other.is_empty());
    }
}
