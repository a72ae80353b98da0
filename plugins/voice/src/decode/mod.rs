//! Streaming decode to mono f32: symphonia demuxes every container and decodes MP3, AAC,
//! Vorbis, FLAC and PCM; `opus-decoder` decodes Opus. Packets are decoded one at a time and
//! handed on, so memory stays flat however long the file is.
//!
//! Trimming follows ffmpeg: the Opus pre-skip (the Ogg reader's track delay; the Matroska
//! reader starts packets at −CodecDelay) and the end trim from the last granule position; Vorbis and
//! FLAC trims from the granules and MP3 encoder delay and padding from the LAME header
//! (symphonia's packet trims, applied by its decoders); the priming skip of the mp4 edit list,
//! which symphonia does not read.

mod edit;
mod opus;
mod sniff;

use std::fs::File;
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::time::{Duration, Instant};

use symphonia::core::codecs::audio::well_known::{
    CODEC_ID_MP1, CODEC_ID_MP2, CODEC_ID_MP3, CODEC_ID_OPUS,
};
use symphonia::core::codecs::audio::{AudioDecoder, AudioDecoderOptions};
use symphonia::core::codecs::CodecParameters;
use symphonia::core::common::Limit;
use symphonia::core::errors::Error as SymError;
use symphonia::core::formats::probe::Hint;
use symphonia::core::formats::{FormatOptions, FormatReader, Track, TrackType};
use symphonia::core::io::{MediaSourceStream, MediaSourceStreamOptions};
use symphonia::core::meta::MetadataOptions;
use symphonia::core::packet::Packet;

pub use sniff::{sniff_container, Container};

use crate::error::VoiceError;
use opus::{OpusHead, OpusStream, OPUS_RATE};

/// Bounds of one decode.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Longest audio decoded; past it the decode fails with `TOO_LONG`.
    pub max_duration: Duration,
    /// Wall-clock budget; past it the decode fails with `DECODE_TIME_LIMIT`.
    pub time_limit: Duration,
    /// Damaged packets tolerated (skipped) before the stream counts as corrupt.
    pub max_damaged_packets: u32,
}

/// The audio stream being decoded, known before the first sample.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamInfo {
    /// The container.
    pub container: Container,
    /// The codec, by ffmpeg's name (`opus`, `vorbis`, `mp3`, `aac`, `flac`, `pcm_s16le`…).
    pub codec: String,
    /// The decoded sample rate in Hz.
    pub sample_rate: u32,
    /// The channels in the file (the output is their mix).
    pub channels: usize,
    /// The track's length in frames as the container claims it, when it does.
    pub claimed_frames: Option<u64>,
    /// Whether the file also has a video track.
    pub has_video: bool,
}

/// Where decoded audio goes.
pub trait PcmSink {
    /// Called once, before any sample, with what is being decoded.
    fn start(&mut self, info: &StreamInfo) -> Result<(), VoiceError>;
    /// Mono samples (the channels mixed as `ffmpeg -ac 1` mixes them), in order.
    fn push(&mut self, mono: &[f32]) -> Result<(), VoiceError>;
}

/// How a decode ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The stream.
    pub info: StreamInfo,
    /// Mono frames handed to the sink, after trimming.
    pub frames: u64,
    /// Packets that failed to decode and were skipped.
    pub damaged_packets: u32,
    /// Whether the stream ended early (the file is cut, or its container breaks off); the
    /// result then covers what was decoded.
    pub truncated: bool,
}

/// Decodes the audio of the file at `path` into `sink`. A panic inside a decoder library is
/// caught and becomes [`VoiceError::DecoderFault`].
pub fn decode(path: &Path, limits: &Limits, sink: &mut dyn PcmSink) -> Result<Summary, VoiceError> {
    let started = Instant::now();
    match std::panic::catch_unwind(AssertUnwindSafe(|| {
        decode_inner(path, limits, started, sink)
    })) {
        Ok(result) => result,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            tracing::warn!(panic = %what, "a decoder panicked; input refused");
            Err(VoiceError::DecoderFault(what))
        }
    }
}

fn decode_inner(
    path: &Path,
    limits: &Limits,
    started: Instant,
    sink: &mut dyn PcmSink,
) -> Result<Summary, VoiceError> {
    let mut file = File::open(path)?;
    let mut head = [0u8; 64];
    let n = read_head(&mut file, &mut head)?;
    let container = sniff_container(&head[..n])
        .ok_or_else(|| VoiceError::Unsupported("unknown magic bytes".to_owned()))?;
    let mut format = open(file, container)?;
    let track = format
        .default_track(TrackType::Audio)
        .or_else(|| format.first_track(TrackType::Audio))
        .cloned()
        .ok_or(VoiceError::NoAudioTrack)?;
    let has_video = format
        .tracks()
        .iter()
        .any(|t| t.track_type() == Some(TrackType::Video));
    let Some(CodecParameters::Audio(params)) = &track.codec_params else {
        return Err(VoiceError::NoAudioTrack);
    };
    let mut decoder = if params.codec == CODEC_ID_OPUS {
        let extra = params.extra_data.as_deref().unwrap_or_default();
        Codec::Opus(Box::new(OpusStream::new(OpusHead::parse(extra)?)?))
    } else {
        // symphonia's mp3 reader trims packets past the length it *estimates* from the bit rate
        // when there is no Xing/Info or VBRI header, which cuts VBR files short: without a
        // header that gives the encoder delay, decode every packet whole (ffmpeg does too).
        let mpeg = [CODEC_ID_MP1, CODEC_ID_MP2, CODEC_ID_MP3].contains(&params.codec);
        let gapless = !(mpeg && track.delay.is_none());
        let made = symphonia::default::get_codecs()
            .make_audio_decoder(params, &AudioDecoderOptions::default().gapless(gapless));
        match made {
            Ok(d) => Codec::Symphonia(d),
            Err(e) => return Err(VoiceError::UnsupportedCodec(e.to_string())),
        }
    };
    let (sample_rate, channels, codec) = match &decoder {
        Codec::Opus(o) => (OPUS_RATE, o.head().channels, "opus".to_owned()),
        Codec::Symphonia(d) => {
            let p = d.codec_params();
            let rate = p.sample_rate.or(params.sample_rate).unwrap_or(0);
            let channels = p
                .channels
                .as_ref()
                .or(params.channels.as_ref())
                .map_or(0, |c| c.count());
            (
                rate,
                channels,
                codec_name(d.codec_info().short_name, params),
            )
        }
    };
    if sample_rate == 0 || sample_rate > 768_000 || channels == 0 || channels > 255 {
        return Err(VoiceError::InvalidParameters(format!(
            "{sample_rate} Hz, {channels} channels"
        )));
    }

    let mut trim = ContainerTrim::default();
    if container == Container::Mp4 {
        // The priming skip only: ffmpeg (5.1) keeps the end of the last frame as decoded, and
        // it is the reference here (at most 1024 samples, under 25 ms at 44.1 kHz).
        if let Some(edit) = reopen_edit(path, track.id) {
            trim.skip = edit.skip_frames(sample_rate);
        }
    } else if let (Codec::Opus(o), Container::Ogg) = (&decoder, container) {
        // The Ogg reader starts Opus at time zero and leaves the pre-skip (the track's delay)
        // to the decoder.
        trim.skip = u64::from(track.delay.unwrap_or(o.head().pre_skip));
    }
    let info = StreamInfo {
        container,
        codec,
        sample_rate,
        channels,
        claimed_frames: claimed_frames(&track, sample_rate),
        has_video,
    };
    sink.start(&info)?;

    let max_frames = (limits.max_duration.as_secs_f64() * f64::from(sample_rate)) as u64;
    let mut run = Run {
        sink,
        mono: Vec::with_capacity(8192),
        interleaved: Vec::new(),
        frames: 0,
        max_frames,
        limits: *limits,
        trim,
    };
    let mut packets = 0u64;
    let mut damaged = 0u32;
    let mut truncated = false;
    loop {
        if started.elapsed() > limits.time_limit {
            return Err(VoiceError::TimeLimit {
                limit: limits.time_limit,
            });
        }
        let packet = match format.next_packet() {
            Ok(Some(packet)) => packet,
            Ok(None) => break,
            Err(SymError::ResetRequired) => break,
            Err(e) if run.frames == 0 && packets == 0 => return Err(open_error(e)),
            Err(e) => {
                tracing::debug!(error = %e, "the container breaks off; keeping what was decoded");
                truncated = true;
                break;
            }
        };
        if packet.track_id != track.id {
            continue;
        }
        packets += 1;
        match decoder.decode(&packet, &track, &mut run.interleaved) {
            Ok(0) => {}
            Ok(n) => run.emit(n)?,
            Err(DecodeFailure::Damaged(why)) => {
                damaged += 1;
                tracing::trace!(why, "damaged packet skipped");
                if damaged > limits.max_damaged_packets {
                    return Err(VoiceError::Corrupt(format!(
                        "{damaged} damaged packets (last: {why})"
                    )));
                }
            }
            Err(DecodeFailure::Fatal(e)) => return Err(e),
        }
        if run.trim.done() {
            break;
        }
    }
    if packets >= 10 && u64::from(damaged) * 2 > packets {
        return Err(VoiceError::Corrupt(format!(
            "{damaged} of {packets} packets are damaged"
        )));
    }
    if run.frames == 0 {
        return Err(if damaged > 0 {
            VoiceError::Corrupt(format!("all {damaged} packets are damaged"))
        } else {
            VoiceError::Empty
        });
    }
    Ok(Summary {
        info,
        frames: run.frames,
        damaged_packets: damaged,
        truncated,
    })
}

fn read_head(file: &mut File, head: &mut [u8]) -> std::io::Result<usize> {
    use std::io::{Read, Seek, SeekFrom};
    let mut n = 0;
    while n < head.len() {
        match file.read(&mut head[n..])? {
            0 => break,
            k => n += k,
        }
    }
    file.seek(SeekFrom::Start(0))?;
    Ok(n)
}

fn open(file: File, container: Container) -> Result<Box<dyn FormatReader>, VoiceError> {
    let mss = MediaSourceStream::new(Box::new(file), MediaSourceStreamOptions::default());
    let mut hint = Hint::new();
    hint.with_extension(container.extension());
    // Tags and cover art are not needed: keep a hostile tag from costing memory.
    let meta = MetadataOptions::default()
        .limit_tag_bytes(Limit::Maximum(64 * 1024))
        .limit_visual_bytes(Limit::Maximum(0));
    symphonia::default::get_probe()
        .probe(&hint, mss, FormatOptions::default(), meta)
        .map_err(open_error)
}

fn open_error(e: SymError) -> VoiceError {
    match e {
        SymError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            VoiceError::Corrupt("the file ends before any audio".to_owned())
        }
        SymError::IoError(io) => VoiceError::Io(io),
        SymError::Unsupported(what) => VoiceError::Unsupported(what.to_owned()),
        other => VoiceError::Corrupt(other.to_string()),
    }
}

fn reopen_edit(path: &Path, track_id: u32) -> Option<edit::Edit> {
    let mut file = std::io::BufReader::new(File::open(path).ok()?);
    edit::read_edit(&mut file, track_id)
}

/// The track's length in output frames, as the container claims it.
fn claimed_frames(track: &Track, rate: u32) -> Option<u64> {
    let tb = track.time_base?;
    let units = track.num_frames.or(track.duration.map(|d| d.get()))?;
    let secs = units as f64 * f64::from(tb.numer.get()) / f64::from(tb.denom.get());
    secs.is_finite().then(|| (secs * f64::from(rate)) as u64)
}

/// ffmpeg's codec names, from symphonia's short names.
fn codec_name(
    short: &str,
    params: &symphonia::core::codecs::audio::AudioCodecParameters,
) -> String {
    match short {
        "mp3" | "mpa" => {
            let _ = params;
            "mp3".to_owned()
        }
        other => other.to_ascii_lowercase(),
    }
}

enum Codec {
    Symphonia(Box<dyn AudioDecoder>),
    Opus(Box<OpusStream>),
}

enum DecodeFailure {
    /// The packet is bad; skip it.
    Damaged(String),
    /// The stream cannot go on.
    Fatal(VoiceError),
}

impl Codec {
    /// Decodes one packet into interleaved f32 in `out`, trimmed as the packet says.
    fn decode(
        &mut self,
        packet: &Packet,
        track: &Track,
        out: &mut Vec<f32>,
    ) -> Result<usize, DecodeFailure> {
        out.clear();
        match self {
            Self::Symphonia(d) => match d.decode(packet) {
                Ok(buf) => {
                    let channels = buf.spec().channels().count();
                    buf.copy_to_vec_interleaved::<f32>(out);
                    Ok(channels)
                }
                Err(SymError::DecodeError(why)) => Err(DecodeFailure::Damaged(why.to_owned())),
                Err(SymError::IoError(e)) => Err(DecodeFailure::Damaged(e.to_string())),
                Err(e) => Err(DecodeFailure::Fatal(VoiceError::Corrupt(e.to_string()))),
            },
            Self::Opus(o) => {
                let channels = o.head().channels;
                let pcm = o
                    .decode(&packet.data)
                    .map_err(|e| DecodeFailure::Damaged(e.to_string()))?;
                let frames = pcm.len() / channels;
                let to_frames = |units: u64| match track.time_base {
                    Some(tb) => {
                        (u128::from(units) * u128::from(tb.numer.get()) * u128::from(OPUS_RATE)
                            / u128::from(tb.denom.get())) as usize
                    }
                    None => units as usize,
                };
                // Frames before time zero are the pre-skip in Matroska (the reader starts the
                // first packet at -CodecDelay); Ogg's is the track delay, applied by the caller.
                let before_zero = packet.pts.get().min(0).unsigned_abs();
                let start = to_frames(packet.trim_start.get().max(before_zero)).min(frames);
                let end = frames
                    .saturating_sub(to_frames(packet.trim_end.get()))
                    .max(start);
                out.extend_from_slice(&pcm[start * channels..end * channels]);
                Ok(channels)
            }
        }
    }
}

/// A skip at the start the container imposes (the mp4 edit list's priming) and an optional
/// play length, in output frames.
#[derive(Debug, Default, Clone, Copy)]
struct ContainerTrim {
    skip: u64,
    keep: Option<u64>,
}

impl ContainerTrim {
    fn done(&self) -> bool {
        self.keep == Some(0)
    }
}

struct Run<'a> {
    sink: &'a mut dyn PcmSink,
    mono: Vec<f32>,
    interleaved: Vec<f32>,
    frames: u64,
    max_frames: u64,
    limits: Limits,
    trim: ContainerTrim,
}

impl Run<'_> {
    /// Mixes the decoded packet to mono, applies the container trim and hands it on.
    fn emit(&mut self, channels: usize) -> Result<(), VoiceError> {
        let frames = self.interleaved.len() / channels;
        let skip = (self.trim.skip.min(frames as u64)) as usize;
        self.trim.skip -= skip as u64;
        let mut end = frames;
        if let Some(keep) = &mut self.trim.keep {
            end = skip + ((frames - skip) as u64).min(*keep) as usize;
            *keep -= (end - skip) as u64;
        }
        if end <= skip {
            return Ok(());
        }
        self.mono.clear();
        if channels == 1 {
            self.mono.extend_from_slice(&self.interleaved[skip..end]);
        } else {
            // ffmpeg's `-ac 1` matrix for stereo: (L + R)·√½; wider layouts: the mean.
            let scale = if channels == 2 {
                std::f32::consts::FRAC_1_SQRT_2
            } else {
                1.0 / channels as f32
            };
            self.mono.extend(
                self.interleaved[skip * channels..end * channels]
                    .chunks_exact(channels)
                    .map(|f| f.iter().sum::<f32>() * scale),
            );
        }
        self.frames += self.mono.len() as u64;
        if self.frames > self.max_frames {
            return Err(VoiceError::TooLong {
                limit: self.limits.max_duration,
            });
        }
        self.sink.push(&self.mono)
    }
}
