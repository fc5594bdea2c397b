//! Delivery: filler words and hedges, per hundred words.

use super::lexicon::{FILLERS, HEDGES};
use super::text::{Analyzed, find_word_phrases, ratio, to_score};
use crate::domain::Evidence;
use std::ops::Range;

/// What delivery found in an answer.
#[derive(Debug, Clone, Default)]
pub struct DeliveryResult {
    /// 0–100.
    pub score: u8,
    /// One line on why.
    pub note: String,
    /// Token ranges of fillers, with the filler.
    pub fillers: Vec<(Range<usize>, &'static str)>,
    /// Token ranges of hedges, with the hedge.
    pub hedges: Vec<(Range<usize>, &'static str)>,
    /// Labelled spans: "filler", "hedge".
    pub evidence: Vec<Evidence>,
}

/// Scores delivery of an analyzed answer.
pub fn score(answer: &Analyzed) -> DeliveryResult {
    let mut r = DeliveryResult::default();
    let words = answer.word_count();
    if words == 0 {
        r.note = "empty".into();
        return r;
    }
    r.fillers = find_word_phrases(&answer.tokens, FILLERS);
    r.hedges = find_word_phrases(&answer.tokens, HEDGES);
    // A hedge inside a longer hedge ("i'm not sure" contains "not sure") counts once.
    r.hedges
        .dedup_by(|b, a| b.0.start >= a.0.start && b.0.end <= a.0.end);
    let per_100 = |n: usize| ratio(n * 100, words.max(50));
    let penalty = 0.12 * per_100(r.fillers.len()) + 0.07 * per_100(r.hedges.len());
    r.score = to_score(1.0 - penalty);
    r.note = format!(
        "{} filler(s), {} hedge(s) in {words} words",
        r.fillers.len(),
        r.hedges.len()
    );
    for (label, list) in [("filler", &r.fillers), ("hedge", &r.hedges)] {
        for (range, _) in list {
            r.evidence.push(Evidence {
                label: label.into(),
                start: answer.tokens[range.start].start,
                end: answer.tokens[range.end - 1].end,
            });
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_answer_scores_full() {
        let r = score(&Analyzed::new(
            "I rewrote the deploy script in Go and cut release time from an hour to ten minutes.",
        ));
        assert_eq!(r.score, 100);
    }

    #[test]
    fn fillers_and_hedges_cost_points() {
        let r = score(&Analyzed::new(
            "Um, so basically I think we, you know, maybe fixed it, I guess, sort of.",
        ));
        assert!(r.score < 40, "{} {}", r.score, r.note);
        assert!(r.fillers.len() >= 3, "{:?}", r.fillers);
        assert!(r.hedges.len() >= 3, "{:?}", r.hedges);
        assert!(r.evidence.iter().any(|e| e.label == "filler"));
    }

    #[test]
    fn nested_hedges_count_once() {
        let r = score(&Analyzed::new("I'm not sure about that part."));
        assert_eq!(r.hedges.len(), 1, "{:?}", r.hedges);
        assert_eq!(score(&Analyzed::new("")).score, 0);
    }
}
