//! AMR-NB and AMR-WB storage format (RFC 4867 §5): each frame is 20 ms; its size follows from the
//! mode in its table-of-contents byte, so the frames are counted without decoding.

use crate::error::ProbeError;
use crate::info::{DurationSource, MediaInfo};
use crate::measure::{bitrate, seconds};
use crate::names::{Codec, Container};
use crate::{Source, Window};

const FORMAT: &str = "amr";
/// Speech bytes after the ToC byte, by frame type (0 for reserved types, which end the scan).
const NB_SIZES: [i16; 16] = [12, 13, 15, 17, 19, 20, 26, 31, 5, -1, -1, -1, -1, -1, -1, 0];
const WB_SIZES: [i16; 16] = [17, 23, 32, 36, 40, 46, 50, 58, 60, 5, -1, -1, -1, -1, 0, 0];

pub(crate) fn probe(input: &mut Source<'_>) -> Result<MediaInfo, ProbeError> {
    let magic = input.read_at(0, 9)?;
    let (wide, start, sizes, rate) = if magic.starts_with(b"#!AMR-WB\n") {
        (true, 9u64, &WB_SIZES, 16_000u32)
    } else if magic.starts_with(b"#!AMR\n") {
        (false, 6u64, &NB_SIZES, 8_000u32)
    } else {
        return Err(ProbeError::invalid(
            FORMAT,
            "multichannel AMR is not supported",
        ));
    };
    let mut window = Window::new();
    let len = input.len();
    let (mut pos, mut frames, mut cut) = (start, 0u64, false);
    while pos < len {
        let toc = window.get(input, pos, 1)?.first().copied().unwrap_or(0);
        let Some(&size) = sizes.get(usize::from((toc >> 3) & 0xF)) else {
            break;
        };
        if size < 0 || toc & 0x83 != 0 {
            break; // reserved frame type or padding bits set: not AMR any more
        }
        let next = pos + 1 + size as u64;
        if next > len {
            cut = true;
            break;
        }
        frames += 1;
        pos = next;
    }
    let duration = seconds(frames * u64::from(rate / 50), u64::from(rate), FORMAT)?;
    let mut facts = MediaInfo::new(
        Container::Amr,
        duration,
        if cut {
            DurationSource::Truncated
        } else {
            DurationSource::FrameScan
        },
    );
    facts.truncated = cut;
    facts.codec = Some(if wide { Codec::AmrWb } else { Codec::AmrNb });
    facts.sample_rate = Some(rate);
    facts.channels = Some(1);
    facts.bitrate = bitrate(pos - start, duration);
    Ok(facts)
}
