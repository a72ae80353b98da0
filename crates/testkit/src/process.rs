//! Child processes of a test: a free loopback port, waiting with a time limit, a polite stop.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).
///
/// # Panics
/// When no port can be bound.
pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").port()
}

/// Waits for `child` to exit, polling every 20 ms, and returns its status.
///
/// # Panics
/// When it has not exited within `limit`: it is killed and reaped first, then the panic says
/// "`what` did not finish within `limit`".
pub fn wait_with_timeout(child: &mut Child, limit: Duration, what: &str) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Sends SIGTERM to `child` (through `kill -TERM`).
///
/// # Panics
/// When `kill` cannot be run or fails.
pub fn terminate(child: &Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill -TERM");
    assert!(status.success(), "kill -TERM {}: {status}", child.id());
}

/// The path of example binary `name` of the workspace, beside the running test binary
/// (`target/<profile>/examples/<name>`; `cargo test` builds the examples first).
///
/// # Panics
/// When the test binary's path has no `target/<profile>` above it.
pub fn example_binary(name: &str) -> std::path::PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe
        .parent()
        .and_then(|d| d.parent())
        .expect("target/<profile>");
    dir.join("examples").join(name)
}

/// The example `pipeline` binary against a server at `base_url` with `api_key`, writing to
/// `out`: quiet, warnings only on stderr (inherited), stdout discarded. Callers add their flags
/// (`--stages`, limits) and may pipe stdout or stderr instead.
pub fn pipeline_command(api_key: &str, base_url: &str, out: &Path) -> Command {
    let mut command = Command::new(example_binary("pipeline"));
    command
        .env("PIPES_API_KEY", api_key)
        .env("PIPES_BASE_URL", base_url)
        .env("RUST_LOG", "warn")
        .arg("--out")
        .arg(out)
        .arg("--quiet")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    command
}
