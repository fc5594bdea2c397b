//! Concision: length against the question's target, rambling sentences and repetition.

use super::text::{Analyzed, count, ratio, to_score};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Sentences longer than this many words read as rambling.
const LONG_SENTENCE_WORDS: usize = 40;

/// What concision found in an answer.
#[derive(Debug, Clone, Default)]
pub struct ConcisionResult {
    /// 0–100.
    pub score: u8,
    /// One line on why.
    pub note: String,
    /// Words in the answer.
    pub words: usize,
    /// The target length in words.
    pub target: u32,
    /// Indices of sentences longer than [`LONG_SENTENCE_WORDS`].
    pub long_sentences: Vec<usize>,
    /// Share of content-word trigrams that repeat an earlier one.
    pub repetition: f64,
}

/// Scores concision of an analyzed answer against `target` words.
pub fn score(answer: &Analyzed, target: u32) -> ConcisionResult {
    let words = answer.word_count();
    let mut r = ConcisionResult {
        words,
        target,
        ..ConcisionResult::default()
    };
    if words == 0 {
        r.note = "empty".into();
        return r;
    }
    let ratio_to_target = count(words) / f64::from(target.max(1));
    let length = if ratio_to_target < 0.5 {
        ratio_to_target / 0.5
    } else if ratio_to_target <= 1.5 {
        1.0
    } else {
        (1.0 - 0.4 * (ratio_to_target - 1.5)).max(0.2)
    };
    for (i, s) in answer.sentences.iter().enumerate() {
        if s.tokens.len() > LONG_SENTENCE_WORDS {
            r.long_sentences.push(i);
        }
    }
    let stems: Vec<&str> = answer.content_stems().collect();
    let mut seen: BTreeMap<[&str; 3], usize> = BTreeMap::new();
    let mut repeats = 0;
    for w in stems.windows(3) {
        let key = [w[0], w[1], w[2]];
        let n = seen.entry(key).or_default();
        if *n > 0 {
            repeats += 1;
        }
        *n += 1;
    }
    r.repetition = ratio(repeats, stems.len().saturating_sub(2));
    let rambling = (ratio(r.long_sentences.len(), answer.sentences.len()) * 0.3).min(0.3);
    let repetition = (r.repetition * 1.5).min(0.6);
    r.score = to_score(length - rambling - repetition);
    let mut note = format!("{words} words against a target of about {target}");
    if ratio_to_target > 1.5 {
        note.push_str(" (too long)");
    } else if ratio_to_target < 0.5 {
        note.push_str(" (too short)");
    }
    if !r.long_sentences.is_empty() {
        let _ = write!(
            note,
            "; {} sentence(s) over {LONG_SENTENCE_WORDS} words",
            r.long_sentences.len()
        );
    }
    if r.repetition > 0.1 {
        let _ = write!(note, "; {:.0}% repeated phrasing", r.repetition * 100.0);
    }
    r.note = note;
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_target_length_scores_full() {
        let text = "word ".repeat(10) + "ends here. ";
        let answer = text.repeat(9);
        let r = score(&Analyzed::new(&answer), 100);
        // 108 words, but heavy repetition.
        assert!(r.repetition > 0.5);
        let varied: String = (0..100).fold(String::new(), |mut s, i| {
            let _ = write!(s, "w{i} ");
            s
        }) + ".";
        let r = score(&Analyzed::new(&varied), 100);
        // One 100-word sentence: rambling.
        assert_eq!(r.long_sentences.len(), 1);
        assert!(r.score >= 65 && r.score < 100, "{}", r.score);
    }

    #[test]
    fn too_short_and_too_long_lose_points() {
        let short = score(&Analyzed::new("Yes, I did it."), 150);
        assert!(short.score < 10, "{}", short.score);
        let sentence = |i: usize| format!("Item{i} covers area{i} with case{i} plus note{i}. ");
        let long: String = (0..200).map(sentence).collect();
        let r = score(&Analyzed::new(&long), 150);
        assert!(r.score <= 30, "{} {}", r.score, r.note);
        let fine: String = (0..20).map(sentence).collect();
        assert!(score(&Analyzed::new(&fine), 150).score >= 90);
    }

    #[test]
    fn empty_is_zero() {
        assert_eq!(score(&Analyzed::new(""), 100).score, 0);
    }
}
