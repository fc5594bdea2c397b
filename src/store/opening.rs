//! A store that opens in the background: the data dir is locked up front (so "in use by
//! another hotseat" is still reported at once), the database opens on its own thread, and every
//! call waits until it is open. The app draws its first frame meanwhile; store calls run on the
//! blocking pool, so waiting there holds up nothing on screen.

use super::{
    AttemptFact, LockedDir, QuestionStats, SledStore, Store, StoreCounts, StoreError, UsageRecord,
};
use crate::analytics::srs::Schedule;
use crate::domain::{Attempt, AttemptId, Draft, Session, SessionId, Transcript};
use jiff::Timestamp;
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;

/// The open store, or why it could not be opened.
type Opened = Result<SledStore, String>;

/// A `Store` whose database is still opening; see the module docs.
pub struct OpeningStore {
    cell: Arc<OnceLock<Opened>>,
    opener: Mutex<Option<JoinHandle<()>>>,
}

impl std::fmt::Debug for OpeningStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpeningStore")
            .field("open", &self.cell.get().map(Result::is_ok))
            .finish_non_exhaustive()
    }
}

impl OpeningStore {
    /// Opens `locked` on its own thread, then runs `prepare` on it (e.g. retention) before any
    /// call sees it. When either fails, `on_failure` runs once with the error and every call
    /// returns it.
    pub fn start(
        locked: LockedDir,
        prepare: impl FnOnce(&SledStore) -> Result<(), StoreError> + Send + 'static,
        on_failure: impl FnOnce(&StoreError) + Send + 'static,
    ) -> Result<Self, StoreError> {
        let dir = locked.dir().to_path_buf();
        let cell: Arc<OnceLock<Opened>> = Arc::new(OnceLock::new());
        let filled = Arc::clone(&cell);
        let opener = std::thread::Builder::new()
            .name("store-open".into())
            .spawn(move || {
                let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let store = locked.open()?;
                    prepare(&store)?;
                    Ok(store)
                }))
                .unwrap_or_else(|_| {
                    Err(StoreError::Corrupt {
                        tree: "store",
                        message: "opening the store panicked".into(),
                    })
                });
                match opened {
                    Ok(store) => {
                        let _ = filled.set(Ok(store));
                    }
                    Err(e) => {
                        // recorded before anyone is told, so `failure` already has it
                        let _ = filled.set(Err(e.to_string()));
                        on_failure(&e);
                    }
                }
            })
            .map_err(|source| StoreError::Io {
                context: "cannot start the thread that opens the store",
                path: dir,
                source,
            })?;
        Ok(Self {
            cell,
            opener: Mutex::new(Some(opener)),
        })
    }

    /// The open store, waiting for the open to finish.
    pub fn wait(&self) -> Result<&SledStore, StoreError> {
        match self.cell.wait() {
            Ok(store) => Ok(store),
            Err(message) => Err(StoreError::Unavailable(message.clone())),
        }
    }

    /// Why the open failed, once it has (never waits).
    #[cfg(test)]
    fn failure(&self) -> Option<&str> {
        self.cell.get()?.as_ref().err().map(String::as_str)
    }
}

impl Drop for OpeningStore {
    /// Waits for the opening thread, so the database closes (and the data dir unlocks) here.
    fn drop(&mut self) {
        let opener = self
            .opener
            .get_mut()
            .map_or_else(|poisoned| poisoned.into_inner().take(), Option::take);
        if let Some(handle) = opener {
            let _ = handle.join();
        }
    }
}

impl Store for OpeningStore {
    fn save_attempt(&self, attempt: &Attempt) -> Result<(), StoreError> {
        self.wait()?.save_attempt(attempt)
    }

    fn attempt(&self, id: AttemptId) -> Result<Option<Attempt>, StoreError> {
        self.wait()?.attempt(id)
    }

    fn attempts(&self) -> Result<Vec<Attempt>, StoreError> {
        self.wait()?.attempts()
    }

    fn attempts_for_question(&self, question_id: &str) -> Result<Vec<Attempt>, StoreError> {
        self.wait()?.attempts_for_question(question_id)
    }

    fn prune_attempts_before(&self, cutoff: Timestamp) -> Result<usize, StoreError> {
        self.wait()?.prune_attempts_before(cutoff)
    }

    fn save_session(&self, session: &Session) -> Result<(), StoreError> {
        self.wait()?.save_session(session)
    }

    fn session(&self, id: SessionId) -> Result<Option<Session>, StoreError> {
        self.wait()?.session(id)
    }

    fn sessions(&self) -> Result<Vec<Session>, StoreError> {
        self.wait()?.sessions()
    }

    fn save_transcript(
        &self,
        session: SessionId,
        transcript: &Transcript,
    ) -> Result<(), StoreError> {
        self.wait()?.save_transcript(session, transcript)
    }

    fn transcript(&self, session: SessionId) -> Result<Option<Transcript>, StoreError> {
        self.wait()?.transcript(session)
    }

    fn save_draft(&self, draft: &Draft) -> Result<(), StoreError> {
        self.wait()?.save_draft(draft)
    }

    fn draft(&self, key: &str) -> Result<Option<Draft>, StoreError> {
        self.wait()?.draft(key)
    }

    fn drafts(&self) -> Result<Vec<Draft>, StoreError> {
        self.wait()?.drafts()
    }

    fn delete_draft(&self, key: &str) -> Result<(), StoreError> {
        self.wait()?.delete_draft(key)
    }

    fn question_stats(&self, question_id: &str) -> Result<QuestionStats, StoreError> {
        self.wait()?.question_stats(question_id)
    }

    fn all_question_stats(&self) -> Result<Vec<(String, QuestionStats)>, StoreError> {
        self.wait()?.all_question_stats()
    }

    fn set_starred(&self, question_id: &str, starred: bool) -> Result<(), StoreError> {
        self.wait()?.set_starred(question_id, starred)
    }

    fn cache_get(&self, key: &str, now: Timestamp) -> Result<Option<String>, StoreError> {
        self.wait()?.cache_get(key, now)
    }

    fn cache_put(&self, key: &str, value: &str, expires_at: Timestamp) -> Result<(), StoreError> {
        self.wait()?.cache_put(key, value, expires_at)
    }

    fn record_usage(&self, record: &UsageRecord) -> Result<(), StoreError> {
        self.wait()?.record_usage(record)
    }

    fn usage_since(&self, since: Timestamp) -> Result<Vec<UsageRecord>, StoreError> {
        self.wait()?.usage_since(since)
    }

    fn save_guide(&self, guide: &crate::prep::Guide) -> Result<(), StoreError> {
        self.wait()?.save_guide(guide)
    }

    fn guide(&self, id: crate::prep::GuideId) -> Result<Option<crate::prep::Guide>, StoreError> {
        self.wait()?.guide(id)
    }

    fn guides(&self) -> Result<Vec<crate::prep::Guide>, StoreError> {
        self.wait()?.guides()
    }

    fn save_mock(&self, record: &crate::interview::MockRecord) -> Result<(), StoreError> {
        self.wait()?.save_mock(record)
    }

    fn mock(&self, session: SessionId) -> Result<Option<crate::interview::MockRecord>, StoreError> {
        self.wait()?.mock(session)
    }

    fn counts(&self) -> Result<StoreCounts, StoreError> {
        self.wait()?.counts()
    }

    fn flush(&self) -> Result<(), StoreError> {
        self.wait()?.flush()
    }

    fn save_attempts(&self, attempts: &[Attempt]) -> Result<usize, StoreError> {
        self.wait()?.save_attempts(attempts)
    }

    fn attempt_facts(&self) -> Result<Vec<AttemptFact>, StoreError> {
        self.wait()?.attempt_facts()
    }

    fn schedules(&self) -> Result<Vec<(String, Schedule)>, StoreError> {
        self.wait()?.schedules()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn draft(key: &str) -> Draft {
        Draft {
            key: key.into(),
            question_id: "beh-x".into(),
            session_id: None,
            text: "half an answer".into(),
            saved_at: Timestamp::now(),
        }
    }

    #[test]
    fn calls_wait_for_the_open_and_see_what_prepare_did() {
        let dir = tempfile::tempdir().unwrap();
        let locked = SledStore::lock(dir.path()).unwrap();
        let store = OpeningStore::start(
            locked,
            |s| s.save_draft(&draft("prepared")),
            |e| panic!("unexpected failure: {e}"),
        )
        .unwrap();
        // the first call may well run before the open finished: it waits
        let keys: Vec<String> = store.drafts().unwrap().into_iter().map(|d| d.key).collect();
        assert_eq!(keys, vec!["prepared".to_string()]);
        store.save_draft(&draft("second")).unwrap();
        assert_eq!(store.counts().unwrap().drafts, 2);
        assert!(store.failure().is_none());
    }

    #[test]
    fn the_dir_is_locked_at_once_and_unlocked_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let store =
            OpeningStore::start(SledStore::lock(dir.path()).unwrap(), |_| Ok(()), |_| {}).unwrap();
        assert!(matches!(
            SledStore::lock(dir.path()),
            Err(StoreError::Locked { .. })
        ));
        drop(store);
        // dropping waited for the opening thread and closed the database
        let again = SledStore::open(dir.path()).unwrap();
        assert_eq!(again.counts().unwrap().drafts, 0);
    }

    #[test]
    fn a_failed_open_is_reported_once_and_returned_by_every_call() {
        let dir = tempfile::tempdir().unwrap();
        let told = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&told);
        let store = OpeningStore::start(
            SledStore::lock(dir.path()).unwrap(),
            |_| {
                Err(StoreError::Corrupt {
                    tree: "attempts",
                    message: "bad record".into(),
                })
            },
            move |e| {
                assert!(e.to_string().contains("bad record"));
                counter.fetch_add(1, Ordering::SeqCst);
            },
        )
        .unwrap();
        let err = store.attempts().unwrap_err();
        assert!(
            matches!(&err, StoreError::Unavailable(m) if m.contains("bad record")),
            "{err}"
        );
        assert!(store.counts().is_err());
        assert_eq!(
            store.failure(),
            Some("unreadable record in attempts: bad record")
        );
        drop(store);
        assert_eq!(told.load(Ordering::SeqCst), 1);
    }
}
