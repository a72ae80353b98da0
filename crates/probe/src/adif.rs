//! Raw AAC with an ADIF header (ISO 14496-3 1.A.2.1): the `ADIF` magic, bit rate, and the
//! first program config element (object type, sample rate, channels). The raw data blocks
//! that follow have no frame headers, so there is nothing to count without decoding.

use crate::bytes::Bits;

/// Sample rates by sampling-frequency index (as in ADTS).
const RATES: [u32; 13] = [
    96_000, 88_200, 64_000, 48_000, 44_100, 32_000, 24_000, 22_050, 16_000, 12_000, 11_025, 8_000,
    7_350,
];

/// The ADIF header, up to the first program config element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Header {
    /// Variable (`true`) or constant bit rate.
    pub variable_rate: bool,
    /// Bit rate in bits per second (the peak, for a variable-rate stream); 0 when unknown.
    pub bitrate: u32,
    /// Audio object type minus one (0 Main, 1 LC, 2 SSR, 3 LTP).
    pub object_type: u8,
    /// Sample rate in Hz.
    pub sample_rate: u32,
    /// Channels of the first program: front, side and back elements (a pair counts two),
    /// plus LFE.
    pub channels: u32,
}

/// Parses the ADIF header at the start of `b`; `None` unless it is one, with a valid sample
/// rate index and at least one channel.
///
/// ```
/// // ADIF, variable rate, 128 kb/s, one program: AAC LC, 44.1 kHz, one stereo pair.
/// let h = pipes_media_probe::adif::header(b"ADIF\x10\x3e\x80\0\x0a\x08\0\0\x40\0")
///     .expect("an ADIF header");
/// assert_eq!((h.sample_rate, h.channels, h.bitrate), (44_100, 2, 128_000));
/// ```
pub fn header(b: &[u8]) -> Option<Header> {
    if b.get(..4)? != b"ADIF" {
        return None;
    }
    let mut bits = Bits::new(b.get(4..)?);
    if bits.take(1)? == 1 {
        bits.skip(72); // copyright_id
    }
    bits.skip(2); // original_copy, home
    let variable_rate = bits.take(1)? == 1;
    let bitrate = bits.take(23)?;
    let _programs = bits.take(4)?;
    if !variable_rate {
        bits.skip(20); // adif_buffer_fullness
    }
    bits.skip(4); // element_instance_tag
    let object_type = bits.take(2)? as u8;
    let rate_index = bits.take(4)? as usize;
    let sample_rate = *RATES.get(rate_index)?;
    let (front, side, back) = (bits.take(4)?, bits.take(4)?, bits.take(4)?);
    let lfe = bits.take(2)?;
    bits.skip(3 + 4); // num_assoc_data_elements, num_valid_cc_elements
                      // Mono and stereo mixdown element numbers, matrix mixdown index and pseudo surround.
    for skip in [4, 4, 3] {
        if bits.take(1)? == 1 {
            bits.skip(skip);
        }
    }
    let mut channels = lfe;
    for count in [front, side, back] {
        for _ in 0..count {
            let pair = bits.take(1)?;
            bits.skip(4);
            channels += 1 + pair;
        }
    }
    (channels > 0).then_some(Header {
        variable_rate,
        bitrate,
        object_type,
        sample_rate,
        channels,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_the_magic_and_a_channel() {
        assert_eq!(header(b"ADIF"), None);
        assert_eq!(header(b"ADTS\x10\x3e\x80\0\x0a\x08\0\0\x40\0"), None);
        // Sample rate index 15 is reserved.
        assert_eq!(header(b"ADIF\x10\x3e\x80\0\x0f\x88\0\0\x40\0"), None);
    }
}
