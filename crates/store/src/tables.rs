//! The store's tables, and reading and writing one record.

use redb::{ReadableTable, Table, TableDefinition};

use crate::error::StoreError;
use crate::record::JobRecord;

/// messageId → JSON [`JobRecord`].
pub(crate) const JOBS: TableDefinition<'_, &str, &[u8]> = TableDefinition::new("jobs");
/// (media deadline ms, seq) → messageId: ready jobs, earliest deadline first.
pub(crate) const PENDING: TableDefinition<'_, (u64, u64), &str> = TableDefinition::new("pending");
/// (next attempt ms, seq) → messageId: jobs waiting for a retry.
pub(crate) const SCHEDULED: TableDefinition<'_, (u64, u64), &str> =
    TableDefinition::new("scheduled");

/// The record of `id`, if there is one.
pub(crate) fn get(
    jobs: &impl ReadableTable<&'static str, &'static [u8]>,
    id: &str,
) -> Result<Option<JobRecord>, StoreError> {
    match jobs.get(id)? {
        Some(value) => Ok(Some(serde_json::from_slice(value.value())?)),
        None => Ok(None),
    }
}

/// Writes `record` under its message id.
pub(crate) fn put(
    jobs: &mut Table<'_, &'static str, &'static [u8]>,
    record: &JobRecord,
) -> Result<(), StoreError> {
    let bytes = serde_json::to_vec(record)?;
    jobs.insert(record.envelope.id(), bytes.as_slice())?;
    Ok(())
}
