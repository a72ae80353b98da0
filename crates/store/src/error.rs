//! Store errors.

use pipes_media_core::QueueError;

/// The durable store failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database file could not be opened or written.
    #[error("state store: {0}")]
    Database(#[from] redb::Error),
    /// A stored record could not be read back.
    #[error("state store record: {0}")]
    Record(#[from] serde_json::Error),
    /// File system trouble around the store.
    #[error("state store I/O: {0}")]
    Io(#[from] std::io::Error),
    /// A blocking store task failed.
    #[error("state store task failed: {0}")]
    Task(String),
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
