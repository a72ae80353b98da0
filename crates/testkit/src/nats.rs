//! A `nats-server` child for the JetStream tests and benches, on a port the server picks itself.
//!
//! Choosing a "free" port in the test and handing it to the server races with every other
//! process binding ports meanwhile (a parallel test's server or simulator): the server then fails
//! to bind, the readiness probe reaches the other process's listener, and the test fails later
//! with a confusing "connection refused". So the server is started with `-p -1` (a port of its
//! own choosing) and `--ports_file_dir`, and the URL is read from the ports file it writes once
//! it listens.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Where `nats-server` is: `$PATH`, then the usual sbin directories (Debian's package installs
/// to `/usr/sbin`), or `None` when it is not installed.
pub fn find_server() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/usr/local/sbin", "/usr/local/bin"].map(PathBuf::from))
        .map(|d| d.join("nats-server"))
        .find(|p| p.is_file())
}

/// A running `nats-server` on 127.0.0.1 with its own temporary store; killed and reaped on drop.
pub struct NatsServer {
    child: Child,
    url: String,
    dir: tempfile::TempDir,
}

impl NatsServer {
    /// Starts `nats-server` (with JetStream when `jetstream`) and waits until it listens.
    /// Prints `SKIP: nats-server not found` and returns `None` when it is not installed.
    ///
    /// # Panics
    /// When it cannot be spawned, exits during start-up, or does not listen within 20 s.
    pub fn start(jetstream: bool) -> Option<Self> {
        let Some(bin) = find_server() else {
            #[allow(clippy::print_stderr)] // the visible SKIP line of the test log
            {
                eprintln!("SKIP: nats-server not found");
            }
            return None;
        };
        let dir = tempfile::tempdir().expect("tempdir");
        let mut cmd = Command::new(bin);
        cmd.args(["-a", "127.0.0.1", "-p", "-1", "--ports_file_dir"])
            .arg(dir.path());
        if jetstream {
            cmd.arg("-js").arg("-sd").arg(dir.path().join("store"));
        }
        let mut child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nats-server starts");
        let start = Instant::now();
        let url = loop {
            if let Some(url) = client_url(dir.path()) {
                break url;
            }
            if let Some(status) = child.try_wait().expect("wait") {
                panic!("nats-server exited during start-up: {status}");
            }
            if start.elapsed() > Duration::from_secs(20) {
                let _ = child.kill();
                let _ = child.wait();
                panic!("nats-server did not listen within 20 s");
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        Some(Self { child, url, dir })
    }

    /// The client URL, e.g. `nats://127.0.0.1:41383`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A scratch directory that lives as long as the server (the store is in `store/` below it).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The first client URL in the `*.ports` file of `dir`, once it is there and complete.
fn client_url(dir: &Path) -> Option<String> {
    let ports = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "ports"))?;
    let text = std::fs::read_to_string(ports).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["nats"][0].as_str().map(str::to_owned)
}
