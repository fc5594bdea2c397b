//! Analytics over stored attempts: the home summary (streak, last score, recent sessions).

mod summary;

pub use summary::{HomeSummary, RecentSession, streak_days, summarize};
