//! [`LevelMeter`]: the waveform, peak and RMS of a mono signal, in bounded memory whatever its
//! length.
//!
//! The meter keeps the sum of absolute values of fixed-size blocks of samples. When it holds
//! [`MAX_BLOCKS`] blocks it merges neighbours pairwise and doubles the block size, so an hour
//! of 48 kHz audio costs the same 256 KiB as a second of it. At the end the blocks are spread
//! over [`BARS`] equal buckets of the samples (a block that straddles a bucket boundary is
//! split in proportion), which puts each boundary within 1/256 of a bucket of where an exact,
//! whole-signal computation puts it.

/// How many values the waveform has: what WhatsApp shows (and Baileys sends) for a voice note.
pub const BARS: usize = 64;

/// The most blocks kept before neighbours are merged (then at least `MAX_BLOCKS / 2` remain,
/// which is 256 per bar).
const MAX_BLOCKS: usize = BARS * 512;

/// Below this mean absolute amplitude (−50 dBFS) in its loudest bar, a signal is silent.
pub const SILENCE_LEVEL: f64 = 0.003_162_277_66;

/// Silent signals are drawn on a scale where [`SILENCE_LEVEL`] is this many percent, so no bar
/// of a silent file exceeds it.
pub const SILENT_MAX_BAR: f64 = 5.0;

/// dBFS reported for digital silence (and for an empty signal), instead of minus infinity.
pub const FLOOR_DBFS: f64 = -120.0;

/// Accumulates a mono signal; see the [module docs](self).
#[derive(Debug, Clone)]
pub struct LevelMeter {
    block_len: u64,
    blocks: Vec<f64>,
    current: f64,
    current_len: u64,
    samples: u64,
    peak: f32,
    sum_squares: f64,
}

/// What a [`LevelMeter`] measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Levels {
    /// [`BARS`] integers 0–100: each bar's mean absolute amplitude over the loudest bar's
    /// (rounded), or over 20 × [`SILENCE_LEVEL`] for a silent signal.
    pub waveform: Vec<u8>,
    /// The largest absolute sample value in dBFS (0 is full scale; may exceed 0 for float
    /// sources), [`FLOOR_DBFS`] at the lowest.
    pub peak_dbfs: f64,
    /// The root mean square of all samples in dBFS, [`FLOOR_DBFS`] at the lowest.
    pub rms_dbfs: f64,
    /// Whether the loudest bar is below [`SILENCE_LEVEL`].
    pub silent: bool,
    /// How many samples were measured.
    pub samples: u64,
}

impl Default for LevelMeter {
    fn default() -> Self {
        Self::new()
    }
}

impl LevelMeter {
    /// An empty meter.
    pub fn new() -> Self {
        Self {
            block_len: 1,
            blocks: Vec::with_capacity(MAX_BLOCKS),
            current: 0.0,
            current_len: 0,
            samples: 0,
            peak: 0.0,
            sum_squares: 0.0,
        }
    }

    /// Adds samples (mono, full scale ±1.0). Non-finite samples count as zero.
    pub fn push(&mut self, samples: &[f32]) {
        let mut rest = samples;
        while !rest.is_empty() {
            let room = (self.block_len - self.current_len) as usize;
            let (now, later) = rest.split_at(room.min(rest.len()));
            let mut sum_abs = 0.0f64;
            let mut sum_sq = 0.0f64;
            let mut peak = self.peak;
            for &s in now {
                let s = if s.is_finite() { s } else { 0.0 };
                let a = s.abs();
                peak = peak.max(a);
                sum_abs += f64::from(a);
                sum_sq += f64::from(s) * f64::from(s);
            }
            self.peak = peak;
            self.sum_squares += sum_sq;
            self.current += sum_abs;
            self.current_len += now.len() as u64;
            self.samples += now.len() as u64;
            if self.current_len == self.block_len {
                self.blocks.push(self.current);
                self.current = 0.0;
                self.current_len = 0;
                if self.blocks.len() == MAX_BLOCKS {
                    self.merge();
                }
            }
            rest = later;
        }
    }

    /// How many samples were pushed so far.
    pub fn samples(&self) -> u64 {
        self.samples
    }

    fn merge(&mut self) {
        let merged: Vec<f64> = self.blocks.chunks(2).map(|p| p.iter().sum()).collect();
        self.blocks.clear();
        self.blocks.extend(merged);
        self.block_len *= 2;
    }

    /// The levels of everything pushed.
    pub fn finish(&self) -> Levels {
        let n = self.samples;
        let mut sums = [0.0f64; BARS];
        if n > 0 {
            let spans = self
                .blocks
                .iter()
                .enumerate()
                .map(|(i, &sum)| (i as u64 * self.block_len, self.block_len, sum))
                .chain((self.current_len > 0).then(|| {
                    (
                        self.blocks.len() as u64 * self.block_len,
                        self.current_len,
                        self.current,
                    )
                }));
            for (start, len, sum) in spans {
                spread(start, len, sum, n, &mut sums);
            }
        }
        let means: Vec<f64> = (0..BARS)
            .map(|k| {
                let len = bar_start(k + 1, n) - bar_start(k, n);
                if len == 0 {
                    0.0
                } else {
                    sums[k] / len as f64
                }
            })
            .collect();
        let loudest = means.iter().copied().fold(0.0, f64::max);
        let silent = loudest < SILENCE_LEVEL;
        let scale = if silent {
            SILENCE_LEVEL * 100.0 / SILENT_MAX_BAR
        } else {
            loudest
        };
        let waveform = means
            .iter()
            .map(|m| (100.0 * m / scale).round().clamp(0.0, 100.0) as u8)
            .collect();
        let rms = if n == 0 {
            0.0
        } else {
            (self.sum_squares / n as f64).sqrt()
        };
        Levels {
            waveform,
            peak_dbfs: dbfs(f64::from(self.peak)),
            rms_dbfs: dbfs(rms),
            silent,
            samples: n,
        }
    }
}

/// The first sample of bar `k` of a signal of `n` samples: `floor(k·n / BARS)`.
pub fn bar_start(k: usize, n: u64) -> u64 {
    ((u128::from(n) * k as u128) / BARS as u128) as u64
}

/// Adds a block's sum to the bars it overlaps, in proportion to the overlap.
fn spread(start: u64, len: u64, sum: f64, n: u64, sums: &mut [f64; BARS]) {
    let end = start + len;
    // The bar holding `start`: the largest k with bar_start(k) <= start.
    let mut k = ((u128::from(start) * BARS as u128) / u128::from(n.max(1))) as usize;
    while k + 1 < BARS && bar_start(k + 1, n) <= start {
        k += 1;
    }
    while k > 0 && bar_start(k, n) > start {
        k -= 1;
    }
    let mut at = start;
    while at < end && k < BARS {
        let bar_end = bar_start(k + 1, n).min(end);
        if bar_end > at {
            sums[k] += sum * (bar_end - at) as f64 / len as f64;
            at = bar_end;
        }
        k += 1;
    }
}

/// `20·log10(amplitude)`, floored at [`FLOOR_DBFS`].
pub fn dbfs(amplitude: f64) -> f64 {
    if amplitude > 0.0 && amplitude.is_finite() {
        (20.0 * amplitude.log10()).max(FLOOR_DBFS)
    } else {
        FLOOR_DBFS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The straightforward whole-signal computation the meter must agree with.
    fn exact(signal: &[f32]) -> Vec<f64> {
        let n = signal.len() as u64;
        (0..BARS)
            .map(|k| {
                let (a, b) = (bar_start(k, n) as usize, bar_start(k + 1, n) as usize);
                let s: f64 = signal[a..b].iter().map(|x| f64::from(x.abs())).sum();
                if b > a {
                    s / (b - a) as f64
                } else {
                    0.0
                }
            })
            .collect()
    }

    fn ramp(n: usize) -> Vec<f32> {
        (0..n)
            .map(|i| ((i as f32 * 0.37).sin()) * (i as f32 / n as f32))
            .collect()
    }

    #[test]
    fn bars_match_the_exact_computation_for_short_and_long_signals() {
        for n in [
            1usize,
            63,
            64,
            65,
            1000,
            48_000,
            3 * MAX_BLOCKS + 17,
            1_234_567,
        ] {
            let signal = ramp(n);
            let mut meter = LevelMeter::new();
            for chunk in signal.chunks(997) {
                meter.push(chunk);
            }
            let levels = meter.finish();
            let want = exact(&signal);
            let loudest = want.iter().copied().fold(0.0, f64::max);
            for (k, (&got, w)) in levels.waveform.iter().zip(&want).enumerate() {
                let w = if loudest > 0.0 {
                    (100.0 * w / loudest).round()
                } else {
                    0.0
                };
                assert!(
                    (f64::from(got) - w).abs() <= 1.0,
                    "n={n} bar {k}: {got} vs {w}"
                );
            }
            assert_eq!(levels.samples, n as u64);
            assert_eq!(levels.waveform.len(), BARS);
        }
    }

    #[test]
    fn a_full_scale_square_wave_is_zero_dbfs_and_fills_every_bar() {
        let signal: Vec<f32> = (0..48_000)
            .map(|i| if i % 2 == 0 { 1.0 } else { -1.0 })
            .collect();
        let mut meter = LevelMeter::new();
        meter.push(&signal);
        let levels = meter.finish();
        assert!(levels.waveform.iter().all(|&v| v == 100));
        assert!(levels.peak_dbfs.abs() < 1e-9 && levels.rms_dbfs.abs() < 1e-9);
        assert!(!levels.silent);
    }

    #[test]
    fn silence_and_faint_noise_are_silent_with_low_bars() {
        for amplitude in [0.0f32, 1e-5, 2e-3] {
            let signal: Vec<f32> = (0..16_000)
                .map(|i| amplitude * ((i * 7919 % 13) as f32 / 6.0 - 1.0))
                .collect();
            let mut meter = LevelMeter::new();
            meter.push(&signal);
            let levels = meter.finish();
            assert!(levels.silent, "amplitude {amplitude}");
            assert!(
                levels.waveform.iter().all(|&v| v <= 5),
                "{:?}",
                levels.waveform
            );
        }
        let levels = LevelMeter::new().finish();
        assert_eq!(levels.peak_dbfs, FLOOR_DBFS);
        assert_eq!(levels.rms_dbfs, FLOOR_DBFS);
        assert!(levels.silent && levels.waveform.iter().all(|&v| v == 0));
    }

    #[test]
    fn a_sine_at_minus_six_dbfs_has_the_textbook_rms() {
        let signal: Vec<f32> = (0..48_000)
            .map(|i| 0.5 * (i as f32 * std::f32::consts::TAU * 440.0 / 48_000.0).sin())
            .collect();
        let mut meter = LevelMeter::new();
        meter.push(&signal);
        let levels = meter.finish();
        assert!(
            (levels.peak_dbfs - -6.0206).abs() < 0.01,
            "{}",
            levels.peak_dbfs
        );
        assert!(
            (levels.rms_dbfs - -9.0309).abs() < 0.01,
            "{}",
            levels.rms_dbfs
        );
    }

    #[test]
    fn non_finite_samples_count_as_zero() {
        let mut meter = LevelMeter::new();
        meter.push(&[f32::NAN, f32::INFINITY, 0.5]);
        let levels = meter.finish();
        assert!((levels.peak_dbfs - -6.0206).abs() < 0.01);
        assert_eq!(levels.samples, 3);
    }
}
