//! Test kit: run a test again inside namespaces of its own (`unshare -rnm`: user, network and
//! mount namespaces, no root needed where unprivileged user namespaces are allowed), with
//! addresses of every class on its loopback interface and names of the test's own in its
//! `/etc/hosts`, so a simulator can listen on a private, CGNAT or link-local address, the
//! system resolver answers for test names, and nothing outside the namespaces is touched.

#![allow(dead_code, clippy::print_stderr)]

use std::process::{Command, Stdio};

/// Set in the child: the test runs inside the namespace.
const INSIDE: &str = "PIPES_MEDIA_NETNS_CHILD";

/// The addresses added to the namespace's loopback interface.
pub const ADDRESSES: &[&str] = &[
    "10.77.0.1/32",
    "10.77.0.2/32",
    "192.168.77.1/32",
    "100.64.0.1/32",
    "169.254.169.254/32",
];

/// Names the namespace's `/etc/hosts` resolves (besides `localhost`): `mixed.test` to a
/// loopback and a private address, in that order.
pub const HOSTS: &str =
    "127.0.0.1 localhost\n::1 localhost\n127.0.0.1 mixed.test\n10.77.0.1 mixed.test\n";

/// Runs test `name` of this test binary again inside fresh namespaces. Returns `true` in the
/// namespaces (the caller goes on with the test there), `false` in the parent once the child
/// passed, or after printing `SKIP: …` when namespaces are not available. A failing child fails
/// the parent.
pub fn enter(name: &str) -> bool {
    if std::env::var_os(INSIDE).is_some() {
        setup();
        return true;
    }
    let probe = Command::new("unshare")
        .args(["-rnm", "--", "ip", "link", "set", "lo", "up"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        eprintln!(
            "SKIP: {name}: needs `unshare -rnm` and `ip` (user, network and mount namespaces)"
        );
        return false;
    }
    let exe = std::env::current_exe().expect("test binary path");
    let status = Command::new("unshare")
        .arg("-rnm")
        .arg("--")
        .arg(exe)
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env(INSIDE, "1")
        .status()
        .expect("unshare runs");
    assert!(
        status.success(),
        "{name} failed inside the network namespace"
    );
    false
}

fn setup() {
    ip(&["link", "set", "lo", "up"]);
    for address in ADDRESSES {
        ip(&["addr", "add", address, "dev", "lo"]);
    }
    // A hosts file of our own over /etc/hosts, visible in this mount namespace only. It lives
    // in a directory that outlives the test (the bind mount pins it; the namespace ends with
    // the process).
    let hosts =
        std::env::temp_dir().join(format!("pipes-media-netns-hosts-{}", std::process::id()));
    std::fs::write(&hosts, HOSTS).expect("hosts file");
    let status = Command::new("mount")
        .arg("--bind")
        .arg(&hosts)
        .arg("/etc/hosts")
        .status()
        .expect("mount runs");
    assert!(status.success(), "bind-mount the hosts file");
    let _ = std::fs::remove_file(&hosts);
}

fn ip(args: &[&str]) {
    let status = Command::new("ip").args(args).status().expect("ip runs");
    assert!(status.success(), "ip {args:?}");
}
