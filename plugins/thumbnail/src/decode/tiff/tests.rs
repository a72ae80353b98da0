//! TIFF files built in memory, one feature each.

use super::*;

/// A little-endian TIFF: `entries` (tag, type, values), image data appended after the
/// directory, strip offsets pointing at it.
fn tiff(entries: &[(u16, u16, Vec<u32>)], data: &[u8]) -> Vec<u8> {
    let n = entries.len() + 2;
    let dir_len = 2 + n * 12 + 4;
    let extra_at = 8 + dir_len;
    let mut extra: Vec<u8> = Vec::new();
    let mut dir: Vec<u8> = (n as u16).to_le_bytes().to_vec();
    let mut all: Vec<(u16, u16, Vec<u32>)> = entries.to_vec();
    let data_at = extra_at + 4096;
    all.push((STRIP_OFFSETS, 4, vec![data_at as u32]));
    all.push((STRIP_BYTE_COUNTS, 4, vec![data.len() as u32]));
    all.sort_by_key(|e| e.0);
    for (tag, kind, values) in &all {
        dir.extend_from_slice(&tag.to_le_bytes());
        dir.extend_from_slice(&kind.to_le_bytes());
        dir.extend_from_slice(&(values.len() as u32).to_le_bytes());
        let bytes: Vec<u8> = values
            .iter()
            .flat_map(|&v| {
                if *kind == 3 {
                    (v as u16).to_le_bytes().to_vec()
                } else {
                    v.to_le_bytes().to_vec()
                }
            })
            .collect();
        if bytes.len() <= 4 {
            let mut field = bytes.clone();
            field.resize(4, 0);
            dir.extend_from_slice(&field);
        } else {
            dir.extend_from_slice(&((extra_at + extra.len()) as u32).to_le_bytes());
            extra.extend_from_slice(&bytes);
        }
    }
    dir.extend_from_slice(&0u32.to_le_bytes());
    let mut file = b"II*\0\x08\0\0\0".to_vec();
    file.extend_from_slice(&dir);
    file.extend_from_slice(&extra);
    file.resize(data_at, 0);
    file.extend_from_slice(data);
    file
}

fn limits() -> DecodeLimits {
    DecodeLimits {
        max_pixels: 1 << 24,
        max_decode_bytes: 1 << 28,
    }
}

#[test]
fn two_bit_grey_is_stretched_and_white_is_zero_inverts() {
    // 4x1 pixels of 2 bits: 0 1 2 3 -> 0 85 170 255.
    let base = vec![
        (IMAGE_WIDTH, 3, vec![4]),
        (IMAGE_LENGTH, 3, vec![1]),
        (BITS_PER_SAMPLE, 3, vec![2]),
    ];
    let mut entries = base.clone();
    entries.push((PHOTOMETRIC, 3, vec![1]));
    let d = decode(&tiff(&entries, &[0b0001_1011]), &limits()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        d.data,
        vec![0, 0, 0, 85, 85, 85, 170, 170, 170, 255, 255, 255]
    );
    let mut entries = base;
    entries.push((PHOTOMETRIC, 3, vec![0]));
    let d = decode(&tiff(&entries, &[0b0001_1011]), &limits()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.data[..3], [255, 255, 255]);
}

#[test]
fn palette_lab_and_signed() {
    // 2x1, 8-bit palette with 16-bit map: index 0 red, 1 blue.
    let mut map = vec![0u32; 3 * 256];
    map[0] = 0xFFFF;
    map[2 * 256 + 1] = 0xFFFF;
    let entries = vec![
        (IMAGE_WIDTH, 3, vec![2]),
        (IMAGE_LENGTH, 3, vec![1]),
        (BITS_PER_SAMPLE, 3, vec![8]),
        (PHOTOMETRIC, 3, vec![3]),
        (320, 3, map),
    ];
    let d = decode(&tiff(&entries, &[0, 1]), &limits()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.data, vec![255, 0, 0, 0, 0, 255]);
    // CIELab: L=100, a=b=0 is white; L=0 black.
    let entries = vec![
        (IMAGE_WIDTH, 3, vec![2]),
        (IMAGE_LENGTH, 3, vec![1]),
        (BITS_PER_SAMPLE, 3, vec![8, 8, 8]),
        (SAMPLES_PER_PIXEL, 3, vec![3]),
        (PHOTOMETRIC, 3, vec![8]),
    ];
    let d =
        decode(&tiff(&entries, &[255, 0, 0, 0, 0, 0]), &limits()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.data, vec![255, 255, 255, 0, 0, 0]);
    // Signed 8-bit grey: -5 is black, 127 stays 127 (as libvips shows it).
    let entries = vec![
        (IMAGE_WIDTH, 3, vec![2]),
        (IMAGE_LENGTH, 3, vec![1]),
        (BITS_PER_SAMPLE, 3, vec![8]),
        (PHOTOMETRIC, 3, vec![1]),
        (SAMPLE_FORMAT, 3, vec![2]),
    ];
    let d =
        decode(&tiff(&entries, &[(-5i8) as u8, 127]), &limits()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.data, vec![0, 0, 0, 127, 127, 127]);
}

#[test]
fn hostile_directories_are_typed_errors() {
    let entries = vec![
        (IMAGE_WIDTH, 4, vec![60_000]),
        (IMAGE_LENGTH, 4, vec![60_000]),
        (BITS_PER_SAMPLE, 3, vec![8]),
    ];
    let bomb = tiff(&entries, &[0; 16]);
    assert_eq!(
        decode(&bomb, &limits()).err().map(|e| e.code()),
        Some("TOO_MANY_PIXELS")
    );
    let entries = vec![
        (IMAGE_WIDTH, 3, vec![64]),
        (IMAGE_LENGTH, 3, vec![64]),
        (BITS_PER_SAMPLE, 3, vec![8]),
        (COMPRESSION, 3, vec![5]),
    ];
    let file = tiff(&entries, &[0x80, 0x01, 0x02]);
    assert!(decode(&file, &limits()).is_err());
    for cut in 0..file.len().min(400) {
        let _ = decode(&file[..cut], &limits());
    }
}
