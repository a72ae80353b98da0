//! The duplicate index: the last `max_entries` messages (SHA-256, perceptual hash, id) in
//! memory, and an append-only file (`index.log` in the index directory) that survives
//! restarts.
//!
//! **Sharing.** Several processes may use one index directory on Unix (workers on one host, or
//! on a shared filesystem whose locks work across machines, as NFSv4's do): every check takes an exclusive lock on `index.lock`,
//! first reads what others appended since it last looked, then looks up and appends, so two
//! processes never both miss each other's copy. When the file grows past 1.25 x `max_entries`
//! records it is rewritten with the newest `max_entries` and renamed into place; the others
//! notice the new file and reload it.
//!
//! **Bounds.** At most `max_entries` entries are kept (oldest out first) in memory and, after
//! the next rewrite, on disk; message ids over 65 490 bytes are not indexed.
//!
//! **Durability.** Records are written, not synced: a machine crash can lose the last few, and
//! a record torn by a crash is dropped when the file is next read (the index is a cache of what
//! was seen; losing an entry only means a duplicate goes unnoticed).

mod record;

use std::collections::{HashMap, VecDeque};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use record::{Entry, MAGIC};

use crate::error::DedupError;
use crate::facts::MatchKind;

/// An earlier message the checked one duplicates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub message_id: String,
    pub kind: MatchKind,
    pub distance: u32,
}

/// The index of one directory; see the [module docs](self).
pub(crate) struct Index {
    dir: PathBuf,
    log_path: PathBuf,
    lock: File,
    log: File,
    identity: Option<(u64, u64)>,
    /// Bytes of the log read (header included).
    read_to: u64,
    /// Records in the log file (more than `entries` when older ones await the next rewrite).
    records_in_file: usize,
    entries: VecDeque<(u64, Entry)>,
    next_seq: u64,
    by_sha: HashMap<[u8; 32], u64>,
    by_id: HashMap<Box<str>, u64>,
    max_entries: usize,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("dir", &self.dir)
            .field("entries", &self.entries.len())
            .finish()
    }
}

impl Index {
    /// Opens (or creates) the index in `dir`, keeping at most `max_entries` entries.
    pub(crate) fn open(dir: &Path, max_entries: usize) -> Result<Self, DedupError> {
        std::fs::create_dir_all(dir)?;
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join("index.lock"))?;
        let log_path = dir.join("index.log");
        let log = open_log(&log_path)?;
        let mut index = Self {
            dir: dir.to_owned(),
            log_path,
            lock,
            log,
            identity: None,
            read_to: 0,
            records_in_file: 0,
            entries: VecDeque::new(),
            next_seq: 0,
            by_sha: HashMap::new(),
            by_id: HashMap::new(),
            max_entries: max_entries.max(1),
        };
        index.lock.lock()?;
        let loaded = index.reload();
        let _ = index.lock.unlock();
        loaded.map(|()| index)
    }

    /// Entries held.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Looks `sha256` / `phash` of message `message_id` up among the earlier messages (exact
    /// first, then the nearest picture within `max_distance`), then adds the message unless it
    /// is already indexed (a retry) or an exact copy of an indexed one.
    pub(crate) fn check_and_add(
        &mut self,
        sha256: [u8; 32],
        phash: Option<u64>,
        message_id: &str,
        max_distance: u32,
    ) -> Result<Option<Found>, DedupError> {
        self.lock.lock()?;
        let result = self.check_locked(sha256, phash, message_id, max_distance);
        let _ = self.lock.unlock();
        result
    }

    fn check_locked(
        &mut self,
        sha256: [u8; 32],
        phash: Option<u64>,
        message_id: &str,
        max_distance: u32,
    ) -> Result<Option<Found>, DedupError> {
        self.refresh()?;
        let found = self.find(&sha256, phash, message_id, max_distance);
        let known = self.by_id.contains_key(message_id);
        let exact = found.as_ref().is_some_and(|f| f.kind == MatchKind::Exact);
        if !known && !exact {
            let entry = Entry {
                sha256,
                phash,
                message_id: message_id.into(),
            };
            match entry.encode() {
                Some(bytes) => {
                    self.log.seek(SeekFrom::Start(self.read_to))?;
                    self.log.write_all(&bytes)?;
                    self.read_to += bytes.len() as u64;
                    self.records_in_file += 1;
                    self.apply(entry);
                }
                None => tracing::warn!(len = message_id.len(), "message id too long to index"),
            }
            if self.records_in_file > self.max_entries + self.max_entries / 4 {
                self.rewrite()?;
            }
        }
        Ok(found)
    }

    fn find(
        &self,
        sha256: &[u8; 32],
        phash: Option<u64>,
        message_id: &str,
        max_distance: u32,
    ) -> Option<Found> {
        let earlier = |e: &Entry| &*e.message_id != message_id;
        if let Some(seq) = self.by_sha.get(sha256) {
            if let Some(entry) = self.entry(*seq).filter(|e| earlier(e)) {
                return Some(Found {
                    message_id: entry.message_id.to_string(),
                    kind: MatchKind::Exact,
                    distance: 0,
                });
            }
        }
        let phash = phash?;
        self.entries
            .iter()
            .filter(|(_, e)| earlier(e))
            .filter_map(|(seq, e)| e.phash.map(|p| ((p ^ phash).count_ones(), *seq, e)))
            .filter(|(d, _, _)| *d <= max_distance)
            .min_by_key(|(d, seq, _)| (*d, *seq))
            .map(|(distance, _, e)| Found {
                message_id: e.message_id.to_string(),
                kind: MatchKind::Near,
                distance,
            })
    }

    fn entry(&self, seq: u64) -> Option<&Entry> {
        let first = self.entries.front()?.0;
        let at = usize::try_from(seq.checked_sub(first)?).ok()?;
        self.entries.get(at).map(|(_, e)| e)
    }

    fn apply(&mut self, entry: Entry) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.by_sha.entry(entry.sha256).or_insert(seq);
        self.by_id.insert(entry.message_id.clone(), seq);
        self.entries.push_back((seq, entry));
        while self.entries.len() > self.max_entries {
            if let Some((old, e)) = self.entries.pop_front() {
                if self.by_sha.get(&e.sha256) == Some(&old) {
                    self.by_sha.remove(&e.sha256);
                }
                if self.by_id.get(&e.message_id) == Some(&old) {
                    self.by_id.remove(&e.message_id);
                }
            }
        }
    }

    /// Reads what other processes appended since the last look; reloads when another
    /// process rewrote the file. Called with the lock held.
    fn refresh(&mut self) -> Result<(), DedupError> {
        if file_identity(&self.log_path)? != self.identity {
            self.log = open_log(&self.log_path)?;
            return self.reload();
        }
        let len = self.log.metadata()?.len();
        if len > self.read_to {
            let mut fresh = Vec::with_capacity((len - self.read_to) as usize);
            self.log.seek(SeekFrom::Start(self.read_to))?;
            (&self.log)
                .take(len - self.read_to)
                .read_to_end(&mut fresh)?;
            let (entries, used) = record::decode_all(&fresh);
            self.records_in_file += entries.len();
            for entry in entries {
                self.apply(entry);
            }
            self.read_to += used as u64;
            if self.read_to < len {
                tracing::warn!(path = %self.log_path.display(), "dropping a torn record at the end of the duplicate index");
                self.log.set_len(self.read_to)?;
            }
        }
        Ok(())
    }

    /// Reads the whole log afresh. Called with the lock held.
    fn reload(&mut self) -> Result<(), DedupError> {
        self.entries.clear();
        self.by_sha.clear();
        self.by_id.clear();
        self.records_in_file = 0;
        self.identity = file_identity(&self.log_path)?;
        let mut data = Vec::new();
        self.log.seek(SeekFrom::Start(0))?;
        self.log.read_to_end(&mut data)?;
        if data.is_empty() {
            self.log.write_all(MAGIC)?;
            self.read_to = MAGIC.len() as u64;
            return Ok(());
        }
        if !data.starts_with(MAGIC) {
            // Not ours (or damaged beyond its header): keep it aside and start afresh.
            let aside = self.dir.join("index.log.unreadable");
            tracing::warn!(path = %self.log_path.display(), aside = %aside.display(), "the duplicate index is unreadable; starting a new one");
            std::fs::rename(&self.log_path, &aside)?;
            self.log = open_log(&self.log_path)?;
            self.identity = file_identity(&self.log_path)?;
            self.log.write_all(MAGIC)?;
            self.read_to = MAGIC.len() as u64;
            return Ok(());
        }
        let (entries, used) = record::decode_all(&data[MAGIC.len()..]);
        self.records_in_file = entries.len();
        for entry in entries {
            self.apply(entry);
        }
        self.read_to = (MAGIC.len() + used) as u64;
        if self.read_to < data.len() as u64 {
            tracing::warn!(path = %self.log_path.display(), "dropping a torn record at the end of the duplicate index");
            self.log.set_len(self.read_to)?;
        }
        Ok(())
    }

    /// Rewrites the log with the entries held, atomically. Called with the lock held.
    fn rewrite(&mut self) -> Result<(), DedupError> {
        let tmp = self.dir.join("index.log.tmp");
        {
            let mut out = std::io::BufWriter::new(File::create(&tmp)?);
            out.write_all(MAGIC)?;
            for (_, entry) in &self.entries {
                if let Some(bytes) = entry.encode() {
                    out.write_all(&bytes)?;
                }
            }
            out.flush()?;
            out.get_ref().sync_all()?;
        }
        std::fs::rename(&tmp, &self.log_path)?;
        self.log = open_log(&self.log_path)?;
        self.identity = file_identity(&self.log_path)?;
        self.read_to = self.log.metadata()?.len();
        self.records_in_file = self.entries.len();
        tracing::debug!(entries = self.entries.len(), "duplicate index rewritten");
        Ok(())
    }
}

fn open_log(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(path)
}

/// What identifies the file at `path` (device and inode on Unix), to see that another process
/// replaced it; `None` elsewhere (where an index is not to be shared between processes).
#[cfg(unix)]
fn file_identity(path: &Path) -> std::io::Result<Option<(u64, u64)>> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path)?;
    Ok(Some((meta.dev(), meta.ino())))
}

#[cfg(not(unix))]
fn file_identity(_path: &Path) -> std::io::Result<Option<(u64, u64)>> {
    Ok(None)
}
