//! [`WaveformConfig`]: the settings of the `waveform` stage.

use std::time::Duration;

/// Settings of the `waveform` stage.
///
/// ```
/// use pipes_media_voice::WaveformConfig;
/// use std::time::Duration;
/// let config = WaveformConfig::default().speech(false).max_duration(Duration::from_secs(600));
/// assert!(!config.speech);
/// assert_eq!(config.max_duration, Duration::from_secs(600));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WaveformConfig {
    /// Longest audio decoded; a longer file fails with `TOO_LONG` (the decode stops there, it
    /// does not read the rest). Default: 2 hours.
    pub max_duration: Duration,
    /// Wall-clock budget of one decode; past it the decode stops with `DECODE_TIME_LIMIT`.
    /// Default: 60 s (an hour of Opus decodes in about 10 s on one loaded core).
    pub time_limit: Duration,
    /// Damaged packets skipped before a file counts as corrupt (`CORRUPT_AUDIO`); more than
    /// half of the packets damaged is corrupt too. Default: 100.
    pub max_damaged_packets: u32,
    /// Whether the audio track of `video` messages is decoded too. Default: `true` (demuxing
    /// reads the video's bytes but decodes none of its frames).
    pub video: bool,
    /// Whether voice notes get the speech WAV (`speechPath`). Default: `true`.
    pub speech: bool,
    /// Longest voice note given a speech WAV. Default: 30 minutes (57.6 MB of WAV).
    pub speech_max_duration: Duration,
}

impl Default for WaveformConfig {
    fn default() -> Self {
        Self {
            max_duration: Duration::from_secs(2 * 3600),
            time_limit: Duration::from_secs(60),
            max_damaged_packets: 100,
            video: true,
            speech: true,
            speech_max_duration: Duration::from_secs(30 * 60),
        }
    }
}

impl WaveformConfig {
    /// Sets the longest audio decoded.
    pub fn max_duration(mut self, max: Duration) -> Self {
        self.max_duration = max;
        self
    }

    /// Sets the wall-clock budget of one decode.
    pub fn time_limit(mut self, limit: Duration) -> Self {
        self.time_limit = limit;
        self
    }

    /// Sets how many damaged packets are skipped before a file counts as corrupt.
    pub fn max_damaged_packets(mut self, n: u32) -> Self {
        self.max_damaged_packets = n;
        self
    }

    /// Sets whether the audio of videos is decoded.
    pub fn video(mut self, on: bool) -> Self {
        self.video = on;
        self
    }

    /// Sets whether voice notes get the speech WAV.
    pub fn speech(mut self, on: bool) -> Self {
        self.speech = on;
        self
    }

    /// Sets the longest voice note given a speech WAV.
    pub fn speech_max_duration(mut self, max: Duration) -> Self {
        self.speech_max_duration = max;
        self
    }
}
