//! Feedback: strengths and improvements, each tied to a quote from the answer or a missed talking point,
//! and an outline that reorders what the user said into the kind's shape without inventing facts.

use super::concision::ConcisionResult;
use super::delivery::DeliveryResult;
use super::gate::Junk;
use super::relevance::RelevanceResult;
use super::specificity::SpecificityResult;
use super::structure::{StructureResult, moves};
use super::text::{Analyzed, quote};
use crate::domain::{FeedbackItem, QuestionKind};

/// Longest quote shown, in characters.
const QUOTE_CHARS: usize = 140;
/// At most this many strengths.
const MAX_STRENGTHS: usize = 3;
/// At most this many improvements.
const MAX_IMPROVEMENTS: usize = 5;

/// Everything the dimensions found, for writing feedback.
pub struct Findings<'a> {
    /// The question's kind.
    pub kind: QuestionKind,
    /// The answer text.
    pub text: &'a str,
    /// The analyzed answer.
    pub answer: &'a Analyzed,
    /// Relevance findings.
    pub relevance: &'a RelevanceResult,
    /// Structure findings.
    pub structure: &'a StructureResult,
    /// Specificity findings.
    pub specificity: &'a SpecificityResult,
    /// Concision findings.
    pub concision: &'a ConcisionResult,
    /// Delivery findings.
    pub delivery: &'a DeliveryResult,
    /// Why the answer was capped, if it was.
    pub junk: Option<Junk>,
    /// The total the answer was held to because it covers too little of the question, if it was.
    pub held_to: Option<u8>,
}

impl Findings<'_> {
    fn sentence_of_token(&self, token: usize) -> Option<usize> {
        self.answer
            .sentences
            .iter()
            .position(|s| s.tokens.contains(&token))
    }

    fn quote_sentence(&self, sentence: usize) -> String {
        let s = &self.answer.sentences[sentence];
        quote(self.text, s.start, s.end, QUOTE_CHARS)
    }

    fn quote_token(&self, token: usize) -> Option<String> {
        self.sentence_of_token(token)
            .map(|s| self.quote_sentence(s))
    }

    fn first_sentence_with_move(&self, m: usize) -> Option<usize> {
        self.structure
            .sentence_moves
            .iter()
            .position(|x| *x == Some(m))
    }
}

fn item(text: impl Into<String>, quote: Option<String>, point: Option<String>) -> FeedbackItem {
    FeedbackItem {
        text: text.into(),
        quote,
        talking_point: point,
    }
}

/// What went well: covered talking points, figures, shape, ownership.
pub fn strengths(f: &Findings<'_>) -> Vec<FeedbackItem> {
    let mut out = Vec::new();
    if f.junk.is_some() {
        return out;
    }
    let mut quoted_points = 0;
    for (point, range) in &f.relevance.point_spans {
        if quoted_points == 2 {
            break;
        }
        let already = out.iter().any(|i: &FeedbackItem| {
            i.talking_point.as_deref() == Some(&f.relevance.talking_points[*point].point)
        });
        if already {
            continue;
        }
        let tp = &f.relevance.talking_points[*point];
        out.push(item(
            format!("You made the point: {}.", tp.point.trim_end_matches('.')),
            f.quote_token(range.start),
            Some(tp.point.clone()),
        ));
        quoted_points += 1;
    }
    if let Some(&first) = f.specificity.metrics.first() {
        out.push(item(
            "You backed it with a concrete figure.",
            f.quote_token(first),
            None,
        ));
    }
    let all = moves(f.kind);
    if f.structure.score >= 80
        && let Some(&last) = f.structure.present.last()
    {
        out.push(item(
            format!(
                "Clear shape: {}.",
                f.structure
                    .present
                    .iter()
                    .map(|m| all[*m].name)
                    .collect::<Vec<_>>()
                    .join(" → ")
            ),
            f.first_sentence_with_move(last)
                .map(|s| f.quote_sentence(s)),
            None,
        ));
    }
    if f.kind == QuestionKind::Behavioral
        && f.specificity.i_count > f.specificity.we_count
        && f.specificity.i_count > 0
    {
        let first_i = f.answer.tokens.iter().position(|t| t.lower == "i");
        out.push(item(
            "You made your own part clear by speaking as \"I\".",
            first_i.and_then(|i| f.quote_token(i)),
            None,
        ));
    }
    if out.is_empty() && f.relevance.reference_coverage.is_some_and(|c| c >= 0.5) {
        out.push(item(
            "You covered much of the key content.",
            f.answer.sentences.first().map(|_| f.quote_sentence(0)),
            None,
        ));
    }
    out.truncate(MAX_STRENGTHS);
    out
}

/// The improvements that come first: why the answer was capped or held, then missed talking points.
fn first_improvements(f: &Findings<'_>) -> Vec<FeedbackItem> {
    let mut out = Vec::new();
    if let Some(junk) = f.junk {
        out.push(item(junk.message(), None, None));
    }
    if let Some(cap) = f.held_to {
        out.push(item(
            format!(
                "Answer the question that was asked: this covers little of what it is after \
                 (relevance {}), so the total is held to {cap} however well it is told.",
                f.relevance.score
            ),
            (!f.answer.sentences.is_empty()).then(|| f.quote_sentence(0)),
            None,
        ));
    }
    for tp in f.relevance.talking_points.iter().filter(|t| !t.hit).take(2) {
        out.push(item(
            format!("Cover this point: {}.", tp.point.trim_end_matches('.')),
            None,
            Some(tp.point.clone()),
        ));
    }
    out
}

/// What to do better: the junk reason, missed points, missing parts, vagueness, length, wording.
pub fn improvements(f: &Findings<'_>) -> Vec<FeedbackItem> {
    let mut out = first_improvements(f);
    if f.junk.is_some() {
        out.truncate(MAX_IMPROVEMENTS);
        return out;
    }
    let all = moves(f.kind);
    let last_sentence = f.answer.sentences.len().checked_sub(1);
    for (i, m) in all.iter().enumerate() {
        if !f.structure.present.contains(&i) && m.weight >= 0.2 {
            out.push(item(
                format!("Add the {}: {}.", m.name.to_lowercase(), m.hint),
                last_sentence.map(|s| f.quote_sentence(s)),
                None,
            ));
            break;
        }
    }
    if f.specificity.metrics.is_empty() && f.kind != QuestionKind::QuestionsToAsk {
        let anchor = f
            .structure
            .present
            .last()
            .and_then(|m| f.first_sentence_with_move(*m))
            .or(last_sentence);
        out.push(item(
            "Add a number: a size, a duration, a before/after figure.",
            anchor.map(|s| f.quote_sentence(s)),
            None,
        ));
    }
    if f.kind == QuestionKind::Behavioral && f.specificity.we_count > f.specificity.i_count {
        let first_we = f.answer.tokens.iter().position(|t| t.lower == "we");
        out.push(item(
            "Say what you did yourself: use \"I\" for your own actions, \"we\" only for the team's.",
            first_we.and_then(|i| f.quote_token(i)),
            None,
        ));
    }
    if let Some(range) = f.specificity.vague.first() {
        out.push(item(
            "Replace vague words with the actual thing.",
            f.quote_token(range.start),
            None,
        ));
    }
    let ratio = super::text::count(f.concision.words) / f64::from(f.concision.target.max(1));
    if ratio > 1.5 {
        let longest =
            (0..f.answer.sentences.len()).max_by_key(|s| f.answer.sentences[*s].tokens.len());
        out.push(item(
            format!(
                "Tighten it: {} words against about {}; cut detail that does not serve the point.",
                f.concision.words, f.concision.target
            ),
            longest.map(|s| f.quote_sentence(s)),
            None,
        ));
    } else if ratio < 0.5 {
        out.push(item(
            format!(
                "Say more: {} words against about {}; explain the why and the how.",
                f.concision.words, f.concision.target
            ),
            last_sentence.map(|s| f.quote_sentence(s)),
            None,
        ));
    } else if let Some(&s) = f.concision.long_sentences.first() {
        out.push(item(
            "Split this long sentence.",
            Some(f.quote_sentence(s)),
            None,
        ));
    }
    if let Some((range, word)) = f.delivery.fillers.first() {
        out.push(item(
            format!("Drop fillers like \"{word}\"."),
            f.quote_token(range.start),
            None,
        ));
    }
    if let Some((range, word)) = f.delivery.hedges.first() {
        out.push(item(
            format!("State it with confidence; drop hedges like \"{word}\"."),
            f.quote_token(range.start),
            None,
        ));
    }
    out.truncate(MAX_IMPROVEMENTS);
    out
}

/// The answer reordered into the kind's shape: each part quotes what the user said for it, or says
/// what to add there. Nothing is invented.
pub fn outline(f: &Findings<'_>) -> Vec<String> {
    let all = moves(f.kind);
    all.iter()
        .enumerate()
        .map(|(i, m)| {
            let said: Vec<String> = if f.junk.is_some() {
                Vec::new()
            } else {
                f.structure
                    .sentence_moves
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| **x == Some(i))
                    .take(2)
                    .map(|(s, _)| format!("\"{}\"", f.quote_sentence(s)))
                    .collect()
            };
            if said.is_empty() {
                format!("{}: (add) {}", m.name, m.hint)
            } else {
                format!("{}: {}", m.name, said.join(" "))
            }
        })
        .collect()
}
