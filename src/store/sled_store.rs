//! `SledStore`: the `Store` on sled, with typed JSON trees, a schema version and a data-dir lock.

mod analytics;
mod counters;

use super::lock::{DirLock, LockError};
use super::{AttemptFact, QuestionStats, Store, StoreCounts, StoreError, UsageRecord};
use crate::analytics::srs::Schedule;
use crate::domain::{Attempt, AttemptId, Draft, Session, SessionId, Transcript};
use counters::Counted;
use jiff::Timestamp;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// The schema this build writes and understands.
pub const SCHEMA_VERSION: u32 = 1;

const SCHEMA_FILE: &str = "schema-version";
const DB_DIR: &str = "db";

const ATTEMPTS: &str = "attempts";
const ATTEMPTS_BY_QUESTION: &str = "attempts_by_question";
const SESSIONS: &str = "sessions";
const TRANSCRIPTS: &str = "transcripts";
const DRAFTS: &str = "drafts";
const QUESTION_STATS: &str = "question_stats";
const CACHE: &str = "cache";
const USAGE: &str = "usage";
const META: &str = "meta";
const GUIDES: &str = "guides";
const MOCKS: &str = "mock_interviews";

/// The sled-backed store. Holds the data-dir lock for its lifetime; clone the `Arc` to share it.
pub struct SledStore {
    db: sled::Db,
    attempts: sled::Tree,
    by_question: sled::Tree,
    sessions: sled::Tree,
    transcripts: sled::Tree,
    drafts: sled::Tree,
    stats: sled::Tree,
    cache: sled::Tree,
    usage: sled::Tree,
    meta: sled::Tree,
    guides: sled::Tree,
    facts: sled::Tree,
    schedules: sled::Tree,
    mocks: sled::Tree,
    counters: sled::Tree,
    dir: PathBuf,
    _lock: DirLock,
}

impl std::fmt::Debug for SledStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SledStore")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

#[derive(Serialize, serde::Deserialize)]
struct CacheEntry {
    value: String,
    expires_at: Timestamp,
}

fn io(context: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> StoreError {
    let path = path.to_path_buf();
    move |source| StoreError::Io {
        context,
        path,
        source,
    }
}

fn encode<T: Serialize>(tree: &'static str, value: &T) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(value).map_err(|e| StoreError::Corrupt {
        tree,
        message: e.to_string(),
    })
}

fn decode<T: DeserializeOwned>(tree: &'static str, bytes: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt {
        tree,
        message: e.to_string(),
    })
}

/// Usage keys sort by time: big-endian milliseconds since the epoch, then a unique suffix.
fn usage_key(at: Timestamp, unique: Uuid) -> Vec<u8> {
    let mut key = Vec::with_capacity(24);
    key.extend_from_slice(&time_prefix(at));
    key.extend_from_slice(unique.as_bytes());
    key
}

/// Milliseconds since the epoch, offset so that times before 1970 still sort first.
fn time_prefix(at: Timestamp) -> [u8; 8] {
    let ms = at.as_millisecond();
    // Flip the sign bit: two's complement order becomes unsigned byte order.
    #[allow(clippy::cast_sign_loss)]
    let ordered = (ms as u64) ^ (1 << 63);
    ordered.to_be_bytes()
}

fn index_key(question_id: &str, id: AttemptId) -> Vec<u8> {
    let mut key = Vec::with_capacity(question_id.len() + 17);
    key.extend_from_slice(question_id.as_bytes());
    key.push(0);
    key.extend_from_slice(id.as_bytes());
    key
}

/// Opens the sled database. We already hold the data-dir lock, so a sled lock error can only
/// be a handle of this process still closing (sled's flusher thread lets go a moment after the
/// last `Db` is dropped): wait for it briefly instead of failing.
fn open_db(path: &Path) -> Result<sled::Db, StoreError> {
    let mut waited = 0;
    loop {
        match sled::Config::new()
            .path(path)
            .flush_every_ms(Some(500))
            .open()
        {
            Err(sled::Error::Io(e)) if waited < 40 && e.to_string().contains("lock") => {
                std::thread::sleep(std::time::Duration::from_millis(50));
                waited += 1;
            }
            other => return other.map_err(StoreError::from),
        }
    }
}

/// A data dir locked for this process, its schema file checked, the database not yet opened.
/// Locking is quick; opening the database is the slow part, which the app does in the background.
#[derive(Debug)]
pub struct LockedDir {
    dir: PathBuf,
    on_disk: Option<u32>,
    lock: DirLock,
}

impl SledStore {
    /// Opens (creating if needed) the store in `dir`. Fails clearly when another hotseat holds
    /// it, or when it was written by a newer schema (in which case nothing is written).
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        Self::lock(dir)?.open()
    }

    /// Locks `dir` and checks its schema file, without opening the database. Fails clearly
    /// when another hotseat holds it or a newer hotseat wrote it.
    pub fn lock(dir: &Path) -> Result<LockedDir, StoreError> {
        let lock = DirLock::acquire(dir).map_err(|e| match e {
            LockError::Held { pid } => StoreError::Locked {
                dir: dir.to_path_buf(),
                pid,
            },
            LockError::Io(source) => StoreError::Io {
                context: "cannot lock the data dir",
                path: dir.to_path_buf(),
                source,
            },
        })?;
        let schema_path = dir.join(SCHEMA_FILE);
        let on_disk = match std::fs::read_to_string(&schema_path) {
            Ok(text) => Some(
                text.trim()
                    .parse::<u32>()
                    .map_err(|e| StoreError::Corrupt {
                        tree: "schema-version file",
                        message: format!("'{}' is not a number: {e}", text.trim()),
                    })?,
            ),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(io("cannot read the schema version", &schema_path)(e)),
        };
        if let Some(found) = on_disk
            && found > SCHEMA_VERSION
        {
            return Err(StoreError::FutureSchema {
                dir: dir.to_path_buf(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        Ok(LockedDir {
            dir: dir.to_path_buf(),
            on_disk,
            lock,
        })
    }

    /// The data dir.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn all<T: DeserializeOwned>(
        tree: &sled::Tree,
        name: &'static str,
    ) -> Result<Vec<T>, StoreError> {
        tree.iter().values().map(|v| decode(name, &v?)).collect()
    }

    fn get<T: DeserializeOwned>(
        tree: &sled::Tree,
        name: &'static str,
        key: impl AsRef<[u8]>,
    ) -> Result<Option<T>, StoreError> {
        tree.get(key)?.map(|v| decode(name, &v)).transpose()
    }
}

impl LockedDir {
    /// The data dir.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Opens the database: checks and records the schema version, builds what older stores
    /// lack (analytics, counters) once.
    pub fn open(self) -> Result<SledStore, StoreError> {
        let Self { dir, on_disk, lock } = self;
        let schema_path = dir.join(SCHEMA_FILE);
        let db = open_db(&dir.join(DB_DIR))?;
        let meta = db.open_tree(META)?;
        let mut recorded = None;
        if let Some(v) = meta.get("schema_version")? {
            let found =
                u32::from_be_bytes(v.as_ref().try_into().map_err(|_| StoreError::Corrupt {
                    tree: META,
                    message: "schema_version is not 4 bytes".into(),
                })?);
            if found > SCHEMA_VERSION {
                return Err(StoreError::FutureSchema {
                    dir,
                    found,
                    supported: SCHEMA_VERSION,
                });
            }
            recorded = Some(found);
        }
        // Version 1 is the first schema: nothing to migrate yet. Later versions migrate here,
        // in order, before the new version is recorded. An open that finds the current version
        // writes nothing, so read-only commands leave nothing to flush.
        if recorded != Some(SCHEMA_VERSION) {
            meta.insert("schema_version", &SCHEMA_VERSION.to_be_bytes())?;
        }
        if on_disk != Some(SCHEMA_VERSION) {
            std::fs::write(&schema_path, SCHEMA_VERSION.to_string())
                .map_err(io("cannot write the schema version", &schema_path))?;
        }
        let store = SledStore {
            facts: db.open_tree(analytics::FACTS)?,
            schedules: db.open_tree(analytics::SCHEDULES)?,
            attempts: db.open_tree(ATTEMPTS)?,
            by_question: db.open_tree(ATTEMPTS_BY_QUESTION)?,
            sessions: db.open_tree(SESSIONS)?,
            transcripts: db.open_tree(TRANSCRIPTS)?,
            drafts: db.open_tree(DRAFTS)?,
            stats: db.open_tree(QUESTION_STATS)?,
            cache: db.open_tree(CACHE)?,
            usage: db.open_tree(USAGE)?,
            guides: db.open_tree(GUIDES)?,
            mocks: db.open_tree(MOCKS)?,
            counters: db.open_tree(counters::COUNTERS)?,
            meta,
            db,
            dir,
            _lock: lock,
        };
        store.ensure_analytics()?;
        store.ensure_counters()?;
        Ok(store)
    }
}

impl Store for SledStore {
    fn save_attempt(&self, attempt: &Attempt) -> Result<(), StoreError> {
        self.save_attempt_with_analytics(attempt)
    }

    fn attempt(&self, id: AttemptId) -> Result<Option<Attempt>, StoreError> {
        Self::get(&self.attempts, ATTEMPTS, id.as_bytes())
    }

    fn attempts(&self) -> Result<Vec<Attempt>, StoreError> {
        Self::all(&self.attempts, ATTEMPTS)
    }

    fn attempts_for_question(&self, question_id: &str) -> Result<Vec<Attempt>, StoreError> {
        let mut prefix = question_id.as_bytes().to_vec();
        prefix.push(0);
        self.by_question
            .scan_prefix(&prefix)
            .keys()
            .filter_map(|k| {
                let k = match k {
                    Ok(k) => k,
                    Err(e) => return Some(Err(e.into())),
                };
                let id = Uuid::from_slice(&k[prefix.len()..]).ok()?;
                self.attempt(id).transpose()
            })
            .collect()
    }

    fn prune_attempts_before(&self, cutoff: Timestamp) -> Result<usize, StoreError> {
        self.prune_with_analytics(cutoff)
    }

    fn save_session(&self, session: &Session) -> Result<(), StoreError> {
        self.put_counted(
            Counted::Sessions,
            session.id.as_bytes(),
            &encode(SESSIONS, session)?,
        )?;
        self.db.flush()?;
        Ok(())
    }

    fn session(&self, id: SessionId) -> Result<Option<Session>, StoreError> {
        Self::get(&self.sessions, SESSIONS, id.as_bytes())
    }

    fn sessions(&self) -> Result<Vec<Session>, StoreError> {
        Self::all(&self.sessions, SESSIONS)
    }

    fn save_transcript(
        &self,
        session: SessionId,
        transcript: &Transcript,
    ) -> Result<(), StoreError> {
        self.put_counted(
            Counted::Transcripts,
            session.as_bytes(),
            &encode(TRANSCRIPTS, transcript)?,
        )?;
        self.db.flush()?;
        Ok(())
    }

    fn transcript(&self, session: SessionId) -> Result<Option<Transcript>, StoreError> {
        Self::get(&self.transcripts, TRANSCRIPTS, session.as_bytes())
    }

    fn save_draft(&self, draft: &Draft) -> Result<(), StoreError> {
        self.put_counted(
            Counted::Drafts,
            draft.key.as_bytes(),
            &encode(DRAFTS, draft)?,
        )?;
        self.db.flush()?;
        Ok(())
    }

    fn draft(&self, key: &str) -> Result<Option<Draft>, StoreError> {
        Self::get(&self.drafts, DRAFTS, key)
    }

    fn drafts(&self) -> Result<Vec<Draft>, StoreError> {
        Self::all(&self.drafts, DRAFTS)
    }

    fn delete_draft(&self, key: &str) -> Result<(), StoreError> {
        self.remove_counted(Counted::Drafts, key.as_bytes())?;
        self.db.flush()?;
        Ok(())
    }

    fn question_stats(&self, question_id: &str) -> Result<QuestionStats, StoreError> {
        Ok(Self::get(&self.stats, QUESTION_STATS, question_id)?.unwrap_or_default())
    }

    fn all_question_stats(&self) -> Result<Vec<(String, QuestionStats)>, StoreError> {
        self.stats
            .iter()
            .map(|item| {
                let (k, v) = item?;
                Ok((
                    String::from_utf8_lossy(&k).into_owned(),
                    decode(QUESTION_STATS, &v)?,
                ))
            })
            .collect()
    }

    fn set_starred(&self, question_id: &str, starred: bool) -> Result<(), StoreError> {
        let mut stats = self.question_stats(question_id)?;
        stats.starred = starred;
        self.put_counted(
            Counted::QuestionStats,
            question_id.as_bytes(),
            &encode(QUESTION_STATS, &stats)?,
        )?;
        self.db.flush()?;
        Ok(())
    }

    fn cache_get(&self, key: &str, now: Timestamp) -> Result<Option<String>, StoreError> {
        let entry: Option<CacheEntry> = Self::get(&self.cache, CACHE, key)?;
        match entry {
            Some(e) if e.expires_at > now => Ok(Some(e.value)),
            Some(_) => {
                self.remove_counted(Counted::Cache, key.as_bytes())?;
                Ok(None)
            }
            None => Ok(None),
        }
    }

    fn cache_put(&self, key: &str, value: &str, expires_at: Timestamp) -> Result<(), StoreError> {
        let entry = CacheEntry {
            value: value.to_string(),
            expires_at,
        };
        self.put_counted(Counted::Cache, key.as_bytes(), &encode(CACHE, &entry)?)?;
        Ok(())
    }

    fn record_usage(&self, record: &UsageRecord) -> Result<(), StoreError> {
        self.usage
            .insert(usage_key(record.at, Uuid::now_v7()), encode(USAGE, record)?)?;
        Ok(())
    }

    fn usage_since(&self, since: Timestamp) -> Result<Vec<UsageRecord>, StoreError> {
        self.usage
            .range(time_prefix(since).to_vec()..)
            .values()
            .map(|v| decode(USAGE, &v?))
            .collect()
    }

    fn save_guide(&self, guide: &crate::prep::Guide) -> Result<(), StoreError> {
        self.guides
            .insert(guide.id.as_bytes(), encode(GUIDES, guide)?)?;
        self.db.flush()?;
        Ok(())
    }

    fn guide(&self, id: crate::prep::GuideId) -> Result<Option<crate::prep::Guide>, StoreError> {
        Self::get(&self.guides, GUIDES, id.as_bytes())
    }

    fn guides(&self) -> Result<Vec<crate::prep::Guide>, StoreError> {
        Self::all(&self.guides, GUIDES)
    }

    fn save_mock(&self, record: &crate::interview::MockRecord) -> Result<(), StoreError> {
        self.mocks
            .insert(record.session_id().as_bytes(), encode(MOCKS, record)?)?;
        self.db.flush()?;
        Ok(())
    }

    fn mock(&self, session: SessionId) -> Result<Option<crate::interview::MockRecord>, StoreError> {
        Self::get(&self.mocks, MOCKS, session.as_bytes())
    }

    fn counts(&self) -> Result<StoreCounts, StoreError> {
        let schema_version = self
            .meta
            .get("schema_version")?
            .and_then(|v| v.as_ref().try_into().ok().map(u32::from_be_bytes))
            .unwrap_or(SCHEMA_VERSION);
        self.read_counts(schema_version)
    }

    fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        Ok(())
    }

    fn save_attempts(&self, attempts: &[Attempt]) -> Result<usize, StoreError> {
        self.save_attempts_bulk(attempts)
    }

    fn attempt_facts(&self) -> Result<Vec<AttemptFact>, StoreError> {
        self.read_facts()
    }

    fn schedules(&self) -> Result<Vec<(String, Schedule)>, StoreError> {
        self.read_schedules()
    }
}
