//! Record counts kept as counters: changed in the same transaction as each write that adds or
//! removes a record, read in O(1), and built once from the trees for stores that predate them.

use super::SledStore;
use crate::store::{StoreCounts, StoreError};
use sled::Transactional;
use sled::transaction::{TransactionalTree, UnabortableTransactionError};

/// The counters tree: counted tree name → big-endian u64.
pub(super) const COUNTERS: &str = "counters";
/// Meta key recording that the counters cover every tree.
const COUNTERS_VERSION_KEY: &str = "counters_version";
const COUNTERS_VERSION: u32 = 1;

/// A tree whose records are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Counted {
    /// Attempts.
    Attempts,
    /// Sessions.
    Sessions,
    /// Transcripts.
    Transcripts,
    /// Drafts.
    Drafts,
    /// Per-question stats.
    QuestionStats,
    /// Cache entries.
    Cache,
}

impl Counted {
    const ALL: [Self; 6] = [
        Self::Attempts,
        Self::Sessions,
        Self::Transcripts,
        Self::Drafts,
        Self::QuestionStats,
        Self::Cache,
    ];

    fn key(self) -> &'static [u8] {
        match self {
            Self::Attempts => b"attempts",
            Self::Sessions => b"sessions",
            Self::Transcripts => b"transcripts",
            Self::Drafts => b"drafts",
            Self::QuestionStats => b"question_stats",
            Self::Cache => b"cache",
        }
    }
}

fn decode_count(bytes: Option<&[u8]>) -> u64 {
    bytes
        .and_then(|b| b.try_into().ok())
        .map_or(0, u64::from_be_bytes)
}

/// Adds `delta` to a counter inside a transaction (never below zero).
pub(super) fn add_in(
    counters: &TransactionalTree,
    which: Counted,
    delta: i64,
) -> Result<(), UnabortableTransactionError> {
    if delta == 0 {
        return Ok(());
    }
    let now = decode_count(counters.get(which.key())?.as_deref());
    let next = now.saturating_add_signed(delta);
    counters.insert(which.key(), &next.to_be_bytes())?;
    Ok(())
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

impl SledStore {
    fn counted_tree(&self, which: Counted) -> &sled::Tree {
        match which {
            Counted::Attempts => &self.attempts,
            Counted::Sessions => &self.sessions,
            Counted::Transcripts => &self.transcripts,
            Counted::Drafts => &self.drafts,
            Counted::QuestionStats => &self.stats,
            Counted::Cache => &self.cache,
        }
    }

    pub(super) fn count_of(&self, which: Counted) -> Result<usize, StoreError> {
        Ok(to_usize(decode_count(
            self.counters.get(which.key())?.as_deref(),
        )))
    }

    /// Every counter, read in O(1).
    pub(super) fn read_counts(&self, schema_version: u32) -> Result<StoreCounts, StoreError> {
        Ok(StoreCounts {
            attempts: self.count_of(Counted::Attempts)?,
            sessions: self.count_of(Counted::Sessions)?,
            transcripts: self.count_of(Counted::Transcripts)?,
            drafts: self.count_of(Counted::Drafts)?,
            question_stats: self.count_of(Counted::QuestionStats)?,
            cache: self.count_of(Counted::Cache)?,
            schema_version,
        })
    }

    /// Inserts a record into a counted tree, counting it when the key is new.
    pub(super) fn put_counted(
        &self,
        which: Counted,
        key: &[u8],
        value: &[u8],
    ) -> Result<(), StoreError> {
        (self.counted_tree(which), &self.counters)
            .transaction(|(tree, counters)| {
                if tree.insert(key, value)?.is_none() {
                    add_in(counters, which, 1)?;
                }
                Ok(())
            })
            .map_err(super::analytics::tx_error)
    }

    /// Removes a record from a counted tree, uncounting it when it was there.
    pub(super) fn remove_counted(&self, which: Counted, key: &[u8]) -> Result<(), StoreError> {
        (self.counted_tree(which), &self.counters)
            .transaction(|(tree, counters)| {
                if tree.remove(key)?.is_some() {
                    add_in(counters, which, -1)?;
                }
                Ok(())
            })
            .map_err(super::analytics::tx_error)
    }

    /// Builds the counters from the trees once, for stores written before they existed.
    pub(super) fn ensure_counters(&self) -> Result<(), StoreError> {
        if self.meta.get(COUNTERS_VERSION_KEY)?.is_some() {
            return Ok(());
        }
        let mut batch = sled::Batch::default();
        for which in Counted::ALL {
            let n = self.counted_tree(which).len() as u64;
            batch.insert(which.key(), &n.to_be_bytes());
        }
        self.counters.apply_batch(batch)?;
        self.meta
            .insert(COUNTERS_VERSION_KEY, &COUNTERS_VERSION.to_be_bytes())?;
        self.db.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Attempt, Draft, Session, SessionKind, Transcript};
    use crate::store::Store;
    use jiff::{Timestamp, ToSpan};
    use uuid::Uuid;

    /// What `len()` says each tree holds: the slow truth the counters must match.
    fn scanned(store: &SledStore) -> StoreCounts {
        StoreCounts {
            attempts: store.attempts.len(),
            sessions: store.sessions.len(),
            transcripts: store.transcripts.len(),
            drafts: store.drafts.len(),
            question_stats: store.stats.len(),
            cache: store.cache.len(),
            schema_version: super::super::SCHEMA_VERSION,
        }
    }

    /// A skipped attempt: enough for counting.
    fn attempt(question: &str, at: Timestamp) -> Attempt {
        Attempt {
            id: Uuid::now_v7(),
            question_id: question.into(),
            session_id: None,
            started_at: at,
            submitted_at: at,
            duration_secs: 60,
            answer: String::new(),
            overtime: false,
            skipped: true,
            score: None,
        }
    }

    fn session(at: Timestamp) -> Session {
        Session {
            id: Uuid::now_v7(),
            kind: SessionKind::Practice,
            started_at: at,
            ended_at: None,
            question_ids: vec![],
            attempt_ids: vec![],
            persona_id: None,
            label: "practice".into(),
            total: None,
        }
    }

    #[test]
    fn add_in_never_goes_below_zero() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(dir.path()).unwrap();
        store
            .counters
            .transaction(|c| {
                add_in(c, Counted::Drafts, 2)?;
                add_in(c, Counted::Drafts, -5)?;
                add_in(c, Counted::Cache, 3)?;
                Ok::<_, sled::transaction::ConflictableTransactionError<()>>(())
            })
            .unwrap();
        assert_eq!(store.count_of(Counted::Drafts).unwrap(), 0);
        assert_eq!(store.count_of(Counted::Cache).unwrap(), 3);
    }

    #[test]
    fn counts_stay_exact_through_writes_prunes_and_imports() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(dir.path()).unwrap();
        let now = Timestamp::now();
        let old = attempt("beh-a", now - 100.hours());
        let recent = attempt("beh-b", now - 1.hour());
        store.save_attempt(&old).unwrap();
        store.save_attempt(&recent).unwrap();
        store.save_attempt(&recent).unwrap(); // the same id again counts once
        assert_eq!(store.counts().unwrap(), scanned(&store));
        assert_eq!(store.counts().unwrap().attempts, 2);

        let imported: Vec<Attempt> = (0..30)
            .map(|i| attempt(&format!("q-{}", i % 7), now - (i * 10).hours()))
            .chain([old.clone()]) // already stored: skipped
            .collect();
        assert_eq!(store.save_attempts(&imported).unwrap(), 30);
        assert_eq!(store.counts().unwrap(), scanned(&store));
        assert_eq!(store.counts().unwrap().attempts, 32);

        let pruned = store.prune_attempts_before(now - 50.hours()).unwrap();
        assert!(pruned > 0);
        assert_eq!(store.counts().unwrap(), scanned(&store));
        assert_eq!(store.counts().unwrap().attempts, 32 - pruned);

        let session = session(now);
        store.save_session(&session).unwrap();
        store.save_session(&session).unwrap();
        store
            .save_transcript(session.id, &Transcript::default())
            .unwrap();
        let draft = Draft {
            key: "practice:beh-a".into(),
            question_id: "beh-a".into(),
            session_id: None,
            text: "half an answer".into(),
            saved_at: now,
        };
        store.save_draft(&draft).unwrap();
        store.save_draft(&draft).unwrap();
        store.set_starred("never-attempted", true).unwrap();
        store.cache_put("fresh", "v", now + 1.hour()).unwrap();
        store.cache_put("stale", "v", now - 1.second()).unwrap();
        assert_eq!(store.counts().unwrap(), scanned(&store));
        assert_eq!(store.cache_get("stale", now).unwrap(), None);
        store.delete_draft("practice:beh-a").unwrap();
        store.delete_draft("practice:beh-a").unwrap();
        let counts = store.counts().unwrap();
        assert_eq!(counts, scanned(&store));
        assert_eq!(
            (
                counts.sessions,
                counts.transcripts,
                counts.drafts,
                counts.cache
            ),
            (1, 1, 0, 1)
        );

        drop(store);
        let reopened = SledStore::open(dir.path()).unwrap();
        assert_eq!(reopened.counts().unwrap(), counts);
    }

    #[test]
    fn a_store_without_counters_gets_them_built_at_open() {
        let dir = tempfile::tempdir().unwrap();
        let now = Timestamp::now();
        let expected = {
            let store = SledStore::open(dir.path()).unwrap();
            let attempts: Vec<Attempt> = (0..12)
                .map(|i| attempt(&format!("q-{}", i % 5), now - i.hours()))
                .collect();
            store.save_attempts(&attempts).unwrap();
            store.save_session(&session(now)).unwrap();
            store.cache_put("k", "v", now + 1.hour()).unwrap();
            let expected = store.counts().unwrap();
            // what a data dir written before the counters looks like
            store.counters.clear().unwrap();
            store.meta.remove(COUNTERS_VERSION_KEY).unwrap();
            store.db.flush().unwrap();
            assert_eq!(store.count_of(Counted::Attempts).unwrap(), 0);
            expected
        };
        let store = SledStore::open(dir.path()).unwrap();
        assert_eq!(store.counts().unwrap(), expected);
        assert_eq!(
            (
                expected.attempts,
                expected.sessions,
                expected.question_stats
            ),
            (12, 1, 5)
        );
        assert!(store.meta.get(COUNTERS_VERSION_KEY).unwrap().is_some());
    }
}
