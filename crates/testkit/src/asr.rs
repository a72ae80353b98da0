//! A real speech recogniser on loopback for the `transcribe` tests: `scripts/asr_server.py`,
//! an OpenAI-compatible `POST /v1/audio/transcriptions` answered by pocketsphinx (US English).
//!
//! It needs a Python with pocketsphinx: Debian's `python3-pocketsphinx` with
//! `pocketsphinx-en-us`, or the PyPI `pocketsphinx` wheel in a venv (name its interpreter in
//! `$PIPES_ASR_PYTHON`). Without one, [`AsrServer::start`] prints a visible `SKIP` line and the
//! test passes having checked nothing. [`word_error_rate`] scores a transcript.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The environment variable naming a Python interpreter that has pocketsphinx.
pub const PYTHON_ENV: &str = "PIPES_ASR_PYTHON";

/// The server script.
pub fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/asr_server.py")
}

/// The first of `$PIPES_ASR_PYTHON`, `/usr/bin/python3`, `python3` that imports pocketsphinx.
pub fn find_python() -> Option<PathBuf> {
    std::env::var_os(PYTHON_ENV)
        .map(PathBuf::from)
        .into_iter()
        .chain(["/usr/bin/python3", "python3"].map(PathBuf::from))
        .find(|python| {
            Command::new(python)
                .args(["-c", "import pocketsphinx"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
}

/// A running recogniser; killed and reaped on drop.
pub struct AsrServer {
    child: Child,
    port: u16,
}

impl AsrServer {
    /// Starts the server (requiring `Authorization: Bearer <key>` when `key` is given) and
    /// waits until it listens (the model loads first: up to 120 s on a loaded machine).
    /// Prints `SKIP: …` and returns `None` when no Python with pocketsphinx is installed.
    ///
    /// # Panics
    /// When the server cannot be spawned or does not come up in time.
    pub fn start(key: Option<&str>) -> Option<Self> {
        let Some(python) = find_python() else {
            #[allow(clippy::print_stderr)] // the visible SKIP line of the test log
            {
                eprintln!(
                    "SKIP: no Python with pocketsphinx (install python3-pocketsphinx and pocketsphinx-en-us, or set {PYTHON_ENV})"
                );
            }
            return None;
        };
        let mut cmd = Command::new(python);
        cmd.arg(script())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        match key {
            Some(key) => cmd.env("ASR_KEY", key),
            None => cmd.env_remove("ASR_KEY"),
        };
        let mut child = cmd.spawn().expect("the ASR server starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let port = rx
            .recv_timeout(Duration::from_secs(120))
            .ok()
            .and_then(|l| l.trim().strip_prefix("LISTENING ")?.parse().ok());
        let Some(port) = port else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the ASR server did not come up within 120 s");
        };
        Some(Self { child, port })
    }

    /// The OpenAI-style API base: `http://127.0.0.1:<port>/v1`.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}/v1", self.port)
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }
}

impl Drop for AsrServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The word error rate of `hypothesis` against `reference`: word-level edit distance
/// (substitutions, insertions, deletions) over the reference's word count, case and
/// punctuation ignored.
///
/// ```
/// use pipes_media_testkit::asr::word_error_rate;
/// assert_eq!(word_error_rate("he was not ill", "he was not ill"), 0.0);
/// assert_eq!(word_error_rate("he was not ill", "he was ill"), 0.25);
/// ```
pub fn word_error_rate(reference: &str, hypothesis: &str) -> f64 {
    let words = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_alphanumeric() || *c == '\'')
                    .flat_map(char::to_lowercase)
                    .collect::<String>()
            })
            .filter(|w| !w.is_empty())
            .collect()
    };
    let (r, h) = (words(reference), words(hypothesis));
    if r.is_empty() {
        return if h.is_empty() { 0.0 } else { 1.0 };
    }
    let mut prev: Vec<usize> = (0..=h.len()).collect();
    for (i, rw) in r.iter().enumerate() {
        let mut row = vec![i + 1; h.len() + 1];
        for (j, hw) in h.iter().enumerate() {
            let sub = prev[j] + usize::from(rw != hw);
            row[j + 1] = sub.min(prev[j + 1] + 1).min(row[j] + 1);
        }
        prev = row;
    }
    prev[h.len()] as f64 / r.len() as f64
}
