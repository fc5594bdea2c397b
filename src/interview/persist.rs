//! Saving a mock interview's progress: the record first (so a submitted answer is durable), then
//! newly finished attempts, the transcript and the session row.

use super::record::MockRecord;
use crate::store::{Store, StoreError};

/// Saves `record` and everything derived from it. Attempts already listed in the stored session
/// are not saved again (their question stats would count twice). Durable when this returns.
pub fn save_progress(store: &dyn Store, record: &MockRecord) -> Result<(), StoreError> {
    store.save_mock(record)?;
    let id = record.session_id();
    let known = store
        .session(id)?
        .map(|s| s.attempt_ids)
        .unwrap_or_default();
    for attempt in record.interview.attempts() {
        if !known.contains(&attempt.id) {
            store.save_attempt(&attempt)?;
        }
    }
    store.save_transcript(id, &record.interview.transcript)?;
    store.save_session(&record.session())?;
    Ok(())
}
