//! Sniff cost per file, small vs 1 GiB, for formats that need only the head (JPEG, MP3, Ogg)
//! and formats that need extra reads (MP4 with `moov` at the end, a zip-based docx whose
//! central directory is at the end). The 1 GiB files are sparse copies of the small fixtures
//! with a 1 GiB gap where the media data would be; each iteration opens the file and sniffs it
//! the way the stage does (head in memory, the file for extra reads).
//!
//! A second group, `sniff_head`, sniffs the heads of everyday fixtures in memory: the cost of
//! the rules alone, without the `open` that dominates the first group on a busy machine.

#![allow(missing_docs)] // criterion_group! generates an undocumented function.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use pipes_media_mime::sniff;

const GIB: u64 = 1 << 30;
const HEAD_LEN: usize = 64 * 1024;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(path).expect("fixture")
}

fn write(dir: &Path, name: &str, parts: &[(u64, &[u8])], len: u64) -> PathBuf {
    let path = dir.join(name);
    let mut f = File::create(&path).expect("create");
    for (at, bytes) in parts {
        f.seek(SeekFrom::Start(*at)).expect("seek");
        f.write_all(bytes).expect("write");
    }
    f.set_len(len).expect("set_len");
    path
}

/// The small file and a 1 GiB sparse version of it, for a head-only format: same header,
/// then zeros.
fn padded(dir: &Path, name: &str, len: u64) -> PathBuf {
    let data = fixture(name);
    write(
        dir,
        &format!("{len}-{name}"),
        &[(0, &data)],
        len.max(data.len() as u64),
    )
}

/// An MP4 whose `mdat` grows to `gap` bytes, the `moov` after it (the fixture itself for 0).
fn mp4_moov_at_end(dir: &Path, gap: u64) -> PathBuf {
    let name = "audio_only_moov_at_end.mp4";
    let data = fixture(name);
    let be32 =
        |at: usize| u32::from_be_bytes(data[at..at + 4].try_into().expect("4 bytes")) as usize;
    let mut at = 0;
    while &data[at + 4..at + 8] != b"mdat" {
        at += be32(at);
    }
    let mdat_end = at + be32(at);
    let mut header = data[..at + 8].to_vec();
    if gap == 0 {
        return write(dir, "0.mp4", &[(0, &data)], data.len() as u64);
    }
    header[at..at + 4].copy_from_slice(&(gap as u32).to_be_bytes());
    let moov = &data[mdat_end..];
    let moov_at = at as u64 + gap;
    write(
        dir,
        &format!("{gap}.mp4"),
        &[(0, &header), (moov_at, moov)],
        moov_at + moov.len() as u64,
    )
}

/// A docx with a `gap`-byte hole before its central directory (the fixture itself for 0).
fn zip_with_gap(dir: &Path, gap: u64) -> PathBuf {
    let name = "minimal.docx";
    let data = fixture(name);
    let eocd = data
        .windows(4)
        .rposition(|w| w == b"PK\x05\x06")
        .expect("eocd");
    let dir_at =
        u32::from_le_bytes(data[eocd + 16..eocd + 20].try_into().expect("4 bytes")) as usize;
    if gap == 0 {
        return write(dir, "0.docx", &[(0, &data)], data.len() as u64);
    }
    let new_dir_at = gap;
    let mut tail = data[dir_at..].to_vec();
    let eocd_in_tail = eocd - dir_at;
    tail[eocd_in_tail + 16..eocd_in_tail + 20].copy_from_slice(&(new_dir_at as u32).to_le_bytes());
    write(
        dir,
        &format!("{gap}.docx"),
        &[(0, &data[..dir_at]), (new_dir_at, &tail)],
        new_dir_at + tail.len() as u64,
    )
}

/// What the stage does per item: open the blob and sniff its (already in memory) head.
fn sniff_file(path: &Path, head: &[u8]) -> Option<&'static str> {
    let mut file = File::open(path).expect("open");
    sniff(head, Some(&mut file)).mime
}

fn head_of(path: &Path) -> Vec<u8> {
    let mut head = Vec::with_capacity(HEAD_LEN);
    File::open(path)
        .expect("open")
        .take(HEAD_LEN as u64)
        .read_to_end(&mut head)
        .expect("read head");
    head
}

fn bench(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    let sizes = [("small", 0), ("10MiB", 10 << 20), ("1GiB", GIB)];
    let mut cases = Vec::new();
    for (size, len) in sizes {
        let d = tmp.path();
        cases.push(("jpeg", size, padded(d, "jpeg_64x64.jpg", len), "image/jpeg"));
        cases.push((
            "mp3-id3",
            size,
            padded(d, "mp3_xing.mp3", len),
            "audio/mpeg",
        ));
        cases.push((
            "ogg-opus",
            size,
            padded(d, "voice_opus.ogg", len),
            "audio/ogg",
        ));
        cases.push((
            "mp4-moov-at-end",
            size,
            mp4_moov_at_end(d, len),
            "audio/mp4",
        ));
        cases.push(("docx-zip", size, zip_with_gap(d, len), docx));
    }
    cases.sort_by_key(|c| c.0);
    let mut group = c.benchmark_group("sniff");
    for (format, size, path, want) in &cases {
        {
            let head = head_of(path);
            let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            assert_eq!(
                sniff_file(path, &head),
                Some(*want),
                "{format} {size} ({len} bytes)"
            );
            group.bench_with_input(BenchmarkId::new(*format, size), &head, |b, head| {
                b.iter(|| sniff_file(path, head));
            });
        }
    }
    group.finish();
}

/// Everyday formats, sniffed from their in-memory heads (no file, no reads).
const HEADS: &[&str] = &[
    "jpeg_64x64.jpg",
    "png_1x1.png",
    "sticker_animated.webp",
    "mp3_xing.mp3",
    "mp3_no_id3.mp3",
    "tone_adts.aac",
    "voice_opus.ogg",
    "tone.wav",
    "tone.flac",
    "video.mkv",
    "video.3gp",
    "minimal.docx",
    "ascii.pdf",
    "utf8_text.txt",
    "contact.vcf",
];

fn bench_heads(c: &mut Criterion) {
    let mut group = c.benchmark_group("sniff_head");
    for name in HEADS {
        let data = fixture(name);
        let head = data[..data.len().min(HEAD_LEN)].to_vec();
        group.bench_with_input(BenchmarkId::from_parameter(name), &head, |b, head| {
            b.iter(|| pipes_media_mime::sniff_head(head).mime);
        });
    }
    group.finish();
}

criterion_group!(benches, bench, bench_heads);
criterion_main!(benches);
