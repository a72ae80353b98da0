//! Lying and broken headers of every container the probe crate measures give a typed error
//! (or a bounded, plausible duration), never a panic, a hang or an unbounded read.
#![allow(clippy::unwrap_used)]

use pipes_media_probe::{detect, measure, Format, Limits, ProbeError, Source};

fn run(bytes: &[u8]) -> Result<pipes_media_probe::MediaInfo, ProbeError> {
    let format = detect(bytes).ok_or(ProbeError::Unsupported)?;
    measure(format, &mut Source::from_bytes(bytes), &Limits::default())
}

fn le(v: u64, n: usize) -> Vec<u8> {
    v.to_le_bytes()[..n].to_vec()
}

/// A TTA1 header: channels, bits, rate, samples.
fn tta(channels: u16, rate: u32, samples: u32) -> Vec<u8> {
    let mut b = b"TTA1".to_vec();
    b.extend(le(1, 2));
    b.extend(le(u64::from(channels), 2));
    b.extend(le(16, 2));
    b.extend(le(u64::from(rate), 4));
    b.extend(le(u64::from(samples), 4));
    b.extend(le(0, 4));
    b
}

#[test]
fn tta_zero_rate_huge_counts_and_cut_tables() {
    assert!(matches!(
        run(&tta(2, 0, 1000)),
        Err(ProbeError::ZeroSampleRate(_))
    ));
    assert!(matches!(
        run(&tta(0, 44_100, 1000)),
        Err(ProbeError::InvalidHeader { .. })
    ));
    assert!(matches!(
        run(&tta(2, 1, u32::MAX)),
        Err(ProbeError::ImplausibleDuration { .. })
    ));
    // A whole header with no frames behind it: cut, nothing plays.
    let f = run(&tta(2, 44_100, 441_000)).unwrap();
    assert!(f.truncated && f.duration_s < 0.1, "{f:?}");
}

#[test]
fn dsd_headers_that_lie() {
    // DSF with zero rate, then with 1000 channels.
    let dsf = |channels: u32, rate: u32, samples: u64| {
        let mut b = b"DSD ".to_vec();
        b.extend(le(28, 8));
        b.extend(le(0, 8));
        b.extend(le(0, 8));
        b.extend(b"fmt ");
        b.extend(le(52, 8));
        for v in [1u32, 0, 2, channels, rate, 1] {
            b.extend(le(u64::from(v), 4));
        }
        b.extend(le(samples, 8));
        b.extend(le(4096, 4));
        b.extend(le(0, 4));
        b.extend(b"data");
        b.extend(le(12, 8));
        b
    };
    assert_eq!(detect(&dsf(2, 2_822_400, 8)), Some(Format::Dsf));
    assert!(matches!(
        run(&dsf(2, 0, 8)),
        Err(ProbeError::ZeroSampleRate(_))
    ));
    assert!(matches!(
        run(&dsf(1000, 2_822_400, 8)),
        Err(ProbeError::InvalidHeader { .. })
    ));
    assert!(matches!(
        run(&dsf(2, 1, u64::MAX)),
        Err(ProbeError::ImplausibleDuration { .. })
    ));
    // DSDIFF whose chunk sizes loop or overflow.
    let mut dff = b"FRM8".to_vec();
    dff.extend(0u64.to_be_bytes());
    dff.extend(b"DSD ");
    dff.extend(b"PROP");
    dff.extend(u64::MAX.to_be_bytes());
    assert!(run(&dff).is_err());
}

#[test]
fn wavpack_ape_tak_and_musepack_garbage() {
    let mut wv = b"wvpk".to_vec();
    wv.extend(le(24, 4));
    wv.extend(le(0x410, 2));
    wv.extend([0, 0]);
    wv.extend(le(u64::from(u32::MAX), 4)); // unknown total
    wv.extend(le(0, 4));
    wv.extend(le(0, 4));
    wv.extend(le(0xF << 23, 4)); // custom rate, none given
    wv.extend(le(0, 4));
    assert!(run(&wv).is_err());

    let mut ape = b"MAC ".to_vec();
    ape.extend(le(3990, 2));
    ape.extend(le(0, 2));
    ape.extend(le(u64::from(u32::MAX), 4)); // descriptor length far past the header
    assert!(matches!(run(&ape), Err(ProbeError::Truncated(_))));

    let mut tak = b"tBaK".to_vec();
    tak.extend([1, 0xFF, 0xFF, 0xFF]); // STREAMINFO of 16 MiB, cut
    assert!(run(&tak).is_err());

    // Musepack SV8 packets of size 0 would not advance.
    let mut mpc = b"MPCK".to_vec();
    mpc.extend(b"XX\x00");
    assert!(matches!(run(&mpc), Err(ProbeError::StructureLoop(_))));
}

#[test]
fn asf_avi_flv_and_mpeg_garbage() {
    // ASF header object claiming more than the file, and one whose object sizes loop.
    let guid = [
        0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE,
        0x6C,
    ];
    let mut asf = guid.to_vec();
    asf.extend(le(1 << 40, 8));
    asf.extend(le(3, 4));
    asf.extend([1, 2]);
    assert!(matches!(run(&asf), Err(ProbeError::HeaderTooLarge(_))));
    let mut asf = guid.to_vec();
    asf.extend(le(30 + 24, 8));
    asf.extend(le(1, 4));
    asf.extend([1, 2]);
    asf.extend([0u8; 16]);
    asf.extend(le(0, 8)); // an object of size 0
    assert!(matches!(run(&asf), Err(ProbeError::StructureLoop(_))));

    // AVI without streams.
    let mut avi = b"RIFF\0\0\0\0AVI LIST".to_vec();
    avi.extend(le(4, 4));
    avi.extend(b"hdrl");
    assert!(matches!(run(&avi), Err(ProbeError::NoStream)));

    // FLV whose tags claim 16 MiB and whose PreviousTagSize points before the file.
    let mut flv = b"FLV\x01\x05\0\0\0\x09\0\0\0\0".to_vec();
    flv.extend([8, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0x2F]);
    flv.extend(u32::MAX.to_be_bytes());
    let _ = run(&flv); // any typed result, no panic

    // Transport stream packets of nothing but adaptation fields; a program stream of packs.
    let mut ts = Vec::new();
    for _ in 0..8 {
        let mut p = vec![0x47, 0x40, 0x00, 0x20, 183];
        p.resize(188, 0xFF);
        ts.extend(p);
    }
    assert_eq!(detect(&ts), Some(Format::MpegTs));
    assert!(run(&ts).is_err());
    let mut ps = Vec::new();
    for _ in 0..100 {
        ps.extend([0, 0, 1, 0xBA, 0x44, 0, 4, 0, 4, 1, 1, 0x89, 0xC3, 0xF8]);
    }
    assert!(matches!(run(&ps), Err(ProbeError::NoStream)));
}

#[test]
fn ac3_frames_with_reserved_codes_stop_the_scan() {
    // A 48 kHz AC-3 frame header (frame size code 20), then a reserved rate code.
    let mut a = vec![0x0B, 0x77, 0, 0, 0x14, 0x40, 0x43, 0];
    a.resize(768, 0);
    let mut b = a.clone();
    b[4] = 0xC0; // fscod 3: reserved for AC-3
    let mut file = a.repeat(3);
    file.extend(b);
    let f = run(&file).unwrap();
    assert!(
        (f.duration_s - 3.0 * 1536.0 / 48_000.0).abs() < 1e-9,
        "{f:?}"
    );
}

#[test]
fn every_prefix_of_a_crafted_file_is_safe() {
    let mut files = vec![tta(2, 44_100, 4410)];
    let mut ac3 = vec![0x0B, 0x77, 0, 0, 0x14, 0x40, 0x43, 0];
    ac3.resize(768, 0x55);
    files.push(ac3.repeat(4));
    for f in files {
        for cut in 0..f.len() {
            let _ = run(&f[..cut]);
        }
    }
}
