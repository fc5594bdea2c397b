//! Starting a mock interview: check the persona, plan the questions, open with the greeting. The
//! mock screen and `hotseat mock --script` start interviews the same way.

use super::engine::Interview;
use super::plan::plan_questions;
use super::setup::{MockSetup, SetupError};
use crate::bank::Bank;
use jiff::Timestamp;
use uuid::Uuid;

/// An interview that cannot start.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum StartError {
    /// The setup names no installed persona.
    #[error(transparent)]
    Setup(#[from] SetupError),
    /// No bank question fits the role and stage.
    #[error("no questions fit {role} at the {stage} stage; choose another role or stage")]
    NoQuestions {
        /// The role's label.
        role: String,
        /// The stage.
        stage: String,
    },
}

/// A deterministic, time-ordered session id for an interview started at `now`.
pub fn session_id_at(now: Timestamp) -> Uuid {
    let ms = u64::try_from(now.as_millisecond()).unwrap_or(0);
    let nanos = now.subsec_nanosecond().to_be_bytes();
    let mut rest = [0u8; 10];
    rest[..4].copy_from_slice(&nanos);
    rest[4..].copy_from_slice(b"mockiv");
    uuid::Builder::from_unix_timestamp_millis(ms, &rest).into_uuid()
}

/// The seed the mock screen plans with when none is given: the second it starts.
pub fn default_seed(now: Timestamp) -> u64 {
    u64::try_from(now.as_second()).unwrap_or(0)
}

/// A new interview for `setup`, its questions planned with `seed`, opened (the greeting and
/// warm-up are the pending cue).
pub fn start(
    bank: &Bank,
    setup: MockSetup,
    seed: u64,
    now: Timestamp,
) -> Result<Interview, StartError> {
    let persona = setup.persona(bank)?.clone();
    let questions = plan_questions(bank.questions(), &persona, &setup, seed);
    if questions.is_empty() {
        return Err(StartError::NoQuestions {
            role: setup.role.label().to_string(),
            stage: setup.stage.to_string(),
        });
    }
    let mut interview = Interview::new(session_id_at(now), setup, persona, questions, now);
    interview.open();
    Ok(interview)
}
