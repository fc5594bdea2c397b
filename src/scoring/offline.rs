//! The offline rubric scorer: runs every dimension, weights them per question kind, gates junk, and
//! writes the feedback. Deterministic and network-free.

use super::feedback::{self, Findings};
use super::prepared::{PreparedQuestion, TermStats};
use super::text::Analyzed;
use super::{
    QuestionContext, Scorer, concision, delivery, gate, relevance, specificity, structure,
};
use crate::domain::{Dimension, DimensionScore, QuestionKind, ScoreReport, ScorerId};

/// Dimension weights for a kind, in [`Dimension::ALL`] order; each row sums to 1.
pub fn weights(kind: QuestionKind) -> [f32; 5] {
    match kind {
        QuestionKind::Behavioral => [0.35, 0.25, 0.2, 0.1, 0.1],
        QuestionKind::Technical => [0.7, 0.05, 0.1, 0.05, 0.1],
        QuestionKind::SystemDesign | QuestionKind::Situational => [0.4, 0.3, 0.1, 0.1, 0.1],
        QuestionKind::Company => [0.4, 0.25, 0.15, 0.1, 0.1],
        // a question to ask is judged first on being on point; being phrased as a question
        // matters, but less than for a story's shape
        QuestionKind::QuestionsToAsk => [0.5, 0.2, 0.1, 0.1, 0.1],
    }
}

/// Technical weights when a reference answer exists: correctness against the reference decides the
/// total. Structure, specificity and concision are still scored and fed back but not counted: on
/// expert-graded short answers even a 1% weight each lowered agreement (they reorder answers that
/// cover the reference equally well); delivery keeps a small weight.
const TECHNICAL_WITH_REFERENCE: [f32; 5] = [0.98, 0.0, 0.0, 0.0, 0.02];

/// The weights for a question: [`weights`] of its kind, except that a technical question with a
/// reference answer is judged almost entirely on covering that reference.
pub fn weights_for(kind: QuestionKind, has_reference: bool) -> [f32; 5] {
    if kind == QuestionKind::Technical && has_reference {
        TECHNICAL_WITH_REFERENCE
    } else {
        weights(kind)
    }
}

/// How far a total may rise above the relevance score. A polished, well-shaped answer to a different
/// question is still an answer that misses the point: it should not score like a decent on-topic one.
/// (A technical answer with a reference is judged on relevance alone, so this never binds there.)
pub const RELEVANCE_HEADROOM: u8 = 20;

/// The most an answer with this relevance can score, if that is below 100.
pub fn relevance_ceiling(relevance: u8) -> Option<u8> {
    let cap = relevance.saturating_add(RELEVANCE_HEADROOM);
    (cap < 100).then_some(cap)
}

/// One dimension's raw result, before weighting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DimensionResult {
    /// Which dimension.
    pub dimension: Dimension,
    /// 0–100.
    pub score: u8,
    /// Why.
    pub note: String,
}

/// The offline scorer. Holds the corpus statistics that weight terms by how distinctive they are.
#[derive(Debug, Clone, Default)]
pub struct OfflineScorer {
    stats: TermStats,
}

impl OfflineScorer {
    /// A scorer with no corpus: every content term weighs the same, everyday words less.
    pub fn new() -> Self {
        Self::default()
    }

    /// A scorer whose term weights come from `stats` (e.g. the bank's or the batch's questions).
    pub fn with_stats(stats: TermStats) -> Self {
        Self { stats }
    }

    /// A scorer with term statistics from these questions.
    pub fn for_questions<'a>(questions: impl IntoIterator<Item = &'a QuestionContext>) -> Self {
        Self::with_stats(TermStats::from_questions(questions))
    }

    /// Does the per-question work once; score many answers with [`Self::score_prepared`].
    pub fn prepare(&self, question: &QuestionContext) -> PreparedQuestion {
        PreparedQuestion::new(question, &self.stats)
    }

    /// Scores `answer` against a prepared question.
    pub fn score_prepared(&self, q: &PreparedQuestion, answer: &str) -> ScoreReport {
        let kind = q.context.kind;
        let analyzed = Analyzed::new(answer);
        let rel = relevance::score(q, &analyzed);
        let st = structure::score(kind, answer, &analyzed);
        let sp = specificity::score(kind, &analyzed);
        let co = concision::score(&analyzed, q.target_words);
        let de = delivery::score(&analyzed);
        let junk = gate::check(&analyzed, &rel);

        let w = weights_for(kind, q.reference_weight > 0.0);
        let raw = [
            (rel.score, rel.note.clone()),
            (st.score, st.note.clone()),
            (sp.score, sp.note.clone()),
            (co.score, co.note.clone()),
            (de.score, de.note.clone()),
        ];
        let dimensions = weigh(raw, w, junk);
        let total = ScoreReport::weighted_total(&dimensions);
        let total = junk.map_or(total, |j| total.min(j.cap()));
        let held_to = relevance_ceiling(rel.score).filter(|cap| junk.is_none() && total > *cap);
        let total = held_to.unwrap_or(total);

        let mut evidence = st.evidence.clone();
        if junk.is_none() {
            evidence.extend(sp.evidence.iter().cloned());
        }
        evidence.extend(de.evidence.iter().cloned());
        evidence.sort_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));

        let findings = Findings {
            kind,
            text: answer,
            answer: &analyzed,
            relevance: &rel,
            structure: &st,
            specificity: &sp,
            concision: &co,
            delivery: &de,
            junk,
            held_to,
        };
        ScoreReport {
            total,
            dimensions,
            evidence,
            talking_points: rel.talking_points.clone(),
            strengths: feedback::strengths(&findings),
            improvements: feedback::improvements(&findings),
            outline: feedback::outline(&findings),
            scorer: ScorerId::Offline,
        }
    }
}

/// The dimension scores with their weights; every score capped (and its note replaced) for junk.
fn weigh(
    raw: [(u8, String); 5],
    weights: [f32; 5],
    junk: Option<gate::Junk>,
) -> Vec<DimensionScore> {
    Dimension::ALL
        .iter()
        .zip(raw)
        .zip(weights)
        .map(|((dimension, (score, note)), weight)| match junk {
            Some(j) => DimensionScore {
                dimension: *dimension,
                score: score.min(j.cap()),
                weight,
                note: format!("capped: {}", j.message()),
            },
            None => DimensionScore {
                dimension: *dimension,
                score,
                weight,
                note,
            },
        })
        .collect()
}

impl Scorer for OfflineScorer {
    fn score(&self, question: &QuestionContext, answer: &str) -> ScoreReport {
        self.score_prepared(&self.prepare(question), answer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::TalkingPoint;

    fn weights_sum_to_one() {
        for k in QuestionKind::ALL {
            for has_reference in [false, true] {
                let s: f32 = weights_for(k, has_reference).iter().sum();
                assert!((s - 1.0).abs() < 1e-6, "{k:?} {s}");
            }
        }
    }

    #[test]
    fn every_kind_has_weights_summing_to_one() {
        weights_sum_to_one();
    }

    fn behavioral() -> QuestionContext {
        let mut q = QuestionContext::new(
            QuestionKind::Behavioral,
            "Tell me about a time you fixed a production incident under pressure.",
        );
        q.talking_points = vec![
            TalkingPoint {
                point: "Stabilised first, then found the root cause".into(),
                evidence: vec!["rollback".into(), "root cause".into(), "mitigate".into()],
            },
            TalkingPoint {
                point: "Communicated with stakeholders".into(),
                evidence: vec![
                    "status page".into(),
                    "updated".into(),
                    "stakeholders".into(),
                ],
            },
            TalkingPoint {
                point: "Prevented a repeat".into(),
                evidence: vec!["postmortem".into(), "alert".into(), "runbook".into()],
            },
        ];
        q
    }

    const GOOD: &str = "At my last company our payments API started failing at 2 a.m. during a sale. \
        I was the on-call engineer, so I had to restore checkout quickly. \
        I rolled back the morning's deploy within 10 minutes and updated the status page every 15 minutes for stakeholders. \
        Then I traced the root cause to a connection pool limit and I raised it after a load test. \
        As a result we lost under 0.5% of orders, and I wrote the postmortem and added an alert on pool saturation.";

    #[test]
    fn good_behavioral_answer_scores_high_with_feedback() {
        let s = OfflineScorer::new();
        let r = s.score(&behavioral(), GOOD);
        assert!(r.total >= 75, "{r:#?}");
        assert!(r.talking_points.iter().all(|t| t.hit));
        assert!(!r.strengths.is_empty());
        assert!(
            r.strengths
                .iter()
                .all(|i| i.quote.is_some() || i.talking_point.is_some())
        );
        assert!(r.evidence.iter().any(|e| e.label == "result"));
        assert_eq!(r.outline.len(), 4);
        assert!(r.outline[3].contains("As a result"), "{:?}", r.outline);
    }

    #[test]
    fn weak_answer_scores_below_good_and_gets_improvements() {
        let s = OfflineScorer::new();
        let weak = s.score(
            &behavioral(),
            "We had an incident once and we fixed it, basically. It was stressful but fine.",
        );
        let good = s.score(&behavioral(), GOOD);
        assert!(
            weak.total + 30 <= good.total,
            "{} vs {}",
            weak.total,
            good.total
        );
        assert!(weak.improvements.iter().any(|i| i.talking_point.is_some()));
        assert!(
            weak.improvements
                .iter()
                .all(|i| i.quote.is_some() || i.talking_point.is_some())
        );
    }

    #[test]
    fn junk_is_capped_for_every_kind() {
        let s = OfflineScorer::new();
        for kind in QuestionKind::ALL {
            let mut q = behavioral();
            q.kind = kind;
            let long_off = "My favourite pizza has pineapple and olives, and on weekends I like hiking in the mountains with my dog and my friends. ".repeat(5);
            for answer in [
                "",
                "asdf qwer zxcv hjkl asdfgh",
                &"lorem ".repeat(300),
                q.prompt.as_str(),
                long_off.as_str(),
            ] {
                let r = s.score(&q, answer);
                assert!(r.total <= 15, "{kind:?} {answer:.40}: {}", r.total);
            }
        }
    }

    /// A well-told story with figures, "I" and a result, about something the question did not ask.
    const OTHER_STORY: &str = "In my last role I led the migration of our billing service to a new database. \
        The situation was that billing outages happened every week. \
        I planned the cutover, wrote a dual-write layer and ran shadow reads for two weeks. \
        As a result, billing errors dropped by 80% and latency fell from 300 ms to 120 ms.";

    fn conflict() -> QuestionContext {
        let mut q = QuestionContext::new(
            QuestionKind::Behavioral,
            "Tell me about a colleague you found hard to work with. What made it hard, and what did you do?",
        );
        let point = |p: &str, e: &[&str]| TalkingPoint {
            point: p.into(),
            evidence: e.iter().map(|x| (*x).into()).collect(),
        };
        q.talking_points = vec![
            point(
                "Described their behaviour fairly",
                &["behaviour", "without blame", "fair"],
            ),
            point(
                "Tried to understand their side",
                &["their side", "listened", "asked why"],
            ),
            point(
                "Changed how the two of them worked",
                &["agreed", "one to one", "working agreement"],
            ),
            point(
                "A concrete outcome",
                &["as a result", "relationship", "outcome"],
            ),
        ];
        q
    }

    #[test]
    fn a_polished_answer_to_another_question_is_held_near_its_relevance() {
        let s = OfflineScorer::new();
        let r = s.score(&conflict(), OTHER_STORY);
        let relevance = r.dimensions[0].score;
        assert!(relevance < 30, "{r:#?}");
        assert!(r.total <= relevance + RELEVANCE_HEADROOM, "{r:#?}");
        assert!(r.total <= 50, "{}", r.total);
        let first = &r.improvements[0];
        assert!(first.text.starts_with("Answer the question"), "{first:?}");
        assert!(
            first
                .quote
                .as_deref()
                .is_some_and(|q| q.contains("billing service"))
        );
    }

    #[test]
    fn an_on_topic_answer_is_not_held() {
        let s = OfflineScorer::new();
        let r = s.score(&behavioral(), GOOD);
        assert!(
            r.improvements
                .iter()
                .all(|i| !i.text.starts_with("Answer the question")),
            "{:?}",
            r.improvements
        );
    }

    #[test]
    fn the_ceiling_is_relevance_plus_headroom_below_100() {
        assert_eq!(relevance_ceiling(17), Some(17 + RELEVANCE_HEADROOM));
        assert_eq!(relevance_ceiling(0), Some(RELEVANCE_HEADROOM));
        assert_eq!(relevance_ceiling(100 - RELEVANCE_HEADROOM), None);
        assert_eq!(relevance_ceiling(100), None);
    }

    #[test]
    fn scoring_is_deterministic() {
        let s = OfflineScorer::new();
        let a = s.score(&behavioral(), GOOD);
        let b = s.score(&behavioral(), GOOD);
        assert_eq!(a, b);
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            serde_json::to_string(&b).unwrap()
        );
    }
}
