//! Weak areas: categories whose recent scores are low with enough answers to trust it, and the
//! recommended focus built from them, the weakest dimension and the reviews due.

use super::fit::{Moments, round1};
use crate::domain::Dimension;
use serde::{Deserialize, Serialize};

/// Answers a category needs before it can be called weak.
pub const MIN_SAMPLES: u64 = 5;
/// Recent answers per category that the judgement looks at.
pub const RECENT_WINDOW: usize = 20;
/// Categories whose recent average is confidently below this are weak.
pub const WEAK_BELOW: f64 = 70.0;
/// …or confidently this far below the overall average.
pub const BELOW_AVERAGE_BY: f64 = 5.0;
/// At most this many weak areas are reported.
pub const MAX_WEAK: usize = 3;
/// One-sided 95% normal quantile for the upper bound.
const Z: f64 = 1.645;

/// A category's recent scores, oldest first (at most [`RECENT_WINDOW`]), and its total count.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryScores {
    /// The category.
    pub category: String,
    /// Scored answers in it, ever.
    pub attempts: u64,
    /// Its latest scores, oldest first.
    pub recent: Vec<u8>,
}

/// A category that needs work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeakArea {
    /// The category.
    pub category: String,
    /// Scored answers in it.
    pub attempts: u64,
    /// Average of its recent answers.
    pub recent_average: f64,
    /// The recent average plus its one-sided 95% margin: even optimistically, this low.
    pub upper_bound: f64,
    /// Why it was chosen.
    pub reason: String,
}

/// Picks the weak categories: sampled at least [`MIN_SAMPLES`] times and, even at the optimistic
/// end of their recent average, below [`WEAK_BELOW`] or [`BELOW_AVERAGE_BY`] under `overall`.
/// The most confidently weak come first.
pub fn weak_areas(categories: &[CategoryScores], overall: f64) -> Vec<WeakArea> {
    let mut weak: Vec<WeakArea> = categories
        .iter()
        .filter(|c| c.attempts >= MIN_SAMPLES && !c.recent.is_empty())
        .filter_map(|c| {
            let m = Moments::of(c.recent.iter().map(|&v| f64::from(v)));
            let mean = m.mean()?;
            let upper = Z.mul_add(m.std_error(), mean);
            let reason = if upper < WEAK_BELOW {
                format!(
                    "recent average {:.0} over {} answers, below {WEAK_BELOW:.0}",
                    mean,
                    c.recent.len()
                )
            } else if upper < overall - BELOW_AVERAGE_BY {
                format!("recent average {mean:.0}, well under your overall {overall:.0}")
            } else {
                return None;
            };
            Some(WeakArea {
                category: c.category.clone(),
                attempts: c.attempts,
                recent_average: round1(mean),
                upper_bound: round1(upper),
                reason,
            })
        })
        .collect();
    weak.sort_by(|a, b| {
        a.upper_bound
            .total_cmp(&b.upper_bound)
            .then_with(|| a.category.cmp(&b.category))
    });
    weak.truncate(MAX_WEAK);
    weak
}

/// A tip for raising a dimension's score.
pub fn dimension_tip(d: Dimension) -> &'static str {
    match d {
        Dimension::Relevance => "answer the question asked and cover its talking points",
        Dimension::Structure => "lead with a clear shape (STAR for stories) and signpost each part",
        Dimension::Specificity => {
            "name systems, give numbers, and say what you did (\"I\", not \"we\")"
        }
        Dimension::Concision => "cut repetition and aim for the time limit, not past it",
        Dimension::Delivery => "drop fillers and hedges; state conclusions plainly",
    }
}

/// Recommended focus, most important first.
pub fn focus(
    weak: &[WeakArea],
    weakest_dimension: Option<(Dimension, f64)>,
    due: usize,
    scored: u64,
) -> Vec<String> {
    let mut out = Vec::new();
    if scored == 0 {
        out.push(
            "Answer a few practice questions: recommendations start after five scored answers."
                .into(),
        );
        return out;
    }
    if let Some(w) = weak.first() {
        out.push(format!("Practise {}: {}.", w.category, w.reason));
    }
    if let Some((d, avg)) = weakest_dimension {
        out.push(format!(
            "Work on {} (your lowest dimension, {avg:.0} recently): {}.",
            d.label().to_lowercase(),
            dimension_tip(d)
        ));
    }
    if due > 0 {
        out.push(format!(
            "{due} question{} due for review — spaced repetition keeps answers fresh.",
            if due == 1 { " is" } else { "s are" }
        ));
    }
    if out.is_empty() {
        out.push("No weak spots stand out: keep a steady mix, and try harder questions.".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cat(name: &str, attempts: u64, recent: &[u8]) -> CategoryScores {
        CategoryScores {
            category: name.into(),
            attempts,
            recent: recent.to_vec(),
        }
    }

    #[test]
    fn low_and_sampled_is_weak_thin_is_not() {
        let cats = vec![
            cat("conflict", 30, &[50, 55, 48, 52, 51, 49, 53, 50]),
            cat("thin", 2, &[10, 12]),
            cat("strong", 40, &[85, 88, 90, 87, 86]),
            cat("noisy", 6, &[20, 100, 30, 100, 25, 100]),
            cat("below_average", 20, &[72, 73, 71, 72, 74, 72, 73, 72]),
        ];
        let weak = weak_areas(&cats, 86.0);
        let names: Vec<&str> = weak.iter().map(|w| w.category.as_str()).collect();
        assert_eq!(names, vec!["conflict", "below_average"], "{weak:?}");
        assert!(weak[1].reason.contains("under your overall"));
    }

    proptest! {
        #[test]
        fn never_picks_thin_or_strong_categories(
            scores in proptest::collection::vec(0u8..=100, 1..30),
            attempts in 0u64..100,
        ) {
            let weak = weak_areas(&[cat("x", attempts, &scores)], 50.0);
            if attempts < MIN_SAMPLES {
                prop_assert!(weak.is_empty());
            }
            for w in &weak {
                prop_assert!(w.recent_average < WEAK_BELOW);
                prop_assert!(w.upper_bound >= w.recent_average);
            }
        }
    }
}
