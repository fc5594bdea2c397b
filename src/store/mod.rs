//! Persistence: the `Store` trait over attempts, sessions, transcripts, drafts, question stats and cache.

pub mod facts;
mod lock;
mod opening;
mod sled_store;

pub use facts::AttemptFact;
pub use lock::{DirLock, LockError};
pub use opening::OpeningStore;
pub use sled_store::{LockedDir, SCHEMA_VERSION, SledStore};

use crate::analytics::srs::{self, Schedule};
use crate::domain::{Attempt, AttemptId, Draft, Session, SessionId, Transcript};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Everything that can go wrong reading or writing the data dir.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another process holds the data dir.
    #[error("data dir {} is in use by another hotseat ({}); close it, or use --data-dir for a separate one", dir.display(), pid.map_or_else(|| "pid unknown".to_string(), |p| format!("pid {p}")))]
    Locked {
        /// The data dir.
        dir: PathBuf,
        /// The holder's process id, if it wrote one.
        pid: Option<u32>,
    },
    /// The data was written by a newer hotseat.
    #[error("data dir {} was written by a newer hotseat (schema {found}; this build understands up to {supported}); nothing was changed — upgrade hotseat to open it", dir.display())]
    FutureSchema {
        /// The data dir.
        dir: PathBuf,
        /// Schema version found on disk.
        found: u32,
        /// The newest this build knows.
        supported: u32,
    },
    /// A file-system problem.
    #[error("{context} ({}): {source}", path.display())]
    Io {
        /// What was being done.
        context: &'static str,
        /// The file or dir.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The database failed.
    #[error("database error: {0}")]
    Db(#[from] sled::Error),
    /// The store could not be opened; the message is the error from the open.
    #[error("{0}")]
    Unavailable(String),
    /// A stored record could not be read back.
    #[error("unreadable record in {tree}: {message}")]
    Corrupt {
        /// The tree.
        tree: &'static str,
        /// What failed.
        message: String,
    },
}

/// Per-question aggregates, kept up to date on every write.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionStats {
    /// Scored attempts.
    pub attempts: u32,
    /// Best total.
    pub best: Option<u8>,
    /// Latest total.
    pub last: Option<u8>,
    /// When last attempted.
    pub last_at: Option<Timestamp>,
    /// Starred by the user.
    #[serde(default)]
    pub starred: bool,
}

/// Tokens used by one LLM call. Holds no prompt text and never the API key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageRecord {
    /// When the call finished.
    pub at: Timestamp,
    /// The model that answered (or was asked, when the reply had no model).
    pub model: String,
    /// What the call was for: "judge", "interview", "check", …
    pub purpose: String,
    /// The practice or mock session it belonged to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// Prompt (input) tokens.
    pub prompt_tokens: u64,
    /// Completion (output) tokens.
    pub completion_tokens: u64,
    /// True when the server reported no usage and the counts are estimated from text length.
    #[serde(default)]
    pub estimated: bool,
}

impl UsageRecord {
    /// Prompt plus completion tokens.
    pub fn total_tokens(&self) -> u64 {
        self.prompt_tokens + self.completion_tokens
    }
}

/// How many records each tree holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StoreCounts {
    /// Attempts.
    pub attempts: usize,
    /// Sessions.
    pub sessions: usize,
    /// Transcripts.
    pub transcripts: usize,
    /// Drafts.
    pub drafts: usize,
    /// Questions with stats.
    pub question_stats: usize,
    /// Cache entries.
    pub cache: usize,
    /// Schema version.
    pub schema_version: u32,
}

/// Storage behind every screen and command. Writes of attempts and drafts are durable on return.
pub trait Store: Send + Sync {
    /// Saves an attempt and updates its question's stats; durable when this returns.
    fn save_attempt(&self, attempt: &Attempt) -> Result<(), StoreError>;
    /// One attempt.
    fn attempt(&self, id: AttemptId) -> Result<Option<Attempt>, StoreError>;
    /// Every attempt, oldest first.
    fn attempts(&self) -> Result<Vec<Attempt>, StoreError>;
    /// Attempts at one question, oldest first.
    fn attempts_for_question(&self, question_id: &str) -> Result<Vec<Attempt>, StoreError>;
    /// Deletes attempts submitted before `cutoff`; returns how many.
    fn prune_attempts_before(&self, cutoff: Timestamp) -> Result<usize, StoreError>;

    /// Saves (or replaces) a session.
    fn save_session(&self, session: &Session) -> Result<(), StoreError>;
    /// One session.
    fn session(&self, id: SessionId) -> Result<Option<Session>, StoreError>;
    /// Every session, oldest first.
    fn sessions(&self) -> Result<Vec<Session>, StoreError>;

    /// Saves a session's transcript.
    fn save_transcript(
        &self,
        session: SessionId,
        transcript: &Transcript,
    ) -> Result<(), StoreError>;
    /// A session's transcript.
    fn transcript(&self, session: SessionId) -> Result<Option<Transcript>, StoreError>;

    /// Saves a draft; durable when this returns.
    fn save_draft(&self, draft: &Draft) -> Result<(), StoreError>;
    /// One draft by key.
    fn draft(&self, key: &str) -> Result<Option<Draft>, StoreError>;
    /// Every draft.
    fn drafts(&self) -> Result<Vec<Draft>, StoreError>;
    /// Removes a draft (after its answer is submitted or discarded).
    fn delete_draft(&self, key: &str) -> Result<(), StoreError>;

    /// Stats of one question (default when never attempted).
    fn question_stats(&self, question_id: &str) -> Result<QuestionStats, StoreError>;
    /// Stats of every question that has any.
    fn all_question_stats(&self) -> Result<Vec<(String, QuestionStats)>, StoreError>;
    /// Stars or unstars a question.
    fn set_starred(&self, question_id: &str, starred: bool) -> Result<(), StoreError>;

    /// A cached value that has not expired at `now`.
    fn cache_get(&self, key: &str, now: Timestamp) -> Result<Option<String>, StoreError>;
    /// Caches a value until `expires_at`.
    fn cache_put(&self, key: &str, value: &str, expires_at: Timestamp) -> Result<(), StoreError>;

    /// Appends one LLM usage record.
    fn record_usage(&self, record: &UsageRecord) -> Result<(), StoreError>;
    /// Usage records at or after `since`, oldest first.
    fn usage_since(&self, since: Timestamp) -> Result<Vec<UsageRecord>, StoreError>;
    /// Saves (or replaces) a prep guide.
    fn save_guide(&self, guide: &crate::prep::Guide) -> Result<(), StoreError>;
    /// One prep guide.
    fn guide(&self, id: crate::prep::GuideId) -> Result<Option<crate::prep::Guide>, StoreError>;
    /// Every prep guide, oldest first.
    fn guides(&self) -> Result<Vec<crate::prep::Guide>, StoreError>;

    /// Saves (or replaces) a mock interview's record (state, transcript, report); durable on return.
    fn save_mock(&self, record: &crate::interview::MockRecord) -> Result<(), StoreError>;
    /// One mock interview's record.
    fn mock(&self, session: SessionId) -> Result<Option<crate::interview::MockRecord>, StoreError>;

    /// Record counts per tree.
    fn counts(&self) -> Result<StoreCounts, StoreError>;
    /// Flushes everything to disk.
    fn flush(&self) -> Result<(), StoreError>;

    /// Saves many attempts (an import), skipping ids already stored; returns how many were new.
    fn save_attempts(&self, attempts: &[Attempt]) -> Result<usize, StoreError> {
        let mut sorted: Vec<&Attempt> = attempts.iter().collect();
        sorted.sort_by_key(|a| a.submitted_at);
        let mut saved = 0;
        for a in sorted {
            if self.attempt(a.id)?.is_none() {
                self.save_attempt(a)?;
                saved += 1;
            }
        }
        Ok(saved)
    }

    /// The compact facts of every attempt, for analytics.
    fn attempt_facts(&self) -> Result<Vec<AttemptFact>, StoreError> {
        Ok(self.attempts()?.iter().map(AttemptFact::of).collect())
    }

    /// Every attempted question's review schedule, by question id.
    fn schedules(&self) -> Result<Vec<(String, Schedule)>, StoreError> {
        let mut attempts = self.attempts()?;
        attempts.sort_by_key(|a| a.submitted_at);
        let mut by_question: std::collections::BTreeMap<String, Schedule> =
            std::collections::BTreeMap::new();
        for a in &attempts {
            if let Some(score) = srs::review_score(a.total(), a.skipped) {
                let next = srs::review(by_question.get(&a.question_id), score, a.submitted_at);
                by_question.insert(a.question_id.clone(), next);
            }
        }
        Ok(by_question.into_iter().collect())
    }
}
