//! Per-question work done once: stemmed talking points, reference term weights, topic vocabulary,
//! target length; and the corpus statistics that say how distinctive a term is.

use super::QuestionContext;
use super::lexicon::{self, COMMON_WORDS};
use super::text::{Analyzed, Phrase, count, stem};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::LazyLock;

/// Stems of the everyday words in [`COMMON_WORDS`].
static COMMON_STEMS: LazyLock<HashSet<String>> =
    LazyLock::new(|| COMMON_WORDS.iter().map(|w| stem(w)).collect());

/// Corpora smaller than this give no reliable document frequencies; every term then weighs the same.
const MIN_DOCS_FOR_IDF: usize = 5;

/// How much a common word weighs next to a distinctive one.
const COMMON_WORD_WEIGHT: f64 = 0.3;

/// Document frequencies of stems across a corpus of question texts (prompts and reference answers).
#[derive(Debug, Clone, Default)]
pub struct TermStats {
    df: BTreeMap<String, u32>,
    docs: usize,
}

impl TermStats {
    /// Counts, for each stem, how many of `docs` contain it.
    pub fn from_documents<'a>(docs: impl IntoIterator<Item = &'a str>) -> Self {
        let mut df: BTreeMap<String, u32> = BTreeMap::new();
        let mut n = 0;
        for doc in docs {
            n += 1;
            let a = Analyzed::new(doc);
            let distinct: BTreeSet<&str> = a.content_stems().collect();
            for s in distinct {
                *df.entry(s.to_string()).or_default() += 1;
            }
        }
        Self { df, docs: n }
    }

    /// The corpus for a set of questions: each question's prompt with its reference answer.
    pub fn from_questions<'a>(questions: impl IntoIterator<Item = &'a QuestionContext>) -> Self {
        let texts: Vec<String> = questions
            .into_iter()
            .map(QuestionContext::corpus_text)
            .collect();
        Self::from_documents(texts.iter().map(String::as_str))
    }

    /// How many documents the statistics come from.
    pub fn documents(&self) -> usize {
        self.docs
    }

    /// How distinctive `stem` is: an inverse document frequency (flat when the corpus is small),
    /// weighted down for everyday words.
    pub fn weight(&self, stem: &str) -> f64 {
        let base = if self.docs < MIN_DOCS_FOR_IDF {
            1.0
        } else {
            let df = self.df.get(stem).copied().unwrap_or(0);
            let n = count(self.docs);
            ((n + 1.0) / (f64::from(df) + 0.5)).ln().max(0.05)
        };
        if COMMON_STEMS.contains(stem) {
            base * COMMON_WORD_WEIGHT
        } else {
            base
        }
    }
}

/// A talking point ready for matching.
#[derive(Debug, Clone)]
pub struct PreparedPoint {
    /// The point as written in the bank.
    pub point: String,
    /// Its evidence phrases, stemmed.
    pub evidence: Vec<Phrase>,
}

/// Everything about a question that scoring an answer needs, computed once.
#[derive(Debug, Clone)]
pub struct PreparedQuestion {
    /// The question itself.
    pub context: QuestionContext,
    /// Talking points with stemmed evidence.
    pub points: Vec<PreparedPoint>,
    /// Distinct content stems of the reference answer with their weights (question terms count half).
    pub reference_terms: BTreeMap<String, f64>,
    /// Sum of the reference term weights.
    pub reference_weight: f64,
    /// Reference terms by their first [`PREFIX_CHARS`] characters, for soft (shared-prefix) matches.
    pub reference_prefixes: BTreeMap<String, Vec<String>>,
    /// Distinct content stems of the prompt.
    pub prompt_terms: BTreeSet<String>,
    /// Every content stem that belongs to the topic: prompt, guidance, talking points, reference.
    pub topic_terms: BTreeSet<String>,
    /// The answer length (words) the question is after.
    pub target_words: u32,
    /// Term weights, copied from the corpus statistics for the terms of this question.
    weights: BTreeMap<String, f64>,
    /// The weight of a term not seen in the question.
    default_weight: f64,
}

/// Stems shorter than this many characters only ever match exactly.
pub const PREFIX_CHARS: usize = 4;

/// The first [`PREFIX_CHARS`] characters of `stem`, if it is that long.
pub fn prefix(stem: &str) -> Option<&str> {
    let mut ends = stem.char_indices().map(|(i, c)| i + c.len_utf8());
    ends.nth(PREFIX_CHARS - 1).map(|end| &stem[..end])
}

/// Whether two different stems share a prefix long enough to be the same word in another form
/// ("congest"/"congestion", "retransmit"/"retransmiss"): at least [`PREFIX_CHARS`] characters and
/// 70% of the shorter stem.
pub fn shares_long_prefix(a: &str, b: &str) -> bool {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    common >= PREFIX_CHARS && 10 * common >= 7 * shorter
}

/// How much a reference term that also appears in the prompt counts (restating the question is cheap).
const PROMPT_TERM_FACTOR: f64 = 0.5;

impl PreparedQuestion {
    /// Prepares `context` with term weights from `stats`.
    pub fn new(context: &QuestionContext, stats: &TermStats) -> Self {
        let prompt = Analyzed::new(&context.prompt);
        let prompt_terms: BTreeSet<String> = prompt.content_stems().map(str::to_string).collect();
        let mut topic_terms = prompt_terms.clone();
        for s in Analyzed::new(&context.guidance).content_stems() {
            topic_terms.insert(s.to_string());
        }
        let points: Vec<PreparedPoint> = context
            .talking_points
            .iter()
            .map(|tp| PreparedPoint {
                point: tp.point.clone(),
                evidence: tp.evidence.iter().map(|e| Phrase::new(e)).collect(),
            })
            .collect();
        for p in &points {
            for s in Analyzed::new(&p.point).content_stems() {
                topic_terms.insert(s.to_string());
            }
            for e in &p.evidence {
                topic_terms.extend(e.content.iter().cloned());
            }
        }
        let mut reference_terms = BTreeMap::new();
        let mut reference_words = 0;
        if let Some(reference) = context.reference_answer.as_deref() {
            let a = Analyzed::new(reference);
            reference_words = a.word_count();
            for s in a.content_stems() {
                topic_terms.insert(s.to_string());
                if !reference_terms.contains_key(s) {
                    let factor = if prompt_terms.contains(s) {
                        PROMPT_TERM_FACTOR
                    } else {
                        1.0
                    };
                    reference_terms.insert(s.to_string(), stats.weight(s) * factor);
                }
            }
        }
        let reference_weight = reference_terms.values().sum();
        let mut reference_prefixes: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for t in reference_terms.keys() {
            if let Some(p) = prefix(t) {
                reference_prefixes
                    .entry(p.to_string())
                    .or_default()
                    .push(t.clone());
            }
        }
        let weights = topic_terms
            .iter()
            .map(|t| (t.clone(), stats.weight(t)))
            .collect();
        let target_words = context.target_words.unwrap_or_else(|| {
            if reference_words >= 30 {
                u32::try_from(reference_words.clamp(30, 800)).unwrap_or(800)
            } else {
                let by_time = context.time_limit_secs.saturating_mul(9) / 10;
                by_time.clamp(40, 600)
            }
        });
        Self {
            context: context.clone(),
            points,
            reference_terms,
            reference_weight,
            reference_prefixes,
            prompt_terms,
            topic_terms,
            target_words,
            weights,
            default_weight: stats.weight(""),
        }
    }

    /// The weight of a stem in this question's corpus.
    pub fn weight(&self, stem: &str) -> f64 {
        self.weights
            .get(stem)
            .copied()
            .unwrap_or(self.default_weight)
    }

    /// Whether `stem` is an everyday word.
    pub fn is_common(stem: &str) -> bool {
        COMMON_STEMS.contains(stem) || lexicon::contains(COMMON_WORDS, stem)
    }
}
