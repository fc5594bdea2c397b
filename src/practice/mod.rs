//! Practice sessions: what to practise (planning from the bank and past scores) and the timer rules.

pub mod plan;
pub mod timer;

pub use plan::{PracticeKind, PracticeSetup, TimeMode, plan_questions};
pub use timer::{TimerPhase, TimerState};
