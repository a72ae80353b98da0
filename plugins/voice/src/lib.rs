//! # pipes-media-voice
//!
//! Voice notes heard (crate docs are completed below).

mod decode;
mod error;
mod level;
mod reply;
mod speech;
#[cfg(feature = "transcribe")]
mod transcribe;
mod waveform;

pub use decode::{sniff_container, Container};
pub use error::VoiceError;
pub use level::{BARS, FLOOR_DBFS, SILENCE_LEVEL};
pub use reply::{
    cut_at_word, ReplyConfig, ReplyFacts, ReplyRule, ReplySetupError, ReplyStage, Template, When,
};
#[cfg(feature = "transcribe")]
pub use transcribe::{
    TranscribeConfig, TranscribeError, TranscribeFacts, TranscribeKey, TranscribeStage, TEXT_CHARS,
};
pub use waveform::{NoAudio, WaveformConfig, WaveformFacts, WaveformStage, SPEECH_SAMPLE_RATE};
