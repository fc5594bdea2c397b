//! The progress report's shape: what `hotseat progress` prints and the trends screen draws.

use super::plan::PlanItem;
use super::predict::{Prediction, Velocity};
use super::streak::Streaks;
use super::weak::WeakArea;
use crate::domain::Dimension;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// One day's scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayPoint {
    /// The local day.
    pub date: Date,
    /// Scored answers that day.
    pub answers: u32,
    /// Their average.
    pub average: f64,
    /// Average of every scored answer in the 7 days ending that day.
    pub moving_average: f64,
}

/// Averages for one category or kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupStats {
    /// The category or kind.
    pub name: String,
    /// Scored answers.
    pub answers: u64,
    /// Average score.
    pub average: f64,
    /// Average of the latest ten.
    pub recent_average: f64,
    /// Best score.
    pub best: u8,
    /// Average seconds per answer.
    pub seconds_per_answer: f64,
    /// The last day practised.
    pub last_practised: Date,
}

/// How one scoring dimension is moving.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionTrend {
    /// The dimension.
    pub dimension: Dimension,
    /// Answers scored on it.
    pub answers: u64,
    /// Average over all of them.
    pub average: f64,
    /// Average of the latest twenty.
    pub recent_average: f64,
    /// The latest twenty's average minus the twenty before (0 without twenty before).
    pub change: f64,
}

/// Everything `hotseat progress` reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// The day the report was made for (local).
    pub today: Date,
    /// Scored answers.
    pub answers: u64,
    /// Skipped questions.
    pub skipped: u64,
    /// Answers submitted after their time limit.
    pub overtime: u64,
    /// Average score.
    pub average: Option<f64>,
    /// Average of the latest twenty answers.
    pub recent_average: Option<f64>,
    /// Best score.
    pub best: Option<u8>,
    /// Average seconds per answer.
    pub seconds_per_answer: Option<f64>,
    /// Scored answers in the last 7 days.
    pub answers_this_week: u64,
    /// Streaks.
    pub streaks: Streaks,
    /// Points per week lately.
    pub velocity: Option<Velocity>,
    /// When the target is likely reached.
    pub prediction: Prediction,
    /// Per category, most practised first.
    pub by_category: Vec<GroupStats>,
    /// Per question kind, most practised first.
    pub by_kind: Vec<GroupStats>,
    /// Per dimension, in display order.
    pub dimensions: Vec<DimensionTrend>,
    /// Categories that need work, most confidently weak first.
    pub weak_areas: Vec<WeakArea>,
    /// What to do next, most important first.
    pub focus: Vec<String>,
    /// The recommended next session.
    pub plan: Vec<PlanItem>,
    /// Questions due for review now.
    pub due: usize,
    /// Questions with a review schedule.
    pub scheduled: usize,
    /// Per practice day, oldest first.
    pub daily: Vec<DayPoint>,
}

/// One category's (or all categories') daily scores, for the chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategorySeries {
    /// The category.
    pub name: String,
    /// Its practice days, oldest first.
    pub days: Vec<DayPoint>,
}

/// A dimension's per-practice-day averages, for a sparkline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionSeries {
    /// The dimension.
    pub dimension: Dimension,
    /// Rounded averages of the latest practice days, oldest first.
    pub values: Vec<u64>,
}

/// Everything the trends screen draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendsData {
    /// The report.
    pub progress: Progress,
    /// Daily series per category, most practised first.
    pub categories: Vec<CategorySeries>,
    /// Sparkline values per dimension.
    pub dimension_series: Vec<DimensionSeries>,
    /// Answers per day over the last year (days with none left out), oldest first.
    pub calendar: Vec<(Date, u32)>,
    /// Questions due for review, most overdue first.
    pub due_questions: Vec<String>,
}

// Reports never hold NaN (every average is of at least one value), so equality is total.
impl Eq for TrendsData {}
