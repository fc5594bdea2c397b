//! The home screen's summary: practice streak, last score, this week's attempts, reviews due,
//! recent sessions.

use crate::domain::{Attempt, Session};
use crate::store::StoreCounts;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use std::collections::BTreeSet;

use super::analyze::date_of;
use super::days::LocalDays;
use super::srs::{self, Schedule};
use super::streak::streak_days;
use crate::store::AttemptFact;
use std::collections::BTreeMap;

/// One recent session for the home screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecentSession {
    /// How it was set up.
    pub label: String,
    /// When it started.
    pub started_at: Timestamp,
    /// Its overall score, once ended.
    pub total: Option<u8>,
}

/// What the home screen shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HomeSummary {
    /// Consecutive days with a scored attempt, ending today (or yesterday, if none yet today).
    pub streak_days: u32,
    /// The latest scored attempt's total.
    pub last_score: Option<u8>,
    /// Scored attempts in the last 7 days.
    pub attempts_this_week: usize,
    /// Questions due for spaced-repetition review.
    pub due_reviews: usize,
    /// Record counts.
    pub counts: StoreCounts,
    /// Up to five recent sessions, newest first.
    pub recent: Vec<RecentSession>,
}

/// Builds the home summary from attempts (oldest first) and sessions at `now` in `tz`; the due
/// count comes from replaying the attempts' schedules.
pub fn summarize(
    attempts: &[Attempt],
    sessions: &[Session],
    counts: StoreCounts,
    now: Timestamp,
    tz: &TimeZone,
) -> HomeSummary {
    let facts: Vec<AttemptFact> = attempts.iter().map(AttemptFact::of).collect();
    let mut schedules: BTreeMap<&str, Schedule> = BTreeMap::new();
    let mut sorted: Vec<&Attempt> = attempts.iter().collect();
    sorted.sort_by_key(|a| a.submitted_at);
    for a in sorted {
        if let Some(score) = srs::review_score(a.total(), a.skipped) {
            let next = srs::review(schedules.get(a.question_id.as_str()), score, a.submitted_at);
            schedules.insert(a.question_id.as_str(), next);
        }
    }
    let due = schedules.values().filter(|s| s.is_due(now)).count();
    summarize_facts(&facts, sessions, counts, due, now, tz)
}

/// Builds the home summary from attempt facts, sessions and the due count at `now` in `tz`.
pub fn summarize_facts(
    facts: &[AttemptFact],
    sessions: &[Session],
    counts: StoreCounts,
    due_reviews: usize,
    now: Timestamp,
    tz: &TimeZone,
) -> HomeSummary {
    let scored = facts.iter().filter(|f| f.total.is_some());
    let mut local_days = LocalDays::new(tz);
    let day_numbers: BTreeSet<i64> = scored.clone().map(|f| local_days.day(f.at_secs)).collect();
    let days: BTreeSet<Date> = day_numbers.into_iter().map(date_of).collect();
    let today = now.to_zoned(tz.clone()).date();
    let week_ago = (now - 168.hours()).as_second();
    let mut recent: Vec<RecentSession> = sessions
        .iter()
        .rev()
        .take(5)
        .map(|s| RecentSession {
            label: s.label.clone(),
            started_at: s.started_at,
            total: s.total,
        })
        .collect();
    recent.sort_by_key(|r| std::cmp::Reverse(r.started_at));
    HomeSummary {
        streak_days: streak_days(&days, today),
        last_score: scored
            .clone()
            .max_by_key(|f| (f.at_secs, f.id))
            .and_then(|f| f.total),
        attempts_this_week: scored.filter(|f| f.at_secs >= week_ago).count(),
        due_reviews,
        counts,
        recent,
    }
}
