//! Analytics over stored attempts: the home summary, trends, per-category stats, velocity,
//! streaks, weak areas, predictions, practice plans, spaced repetition, progress reports,
//! exports and imports.

pub mod analyze;
pub mod catalog;
pub mod days;
pub mod export;
pub mod fit;
pub mod generate;
pub mod import;
pub mod load;
pub mod plan;
pub mod predict;
pub mod report;
pub mod srs;
pub mod streak;
mod summary;
pub mod weak;

pub use analyze::{Options, analyze, progress};
pub use catalog::{Catalog, QuestionInfo};
pub use report::{Progress, TrendsData};
pub use streak::streak_days;
pub use summary::{HomeSummary, RecentSession, summarize, summarize_facts};
