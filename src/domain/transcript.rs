//! A mock interview's transcript: who said what, when.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Who spoke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    /// The interviewer persona.
    Interviewer,
    /// The user.
    Candidate,
}

/// One turn of the conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Turn {
    /// Who spoke.
    pub speaker: Speaker,
    /// What was said.
    pub text: String,
    /// When.
    pub at: Timestamp,
    /// The bank question this turn asks or answers, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question_id: Option<String>,
}

/// The whole conversation of a mock interview.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Transcript {
    /// Turns in order.
    pub turns: Vec<Turn>,
}
