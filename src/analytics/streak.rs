//! Practice streaks over local calendar days: the current run and the longest ever.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Streak figures for the progress report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Streaks {
    /// Consecutive practice days ending today (or yesterday, if none yet today).
    pub current: u32,
    /// The longest run of consecutive practice days.
    pub longest: u32,
    /// Days with at least one scored answer.
    pub practice_days: u32,
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

/// The longest run of consecutive days in `days`.
pub fn longest_streak(days: &BTreeSet<Date>) -> u32 {
    let mut best = 0;
    let mut run = 0;
    let mut previous: Option<Date> = None;
    for &day in days {
        run = match previous.and_then(|p| p.tomorrow().ok()) {
            Some(next) if next == day => run + 1,
            _ => 1,
        };
        best = best.max(run);
        previous = Some(day);
    }
    best
}

/// Current and longest streaks and the number of practice days.
pub fn streaks(days: &BTreeSet<Date>, today: Date) -> Streaks {
    Streaks {
        current: streak_days(days, today),
        longest: longest_streak(days),
        practice_days: u32::try_from(days.len()).unwrap_or(u32::MAX),
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

    #[test]
    fn longest_spans_year_and_leap_day() {
        let days: BTreeSet<Date> = [
            date(2027, 12, 30),
            date(2027, 12, 31),
            date(2028, 1, 1),
            date(2028, 1, 5),
            date(2028, 2, 28),
            date(2028, 2, 29),
            date(2028, 3, 1),
            date(2028, 3, 2),
        ]
        .into_iter()
        .collect();
        assert_eq!(longest_streak(&days), 4);
        let s = streaks(&days, date(2028, 3, 3));
        assert_eq!((s.current, s.longest, s.practice_days), (4, 4, 8));
        assert_eq!(longest_streak(&BTreeSet::new()), 0);
    }
}
