//! RIFF containers: WAV, WebP (still or animated), AVI.

use super::{has_at, le16, le32, Sniffed};

/// Most chunks walked looking for a WebP animation flag or a WAV `fmt ` chunk.
const MAX_CHUNKS: usize = 16;

pub(super) fn sniff(head: &[u8]) -> Option<Sniffed> {
    let riff = has_at(head, 0, b"RIFF");
    let rf64 = has_at(head, 0, b"RF64") || has_at(head, 0, b"BW64");
    if !riff && !rf64 {
        return None;
    }
    let form = head.get(8..12)?;
    match form {
        b"WAVE" => Some(Sniffed::new("audio/wav", "wav").codec(wav_codec(head))),
        b"WEBP" if riff => Some(Sniffed::new("image/webp", "webp").animated(webp_animated(head))),
        b"AVI " if riff => Some(Sniffed::new("video/x-msvideo", "avi")),
        _ => None,
    }
}

/// The chunks after the form type: (id, body).
fn chunks(head: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let mut at = 12usize;
    std::iter::from_fn(move || {
        let id = head.get(at..at.checked_add(4)?)?;
        let len = le32(head, at + 4)? as usize;
        let body_start = at + 8;
        let body = head.get(body_start..body_start.saturating_add(len).min(head.len()))?;
        at = body_start.checked_add(len)?.checked_add(len & 1)?;
        Some((id, body))
    })
    .take(MAX_CHUNKS)
}

fn webp_animated(head: &[u8]) -> bool {
    chunks(head).any(|(id, body)| match id {
        b"VP8X" => body.first().is_some_and(|flags| flags & 0x02 != 0),
        b"ANIM" | b"ANMF" => true,
        _ => false,
    })
}

fn wav_codec(head: &[u8]) -> Option<&'static str> {
    let (_, fmt) = chunks(head).find(|(id, _)| *id == b"fmt ")?;
    let tag = le16(fmt, 0)?;
    let tag = if tag == 0xFFFE { le16(fmt, 24)? } else { tag };
    Some(match tag {
        1 => "pcm",
        3 => "pcm_float",
        2 | 0x11 => "adpcm",
        6 => "alaw",
        7 => "mulaw",
        0x55 => "mp3",
        _ => return None,
    })
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
        assert_eq!((s.mime, s.codec), (Some("audio/wav"), Some("pcm")));
        assert_eq!(
            sniff(b"RIFF\xff\xff\xff\xffWAVEfmt \xff\xff\xff\xff").and_then(|s| s.mime),
            Some("audio/wav")
        );
    }
}
