//! Recording one practice answer: the scorer, the attempt it becomes, the session row that groups
//! answers and the store writes. The practice screen and `hotseat practice answer` both use these,
//! so trends, reviews and history see the same records whichever way an answer came in.

use crate::bank::Bank;
use crate::domain::{Attempt, AttemptId, Question, Session, SessionId, SessionKind};
use crate::scoring::{OfflineScorer, QuestionContext, Scorer};
use crate::store::{Store, StoreError};
use jiff::Timestamp;

/// The label of a session of questions picked by id (a retry, the prep guide's, the CLI's).
pub const CHOSEN: &str = "chosen";

/// The offline scorer weighted by the bank's questions (term distinctiveness).
pub fn scorer_for(bank: &Bank) -> OfflineScorer {
    let contexts: Vec<QuestionContext> =
        bank.questions().iter().map(QuestionContext::from).collect();
    OfflineScorer::for_questions(contexts.iter())
}

/// When and how an answer was given: everything about an attempt except the question, the
/// answer and its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerTiming {
    /// The attempt's id.
    pub id: AttemptId,
    /// The practice session it belongs to.
    pub session_id: Option<SessionId>,
    /// When the question was shown.
    pub started_at: Timestamp,
    /// When the answer was submitted.
    pub submitted_at: Timestamp,
    /// Seconds spent answering (pauses excluded).
    pub duration_secs: u32,
    /// Whether the time limit had passed.
    pub overtime: bool,
}

/// The attempt for `answer` to `question`: scored offline unless `skipped`.
pub fn scored_attempt(
    scorer: &OfflineScorer,
    question: &Question,
    answer: String,
    skipped: bool,
    timing: AnswerTiming,
) -> Attempt {
    let score = (!skipped).then(|| scorer.score(&QuestionContext::from(question), &answer));
    Attempt {
        id: timing.id,
        question_id: question.id.clone(),
        session_id: timing.session_id,
        started_at: timing.started_at,
        submitted_at: timing.submitted_at,
        duration_secs: timing.duration_secs,
        answer,
        overtime: timing.overtime,
        skipped,
        score,
    }
}

/// A session's label, e.g. "behavioral · 3 questions".
pub fn session_label(what: &str, questions: usize) -> String {
    format!(
        "{what} · {questions} question{}",
        if questions == 1 { "" } else { "s" }
    )
}

/// A new practice session over `question_ids`, started at `now`, with no attempts yet.
pub fn new_session(
    id: SessionId,
    label: String,
    question_ids: Vec<String>,
    now: Timestamp,
) -> Session {
    Session {
        id,
        kind: SessionKind::Practice,
        started_at: now,
        ended_at: None,
        question_ids,
        attempt_ids: vec![],
        persona_id: None,
        label,
        total: None,
    }
}

/// The session's overall score: the rounded mean of its scored attempts.
pub fn session_total(attempts: &[Attempt]) -> Option<u8> {
    let scored: Vec<u32> = attempts
        .iter()
        .filter_map(|a| a.total().map(u32::from))
        .collect();
    rounded_mean(&scored)
}

/// The mean of 0–100 scores, rounded half up; `None` for none.
pub fn rounded_mean(values: &[u32]) -> Option<u8> {
    if values.is_empty() {
        return None;
    }
    let n = u32::try_from(values.len()).unwrap_or(u32::MAX);
    u8::try_from((values.iter().sum::<u32>() + n / 2) / n).ok()
}

/// Adds `attempt` to `session`: its id, and its question when the session had not planned it.
pub fn add_attempt(session: &mut Session, attempt: &Attempt) {
    if !session.attempt_ids.contains(&attempt.id) {
        session.attempt_ids.push(attempt.id);
    }
    if !session.question_ids.contains(&attempt.question_id) {
        session.question_ids.push(attempt.question_id.clone());
    }
}

/// Stores an answer: the attempt (with its question stats, analytics facts and review schedule,
/// in one transaction), then the session that lists it. Durable when this returns.
pub fn save_answer(
    store: &dyn Store,
    attempt: &Attempt,
    session: &Session,
) -> Result<(), StoreError> {
    store.save_attempt(attempt)?;
    store.save_session(session)
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn timing(id: u128) -> AnswerTiming {
        let at = Timestamp::from_second(1_700_000_000).unwrap();
        AnswerTiming {
            id: Uuid::from_u128(id),
            session_id: None,
            started_at: at,
            submitted_at: at,
            duration_secs: 0,
            overtime: false,
        }
    }

    #[test]
    fn attempts_are_scored_unless_skipped_and_sessions_track_them() {
        let bank = Bank::load(None).bank;
        let scorer = scorer_for(&bank);
        let q = &bank.questions()[0];
        let answered = scored_attempt(&scorer, q, "I led the migration.".into(), false, timing(1));
        let skipped = scored_attempt(&scorer, q, String::new(), true, timing(2));
        assert!(answered.score.is_some());
        assert!(skipped.score.is_none());
        let mut session = new_session(
            Uuid::from_u128(9),
            session_label("chosen", 1),
            vec![],
            answered.submitted_at,
        );
        assert_eq!(session.label, "chosen · 1 question");
        add_attempt(&mut session, &answered);
        add_attempt(&mut session, &answered);
        add_attempt(&mut session, &skipped);
        assert_eq!(session.attempt_ids.len(), 2);
        assert_eq!(session.question_ids, vec![q.id.clone()]);
        assert_eq!(
            session_total(&[answered.clone(), skipped]),
            answered.total()
        );
        assert_eq!(session_total(&[]), None);
    }
}
