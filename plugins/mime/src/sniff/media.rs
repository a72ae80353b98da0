//! Media containers `pipes_media_probe` recognises beyond the everyday ones: ASF (WMA when
//! its only stream is audio), FLV, MPEG program and transport streams, WavPack, TTA, Monkey's
//! Audio, TAK, Musepack (SV7 and SV8), DSF and DSDIFF, ADIF AAC, AC-3 and E-AC-3 (also after an
//! ID3 tag). Which container it is comes from [`pipes_media_probe::detect`], the stream details
//! from the probe's header parsers; the MIME names are ours.
//!
//! A magic number with nothing behind it is a stub ([`super::stub`]), told before this runs.

use pipes_media_probe::{
    ac3, adif, asf, detect, measure, wavpack, Codec, Container, Format, Limits,
};

use super::source::Source;
use super::{be32, le16, Sniffed};

/// The largest ASF header object read when telling WMA from WMV (it holds the stream list;
/// a larger one is not followed).
const ASF_MAX_HEADER: u64 = 1024 * 1024;

/// A container with a signature: ASF, FLV, MPEG-PS/TS, or one of [`sniff_magic`]'s.
pub(super) fn sniff(src: &mut Source<'_>) -> Option<Sniffed> {
    let head = src.head();
    if head.starts_with(b"ADIF") {
        adif::header(head)?;
        return Some(audio("audio/aac", "adif", Codec::Aac));
    }
    if !has_container_magic(head) {
        return None;
    }
    match detect(head)? {
        Format::Asf => Some(asf(src)),
        Format::Flv => {
            // Version 1, reserved flag bits clear, a 9-byte header.
            let ok = head.get(4).is_some_and(|f| f & 0xFA == 0) && be32(head, 5) == Some(9);
            ok.then(|| Sniffed::new("video/x-flv", Container::Flv.name()))
        }
        Format::MpegPs => Some(Sniffed::new("video/mpeg", Container::MpegPs.name())),
        Format::MpegTs => Some(Sniffed::new("video/mp2t", Container::MpegTs.name())),
        format => sniff_magic(head, format),
    }
}

/// ASF: `audio/x-ms-wma` when the stream list holds audio and no video, else
/// `video/x-ms-asf` (also when the header cannot be read).
fn asf(src: &mut Source<'_>) -> Sniffed {
    let limits = Limits::new(ASF_MAX_HEADER, 4096, 8, f64::MAX);
    let Ok(info) = measure(Format::Asf, src.probe(), &limits) else {
        return Sniffed::new("video/x-ms-asf", Container::Asf.name());
    };
    let video = info.is_video();
    let mut found = if video {
        Sniffed::new("video/x-ms-asf", Container::Asf.name())
            .codec(info.video_codec.or(info.codec).map(Codec::name))
    } else {
        Sniffed::new("audio/x-ms-wma", Container::Asf.name()).codec(info.codec.map(Codec::name))
    };
    found.has_video = Some(video);
    found.has_audio = Some(info.codec.is_some());
    found
}

/// A stream after its magic: WavPack, TTA, APE, TAK, Musepack, DSD. AC-3 is left to
/// [`sniff_ac3`] (a sync word, weaker than a magic).
fn sniff_magic(head: &[u8], format: Format) -> Option<Sniffed> {
    let (mime, container, codec) = match format {
        Format::WavPack => {
            wavpack::block(head)?;
            ("audio/x-wavpack", Container::WavPack, Codec::WavPack)
        }
        Format::Tta => {
            // TTA1: format 1-3, a channel count, 8/16/24-bit samples.
            let ok = matches!(le16(head, 4), Some(1..=3))
                && le16(head, 6).is_some_and(|c| c > 0)
                && matches!(le16(head, 8), Some(8 | 16 | 24));
            if !ok {
                return None;
            }
            ("audio/x-tta", Container::Tta, Codec::Tta)
        }
        Format::Ape => ("audio/x-ape", Container::Ape, Codec::Ape),
        Format::Tak => ("audio/x-tak", Container::Tak, Codec::Tak),
        Format::Musepack => {
            let codec = if head.starts_with(b"MP+") {
                Codec::Musepack7
            } else {
                Codec::Musepack8
            };
            ("audio/x-musepack", Container::Musepack, codec)
        }
        Format::Dsf => ("audio/x-dsf", Container::Dsf, Codec::DsdLsbf),
        Format::Dff => ("audio/x-dff", Container::Dff, Codec::DsdMsbf),
        _ => return None,
    };
    Some(audio(mime, container.name(), codec))
}

/// AC-3 or E-AC-3 frames at the start of `head` (two in a row, or one that ends the data).
pub(super) fn sniff_ac3(head: &[u8]) -> Option<Sniffed> {
    if !ac3::looks_like_ac3(head) {
        return None;
    }
    let frame = ac3::frame(head)?;
    Some(if frame.enhanced {
        audio("audio/eac3", Container::Eac3.name(), Codec::Eac3)
    } else {
        audio("audio/ac3", Container::Ac3.name(), Codec::Ac3)
    })
}

/// What follows an ID3v2 tag when it is not MPEG audio: one of the magic formats above.
pub(super) fn after_tag(after: &[u8]) -> Option<Sniffed> {
    if after.starts_with(&[0x0B, 0x77]) {
        return sniff_ac3(after);
    }
    if !MAGICS.iter().any(|m| after.starts_with(m)) {
        return None;
    }
    detect(after).and_then(|format| sniff_magic(after, format))
}

/// The first bytes of the formats [`sniff_magic`] names.
const MAGICS: &[&[u8]] = &[
    b"wvpk", b"TTA1", b"MAC ", b"tBaK", b"MPCK", b"MP+", b"DSD ", b"FRM8",
];

/// Whether `head` starts like a container [`sniff`] asks the probe about. [`detect`] tries
/// every format the probe knows, an MPEG frame search last: too much to run on every file
/// that is none of them.
fn has_container_magic(head: &[u8]) -> bool {
    let ts = |offset: usize| head.get(offset) == Some(&0x47);
    MAGICS.iter().any(|m| head.starts_with(m))
        || head.starts_with(&asf::HEADER)
        || head.starts_with(b"FLV\x01")
        || head.starts_with(&[0, 0, 1, 0xBA])
        || ts(0)
        || ts(4)
}

fn audio(mime: &'static str, format: &'static str, codec: Codec) -> Sniffed {
    let mut found = Sniffed::new(mime, format).codec(Some(codec.name()));
    found.has_audio = Some(true);
    found.has_video = Some(false);
    found
}

#[cfg(test)]
mod tests {
    use super::super::sniff_head;

    #[test]
    fn magic_formats_with_their_headers() {
        let mut tta = b"TTA1\x01\0\x02\0\x10\0\x44\xac\0\0".to_vec();
        tta.resize(22, 0);
        let s = sniff_head(&tta);
        assert_eq!((s.mime, s.codec), (Some("audio/x-tta"), Some("tta")));
        let mut dsf = b"DSD \x1c\0\0\0\0\0\0\0".to_vec();
        dsf.resize(28, 0);
        dsf.extend_from_slice(b"fmt ");
        dsf.resize(92, 0);
        assert_eq!(sniff_head(&dsf).mime, Some("audio/x-dsf"));
        let mut mpc = b"MPCKSH\x10".to_vec();
        mpc.resize(64, 0);
        assert_eq!(sniff_head(&mpc).codec, Some("musepack8"));
        let adif = sniff_head(b"ADIF\x10\x3e\x80\0\x0a\x08\0\0\x40\0\x21\x1b");
        assert_eq!((adif.mime, adif.format), (Some("audio/aac"), Some("adif")));
    }

    #[test]
    fn ac3_and_eac3_frames() {
        // AC-3: 48 kHz, 192 kb/s, stereo: 768-byte frames.
        let mut frame = vec![0u8; 768];
        frame[..8].copy_from_slice(&[0x0B, 0x77, 0, 0, 0x14, 0x40, 0x43, 0]);
        let s = sniff_head(&frame.repeat(2));
        assert_eq!((s.mime, s.codec), (Some("audio/ac3"), Some("ac3")));
    }
}
