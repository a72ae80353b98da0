//! `Math.cos` as JavaScript engines compute it: V8 (and SpiderMonkey) use fdlibm's `cos`, which
//! differs from the platform's `libm` in the last bit for some arguments. ThumbHash's reference
//! encoder is JavaScript, so its DCT uses these cosines.
//!
//! A port of fdlibm 5.3's `cos`, `__kernel_cos`, `__kernel_sin` and the paths of
//! `__ieee754_rem_pio2` for |x| < 2^19 * pi/2 (larger arguments, infinities and NaN fall back to
//! the platform's `cos`: ThumbHash never passes them).

// The constants are fdlibm's, digit for digit, so that they can be checked against its source.
#![allow(clippy::excessive_precision, clippy::approx_constant)]

fn high_word(x: f64) -> u32 {
    (x.to_bits() >> 32) as u32
}

fn with_high_word(hi: u32) -> f64 {
    f64::from_bits(u64::from(hi) << 32)
}

fn kernel_cos(x: f64, y: f64) -> f64 {
    const C1: f64 = 4.16666666666666019037e-02;
    const C2: f64 = -1.38888888888741095749e-03;
    const C3: f64 = 2.48015872894767294178e-05;
    const C4: f64 = -2.75573143513906633035e-07;
    const C5: f64 = 2.08757232129817482790e-09;
    const C6: f64 = -1.13596475577881948265e-11;
    let ix = high_word(x) & 0x7fff_ffff;
    if ix < 0x3e40_0000 && x as i32 == 0 {
        return 1.0;
    }
    let z = x * x;
    let r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
    if ix < 0x3fd3_3333 {
        return 1.0 - (0.5 * z - (z * r - x * y));
    }
    let qx = if ix > 0x3fe9_0000 {
        0.28125
    } else {
        with_high_word(ix - 0x0020_0000)
    };
    let hz = 0.5 * z - qx;
    let a = 1.0 - qx;
    a - (hz - (z * r - x * y))
}

fn kernel_sin(x: f64, y: f64) -> f64 {
    const S1: f64 = -1.66666666666666324348e-01;
    const S2: f64 = 8.33333333332248946124e-03;
    const S3: f64 = -1.98412698298579493134e-04;
    const S4: f64 = 2.75573137070700676789e-06;
    const S5: f64 = -2.50507602534068634195e-08;
    const S6: f64 = 1.58969099521155010221e-10;
    let ix = high_word(x) & 0x7fff_ffff;
    if ix < 0x3e40_0000 && x as i32 == 0 {
        return x;
    }
    let z = x * x;
    let v = z * x;
    let r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
    x - ((z * (0.5 * y - v * r) - y) - v * S1)
}

/// `n` and `x - n * pi/2` as a head and a tail, for 0 < x < 2^19 * pi/2.
fn rem_pio2(x: f64) -> (i32, f64, f64) {
    const INVPIO2: f64 = 6.36619772367581382433e-01;
    const PIO2_1: f64 = 1.57079632673412561417e+00;
    const PIO2_1T: f64 = 6.07710050650619224932e-11;
    const PIO2_2: f64 = 6.07710050630396597660e-11;
    const PIO2_2T: f64 = 2.02226624879595063154e-21;
    const PIO2_3: f64 = 2.02226624871116645580e-21;
    const PIO2_3T: f64 = 8.47842766036889956997e-32;
    const NPIO2_HW: [u32; 32] = [
        0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A, 0x4022D97C, 0x4025FDBB,
        0x402921FB, 0x402C463A, 0x402F6A7A, 0x4031475C, 0x4032D97C, 0x40346B9C, 0x4035FDBB,
        0x40378FDB, 0x403921FB, 0x403AB41B, 0x403C463A, 0x403DD85A, 0x403F6A7A, 0x40407E4C,
        0x4041475C, 0x4042106C, 0x4042D97C, 0x4043A28C, 0x40446B9C, 0x404534AC, 0x4045FDBB,
        0x4046C6CB, 0x40478FDB, 0x404858EB, 0x404921FB,
    ];
    let ix = high_word(x) & 0x7fff_ffff;
    if ix < 0x4002_d97c {
        // |x| < 3pi/4: n = 1.
        let mut z = x - PIO2_1;
        let (y0, y1);
        if ix != 0x3ff9_21fb {
            y0 = z - PIO2_1T;
            y1 = (z - y0) - PIO2_1T;
        } else {
            z -= PIO2_2;
            y0 = z - PIO2_2T;
            y1 = (z - y0) - PIO2_2T;
        }
        return (1, y0, y1);
    }
    let n = (x * INVPIO2 + 0.5) as i32;
    let fn_ = f64::from(n);
    let mut r = x - fn_ * PIO2_1;
    let mut w = fn_ * PIO2_1T;
    let mut y0;
    let quick = usize::try_from(n - 1)
        .ok()
        .and_then(|i| NPIO2_HW.get(i))
        .is_some_and(|&hw| hw != ix);
    if n < 32 && quick {
        y0 = r - w;
    } else {
        // Bits lost to cancellation: refine with the next parts of pi/2 while too many are.
        let exponent = ix >> 20;
        let lost = |y: f64| exponent as i32 - ((high_word(y) >> 20) & 0x7ff) as i32;
        y0 = r - w;
        for (limit, head, tail) in [(16, PIO2_2, PIO2_2T), (49, PIO2_3, PIO2_3T)] {
            if lost(y0) <= limit {
                break;
            }
            let t = r;
            w = fn_ * head;
            r = t - w;
            w = fn_ * tail - ((t - r) - w);
            y0 = r - w;
        }
    }
    let y1 = (r - y0) - w;
    (n, y0, y1)
}

/// JavaScript's `Math.cos(x)` (fdlibm), bit for bit, for the arguments ThumbHash uses.
pub(crate) fn cos(x: f64) -> f64 {
    let ix = high_word(x) & 0x7fff_ffff;
    if ix <= 0x3fe9_21fb {
        return kernel_cos(x, 0.0);
    }
    if x < 0.0 || ix > 0x4139_21fb {
        return x.cos();
    }
    let (n, y0, y1) = rem_pio2(x);
    match n & 3 {
        0 => kernel_cos(y0, y1),
        1 => -kernel_sin(y0, y1),
        2 => -kernel_cos(y0, y1),
        _ => kernel_sin(y0, y1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Math.cos(Math.PI / len * c * (i + 0.5))` under node 20 (V8), bit for bit, at arguments
    /// where the platform's `cos` gives the neighbouring double. The whole ThumbHash domain
    /// (len 1..=100, c 0..8) was compared with node once: 0 of 40 400 differ, against 1 238
    /// for `f64::cos`.
    #[test]
    fn equals_javascript_where_libm_does_not() {
        let cases: [(u32, u32, u32, u64); 6] = [
            (47, 2, 21, 0xbfeedcee759b7a08),
            (97, 6, 28, 0x3fe78651bad7d51c),
            (34, 1, 6, 0x3fea66611a95d566),
            (63, 7, 44, 0xbfef838b8c811c1a),
            (44, 2, 13, 0xbfd65d9f01a01a2c),
            (90, 7, 4, 0x3fdd0e2e2b44de02),
        ];
        for (len, c, i, bits) in cases {
            let x = std::f64::consts::PI / f64::from(len) * f64::from(c) * (f64::from(i) + 0.5);
            assert_eq!(cos(x).to_bits(), bits, "cos({x})");
        }
        assert_eq!(cos(0.0), 1.0);
        assert_eq!(cos(std::f64::consts::PI), -1.0);
    }
}
