//! Scoring answers: the `Scorer` trait, the question context it scores against, and the offline
//! rubric scorer (relevance, structure, specificity, concision, delivery) with its text utilities.

pub mod batch;
pub mod concision;
pub mod delivery;
pub mod feedback;
pub mod gate;
pub mod lexicon;
pub mod offline;
pub mod prepared;
pub mod relevance;
pub mod specificity;
pub mod structure;
pub mod text;

pub use batch::{BatchError, BatchRow, run_batch};
pub use offline::{DimensionResult, OfflineScorer};
pub use prepared::{PreparedQuestion, TermStats};

use crate::domain::{Question, QuestionKind, ScoreReport, TalkingPoint};

/// Scores one answer to one question.
pub trait Scorer {
    /// Scores `answer` against `question`. Must not panic on any input.
    fn score(&self, question: &QuestionContext, answer: &str) -> ScoreReport;
}

/// What a scorer knows about the question being answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionContext {
    /// The bank id, when the question comes from the bank.
    pub id: Option<String>,
    /// What sort of question it is.
    pub kind: QuestionKind,
    /// The question as asked.
    pub prompt: String,
    /// How to approach it (adds topic words).
    pub guidance: String,
    /// What a strong answer covers.
    pub talking_points: Vec<TalkingPoint>,
    /// A reference or example answer, if any.
    pub reference_answer: Option<String>,
    /// Seconds allowed.
    pub time_limit_secs: u32,
    /// The wanted answer length in words; derived from the reference or the time limit when absent.
    pub target_words: Option<u32>,
}

impl QuestionContext {
    /// A context with just a kind and a prompt.
    pub fn new(kind: QuestionKind, prompt: impl Into<String>) -> Self {
        Self {
            id: None,
            kind,
            prompt: prompt.into(),
            guidance: String::new(),
            talking_points: Vec::new(),
            reference_answer: None,
            time_limit_secs: kind.default_time_limit_secs(),
            target_words: None,
        }
    }

    /// The text this question adds to a corpus for term statistics: prompt and reference answer.
    pub fn corpus_text(&self) -> String {
        match &self.reference_answer {
            Some(r) => format!("{}\n{}", self.prompt, r),
            None => self.prompt.clone(),
        }
    }
}

impl From<&Question> for QuestionContext {
    fn from(q: &Question) -> Self {
        let reference = q.example_answer.trim();
        Self {
            id: Some(q.id.clone()),
            kind: q.kind,
            prompt: q.prompt.clone(),
            guidance: q.guidance.clone(),
            talking_points: q.talking_points.clone(),
            reference_answer: (!reference.is_empty()).then(|| reference.to_string()),
            time_limit_secs: q.time_limit(),
            target_words: None,
        }
    }
}
