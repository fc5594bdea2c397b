//! Spaced repetition: each attempted question's review schedule, computed with FSRS (`rs-fsrs`)
//! from the attempt's score, and which questions are due.

use chrono::{DateTime, Utc};
use jiff::Timestamp;
use rs_fsrs::{Card, FSRS, Parameters, Rating, State};
use serde::{Deserialize, Serialize};

/// Scores at or above this count as an easy recall.
pub const EASY_FROM: u8 = 85;
/// Scores at or above this (and below easy) count as a good recall.
pub const GOOD_FROM: u8 = 70;
/// Scores at or above this (and below good) count as a hard recall; below it, a lapse.
pub const HARD_FROM: u8 = 50;

/// Where a question is in its review cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    /// Never reviewed.
    New,
    /// Being learned.
    Learning,
    /// In regular review.
    Review,
    /// Forgotten and being relearned.
    Relearning,
}

/// How well an answer went, as a review grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// Below [`HARD_FROM`], or skipped.
    Again,
    /// [`HARD_FROM`] up to [`GOOD_FROM`].
    Hard,
    /// [`GOOD_FROM`] up to [`EASY_FROM`].
    Good,
    /// [`EASY_FROM`] and above.
    Easy,
}

impl Grade {
    /// The grade for a total score out of 100.
    pub fn of_score(score: u8) -> Self {
        match score {
            s if s >= EASY_FROM => Self::Easy,
            s if s >= GOOD_FROM => Self::Good,
            s if s >= HARD_FROM => Self::Hard,
            _ => Self::Again,
        }
    }

    fn rating(self) -> Rating {
        match self {
            Self::Again => Rating::Again,
            Self::Hard => Rating::Hard,
            Self::Good => Rating::Good,
            Self::Easy => Rating::Easy,
        }
    }
}

/// One question's review schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    /// When the question should be practised again.
    pub due: Timestamp,
    /// When it was last reviewed.
    pub last_review: Timestamp,
    /// FSRS stability, in days.
    pub stability: f64,
    /// FSRS difficulty, 1 to 10.
    pub difficulty: f64,
    /// Reviews so far.
    pub reps: u32,
    /// Times it was forgotten (graded again after being learned).
    pub lapses: u32,
    /// Where it is in the cycle.
    pub state: ReviewState,
    /// The last review's score.
    pub last_score: u8,
    /// Days between the last review and `due`.
    pub interval_days: i64,
}

impl Schedule {
    /// Whether it is due at `now`.
    pub fn is_due(&self, now: Timestamp) -> bool {
        self.due <= now
    }
}

fn to_chrono(t: Timestamp) -> DateTime<Utc> {
    DateTime::from_timestamp(t.as_second(), 0).unwrap_or_default()
}

fn to_jiff(t: DateTime<Utc>) -> Timestamp {
    Timestamp::from_second(t.timestamp()).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn state_of(s: State) -> ReviewState {
    match s {
        State::New => ReviewState::New,
        State::Learning => ReviewState::Learning,
        State::Review => ReviewState::Review,
        State::Relearning => ReviewState::Relearning,
    }
}

fn state_to(s: ReviewState) -> State {
    match s {
        ReviewState::New => State::New,
        ReviewState::Learning => State::Learning,
        ReviewState::Review => State::Review,
        ReviewState::Relearning => State::Relearning,
    }
}

fn scheduler() -> FSRS {
    // Long-term scheduling: intervals in whole days, no same-day learning steps, no fuzz (so the
    // same history always gives the same schedule).
    FSRS::new(Parameters {
        enable_short_term: false,
        enable_fuzz: false,
        ..Parameters::default()
    })
}

/// The schedule after a review scored `score` at `at`, following `previous` (None for the first).
/// A review older than the previous one leaves the schedule unchanged (history is replayed in order).
pub fn review(previous: Option<&Schedule>, score: u8, at: Timestamp) -> Schedule {
    if let Some(p) = previous
        && at < p.last_review
    {
        return p.clone();
    }
    let card = previous.map_or_else(
        || Card {
            due: to_chrono(at),
            last_review: to_chrono(at),
            ..Card::default()
        },
        |p| Card {
            due: to_chrono(p.due),
            stability: p.stability,
            difficulty: p.difficulty,
            elapsed_days: 0,
            scheduled_days: p.interval_days,
            reps: i32::try_from(p.reps).unwrap_or(i32::MAX),
            lapses: i32::try_from(p.lapses).unwrap_or(i32::MAX),
            state: state_to(p.state),
            last_review: to_chrono(p.last_review),
        },
    );
    let next = scheduler()
        .next(card, to_chrono(at), Grade::of_score(score).rating())
        .card;
    Schedule {
        due: to_jiff(next.due),
        last_review: at,
        stability: next.stability,
        difficulty: next.difficulty,
        reps: u32::try_from(next.reps).unwrap_or(0),
        lapses: u32::try_from(next.lapses).unwrap_or(0),
        state: state_of(next.state),
        last_score: score,
        interval_days: next.scheduled_days,
    }
}

/// The score a review counts with: the total, or 0 for a skipped question; None when unscored.
pub fn review_score(total: Option<u8>, skipped: bool) -> Option<u8> {
    total.or(if skipped { Some(0) } else { None })
}

/// Question ids due at `now`, most overdue first.
pub fn due_questions(schedules: &[(String, Schedule)], now: Timestamp) -> Vec<String> {
    let mut due: Vec<&(String, Schedule)> =
        schedules.iter().filter(|(_, s)| s.is_due(now)).collect();
    due.sort_by(|a, b| a.1.due.cmp(&b.1.due).then_with(|| a.0.cmp(&b.0)));
    due.into_iter().map(|(id, _)| id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::ToSpan;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn grades_follow_score_bands() {
        assert_eq!(Grade::of_score(0), Grade::Again);
        assert_eq!(Grade::of_score(49), Grade::Again);
        assert_eq!(Grade::of_score(50), Grade::Hard);
        assert_eq!(Grade::of_score(70), Grade::Good);
        assert_eq!(Grade::of_score(85), Grade::Easy);
    }

    #[test]
    fn better_scores_wait_longer_and_lapses_come_back_soon() {
        let at = t("2026-03-01T10:00:00Z");
        let poor = review(None, 30, at);
        let good = review(None, 75, at);
        let easy = review(None, 95, at);
        assert!(
            poor.due < good.due && good.due < easy.due,
            "{poor:?} {good:?} {easy:?}"
        );
        assert!(poor.due >= at + 24.hours() - 1.second());
        // a second good review pushes it further out than the first
        let again = review(Some(&good), 80, good.due);
        assert!(again.interval_days > good.interval_days, "{again:?}");
        assert_eq!(again.reps, 2);
        // a lapse after learning brings it back within days
        let lapse = review(Some(&again), 20, again.due);
        assert!(lapse.interval_days <= 2, "{lapse:?}");
        assert_eq!(lapse.lapses, 1);
    }

    #[test]
    fn out_of_order_review_is_ignored_and_due_sorted() {
        let at = t("2026-03-10T10:00:00Z");
        let s = review(None, 75, at);
        assert_eq!(review(Some(&s), 10, at - 48.hours()), s);
        let list = vec![
            ("b".to_string(), review(None, 30, at)),
            ("a".to_string(), review(None, 30, at - 72.hours())),
            ("c".to_string(), review(None, 95, at)),
        ];
        assert_eq!(due_questions(&list, at + 48.hours()), vec!["a", "b"]);
        assert_eq!(review_score(None, true), Some(0));
        assert_eq!(review_score(None, false), None);
    }
}
