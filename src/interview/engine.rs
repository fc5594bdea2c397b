//! The interview state machine: greeting → warm-up → questions with follow-ups → the candidate's
//! questions → closing. Pure and clocked: every step takes `now`; nothing here does I/O.

use super::probe::{AnswerSignals, choose_probe};
use super::setup::{Length, MockSetup};
use crate::domain::{
    Attempt, Persona, ProbeKind, Question, QuestionKind, ScoreReport, Speaker, Transcript, Turn,
};
use crate::scoring::{OfflineScorer, QuestionContext, Scorer};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The most questions a candidate may ask before the interviewer closes.
pub const MAX_CANDIDATE_QUESTIONS: u8 = 2;
/// Minutes kept at the end of a timed interview for the candidate's questions and the close.
pub const TAIL_MINUTES: i64 = 3;

/// Where the interview is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "phase")]
pub enum Phase {
    /// Nothing said yet.
    Ready,
    /// The greeting and "tell me about yourself" were asked; waiting for the warm-up answer.
    Warmup,
    /// A main question (or one of its follow-ups) is waiting for an answer.
    Question {
        /// The question's position in the plan.
        index: usize,
        /// Follow-ups asked on it so far.
        follow_ups: u8,
    },
    /// The interviewer invited the candidate's questions.
    CandidateQuestions {
        /// How many the candidate has asked.
        asked: u8,
    },
    /// The interview is over; the report can be built.
    Closed,
}

/// What the interviewer should say next; an `Interviewer` turns it into words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "cue")]
pub enum Cue {
    /// Greet and ask the warm-up.
    Opening,
    /// Ask the main question at `index`.
    Ask {
        /// The question's position in the plan.
        index: usize,
    },
    /// Ask a follow-up on the question at `index` about what the answer missed.
    Probe {
        /// The question's position in the plan.
        index: usize,
        /// What the answer missed.
        kind: ProbeKind,
        /// Talking points and advice the offline report found missing (a hint for the LLM).
        missed: Vec<String>,
    },
    /// Invite the candidate's questions.
    InviteQuestions,
    /// Answer the candidate's question.
    AnswerCandidate {
        /// What the candidate asked.
        question: String,
        /// The persona's prepared answer, or its fallback.
        answer: String,
        /// The prepared answer's topic, when one matched.
        topic: Option<String>,
        /// Close the interview after answering.
        close: bool,
    },
    /// Say goodbye.
    Close,
}

/// One main question: when it was asked, every answer to it and its follow-ups, and the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionRecord {
    /// The bank question.
    pub question_id: String,
    /// Its kind.
    pub kind: QuestionKind,
    /// The question as asked.
    pub prompt: String,
    /// When it was asked.
    pub asked_at: Timestamp,
    /// When the last answer to it was submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<Timestamp>,
    /// The answer, then each follow-up answer.
    pub answers: Vec<String>,
    /// The follow-ups asked, in order.
    pub probes: Vec<ProbeKind>,
    /// The offline score of all the answers together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<ScoreReport>,
}

/// A mock interview in progress or finished. Serializable, so a crash can resume it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interview {
    /// The session this interview is saved as.
    pub session_id: Uuid,
    /// How it was set up.
    pub setup: MockSetup,
    /// The interviewer.
    pub persona: Persona,
    /// The planned main questions.
    pub questions: Vec<Question>,
    /// Where it is.
    pub phase: Phase,
    /// One record per main question asked.
    pub records: Vec<QuestionRecord>,
    /// Who said what.
    pub transcript: Transcript,
    /// The warm-up answer.
    #[serde(default)]
    pub warmup_answer: Option<String>,
    /// Questions the candidate asked.
    #[serde(default)]
    pub candidate_questions: Vec<String>,
    /// When it started.
    pub started_at: Timestamp,
    /// When it closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<Timestamp>,
    /// Whether the candidate ended it early.
    #[serde(default)]
    pub ended_early: bool,
    /// The cue decided but not yet spoken (after a crash, say this first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<Cue>,
    /// Seconds spent away from the interview (left and resumed later); not on the clock.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub away_secs: i64,
    /// An answer typed but not sent when the interview was left; back in the editor on resume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsent_answer: Option<String>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
fn is_zero(secs: &i64) -> bool {
    *secs == 0
}

fn declines(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    if lower.is_empty() {
        return true;
    }
    let short = lower.split_whitespace().count() <= 6;
    short
        && !lower.contains('?')
        && [
            "no",
            "nope",
            "nothing",
            "none",
            "that's all",
            "thats all",
            "i'm good",
            "im good",
            "all good",
            "not really",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
}

impl Interview {
    /// A new interview over the planned `questions`, saved as session `session_id`.
    pub fn new(
        session_id: Uuid,
        setup: MockSetup,
        persona: Persona,
        questions: Vec<Question>,
        now: Timestamp,
    ) -> Self {
        Self {
            session_id,
            setup,
            persona,
            questions,
            phase: Phase::Ready,
            records: Vec::new(),
            transcript: Transcript::default(),
            warmup_answer: None,
            candidate_questions: Vec::new(),
            started_at: now,
            ended_at: None,
            ended_early: false,
            pending: None,
            away_secs: 0,
            unsent_answer: None,
        }
    }

    /// Opens the interview: greeting and warm-up.
    pub fn open(&mut self) -> Cue {
        self.phase = Phase::Warmup;
        self.set_pending(Cue::Opening)
    }

    fn set_pending(&mut self, cue: Cue) -> Cue {
        self.pending = Some(cue.clone());
        cue
    }

    /// Whether the interview has closed.
    pub fn is_closed(&self) -> bool {
        self.phase == Phase::Closed
    }

    /// Time on the interview's clock: since the start, less the time spent away from it.
    pub fn elapsed(&self, now: Timestamp) -> SignedDuration {
        let end = self.ended_at.unwrap_or(now);
        let away = SignedDuration::from_secs(self.away_secs);
        (end.duration_since(self.started_at) - away).max(SignedDuration::ZERO)
    }

    /// Takes the interview up again at `now` after it was left at `left_at` (its last save): the
    /// time in between does not count against its length.
    pub fn come_back(&mut self, left_at: Timestamp, now: Timestamp) {
        if self.is_closed() {
            return;
        }
        let away = now.duration_since(left_at).as_secs();
        if away > 0 {
            self.away_secs = self.away_secs.saturating_add(away);
        }
    }

    /// Whether a timed interview has used its time for questions.
    pub fn time_is_up(&self, now: Timestamp) -> bool {
        match self.setup.length {
            Length::Minutes(m) => {
                let budget = (i64::from(m) - TAIL_MINUTES).max(1) * 60;
                self.elapsed(now).as_secs() >= budget
            }
            Length::Questions(_) => false,
        }
    }

    /// The main question being discussed, if any.
    pub fn current_question(&self) -> Option<&Question> {
        match self.phase {
            Phase::Question { index, .. } => self.questions.get(index),
            _ => None,
        }
    }

    /// The average score of the questions answered so far.
    pub fn running_score(&self) -> Option<u8> {
        let totals: Vec<u32> = self
            .records
            .iter()
            .filter_map(|r| r.report.as_ref().map(|s| u32::from(s.total)))
            .collect();
        if totals.is_empty() {
            return None;
        }
        let n = u32::try_from(totals.len()).unwrap_or(u32::MAX);
        u8::try_from(totals.iter().sum::<u32>() / n).ok()
    }

    /// Records what the interviewer said for the pending cue.
    pub fn say(&mut self, text: impl Into<String>, now: Timestamp) {
        let question_id = match self.pending.take() {
            Some(Cue::Ask { index } | Cue::Probe { index, .. }) => {
                self.questions.get(index).map(|q| q.id.clone())
            }
            _ => None,
        };
        self.transcript.turns.push(Turn {
            speaker: Speaker::Interviewer,
            text: text.into(),
            at: now,
            question_id,
        });
    }

    /// Ends the interview now, before its plan ran out.
    pub fn end_early(&mut self, now: Timestamp) -> Cue {
        if !self.is_closed() {
            self.ended_early = true;
            self.phase = Phase::Closed;
            self.ended_at = Some(now);
        }
        self.set_pending(Cue::Close)
    }

    /// Takes the candidate's reply and decides what the interviewer says next.
    pub fn answer(&mut self, text: &str, now: Timestamp) -> Cue {
        let text = text.trim().to_string();
        let question_id = self.current_question().map(|q| q.id.clone());
        self.transcript.turns.push(Turn {
            speaker: Speaker::Candidate,
            text: text.clone(),
            at: now,
            question_id,
        });
        let cue = match self.phase {
            Phase::Ready => {
                self.phase = Phase::Warmup;
                Cue::Opening
            }
            Phase::Warmup => {
                self.warmup_answer = Some(text);
                self.next_question(0, now)
            }
            Phase::Question { index, follow_ups } => {
                self.answer_question(index, follow_ups, &text, now)
            }
            Phase::CandidateQuestions { asked } => self.answer_candidate(asked, &text, now),
            Phase::Closed => Cue::Close,
        };
        self.set_pending(cue)
    }

    fn next_question(&mut self, index: usize, now: Timestamp) -> Cue {
        if index < self.questions.len() && !self.time_is_up(now) {
            let q = &self.questions[index];
            self.records.push(QuestionRecord {
                question_id: q.id.clone(),
                kind: q.kind,
                prompt: q.prompt.clone(),
                asked_at: now,
                answered_at: None,
                answers: Vec::new(),
                probes: Vec::new(),
                report: None,
            });
            self.phase = Phase::Question {
                index,
                follow_ups: 0,
            };
            Cue::Ask { index }
        } else {
            self.phase = Phase::CandidateQuestions { asked: 0 };
            Cue::InviteQuestions
        }
    }

    fn scorer(&self) -> OfflineScorer {
        let contexts: Vec<QuestionContext> =
            self.questions.iter().map(QuestionContext::from).collect();
        OfflineScorer::for_questions(&contexts)
    }

    fn answer_question(&mut self, index: usize, follow_ups: u8, text: &str, now: Timestamp) -> Cue {
        let Some(question) = self.questions.get(index).cloned() else {
            return self.next_question(index + 1, now);
        };
        let scorer = self.scorer();
        let time_is_up = self.time_is_up(now);
        let Some(record) = self
            .records
            .iter_mut()
            .find(|r| r.question_id == question.id)
        else {
            return self.next_question(index + 1, now);
        };
        record.answers.push(text.to_string());
        record.answered_at = Some(now);
        let all = record.answers.join("\n\n");
        let report = scorer.score(&QuestionContext::from(&question), &all);
        let reference_words = question.example_answer.split_whitespace().count();
        let signals = AnswerSignals::read(question.kind, reference_words, text, &all, &report);
        let probe = if time_is_up {
            None
        } else {
            choose_probe(&self.persona, question.kind, &signals, &record.probes)
        };
        let missed: Vec<String> = report
            .talking_points
            .iter()
            .filter(|t| !t.hit)
            .map(|t| t.point.clone())
            .chain(report.improvements.iter().map(|i| i.text.clone()))
            .take(4)
            .collect();
        record.report = Some(report);
        match probe {
            Some(kind) => {
                record.probes.push(kind);
                self.phase = Phase::Question {
                    index,
                    follow_ups: follow_ups + 1,
                };
                Cue::Probe {
                    index,
                    kind,
                    missed,
                }
            }
            None => self.next_question(index + 1, now),
        }
    }

    fn answer_candidate(&mut self, asked: u8, text: &str, now: Timestamp) -> Cue {
        if declines(text) {
            self.phase = Phase::Closed;
            self.ended_at = Some(now);
            return Cue::Close;
        }
        self.candidate_questions.push(text.to_string());
        let asked = asked + 1;
        let close = asked >= MAX_CANDIDATE_QUESTIONS;
        let prepared = self.persona.answer_for(text);
        let answer = prepared.map_or_else(
            || self.persona.fallback_answer.trim().to_string(),
            |a| a.answer.trim().to_string(),
        );
        let topic = prepared.map(|a| a.topic.clone());
        if close {
            self.phase = Phase::Closed;
            self.ended_at = Some(now);
        } else {
            self.phase = Phase::CandidateQuestions { asked };
        }
        Cue::AnswerCandidate {
            question: text.to_string(),
            answer,
            topic,
            close,
        }
    }

    /// The attempt id of the question at `index`: derived from the session, so saving again
    /// replaces the same attempt.
    pub fn attempt_id(&self, index: usize) -> Uuid {
        Uuid::from_u128(self.session_id.as_u128() ^ (index as u128 + 1))
    }

    /// One attempt per main question that is finished (the interview moved past it) and was
    /// answered, with all its answers together and their score.
    pub fn attempts(&self) -> Vec<Attempt> {
        let finished = match self.phase {
            Phase::Ready | Phase::Warmup => 0,
            Phase::Question { index, .. } => index,
            Phase::CandidateQuestions { .. } | Phase::Closed => self.records.len(),
        };
        self.records
            .iter()
            .enumerate()
            .take(finished)
            .filter(|(_, r)| !r.answers.is_empty())
            .map(|(i, r)| {
                let submitted_at = r.answered_at.unwrap_or(r.asked_at);
                Attempt {
                    id: self.attempt_id(i),
                    question_id: r.question_id.clone(),
                    session_id: Some(self.session_id),
                    started_at: r.asked_at,
                    submitted_at,
                    duration_secs: u32::try_from(
                        submitted_at.duration_since(r.asked_at).as_secs().max(0),
                    )
                    .unwrap_or(u32::MAX),
                    answer: r.answers.join("\n\n"),
                    overtime: false,
                    skipped: false,
                    score: r.report.clone(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_refusals_decline_but_questions_do_not() {
        assert!(declines("No, that's all. Thanks!"));
        assert!(declines("nothing from me"));
        assert!(declines(""));
        assert!(!declines("No — what does the team's on-call look like?"));
        assert!(!declines("How big is the team?"));
    }
}
