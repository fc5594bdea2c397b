//! The home screen's summary: practice streak, last score, this week's attempts, recent sessions.

use crate::domain::{Attempt, Session};
use crate::store::StoreCounts;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use std::collections::BTreeSet;

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
    /// Record counts.
    pub counts: StoreCounts,
    /// Up to five recent sessions, newest first.
    pub recent: Vec<RecentSession>,
}

/// Consecutive practice days ending `today`, or ending yesterday when today has none yet.
pub fn streak_days(days: &BTreeSet<Date>, today: Date) -> u32 {
    let start = if days.contains(&today) {
        today
    } else {
        match today.yesterday() {
            Ok(y) if days.contains(&y) => y,
            _ => return 0,
        }
    };
    let mut streak = 0;
    let mut day = start;
    while days.contains(&day) {
        streak += 1;
        match day.yesterday() {
            Ok(prev) => day = prev,
            Err(_) => break,
        }
    }
    streak
}

/// Builds the home summary from attempts (oldest first) and sessions at `now` in `tz`.
pub fn summarize(
    attempts: &[Attempt],
    sessions: &[Session],
    counts: StoreCounts,
    now: Timestamp,
    tz: &TimeZone,
) -> HomeSummary {
    let scored = attempts.iter().filter(|a| a.total().is_some());
    let days: BTreeSet<Date> = scored
        .clone()
        .map(|a| a.submitted_at.to_zoned(tz.clone()).date())
        .collect();
    let today = now.to_zoned(tz.clone()).date();
    let week_ago = now - 168.hours();
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
            .max_by_key(|a| a.submitted_at)
            .and_then(Attempt::total),
        attempts_this_week: scored.filter(|a| a.submitted_at >= week_ago).count(),
        counts,
        recent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn streak_counts_back_from_today_or_yesterday() {
        let days: BTreeSet<Date> = [date(2026, 2, 27), date(2026, 2, 28), date(2026, 3, 1)]
            .into_iter()
            .collect();
        assert_eq!(
            streak_days(&days, date(2026, 3, 1)),
            3,
            "across a month end"
        );
        assert_eq!(
            streak_days(&days, date(2026, 3, 2)),
            3,
            "today not yet practised"
        );
        assert_eq!(
            streak_days(&days, date(2026, 3, 3)),
            0,
            "a missed day breaks it"
        );
        assert_eq!(streak_days(&BTreeSet::new(), date(2026, 3, 3)), 0);
    }
}
