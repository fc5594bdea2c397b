//! The mock-interview engine: setup, question planning, the phase state machine, follow-up probes
//! chosen from the offline score, the `Interviewer` trait (scripted and LLM), prompts and the report.

pub mod engine;
pub mod history;
pub mod interviewer;
pub mod persist;
pub mod plan;
pub mod probe;
pub mod prompt;
pub mod record;
pub mod report;
pub mod script;
pub mod setup;
pub mod start;

pub use engine::{Cue, Interview, Phase, QuestionRecord};
pub use interviewer::{Interviewer, LlmInterviewer, ScriptedInterviewer, Utterance};
pub use persist::save_progress;
pub use plan::plan_questions;
pub use probe::{AnswerSignals, choose_probe};
pub use prompt::{Prompt, PromptMessage, PromptRole};
pub use record::{MockRecord, MockStatus};
pub use report::{DimensionAverage, MockReport, QuestionScore};
pub use setup::{Length, MockSetup, SetupError};
