//! Specificity: numbers and metrics, named tools and systems, concrete content words, vague words;
//! and "I" versus "we" in behavioral answers.

use super::lexicon::{self, NUMBER_WORDS, VAGUE_WORDS};
use super::text::{Analyzed, find_word_phrases, ratio, to_score};
use crate::domain::{Evidence, QuestionKind};
use std::fmt::Write as _;

/// What specificity found in an answer.
#[derive(Debug, Clone, Default)]
pub struct SpecificityResult {
    /// 0–100.
    pub score: u8,
    /// One line on why.
    pub note: String,
    /// Token indices of numbers and metrics.
    pub metrics: Vec<usize>,
    /// Token indices of named tools, systems and acronyms.
    pub named: Vec<usize>,
    /// Token ranges of vague words.
    pub vague: Vec<std::ops::Range<usize>>,
    /// First-person singular count ("I", "my", "me").
    pub i_count: usize,
    /// First-person plural count ("we", "our", "us").
    pub we_count: usize,
    /// Labelled spans: "metric", "named", "vague".
    pub evidence: Vec<Evidence>,
}

fn is_named(answer: &Analyzed, i: usize, sentence_first: bool) -> bool {
    let t = &answer.tokens[i];
    if t.stop || t.lower == "i" {
        return false;
    }
    let letters = t.lower.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 0 {
        return false;
    }
    // Letters mixed with digits: p99, s3, k8s, ipv6.
    if t.numeric {
        return true;
    }
    if !t.capitalized || sentence_first {
        return false;
    }
    !lexicon::contains(lexicon::COMMON_WORDS, &t.lower)
}

/// Scores specificity of an analyzed answer for `kind`.
pub fn score(kind: QuestionKind, answer: &Analyzed) -> SpecificityResult {
    let mut r = SpecificityResult::default();
    let words = answer.word_count();
    if words == 0 {
        r.note = "nothing to judge".into();
        return r;
    }
    let mut firsts = vec![false; words];
    for s in &answer.sentences {
        firsts[s.tokens.start] = true;
    }
    for (i, t) in answer.tokens.iter().enumerate() {
        let number_word = lexicon::contains(NUMBER_WORDS, &t.lower);
        if (t.numeric && t.lower.chars().any(|c| c.is_ascii_digit())) || number_word {
            r.metrics.push(i);
        } else if is_named(answer, i, firsts[i]) {
            r.named.push(i);
        }
        match t.lower.as_str() {
            "i" | "i'm" | "i've" | "i'd" | "i'll" | "my" | "me" | "myself" => r.i_count += 1,
            "we" | "we're" | "we've" | "we'd" | "our" | "us" | "ourselves" => r.we_count += 1,
            _ => {}
        }
    }
    r.vague = find_word_phrases(&answer.tokens, VAGUE_WORDS)
        .into_iter()
        .map(|(range, _)| range)
        .collect();
    let content = answer.tokens.iter().filter(|t| t.is_content()).count();

    let per = |n: usize, every: usize| ratio(n, 1 + words / every);
    let numbers = per(r.metrics.len(), 100).min(1.0);
    let named = per(r.named.len(), 60).min(1.0);
    let concrete = ((ratio(content, words) - 0.3) / 0.25).clamp(0.0, 1.0);
    let vague_penalty = (ratio(r.vague.len(), words) * 10.0).min(0.3);
    let ownership = if r.i_count + r.we_count == 0 {
        0.5
    } else {
        ratio(r.i_count, r.i_count + r.we_count)
    };
    let raw = match kind {
        QuestionKind::Behavioral => {
            0.3 * numbers + 0.2 * named + 0.2 * concrete + 0.3 * (ownership / 0.6).min(1.0)
        }
        QuestionKind::Technical | QuestionKind::SystemDesign => {
            0.3 * numbers + 0.35 * named + 0.35 * concrete
        }
        QuestionKind::Situational | QuestionKind::Company => {
            0.25 * numbers + 0.35 * named + 0.4 * concrete
        }
        QuestionKind::QuestionsToAsk => 0.1 * numbers + 0.4 * named + 0.5 * concrete,
    };
    // Very short answers cannot be specific however dense they are.
    let length = ratio(words.min(25), 25);
    r.score = to_score((raw - vague_penalty) * (0.4 + 0.6 * length));

    let mut note = format!(
        "{} figure{}, {} named tool{} or system{}",
        r.metrics.len(),
        if r.metrics.len() == 1 { "" } else { "s" },
        r.named.len(),
        if r.named.len() == 1 { "" } else { "s" },
        if r.named.len() == 1 { "" } else { "s" },
    );
    if kind == QuestionKind::Behavioral {
        let _ = write!(note, "; \"I\" {} vs \"we\" {}", r.i_count, r.we_count);
    }
    if !r.vague.is_empty() {
        let _ = write!(note, "; {} vague word(s)", r.vague.len());
    }
    r.note = note;
    for &i in &r.metrics {
        let t = &answer.tokens[i];
        r.evidence.push(Evidence {
            label: "metric".into(),
            start: t.start,
            end: t.end,
        });
    }
    for &i in &r.named {
        let t = &answer.tokens[i];
        r.evidence.push(Evidence {
            label: "named".into(),
            start: t.start,
            end: t.end,
        });
    }
    for range in &r.vague {
        r.evidence.push(Evidence {
            label: "vague".into(),
            start: answer.tokens[range.start].start,
            end: answer.tokens[range.end - 1].end,
        });
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(kind: QuestionKind, text: &str) -> SpecificityResult {
        score(kind, &Analyzed::new(text))
    }

    #[test]
    fn metrics_and_named_systems_make_it_specific() {
        let good = run(
            QuestionKind::Behavioral,
            "I moved our Postgres reads to a Redis cache and I cut p99 latency from 900 ms to 120 ms for 2 million users.",
        );
        assert!(good.score >= 80, "{} {}", good.score, good.note);
        assert!(good.metrics.len() >= 3);
        assert!(good.named.len() >= 2, "{:?}", good.named);
    }

    #[test]
    fn vague_we_answer_is_weak() {
        let weak = run(
            QuestionKind::Behavioral,
            "We did a lot of stuff and various things and we improved it somehow, and we were happy with the things we did.",
        );
        assert!(weak.score < 40, "{} {}", weak.score, weak.note);
        assert!(weak.we_count > weak.i_count);
    }

    #[test]
    fn technical_names_count() {
        let good = run(
            QuestionKind::Technical,
            "TCP uses a three-way handshake with SYN, SYN-ACK and ACK segments before data flows, and retransmits after 200 ms.",
        );
        let weak = run(
            QuestionKind::Technical,
            "It is a protocol that does things in some way for sending.",
        );
        assert!(
            good.score > weak.score + 30,
            "{} vs {}",
            good.score,
            weak.score
        );
    }

    #[test]
    fn empty_and_gibberish() {
        assert_eq!(run(QuestionKind::Technical, "").score, 0);
        assert!(run(QuestionKind::Situational, "asdf").score < 40);
    }
}
