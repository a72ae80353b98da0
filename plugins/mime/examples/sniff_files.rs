//! Sniffs the files named on the command line as the `mime` stage does (a 64 KiB head in
//! memory, the file for the few extra reads) and prints `path<TAB>type` for each, the type
//! `application/octet-stream` when unknown: the same output shape as `file -b --mime-type`,
//! for `benches/compare.sh`. With `SNIFF_TIMES` set, a third column gives each file's time
//! (open, head read and sniff) in microseconds.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fs::File;
use std::io::{BufWriter, Read, Write};

const HEAD_LEN: u64 = 64 * 1024;

fn main() -> std::io::Result<()> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut head = Vec::with_capacity(HEAD_LEN as usize);
    let times = std::env::var_os("SNIFF_TIMES").is_some();
    for path in std::env::args_os().skip(1) {
        let started = std::time::Instant::now();
        let mut file = match File::open(&path) {
            Ok(file) => file,
            Err(error) => {
                eprintln!("{}: {error}", path.to_string_lossy());
                continue;
            }
        };
        head.clear();
        (&mut file).take(HEAD_LEN).read_to_end(&mut head)?;
        let found = pipes_media_mime::sniff(&head, Some(&mut file));
        let mime = found.mime.unwrap_or("application/octet-stream");
        if times {
            let us = started.elapsed().as_secs_f64() * 1e6;
            writeln!(out, "{}\t{mime}\t{us:.1}", path.to_string_lossy())?;
        } else {
            writeln!(out, "{}\t{mime}", path.to_string_lossy())?;
        }
    }
    out.flush()
}
