//! Poster frames of MP4, 3GP and MOV videos: the frame a viewer sees first (the edit list's
//! start; without one the first frame in presentation order), decoded from the sync sample
//! before it, turned upright by the track matrix and sized to the thumbnail box.
//!
//! The file is read where needed, never whole: box headers to find `moov` (at either end) and
//! the fragments, the `moov` itself (bounded), then the samples of one group of pictures.

pub(crate) mod error;
#[cfg(feature = "h264")]
mod h264;
mod mp4;
mod poster;
#[cfg(feature = "h264")]
mod yuv;

pub(crate) use mp4::{is_audio_only, sniff};
pub(crate) use poster::{poster, Poster, VideoLimits};

/// The container name used in facts (`sourceFormat`) for an `ftyp` major brand.
pub(crate) fn container_name(brand: Option<&mp4::FourCc>) -> &'static str {
    match brand {
        Some(b) if b.starts_with(b"3g") => "3gp",
        Some(b"qt  ") => "mov",
        _ => "mp4",
    }
}

/// The clockwise rotation, in quarter turns, that a `tkhd` matrix `a, b, c, d` asks for (as
/// ffmpeg reads it: the angle of `atan2(b, a)`), as the EXIF orientation value that does the
/// same (1, 6, 3 or 8). Mirroring matrices are treated as their rotation.
#[cfg_attr(not(feature = "h264"), allow(dead_code))]
pub(crate) fn orientation([a, b, _c, _d]: [i32; 4]) -> u8 {
    if a == 0 && b == 0 {
        return 1;
    }
    let degrees = f64::from(b).atan2(f64::from(a)).to_degrees();
    match ((degrees / 90.0).round() as i64).rem_euclid(4) {
        1 => 6,
        2 => 3,
        3 => 8,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_become_orientations() {
        let one = 0x0001_0000;
        assert_eq!(orientation([one, 0, 0, one]), 1);
        // iPhone portrait: a=0 b=1 c=-1 d=0, shown turned 90 degrees clockwise.
        assert_eq!(orientation([0, one, -one, 0]), 6);
        assert_eq!(orientation([-one, 0, 0, -one]), 3);
        // ffmpeg 5's `-metadata:s:v rotate=90` writes a=0 b=-1 c=1 d=0: 90 degrees the other way.
        assert_eq!(orientation([0, -one, one, 0]), 8);
        assert_eq!(orientation([0, 0, 0, 0]), 1);
        assert_eq!(container_name(Some(b"3gp5")), "3gp");
        assert_eq!(container_name(Some(b"isom")), "mp4");
    }
}
