//! [`WaveformStage`]: decode, measure, and write the speech WAV of voice notes.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use async_trait::async_trait;
use pipes_media_core::{
    Artifact, ArtifactTarget, Item, MessageType, Stage, StageContext, StageError,
};

use super::config::WaveformConfig;
use super::facts::{NoAudio, WaveformFacts};
use crate::decode::{self, sniff_container, Limits, PcmSink, StreamInfo, Summary};
use crate::error::VoiceError;
use crate::level::LevelMeter;
use crate::speech::{SpeechWriter, SPEECH_RATE};

/// The `waveform` stage: decodes audio (and the audio track of video) and reports
/// [`WaveformFacts`]; voice notes also get `speech.wav`. See the [crate docs](crate).
#[derive(Debug, Clone, Default)]
pub struct WaveformStage {
    config: WaveformConfig,
}

/// Where a speech WAV may go, and whether the item is one that wants it.
struct SpeechPlan {
    target: ArtifactTarget,
    voice_message: bool,
}

impl WaveformStage {
    /// The stage with these settings.
    pub fn new(config: WaveformConfig) -> Self {
        Self { config }
    }

    /// The stage's settings.
    pub fn config(&self) -> &WaveformConfig {
        &self.config
    }

    /// Decodes the file at `path` and measures it, writing no speech WAV (blocking).
    pub fn measure_path(&self, path: &Path) -> Result<WaveformFacts, VoiceError> {
        self.measure(path, None).map(|(facts, _)| facts)
    }

    fn limits(&self) -> Limits {
        Limits {
            max_duration: self.config.max_duration,
            time_limit: self.config.time_limit,
            max_damaged_packets: self.config.max_damaged_packets,
        }
    }

    fn measure(
        &self,
        path: &Path,
        speech: Option<SpeechPlan>,
    ) -> Result<(WaveformFacts, Option<Artifact>), VoiceError> {
        let mut sink = Sink {
            meter: LevelMeter::new(),
            config: &self.config,
            plan: speech,
            writer: None,
            omitted: None,
            speech_limit: 0,
        };
        let result = decode::decode(path, &self.limits(), &mut sink);
        let summary = match result {
            Ok(summary) => summary,
            Err(e) => {
                sink.abandon(None);
                return Err(e);
            }
        };
        let artifact = sink.finish_speech()?;
        Ok((facts(&sink, &summary, artifact.as_ref()), artifact))
    }
}

fn facts(sink: &Sink<'_>, summary: &Summary, speech: Option<&Artifact>) -> WaveformFacts {
    let levels = sink.meter.finish();
    let rate = u64::from(summary.info.sample_rate.max(1));
    WaveformFacts {
        waveform: levels.waveform,
        decoded_duration_ms: (summary.frames * 1000 + rate / 2) / rate,
        peak_dbfs: round2(levels.peak_dbfs),
        rms_dbfs: round2(levels.rms_dbfs),
        silent: levels.silent,
        speech_path: speech.map(|a| a.path.clone()),
        speech_omitted: if speech.is_some() { None } else { sink.omitted },
        container: summary.info.container.name(),
        codec: summary.info.codec.clone(),
        sample_rate: summary.info.sample_rate,
        channels: summary.info.channels,
        decoded_frames: summary.frames,
        damaged_packets: summary.damaged_packets,
        truncated: summary.truncated,
        from_video: summary.info.has_video,
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Feeds the level meter and, for a voice note, the speech WAV.
struct Sink<'a> {
    meter: LevelMeter,
    config: &'a WaveformConfig,
    plan: Option<SpeechPlan>,
    writer: Option<(SpeechWriter<BufWriter<File>>, PathBuf)>,
    omitted: Option<&'static str>,
    speech_limit: u64,
}

impl Sink<'_> {
    /// Whether this stream gets a speech WAV: an `audio` message (no video track) whose audio
    /// is Opus or mono (a voice note, not music), not claiming to be longer than the limit.
    fn decide(&mut self, info: &StreamInfo) -> Option<&'static str> {
        let plan = self.plan.as_ref()?;
        if !self.config.speech {
            return Some("disabled");
        }
        if !plan.voice_message || info.has_video || !(info.codec == "opus" || info.channels == 1) {
            return Some("not_a_voice_note");
        }
        let limit = self.config.speech_max_duration.as_secs_f64() * f64::from(info.sample_rate);
        if info.claimed_frames.is_some_and(|f| f as f64 > limit) {
            return Some("too_long");
        }
        self.speech_limit = limit as u64;
        None
    }

    /// Drops the speech WAV being written (too long, or the decode failed).
    fn abandon(&mut self, why: Option<&'static str>) {
        if let Some((writer, tmp)) = self.writer.take() {
            drop(writer);
            let _ = std::fs::remove_file(&tmp);
        }
        if why.is_some() {
            self.omitted = why;
        }
    }

    fn finish_speech(&mut self) -> Result<Option<Artifact>, VoiceError> {
        let (Some((writer, tmp)), Some(plan)) = (self.writer.take(), self.plan.as_ref()) else {
            return Ok(None);
        };
        let done = writer.finish().and_then(|(mut file, frames)| {
            use std::io::Write;
            file.flush()?;
            file.get_ref().sync_data()?;
            drop(file);
            std::fs::rename(&tmp, plan.target.path())?;
            Ok(frames)
        });
        match done {
            Ok(frames) => {
                tracing::debug!(frames, "speech WAV written");
                Ok(Some(Artifact {
                    kind: "speech".to_owned(),
                    path: plan.target.report_path(),
                }))
            }
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                Err(VoiceError::Io(e))
            }
        }
    }
}

impl PcmSink for Sink<'_> {
    fn start(&mut self, info: &StreamInfo) -> Result<(), VoiceError> {
        self.omitted = self.decide(info);
        if self.omitted.is_some() {
            return Ok(());
        }
        let Some(plan) = &self.plan else {
            return Ok(());
        };
        let path = plan.target.path();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("wav.part");
        let file = BufWriter::with_capacity(64 * 1024, File::create(&tmp)?);
        let writer = SpeechWriter::new(file, info.sample_rate);
        match writer {
            Ok(w) => self.writer = Some((w, tmp)),
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(VoiceError::Io(e));
            }
        }
        Ok(())
    }

    fn push(&mut self, mono: &[f32]) -> Result<(), VoiceError> {
        self.meter.push(mono);
        if let Some((writer, _)) = &mut self.writer {
            if self.meter.samples() > self.speech_limit {
                self.abandon(Some("too_long"));
            } else {
                writer.push(mono)?;
            }
        }
        Ok(())
    }
}

#[async_trait]
impl Stage for WaveformStage {
    fn name(&self) -> &'static str {
        "waveform"
    }

    /// Files whose first bytes are a container the decoder reads (Ogg, mp3, ADTS, mp4/m4a/3gp,
    /// WebM/Matroska, WAV, FLAC), unless the `mime` stage found an image, or the message is a
    /// video and [`WaveformConfig::video`] is off.
    fn accepts(&self, item: &Item) -> bool {
        let sniffed_image = item.sniffed_as("image");
        let video_off = !self.config.video && item.message().kind == MessageType::Video;
        !sniffed_image && !video_off && sniff_container(item.blob().head()).is_some()
    }

    async fn process(&self, item: &mut Item, cx: &StageContext) -> Result<(), StageError> {
        let path = item.blob().path().to_owned();
        let plan = SpeechPlan {
            target: cx.artifact("speech", "speech.wav"),
            voice_message: item.message().kind == MessageType::Audio,
        };
        let stage = self.clone();
        let measured = cx.blocking(move || stage.measure(&path, Some(plan))).await;
        match measured {
            Ok((facts, artifact)) => {
                if let Some(artifact) = artifact {
                    item.add_artifact(artifact);
                }
                tracing::debug!(
                    ms = facts.decoded_duration_ms,
                    codec = %facts.codec,
                    "decoded"
                );
                item.facts.insert(facts);
                Ok(())
            }
            Err(e) if e.code() == "NO_AUDIO_TRACK" && item.message().kind == MessageType::Video => {
                item.facts.insert(NoAudio { has_audio: false });
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
}

/// The speech WAV's format, for documentation and tests: 16 kHz.
pub const SPEECH_SAMPLE_RATE: u32 = SPEECH_RATE;
