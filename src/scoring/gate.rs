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
/// The key to the right of `b` on a QWERTY letter row.
fn next_on_row(b: u8) -> Option<u8> {
    const ROWS: [&[u8]; 3] = [b"qwertyuiop", b"asdfghjkl", b"zxcvbnm"];
    ROWS.iter().find_map(|row| {
        let i = row.iter().position(|&k| k == b)?;
        row.get(i + 1).copied()
    })
}

fn wordlike(t: &Token) -> bool {
    let w = &t.lower;
    if t.numeric || t.stop {
        return true;
    }
    if !w.bytes().all(|b| b.is_ascii_alphabetic() || b == b'\'') {
        // Non-Latin scripts: no vowel rules to apply.
        return w.chars().count() <= 30;
    }
    // ASCII from here on: bytes are characters.
    let chars: Vec<char> = w.bytes().map(char::from).collect();
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
    // Five keys typed along a keyboard row, e.g. "sdfgh".
    let mut run = 1;
    for pair in w.as_bytes().windows(2) {
        run = if next_on_row(pair[0]) == Some(pair[1]) {
            run + 1
        } else {
            1
        };
        if run >= 5 {
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
