//! H.264: the `avcC` record, sequence parameter sets (size, chroma format, colour description
//! from the VUI, read with `h264-reader`), length-prefixed samples turned into the Annex B
//! stream OpenH264 reads, and the decode of one group of pictures ([`decode`]).

mod decode;

use h264_reader::nal::sps::{ChromaFormat, FrameMbsFlags, SeqParameterSet};
use h264_reader::nal::{Nal, RefNal};

pub(crate) use decode::decode_gop;

use crate::video::error::VideoError;
use crate::video::yuv::{ColorInfo, Matrix};

/// An `AVCDecoderConfigurationRecord`: NAL length size and parameter sets.
#[derive(Debug, Clone, Default)]
pub(crate) struct AvcConfig {
    /// Bytes of the length before each NAL unit in a sample (1, 2 or 4).
    pub length_size: usize,
    pub sps: Vec<Vec<u8>>,
    pub pps: Vec<Vec<u8>>,
}

impl AvcConfig {
    /// Parses an `avcC` payload; an empty one (an `avc3` entry without a record) means
    /// 4-byte lengths and parameter sets in the samples.
    pub(crate) fn parse(avcc: &[u8]) -> Result<Self, VideoError> {
        if avcc.is_empty() {
            return Ok(Self {
                length_size: 4,
                ..Self::default()
            });
        }
        let bad = || VideoError::Invalid("the avcC record is cut short".into());
        if avcc.first() != Some(&1) {
            return Err(VideoError::Invalid(format!(
                "avcC configuration version {:?}",
                avcc.first()
            )));
        }
        let length_size = usize::from(avcc.get(4).ok_or_else(bad)? & 0x03) + 1;
        if length_size == 3 {
            return Err(VideoError::Invalid("avcC NAL length size 3".into()));
        }
        let mut pos = 5;
        let sets = |count: usize, pos: &mut usize| -> Result<Vec<Vec<u8>>, VideoError> {
            let mut out = Vec::new();
            for _ in 0..count {
                let len = avcc.get(*pos..*pos + 2).ok_or_else(bad)?;
                let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
                let set = avcc.get(*pos + 2..*pos + 2 + len).ok_or_else(bad)?;
                out.push(set.to_vec());
                *pos += 2 + len;
            }
            Ok(out)
        };
        let sps_count = usize::from(avcc.get(pos).ok_or_else(bad)? & 0x1F);
        pos += 1;
        let sps = sets(sps_count, &mut pos)?;
        let pps_count = usize::from(*avcc.get(pos).ok_or_else(bad)?);
        pos += 1;
        let pps = sets(pps_count, &mut pos)?;
        Ok(Self {
            length_size,
            sps,
            pps,
        })
    }

    /// The parameter sets as Annex B (start code before each).
    pub(crate) fn annex_b(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for set in self.sps.iter().chain(&self.pps) {
            out.extend_from_slice(&[0, 0, 0, 1]);
            out.extend_from_slice(set);
        }
        out
    }

    /// A sample (length-prefixed NAL units) as Annex B appended to `out`; SPS units found in
    /// it are kept in `in_band_sps` (an `avc3` stream carries them there).
    pub(crate) fn to_annex_b(
        &self,
        sample: &[u8],
        out: &mut Vec<u8>,
        in_band_sps: &mut Vec<Vec<u8>>,
    ) -> Result<(), VideoError> {
        let mut pos = 0usize;
        while pos < sample.len() {
            let len_bytes = sample
                .get(pos..pos + self.length_size)
                .ok_or_else(|| VideoError::Invalid("a NAL length is cut short".into()))?;
            let len = len_bytes
                .iter()
                .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
            pos += self.length_size;
            let nal = sample.get(pos..pos + len).ok_or_else(|| {
                VideoError::Invalid(format!(
                    "a NAL unit of {len} bytes runs past its sample of {} bytes",
                    sample.len()
                ))
            })?;
            if nal.first().is_some_and(|h| h & 0x1F == 7) && in_band_sps.len() < 4 {
                in_band_sps.push(nal.to_vec());
            }
            out.extend_from_slice(&[0, 0, 0, 1]);
            out.extend_from_slice(nal);
            pos += len;
        }
        Ok(())
    }
}

/// What a sequence parameter set says about the pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StreamInfo {
    /// Displayed size (after the SPS cropping).
    pub width: u32,
    pub height: u32,
    pub color: ColorInfo,
}

/// Reads a sequence parameter set NAL unit (header byte included), refusing what OpenH264
/// cannot decode (interlaced coding, 4:2:2 and 4:4:4, more than 8 bits) with
/// `UNSUPPORTED_CODEC`.
pub(crate) fn stream_info(sps: &[u8]) -> Result<StreamInfo, VideoError> {
    let nal = RefNal::new(sps, &[], true);
    let sps = SeqParameterSet::from_bits(nal.rbsp_bits())
        .map_err(|e| VideoError::Invalid(format!("sequence parameter set: {e:?}")))?;
    let unsupported = |what: &str| VideoError::UnsupportedCodec {
        codec: format!("H.264 {what} (avc1)"),
    };
    if !matches!(sps.frame_mbs_flags, FrameMbsFlags::Frames) {
        return Err(unsupported("interlaced"));
    }
    match sps.chroma_info.chroma_format {
        ChromaFormat::YUV420 => {}
        ChromaFormat::Monochrome => return Err(unsupported("monochrome")),
        ChromaFormat::YUV422 => return Err(unsupported("4:2:2")),
        _ => return Err(unsupported("4:4:4")),
    }
    if sps.chroma_info.bit_depth_luma_minus8 > 0 || sps.chroma_info.bit_depth_chroma_minus8 > 0 {
        return Err(unsupported(&format!(
            "{}-bit",
            8 + sps.chroma_info.bit_depth_luma_minus8
        )));
    }
    let (width, height) = sps
        .pixel_dimensions()
        .map_err(|e| VideoError::Invalid(format!("sequence parameter set size: {e:?}")))?;
    let signal = sps
        .vui_parameters
        .as_ref()
        .and_then(|v| v.video_signal_type.as_ref());
    let matrix = signal
        .and_then(|s| s.colour_description.as_ref())
        .map_or(Matrix::Bt601, |c| Matrix::from_h273(c.matrix_coefficients));
    let full_range = signal.is_some_and(|s| s.video_full_range_flag);
    Ok(StreamInfo {
        width,
        height,
        color: ColorInfo { matrix, full_range },
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_avcc_and_converts_samples() {
        // version 1, High profile, 4-byte lengths, one SPS (2 bytes), one PPS (1 byte).
        let avcc = [1, 100, 0, 31, 0xFF, 0xE1, 0, 2, 0x67, 0x64, 1, 0, 1, 0x68];
        let config = AvcConfig::parse(&avcc).unwrap();
        assert_eq!(config.length_size, 4);
        assert_eq!(config.sps, [vec![0x67, 0x64]]);
        assert_eq!(config.pps, [vec![0x68]]);
        assert_eq!(config.annex_b(), [0, 0, 0, 1, 0x67, 0x64, 0, 0, 0, 1, 0x68]);
        let mut out = Vec::new();
        let mut sps = Vec::new();
        config
            .to_annex_b(
                &[0, 0, 0, 2, 0x65, 0xAA, 0, 0, 0, 1, 0x67],
                &mut out,
                &mut sps,
            )
            .unwrap();
        assert_eq!(out, [0, 0, 0, 1, 0x65, 0xAA, 0, 0, 0, 1, 0x67]);
        assert_eq!(sps, [vec![0x67]]);
        // A length past the sample, a record cut short: typed errors.
        assert!(config
            .to_annex_b(&[0, 0, 0, 9, 0x65], &mut out, &mut sps)
            .is_err());
        assert!(AvcConfig::parse(&avcc[..9]).is_err());
    }
}
