//! Links OpenH264's C++ runtime statically when the build asks for it.
//!
//! `PIPES_MEDIA_STATIC_LIBSTDCXX=1` (set by the repository's `.cargo/config.toml`, together with
//! an empty `CXXSTDLIB_<target>` so that `openh264-sys2`'s own `cc` builds name no runtime) links
//! `libstdc++.a` here, once, instead of loading `libstdc++.so` in every process. Where the C++
//! compiler has no static archive (some distributions package it apart), the shared library is
//! linked instead, as `cc` would have. Without the variable nothing changes.

use std::env;
use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=PIPES_MEDIA_STATIC_LIBSTDCXX");
    let wanted = env::var_os("PIPES_MEDIA_STATIC_LIBSTDCXX").is_some_and(|v| v == "1");
    let decodes_h264 = env::var_os("CARGO_FEATURE_H264").is_some();
    let gnu = env::var("CARGO_CFG_TARGET_ENV").is_ok_and(|v| v == "gnu")
        && env::var("CARGO_CFG_TARGET_OS").is_ok_and(|v| v == "linux");
    if !(wanted && decodes_h264 && gnu) {
        return;
    }
    if static_archive_exists() {
        // `-bundle`: the final link finds the archive in the C compiler's own search path
        // (where `libstdc++.so` is too); rustc does not look for it when building this rlib.
        println!("cargo:rustc-link-lib=static:-bundle=stdc++");
    } else {
        println!("cargo:rustc-link-lib=stdc++");
    }
}

/// Whether the C++ compiler `cc` would use knows a `libstdc++.a` (`-print-file-name` answers
/// the bare name when it does not).
fn static_archive_exists() -> bool {
    let target = env::var("TARGET").unwrap_or_default();
    let compiler = [
        format!("CXX_{target}"),
        format!("CXX_{}", target.replace('-', "_")),
        "CXX".into(),
    ]
    .iter()
    .find_map(|name| {
        println!("cargo:rerun-if-env-changed={name}");
        env::var(name).ok().filter(|v| !v.is_empty())
    })
    .unwrap_or_else(|| "c++".into());
    Command::new(compiler)
        .arg("-print-file-name=libstdc++.a")
        .output()
        .ok()
        .filter(|out| out.status.success())
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .is_some_and(|path| Path::new(path.trim()).is_absolute())
}
