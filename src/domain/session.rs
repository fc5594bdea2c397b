//! A practice session or mock interview: which questions, which attempts, when.

use super::attempt::AttemptId;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Identifies a session; time-ordered.
pub type SessionId = Uuid;

/// What sort of session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// A timed practice run.
    Practice,
    /// A mock interview with a persona.
    Mock,
}

/// A practice session or a mock interview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// Time-ordered identifier.
    pub id: SessionId,
    /// Practice or mock.
    pub kind: SessionKind,
    /// When it started.
    pub started_at: Timestamp,
    /// When it ended, if it has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<Timestamp>,
    /// The planned questions, in order.
    pub question_ids: Vec<String>,
    /// Attempts made so far, in order.
    #[serde(default)]
    pub attempt_ids: Vec<AttemptId>,
    /// The interviewer persona, for mock interviews.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persona_id: Option<String>,
    /// A short description of how the session was set up, e.g. "behavioral · 5 questions".
    #[serde(default)]
    pub label: String,
    /// The overall score once ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u8>,
}
