//! Test kit: the ground-truth media corpus (`shared/corpus/build.sh`) and items built from it.

#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;

use pipes_media_core::event::{AvailableMedia, MediaId};
use pipes_media_core::{Blob, Item, Media, Message, MessageType};

/// One line of `manifest.jsonl`.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: String,
    pub kind: String,
    pub mime: String,
    pub expect: String,
    pub bytes: u64,
    pub claimed_ext: Option<String>,
    /// The whole manifest line, for optional fields (`animated`, `audio_codec`, …).
    pub raw: serde_json::Value,
}

impl Entry {
    /// The file's extension: the type it claims.
    pub fn extension(&self) -> &str {
        self.path.rsplit('.').next().unwrap_or_default()
    }
}

/// The manifest's entries (the corpus is found with `pipes_media_testkit::corpus::dir`).
pub fn entries(dir: &Path) -> Vec<Entry> {
    pipes_media_testkit::corpus::manifest(dir)
        .into_iter()
        .map(|v| {
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_owned);
            Entry {
                path: s("path").expect("path"),
                kind: s("kind").unwrap_or_default(),
                mime: s("mime").expect("mime"),
                expect: s("expect").unwrap_or_default(),
                bytes: v.get("bytes").and_then(|b| b.as_u64()).unwrap_or(0),
                claimed_ext: s("claimed_ext"),
                raw: v,
            }
        })
        .collect()
}

/// The type a sender would declare for a file with this extension (how a phone labels it).
pub fn declared_for_extension(ext: &str) -> Option<&'static str> {
    Some(match ext.to_ascii_lowercase().as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ogg" | "oga" => "audio/ogg",
        "opus" => "audio/opus",
        "mp3" => "audio/mpeg",
        "m4a" => "audio/x-m4a",
        "aac" => "audio/aac",
        "wav" => "audio/x-wav",
        "flac" => "audio/flac",
        "mp4" => "video/mp4",
        "3gp" => "video/3gpp",
        "pdf" => "application/pdf",
        "txt" => "text/plain",
        "vcf" => "text/x-vcard",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "bin" => "application/octet-stream",
        _ => return None,
    })
}

/// A document message declaring `mime` for the file at `path`.
pub fn item(path: &Path, declared: Option<&str>) -> Item {
    let message = Message {
        message_id: "msg_test".to_owned(),
        conversation_id: "conv".to_owned(),
        pool_number_id: "pool".to_owned(),
        pool_number_phone_number: "+15550001111".to_owned(),
        from_number: "+15550002222".to_owned(),
        from_name: None,
        timestamp: "2025-03-02T08:15:42Z".to_owned(),
        label: None,
        kind: MessageType::Document,
        text: String::new(),
        body: String::new(),
        media: Some(Media::Available(AvailableMedia {
            id: MediaId::new("media1"),
            mime_type: declared.map(str::to_owned),
            file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
            byte_size: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        })),
    };
    let blob = Blob::read_in_place(path, 1 << 32).expect("blob readable");
    Item::new(Arc::new(message), blob)
}
