//! The answer timer as pure arithmetic on timestamps: elapsed time with pauses, phase, overtime.

use jiff::{SignedDuration, Timestamp};

/// How the countdown looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerPhase {
    /// Plenty of time.
    Normal,
    /// Under a quarter of the time (or two minutes) left.
    Amber,
    /// The last 30 seconds.
    Red,
    /// Past the limit.
    Overtime,
    /// No limit set.
    Unlimited,
}

/// A running (or paused) answer timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimerState {
    /// When the question was shown.
    pub started_at: Timestamp,
    /// Time spent paused before the current pause.
    pub paused_total: SignedDuration,
    /// When the current pause began, if paused.
    pub paused_at: Option<Timestamp>,
    /// The limit in seconds, if any.
    pub limit_secs: Option<u32>,
}

impl TimerState {
    /// A timer started at `now`.
    pub fn start(now: Timestamp, limit_secs: Option<u32>) -> Self {
        Self {
            started_at: now,
            paused_total: SignedDuration::ZERO,
            paused_at: None,
            limit_secs,
        }
    }

    /// Whole seconds answered so far (pauses excluded).
    pub fn elapsed_secs(&self, now: Timestamp) -> i64 {
        let end = self.paused_at.unwrap_or(now);
        let d = end.duration_since(self.started_at) - self.paused_total;
        d.as_secs().max(0)
    }

    /// Seconds left (negative in overtime), if there is a limit.
    pub fn remaining_secs(&self, now: Timestamp) -> Option<i64> {
        self.limit_secs
            .map(|l| i64::from(l) - self.elapsed_secs(now))
    }

    /// The phase at `now`.
    pub fn phase(&self, now: Timestamp) -> TimerPhase {
        let (Some(limit), Some(left)) = (self.limit_secs, self.remaining_secs(now)) else {
            return TimerPhase::Unlimited;
        };
        if left <= 0 {
            TimerPhase::Overtime
        } else if left <= 30 {
            TimerPhase::Red
        } else if left * 4 <= i64::from(limit) || left <= 120 {
            TimerPhase::Amber
        } else {
            TimerPhase::Normal
        }
    }

    /// Pauses at `now` (no effect if already paused).
    pub fn pause(&mut self, now: Timestamp) {
        if self.paused_at.is_none() {
            self.paused_at = Some(now);
        }
    }

    /// Resumes at `now` (no effect if running).
    pub fn resume(&mut self, now: Timestamp) {
        if let Some(p) = self.paused_at.take() {
            self.paused_total += now.duration_since(p);
        }
    }

    /// Whether paused.
    pub fn is_paused(&self) -> bool {
        self.paused_at.is_some()
    }
}

/// `m:ss`, with a sign for overtime.
pub fn clock(secs: i64) -> String {
    let sign = if secs < 0 { "+" } else { "" };
    let s = secs.abs();
    format!("{sign}{}:{:02}", s / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::ToSpan;

    fn t0() -> Timestamp {
        "2026-11-20T10:00:00Z".parse().unwrap()
    }

    #[test]
    fn phases_follow_the_remaining_time() {
        let t = TimerState::start(t0(), Some(600));
        assert_eq!(t.phase(t0() + 10.seconds()), TimerPhase::Normal);
        assert_eq!(
            t.phase(t0() + 460.seconds()),
            TimerPhase::Amber,
            "140 s left is not yet amber for 600"
        );
        assert_eq!(
            t.phase(t0() + 451.seconds()),
            TimerPhase::Amber,
            "149 s left ≤ a quarter of 600"
        );
        assert_eq!(t.phase(t0() + 571.seconds()), TimerPhase::Red);
        assert_eq!(t.phase(t0() + 600.seconds()), TimerPhase::Overtime);
        assert_eq!(t.remaining_secs(t0() + 612.seconds()), Some(-12));
        assert_eq!(clock(-12), "+0:12");
        assert_eq!(clock(125), "2:05");
        assert_eq!(
            TimerState::start(t0(), None).phase(t0() + 9999.seconds()),
            TimerPhase::Unlimited
        );
    }

    #[test]
    fn pauses_are_not_counted() {
        let mut t = TimerState::start(t0(), Some(120));
        t.pause(t0() + 30.seconds());
        assert_eq!(
            t.elapsed_secs(t0() + 300.seconds()),
            30,
            "frozen while paused"
        );
        t.resume(t0() + 300.seconds());
        assert_eq!(t.elapsed_secs(t0() + 310.seconds()), 40);
        t.pause(t0() + 310.seconds());
        t.pause(t0() + 320.seconds());
        t.resume(t0() + 330.seconds());
        assert_eq!(t.elapsed_secs(t0() + 330.seconds()), 40);
    }
}
