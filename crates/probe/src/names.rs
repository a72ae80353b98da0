//! The one table of codec and container names used across the report.
//!
//! Codec names are ffprobe's `codec_name` spellings (`amr_nb`, `opus`, `pcm_s16le`, `h264`…),
//! so a report line reads the same whichever stage wrote it and whatever tool checks it.
//! Each container parser maps its own identifiers (MP4 sample-entry four-character codes,
//! Matroska codec ids, WAV format tags, Ogg header magics…) to a [`Codec`]; only this file
//! spells the names.

/// An audio or video codec, named as ffprobe names it ([`Codec::name`]).
///
/// ```
/// use pipes_media_probe::Codec;
/// assert_eq!(Codec::AmrNb.name(), "amr_nb");
/// assert_eq!(Codec::PcmS16le.name(), "pcm_s16le");
/// assert!(Codec::H264.is_video());
/// assert_eq!(Codec::from_name("amr_wb"), Some(Codec::AmrWb));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[allow(missing_docs)] // each variant is its name
pub enum Codec {
    // Audio.
    Aac,
    Mp1,
    Mp2,
    Mp3,
    Opus,
    Vorbis,
    Flac,
    Speex,
    Alac,
    AmrNb,
    AmrWb,
    Ac3,
    Eac3,
    Dts,
    TrueHd,
    PcmU8,
    PcmS8,
    PcmS16le,
    PcmS16be,
    PcmS24le,
    PcmS24be,
    PcmS32le,
    PcmS32be,
    PcmF32le,
    PcmF32be,
    PcmF64le,
    PcmF64be,
    PcmAlaw,
    PcmMulaw,
    AdpcmMs,
    AdpcmImaWav,
    AdpcmSwf,
    GsmMs,
    Wmav1,
    Wmav2,
    WmaPro,
    WmaLossless,
    WmaVoice,
    Ape,
    WavPack,
    Tta,
    Tak,
    Musepack7,
    Musepack8,
    DsdLsbf,
    DsdMsbf,
    DsdLsbfPlanar,
    DsdMsbfPlanar,
    Nellymoser,
    Qdm2,
    Mace3,
    Mace6,
    // Video.
    H264,
    Hevc,
    Vp8,
    Vp9,
    Vp6f,
    Av1,
    Mpeg4,
    H263,
    Flv1,
    Theora,
    Daala,
    Mjpeg,
    Mpeg1Video,
    Mpeg2Video,
    Msmpeg4v2,
    Msmpeg4v3,
    Wmv1,
    Wmv2,
    Wmv3,
    Vc1,
    RawVideo,
    ProRes,
    /// A codec this crate does not name.
    Unknown,
}

/// Every codec with its name and whether it is video: the table.
const TABLE: &[(Codec, &str, bool)] = &[
    (Codec::Aac, "aac", false),
    (Codec::Mp1, "mp1", false),
    (Codec::Mp2, "mp2", false),
    (Codec::Mp3, "mp3", false),
    (Codec::Opus, "opus", false),
    (Codec::Vorbis, "vorbis", false),
    (Codec::Flac, "flac", false),
    (Codec::Speex, "speex", false),
    (Codec::Alac, "alac", false),
    (Codec::AmrNb, "amr_nb", false),
    (Codec::AmrWb, "amr_wb", false),
    (Codec::Ac3, "ac3", false),
    (Codec::Eac3, "eac3", false),
    (Codec::Dts, "dts", false),
    (Codec::TrueHd, "truehd", false),
    (Codec::PcmU8, "pcm_u8", false),
    (Codec::PcmS8, "pcm_s8", false),
    (Codec::PcmS16le, "pcm_s16le", false),
    (Codec::PcmS16be, "pcm_s16be", false),
    (Codec::PcmS24le, "pcm_s24le", false),
    (Codec::PcmS24be, "pcm_s24be", false),
    (Codec::PcmS32le, "pcm_s32le", false),
    (Codec::PcmS32be, "pcm_s32be", false),
    (Codec::PcmF32le, "pcm_f32le", false),
    (Codec::PcmF32be, "pcm_f32be", false),
    (Codec::PcmF64le, "pcm_f64le", false),
    (Codec::PcmF64be, "pcm_f64be", false),
    (Codec::PcmAlaw, "pcm_alaw", false),
    (Codec::PcmMulaw, "pcm_mulaw", false),
    (Codec::AdpcmMs, "adpcm_ms", false),
    (Codec::AdpcmImaWav, "adpcm_ima_wav", false),
    (Codec::AdpcmSwf, "adpcm_swf", false),
    (Codec::GsmMs, "gsm_ms", false),
    (Codec::Wmav1, "wmav1", false),
    (Codec::Wmav2, "wmav2", false),
    (Codec::WmaPro, "wmapro", false),
    (Codec::WmaLossless, "wmalossless", false),
    (Codec::WmaVoice, "wmavoice", false),
    (Codec::Ape, "ape", false),
    (Codec::WavPack, "wavpack", false),
    (Codec::Tta, "tta", false),
    (Codec::Tak, "tak", false),
    (Codec::Musepack7, "musepack7", false),
    (Codec::Musepack8, "musepack8", false),
    (Codec::DsdLsbf, "dsd_lsbf", false),
    (Codec::DsdMsbf, "dsd_msbf", false),
    (Codec::DsdLsbfPlanar, "dsd_lsbf_planar", false),
    (Codec::DsdMsbfPlanar, "dsd_msbf_planar", false),
    (Codec::Nellymoser, "nellymoser", false),
    (Codec::Qdm2, "qdm2", false),
    (Codec::Mace3, "mace3", false),
    (Codec::Mace6, "mace6", false),
    (Codec::H264, "h264", true),
    (Codec::Hevc, "hevc", true),
    (Codec::Vp8, "vp8", true),
    (Codec::Vp9, "vp9", true),
    (Codec::Vp6f, "vp6f", true),
    (Codec::Av1, "av1", true),
    (Codec::Mpeg4, "mpeg4", true),
    (Codec::H263, "h263", true),
    (Codec::Flv1, "flv1", true),
    (Codec::Theora, "theora", true),
    (Codec::Daala, "daala", true),
    (Codec::Mjpeg, "mjpeg", true),
    (Codec::Mpeg1Video, "mpeg1video", true),
    (Codec::Mpeg2Video, "mpeg2video", true),
    (Codec::Msmpeg4v2, "msmpeg4v2", true),
    (Codec::Msmpeg4v3, "msmpeg4v3", true),
    (Codec::Wmv1, "wmv1", true),
    (Codec::Wmv2, "wmv2", true),
    (Codec::Wmv3, "wmv3", true),
    (Codec::Vc1, "vc1", true),
    (Codec::RawVideo, "rawvideo", true),
    (Codec::ProRes, "prores", true),
    (Codec::Unknown, "unknown", false),
];

impl Codec {
    /// ffprobe's `codec_name` for this codec (`unknown` for [`Codec::Unknown`]).
    pub fn name(self) -> &'static str {
        // The table lists the variants in declaration order (checked by a test).
        TABLE
            .get(self as usize)
            .map_or("unknown", |(_, name, _)| name)
    }

    /// Whether this is a video codec.
    pub fn is_video(self) -> bool {
        TABLE.get(self as usize).is_some_and(|(_, _, video)| *video)
    }

    /// The codec ffprobe names `name`.
    pub fn from_name(name: &str) -> Option<Codec> {
        TABLE
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(c, _, _)| *c)
    }

    /// The PCM codec of `bits`-bit samples (`float`: IEEE floats; `big`: big-endian), as
    /// ffprobe names raw PCM in WAV, AIFF, CAF and QuickTime.
    pub fn pcm(bits: u16, float: bool, big: bool) -> Codec {
        match (float, u32::from(bits).div_ceil(8) * 8, big) {
            (false, 8, _) if !big => Codec::PcmU8,
            (false, 8, _) => Codec::PcmS8,
            (false, 16, false) => Codec::PcmS16le,
            (false, 16, true) => Codec::PcmS16be,
            (false, 24, false) => Codec::PcmS24le,
            (false, 24, true) => Codec::PcmS24be,
            (false, 32, false) => Codec::PcmS32le,
            (false, 32, true) => Codec::PcmS32be,
            (true, 64, false) => Codec::PcmF64le,
            (true, 64, true) => Codec::PcmF64be,
            (true, _, false) => Codec::PcmF32le,
            (true, _, true) => Codec::PcmF32be,
            _ => Codec::Unknown,
        }
    }
}

impl std::fmt::Display for Codec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A container, named as the `audio` stage reports it (`container`) and the `mime` stage
/// reports it (`format`) ([`Container::name`]).
///
/// ```
/// use pipes_media_probe::Container;
/// assert_eq!(Container::Matroska.name(), "matroska");
/// assert_eq!(Container::WavPack.name(), "wv");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[allow(missing_docs)] // each variant is its name
pub enum Container {
    Ogg,
    /// MPEG audio elementary stream (layer I, II or III).
    Mp3,
    Mp4,
    M4a,
    ThreeGp,
    ThreeG2,
    Mov,
    Wav,
    Flac,
    Amr,
    Adts,
    Aiff,
    Webm,
    Matroska,
    Asf,
    Avi,
    Flv,
    MpegPs,
    MpegTs,
    Ape,
    WavPack,
    Tta,
    Tak,
    Musepack,
    Dsf,
    Dff,
    Ac3,
    Eac3,
}

impl Container {
    /// The container's short name: `ogg`, `mp3`, `mp4`, `m4a`, `3gp`, `3g2`, `mov`, `wav`,
    /// `flac`, `amr`, `adts`, `aiff`, `webm`, `matroska`, `asf`, `avi`, `flv`, `mpeg`,
    /// `mpegts`, `ape`, `wv`, `tta`, `tak`, `mpc`, `dsf`, `dff`, `ac3`, `eac3`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Ogg => "ogg",
            Self::Mp3 => "mp3",
            Self::Mp4 => "mp4",
            Self::M4a => "m4a",
            Self::ThreeGp => "3gp",
            Self::ThreeG2 => "3g2",
            Self::Mov => "mov",
            Self::Wav => "wav",
            Self::Flac => "flac",
            Self::Amr => "amr",
            Self::Adts => "adts",
            Self::Aiff => "aiff",
            Self::Webm => "webm",
            Self::Matroska => "matroska",
            Self::Asf => "asf",
            Self::Avi => "avi",
            Self::Flv => "flv",
            Self::MpegPs => "mpeg",
            Self::MpegTs => "mpegts",
            Self::Ape => "ape",
            Self::WavPack => "wv",
            Self::Tta => "tta",
            Self::Tak => "tak",
            Self::Musepack => "mpc",
            Self::Dsf => "dsf",
            Self::Dff => "dff",
            Self::Ac3 => "ac3",
            Self::Eac3 => "eac3",
        }
    }
}

impl std::fmt::Display for Container {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pcm_of_any_bit_count_does_not_overflow() {
        assert_eq!(Codec::pcm(u16::MAX, false, false), Codec::Unknown);
        assert_eq!(Codec::pcm(u16::MAX, true, true), Codec::PcmF32be);
    }

    #[test]
    fn every_name_is_unique_and_round_trips() {
        for (i, (codec, name, _)) in TABLE.iter().enumerate() {
            assert_eq!(*codec as usize, i, "{name} is out of order");
            assert_eq!(codec.name(), *name);
            assert_eq!(Codec::from_name(name), Some(*codec));
            assert!(TABLE[i + 1..]
                .iter()
                .all(|(c, n, _)| c != codec && n != name));
        }
        assert_eq!(Codec::pcm(16, false, false), Codec::PcmS16le);
        assert_eq!(Codec::pcm(24, false, true), Codec::PcmS24be);
        assert_eq!(Codec::pcm(8, false, false), Codec::PcmU8);
    }
}
