//! [`StoreError`]: why the job store failed, naming the file.

use std::path::PathBuf;

use pipes_media_core::QueueError;

/// The durable store failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database could not be read or written.
    #[error("job store: {0}")]
    Database(#[from] redb::Error),
    /// The file is damaged (or not a job store): it cannot be opened or recovered.
    #[error(
        "the job store {path} is damaged ({reason}). To recover, move it aside \
         (mv {path} {path}.broken) and start again: messages already in report.jsonl are not \
         processed again, and unfinished ones are processed when Pipes.bot redelivers them"
    )]
    Corrupt {
        /// The store file.
        path: PathBuf,
        /// What was wrong.
        reason: String,
    },
    /// A stored record could not be read back.
    #[error("job store record: {0}")]
    Record(#[from] serde_json::Error),
    /// File system trouble around the store.
    #[error("job store I/O: {0}")]
    Io(#[from] std::io::Error),
    /// The report could not be read while reconciling with it.
    #[error("job store recovery: {0}")]
    Report(#[from] pipes_media_core::ReportError),
}

macro_rules! from_redb {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                StoreError::Database(e.into())
            }
        }
    )*};
}
from_redb!(
    redb::DatabaseError,
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError,
    redb::SetDurabilityError
);

impl From<StoreError> for QueueError {
    fn from(error: StoreError) -> Self {
        QueueError::storage("job store", error)
    }
}
