//! The frame size of an H.264 stream from its sequence parameter set (ISO 14496-10 §7.3.2.1).

use crate::bytes::Bits;

/// An Exp-Golomb reader over an RBSP (emulation prevention bytes already removed).
struct Golomb<'a>(Bits<'a>);

impl Golomb<'_> {
    fn ue(&mut self) -> Option<u32> {
        let mut zeros = 0;
        while self.0.take(1)? == 0 {
            zeros += 1;
            if zeros > 31 {
                return None;
            }
        }
        Some((1u32 << zeros) - 1 + self.0.take(zeros)?)
    }

    fn se(&mut self) -> Option<i32> {
        let v = self.ue()?;
        Some(if v & 1 == 1 {
            (v.div_ceil(2)) as i32
        } else {
            -((v / 2) as i32)
        })
    }

    fn bit(&mut self) -> Option<u32> {
        self.0.take(1)
    }
}

/// Width and height (cropped) from the first SPS NAL unit in Annex B `data`.
pub(crate) fn size(data: &[u8]) -> Option<(u32, u32)> {
    let at = data
        .windows(4)
        .position(|w| w[..3] == [0, 0, 1] && w[3] & 0x1F == 7)?;
    let nal = data.get(at + 4..)?;
    let mut rbsp = Vec::with_capacity(nal.len().min(256));
    let mut zeros = 0;
    for &b in nal.iter().take(256) {
        if zeros >= 2 && b == 3 {
            zeros = 0;
            continue;
        }
        zeros = if b == 0 { zeros + 1 } else { 0 };
        rbsp.push(b);
    }
    let mut g = Golomb(Bits::new(&rbsp));
    let profile = g.0.take(8)?;
    g.0.skip(16);
    g.ue()?;
    let mut chroma = 1;
    if matches!(
        profile,
        100 | 110 | 122 | 244 | 44 | 83 | 86 | 118 | 128 | 138 | 139 | 134 | 135
    ) {
        chroma = g.ue()?;
        if chroma == 3 {
            g.bit()?;
        }
        g.ue()?;
        g.ue()?;
        g.bit()?;
        if g.bit()? == 1 {
            for i in 0..if chroma == 3 { 12 } else { 8 } {
                if g.bit()? == 1 {
                    let n = if i < 6 { 16 } else { 64 };
                    let (mut last, mut next) = (8i32, 8i32);
                    for _ in 0..n {
                        if next != 0 {
                            next = (last + g.se()? + 256) % 256;
                        }
                        last = if next == 0 { last } else { next };
                    }
                }
            }
        }
    }
    g.ue()?;
    let poc = g.ue()?;
    if poc == 0 {
        g.ue()?;
    } else if poc == 1 {
        g.bit()?;
        g.se()?;
        g.se()?;
        for _ in 0..g.ue()?.min(255) {
            g.se()?;
        }
    }
    g.ue()?;
    g.bit()?;
    let w_mbs = g.ue()? + 1;
    let h_units = g.ue()? + 1;
    let frame_mbs_only = g.bit()?;
    if frame_mbs_only == 0 {
        g.bit()?;
    }
    g.bit()?;
    let (mut cl, mut cr, mut ct, mut cb) = (0, 0, 0, 0);
    if g.bit()? == 1 {
        cl = g.ue()?;
        cr = g.ue()?;
        ct = g.ue()?;
        cb = g.ue()?;
    }
    let (sub_w, sub_h) = match chroma {
        0 | 3 => (1, 1),
        2 => (2, 1),
        _ => (2, 2),
    };
    let height_mul = 2 - frame_mbs_only;
    let width = (w_mbs * 16).checked_sub(sub_w * (cl + cr))?;
    let height = (h_units * 16 * height_mul).checked_sub(sub_h * height_mul * (ct + cb))?;
    Some((width, height))
}
