//! Pure domain types: questions, personas, attempts, sessions and score reports. No I/O, no terminal.

pub mod attempt;
pub mod persona;
pub mod question;
pub mod score;
pub mod session;
pub mod transcript;

pub use attempt::{Attempt, AttemptId, Draft};
pub use persona::{CandidateAnswer, Persona, PersonaLines, PersonaStyle, ProbeKind, Probes};
pub use question::{Difficulty, InterviewStage, Question, QuestionKind, Role, TalkingPoint};
pub use score::{
    Dimension, DimensionScore, Evidence, FeedbackItem, ScoreReport, ScorerId, TalkingPointResult,
};
pub use session::{Session, SessionId, SessionKind};
pub use transcript::{Speaker, Transcript, Turn};
