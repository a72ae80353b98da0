//! The ISO BMFF (MP4, 3GP, MOV) demuxer of the poster path: the top-level boxes are walked by
//! their headers (an `mdat` is skipped, never read), the `moov` is read whole within a bound,
//! and samples are then read one by one where the tables say they are. `moov` at the end,
//! fragments (`moof`) and an `mdat` cut short are all found this way.

mod boxes;
mod fragment;
mod samples;
mod track;

use std::io::{Read, Seek, SeekFrom};

pub(crate) use boxes::{BoxHeader, FourCc};
pub(crate) use samples::Sample;
pub(crate) use track::{ticks_to_ms, Codec, Track};

use crate::video::error::VideoError;

/// Samples looked at past the edit's media time: far more than any H.264 reorder depth (16).
pub(crate) const REORDER_WINDOW: usize = 64;

/// Bounds of the demuxer.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DemuxLimits {
    /// Largest `moov` (or `moof`) box read into memory.
    pub max_moov_bytes: u64,
    /// Most top-level boxes walked.
    pub max_boxes: usize,
    /// Most fragments read looking for samples.
    pub max_fragments: usize,
}

/// A movie file's structure: the `moov` payload, where the fragments are, and the file length.
pub(crate) struct Movie {
    pub moov: Vec<u8>,
    /// The `ftyp` major brand, if the file has one.
    pub brand: Option<FourCc>,
    /// `(offset, size)` of each `moof` box, in file order.
    moofs: Vec<(u64, u64)>,
    /// The file's length.
    pub file_len: u64,
    /// The file ends inside a top-level box (usually the `mdat`): some sample data is missing.
    pub cut_short: bool,
}

/// Whether `head` starts like an ISO BMFF file: a first box of a type such files start with.
pub(crate) fn sniff(head: &[u8]) -> Option<FourCc> {
    let header = BoxHeader::parse(head)?;
    match &header.kind {
        b"ftyp" => head.get(8..12).and_then(|b| b.try_into().ok()),
        b"moov" | b"mdat" | b"wide" | b"free" | b"skip" if header.size.is_some_and(|s| s >= 8) => {
            // Old QuickTime files have no ftyp: only trust them when a moov follows soon.
            boxes::children(head)
                .take(4)
                .any(|b| &b.kind == b"moov")
                .then_some(*b"qt  ")
        }
        _ => None,
    }
}

/// Whether a file's head shows an audio-only file: an audio brand, or a whole `moov` in the
/// head without a video track.
pub(crate) fn is_audio_only(head: &[u8]) -> bool {
    if let Some(brand) = sniff(head) {
        if matches!(&brand, b"M4A " | b"M4B " | b"M4P " | b"F4A " | b"F4B ") {
            return true;
        }
    }
    let mut pos = 0usize;
    while let Some(header) = head.get(pos..).and_then(BoxHeader::parse) {
        let Some(size) = header.size.and_then(|s| usize::try_from(s).ok()) else {
            return false;
        };
        if size < header.header_len as usize {
            return false;
        }
        let end = pos.saturating_add(size);
        if &header.kind == b"moov" {
            // Only a whole moov can show that there is no video track.
            return head
                .get(pos + header.header_len as usize..end)
                .is_some_and(|moov| !track::has_video_handler(moov));
        }
        pos = end;
    }
    false
}

impl Movie {
    /// Walks the top-level boxes of `file` and reads its `moov`.
    pub(crate) fn open<R: Read + Seek>(
        file: &mut R,
        limits: &DemuxLimits,
    ) -> Result<Self, VideoError> {
        let file_len = file.seek(SeekFrom::End(0))?;
        let mut pos = 0u64;
        let mut moov = None;
        let mut brand = None;
        let mut moofs = Vec::new();
        let mut cut_short = false;
        let mut header_bytes = [0u8; 16];
        for n in 0..limits.max_boxes {
            if pos + 8 > file_len {
                break;
            }
            file.seek(SeekFrom::Start(pos))?;
            let got = read_up_to(file, &mut header_bytes)?;
            let Some(header) = BoxHeader::parse(&header_bytes[..got]) else {
                break;
            };
            let size = header.size.unwrap_or(file_len - pos);
            if size < header.header_len {
                if n == 0 {
                    return Err(VideoError::Invalid(
                        "the first box has a size below its header".into(),
                    ));
                }
                break;
            }
            let end = pos.saturating_add(size);
            if end > file_len {
                cut_short = true;
            }
            match &header.kind {
                b"ftyp" => brand = header_bytes.get(8..12).and_then(|b| b.try_into().ok()),
                b"moov" => {
                    if end > file_len {
                        return Err(VideoError::Truncated(format!(
                            "the file ends inside the moov box ({} of {size} bytes)",
                            file_len - pos
                        )));
                    }
                    let payload_len = size - header.header_len;
                    if payload_len > limits.max_moov_bytes {
                        return Err(VideoError::TooLarge {
                            what: "the moov box",
                            size: payload_len,
                            limit: limits.max_moov_bytes,
                        });
                    }
                    let mut buf = vec![0u8; payload_len as usize];
                    file.seek(SeekFrom::Start(pos + header.header_len))?;
                    file.read_exact(&mut buf)?;
                    moov = Some(buf);
                }
                b"moof" if moofs.len() < limits.max_fragments => moofs.push((pos, size)),
                _ => {}
            }
            // Past the moov, headers are still walked (cheap: one small read a box) to see
            // whether the file ends inside a box; fragments are collected up to the bound.
            if moofs.len() >= limits.max_fragments {
                break;
            }
            pos = end;
        }
        let Some(moov) = moov else {
            return Err(if cut_short {
                VideoError::Truncated(
                    "the file ends before its moov box (moov at the end, cut off)".into(),
                )
            } else {
                VideoError::Invalid("no moov box".into())
            });
        };
        Ok(Self {
            moov,
            brand,
            moofs,
            file_len,
            cut_short,
        })
    }

    /// The video track.
    pub(crate) fn video_track(&self) -> Result<Track<'_>, VideoError> {
        track::video_track(&self.moov)
    }

    /// The samples of `track` in decode order (those of its sample tables, then those of the
    /// fragments) up to [`REORDER_WINDOW`] past `media_time` (no later sample can be shown
    /// earlier), at most `max`.
    pub(crate) fn samples<R: Read + Seek>(
        &self,
        track: &Track<'_>,
        file: &mut R,
        max: usize,
        media_time: i64,
        limits: &DemuxLimits,
    ) -> Result<Vec<Sample>, VideoError> {
        let mut out = Vec::new();
        let mut past = 0usize;
        for sample in samples::TableSamples::new(track.stbl)? {
            past += usize::from(sample.dts > media_time);
            out.push(sample);
            if out.len() >= max || past >= REORDER_WINDOW {
                return Ok(out);
            }
        }
        if self.moofs.is_empty() {
            return Ok(out);
        }
        let defaults = fragment::trex_defaults(&self.moov, track.id);
        let mut next_dts = out
            .last()
            .map_or(0, |s| s.dts.saturating_add(i64::from(s.duration)));
        for &(offset, size) in &self.moofs {
            if size > limits.max_moov_bytes {
                return Err(VideoError::TooLarge {
                    what: "a moof box",
                    size,
                    limit: limits.max_moov_bytes,
                });
            }
            if offset.saturating_add(size) > self.file_len {
                break;
            }
            let mut buf = vec![0u8; size as usize];
            file.seek(SeekFrom::Start(offset))?;
            file.read_exact(&mut buf)?;
            let Some(header) = BoxHeader::parse(&buf) else {
                break;
            };
            let payload = buf.get(header.header_len as usize..).unwrap_or_default();
            fragment::samples(
                payload,
                offset,
                track.id,
                defaults,
                &mut next_dts,
                &mut out,
                max,
            )?;
            if out.len() >= max
                || out.iter().filter(|s| s.dts > media_time).count() >= REORDER_WINDOW
            {
                break;
            }
        }
        Ok(out)
    }

    /// Reads one sample's bytes; `None` when the file ends before the sample does.
    pub(crate) fn read_sample<R: Read + Seek>(
        &self,
        file: &mut R,
        sample: &Sample,
    ) -> Result<Option<Vec<u8>>, VideoError> {
        let end = sample.offset.saturating_add(u64::from(sample.size));
        if end > self.file_len {
            return Ok(None);
        }
        let mut buf = vec![0u8; sample.size as usize];
        file.seek(SeekFrom::Start(sample.offset))?;
        file.read_exact(&mut buf)?;
        Ok(Some(buf))
    }
}

/// Reads into `buf` until it is full or the file ends; returns how many bytes were read.
fn read_up_to<R: Read>(file: &mut R, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match file.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}
