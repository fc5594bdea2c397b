//! The results of a practice session: overall and per-category scores, time per question,
//! the weakest dimensions, next steps and which answers to retry.

use crate::bank::Bank;
use crate::domain::{Attempt, Dimension, QuestionKind};
use crate::practice::answer::rounded_mean;
use std::collections::{BTreeMap, BTreeSet};

/// One answered question's line in the results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnsweredRow {
    /// The question id.
    pub question_id: String,
    /// Its category.
    pub category: String,
    /// The score, absent when skipped.
    pub total: Option<u8>,
    /// Seconds taken.
    pub secs: u32,
    /// Whether it ran over time.
    pub overtime: bool,
}

/// Everything the results screen shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResultsSummary {
    /// Mean of the scored answers.
    pub overall: Option<u8>,
    /// One row per question, in order.
    pub rows: Vec<AnsweredRow>,
    /// (category, mean score, answers), weakest first.
    pub per_category: Vec<(String, u8, usize)>,
    /// (dimension, mean score), weakest first.
    pub dimensions: Vec<(Dimension, u8)>,
    /// Concrete next steps.
    pub next_steps: Vec<String>,
    /// Question ids scoring under 70, weakest first (at most three).
    pub weakest: Vec<String>,
}

/// The shape to aim for, for the kinds of question a session asked.
fn shape_advice(kinds: &BTreeSet<QuestionKind>) -> &'static str {
    let only = |k: QuestionKind| kinds.len() == 1 && kinds.contains(&k);
    if only(QuestionKind::Behavioral) {
        "give stories a visible shape: situation, task, action, result"
    } else if only(QuestionKind::Technical) {
        "give answers a visible shape: a one-line definition, how it works, an example, the trade-offs"
    } else if only(QuestionKind::SystemDesign) {
        "walk the design in order: requirements, estimates, components, data, scaling, trade-offs"
    } else if only(QuestionKind::Situational) {
        "clarify the situation, weigh the options, say what you would decide and how you would follow up"
    } else {
        "give answers a visible shape: situation, task, action, result for stories; definition, \
         mechanism, example and trade-offs for technical answers"
    }
}

fn advice(d: Dimension, kinds: &BTreeSet<QuestionKind>) -> &'static str {
    match d {
        Dimension::Relevance => {
            "answer the question asked and cover its talking points (read them in Browse)"
        }
        Dimension::Structure => shape_advice(kinds),
        Dimension::Specificity => {
            "add numbers, names of tools and systems, and say what you did yourself"
        }
        Dimension::Concision => {
            "lead with the headline and cut repetition; aim for the target length"
        }
        Dimension::Delivery => "drop fillers and hedges (\"basically\", \"I think maybe\")",
    }
}

impl ResultsSummary {
    /// Summarises a session's attempts.
    pub fn of(bank: &Bank, attempts: &[Attempt]) -> Self {
        let rows: Vec<AnsweredRow> = attempts
            .iter()
            .map(|a| AnsweredRow {
                question_id: a.question_id.clone(),
                category: bank
                    .question(&a.question_id)
                    .map_or_else(|| "unknown".into(), |q| q.category.clone()),
                total: a.total(),
                secs: a.duration_secs,
                overtime: a.overtime,
            })
            .collect();
        let mut by_category: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for r in &rows {
            if let Some(t) = r.total {
                by_category
                    .entry(r.category.as_str())
                    .or_default()
                    .push(u32::from(t));
            }
        }
        let mut per_category: Vec<(String, u8, usize)> = by_category
            .into_iter()
            .filter_map(|(c, v)| rounded_mean(&v).map(|m| (c.to_string(), m, v.len())))
            .collect();
        per_category.sort_by_key(|(c, m, _)| (*m, c.clone()));
        let mut dims: BTreeMap<Dimension, Vec<u32>> = BTreeMap::new();
        for report in attempts.iter().filter_map(|a| a.score.as_ref()) {
            for d in &report.dimensions {
                dims.entry(d.dimension)
                    .or_default()
                    .push(u32::from(d.score));
            }
        }
        let mut dimensions: Vec<(Dimension, u8)> = dims
            .into_iter()
            .filter_map(|(d, v)| rounded_mean(&v).map(|m| (d, m)))
            .collect();
        dimensions.sort_by_key(|(d, m)| (*m, *d));
        let mut weak: Vec<&AnsweredRow> = rows
            .iter()
            .filter(|r| r.total.is_some_and(|t| t < 70))
            .collect();
        weak.sort_by_key(|r| r.total);
        let weakest: Vec<String> = weak.iter().take(3).map(|r| r.question_id.clone()).collect();
        let mut next_steps = Vec::new();
        if let Some((d, m)) = dimensions.first().filter(|(_, m)| *m < 75) {
            let kinds: BTreeSet<QuestionKind> = attempts
                .iter()
                .filter_map(|a| bank.question(&a.question_id).map(|q| q.kind))
                .collect();
            next_steps.push(format!(
                "{} averaged {m}: {}.",
                d.label(),
                advice(*d, &kinds)
            ));
        }
        if let Some((c, m, _)) = per_category.first().filter(|(_, m, _)| *m < 70) {
            next_steps.push(format!(
                "Practise more {} questions (averaged {m}).",
                c.replace('_', " ")
            ));
        }
        if !weakest.is_empty() {
            next_steps.push(format!(
                "Retry your {} weakest answer{} now while the feedback is fresh (press r).",
                weakest.len(),
                if weakest.len() == 1 { "" } else { "s" }
            ));
        }
        if rows.iter().any(|r| r.overtime) {
            next_steps.push(
                "Some answers ran over time: rehearse a 2-minute version of your stories.".into(),
            );
        }
        if next_steps.is_empty() && rows.iter().any(|r| r.total.is_some()) {
            next_steps
                .push("Strong session. Try harder questions or a mock interview next.".into());
        }
        Self {
            overall: crate::practice::answer::session_total(attempts),
            rows,
            per_category,
            dimensions,
            next_steps,
            weakest,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(list: &[QuestionKind]) -> BTreeSet<QuestionKind> {
        list.iter().copied().collect()
    }

    #[test]
    fn shape_advice_fits_the_kinds_asked() {
        assert!(shape_advice(&kinds(&[QuestionKind::Behavioral])).contains("situation, task"));
        let technical = shape_advice(&kinds(&[QuestionKind::Technical]));
        assert!(technical.contains("trade-offs") && !technical.contains("situation"));
        assert!(shape_advice(&kinds(&[QuestionKind::SystemDesign])).contains("requirements"));
        let mixed = shape_advice(&kinds(&[QuestionKind::Behavioral, QuestionKind::Technical]));
        assert!(mixed.contains("stories") && mixed.contains("technical"));
        assert_eq!(
            advice(Dimension::Structure, &kinds(&[QuestionKind::Technical])),
            technical
        );
    }
}
