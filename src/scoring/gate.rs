//! The junk gate: empty answers, gibberish and keyboard mash, the question pasted back, and off-topic
//! answers are capped at a low score whatever their length.

use super::relevance::RelevanceResult;
use super::text::{Analyzed, Token, ratio};
use std::collections::BTreeSet;

/// The highest total a gated answer can get.
pub const JUNK_CAP: u8 = 15;

/// Why an answer was capped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Junk {
    /// No words at all.
    Empty,
    /// Letters that do not form words, or one word repeated.
    Gibberish,
    /// The question copied back with little added.
    PastedQuestion,
    /// Real words with nothing to do with the question.
    OffTopic,
}

impl Junk {
    /// The most a report can score for this reason.
    pub fn cap(self) -> u8 {
        match self {
            Self::Empty => 0,
            Self::Gibberish | Self::PastedQuestion | Self::OffTopic => JUNK_CAP,
        }
    }

    /// What to tell the user.
    pub fn message(self) -> &'static str {
        match self {
            Self::Empty => "The answer is empty.",
            Self::Gibberish => "The answer does not read as words; write it out in full sentences.",
            Self::PastedQuestion => {
                "The answer mostly repeats the question; answer it in your own words."
            }
            Self::OffTopic => {
                "The answer does not address the question; re-read the prompt and answer it directly."
            }
        }
    }
}

/// Whether an alphabetic token looks like a word: it has a vowel, no long consonant run, no letter
/// repeated many times in a row, and a plausible length.
fn wordlike(t: &Token) -> bool {
    const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
    let w = &t.lower;
    if t.numeric || t.stop {
        return true;
    }
    let chars: Vec<char> = w.chars().collect();
    if chars.iter().any(|c| !c.is_ascii_alphabetic() && *c != '\'') {
        // Non-Latin scripts: no vowel rules to apply.
        return chars.len() <= 30;
    }
    if chars.len() > 25 {
        return false;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    if chars.len() > 3 && !chars.iter().any(|c| vowel(*c)) {
        return false;
    }
    let mut consonants = 0;
    let mut same = 1;
    for (i, c) in chars.iter().enumerate() {
        consonants = if vowel(*c) || *c == '\'' {
            0
        } else {
            consonants + 1
        };
        if consonants > 5 {
            return false;
        }
        same = if i > 0 && chars[i - 1] == *c {
            same + 1
        } else {
            1
        };
        if same > 2 {
            return false;
        }
    }
    // Keyboard rows typed in order.
    if ["asdf", "qwer", "zxcv", "hjkl", "jkl"]
        .iter()
        .any(|m| w.starts_with(m))
    {
        return false;
    }
    if chars.len() >= 5 {
        let on_row = ROWS.iter().any(|row| {
            w.as_bytes()
                .windows(5)
                .any(|win| std::str::from_utf8(win).is_ok_and(|s| row.contains(s)))
        });
        if on_row {
            return false;
        }
    }
    true
}

/// Decides whether an answer is junk, from its analysis and relevance.
pub fn check(answer: &Analyzed, relevance: &RelevanceResult) -> Option<Junk> {
    let tokens = &answer.tokens;
    if tokens.is_empty() {
        return Some(Junk::Empty);
    }
    let alpha: Vec<&Token> = tokens.iter().filter(|t| !t.numeric).collect();
    if alpha.is_empty() {
        return Some(Junk::Gibberish);
    }
    let wordlike_share = ratio(alpha.iter().filter(|t| wordlike(t)).count(), alpha.len());
    if wordlike_share < 0.7 {
        return Some(Junk::Gibberish);
    }
    let distinct: BTreeSet<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    if tokens.len() >= 8 && ratio(distinct.len(), tokens.len()) < 0.25 {
        return Some(Junk::Gibberish);
    }
    // Long text with almost no function words is a word salad, not prose.
    let stops = tokens.iter().filter(|t| t.stop).count();
    if tokens.len() >= 30 && ratio(stops, tokens.len()) < 0.08 && relevance.score < 20 {
        return Some(Junk::Gibberish);
    }
    if relevance.prompt_coverage >= 0.6
        && relevance.novel_topic_terms == 0
        && ratio(relevance.novel_terms, 1) <= (0.15 * ratio(relevance.answer_terms, 1)).max(3.0)
    {
        return Some(Junk::PastedQuestion);
    }
    let topical = ratio(relevance.topic_terms, relevance.answer_terms.max(1));
    let no_topic = relevance.topic_terms == 0
        || (relevance.topic_terms == 1 && relevance.answer_terms >= 6)
        || (relevance.answer_terms >= 20 && topical < 0.05);
    if relevance.score < 10 && no_topic {
        return Some(Junk::OffTopic);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::text::tokenize;
    use super::*;

    fn token(w: &str) -> Token {
        tokenize(w).remove(0)
    }

    #[test]
    fn words_look_like_words() {
        for w in [
            "latency",
            "rhythm",
            "strengths",
            "don't",
            "kubernetes",
            "idempotent",
        ] {
            assert!(wordlike(&token(w)), "{w}");
        }
        for w in [
            "asdfgh", "qwerty", "zxcvbnm", "xkcdqwpl", "aaaaah", "sdfghjkl",
        ] {
            assert!(!wordlike(&token(w)), "{w}");
        }
    }

    #[test]
    fn empty_and_mash_are_caught_before_relevance() {
        let rel = RelevanceResult::default();
        assert_eq!(check(&Analyzed::new("   "), &rel), Some(Junk::Empty));
        assert_eq!(
            check(&Analyzed::new("asdf jkl; qwerty asdfgh zxcvb"), &rel),
            Some(Junk::Gibberish)
        );
        assert_eq!(
            check(&Analyzed::new(&"test ".repeat(40)), &rel),
            Some(Junk::Gibberish)
        );
        assert_eq!(
            check(&Analyzed::new("12345 678"), &rel),
            Some(Junk::Gibberish)
        );
    }
}
