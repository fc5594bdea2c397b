//! Practice sessions: what to practise (planning from the bank and past scores), the timer rules
//! and how an answer is recorded.

pub mod answer;
pub mod plan;
pub mod timer;

pub use plan::{
    PlanKind, PracticeKind, PracticeSetup, TimeMode, day_seed, plan_due, plan_questions,
};
pub use timer::{TimerPhase, TimerState};
