//! Times the thumbnail path on image files, one thread:
//! `thumbnail_bench [--out DIR] [--rounds N] [--size PX] [--facts] FILE...` prints images/s and
//! source megapixels/s (used by `benches/compare_thumbnail.sh`); `--facts` also prints each
//! file's facts as JSON.

use std::time::Instant;

use pipes_media_thumbnail::{ThumbnailConfig, ThumbnailStage};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut out_dir = None;
    let mut rounds = 1u32;
    let mut side = 320u32;
    let mut files = Vec::new();
    let mut show_facts = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out_dir = args.next(),
            "--rounds" => rounds = args.next().ok_or("--rounds N")?.parse()?,
            "--size" => side = args.next().ok_or("--size N")?.parse()?,
            "--facts" => show_facts = true,
            _ => files.push(arg),
        }
    }
    let stage = ThumbnailStage::new(ThumbnailConfig::default().max_side(side));
    let start = Instant::now();
    let (mut images, mut pixels) = (0u64, 0u64);
    for _ in 0..rounds {
        for file in &files {
            // Reading is part of the work, as vipsthumbnail reads each file too.
            let bytes = std::fs::read(file)?;
            let thumb = stage.render(&bytes).map_err(|e| format!("{file}: {e}"))?;
            images += 1;
            if show_facts {
                #[allow(clippy::print_stdout)]
                {
                    println!("{file}: {}", serde_json::to_string(&thumb.facts)?);
                }
            }
            pixels += u64::from(thumb.facts.source_width) * u64::from(thumb.facts.source_height);
            if let Some(dir) = &out_dir {
                let name = std::path::Path::new(file)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                std::fs::write(format!("{dir}/{name}.jpg"), &thumb.bytes)?;
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    #[allow(clippy::print_stdout)]
    {
        println!(
            "ours: {images} images in {secs:.3} s: {:.2} img/s, {:.1} MP/s",
            images as f64 / secs,
            pixels as f64 / 1e6 / secs
        );
    }
    Ok(())
}
