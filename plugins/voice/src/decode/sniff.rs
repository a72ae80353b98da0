//! Which container the first bytes show, so the stage takes only what it can decode.

/// A container the decoder reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// Ogg (Opus, Vorbis, FLAC).
    Ogg,
    /// MPEG audio (mp3), with or without an ID3v2 tag.
    Mpeg,
    /// Raw AAC in ADTS frames.
    Adts,
    /// ISO base media: mp4, m4a, 3gp, mov.
    Mp4,
    /// WebM / Matroska.
    Matroska,
    /// RIFF WAVE.
    Wav,
    /// Native FLAC.
    Flac,
}

impl Container {
    /// A short name for the facts: `ogg`, `mp3`, `adts`, `mp4`, `matroska`, `wav`, `flac`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Ogg => "ogg",
            Self::Mpeg => "mp3",
            Self::Adts => "adts",
            Self::Mp4 => "mp4",
            Self::Matroska => "matroska",
            Self::Wav => "wav",
            Self::Flac => "flac",
        }
    }

    /// A file extension symphonia's probe takes as a hint.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Ogg => "ogg",
            Self::Mpeg => "mp3",
            Self::Adts => "aac",
            Self::Mp4 => "mp4",
            Self::Matroska => "mkv",
            Self::Wav => "wav",
            Self::Flac => "flac",
        }
    }
}

/// The container the first bytes of a file show, if it is one the decoder reads.
///
/// ```
/// # use pipes_media_voice::sniff_container;
/// assert_eq!(sniff_container(b"OggS\0\x02").map(|c| c.name()), Some("ogg"));
/// assert_eq!(sniff_container(b"\x89PNG\r\n\x1a\n"), None);
/// ```
pub fn sniff_container(head: &[u8]) -> Option<Container> {
    let at = |i: usize, magic: &[u8]| head.get(i..i + magic.len()) == Some(magic);
    if at(0, b"OggS") {
        Some(Container::Ogg)
    } else if at(0, b"fLaC") {
        Some(Container::Flac)
    } else if at(0, b"RIFF") && at(8, b"WAVE") {
        Some(Container::Wav)
    } else if at(4, b"ftyp") {
        Some(Container::Mp4)
    } else if at(0, &[0x1A, 0x45, 0xDF, 0xA3]) {
        Some(Container::Matroska)
    } else if at(0, b"ID3") {
        Some(Container::Mpeg)
    } else if head.len() >= 4 && is_adts(head) {
        Some(Container::Adts)
    } else if head.len() >= 4 && is_mpeg_frame(head) && mpeg_frames_follow(head) {
        Some(Container::Mpeg)
    } else {
        None
    }
}

fn is_adts(h: &[u8]) -> bool {
    // 12-bit sync, layer 0, sampling index below 13.
    h[0] == 0xFF && (h[1] & 0xF6) == 0xF0 && ((h[2] >> 2) & 0x0F) < 13
}

/// An MPEG audio frame header: sync, a valid version, layer, bitrate and sample rate.
fn is_mpeg_frame(h: &[u8]) -> bool {
    h[0] == 0xFF
        && (h[1] & 0xE0) == 0xE0
        && (h[1] >> 3) & 0x03 != 0x01
        && (h[1] >> 1) & 0x03 != 0x00
        && (h[2] >> 4) != 0x0F
        && (h[2] >> 4) != 0x00
        && (h[2] >> 2) & 0x03 != 0x03
}

/// Length in bytes of the MPEG frame whose header starts `h`, when it can be computed.
fn mpeg_frame_len(h: &[u8]) -> Option<usize> {
    const V1_L3: [u32; 15] = [
        0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320,
    ];
    const V2_L3: [u32; 15] = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    let version = (h[1] >> 3) & 0x03; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
    let layer = (h[1] >> 1) & 0x03; // 1 = layer III
    if layer != 1 {
        return None;
    }
    let bitrate = usize::from(h[2] >> 4);
    let rate_index = usize::from((h[2] >> 2) & 0x03);
    let padding = usize::from((h[2] >> 1) & 0x01);
    let rates: [u32; 3] = match version {
        3 => [44_100, 48_000, 32_000],
        2 => [22_050, 24_000, 16_000],
        _ => [11_025, 12_000, 8_000],
    };
    let kbps = if version == 3 {
        V1_L3[bitrate]
    } else {
        V2_L3[bitrate]
    };
    let per_frame = if version == 3 { 144 } else { 72 };
    Some((per_frame * kbps * 1000 / rates[rate_index]) as usize + padding)
}

/// Without an ID3 tag, one sync word is too weak a sign (random data has them): for layer III
/// the next frame header must follow where the first frame ends, when the head reaches it.
fn mpeg_frames_follow(h: &[u8]) -> bool {
    match mpeg_frame_len(h) {
        Some(len) if len >= 4 => match h.get(len..len + 4) {
            Some(next) => is_mpeg_frame(next),
            None => h.len() < len + 4,
        },
        Some(_) => false,
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containers_are_told_by_their_magic() {
        let mut wav = b"RIFF\0\0\0\0WAVEfmt ".to_vec();
        assert_eq!(sniff_container(&wav), Some(Container::Wav));
        wav[8] = b'X';
        assert_eq!(sniff_container(&wav), None);
        assert_eq!(sniff_container(b"\0\0\0\x20ftypM4A "), Some(Container::Mp4));
        assert_eq!(
            sniff_container(&[0x1A, 0x45, 0xDF, 0xA3, 1]),
            Some(Container::Matroska)
        );
        assert_eq!(sniff_container(b"ID3\x04"), Some(Container::Mpeg));
        assert_eq!(
            sniff_container(&[0xFF, 0xF1, 0x50, 0x80]),
            Some(Container::Adts)
        );
        assert_eq!(sniff_container(b""), None);
        assert_eq!(sniff_container(b"\xFF"), None);
    }

    #[test]
    fn an_mp3_frame_needs_its_successor() {
        // MPEG-1 layer III, 128 kbps, 44.1 kHz: 417 bytes a frame.
        let mut two = vec![0u8; 417 + 4];
        two[..4].copy_from_slice(&[0xFF, 0xFB, 0x90, 0x00]);
        two[417..].copy_from_slice(&[0xFF, 0xFB, 0x90, 0x00]);
        assert_eq!(sniff_container(&two), Some(Container::Mpeg));
        two[417] = 0;
        assert_eq!(sniff_container(&two), None);
    }
}
