//! A `moto_server` child (PyPI `moto[server]`): a real S3-compatible server on loopback for the
//! object-store tests, on a port it picks itself (`-p 0`; the URL is read from its output).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Where `moto_server` is: `$PIPES_MEDIA_MOTO`, `$PATH`, or the CI's virtual environment
/// (`target/venv/bin`).
pub fn find_server() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PIPES_MEDIA_MOTO").map(PathBuf::from) {
        return path.is_file().then_some(path);
    }
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/venv/bin");
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([venv])
        .map(|d| d.join("moto_server"))
        .find(|p| p.is_file())
}

/// A running `moto_server`; killed and reaped on drop.
pub struct MotoServer {
    child: Child,
    url: String,
}

impl MotoServer {
    /// Starts `moto_server` and waits until it listens. Prints `SKIP: moto_server not found`
    /// and returns `None` when it is not installed.
    ///
    /// # Panics
    /// When it cannot be spawned or does not listen within 30 s.
    pub fn start() -> Option<Self> {
        let Some(bin) = find_server() else {
            #[allow(clippy::print_stderr)] // the visible SKIP line of the test log
            {
                eprintln!("SKIP: moto_server not found (pip install 'moto[server]')");
            }
            return None;
        };
        let mut child = Command::new(bin)
            .args(["-H", "127.0.0.1", "-p", "0"])
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("moto_server starts");
        let (tx, rx) = std::sync::mpsc::channel();
        for pipe in [
            child
                .stdout
                .take()
                .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
            child
                .stderr
                .take()
                .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    if let Some(at) = line.find("Running on http://") {
                        let url = line[at + "Running on ".len()..].trim().to_owned();
                        let _ = tx.send(url);
                    }
                }
            });
        }
        let start = Instant::now();
        let url = loop {
            if let Ok(url) = rx.recv_timeout(Duration::from_millis(100)) {
                break url;
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("moto_server exited during start-up: {status}");
            }
            if start.elapsed() > Duration::from_secs(30) {
                let _ = child.kill();
                let _ = child.wait();
                panic!("moto_server did not listen within 30 s");
            }
        };
        Some(Self { child, url })
    }

    /// The endpoint, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
