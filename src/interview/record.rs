//! A saved mock interview: the engine's state (so it can resume), who interviewed, and the report.

use super::engine::Interview;
use super::report::{self, MockReport};
use crate::domain::{Session, SessionKind};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Where a saved interview stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MockStatus {
    /// Still open (or interrupted): it can be resumed.
    InProgress,
    /// Reached its close.
    Finished,
    /// The candidate ended it early.
    EndedEarly,
}

impl MockStatus {
    /// A short label.
    pub fn label(self) -> &'static str {
        match self {
            Self::InProgress => "in progress",
            Self::Finished => "finished",
            Self::EndedEarly => "ended early",
        }
    }
}

/// A mock interview as saved in the store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MockRecord {
    /// The interview, with its transcript and per-question records.
    pub interview: Interview,
    /// "scripted" or "llm:<model>".
    pub interviewer: String,
    /// The final report, once the interview closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<MockReport>,
    /// When it was last saved.
    pub saved_at: Timestamp,
}

impl MockRecord {
    /// A record of `interview` as it stands; the report is built once the interview closed.
    pub fn new(interview: Interview, interviewer: impl Into<String>, now: Timestamp) -> Self {
        let report = interview.is_closed().then(|| report::build(&interview));
        Self {
            interview,
            interviewer: interviewer.into(),
            report,
            saved_at: now,
        }
    }

    /// The session id.
    pub fn session_id(&self) -> Uuid {
        self.interview.session_id
    }

    /// Where it stands.
    pub fn status(&self) -> MockStatus {
        if !self.interview.is_closed() {
            MockStatus::InProgress
        } else if self.interview.ended_early {
            MockStatus::EndedEarly
        } else {
            MockStatus::Finished
        }
    }

    /// The final report, or a partial one for an interview still open.
    pub fn report_or_partial(&self) -> MockReport {
        self.report
            .clone()
            .unwrap_or_else(|| report::build(&self.interview))
    }

    /// The session row for the sessions tree.
    pub fn session(&self) -> Session {
        let i = &self.interview;
        Session {
            id: i.session_id,
            kind: SessionKind::Mock,
            started_at: i.started_at,
            ended_at: i.ended_at,
            question_ids: i.questions.iter().map(|q| q.id.clone()).collect(),
            attempt_ids: i.attempts().iter().map(|a| a.id).collect(),
            persona_id: Some(i.persona.id.clone()),
            label: i.setup.label(),
            total: self
                .report
                .as_ref()
                .filter(|r| r.answered > 0)
                .map(|r| r.total),
        }
    }
}
