//! What a test asks the simulator to store ([`MediaSpec`]) and to send ([`MessageSpec`]).

use std::path::{Path, PathBuf};

use bytes::Bytes;
use time::OffsetDateTime;

use crate::body::Source;

/// Media to store with [`crate::Simulator::add_media`].
///
/// ```
/// use pipes_media_sim::MediaSpec;
/// let small = MediaSpec::bytes(&b"\x89PNG\r\n\x1a\n"[..], "image/png").file_name("dot.png");
/// let big = MediaSpec::generated(1 << 30, 7, "video/mp4").declared_size(0);
/// let on_disk = MediaSpec::file("/tmp/voice.ogg", "audio/ogg");
/// # let _ = (small, big, on_disk);
/// ```
#[derive(Debug, Clone)]
pub struct MediaSpec {
    pub(crate) source: Source,
    pub(crate) mime: String,
    pub(crate) file_name: Option<String>,
    pub(crate) declared_size: Option<u64>,
}

impl MediaSpec {
    /// Media held in memory.
    pub fn bytes(bytes: impl Into<Bytes>, mime: impl Into<String>) -> Self {
        Self::new(Source::Bytes(bytes.into()), mime)
    }

    /// Media read from a file at each download (streamed, never loaded whole). Its size is
    /// taken when the media is added, and again when it is served.
    pub fn file(path: impl AsRef<Path>, mime: impl Into<String>) -> Self {
        Self::new(Source::File(PathBuf::from(path.as_ref())), mime)
    }

    /// `len` deterministic pseudo-random bytes from `seed`, computed while streaming (any length,
    /// constant memory). [`crate::generated_sha256`] gives their hash.
    pub fn generated(len: u64, seed: u64, mime: impl Into<String>) -> Self {
        Self::new(Source::Generated { len, seed }, mime)
    }

    fn new(source: Source, mime: impl Into<String>) -> Self {
        Self {
            source,
            mime: mime.into(),
            file_name: None,
            declared_size: None,
        }
    }

    /// The `fileName` events carry for this media.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// The `byteSize` events carry (default: the real size). Lets a test lie about the size.
    pub fn declared_size(mut self, size: u64) -> Self {
        self.declared_size = Some(size);
        self
    }
}

/// What an event refers to.
#[derive(Debug, Clone)]
pub(crate) enum MediaRef {
    None,
    Id(String),
    Unavailable { mime: String },
}

/// A message to send with [`crate::Simulator::send`].
///
/// Defaults: sender [`crate::DEFAULT_FROM_NUMBER`] / [`crate::DEFAULT_FROM_NAME`], a
/// conversation derived from user and sender (`conv_` + 12 hex digits, registered to the user),
/// pool number [`crate::POOL_NUMBER_ID`], a fresh unique `messageId`, the simulator clock's
/// "now" as timestamp, no label. Media fields (`mimeType`, `fileName`, `byteSize`) come from the
/// stored media unless overridden.
///
/// ```
/// use pipes_media_sim::MessageSpec;
/// let text = MessageSpec::text("hello");
/// let photo = MessageSpec::media("image", "Zx8Qm2LrT0vBn4KcWy7Pa").caption("Receipt");
/// let lost = MessageSpec::unavailable("audio", "audio/ogg");
/// let pin = MessageSpec::of_type("location").from("+447700900999", "Bo");
/// # let _ = (text, photo, lost, pin);
/// ```
#[derive(Debug, Clone)]
pub struct MessageSpec {
    pub(crate) kind: String,
    pub(crate) text: Option<String>,
    pub(crate) media: MediaRef,
    pub(crate) conversation: Option<String>,
    pub(crate) from_number: Option<String>,
    pub(crate) from_name: Option<String>,
    pub(crate) message_id: Option<String>,
    pub(crate) timestamp: Option<OffsetDateTime>,
    pub(crate) file_name: Option<String>,
    pub(crate) declared_mime: Option<String>,
    pub(crate) declared_size: Option<u64>,
    pub(crate) label: Option<String>,
}

impl MessageSpec {
    fn new(kind: &str, media: MediaRef) -> Self {
        Self {
            kind: kind.to_owned(),
            text: None,
            media,
            conversation: None,
            from_number: None,
            from_name: None,
            message_id: None,
            timestamp: None,
            file_name: None,
            declared_mime: None,
            declared_size: None,
            label: None,
        }
    }

    /// A `text` message.
    pub fn text(text: impl Into<String>) -> Self {
        Self::new("text", MediaRef::None).caption(text)
    }

    /// A media message of `kind` (`"image"`, `"audio"`, `"video"`, `"document"`, `"sticker"` or
    /// anything else) referring to `media_id`. The id need not exist (to test 404).
    pub fn media(kind: &str, media_id: &str) -> Self {
        Self::new(kind, MediaRef::Id(media_id.to_owned()))
    }

    /// A media message whose media Pipes.bot could not fetch (`unavailable: true`, no id).
    pub fn unavailable(kind: &str, mime: impl Into<String>) -> Self {
        Self::new(kind, MediaRef::Unavailable { mime: mime.into() })
    }

    /// A message of any type without media (`location`, `contacts`, `reaction`, or an unknown
    /// type).
    pub fn of_type(kind: &str) -> Self {
        Self::new(kind, MediaRef::None)
    }

    /// The `text`/`body` (the caption of a media message).
    pub fn caption(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into());
        self
    }

    /// The `conversationId` (registered to the user if it is new).
    pub fn conversation(mut self, conversation_id: impl Into<String>) -> Self {
        self.conversation = Some(conversation_id.into());
        self
    }

    /// The sender's number (the offline-queue key) and profile name.
    pub fn from(mut self, number: impl Into<String>, name: impl Into<String>) -> Self {
        self.from_number = Some(number.into());
        self.from_name = Some(name.into());
        self
    }

    /// A fixed `messageId` (to simulate a redelivery by hand).
    pub fn message_id(mut self, id: impl Into<String>) -> Self {
        self.message_id = Some(id.into());
        self
    }

    /// The `timestamp` (default: the simulator clock's now). Also the start of the media's
    /// retention when this is the first message to refer to it (assumption A15).
    pub fn timestamp(mut self, at: OffsetDateTime) -> Self {
        self.timestamp = Some(at);
        self
    }

    /// The media `fileName` the event declares.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// The media `mimeType` the event declares (e.g. a lying type).
    pub fn declared_mime(mut self, mime: impl Into<String>) -> Self {
        self.declared_mime = Some(mime.into());
        self
    }

    /// The media `byteSize` the event declares.
    pub fn declared_size(mut self, size: u64) -> Self {
        self.declared_size = Some(size);
        self
    }

    /// The activation `label`.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
}
