//! Past sessions for the History screen and `hotseat history`: practice sessions and mock
//! interviews, newest first, and one session in full.

use super::record::{MockRecord, MockStatus};
use crate::domain::{Attempt, Session, SessionId, SessionKind};
use crate::store::{Store, StoreError};
use jiff::Timestamp;
use serde::Serialize;

/// One row of the history list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryEntry {
    /// The session id.
    pub id: SessionId,
    /// Practice or mock.
    pub kind: SessionKind,
    /// When it started.
    pub started_at: Timestamp,
    /// When it ended, if it has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<Timestamp>,
    /// How it was set up.
    pub label: String,
    /// The persona, for mock interviews.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub persona_id: Option<String>,
    /// The overall score, once there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<u8>,
    /// "finished", "in progress" or "ended early".
    pub status: String,
    /// Questions planned.
    pub planned: usize,
    /// Questions answered.
    pub answered: usize,
}

/// One session in full.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryDetail {
    /// A mock interview: its record (state, transcript, report).
    Mock(Box<MockRecord>),
    /// A practice session and its attempts.
    Practice {
        /// The session.
        session: Session,
        /// Its attempts, in order.
        attempts: Vec<Attempt>,
    },
}

/// Looking a session up failed.
#[derive(Debug, thiserror::Error)]
pub enum FindError {
    /// Nothing matches.
    #[error("no session with id '{0}' (see `hotseat history` for ids)")]
    NotFound(String),
    /// Several sessions start with the prefix.
    #[error("'{prefix}' matches {count} sessions; give more of the id")]
    Ambiguous {
        /// The prefix.
        prefix: String,
        /// How many match.
        count: usize,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn entry(session: &Session, mock: Option<&MockRecord>) -> HistoryEntry {
    let (status, total, answered) = match mock {
        Some(m) => {
            let report = m.report_or_partial();
            let total = (report.answered > 0).then_some(report.total);
            (m.status().label().to_string(), total, report.answered)
        }
        None => (
            if session.ended_at.is_some() {
                "finished"
            } else {
                "in progress"
            }
            .to_string(),
            session.total,
            session.attempt_ids.len(),
        ),
    };
    HistoryEntry {
        id: session.id,
        kind: session.kind,
        started_at: session.started_at,
        ended_at: session.ended_at,
        label: session.label.clone(),
        persona_id: session.persona_id.clone(),
        total,
        status,
        planned: session.question_ids.len(),
        answered,
    }
}

/// Every session, newest first.
pub fn list(store: &dyn Store) -> Result<Vec<HistoryEntry>, StoreError> {
    let mut sessions = store.sessions()?;
    sessions.sort_by_key(|s| std::cmp::Reverse(s.started_at));
    sessions
        .iter()
        .map(|s| {
            let mock = match s.kind {
                SessionKind::Mock => store.mock(s.id)?,
                SessionKind::Practice => None,
            };
            Ok(entry(s, mock.as_ref()))
        })
        .collect()
}

/// The session whose id is `id` or starts with it.
pub fn find(store: &dyn Store, id: &str) -> Result<Session, FindError> {
    let wanted = id.trim().to_lowercase();
    let matches: Vec<Session> = store
        .sessions()?
        .into_iter()
        .filter(|s| s.id.to_string().starts_with(&wanted) && !wanted.is_empty())
        .collect();
    match matches.len() {
        0 => Err(FindError::NotFound(id.to_string())),
        1 => Ok(matches
            .into_iter()
            .next()
            .ok_or_else(|| FindError::NotFound(id.to_string()))?),
        count => Err(FindError::Ambiguous {
            prefix: id.to_string(),
            count,
        }),
    }
}

/// A session in full.
pub fn detail(store: &dyn Store, session: Session) -> Result<HistoryDetail, StoreError> {
    if session.kind == SessionKind::Mock
        && let Some(record) = store.mock(session.id)?
    {
        return Ok(HistoryDetail::Mock(Box::new(record)));
    }
    let mut attempts = Vec::new();
    for id in &session.attempt_ids {
        if let Some(a) = store.attempt(*id)? {
            attempts.push(a);
        }
    }
    Ok(HistoryDetail::Practice { session, attempts })
}

/// Whether an entry can be resumed.
pub fn resumable(entry: &HistoryEntry) -> bool {
    entry.kind == SessionKind::Mock && entry.status == MockStatus::InProgress.label()
}
