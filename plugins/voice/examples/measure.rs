//! Prints the `waveform` facts of each file named on the command line, as JSON lines.

use pipes_media_voice::{WaveformConfig, WaveformStage};

fn main() -> anyhow::Result<()> {
    let stage = WaveformStage::new(WaveformConfig::default());
    for path in std::env::args_os().skip(1) {
        let facts = stage.measure_path(std::path::Path::new(&path))?;
        #[allow(clippy::print_stdout)]
        {
            println!("{}", serde_json::to_string(&facts)?);
        }
    }
    Ok(())
}
