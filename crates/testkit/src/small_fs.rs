//! [`SmallFs`]: a real, small filesystem of the test's own (a tmpfs mount) to fill up.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A tmpfs of a few MiB mounted on a temporary directory, unmounted on drop. Mounting needs
/// root (or `CAP_SYS_ADMIN`): [`SmallFs::mount`] prints a visible `SKIP` line and returns `None`
/// without it (`.ci/run` runs the tests as root).
pub struct SmallFs {
    dir: tempfile::TempDir,
    mounted: bool,
    sudo: bool,
}

impl SmallFs {
    /// Mounts a tmpfs of `mib` MiB, or says `SKIP: <test>: …` and gives `None`.
    #[allow(clippy::print_stderr)] // the visible SKIP line is the point
    pub fn mount(mib: u64, test: &str) -> Option<Self> {
        let dir = tempfile::tempdir().ok()?;
        let options = format!("size={mib}m,mode=0777");
        // As root directly; otherwise through `sudo -n` when it needs no password (CI).
        for sudo in [false, true] {
            let mut cmd = if sudo {
                let mut c = Command::new("sudo");
                c.args(["-n", "mount"]);
                c
            } else {
                Command::new("mount")
            };
            let status = cmd
                .args(["-t", "tmpfs", "-o", &options, "tmpfs"])
                .arg(dir.path())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status();
            if status.is_ok_and(|s| s.success()) {
                return Some(Self {
                    dir,
                    mounted: true,
                    sudo,
                });
            }
        }
        eprintln!("SKIP: {test}: cannot mount a tmpfs here (needs root or passwordless sudo)");
        None
    }

    /// The mount point.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Bytes still free.
    pub fn free(&self) -> u64 {
        let out = Command::new("df")
            .args(["--output=avail", "-B1"])
            .arg(self.path())
            .output()
            .expect("df runs");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .nth(1)
            .and_then(|l| l.trim().parse().ok())
            .unwrap_or(0)
    }

    /// Writes a filler file that leaves about `leave` bytes free; returns its path.
    pub fn fill_leaving(&self, leave: u64) -> PathBuf {
        let path = self.path().join("filler");
        let size = self.free().saturating_sub(leave);
        let file = std::fs::File::create(&path).expect("filler");
        let mut left = size;
        let chunk = vec![0x5a; 1 << 16];
        let mut writer = std::io::BufWriter::new(file);
        while left > 0 {
            let n = left.min(chunk.len() as u64) as usize;
            if std::io::Write::write_all(&mut writer, &chunk[..n]).is_err() {
                break;
            }
            left -= n as u64;
        }
        let _ = std::io::Write::flush(&mut writer);
        path
    }
}

impl Drop for SmallFs {
    fn drop(&mut self) {
        if self.mounted {
            let mut cmd = if self.sudo {
                let mut c = Command::new("sudo");
                c.args(["-n", "umount"]);
                c
            } else {
                Command::new("umount")
            };
            let _ = cmd.arg("-l").arg(self.dir.path()).status();
        }
    }
}
