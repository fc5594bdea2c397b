//! Past sessions for the History screen and `hotseat history`: practice sessions, mock
//! interviews and saved prep guides, newest first, and one session in full.

use super::record::{MockRecord, MockStatus};
use crate::domain::{Attempt, Session, SessionId, SessionKind};
use crate::prep::Guide;
use crate::store::{Store, StoreError};
use jiff::Timestamp;
use serde::Serialize;

/// What a history row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HistoryKind {
    /// A timed practice run.
    Practice,
    /// A mock interview.
    Mock,
    /// A saved prep guide.
    Guide,
}

impl HistoryKind {
    /// The word in lists.
    pub fn label(self) -> &'static str {
        match self {
            Self::Practice => "practice",
            Self::Mock => "mock",
            Self::Guide => "guide",
        }
    }
}

impl From<SessionKind> for HistoryKind {
    fn from(kind: SessionKind) -> Self {
        match kind {
            SessionKind::Practice => Self::Practice,
            SessionKind::Mock => Self::Mock,
        }
    }
}

/// One row of the history list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryEntry {
    /// The session or guide id.
    pub id: SessionId,
    /// Practice, mock or guide.
    pub kind: HistoryKind,
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
    /// "finished", "in progress" or "ended early" for an interview; "finished" or "not finished"
    /// (the app closed before its results) for a practice session.
    pub status: String,
    /// Questions planned.
    pub planned: usize,
    /// Questions answered.
    pub answered: usize,
    /// The company, for guides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// The role family, for guides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<crate::domain::Role>,
    /// The interview stage, for guides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<crate::domain::InterviewStage>,
    /// Who wrote a guide: `offline` or `offline + llm:<model>`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generated_by: Option<String>,
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
                // a practice session is only open while the app shows it: one left open was cut
                // short (its answers are kept; an unsent one comes back as a draft in practice)
                "not finished"
            }
            .to_string(),
            session.total,
            session.attempt_ids.len(),
        ),
    };
    HistoryEntry {
        id: session.id,
        kind: session.kind.into(),
        started_at: session.started_at,
        ended_at: session.ended_at,
        label: session.label.clone(),
        persona_id: session.persona_id.clone(),
        total,
        status,
        planned: session.question_ids.len(),
        answered,
        company: None,
        role: None,
        stage: None,
        generated_by: None,
    }
}

/// The history row of a saved prep guide: its job title and company, stage and role.
pub fn guide_entry(guide: &Guide) -> HistoryEntry {
    HistoryEntry {
        id: guide.id,
        kind: HistoryKind::Guide,
        started_at: guide.created_at,
        ended_at: None,
        // the company first, so narrow screens still show it
        label: guide
            .company
            .as_ref()
            .map_or_else(|| guide.title.clone(), |c| format!("{c} · {}", guide.title)),
        persona_id: None,
        total: None,
        status: guide.stage.as_str().replace('_', " "),
        planned: guide.predicted.len(),
        answered: 0,
        company: guide.company.clone(),
        role: Some(guide.context.role),
        stage: Some(guide.stage),
        generated_by: Some(guide.generated_by.clone()),
    }
}

/// Every session and saved guide, newest first.
pub fn list(store: &dyn Store) -> Result<Vec<HistoryEntry>, StoreError> {
    let sessions = store.sessions()?;
    let mut entries = sessions
        .iter()
        .map(|s| {
            let mock = match s.kind {
                SessionKind::Mock => store.mock(s.id)?,
                SessionKind::Practice => None,
            };
            Ok(entry(s, mock.as_ref()))
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    entries.extend(store.guides()?.iter().map(guide_entry));
    entries.sort_by_key(|e| std::cmp::Reverse(e.started_at));
    Ok(entries)
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
    entry.kind == HistoryKind::Mock && entry.status == MockStatus::InProgress.label()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::answer::new_session;

    #[test]
    fn a_practice_session_left_open_reads_not_finished() {
        let now: jiff::Timestamp = "2026-11-20T10:00:00Z".parse().unwrap();
        let mut session = new_session(
            uuid::Uuid::from_u128(7),
            "practice · mixed".into(),
            vec![],
            now,
        );
        assert_eq!(entry(&session, None).status, "not finished");
        session.ended_at = Some(now);
        assert_eq!(entry(&session, None).status, "finished");
    }
}
