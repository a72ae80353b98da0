//! Matroska and WebM: the EBML `DocType`, then track types and codecs from the `Tracks`
//! element in the head (`pipes_media_probe::matroska::head_info`).

use pipes_media_probe::{matroska, Container};

use super::Sniffed;

pub(super) fn sniff(head: &[u8]) -> Option<Sniffed> {
    let info = matroska::head_info(head)?;
    let tracks = info.tracks.as_deref();
    let tracks_seen = tracks.is_some();
    let tracks = tracks.unwrap_or_default();
    let has_video = tracks.iter().any(|t| t.video);
    let has_audio = tracks.iter().any(|t| t.audio);
    let video_codec = tracks.iter().filter(|t| t.video).find_map(|t| t.codec);
    let audio_codec = tracks.iter().filter(|t| t.audio).find_map(|t| t.codec);
    let audio_only = tracks_seen && has_audio && !has_video;
    let webm = Container::Webm.name();
    let mkv = Container::Matroska.name();
    let (mime, format) = match (info.webm, audio_only) {
        (true, true) => ("audio/webm", webm),
        (true, false) => ("video/webm", webm),
        (false, true) => ("audio/x-matroska", mkv),
        (false, false) => ("video/x-matroska", mkv),
    };
    let codec = video_codec.or(audio_codec).map(|c| c.name());
    let mut found = Sniffed::new(mime, format).codec(codec);
    if tracks_seen && (has_audio || has_video) {
        found.has_video = Some(has_video);
        found.has_audio = Some(has_audio);
    }
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EBML: u32 = 0x1A45_DFA3;
    const SEGMENT: u32 = 0x1853_8067;
    const TRACKS: u32 = 0x1654_AE6B;

    fn el(id: &[u8], body: &[u8]) -> Vec<u8> {
        let mut out = id.to_vec();
        out.push(0x80 | body.len() as u8);
        out.extend_from_slice(body);
        out
    }

    fn webm(track_types: &[u8]) -> Vec<u8> {
        let mut out = el(&EBML.to_be_bytes(), &el(&[0x42, 0x82], b"webm"));
        let entries: Vec<u8> = track_types
            .iter()
            .flat_map(|&t| {
                el(
                    &[0xAE],
                    &[el(&[0x83], &[t]), el(&[0x86], b"A_OPUS")].concat(),
                )
            })
            .collect();
        let tracks = el(&TRACKS.to_be_bytes(), &entries);
        out.extend_from_slice(&SEGMENT.to_be_bytes());
        out.push(0x01);
        out.extend_from_slice(&[0xFF; 7]);
        out.extend(tracks);
        out
    }

    #[test]
    fn webm_audio_only_vs_video() {
        let s = sniff(&webm(&[2])).unwrap_or_default();
        assert_eq!((s.mime, s.codec), (Some("audio/webm"), Some("opus")));
        assert_eq!(
            sniff(&webm(&[1, 2])).and_then(|s| s.mime),
            Some("video/webm")
        );
        let w = webm(&[2]);
        for cut in 0..w.len() {
            let _ = sniff(&w[..cut]);
        }
    }
}
