//! `--input DIR`: local files through the same pipeline, read in place.

use std::path::{Path, PathBuf};

use async_trait::async_trait;
use sha2::{Digest, Sha256};

use super::{Source, SourceEvent};
use crate::error::SourceError;
use crate::event::{AvailableMedia, Media, MediaId, Message, MessageType};
use crate::job::Envelope;

/// A source over the files under a directory (recursively, in sorted order), each as a message
/// whose media is the file itself, read in place (never copied).
///
/// - `messageId` is `file-` and 20 hex digits of the SHA-256 of the path relative to the
///   directory: stable across runs, so a durable queue recognises files it has done;
/// - the declared MIME type comes from the extension ([`mime_for_extension`]), `type` from its
///   major type (`image`, `audio`, `video`, else `document`);
/// - hidden files and directories (names starting with `.`) and symbolic links to directories
///   are skipped.
///
/// ```
/// use pipes_media_core::source::DirSource;
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("a.jpg"), b"\xff\xd8\xff")?;
/// let source = DirSource::new(dir.path())?;
/// assert_eq!(source.len(), 1);
/// # Ok::<(), std::io::Error>(())
/// ```
pub struct DirSource {
    root: PathBuf,
    files: std::vec::IntoIter<PathBuf>,
    len: usize,
}

impl DirSource {
    /// Lists the files under `root`.
    pub fn new(root: impl Into<PathBuf>) -> std::io::Result<Self> {
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
        let len = files.len();
        Ok(Self {
            root,
            files: files.into_iter(),
            len,
        })
    }

    /// How many files were found.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no file was found.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The message standing for `path`.
    pub fn message_for(&self, path: &Path) -> Message {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        let digest = Sha256::digest(relative.to_string_lossy().as_bytes());
        let id = format!("file-{}", &hex::encode(digest)[..20]);
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
        Ok(self.files.next().map(|path| {
            let message = self.message_for(&path);
            SourceEvent::Message(Box::new(Envelope::local(message, path)))
        }))
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
