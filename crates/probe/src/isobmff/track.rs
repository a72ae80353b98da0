//! What `moov` and `moof` say about the movie and its tracks.

use super::boxes::{children, full_box};
use super::esds::read_es_descriptor;
use super::FORMAT;
use crate::bytes;
use crate::error::ProbeError;
use crate::measure::Limits;
use crate::names::Codec;

/// The movie header and its tracks.
#[derive(Debug, Default)]
pub(crate) struct Movie {
    pub(crate) timescale: u32,
    pub(crate) duration: u64,
    /// `mehd` of a fragmented movie, in the movie time scale.
    pub(crate) fragment_duration: Option<u64>,
    pub(crate) tracks: Vec<Track>,
    /// `trex` default sample durations by track id.
    trex: Vec<(u32, u32)>,
}

/// One `trak`.
#[derive(Debug, Default)]
pub(crate) struct Track {
    id: u32,
    pub(crate) handler: [u8; 4],
    timescale: u32,
    duration: u64,
    matrix: [i32; 4],
    pub(crate) width: Option<u32>,
    pub(crate) height: Option<u32>,
    pub(crate) entry: Option<SampleEntry>,
    /// Samples in the `stts` table.
    pub(crate) samples: u64,
    /// Samples and duration (track time scale) found in `moof` fragments.
    pub(crate) fragment_samples: u64,
    fragment_duration: u64,
    /// The sample tables, to measure what is left of a truncated file.
    tables: Tables,
}

/// `stts`, `stsz`, `stsc` and `stco`/`co64` as read.
#[derive(Debug, Default)]
struct Tables {
    /// `(count, delta)` runs.
    times: Vec<(u32, u32)>,
    /// Constant sample size, or 0 when `sizes` holds one per sample.
    constant_size: u32,
    sample_count: u32,
    sizes: Vec<u32>,
    /// `(first chunk, samples per chunk)` runs.
    chunks: Vec<(u32, u32)>,
    offsets: Vec<u64>,
}

/// The first sample description of a track.
#[derive(Debug, Default)]
pub(crate) struct SampleEntry {
    fourcc: [u8; 4],
    channels: u16,
    rate: u32,
    /// `esds` object type indication.
    pub(crate) object_type: Option<u8>,
    /// Rate and channel configuration from an AAC AudioSpecificConfig.
    pub(crate) asc: Option<(u32, u8)>,
}

impl SampleEntry {
    /// The codec of this entry.
    pub(crate) fn codec(&self) -> Codec {
        super::codec(&self.fourcc, self.object_type)
    }

    /// The sample rate: the AudioSpecificConfig's (with SBR), else the sample entry's.
    pub(crate) fn sample_rate(&self) -> u32 {
        match self.asc {
            Some((rate, _)) if rate > 0 => rate,
            _ if &self.fourcc == b"Opus" => 48_000,
            _ => self.rate,
        }
    }

    /// The channel count: the AudioSpecificConfig's when it names one, else the sample entry's.
    pub(crate) fn channel_count(&self) -> u32 {
        match self.asc {
            Some((_, 7)) => 8,
            Some((_, c @ 1..=6)) => u32::from(c),
            _ => u32::from(self.channels),
        }
    }
}

impl Track {
    /// Length of the track: `mdhd` plus fragments, in seconds.
    pub(crate) fn total_seconds(&self) -> Result<f64, ProbeError> {
        let units = self.duration.saturating_add(self.fragment_duration);
        if units == 0 {
            return Ok(0.0);
        }
        crate::measure::seconds(units, u64::from(self.timescale), FORMAT)
    }

    /// Seconds of this track whose sample bytes lie wholly within the first `len` bytes of the
    /// file (for a file cut short). Bounded by the table sizes, which are in memory.
    pub(crate) fn present_seconds(&self, len: u64) -> Result<f64, ProbeError> {
        let t = &self.tables;
        let count = if t.constant_size > 0 {
            u64::from(t.sample_count)
        } else {
            u64::from(t.sample_count).min(t.sizes.len() as u64)
        };
        let (mut sample, mut run) = (0u64, 0usize);
        'chunks: for (i, &offset) in t.offsets.iter().enumerate() {
            let chunk = u32::try_from(i + 1).unwrap_or(u32::MAX);
            while t
                .chunks
                .get(run + 1)
                .is_some_and(|&(first, _)| first <= chunk)
            {
                run += 1;
            }
            let per_chunk = u64::from(t.chunks.get(run).map_or(0, |c| c.1));
            let mut pos = offset;
            if t.constant_size > 0 {
                let fit = len.saturating_sub(pos) / u64::from(t.constant_size);
                let take = per_chunk.min(count - sample).min(fit);
                sample += take;
                if take < per_chunk {
                    break 'chunks;
                }
                continue;
            }
            for _ in 0..per_chunk {
                let Some(&size) = usize::try_from(sample).ok().and_then(|s| t.sizes.get(s)) else {
                    break 'chunks;
                };
                if sample >= count || pos + u64::from(size) > len {
                    break 'chunks;
                }
                pos += u64::from(size);
                sample += 1;
            }
        }
        let mut units = 0u64;
        let mut left = sample;
        for &(n, delta) in &t.times {
            let take = left.min(u64::from(n));
            units = units.saturating_add(take * u64::from(delta));
            left -= take;
            if left == 0 {
                break;
            }
        }
        if units == 0 {
            return Ok(0.0);
        }
        crate::measure::seconds(units, u64::from(self.timescale), FORMAT)
    }

    /// Rotation from the `tkhd` matrix in degrees, as ffprobe reports it (`-atan2(b, a)`,
    /// counter-clockwise, normalised to 0..360): a phone's portrait video gives 270.
    pub(crate) fn rotation(&self) -> u32 {
        let [a, b, _, _] = self.matrix;
        match (a.signum(), b.signum()) {
            (0, -1) => 90,
            (-1, 0) => 180,
            (0, 1) => 270,
            _ => 0,
        }
    }
}

impl Movie {
    /// Reads the body of `moov`.
    pub(crate) fn read_moov(
        &mut self,
        body: &[u8],
        limits: &Limits,
        budget: &mut usize,
    ) -> Result<(), ProbeError> {
        for (kind, b) in children(body, budget)? {
            match &kind {
                b"mvhd" => {
                    let (scale, duration) = header_times(b).ok_or(ProbeError::Truncated("mvhd"))?;
                    if scale == 0 {
                        return Err(ProbeError::ZeroSampleRate(FORMAT));
                    }
                    self.timescale = scale;
                    self.duration = duration;
                }
                b"trak" => {
                    let mut track = Track::default();
                    read_track(b, 1, limits, budget, &mut track)?;
                    self.tracks.push(track);
                }
                b"mvex" => {
                    for (kind, b) in children(b, budget)? {
                        let Some((version, _, rest)) = full_box(b) else {
                            continue;
                        };
                        match &kind {
                            b"mehd" => {
                                self.fragment_duration = if version == 1 {
                                    bytes::be64(rest, 0)
                                } else {
                                    bytes::be32(rest, 0).map(u64::from)
                                };
                            }
                            b"trex" => {
                                if let (Some(id), Some(d)) =
                                    (bytes::be32(rest, 0), bytes::be32(rest, 8))
                                {
                                    self.trex.push((id, d));
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Adds the samples of one `moof` to its tracks.
    pub(crate) fn read_moof(&mut self, body: &[u8], budget: &mut usize) -> Result<(), ProbeError> {
        for (kind, traf) in children(body, budget)? {
            if &kind != b"traf" {
                continue;
            }
            let mut track_id = None;
            let mut default_duration = None;
            for (kind, b) in children(traf, budget)? {
                let Some((_, flags, rest)) = full_box(b) else {
                    continue;
                };
                match &kind {
                    b"tfhd" => {
                        let id = bytes::be32(rest, 0);
                        track_id = id;
                        let mut at = 4;
                        at += if flags & 0x01 != 0 { 8 } else { 0 };
                        at += if flags & 0x02 != 0 { 4 } else { 0 };
                        default_duration = if flags & 0x08 != 0 {
                            bytes::be32(rest, at)
                        } else {
                            None
                        }
                        .or_else(|| self.trex.iter().find(|t| Some(t.0) == id).map(|t| t.1));
                    }
                    b"trun" => {
                        let Some(track) = self.tracks.iter_mut().find(|t| Some(t.id) == track_id)
                        else {
                            continue;
                        };
                        let count =
                            u64::from(bytes::be32(rest, 0).ok_or(ProbeError::Truncated("trun"))?);
                        let mut at = 4
                            + if flags & 0x01 != 0 { 4 } else { 0 }
                            + if flags & 0x04 != 0 { 4 } else { 0 };
                        let per_sample = [0x100, 0x200, 0x400, 0x800]
                            .iter()
                            .filter(|&&f| flags & f != 0)
                            .count()
                            * 4;
                        let duration = if flags & 0x100 != 0 {
                            let available =
                                (rest.len().saturating_sub(at) / per_sample.max(1)) as u64;
                            let mut sum = 0u64;
                            for _ in 0..count.min(available) {
                                sum += u64::from(bytes::be32(rest, at).unwrap_or(0));
                                at += per_sample;
                            }
                            sum
                        } else {
                            count.saturating_mul(u64::from(default_duration.unwrap_or(0)))
                        };
                        track.fragment_samples += count;
                        track.fragment_duration = track.fragment_duration.saturating_add(duration);
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }
}

/// `(timescale, duration)` of an `mvhd` or `mdhd` body.
fn header_times(b: &[u8]) -> Option<(u32, u64)> {
    let (version, _, rest) = full_box(b)?;
    if version == 1 {
        Some((bytes::be32(rest, 16)?, bytes::be64(rest, 20)?))
    } else {
        Some((bytes::be32(rest, 8)?, u64::from(bytes::be32(rest, 12)?)))
    }
}

/// Reads the children of a `trak` (or of a box inside it) into `track`.
fn read_track(
    body: &[u8],
    depth: usize,
    limits: &Limits,
    budget: &mut usize,
    track: &mut Track,
) -> Result<(), ProbeError> {
    if depth > limits.max_depth {
        return Err(ProbeError::TooComplex(FORMAT));
    }
    for (kind, b) in children(body, budget)? {
        match &kind {
            b"mdia" | b"minf" | b"stbl" => read_track(b, depth + 1, limits, budget, track)?,
            b"tkhd" => {
                let (version, _, rest) = full_box(b).ok_or(ProbeError::Truncated("tkhd"))?;
                let (id_at, matrix_at) = if version == 1 { (16, 48) } else { (8, 36) };
                track.id = bytes::be32(rest, id_at).unwrap_or(0);
                for (i, m) in track.matrix.iter_mut().enumerate() {
                    // a, b, u, c, d: we need a, b, c, d.
                    let at = matrix_at + [0, 4, 12, 16][i];
                    *m = bytes::be32(rest, at).map_or(0, |v| v as i32);
                }
            }
            b"mdhd" => {
                let (scale, duration) = header_times(b).ok_or(ProbeError::Truncated("mdhd"))?;
                if scale == 0 {
                    return Err(ProbeError::ZeroSampleRate(FORMAT));
                }
                track.timescale = scale;
                track.duration = duration;
            }
            b"hdlr" => {
                if let Some(h) = bytes::arr(b, 8) {
                    track.handler = h;
                }
            }
            b"stsd" => read_stsd(b, budget, track)?,
            b"stts" => {
                let (_, _, rest) = full_box(b).ok_or(ProbeError::Truncated("stts"))?;
                track.tables.times = pairs(rest);
                track.samples = track.tables.times.iter().map(|&(n, _)| u64::from(n)).sum();
            }
            b"stsc" => {
                // (first chunk, samples per chunk, description index) triples.
                let (_, _, rest) = full_box(b).ok_or(ProbeError::Truncated("stsc"))?;
                let count = bytes::be32(rest, 0).unwrap_or(0) as usize;
                let entries = rest.get(4..).unwrap_or_default();
                track.tables.chunks = entries
                    .chunks_exact(12)
                    .take(count)
                    .map(|e| {
                        (
                            bytes::be32(e, 0).unwrap_or(0),
                            bytes::be32(e, 4).unwrap_or(0),
                        )
                    })
                    .collect();
            }
            b"stsz" => {
                let (_, _, rest) = full_box(b).ok_or(ProbeError::Truncated("stsz"))?;
                track.tables.constant_size = bytes::be32(rest, 0).unwrap_or(0);
                track.tables.sample_count = bytes::be32(rest, 4).unwrap_or(0);
                if track.tables.constant_size == 0 {
                    let entries = rest.get(8..).unwrap_or_default();
                    track.tables.sizes = entries
                        .chunks_exact(4)
                        .take(track.tables.sample_count as usize)
                        .map(|e| bytes::be32(e, 0).unwrap_or(0))
                        .collect();
                }
            }
            b"stco" | b"co64" => {
                let (_, _, rest) = full_box(b).ok_or(ProbeError::Truncated("stco"))?;
                let count = bytes::be32(rest, 0).unwrap_or(0) as usize;
                let entries = rest.get(4..).unwrap_or_default();
                track.tables.offsets = if &kind == b"co64" {
                    entries
                        .chunks_exact(8)
                        .take(count)
                        .map(|e| bytes::be64(e, 0).unwrap_or(0))
                        .collect()
                } else {
                    entries
                        .chunks_exact(4)
                        .take(count)
                        .map(|e| u64::from(bytes::be32(e, 0).unwrap_or(0)))
                        .collect()
                };
            }
            _ => {}
        }
    }
    Ok(())
}

/// The `(count, value)` pairs of an `stts`-like table body (after version and flags).
fn pairs(rest: &[u8]) -> Vec<(u32, u32)> {
    let count = bytes::be32(rest, 0).unwrap_or(0) as usize;
    rest.get(4..)
        .unwrap_or_default()
        .chunks_exact(8)
        .take(count)
        .map(|e| {
            (
                bytes::be32(e, 0).unwrap_or(0),
                bytes::be32(e, 4).unwrap_or(0),
            )
        })
        .collect()
}

/// Reads the first sample description.
fn read_stsd(b: &[u8], budget: &mut usize, track: &mut Track) -> Result<(), ProbeError> {
    let (_, _, rest) = full_box(b).ok_or(ProbeError::Truncated("stsd"))?;
    let entries = children(rest.get(4..).unwrap_or_default(), budget)?;
    let Some((fourcc, body)) = entries.into_iter().next() else {
        return Ok(());
    };
    let mut entry = SampleEntry {
        fourcc,
        ..SampleEntry::default()
    };
    match &track.handler {
        b"soun" => {
            let version = bytes::be16(body, 8).unwrap_or(0);
            entry.channels = bytes::be16(body, 16).unwrap_or(0);
            entry.rate = bytes::be32(body, 24).unwrap_or(0) >> 16;
            let children_at = match version {
                1 => 44,
                2 => {
                    entry.rate =
                        f64::from_bits(bytes::be64(body, 32).unwrap_or(0)).clamp(0.0, 1e7) as u32;
                    entry.channels =
                        bytes::be32(body, 40).unwrap_or(0).min(u32::from(u16::MAX)) as u16;
                    72
                }
                _ => 28,
            };
            read_audio_children(
                body.get(children_at..).unwrap_or_default(),
                budget,
                &mut entry,
                0,
            )?;
        }
        b"vide" => {
            track.width = bytes::be16(body, 24).map(u32::from).filter(|&w| w > 0);
            track.height = bytes::be16(body, 26).map(u32::from).filter(|&h| h > 0);
        }
        _ => {}
    }
    track.entry = Some(entry);
    Ok(())
}

/// `esds` (possibly inside a QuickTime `wave` box) of an audio sample entry.
fn read_audio_children(
    b: &[u8],
    budget: &mut usize,
    entry: &mut SampleEntry,
    depth: usize,
) -> Result<(), ProbeError> {
    // Some writers pad sample entries with garbage; a failure to split them is not fatal.
    let Ok(list) = children(b, budget) else {
        return Ok(());
    };
    for (kind, body) in list {
        match &kind {
            b"esds" => {
                if let Some((_, _, rest)) = full_box(body) {
                    read_es_descriptor(rest, entry);
                }
            }
            b"wave" if depth == 0 => read_audio_children(body, budget, entry, 1)?,
            _ => {}
        }
    }
    Ok(())
}
