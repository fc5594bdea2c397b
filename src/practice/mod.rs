//! Practice sessions: what to practise (planning from the bank and past scores), the timer rules
//! and how an answer is recorded.

pub mod answer;
pub mod plan;
pub mod timer;

pub use plan::{PracticeKind, PracticeSetup, TimeMode, plan_questions};
pub use timer::{TimerPhase, TimerState};
