//! [`Ledger`]: which messages were answered, kept on disk so a reply is never sent twice.
//!
//! **At most once.** Before a reply is written the message id is appended as `claimed` and
//! the file synced; after the answer the outcome is appended. A message found in the ledger is
//! never answered again, whatever its state: after a crash between the write and the
//! `reply_status`, nobody can know whether the reply went out (the status carries no request
//! id), and a missing reply costs less than the same text twice in a customer's chat. Only a
//! reply that certainly never left (no connection, refused text) releases its claim.
//!
//! The file is `<state>/reply/ledger.jsonl`, one small JSON object a line. Entries older than
//! the keep period (default 7 days, well past Pipes.bot's 24-hour redelivery window) are dropped
//! when the ledger is opened, which rewrites the file atomically.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// One line of the ledger.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct Line {
    id: String,
    state: String,
    at: u64,
}

/// What the ledger says of a message before its reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// Not answered before: the caller may reply now.
    Fresh,
    /// Answered (or possibly answered) before; the state recorded then.
    Seen(String),
}

/// The durable set of answered messages; see the [module docs](self).
#[derive(Debug)]
pub struct Ledger {
    file: File,
    states: HashMap<String, (String, u64)>,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl Ledger {
    /// Opens (or creates) the ledger in `dir`, dropping entries older than `keep`.
    pub fn open(dir: &Path, keep: Duration) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join("ledger.jsonl");
        let mut states: HashMap<String, (String, u64)> = HashMap::new();
        let mut lines = 0usize;
        if let Ok(file) = File::open(&path) {
            for line in BufReader::new(file).lines() {
                let line = line?;
                lines += 1;
                // A torn last line (a crash mid-write) is skipped; everything before it holds.
                if let Ok(entry) = serde_json::from_str::<Line>(&line) {
                    states.insert(entry.id, (entry.state, entry.at));
                }
            }
        }
        let horizon = now().saturating_sub(keep.as_secs());
        let before = states.len();
        states.retain(|_, (_, at)| *at >= horizon);
        if states.len() < before || lines > 2 * states.len() + 64 {
            rewrite(&path, &states)?;
        }
        let file = OpenOptions::new().create(true).append(true).open(&path)?;
        Ok(Self { file, states })
    }

    /// Claims `id` for a reply: [`Claim::Fresh`] after recording it durably, or what was
    /// recorded before.
    pub fn claim(&mut self, id: &str) -> std::io::Result<Claim> {
        if let Some((state, _)) = self.states.get(id) {
            return Ok(Claim::Seen(state.clone()));
        }
        self.record(id, "claimed")?;
        Ok(Claim::Fresh)
    }

    /// Records the outcome of `id`'s reply (`sent`, `refused`, `unanswered`).
    pub fn settle(&mut self, id: &str, state: &str) -> std::io::Result<()> {
        self.record(id, state)
    }

    /// Forgets the claim of a reply that certainly never left, so a later delivery may try.
    pub fn release(&mut self, id: &str) -> std::io::Result<()> {
        self.states.remove(id);
        self.append(&Line {
            id: id.to_owned(),
            state: "released".to_owned(),
            at: 0,
        })
    }

    fn record(&mut self, id: &str, state: &str) -> std::io::Result<()> {
        let at = now();
        self.append(&Line {
            id: id.to_owned(),
            state: state.to_owned(),
            at,
        })?;
        self.states.insert(id.to_owned(), (state.to_owned(), at));
        Ok(())
    }

    fn append(&mut self, line: &Line) -> std::io::Result<()> {
        let mut text = serde_json::to_string(line).map_err(std::io::Error::other)?;
        text.push('\n');
        self.file.write_all(text.as_bytes())?;
        self.file.sync_data()
    }
}

/// Writes the kept entries to a temporary file and renames it over the ledger.
fn rewrite(path: &Path, states: &HashMap<String, (String, u64)>) -> std::io::Result<()> {
    let tmp = path.with_extension("jsonl.tmp");
    {
        let mut out = std::io::BufWriter::new(File::create(&tmp)?);
        for (id, (state, at)) in states {
            let line = Line {
                id: id.clone(),
                state: state.clone(),
                at: *at,
            };
            serde_json::to_writer(&mut out, &line).map_err(std::io::Error::other)?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
        out.get_ref().sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WEEK: Duration = Duration::from_secs(7 * 24 * 3600);

    #[test]
    fn a_claim_survives_reopening_and_a_release_does_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut ledger = Ledger::open(dir.path(), WEEK).expect("open");
        assert_eq!(ledger.claim("m1").expect("claim"), Claim::Fresh);
        assert_eq!(ledger.claim("m2").expect("claim"), Claim::Fresh);
        ledger.settle("m1", "sent").expect("settle");
        ledger.release("m2").expect("release");
        drop(ledger);
        let mut again = Ledger::open(dir.path(), WEEK).expect("reopen");
        assert_eq!(
            again.claim("m1").expect("claim"),
            Claim::Seen("sent".into())
        );
        assert_eq!(again.claim("m2").expect("claim"), Claim::Fresh);
    }

    #[test]
    fn a_torn_line_is_skipped_and_old_entries_are_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("ledger.jsonl");
        let recent = now();
        std::fs::write(
            &path,
            format!(
                "{{\"id\":\"old\",\"state\":\"sent\",\"at\":5}}\n{{\"id\":\"new\",\"state\":\"sent\",\"at\":{recent}}}\n{{\"id\":\"tor"
            ),
        )
        .expect("write");
        let mut ledger = Ledger::open(dir.path(), WEEK).expect("open");
        assert_eq!(ledger.claim("old").expect("claim"), Claim::Fresh);
        assert_eq!(
            ledger.claim("new").expect("claim"),
            Claim::Seen("sent".into())
        );
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(
            !text.contains("tor\n") && !text.contains("\"at\":5"),
            "{text}"
        );
    }
}
