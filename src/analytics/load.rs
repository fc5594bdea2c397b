//! Reading what analytics needs from the store: facts and schedules, then the report.

use super::analyze::{Options, analyze};
use super::catalog::Catalog;
use super::report::{Progress, TrendsData};
use crate::store::{Store, StoreError};

/// The trends data from the store's facts and schedules.
pub fn load_trends(
    store: &dyn Store,
    catalog: &Catalog,
    opts: &Options,
) -> Result<TrendsData, StoreError> {
    let facts = store.attempt_facts()?;
    let schedules = store.schedules()?;
    Ok(analyze(&facts, &schedules, catalog, opts))
}

/// The progress report from the store.
pub fn load_progress(
    store: &dyn Store,
    catalog: &Catalog,
    opts: &Options,
) -> Result<Progress, StoreError> {
    Ok(load_trends(store, catalog, opts)?.progress)
}

/// Applies the retention setting: deletes attempts older than `days` (0 keeps everything).
pub fn apply_retention(
    store: &dyn Store,
    days: u32,
    now: jiff::Timestamp,
) -> Result<usize, StoreError> {
    if days == 0 {
        return Ok(0);
    }
    let cutoff = now - jiff::SignedDuration::from_hours(i64::from(days) * 24);
    store.prune_attempts_before(cutoff)
}
