//! Text utilities: tokens and sentences with byte spans, lowercasing, stemming, stopwords, phrase matching.

use super::lexicon::{self, STOPWORDS};
use rust_stemmers::{Algorithm, Stemmer};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Longest token kept whole; longer runs are cut so one huge "word" cannot slow the scorer.
const MAX_TOKEN_BYTES: usize = 48;

/// One word or number of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset where the token starts.
    pub start: usize,
    /// Byte offset just past the token.
    pub end: usize,
    /// The token lowercased.
    pub lower: String,
    /// The English stem of the lowercased token.
    pub stem: String,
    /// Whether it is a stopword.
    pub stop: bool,
    /// Whether it contains a digit.
    pub numeric: bool,
    /// Whether its first character is uppercase in the original text.
    pub capitalized: bool,
}

impl Token {
    /// Whether the token is a content word: not a stopword and longer than one letter (digits count).
    pub fn is_content(&self) -> bool {
        !self.stop && (self.numeric || self.lower.chars().count() > 1)
    }
}

/// A sentence: its byte span and the tokens inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset where the sentence starts (first non-space character).
    pub start: usize,
    /// Byte offset just past the sentence (trailing spaces trimmed).
    pub end: usize,
    /// Indices into the text's tokens.
    pub tokens: Range<usize>,
}

/// A text split into tokens and sentences.
#[derive(Debug, Clone, Default)]
pub struct Analyzed {
    /// Every token, in order.
    pub tokens: Vec<Token>,
    /// Every sentence, in order; each has at least one token.
    pub sentences: Vec<Sentence>,
}

impl Analyzed {
    /// Splits `text` into tokens and sentences.
    pub fn new(text: &str) -> Self {
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        Self { tokens, sentences }
    }

    /// The number of tokens (words and numbers).
    pub fn word_count(&self) -> usize {
        self.tokens.len()
    }

    /// The stems of content tokens, in order.
    pub fn content_stems(&self) -> impl Iterator<Item = &str> {
        self.tokens
            .iter()
            .filter(|t| t.is_content())
            .map(|t| t.stem.as_str())
    }

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        &self.tokens[self.sentences[i].tokens.clone()]
    }
}

/// Most stems remembered per thread before the cache is cleared.
const STEM_CACHE_LIMIT: usize = 50_000;

thread_local! {
    static STEM_CACHE: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// Stems one lowercase word (cached per thread: answers reuse most of their vocabulary).
pub fn stem(lower: &str) -> String {
    STEM_CACHE.with(|cache| {
        if let Some(hit) = cache.borrow().get(lower) {
            return hit.clone();
        }
        let stemmed = STEMMER.stem(lower).into_owned();
        let mut cache = cache.borrow_mut();
        if cache.len() >= STEM_CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(lower.to_string(), stemmed.clone());
        stemmed
    })
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits text into word and number tokens. Hyphens and slashes split words; an apostrophe between
/// letters and a `.`/`,` between digits stay inside the token ("don't", "99.9").
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut prev = c;
        while let Some(&(i, d)) = chars.peek() {
            if is_word_char(d) {
                end = i + d.len_utf8();
                prev = d;
                chars.next();
                continue;
            }
            let joiner = matches!(d, '\'' | '’') && prev.is_alphabetic()
                || matches!(d, '.' | ',') && prev.is_ascii_digit();
            if joiner {
                let next = text[i + d.len_utf8()..].chars().next();
                let keeps = match d {
                    '.' | ',' => next.is_some_and(|n| n.is_ascii_digit()),
                    _ => next.is_some_and(char::is_alphabetic),
                };
                if keeps {
                    chars.next();
                    continue;
                }
            }
            break;
        }
        let mut raw = &text[start..end];
        if raw.len() > MAX_TOKEN_BYTES {
            let mut cut = MAX_TOKEN_BYTES;
            while !raw.is_char_boundary(cut) {
                cut -= 1;
            }
            raw = &raw[..cut];
        }
        tokens.push(make_token(raw, start, end));
    }
    tokens
}

fn make_token(raw: &str, start: usize, end: usize) -> Token {
    let mut lower = if raw.is_ascii() {
        raw.to_ascii_lowercase()
    } else {
        raw.to_lowercase()
    };
    if lower.contains('’') {
        lower = lower.replace('’', "'");
    }
    let stop = lexicon::contains(STOPWORDS, &lower);
    let numeric = lower.chars().any(|c| c.is_ascii_digit());
    let base = lower.strip_suffix("'s").unwrap_or(&lower);
    let stem = if numeric {
        base.to_string()
    } else {
        stem(base)
    };
    Token {
        start,
        end,
        capitalized: raw.chars().next().is_some_and(char::is_uppercase),
        lower,
        stem,
        stop,
        numeric,
    }
}

/// Abbreviations whose dot does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "approx", "dr", "e.g", "eg", "etc", "i.e", "ie", "mr", "ms", "vs",
];

fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    // Sentence boundaries: after . ! ? followed by whitespace, at line breaks that start a bullet or
    // follow a blank line, and at any newline after a line that ends with punctuation.
    let bytes = text.as_bytes();
    let mut cuts: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') {
            // closing quotes and brackets belong to the sentence they close: `…clarify?" If`
            let mut end = i + 1;
            loop {
                let rest = &text[end..];
                if let Some(c) = ['"', '\'', ')', '\u{201d}', '\u{2019}']
                    .into_iter()
                    .find(|c| rest.starts_with(*c))
                {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            let next = bytes.get(end).copied();
            if next.is_none_or(|n| n.is_ascii_whitespace()) && !ends_with_abbreviation(text, i) {
                cuts.push(end);
            }
        } else if b == b'\n' {
            let rest = text[i + 1..].trim_start_matches([' ', '\t']);
            let bullet = rest.starts_with(['-', '*', '•', '●', '○']) || starts_numbered(rest);
            let blank = rest.starts_with('\n') || rest.starts_with("\r\n");
            let line_end = text[..i].trim_end().ends_with([':', ';', '.', '!', '?']);
            let line = text[..i]
                .rsplit('\n')
                .next()
                .unwrap_or_default()
                .trim_start();
            let in_bullet = line.starts_with(['-', '*', '•', '●', '○']) || starts_numbered(line);
            if bullet || blank || line_end || in_bullet {
                cuts.push(i);
            }
        }
        i += 1;
    }
    cuts.push(text.len());
    let mut sentences = Vec::new();
    let mut from = 0;
    let mut t = 0;
    for cut in cuts {
        if cut <= from {
            continue;
        }
        let first = t;
        while t < tokens.len() && tokens[t].start < cut {
            t += 1;
        }
        if t > first {
            sentences.push(Sentence {
                start: tokens[first].start.min(trim_start(text, from)),
                end: trim_end(text, from, cut).max(tokens[t - 1].end),
                tokens: first..t,
            });
        }
        from = cut;
    }
    sentences
}

fn trim_start(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    from + (rest.len() - rest.trim_start().len())
}

fn trim_end(text: &str, from: usize, to: usize) -> usize {
    from + text[from..to].trim_end().len()
}

fn starts_numbered(rest: &str) -> bool {
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && digits < 3 && matches!(rest.as_bytes().get(digits), Some(b'.' | b')'))
}

fn ends_with_abbreviation(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || *c == '(')
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = before[word_start..].to_ascii_lowercase();
    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        return true;
    }
    ABBREVIATIONS.contains(&word.as_str())
}

/// A phrase prepared for matching: the stems of all its words, and which of them are content words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// The phrase as written.
    pub text: String,
    /// Stems of every word, stopwords included.
    pub stems: Vec<String>,
    /// Stems of content words only.
    pub content: Vec<String>,
    /// The lowercased word when the phrase is one short word (matched exactly: stems of short words
    /// collide, e.g. "top" and "topping").
    pub short_word: Option<String>,
}

impl Phrase {
    /// Prepares `text` for matching.
    pub fn new(text: &str) -> Self {
        let tokens = tokenize(text);
        let short_word = match tokens.as_slice() {
            [t] if t.lower.chars().count() <= 3 => Some(t.lower.clone()),
            _ => None,
        };
        Self {
            short_word,
            text: text.trim().to_string(),
            stems: tokens.iter().map(|t| t.stem.clone()).collect(),
            content: tokens
                .iter()
                .filter(|t| t.is_content())
                .map(|t| t.stem.clone())
                .collect(),
        }
    }

    /// Where the phrase occurs in `tokens`: a token range, if found. Exact stem sequence first; else
    /// (for phrases of two or more content words) every content stem within a short window.
    pub fn find(&self, tokens: &[Token]) -> Option<Range<usize>> {
        let n = self.stems.len();
        if n == 0 || tokens.len() < n {
            return None;
        }
        if let Some(word) = &self.short_word {
            return tokens
                .iter()
                .position(|t| &t.lower == word)
                .map(|i| i..i + 1);
        }
        if let Some(i) =
            (0..=tokens.len() - n).find(|&i| (0..n).all(|k| tokens[i + k].stem == self.stems[k]))
        {
            return Some(i..i + n);
        }
        if self.content.len() < 2 {
            return None;
        }
        let window = n + 3;
        for (i, t) in tokens.iter().enumerate() {
            if t.stem != self.content[0] {
                continue;
            }
            let hi = (i + window).min(tokens.len());
            let lo = i.saturating_sub(3);
            let all = self.content[1..]
                .iter()
                .all(|c| tokens[lo..hi].iter().any(|x| &x.stem == c));
            if all {
                return Some(lo.min(i)..hi);
            }
        }
        None
    }
}

/// Whether any of `phrases` (lowercase, whole words) occurs in the lowercased tokens; returns every
/// match as a token range and the phrase.
pub fn find_word_phrases<'p>(
    tokens: &[Token],
    phrases: &[&'p str],
) -> Vec<(Range<usize>, &'p str)> {
    let mut found = Vec::new();
    for phrase in phrases {
        let words: Vec<&str> = phrase.split(' ').collect();
        let n = words.len();
        if tokens.len() < n {
            continue;
        }
        for i in 0..=tokens.len() - n {
            if (0..n).all(|k| tokens[i + k].lower == words[k]) {
                found.push((i..i + n, *phrase));
            }
        }
    }
    found.sort_by_key(|(r, _)| (r.start, r.end));
    found
}

/// `a / b` as a float; 0 when `b` is 0.
#[allow(clippy::cast_precision_loss)]
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// A count as a float.
#[allow(clippy::cast_precision_loss)]
pub fn count(n: usize) -> f64 {
    n as f64
}

/// A 0–1 fraction as a 0–100 score.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
pub fn to_score(x: f64) -> u8 {
    if x.is_nan() {
        return 0;
    }
    (x.clamp(0.0, 1.0) * 100.0).round() as u8
}

/// The text of a byte span, with whitespace runs collapsed and cut to `max` characters.
pub fn quote(text: &str, start: usize, end: usize, max: usize) -> String {
    let raw = text.get(start..end).unwrap_or_default();
    let words: Vec<&str> = raw.split_whitespace().collect();
    let joined = words.join(" ");
    if joined.chars().count() <= max {
        return joined;
    }
    let cut: String = joined.chars().take(max.saturating_sub(1)).collect();
    let cut = cut
        .rfind(' ')
        .map_or(cut.as_str(), |p| &cut[..p])
        .to_string();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_byte_spans_and_stem() {
        let text = "We reduced p99 latency by 35.5% — don't panic!";
        let t = tokenize(text);
        let words: Vec<&str> = t.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(
            words,
            [
                "We", "reduced", "p99", "latency", "by", "35.5", "don't", "panic"
            ]
        );
        assert_eq!(t[1].stem, "reduc");
        assert!(t[0].stop && t[0].capitalized);
        assert!(t[5].numeric && t[5].is_content());
    }

    #[test]
    fn hyphens_split_words() {
        let t = tokenize("full-duplex semi-duplex");
        assert_eq!(t.len(), 4);
        assert_eq!(t[1].lower, "duplex");
    }

    #[test]
    fn a_closing_quote_stays_with_its_sentence() {
        let a = Analyzed::new(
            "Then ask: \"Does that help?\" Wait for the answer. She said \u{201c}yes.\u{201d} Done",
        );
        let texts: Vec<&str> = a
            .sentences
            .iter()
            .map(|s| &"Then ask: \"Does that help?\" Wait for the answer. She said \u{201c}yes.\u{201d} Done"[s.start..s.end])
            .collect();
        assert_eq!(
            texts,
            [
                "Then ask: \"Does that help?\"",
                "Wait for the answer.",
                "She said \u{201c}yes.\u{201d}",
                "Done"
            ]
        );
    }

    #[test]
    fn sentences_split_on_punctuation_and_bullets_not_abbreviations() {
        let text = "First, e.g. this one. Second one!\n- a bullet\n- another\nThird?";
        let a = Analyzed::new(text);
        let spans: Vec<&str> = a.sentences.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(
            spans,
            [
                "First, e.g. this one.",
                "Second one!",
                "- a bullet",
                "- another",
                "Third?"
            ]
        );
    }

    #[test]
    fn phrases_match_by_stem_and_window() {
        let a = Analyzed::new("We listened carefully to their concerns and measured it.");
        assert!(Phrase::new("their concern").find(&a.tokens).is_some());
        assert!(Phrase::new("listen").find(&a.tokens).is_some());
        assert!(Phrase::new("listened concerns").find(&a.tokens).is_some());
        assert!(Phrase::new("error budget").find(&a.tokens).is_none());
        let b = Analyzed::new("My favourite topping is pineapple.");
        assert!(Phrase::new("top").find(&b.tokens).is_none());
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            " ",
            "...",
            "\n\n\n",
            "é.",
            "a\u{0}b",
            "1.",
            "x'",
            "9,",
            "a\u{2001}b. c",
        ] {
            let a = Analyzed::new(text);
            for s in &a.sentences {
                assert!(s.start <= s.end && s.end <= text.len());
            }
        }
        let long = "a".repeat(500);
        assert_eq!(tokenize(&long)[0].lower.len(), MAX_TOKEN_BYTES);
    }

    #[test]
    fn quotes_are_cut_at_a_word() {
        assert_eq!(quote("one two  three four", 0, 19, 12), "one two…");
        assert_eq!(quote("short", 0, 5, 12), "short");
    }
}
