//! A downloaded (or local) file: where it is, its length, SHA-256 and first bytes.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// How many leading bytes a [`Blob`] keeps in memory for sniffing.
pub const HEAD_LEN: usize = 64 * 1024;

/// The media of one message, on disk.
///
/// Stages read it through [`Blob::head`] (the first [`HEAD_LEN`] bytes, in memory) and
/// [`Blob::open`] (the whole file). A blob is never held in memory whole.
#[derive(Debug, Clone)]
pub struct Blob {
    path: PathBuf,
    len: u64,
    sha256: [u8; 32],
    head: Vec<u8>,
    owned: bool,
}

impl Blob {
    /// A blob from parts computed elsewhere (e.g. while streaming a download).
    ///
    /// `owned` says whether the file is a temporary the pipeline may move or delete (a download)
    /// or a file read in place (`--input`).
    pub fn from_parts(
        path: PathBuf,
        len: u64,
        sha256: [u8; 32],
        head: Vec<u8>,
        owned: bool,
    ) -> Self {
        Self {
            path,
            len,
            sha256,
            head,
            owned,
        }
    }

    /// Reads a file in place: streams it once for SHA-256 and the head, refusing files larger
    /// than `max_len`. Blocking: call it from a blocking thread.
    pub fn read_in_place(path: &Path, max_len: u64) -> io::Result<Self> {
        let mut file = File::open(path)?;
        let mut builder = BlobBuilder::new();
        let mut buf = vec![0u8; 256 * 1024];
        loop {
            let n = file.read(&mut buf)?;
            if n == 0 {
                break;
            }
            builder.update(&buf[..n]);
            if builder.len() > max_len {
                return Err(io::Error::new(
                    io::ErrorKind::FileTooLarge,
                    format!("file is larger than the {max_len}-byte limit"),
                ));
            }
        }
        Ok(builder.finish(path.to_path_buf(), false))
    }

    /// Where the file is now.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Size in bytes.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the file is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// SHA-256 of the content.
    pub fn sha256(&self) -> &[u8; 32] {
        &self.sha256
    }

    /// SHA-256 as lowercase hex.
    pub fn sha256_hex(&self) -> String {
        hex::encode(self.sha256)
    }

    /// The first bytes of the file (all of it when it is shorter than [`HEAD_LEN`]).
    pub fn head(&self) -> &[u8] {
        &self.head
    }

    /// Whether the pipeline owns the file (a temporary download) rather than reading it in place.
    pub fn is_owned(&self) -> bool {
        self.owned
    }

    /// Opens the file for reading. Blocking.
    pub fn open(&self) -> io::Result<File> {
        File::open(&self.path)
    }

    /// Reads the whole file, refusing it when it is larger than `max_len`. Blocking. Stages that
    /// can stream should use [`Blob::open`] instead.
    pub fn read_to_vec(&self, max_len: u64) -> io::Result<Vec<u8>> {
        if self.len > max_len {
            return Err(io::Error::new(
                io::ErrorKind::FileTooLarge,
                format!(
                    "blob of {} bytes is over the {max_len}-byte limit",
                    self.len
                ),
            ));
        }
        let mut out = Vec::with_capacity(self.len as usize);
        self.open()?.take(max_len).read_to_end(&mut out)?;
        Ok(out)
    }

    /// Moves the blob to `path` (after the sink renamed the file there).
    pub fn relocated(mut self, path: PathBuf) -> Self {
        self.path = path;
        self
    }
}

/// Computes a blob's SHA-256, length and head from chunks as they stream past.
///
/// ```
/// use pipes_media_core::BlobBuilder;
/// let mut b = BlobBuilder::new();
/// b.update(b"hello ");
/// b.update(b"world");
/// let blob = b.finish("/tmp/x".into(), true);
/// assert_eq!(blob.len(), 11);
/// assert_eq!(blob.head(), b"hello world");
/// assert!(blob.sha256_hex().starts_with("b94d27b9"));
/// ```
#[derive(Clone)]
pub struct BlobBuilder {
    hasher: Sha256,
    head: Vec<u8>,
    len: u64,
}

impl Default for BlobBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl BlobBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self {
            hasher: Sha256::new(),
            head: Vec::new(),
            len: 0,
        }
    }

    /// Feeds the next chunk.
    pub fn update(&mut self, chunk: &[u8]) {
        self.hasher.update(chunk);
        if self.head.len() < HEAD_LEN {
            let take = (HEAD_LEN - self.head.len()).min(chunk.len());
            self.head.extend_from_slice(&chunk[..take]);
        }
        self.len += chunk.len() as u64;
    }

    /// Bytes seen so far.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether nothing was fed yet.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The blob for the file at `path` that received exactly these bytes.
    pub fn finish(self, path: PathBuf, owned: bool) -> Blob {
        Blob {
            path,
            len: self.len,
            sha256: self.hasher.finalize().into(),
            head: self.head,
            owned,
        }
    }
}
