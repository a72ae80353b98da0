//! `--input DIR`: local files through the same pipeline, read in place. [`LocalFiles`] lists a
//! directory once and hands out its two halves: a [`DirSource`] of messages (one per file) and a
//! [`LocalFetcher`] that finds each message's file again, so nothing in the message or the queue
//! says where the bytes come from.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;
use sha2::{Digest, Sha256};

use super::Fetcher;
use crate::blob::Blob;
use crate::error::{ErrorCode, FetchError, SourceError};
use crate::event::{AvailableMedia, Media, MediaId, Message, MessageType};
use crate::job::{Envelope, Job};
use crate::source::{Source, SourceEvent};

/// The files under a directory (recursively, in sorted order), each standing for a message
/// whose media is the file itself, read in place (never copied).
///
/// - `messageId` (and the media id) is `file-` and 20 hex digits of the SHA-256 of the path
///   relative to the directory: stable across runs, so a durable queue recognises files it has
///   done, and a job left from another directory is not confused with a file of this one;
/// - the declared MIME type comes from the extension ([`mime_for_extension`]), `type` from its
///   major type (`image`, `audio`, `video`, else `document`);
/// - hidden files and directories (names starting with `.`) and symbolic links to directories
///   are skipped.
///
/// ```
/// use pipes_media_core::fetch::LocalFiles;
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("a.jpg"), b"\xff\xd8\xff")?;
/// let files = LocalFiles::scan(dir.path())?;
/// assert_eq!(files.len(), 1);
/// let (source, fetcher) = (files.source(), files.fetcher());
/// # let _ = (source, fetcher);
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct LocalFiles {
    listing: Arc<Listing>,
}

#[derive(Debug)]
struct Listing {
    root: PathBuf,
    files: Vec<PathBuf>,
    by_id: HashMap<String, usize>,
}

impl LocalFiles {
    /// Lists the files under `root`.
    pub fn scan(root: impl Into<PathBuf>) -> std::io::Result<Self> {
        let root = root.into();
        let mut files = Vec::new();
        let mut dirs = vec![root.clone()];
        while let Some(dir) = dirs.pop() {
            let mut entries: Vec<_> = std::fs::read_dir(&dir)?.flatten().collect();
            entries.sort_by_key(|e| e.file_name());
            let mut subdirs = Vec::new();
            for entry in entries {
                if entry.file_name().to_string_lossy().starts_with('.') {
                    continue;
                }
                let Ok(kind) = entry.file_type() else {
                    continue;
                };
                if kind.is_dir() {
                    subdirs.push(entry.path());
                } else if kind.is_file() || (kind.is_symlink() && entry.path().is_file()) {
                    files.push(entry.path());
                }
            }
            dirs.extend(subdirs.into_iter().rev());
        }
        let by_id = files
            .iter()
            .enumerate()
            .map(|(n, path)| (id_for(&root, path), n))
            .collect();
        Ok(Self {
            listing: Arc::new(Listing { root, files, by_id }),
        })
    }

    /// How many files were found.
    pub fn len(&self) -> usize {
        self.listing.files.len()
    }

    /// Whether no file was found.
    pub fn is_empty(&self) -> bool {
        self.listing.files.is_empty()
    }

    /// The messages, one per file, in order.
    pub fn source(&self) -> DirSource {
        DirSource {
            listing: self.listing.clone(),
            next: 0,
        }
    }

    /// The fetcher that reads each message's file in place.
    pub fn fetcher(&self) -> LocalFetcher {
        LocalFetcher {
            listing: self.listing.clone(),
            max_size: crate::pipeline::DEFAULT_MAX_SIZE,
        }
    }
}

/// The message id of the file at `path` under `root`.
fn id_for(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let digest = Sha256::digest(relative.to_string_lossy().as_bytes());
    format!("file-{}", &hex::encode(digest)[..20])
}

/// The messages of a [`LocalFiles`] listing, then finished.
pub struct DirSource {
    listing: Arc<Listing>,
    next: usize,
}

impl DirSource {
    /// How many files there are in all.
    pub fn len(&self) -> usize {
        self.listing.files.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.listing.files.is_empty()
    }

    /// The message standing for the file at `path`.
    pub fn message_for(&self, path: &Path) -> Message {
        let id = id_for(&self.listing.root, path);
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let mime = mime_for_extension(&ext);
        let kind = match mime.and_then(|m| m.split('/').next()) {
            Some("image") => MessageType::Image,
            Some("audio") => MessageType::Audio,
            Some("video") => MessageType::Video,
            _ => MessageType::Document,
        };
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        Message {
            message_id: id.clone(),
            conversation_id: "local".into(),
            pool_number_id: "local".into(),
            pool_number_phone_number: String::new(),
            from_number: String::new(),
            from_name: None,
            timestamp: crate::sink::rfc3339(time::OffsetDateTime::now_utc()),
            label: None,
            kind,
            text: String::new(),
            body: String::new(),
            media: Some(Media::Available(AvailableMedia {
                id: MediaId::new(id),
                mime_type: mime.map(str::to_owned),
                file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
                byte_size: size,
            })),
        }
    }
}

#[async_trait]
impl Source for DirSource {
    async fn next(&mut self) -> Result<Option<SourceEvent>, SourceError> {
        let Some(path) = self.listing.files.get(self.next) else {
            return Ok(None);
        };
        self.next += 1;
        let message = self.message_for(path);
        Ok(Some(SourceEvent::Message(Box::new(Envelope::new(message)))))
    }
}

/// Reads the file of a [`LocalFiles`] message in place (hashing it once for the blob), refusing
/// files over the size limit (`TOO_LARGE`) and messages that are not in the listing
/// (`NOT_FOUND`: a job left from another directory or a file that is gone).
#[derive(Debug, Clone)]
pub struct LocalFetcher {
    listing: Arc<Listing>,
    max_size: u64,
}

impl LocalFetcher {
    /// Largest file accepted, in bytes (default 100 MiB).
    pub fn max_size(mut self, bytes: u64) -> Self {
        self.max_size = bytes;
        self
    }
}

#[async_trait]
impl Fetcher for LocalFetcher {
    async fn fetch(&self, job: &Job, _: &AvailableMedia, _: &Path) -> Result<Blob, FetchError> {
        let Some(path) = self
            .listing
            .by_id
            .get(job.id())
            .and_then(|n| self.listing.files.get(*n))
            .cloned()
        else {
            return Err(FetchError::new(
                ErrorCode::NotFound,
                "no such file in the input directory",
            ));
        };
        let max = self.max_size;
        tokio::task::spawn_blocking(move || Blob::read_in_place(&path, max))
            .await
            .map_err(|e| FetchError::new(ErrorCode::Panic, "reading a local file").with_source(e))?
            .map_err(|e| FetchError::io("reading the input file", e))
    }

    /// Files are read in place; nothing is written at the work path.
    fn writes_temp_files(&self) -> bool {
        false
    }
}

/// The MIME type usually meant by a file extension (lower case, without the dot).
pub fn mime_for_extension(ext: &str) -> Option<&'static str> {
    Some(match ext {
        "jpg" | "jpeg" | "jfif" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "bmp" => "image/bmp",
        "tif" | "tiff" => "image/tiff",
        "heic" | "heif" => "image/heic",
        "avif" => "image/avif",
        "svg" => "image/svg+xml",
        "ogg" | "oga" | "opus" => "audio/ogg",
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "aac" => "audio/aac",
        "amr" => "audio/amr",
        "wav" => "audio/wav",
        "flac" => "audio/flac",
        "mp4" | "m4v" => "video/mp4",
        "3gp" => "video/3gpp",
        "webm" => "video/webm",
        "mkv" => "video/x-matroska",
        "mov" => "video/quicktime",
        "pdf" => "application/pdf",
        "txt" => "text/plain",
        "html" | "htm" => "text/html",
        "xml" => "application/xml",
        "json" => "application/json",
        "csv" => "text/csv",
        "vcf" => "text/vcard",
        "rtf" => "application/rtf",
        "zip" => "application/zip",
        "gz" => "application/gzip",
        "7z" => "application/x-7z-compressed",
        "rar" => "application/vnd.rar",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt" => "application/vnd.oasis.opendocument.text",
        "doc" => "application/msword",
        "xls" => "application/vnd.ms-excel",
        "exe" | "dll" => "application/vnd.microsoft.portable-executable",
        "sh" => "application/x-sh",
        _ => return None,
    })
}
