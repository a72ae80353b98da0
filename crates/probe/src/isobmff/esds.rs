//! The `esds` box of an mp4 audio sample entry: the MPEG-4 ES descriptor, its object type and
//! the AAC AudioSpecificConfig (rate after SBR, channel configuration).

use super::track::SampleEntry;

/// An MPEG-4 descriptor `(tag, body)` at `at`, and where the next one starts.
fn descriptor(b: &[u8], at: usize) -> Option<(u8, &[u8], usize)> {
    let tag = *b.get(at)?;
    let mut len = 0usize;
    let mut i = at + 1;
    for _ in 0..4 {
        let c = *b.get(i)?;
        i += 1;
        len = (len << 7) | usize::from(c & 0x7F);
        if c & 0x80 == 0 {
            break;
        }
    }
    let end = i.checked_add(len)?.min(b.len());
    Some((tag, b.get(i..end)?, end))
}

pub(crate) fn read_es_descriptor(b: &[u8], entry: &mut SampleEntry) {
    let Some((0x03, es, _)) = descriptor(b, 0) else {
        return;
    };
    let Some(&flags) = es.get(2) else { return };
    let mut at = 3;
    if flags & 0x80 != 0 {
        at += 2;
    }
    if flags & 0x40 != 0 {
        at += 1 + usize::from(es.get(at).copied().unwrap_or(0));
    }
    if flags & 0x20 != 0 {
        at += 2;
    }
    let Some((0x04, config, _)) = descriptor(es, at) else {
        return;
    };
    entry.object_type = config.first().copied();
    if let Some((0x05, asc, _)) = descriptor(config, 13) {
        entry.asc = audio_specific_config(asc);
    }
}

/// Output sample rate (after SBR) and channel configuration (2 with parametric stereo) of an
/// AAC AudioSpecificConfig (ISO 14496-3 §1.6.2.1), as ffprobe reports them.
///
/// ```
/// use pipes_media_probe::isobmff::audio_specific_config;
/// assert_eq!(audio_specific_config(&[0x12, 0x10]), Some((44_100, 2)));
/// ```
pub fn audio_specific_config(b: &[u8]) -> Option<(u32, u8)> {
    const RATES: [u32; 13] = [
        96_000, 88_200, 64_000, 48_000, 44_100, 32_000, 24_000, 22_050, 16_000, 12_000, 11_025,
        8_000, 7_350,
    ];
    let mut bits = Bits { b, pos: 0 };
    let mut object = bits.take(5)?;
    if object == 31 {
        object = 32 + bits.take(6)?;
    }
    let mut rate = match bits.take(4)? {
        15 => bits.take(24)?,
        i => *RATES.get(i as usize)?,
    };
    let channels = bits.take(4)? as u8;
    if object == 5 || object == 29 {
        rate = match bits.take(4)? {
            15 => bits.take(24)?,
            i => *RATES.get(i as usize)?,
        };
        if object == 29 && channels == 1 {
            return Some((rate, 2)); // parametric stereo decodes to two channels
        }
    }
    Some((rate, channels))
}

/// A big-endian bit reader.
struct Bits<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Bits<'_> {
    fn take(&mut self, n: usize) -> Option<u32> {
        let mut v = 0u32;
        for _ in 0..n {
            let byte = *self.b.get(self.pos / 8)?;
            v = (v << 1) | u32::from((byte >> (7 - self.pos % 8)) & 1);
            self.pos += 1;
        }
        Some(v)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn aac_lc_and_he_aac_configs() {
        assert_eq!(audio_specific_config(&[0x12, 0x10]), Some((44_100, 2)));
        // HE-AAC: object 5, core 22050 Hz, stereo, extension 44100 Hz.
        assert_eq!(
            audio_specific_config(&[0x2B, 0x92, 0x08, 0x00]),
            Some((44_100, 2))
        );
        assert_eq!(audio_specific_config(&[]), None);
    }
}
