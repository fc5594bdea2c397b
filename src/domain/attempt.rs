//! One answered (or skipped) question, and an unsent draft.

use super::score::ScoreReport;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Identifies an attempt; time-ordered, so store order is chronological.
pub type AttemptId = Uuid;

/// An answer the user submitted, with its score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    /// Time-ordered identifier.
    pub id: AttemptId,
    /// The bank question answered.
    pub question_id: String,
    /// The practice session or mock interview it belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<Uuid>,
    /// When the question was shown.
    pub started_at: Timestamp,
    /// When the answer was submitted.
    pub submitted_at: Timestamp,
    /// Seconds spent answering (pauses excluded).
    pub duration_secs: u32,
    /// The answer exactly as typed.
    pub answer: String,
    /// Whether the time limit had passed at submission.
    #[serde(default)]
    pub overtime: bool,
    /// Whether the user skipped instead of answering.
    #[serde(default)]
    pub skipped: bool,
    /// The score, absent for skipped questions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<ScoreReport>,
}

impl Attempt {
    /// The total score, if the attempt was scored.
    pub fn total(&self) -> Option<u8> {
        self.score.as_ref().map(|s| s.total)
    }
}

/// An answer being typed, autosaved so a crash never loses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// What the draft belongs to, e.g. "practice:<question id>".
    pub key: String,
    /// The question being answered.
    pub question_id: String,
    /// The session it belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<Uuid>,
    /// The text so far.
    pub text: String,
    /// When it was last saved.
    pub saved_at: Timestamp,
}
