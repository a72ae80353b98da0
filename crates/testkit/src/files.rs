//! Files a pipeline run leaves behind: its report and whatever else is under its output.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// Every line of `<out>/report.jsonl`, parsed; empty when the file does not exist (yet).
///
/// # Panics
/// When a line is not whole JSON: a torn report line is a test failure.
pub fn read_report(out: &Path) -> Vec<Value> {
    std::fs::read_to_string(out.join("report.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every report line is whole JSON"))
        .collect()
}

/// Every file under `dir`, recursively (directories themselves are not listed; an unreadable or
/// missing directory counts as empty). The order is unspecified.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}
