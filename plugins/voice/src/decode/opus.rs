//! Opus through the pure-Rust `opus-decoder` crate: the `OpusHead` (RFC 7845 §5.1) read from
//! the track's extra data, mono/stereo and multistream (surround) layouts, the header's output
//! gain applied.

use opus_decoder::{OpusDecoder, OpusMultistreamDecoder};

use crate::error::VoiceError;

/// Opus always decodes at 48 kHz here, as ffmpeg and libopus do by default.
pub const OPUS_RATE: u32 = 48_000;

/// The longest Opus packet: 120 ms at 48 kHz, per channel.
const MAX_FRAMES: usize = 5760;

/// What an `OpusHead` says.
#[derive(Debug, Clone, PartialEq)]
pub struct OpusHead {
    /// Output channels, 1–255.
    pub channels: usize,
    /// Samples at 48 kHz to drop at the start.
    pub pre_skip: u32,
    /// Linear gain to apply (from the header's Q7.8 dB value).
    pub gain: f32,
    /// Channel mapping family, streams, coupled streams and the mapping table.
    pub mapping: Option<(u8, usize, usize, Vec<u8>)>,
}

impl OpusHead {
    /// Parses the header (the track's extra data, `OpusHead` magic included).
    pub fn parse(data: &[u8]) -> Result<Self, VoiceError> {
        let bad = |why: &str| VoiceError::InvalidParameters(format!("OpusHead: {why}"));
        if data.len() < 19 || &data[..8] != b"OpusHead" {
            return Err(bad("missing or short"));
        }
        if data[8] >> 4 != 0 {
            return Err(bad("unsupported major version"));
        }
        let channels = usize::from(data[9]);
        if channels == 0 {
            return Err(bad("zero channels"));
        }
        let pre_skip = u32::from(u16::from_le_bytes([data[10], data[11]]));
        let gain_q8 = i16::from_le_bytes([data[16], data[17]]);
        let gain = 10f32.powf(f32::from(gain_q8) / (20.0 * 256.0));
        let family = data[18];
        let mapping = if family == 0 {
            if channels > 2 {
                return Err(bad("family 0 with more than two channels"));
            }
            None
        } else {
            let table = data
                .get(19..21 + channels)
                .ok_or_else(|| bad("mapping table cut short"))?;
            let streams = usize::from(table[0]);
            let coupled = usize::from(table[1]);
            if streams == 0 || coupled > streams || streams + coupled > 255 {
                return Err(bad("stream counts out of range"));
            }
            Some((family, streams, coupled, table[2..].to_vec()))
        };
        Ok(Self {
            channels,
            pre_skip,
            gain,
            mapping,
        })
    }
}

enum Inner {
    Single(Box<OpusDecoder>),
    Multi(OpusMultistreamDecoder),
}

/// An Opus decoder giving interleaved f32 at 48 kHz.
pub struct OpusStream {
    inner: Inner,
    head: OpusHead,
    pcm: Vec<f32>,
}

impl OpusStream {
    /// A decoder for the stream `head` describes.
    pub fn new(head: OpusHead) -> Result<Self, VoiceError> {
        let invalid = |e: opus_decoder::OpusError| VoiceError::InvalidParameters(e.to_string());
        let inner = match &head.mapping {
            None => Inner::Single(Box::new(
                OpusDecoder::new(OPUS_RATE, head.channels).map_err(invalid)?,
            )),
            Some((_, streams, coupled, table)) => Inner::Multi(
                OpusMultistreamDecoder::new(OPUS_RATE, head.channels, *streams, *coupled, table)
                    .map_err(invalid)?,
            ),
        };
        let pcm = vec![0.0; MAX_FRAMES * head.channels];
        Ok(Self { inner, head, pcm })
    }

    /// The header the stream was made from.
    pub fn head(&self) -> &OpusHead {
        &self.head
    }

    /// Decodes one packet; the interleaved samples (frames × channels) are returned.
    pub fn decode(&mut self, packet: &[u8]) -> Result<&[f32], opus_decoder::OpusError> {
        if packet.is_empty() {
            // An empty packet would ask for loss concealment; a container never means that.
            return Err(opus_decoder::OpusError::InvalidPacket);
        }
        let frames = match &mut self.inner {
            Inner::Single(d) => d.decode_float(packet, &mut self.pcm, false)?,
            Inner::Multi(d) => d.decode_float(packet, &mut self.pcm, false)?,
        };
        let n = (frames * self.head.channels).min(self.pcm.len());
        let out = &mut self.pcm[..n];
        if self.head.gain != 1.0 {
            for s in out.iter_mut() {
                *s *= self.head.gain;
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(channels: u8, pre_skip: u16, gain: i16, family: u8) -> Vec<u8> {
        let mut h = b"OpusHead".to_vec();
        h.push(1);
        h.push(channels);
        h.extend_from_slice(&pre_skip.to_le_bytes());
        h.extend_from_slice(&16_000u32.to_le_bytes());
        h.extend_from_slice(&gain.to_le_bytes());
        h.push(family);
        h
    }

    #[test]
    fn a_mono_head_parses_with_its_gain() {
        let parsed = OpusHead::parse(&head(1, 312, 256 * 6, 0)).expect("valid");
        assert_eq!((parsed.channels, parsed.pre_skip), (1, 312));
        assert!((parsed.gain - 1.9953).abs() < 1e-3, "{}", parsed.gain);
        assert!(parsed.mapping.is_none());
    }

    #[test]
    fn hostile_heads_are_refused() {
        assert!(OpusHead::parse(b"OpusHead").is_err());
        assert!(OpusHead::parse(&head(0, 0, 0, 0)).is_err());
        assert!(OpusHead::parse(&head(6, 0, 0, 0)).is_err());
        assert!(
            OpusHead::parse(&head(6, 0, 0, 1)).is_err(),
            "no mapping table"
        );
        let mut bad_major = head(1, 0, 0, 0);
        bad_major[8] = 0x10;
        assert!(OpusHead::parse(&bad_major).is_err());
        let mut surround = head(2, 0, 0, 1);
        surround.extend_from_slice(&[1, 1, 0, 1]);
        let parsed = OpusHead::parse(&surround).expect("a coupled stereo stream");
        assert_eq!(parsed.mapping.as_ref().map(|m| m.1), Some(1));
        assert!(OpusStream::new(parsed).is_ok());
    }

    #[test]
    fn garbage_packets_give_errors_not_panics() {
        let mut stream =
            OpusStream::new(OpusHead::parse(&head(1, 0, 0, 0)).expect("valid")).expect("decoder");
        let mut seed = 7u32;
        for len in [0usize, 1, 2, 3, 17, 200, 1275, 1276, 4000] {
            let packet: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    (seed >> 16) as u8
                })
                .collect();
            let _ = stream.decode(&packet);
        }
    }
}
