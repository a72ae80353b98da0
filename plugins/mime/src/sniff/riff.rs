//! RIFF containers: WAV, WebP (still or animated), AVI (chunks and WAV format tags from
//! `pipes_media_probe`).

use pipes_media_probe::{riff, wav, Codec, Container};

use super::Sniffed;

/// Most chunks walked looking for a WebP animation flag or a WAV `fmt ` chunk.
const MAX_CHUNKS: usize = 16;

pub(super) fn sniff(head: &[u8]) -> Option<Sniffed> {
    let (form, rf64) = riff::form(head)?;
    match form {
        b"WAVE" => Some(Sniffed::new("audio/wav", Container::Wav.name()).codec(wav_codec(head))),
        b"WEBP" if !rf64 => Some(Sniffed::new("image/webp", "webp").animated(webp_animated(head))),
        b"AVI " if !rf64 => Some(Sniffed::new("video/x-msvideo", Container::Avi.name())),
        _ => None,
    }
}

fn webp_animated(head: &[u8]) -> bool {
    riff::chunks(head)
        .take(MAX_CHUNKS)
        .any(|(id, body)| match id {
            b"VP8X" => body.first().is_some_and(|flags| flags & 0x02 != 0),
            b"ANIM" | b"ANMF" => true,
            _ => false,
        })
}

fn wav_codec(head: &[u8]) -> Option<&'static str> {
    let (_, fmt) = riff::chunks(head)
        .take(MAX_CHUNKS)
        .find(|(id, _)| *id == b"fmt ")?;
    let (tag, bits) = wav::format_tag(fmt)?;
    Some(wav::codec(tag, bits))
        .filter(|c| *c != Codec::Unknown)
        .map(Codec::name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn riff(form: &[u8; 4], chunks: &[(&[u8; 4], Vec<u8>)]) -> Vec<u8> {
        let mut body = form.to_vec();
        for (id, data) in chunks {
            body.extend_from_slice(*id);
            body.extend_from_slice(&(data.len() as u32).to_le_bytes());
            body.extend_from_slice(data);
            if data.len() % 2 == 1 {
                body.push(0);
            }
        }
        let mut out = b"RIFF".to_vec();
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        out.extend(body);
        out
    }

    #[test]
    fn webp_still_and_animated() {
        let still = riff(b"WEBP", &[(b"VP8 ", vec![0; 11])]);
        assert_eq!(sniff(&still).and_then(|s| s.animated), Some(false));
        let anim = riff(b"WEBP", &[(b"VP8X", vec![0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0])]);
        assert_eq!(sniff(&anim).and_then(|s| s.animated), Some(true));
    }

    #[test]
    fn wav_codec_from_fmt() {
        let mut fmt = vec![0u8; 16];
        fmt[0] = 1;
        let wav = riff(b"WAVE", &[(b"fmt ", fmt)]);
        let s = sniff(&wav).unwrap_or_default();
        assert_eq!((s.mime, s.codec), (Some("audio/wav"), Some("pcm_s16le")));
        assert_eq!(
            sniff(b"RIFF\xff\xff\xff\xffWAVEfmt \xff\xff\xff\xff").and_then(|s| s.mime),
            Some("audio/wav")
        );
    }
}
