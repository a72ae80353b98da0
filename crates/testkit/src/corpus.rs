//! The generated ground-truth media corpus (`shared/corpus/build.sh`): where it is and what its
//! `manifest.jsonl` says.
//!
//! Tests that need it call [`dir`] and return early on `None`; [`dir`] has then printed a
//! visible `SKIP` line, so a run without the corpus passes but says what it did not check.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The environment variable naming the corpus directory.
pub const ENV: &str = "PIPES_MEDIA_CORPUS";

/// The manifest's file name inside the corpus directory: one JSON object a line.
pub const MANIFEST: &str = "manifest.jsonl";

/// The line printed (to stderr) when no corpus is found.
pub const SKIP_LINE: &str = "SKIP: corpus not found (set PIPES_MEDIA_CORPUS)";

/// The default corpus location: `<workspace>/target/corpus`.
pub fn default_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/corpus")
}

/// The directory named by `$PIPES_MEDIA_CORPUS`, if the variable is set (whether or not it
/// holds a manifest).
pub fn env_dir() -> Option<PathBuf> {
    std::env::var_os(ENV).map(PathBuf::from)
}

/// Whether `dir` holds a `manifest.jsonl`.
pub fn has_manifest(dir: &Path) -> bool {
    dir.join(MANIFEST).is_file()
}

/// The corpus directory: `$PIPES_MEDIA_CORPUS`, else `<workspace>/target/corpus`, whichever
/// first has a manifest; `None`, after printing [`SKIP_LINE`] to stderr, when neither has.
#[allow(clippy::print_stderr)] // the visible SKIP line is the point
pub fn dir() -> Option<PathBuf> {
    let found = env_dir()
        .into_iter()
        .chain([default_dir()])
        .find(|d| has_manifest(d));
    if found.is_none() {
        eprintln!("{SKIP_LINE}");
    }
    found
}

/// Every entry of `<dir>/manifest.jsonl`, blank lines skipped.
///
/// # Panics
/// When the manifest cannot be read or a line is not JSON: a broken corpus fails the test.
pub fn manifest(dir: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(dir.join(MANIFEST)).expect("manifest readable");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("manifest line is JSON"))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_default_dir_is_under_the_workspace_target() {
        let dir = super::default_dir();
        assert!(dir.ends_with("target/corpus"), "{}", dir.display());
        // Textually two levels up: `target/corpus` itself need not exist.
        let root = dir
            .parent()
            .and_then(std::path::Path::parent)
            .expect("a parent");
        let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("root Cargo.toml");
        assert!(manifest.contains("[workspace]"), "{}", root.display());
    }
}
