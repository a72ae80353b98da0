//! The `waveform` stage: its settings, its facts and the stage itself.

mod config;
mod facts;
mod stage;

pub use config::WaveformConfig;
pub use facts::{NoAudio, WaveformFacts};
pub use stage::{WaveformStage, SPEECH_SAMPLE_RATE};
