//! The `transcribe` stage (cargo feature `transcribe`): the speech WAV to text through an
//! OpenAI-compatible endpoint.

mod config;
mod stage;

pub use config::{TranscribeConfig, TranscribeKey};
pub use stage::{TranscribeError, TranscribeFacts, TranscribeStage, TEXT_CHARS};
