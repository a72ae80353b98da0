//! MPEG systems streams: transport streams (`.ts`, `.m2ts`) and program streams (`.mpg`,
//! `.vob`). ffmpeg measures both by their time stamps, and so does this module: each stream's
//! first PTS near the start and last PTS near the end, plus the time its last packet covers
//! (the audio frames starting in it, one frame interval of video). The duration is the latest
//! end minus the earliest start. Only the first and last few hundred KiB are read.

mod h264;
mod pes;

use std::collections::BTreeMap;

use crate::bytes;
use crate::error::ProbeError;
use crate::info::{DurationSource, MediaInfo};
use crate::measure::{bitrate, Limits};
use crate::names::{Codec, Container};
use crate::Source;

/// How much of the start and of the end of the file is read.
const SPAN: usize = 512 * 1024;
const TS: usize = 188;

/// What one elementary stream showed.
#[derive(Debug, Default, Clone)]
struct Stream {
    codec: Option<Codec>,
    video: bool,
    first_pts: Option<u64>,
    /// PTS values of the packets seen near the end.
    tail_pts: Vec<u64>,
    /// The last packet's payload (audio), to count its frames.
    last_payload: Vec<u8>,
    /// The first payload bytes, for the stream facts.
    first_payload: Vec<u8>,
    rate: u32,
    channels: u32,
    frame_samples: u32,
    width: u32,
    height: u32,
}

/// Whether `head` is a transport stream: sync bytes every 188 (or 192) bytes.
pub fn is_transport_stream(head: &[u8]) -> bool {
    transport_layout(head).is_some()
}

/// `(packet size, offset of the first sync byte)` of a transport stream head.
fn transport_layout(head: &[u8]) -> Option<(usize, usize)> {
    for (size, offset) in [(188usize, 0usize), (192, 4)] {
        let syncs = (0..4).all(|i| head.get(offset + i * size) == Some(&0x47));
        if syncs {
            return Some((size, offset));
        }
    }
    None
}

/// Whether `head` is a program stream (a pack header first).
pub fn is_program_stream(head: &[u8]) -> bool {
    head.starts_with(&[0, 0, 1, 0xBA])
}

pub(crate) fn probe_ts(input: &mut Source<'_>, limits: &Limits) -> Result<MediaInfo, ProbeError> {
    let head = input.read_at(0, SPAN)?;
    let (size, offset) =
        transport_layout(&head).ok_or(ProbeError::invalid("mpegts", "no sync bytes"))?;
    let mut pmt_pids: Vec<u16> = Vec::new();
    let mut kinds: BTreeMap<u16, (Codec, bool)> = BTreeMap::new();
    let mut streams: BTreeMap<u16, Stream> = BTreeMap::new();
    let mut current: BTreeMap<u16, Vec<u8>> = BTreeMap::new();
    walk_ts(&head, size, offset, |pid, pusi, payload| {
        if pid == 0 && pusi {
            pmt_pids = psi_section(payload)
                .map(|s| {
                    s.get(8..s.len().saturating_sub(4))
                        .unwrap_or_default()
                        .chunks_exact(4)
                        .filter(|e| bytes::be16(e, 0) != Some(0))
                        .filter_map(|e| bytes::be16(e, 2).map(|p| p & 0x1FFF))
                        .collect()
                })
                .unwrap_or_default();
        } else if pmt_pids.contains(&pid) && pusi {
            if let Some(s) = psi_section(payload) {
                read_pmt(s, &mut kinds);
            }
        } else if let Some(&(codec, video)) = kinds.get(&pid) {
            let st = streams.entry(pid).or_insert_with(|| Stream {
                codec: Some(codec),
                video,
                ..Stream::default()
            });
            if pusi {
                if let Some((pts, at)) = pes::header(payload) {
                    if st.first_pts.is_none() {
                        st.first_pts = pts;
                    }
                    if st.first_payload.is_empty() {
                        current.insert(pid, payload.get(at..).unwrap_or_default().to_vec());
                    }
                }
            } else if let Some(buf) = current.get_mut(&pid) {
                if buf.len() < 64 * 1024 {
                    buf.extend_from_slice(payload);
                }
            }
            if st.first_payload.is_empty() {
                if let Some(buf) = current.get(&pid).filter(|b| b.len() >= 4096) {
                    st.first_payload = buf.clone();
                }
            }
        }
    });
    for (pid, buf) in current {
        if let Some(st) = streams.get_mut(&pid) {
            if st.first_payload.is_empty() {
                st.first_payload = buf;
            }
        }
    }
    // The end: packets from an aligned position in the last SPAN bytes.
    let len = input.len();
    let tail_from = len.saturating_sub(SPAN as u64);
    let aligned =
        tail_from.saturating_sub(offset as u64) / size as u64 * size as u64 + offset as u64;
    let tail = input.read_at(aligned, usize::try_from(len - aligned).unwrap_or(0))?;
    let whole = (tail.len() / size) * size;
    let mut cut = !len
        .saturating_sub(offset as u64)
        .is_multiple_of(size as u64);
    let mut last: BTreeMap<u16, Vec<u8>> = BTreeMap::new();
    // The last PES of each stream: (its declared length, bytes seen), to tell a cut file.
    let mut open: BTreeMap<u16, (usize, usize)> = BTreeMap::new();
    walk_ts(&tail[..whole], size, 0, |pid, pusi, payload| {
        let Some(st) = streams.get_mut(&pid) else {
            return;
        };
        if let Some(o) = open.get_mut(&pid) {
            if !pusi {
                o.1 += payload.len();
            }
        }
        if pusi {
            let declared = bytes::be16(payload, 4).map_or(0, |n| usize::from(n) + 6);
            open.insert(pid, (declared, payload.len()));
            if let Some((pts, at)) = pes::header(payload) {
                if let Some(pts) = pts {
                    st.tail_pts.push(pts);
                }
                if let Some(done) = last.insert(pid, payload.get(at..).unwrap_or_default().to_vec())
                {
                    st.last_payload = done;
                }
            }
        } else if let Some(buf) = last.get_mut(&pid) {
            if buf.len() < 256 * 1024 {
                buf.extend_from_slice(payload);
            }
        }
    });
    for (pid, buf) in last {
        if let Some(st) = streams.get_mut(&pid) {
            st.last_payload = buf;
        }
    }
    cut |= open
        .values()
        .any(|&(declared, seen)| declared > 0 && seen < declared);
    finish(
        Container::MpegTs,
        streams.into_values().collect(),
        len,
        cut,
        limits,
    )
}

/// Calls `f(pid, payload_unit_start, payload)` for every packet of `buf`.
fn walk_ts(buf: &[u8], size: usize, offset: usize, mut f: impl FnMut(u16, bool, &[u8])) {
    let mut at = offset;
    while let Some(p) = buf.get(at..at + TS) {
        at += size;
        if p[0] != 0x47 {
            continue;
        }
        let pusi = p[1] & 0x40 != 0;
        let pid = (u16::from(p[1] & 0x1F) << 8) | u16::from(p[2]);
        let afc = (p[3] >> 4) & 3;
        let start = match afc {
            1 => 4,
            3 => 5 + usize::from(p[4]),
            _ => continue,
        };
        if let Some(payload) = p.get(start..) {
            f(pid, pusi, payload);
        }
    }
}

/// The section a PSI payload starts (after its pointer field), cut to its length.
fn psi_section(payload: &[u8]) -> Option<&[u8]> {
    let pointer = usize::from(*payload.first()?);
    let s = payload.get(1 + pointer..)?;
    let len = usize::from(bytes::be16(s, 1)? & 0x0FFF);
    s.get(..(3 + len).min(s.len()))
}

fn read_pmt(s: &[u8], kinds: &mut BTreeMap<u16, (Codec, bool)>) {
    let Some(info_len) = bytes::be16(s, 10).map(|v| usize::from(v & 0x0FFF)) else {
        return;
    };
    let end = s.len().saturating_sub(4);
    let mut at = 12 + info_len;
    while at + 5 <= end {
        let kind = s[at];
        let pid = bytes::be16(s, at + 1).unwrap_or(0) & 0x1FFF;
        let es_len = usize::from(bytes::be16(s, at + 3).unwrap_or(0) & 0x0FFF);
        let descriptors = s
            .get(at + 5..(at + 5 + es_len).min(end))
            .unwrap_or_default();
        let codec = match kind {
            0x01 => Some((Codec::Mpeg1Video, true)),
            0x02 => Some((Codec::Mpeg2Video, true)),
            0x10 => Some((Codec::Mpeg4, true)),
            0x1B => Some((Codec::H264, true)),
            0x24 => Some((Codec::Hevc, true)),
            0x03 | 0x04 => Some((Codec::Mp2, false)),
            0x0F => Some((Codec::Aac, false)),
            0x81 => Some((Codec::Ac3, false)),
            0x87 => Some((Codec::Eac3, false)),
            0x06 => private_codec(descriptors).map(|c| (c, false)),
            _ => None,
        };
        if let Some(c) = codec {
            kinds.entry(pid).or_insert(c);
        }
        at += 5 + es_len;
    }
}

/// The codec of a private-data stream from its descriptors (DVB AC-3, E-AC-3).
fn private_codec(mut d: &[u8]) -> Option<Codec> {
    while d.len() >= 2 {
        let (tag, len) = (d[0], usize::from(d[1]));
        match tag {
            0x6A => return Some(Codec::Ac3),
            0x7A => return Some(Codec::Eac3),
            0x05 if d.get(2..6) == Some(b"AC-3") => return Some(Codec::Ac3),
            _ => {}
        }
        d = d.get(2 + len..)?;
    }
    None
}

pub(crate) fn probe_ps(input: &mut Source<'_>, limits: &Limits) -> Result<MediaInfo, ProbeError> {
    let head = input.read_at(0, SPAN)?;
    let mut streams: BTreeMap<u8, Stream> = BTreeMap::new();
    walk_ps(&head, |sid, pts, payload| {
        let st = streams.entry(sid).or_insert_with(|| Stream {
            video: (0xE0..=0xEF).contains(&sid),
            ..Stream::default()
        });
        if st.first_pts.is_none() {
            st.first_pts = pts;
        }
        if st.first_payload.len() < 8192 {
            st.first_payload.extend_from_slice(payload);
        }
    });
    for (sid, st) in &mut streams {
        st.codec = Some(match sid {
            0xE0..=0xEF => match pes::mpeg_video(&st.first_payload) {
                Some((_, _, true)) => Codec::Mpeg2Video,
                Some(_) => Codec::Mpeg1Video,
                None if h264::size(&st.first_payload).is_some() => Codec::H264,
                None => Codec::Unknown,
            },
            0xC0..=0xDF => Codec::Mp2,
            0x80..=0x87 => Codec::Ac3,
            _ => Codec::Unknown,
        });
    }
    let len = input.len();
    let tail_from = len.saturating_sub(SPAN as u64);
    let tail = input.read_at(tail_from, SPAN)?;
    let start = if tail_from == 0 {
        0
    } else {
        tail.windows(4)
            .position(|w| w == [0, 0, 1, 0xBA])
            .unwrap_or(tail.len())
    };
    let mut cut = false;
    walk_ps_cut(
        tail.get(start..).unwrap_or_default(),
        &mut cut,
        |sid, pts, payload| {
            if let Some(st) = streams.get_mut(&sid) {
                if let Some(pts) = pts {
                    st.tail_pts.push(pts);
                }
                st.last_payload = payload.to_vec();
            }
        },
    );
    finish(
        Container::MpegPs,
        streams.into_values().collect(),
        len,
        cut,
        limits,
    )
}

/// Calls `f(stream id, pts, payload)` for every PES packet of `buf` (private stream 1 is split
/// by its sub-stream id, its 4-byte sub-header dropped).
fn walk_ps(buf: &[u8], f: impl FnMut(u8, Option<u64>, &[u8])) {
    let mut cut = false;
    walk_ps_cut(buf, &mut cut, f);
}

fn walk_ps_cut(buf: &[u8], cut: &mut bool, mut f: impl FnMut(u8, Option<u64>, &[u8])) {
    let mut at = 0usize;
    for _ in 0..100_000 {
        let Some(b) = buf.get(at..) else { break };
        if b.len() < 4 {
            break;
        }
        if b[..3] != [0, 0, 1] {
            // Resynchronise on the next start code.
            match b
                .get(1..)
                .and_then(|r| r.windows(3).position(|w| w == [0, 0, 1]))
            {
                Some(p) => {
                    at += p + 1;
                    continue;
                }
                None => break,
            }
        }
        let sid = b[3];
        match sid {
            0xBA => {
                // Pack header: MPEG-2 (14 bytes + stuffing) or MPEG-1 (12 bytes).
                at += if b.get(4).is_some_and(|v| v & 0xC0 == 0x40) {
                    14 + usize::from(b.get(13).copied().unwrap_or(0) & 7)
                } else {
                    12
                };
            }
            0xB9 => break,
            0xBB..=0xFF => {
                let Some(len) = bytes::be16(b, 4).map(usize::from) else {
                    break;
                };
                let end = 6 + len;
                if end > b.len() {
                    *cut = true;
                    break;
                }
                if let Some((pts, start)) = pes::header(&b[..end]) {
                    let payload = b.get(start..end).unwrap_or_default();
                    if (0xC0..=0xEF).contains(&sid) {
                        f(sid, pts, payload);
                    } else if sid == 0xBD {
                        if let Some(&sub) = payload.first() {
                            f(sub, pts, payload.get(4..).unwrap_or_default());
                        }
                    }
                }
                at += end;
            }
            _ => at += 4,
        }
    }
}

/// The facts of a systems stream from what each elementary stream showed.
fn finish(
    container: Container,
    mut streams: Vec<Stream>,
    len: u64,
    cut: bool,
    limits: &Limits,
) -> Result<MediaInfo, ProbeError> {
    for st in &mut streams {
        let codec = st.codec.unwrap_or(Codec::Unknown);
        if st.video {
            let size = match codec {
                Codec::H264 => h264::size(&st.first_payload),
                _ => pes::mpeg_video(&st.first_payload).map(|(w, h, _)| (w, h)),
            };
            if let Some((w, h)) = size {
                (st.width, st.height) = (w, h);
            }
        } else if let Some((c, rate, ch, spf)) = pes::audio(&st.first_payload, codec) {
            st.codec = Some(c);
            (st.rate, st.channels, st.frame_samples) = (rate, ch, spf);
        }
    }
    let start = streams.iter().filter_map(|s| s.first_pts).min();
    let mut end: Option<u64> = None;
    for st in &streams {
        let Some(&last) = st.tail_pts.iter().max() else {
            continue;
        };
        let covers = if st.video {
            frame_interval(&st.tail_pts)
        } else if st.rate > 0 {
            let frames = pes::frames_in(&st.last_payload, st.codec.unwrap_or(Codec::Unknown));
            frames * u64::from(st.frame_samples) * 90_000 / u64::from(st.rate)
        } else {
            0
        };
        let e = last + covers;
        end = Some(end.map_or(e, |x| x.max(e)));
    }
    let (Some(start), Some(end)) = (start, end) else {
        return Err(ProbeError::NoStream);
    };
    let duration = limits.claim(end.saturating_sub(start) as f64 / 90_000.0)?;
    let mut facts = MediaInfo::new(
        container,
        duration,
        if cut {
            DurationSource::Truncated
        } else {
            DurationSource::Timestamps
        },
    );
    facts.truncated = cut;
    facts.bitrate = bitrate(len, duration);
    let audio = streams.iter().find(|s| !s.video && s.rate > 0);
    let video = streams.iter().find(|s| s.video);
    if let Some(a) = audio {
        facts.codec = a.codec;
        facts.sample_rate = Some(a.rate);
        facts.channels = Some(a.channels);
    }
    if let Some(v) = video {
        facts.video_codec = v.codec;
        facts.width = Some(v.width).filter(|&w| w > 0);
        facts.height = Some(v.height).filter(|&h| h > 0);
        let interval = frame_interval(&v.tail_pts);
        if interval > 0 {
            facts.fps = Some((90_000.0 / interval as f64 * 1000.0).round() / 1000.0);
        }
        facts.has_audio = Some(audio.is_some());
    }
    if audio.is_none() && video.is_none() {
        return Err(ProbeError::NoStream);
    }
    Ok(facts)
}

/// The frame interval (90 kHz) of a video stream: the smallest gap between its sorted PTS.
fn frame_interval(pts: &[u64]) -> u64 {
    let mut sorted = pts.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    sorted
        .windows(2)
        .map(|w| w[1] - w[0])
        .filter(|&d| d > 0)
        .min()
        .unwrap_or(0)
}
