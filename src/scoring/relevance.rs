//! Relevance: talking-point coverage (stemmed evidence phrases) and distinctiveness-weighted overlap
//! with the reference answer; also the topic overlap used to spot off-topic answers.

use super::prepared::{PreparedQuestion, prefix, shares_long_prefix};
use super::text::{Analyzed, ratio, to_score};
use crate::domain::TalkingPointResult;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// Share of the reference's term weight that counts as a complete answer.
const REFERENCE_SHARE_FOR_FULL: f64 = 0.25;
/// Or this many average reference terms, whichever is less (long references list alternatives).
const REFERENCE_TERMS_FOR_FULL: f64 = 16.0;
/// Credit for a reference term the answer only has in another form (a long shared prefix).
const PREFIX_MATCH_CREDIT: f64 = 0.8;
/// Credit for a talking point shown by a single evidence phrase; each further phrase adds the rest.
const SINGLE_EVIDENCE_CREDIT: f64 = 0.7;

/// What relevance found in an answer.
#[derive(Debug, Clone, Default)]
pub struct RelevanceResult {
    /// 0–100.
    pub score: u8,
    /// One line on why.
    pub note: String,
    /// Each talking point, hit or missed.
    pub talking_points: Vec<TalkingPointResult>,
    /// Token ranges where a talking point's evidence was found, with the point's index.
    pub point_spans: Vec<(usize, Range<usize>)>,
    /// Talking-point coverage 0–1, if the question has talking points.
    pub point_coverage: Option<f64>,
    /// Reference coverage 0–1, if the question has a reference answer.
    pub reference_coverage: Option<f64>,
    /// Distinct content stems in the answer.
    pub answer_terms: usize,
    /// How many of them belong to the question's topic (everyday words excluded).
    pub topic_terms: usize,
    /// Share of the prompt's content stems that the answer repeats.
    pub prompt_coverage: f64,
    /// Distinct content stems of the answer that are not in the prompt.
    pub novel_terms: usize,
    /// How many of those belong to the topic beyond the prompt (reference, talking points, guidance).
    pub novel_topic_terms: usize,
}

/// Scores relevance of an analyzed answer.
pub fn score(q: &PreparedQuestion, answer: &Analyzed) -> RelevanceResult {
    let mut result = RelevanceResult::default();
    let answer_stems: BTreeSet<&str> = answer.content_stems().collect();
    result.answer_terms = answer_stems.len();
    result.topic_terms = answer_stems
        .iter()
        .filter(|s| q.topic_terms.contains(**s) && !PreparedQuestion::is_common(s))
        .count();
    let repeated = q
        .prompt_terms
        .iter()
        .filter(|t| answer_stems.contains(t.as_str()))
        .count();
    result.prompt_coverage = ratio(repeated, q.prompt_terms.len());
    result.novel_terms = answer_stems
        .iter()
        .filter(|s| !q.prompt_terms.contains(**s))
        .count();
    result.novel_topic_terms = answer_stems
        .iter()
        .filter(|s| !q.prompt_terms.contains(**s) && q.topic_terms.contains(**s))
        .count();

    if !q.points.is_empty() {
        let mut credit = 0.0;
        for (i, p) in q.points.iter().enumerate() {
            let mut matched = Vec::new();
            for e in &p.evidence {
                if let Some(range) = e.find(&answer.tokens) {
                    matched.push(e.text.clone());
                    result.point_spans.push((i, range));
                }
            }
            if !matched.is_empty() {
                credit += (SINGLE_EVIDENCE_CREDIT
                    + (1.0 - SINGLE_EVIDENCE_CREDIT) * ratio(matched.len() - 1, 1))
                .min(1.0);
            }
            result.talking_points.push(TalkingPointResult {
                point: p.point.clone(),
                hit: !matched.is_empty(),
                matched,
            });
        }
        result.point_coverage = Some(credit / ratio(q.points.len(), 1));
    }

    if q.reference_weight > 0.0 {
        let matched = reference_credit(q, &answer_stems);
        let mean = q.reference_weight / ratio(q.reference_terms.len(), 1);
        let full = (REFERENCE_SHARE_FOR_FULL * q.reference_weight)
            .min(REFERENCE_TERMS_FOR_FULL * mean)
            .max(f64::EPSILON);
        result.reference_coverage = Some((matched / full).min(1.0));
    }

    let combined = match (result.point_coverage, result.reference_coverage) {
        (Some(p), Some(r)) => 0.5 * p + 0.5 * r,
        (Some(p), None) => p,
        (None, Some(r)) => r,
        (None, None) => {
            // Only the prompt to go on: on-topic words, more than restating it.
            let topical = ratio(result.topic_terms, result.answer_terms.max(1));
            (0.5 * (result.prompt_coverage / 0.5).min(1.0) + 0.5 * (topical / 0.3).min(1.0))
                .min(1.0)
        }
    };
    result.score = to_score(combined);
    let hits = result.talking_points.iter().filter(|t| t.hit).count();
    result.note = match (result.point_coverage, result.reference_coverage) {
        (Some(_), Some(r)) => format!(
            "{hits} of {} talking points; {:.0}% of the reference's key content",
            q.points.len(),
            r * 100.0
        ),
        (Some(_), None) => format!("{hits} of {} talking points", q.points.len()),
        (None, Some(r)) => format!("{:.0}% of the reference's key content", r * 100.0),
        (None, None) => format!(
            "{} of {} words on the question's topic",
            result.topic_terms, result.answer_terms
        ),
    };
    result
}

/// The reference term weight an answer covers: full weight for a term it uses, most of it for a
/// term it has in another form (a long shared prefix).
fn reference_credit(q: &PreparedQuestion, answer_stems: &BTreeSet<&str>) -> f64 {
    let mut credit: BTreeMap<&str, f64> = BTreeMap::new();
    for s in answer_stems {
        if let Some((term, _)) = q.reference_terms.get_key_value(*s) {
            credit.insert(term.as_str(), 1.0);
            continue;
        }
        let Some(candidates) = prefix(s).and_then(|p| q.reference_prefixes.get(p)) else {
            continue;
        };
        for term in candidates.iter().filter(|t| shares_long_prefix(t, s)) {
            let c = credit.entry(term.as_str()).or_insert(0.0);
            *c = c.max(PREFIX_MATCH_CREDIT);
        }
    }
    credit
        .iter()
        .map(|(t, c)| c * q.reference_terms.get(*t).copied().unwrap_or(0.0))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{QuestionKind, TalkingPoint};
    use crate::scoring::{QuestionContext, TermStats};

    fn question() -> PreparedQuestion {
        let mut c = QuestionContext::new(
            QuestionKind::Technical,
            "What is the difference between a process and a thread?",
        );
        c.talking_points = vec![
            TalkingPoint {
                point: "Threads share memory, processes do not".into(),
                evidence: vec!["share memory".into(), "address space".into()],
            },
            TalkingPoint {
                point: "Context switches cost differs".into(),
                evidence: vec!["context switch".into(), "cheaper".into()],
            },
        ];
        c.reference_answer = Some("A process has its own address space; threads inside a process share memory and are cheaper to create and to context switch.".into());
        PreparedQuestion::new(&c, &TermStats::default())
    }

    #[test]
    fn good_answer_covers_points_and_reference() {
        let q = question();
        let a = Analyzed::new(
            "Each process gets its own address space, while threads of one process share memory. Switching threads is cheaper because the context switch keeps the address space.",
        );
        let r = score(&q, &a);
        assert!(r.talking_points.iter().all(|t| t.hit), "{r:?}");
        assert!(r.score >= 80, "{}", r.score);
    }

    #[test]
    fn weak_answer_scores_lower_than_good() {
        let q = question();
        let weak = score(&q, &Analyzed::new("A thread is smaller than a process."));
        assert!(weak.score < 50, "{}", weak.score);
    }

    #[test]
    fn off_topic_and_empty_score_near_zero() {
        let q = question();
        let off = score(
            &q,
            &Analyzed::new("I enjoy hiking with my dog on sunny weekends."),
        );
        assert!(off.score <= 5, "{}", off.score);
        assert_eq!(off.topic_terms, 0);
        assert_eq!(score(&q, &Analyzed::new("")).score, 0);
    }

    #[test]
    fn pasted_question_repeats_the_prompt() {
        let q = question();
        let r = score(
            &q,
            &Analyzed::new("What is the difference between a process and a thread?"),
        );
        assert!(r.prompt_coverage > 0.9);
        assert_eq!(r.novel_terms, 0);
    }

    #[test]
    fn another_form_of_a_reference_word_earns_most_of_its_credit() {
        let mut c = QuestionContext::new(QuestionKind::Technical, "Why do networks slow down?");
        c.reference_answer =
            Some("Congestion: routers drop packets and senders retransmit.".into());
        let q = PreparedQuestion::new(&c, &TermStats::default());
        let exact = score(
            &q,
            &Analyzed::new("Routers drop packets; senders retransmit."),
        );
        let other = score(
            &q,
            &Analyzed::new("Routers drop packets; senders need retransmission."),
        );
        let none = score(&q, &Analyzed::new("Cables are sometimes faulty."));
        let (e, o) = (
            exact.reference_coverage.unwrap_or(0.0),
            other.reference_coverage.unwrap_or(0.0),
        );
        assert!(o > 0.5 * e && o <= e, "{o} vs {e}");
        assert!(none.reference_coverage.unwrap_or(1.0) < 0.01);
    }
}
