//! Improvement velocity (points per week, by least squares over recent answers) and the
//! prediction of when a target score is reached, with its uncertainty.

use super::fit::{LineFit, round1};
use serde::{Deserialize, Serialize};

/// Days of history the velocity looks back over, ending at the latest practice day.
pub const VELOCITY_WINDOW_DAYS: i64 = 56;
/// Answers needed for a velocity.
pub const VELOCITY_MIN_ANSWERS: u64 = 5;
/// Practice days the prediction fits over (the latest ones).
pub const PREDICTION_WINDOW: usize = 20;
/// Practice days needed for a prediction.
pub const PREDICTION_MIN_DAYS: usize = 4;
/// Two-sided 95% normal quantile.
const Z95: f64 = 1.96;

/// How fast scores are moving.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Velocity {
    /// Change in score per week, from a least-squares line over the window's answers.
    pub points_per_week: f64,
    /// The standard error of that slope, in points per week.
    pub std_error: f64,
    /// Answers fitted.
    pub answers: u64,
    /// Days the window spans.
    pub window_days: i64,
}

/// Velocity from scored answers as (day number, score), over the [`VELOCITY_WINDOW_DAYS`] ending
/// at the latest day; None with fewer than [`VELOCITY_MIN_ANSWERS`] answers or a single day.
pub fn velocity(points: &[(i64, u8)]) -> Option<Velocity> {
    let last = points.iter().map(|p| p.0).max()?;
    let first = last - VELOCITY_WINDOW_DAYS + 1;
    let mut fit = LineFit::default();
    for &(day, score) in points.iter().filter(|p| p.0 >= first) {
        // centred on the latest day so the sums stay small
        #[allow(clippy::cast_precision_loss)]
        fit.add((day - last) as f64, f64::from(score));
    }
    let line = fit.line()?;
    if line.n < VELOCITY_MIN_ANSWERS {
        return None;
    }
    Some(Velocity {
        points_per_week: round1(line.slope * 7.0),
        std_error: round1(line.slope_se * 7.0),
        answers: line.n,
        window_days: VELOCITY_WINDOW_DAYS,
    })
}

/// When the target is likely reached, in practice days (each day with answers counts as a session).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Prediction {
    /// Too few practice days to say.
    NotEnoughData {
        /// Practice days still needed.
        days_needed: usize,
    },
    /// The current level is at or above the target.
    Reached {
        /// The target score.
        target: u8,
        /// The fitted current level.
        current: f64,
    },
    /// Scores are flat or falling: no date can be given.
    NotImproving {
        /// The target score.
        target: u8,
        /// The fitted current level.
        current: f64,
        /// Points gained per session (zero or less).
        per_session: f64,
    },
    /// Improving: the target in about `sessions` sessions.
    OnTrack {
        /// The target score.
        target: u8,
        /// The fitted current level.
        current: f64,
        /// Points gained per session.
        per_session: f64,
        /// Sessions to the target at this pace.
        sessions: u32,
        /// The optimistic end of the 95% range.
        low: u32,
        /// The pessimistic end; None when the slope's range includes no progress.
        high: Option<u32>,
    },
}

impl Prediction {
    /// One sentence for people.
    pub fn sentence(&self) -> String {
        match self {
            Self::NotEnoughData { days_needed } => format!(
                "Practise on {days_needed} more day{} for a prediction.",
                if *days_needed == 1 { "" } else { "s" }
            ),
            Self::Reached { target, current } => {
                format!(
                    "You are at {current:.0}: past the {target} mark. Raise the bar with harder questions."
                )
            }
            Self::NotImproving {
                target, current, ..
            } => format!(
                "At {current:.0} and not rising yet, so no estimate for {target}: focus on the weak areas below."
            ),
            Self::OnTrack {
                target,
                sessions,
                low,
                high,
                ..
            } => {
                let range = match high {
                    Some(h) if h != low => format!(" (likely {low}–{h})"),
                    Some(_) => String::new(),
                    None => format!(" (at least {low}; the trend is still uncertain)"),
                };
                format!(
                    "At this pace, {target} in about {sessions} session{}{range}.",
                    if *sessions == 1 { "" } else { "s" }
                )
            }
        }
    }
}

fn sessions_to(gap: f64, per_session: f64) -> u32 {
    // gap and per_session are positive here; the cast saturates on absurd values
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let n = (gap / per_session).ceil().clamp(1.0, f64::from(u32::MAX)) as u32;
    n
}

/// Predicts when `target` is reached from per-practice-day averages (oldest first).
pub fn predict(day_averages: &[f64], target: u8) -> Prediction {
    let recent = &day_averages[day_averages.len().saturating_sub(PREDICTION_WINDOW)..];
    if recent.len() < PREDICTION_MIN_DAYS {
        return Prediction::NotEnoughData {
            days_needed: PREDICTION_MIN_DAYS - recent.len(),
        };
    }
    let mut fit = LineFit::default();
    for (i, &avg) in recent.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        fit.add(i as f64, avg);
    }
    let Some(line) = fit.line() else {
        return Prediction::NotEnoughData { days_needed: 1 };
    };
    #[allow(clippy::cast_precision_loss)]
    let current = line.at((recent.len() - 1) as f64).clamp(0.0, 100.0);
    let target_f = f64::from(target);
    if current >= target_f {
        return Prediction::Reached {
            target,
            current: round1(current),
        };
    }
    if line.slope <= 0.0 {
        return Prediction::NotImproving {
            target,
            current: round1(current),
            per_session: round1(line.slope),
        };
    }
    let gap = target_f - current;
    let slow = Z95.mul_add(-line.slope_se, line.slope);
    Prediction::OnTrack {
        target,
        current: round1(current),
        per_session: round1(line.slope),
        sessions: sessions_to(gap, line.slope),
        low: sessions_to(gap, Z95.mul_add(line.slope_se, line.slope)),
        high: (slow > 0.0).then(|| sessions_to(gap, slow)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn prediction_cases() {
        assert_eq!(
            predict(&[50.0, 60.0], 80),
            Prediction::NotEnoughData { days_needed: 2 }
        );
        assert!(matches!(
            predict(&[82.0, 85.0, 84.0, 86.0], 80),
            Prediction::Reached { .. }
        ));
        assert!(matches!(
            predict(&[70.0, 65.0, 60.0, 55.0], 80),
            Prediction::NotImproving { .. }
        ));
        let p = predict(&[50.0, 52.0, 54.0, 56.0, 58.0, 60.0], 80);
        let Prediction::OnTrack {
            sessions,
            low,
            high,
            ..
        } = p.clone()
        else {
            panic!("{p:?}")
        };
        assert_eq!((sessions, low, high), (10, 10, Some(10)));
        assert!(
            p.sentence().contains("80 in about 10 sessions"),
            "{}",
            p.sentence()
        );
        let noisy = predict(&[50.0, 62.0, 51.0, 60.0, 55.0, 63.0], 80);
        if let Prediction::OnTrack {
            sessions,
            low,
            high,
            ..
        } = noisy
        {
            assert!(low <= sessions);
            assert!(high.is_none_or(|h| h >= sessions));
        }
    }

    proptest! {
        #[test]
        fn velocity_sign_follows_the_trend(
            start in 20u8..60,
            step in 1u8..4,
            days in 6i64..40,
            noise in proptest::collection::vec(0u8..3, 40),
            rising in any::<bool>(),
        ) {
            let points: Vec<(i64, u8)> = (0..days)
                .map(|d| {
                    let i = usize::try_from(d).unwrap();
                    let delta = u8::try_from(d).unwrap() * step / 2 + noise[i];
                    let score = if rising { start + delta } else { (start + 40).saturating_sub(delta) };
                    (1000 + d, score.min(100))
                })
                .collect();
            let v = velocity(&points).unwrap();
            if rising {
                prop_assert!(v.points_per_week > 0.0, "{v:?}");
            } else {
                prop_assert!(v.points_per_week < 0.0, "{v:?}");
            }
        }
    }

    #[test]
    fn velocity_needs_answers_and_days() {
        assert!(velocity(&[]).is_none());
        assert!(velocity(&[(5, 50), (5, 60), (5, 70), (5, 80), (5, 90)]).is_none());
        let v = velocity(&[(1, 50), (8, 60), (15, 70), (22, 80), (29, 90)]).unwrap();
        assert!((v.points_per_week - 10.0).abs() < 1e-9, "{v:?}");
        // answers outside the window are ignored
        let v = velocity(&[(-500, 100), (1, 50), (8, 60), (15, 70), (22, 80), (29, 90)]).unwrap();
        assert_eq!(v.answers, 5);
    }
}
