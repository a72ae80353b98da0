//! Reading the report back: [`Report::read_lines`] (a gallery rebuilding its view) and
//! [`Outcome`], how a message ended (the store's recovery).

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};

use super::{index, Report, ReportError, Status};

/// How one message ended, as its report line says.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The line's status.
    pub status: Status,
    /// The line's error, when it has one.
    pub error: Option<crate::error::ErrorReport>,
}

impl Outcome {
    fn of_line(line: &[u8]) -> Option<Self> {
        #[derive(serde::Deserialize)]
        struct Parts {
            status: Status,
            #[serde(default)]
            error: Option<serde_json::Value>,
        }
        let parts: Parts = serde_json::from_slice(line).ok()?;
        Some(Self {
            status: parts.status,
            error: parts.error.and_then(|e| serde_json::from_value(e).ok()),
        })
    }
}

impl Report {
    /// How the messages in `ids` ended, as their lines say (ids without a line are absent).
    /// It reads the whole file: for the rare questions of a recovery, not for every message.
    pub fn outcomes(&self, ids: &HashSet<String>) -> Result<HashMap<String, Outcome>, ReportError> {
        let mut found = HashMap::new();
        if ids.is_empty() {
            return Ok(found);
        }
        self.read_lines(|line| {
            let Some(id) = index::message_id_of(line).filter(|id| ids.contains(id)) else {
                return;
            };
            if let Some(outcome) = Outcome::of_line(line) {
                found.insert(id, outcome);
            }
        })?;
        Ok(found)
    }

    /// Calls `each` with every whole line of the report (without its newline), in order, and
    /// returns how many there were. For views built from the report (a gallery); the report
    /// stays the record.
    pub fn read_lines(&self, mut each: impl FnMut(&[u8])) -> Result<u64, ReportError> {
        let io = |source| ReportError::Io {
            action: "reading",
            path: self.path.clone(),
            source,
        };
        let file = File::open(&self.path).map_err(io)?;
        let len = self.lock().len;
        let mut reader = BufReader::new(file.take(len));
        let mut line = Vec::new();
        let mut count = 0;
        loop {
            line.clear();
            if reader.read_until(b'\n', &mut line).map_err(io)? == 0 {
                break;
            }
            if line.ends_with(b"\n") {
                count += 1;
                each(line.trim_ascii_end());
            }
        }
        Ok(count)
    }
}
