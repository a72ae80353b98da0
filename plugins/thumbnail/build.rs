//! Links OpenH264's C++ runtime statically when the build asks for it.
//!
//! `PIPES_MEDIA_STATIC_LIBSTDCXX=1` (set by the repository's `.cargo/config.toml`, together with
//! an empty `CXXSTDLIB_<target>` so that `openh264-sys2`'s own `cc` builds name no runtime) links
//! `libstdc++.a` here, once, instead of loading `libstdc++.so` in every process. Without the
//! variable nothing changes: `cc` links the shared library as it always does.

use std::env;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=PIPES_MEDIA_STATIC_LIBSTDCXX");
    let wanted = env::var_os("PIPES_MEDIA_STATIC_LIBSTDCXX").is_some_and(|v| v == "1");
    let decodes_h264 = env::var_os("CARGO_FEATURE_H264").is_some();
    let gnu = env::var("CARGO_CFG_TARGET_ENV").is_ok_and(|v| v == "gnu")
        && env::var("CARGO_CFG_TARGET_OS").is_ok_and(|v| v == "linux");
    if wanted && decodes_h264 && gnu {
        // `-bundle`: the final link finds the archive in the C compiler's own search path
        // (where `libstdc++.so` is too); rustc does not look for it when building this rlib.
        println!("cargo:rustc-link-lib=static:-bundle=stdc++");
    }
}
