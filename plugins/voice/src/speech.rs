//! [`SpeechWriter`]: the speech-ready WAV (16 kHz, mono, 16-bit PCM) written while decoding.
//!
//! The mono signal is resampled with `rubato`'s FFT resampler (a fixed ratio, so the
//! synchronous one: band-limited, no aliasing from 48 or 44.1 kHz down to 16 kHz), in chunks of
//! 1024 input frames; its start-up delay is dropped and its tail flushed, so the WAV lines up
//! with the source and has `round(frames × 16000 / rate)` frames. The RIFF sizes are written
//! last, once the length is known.

use std::io::{self, Seek, SeekFrom, Write};

use audioadapter_buffers::direct::InterleavedSlice;
use rubato::{Fft, FixedSync, Indexing, Resampler};

/// The speech WAV's sample rate.
pub const SPEECH_RATE: u32 = 16_000;

const CHUNK: usize = 1024;
const HEADER_LEN: u64 = 44;

/// Streams mono f32 at any rate into a 16 kHz 16-bit mono WAV.
pub struct SpeechWriter<W: Write + Seek> {
    out: W,
    resampler: Option<Fft<f32>>,
    pending: Vec<f32>,
    resampled: Vec<f32>,
    bytes: Vec<u8>,
    delay_left: usize,
    rate: u32,
    frames_in: u64,
    frames_out: u64,
}

impl<W: Write + Seek> SpeechWriter<W> {
    /// A writer for a signal at `rate` Hz; writes a provisional header at once.
    pub fn new(mut out: W, rate: u32) -> io::Result<Self> {
        let resampler = if rate == SPEECH_RATE {
            None
        } else {
            Some(
                Fft::<f32>::new(
                    rate as usize,
                    SPEECH_RATE as usize,
                    CHUNK,
                    1,
                    FixedSync::Input,
                )
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.to_string()))?,
            )
        };
        let delay_left = resampler.as_ref().map_or(0, |r| r.output_delay());
        let resampled = vec![0.0; resampler.as_ref().map_or(0, |r| r.output_frames_max())];
        out.write_all(&header(0))?;
        Ok(Self {
            out,
            resampler,
            pending: Vec::with_capacity(CHUNK * 2),
            resampled,
            bytes: Vec::with_capacity(8192),
            delay_left,
            rate,
            frames_in: 0,
            frames_out: 0,
        })
    }

    /// Adds mono samples at the source rate.
    pub fn push(&mut self, mono: &[f32]) -> io::Result<()> {
        self.frames_in += mono.len() as u64;
        if self.resampler.is_none() {
            return self.write_samples_from(mono.len(), Source::Direct(mono));
        }
        self.pending.extend_from_slice(mono);
        loop {
            let need = self
                .resampler
                .as_ref()
                .map_or(CHUNK, |r| r.input_frames_next());
            if self.pending.len() < need {
                return Ok(());
            }
            self.resample_partial(need, u64::MAX)?;
            self.pending.drain(..need);
        }
    }

    /// Flushes the resampler, fixes the header and returns the writer and the frame count.
    pub fn finish(mut self) -> io::Result<(W, u64)> {
        if self.resampler.is_some() {
            let want = (u128::from(self.frames_in) * u128::from(SPEECH_RATE)
                + u128::from(self.rate) / 2)
                / u128::from(self.rate);
            let want = want as u64;
            // The rest of the input, then silence until the delayed tail is out.
            let mut rounds = 0;
            while self.frames_out < want && rounds < 64 {
                let need = self
                    .resampler
                    .as_ref()
                    .map_or(CHUNK, |r| r.input_frames_next());
                let n = self.pending.len().min(need);
                self.resample_partial(n, want)?;
                self.pending.drain(..n);
                rounds += 1;
            }
        }
        let data_len = self.frames_out * 2;
        self.out.seek(SeekFrom::Start(0))?;
        self.out.write_all(&header(data_len))?;
        self.out.seek(SeekFrom::Start(HEADER_LEN + data_len))?;
        self.out.flush()?;
        Ok((self.out, self.frames_out))
    }

    /// Resamples the first `n` pending frames (the rest of a chunk is silence) and writes what
    /// comes out, up to `limit` frames in all.
    fn resample_partial(&mut self, n: usize, limit: u64) -> io::Result<()> {
        let Some(resampler) = self.resampler.as_mut() else {
            return Ok(());
        };
        let need = resampler.input_frames_next();
        let mut input = std::mem::take(&mut self.pending);
        let had = input.len();
        if input.len() < need {
            input.resize(need, 0.0);
        }
        let indexing = Indexing::new().partial_len(n.min(need));
        let result = (|| {
            let src = InterleavedSlice::new(&input[..need], 1, need).map_err(invalid)?;
            let out_len = self.resampled.len();
            let mut dst =
                InterleavedSlice::new_mut(&mut self.resampled[..], 1, out_len).map_err(invalid)?;
            resampler
                .process_into_buffer(&src, &mut dst, Some(&indexing))
                .map_err(invalid)
        })();
        input.truncate(had);
        self.pending = input;
        let (_, produced) = result?;
        let skip = self.delay_left.min(produced);
        self.delay_left -= skip;
        let room = limit.saturating_sub(self.frames_out);
        let take = ((produced - skip) as u64).min(room) as usize;
        self.write_samples_from(take, Source::Resampled(skip))
    }

    fn write_samples_from(&mut self, count: usize, source: Source<'_>) -> io::Result<()> {
        let samples: &[f32] = match source {
            Source::Direct(s) => &s[..count],
            Source::Resampled(skip) => &self.resampled[skip..skip + count],
        };
        self.bytes.clear();
        for &s in samples {
            let s = if s.is_finite() { s } else { 0.0 };
            let v = (s * 32_767.0).round().clamp(-32_768.0, 32_767.0) as i16;
            self.bytes.extend_from_slice(&v.to_le_bytes());
        }
        self.out.write_all(&self.bytes)?;
        self.frames_out += count as u64;
        Ok(())
    }
}

enum Source<'a> {
    Direct(&'a [f32]),
    Resampled(usize),
}

fn invalid(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

/// A 44-byte PCM WAV header for `data_len` bytes of 16 kHz mono 16-bit samples.
fn header(data_len: u64) -> [u8; 44] {
    let data = u32::try_from(data_len).unwrap_or(u32::MAX - 36);
    let mut h = [0u8; 44];
    h[0..4].copy_from_slice(b"RIFF");
    h[4..8].copy_from_slice(&(36 + data).to_le_bytes());
    h[8..16].copy_from_slice(b"WAVEfmt ");
    h[16..20].copy_from_slice(&16u32.to_le_bytes());
    h[20..22].copy_from_slice(&1u16.to_le_bytes()); // PCM
    h[22..24].copy_from_slice(&1u16.to_le_bytes()); // mono
    h[24..28].copy_from_slice(&SPEECH_RATE.to_le_bytes());
    h[28..32].copy_from_slice(&(SPEECH_RATE * 2).to_le_bytes());
    h[32..34].copy_from_slice(&2u16.to_le_bytes());
    h[34..36].copy_from_slice(&16u16.to_le_bytes());
    h[36..40].copy_from_slice(b"data");
    h[40..44].copy_from_slice(&data.to_le_bytes());
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn sine(rate: u32, hz: f32, secs: f32) -> Vec<f32> {
        let n = (rate as f32 * secs) as usize;
        (0..n)
            .map(|i| 0.5 * (i as f32 * std::f32::consts::TAU * hz / rate as f32).sin())
            .collect()
    }

    fn write(rate: u32, signal: &[f32], chunk: usize) -> (Vec<u8>, u64) {
        let mut w = SpeechWriter::new(Cursor::new(Vec::new()), rate).expect("writer");
        for c in signal.chunks(chunk) {
            w.push(c).expect("push");
        }
        let (cursor, frames) = w.finish().expect("finish");
        (cursor.into_inner(), frames)
    }

    fn samples(wav: &[u8]) -> Vec<f32> {
        wav[44..]
            .chunks_exact(2)
            .map(|b| f32::from(i16::from_le_bytes([b[0], b[1]])) / 32_767.0)
            .collect()
    }

    #[test]
    fn sixteen_khz_input_is_copied_with_a_right_header() {
        let signal = sine(16_000, 440.0, 0.25);
        let (wav, frames) = write(16_000, &signal, 333);
        assert_eq!(frames, 4000);
        assert_eq!(wav.len(), 44 + 8000);
        assert_eq!(&wav[0..4], b"RIFF");
        assert_eq!(
            u32::from_le_bytes([wav[4], wav[5], wav[6], wav[7]]),
            36 + 8000
        );
        assert_eq!(
            u32::from_le_bytes([wav[24], wav[25], wav[26], wav[27]]),
            16_000
        );
        assert_eq!(
            u32::from_le_bytes([wav[40], wav[41], wav[42], wav[43]]),
            8000
        );
        let back = samples(&wav);
        assert!((back[100] - signal[100]).abs() < 1e-4);
    }

    #[test]
    fn resampled_audio_has_the_right_length_and_lines_up() {
        for rate in [48_000u32, 44_100, 22_050, 8_000] {
            let signal = sine(rate, 440.0, 1.3);
            let (wav, frames) = write(rate, &signal, 777);
            let want = (signal.len() as u64 * 16_000 + u64::from(rate) / 2) / u64::from(rate);
            assert_eq!(frames, want, "rate {rate}");
            let back = samples(&wav);
            assert_eq!(back.len() as u64, frames);
            // The same sine at 16 kHz, in phase: the delay was removed (to the whole output
            // sample; what is left of it is under half a sample, 0.05 of this sine's swing).
            let expect = sine(16_000, 440.0, 1.3);
            let err: f32 = back[2000..18_000]
                .iter()
                .zip(&expect[2000..18_000])
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f32::max);
            assert!(err < 0.05, "rate {rate}: max error {err}");
        }
    }

    #[test]
    fn a_tone_above_eight_khz_does_not_alias_into_the_speech_band() {
        let signal = sine(48_000, 11_000.0, 1.0);
        let (wav, _) = write(48_000, &signal, 1024);
        let back = samples(&wav);
        let rms = (back[1000..15_000].iter().map(|s| s * s).sum::<f32>() / 14_000.0).sqrt();
        assert!(rms < 0.01, "aliased energy {rms}");
    }

    #[test]
    fn an_empty_signal_is_a_valid_empty_wav() {
        let (wav, frames) = write(44_100, &[], 1);
        assert_eq!(frames, 0);
        assert_eq!(wav.len(), 44);
    }
}
