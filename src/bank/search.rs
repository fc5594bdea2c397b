//! Fuzzy search over questions (prompt, category, tags) with nucleo-matcher: ranked hits and highlights.

use crate::domain::Question;
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

/// A question that matched, with its rank score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchHit {
    /// Index into the slice of questions the index was built from.
    pub index: usize,
    /// Higher is better.
    pub score: u32,
}

/// Pre-built haystacks for a set of questions, so each query only matches.
pub struct SearchIndex {
    haystacks: Vec<Utf32String>,
    prompts: Vec<Utf32String>,
    /// Lowercased haystack text, for the prefilters.
    lower: Vec<String>,
    /// Lowercased category and tags per question, for the exact-topic bonus.
    topics: Vec<Vec<String>>,
    /// The last query searched and whether it matched as substrings.
    last_query: Option<(String, bool)>,
    matcher: Matcher,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("questions", &self.haystacks.len())
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Indexes `questions` in order.
    pub fn new<'a>(questions: impl IntoIterator<Item = &'a Question>) -> Self {
        let mut haystacks = Vec::new();
        let mut prompts = Vec::new();
        let mut topics = Vec::new();
        let mut lower = Vec::new();
        for q in questions {
            let mut t: Vec<String> = q.tags.iter().map(|t| t.to_lowercase()).collect();
            t.push(q.category.to_lowercase().replace('_', " "));
            topics.push(t);
            let text = format!("{} · {} · {}", q.prompt, q.category, q.tags.join(" "));
            prompts.push(Utf32String::from(q.prompt.as_str()));
            lower.push(text.to_lowercase());
            haystacks.push(Utf32String::from(text));
        }
        Self {
            haystacks,
            prompts,
            lower,
            topics,
            last_query: None,
            matcher: Matcher::new(Config::DEFAULT),
        }
    }

    /// How many questions are indexed.
    pub fn len(&self) -> usize {
        self.haystacks.len()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.haystacks.is_empty()
    }

    fn exact_pattern(query: &str) -> Pattern {
        Pattern::new(
            query,
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Substring,
        )
    }

    fn fuzzy_pattern(query: &str) -> Pattern {
        Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart)
    }

    /// Scores the candidates (indices) with `pattern`, adding the on-topic bonus.
    fn score_all(
        &mut self,
        pattern: &Pattern,
        terms: &[String],
        candidates: &[usize],
    ) -> Vec<SearchHit> {
        let topics = &self.topics;
        let haystacks = &self.haystacks;
        candidates
            .iter()
            .filter_map(|&index| {
                let score = pattern.score(haystacks[index].slice(..), &mut self.matcher)?;
                // A question whose category or tag is what the user typed is about that topic,
                // not just mentioning it: rank it above prompts that merely contain the word.
                let on_topic = terms
                    .iter()
                    .filter(|t| {
                        topics[index]
                            .iter()
                            .any(|topic| topic.starts_with(t.as_str()))
                    })
                    .count();
                let bonus = score / 4 * u32::try_from(on_topic).unwrap_or(u32::MAX);
                Some(SearchHit {
                    index,
                    score: score.saturating_add(bonus),
                })
            })
            .collect()
    }

    /// Questions matching `query`, best first (ties keep index order). Words are matched as
    /// substrings when any question contains them all; otherwise fuzzily, down to half the
    /// best score. An empty query matches everything in order.
    pub fn search(&mut self, query: &str) -> Vec<SearchHit> {
        if query.trim().is_empty() {
            return (0..self.haystacks.len())
                .map(|index| SearchHit { index, score: 0 })
                .collect();
        }
        let terms: Vec<String> = query
            .split_whitespace()
            .filter(|t| t.chars().count() >= 3)
            .map(str::to_lowercase)
            .collect();
        // Cheap prefilters on the lowercased text decide which haystacks the matcher scores:
        // every word as a substring, else every word as a subsequence (what fuzzy needs).
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        let contains: Vec<usize> = (0..self.lower.len())
            .filter(|&i| words.iter().all(|w| self.lower[i].contains(w.as_str())))
            .collect();
        let exact = !contains.is_empty();
        let mut hits = if exact {
            self.score_all(&Self::exact_pattern(query), &terms, &contains)
        } else {
            let subsequence: Vec<usize> = (0..self.lower.len())
                .filter(|&i| words.iter().all(|w| is_subsequence(w, &self.lower[i])))
                .collect();
            self.score_all(&Self::fuzzy_pattern(query), &terms, &subsequence)
        };
        self.last_query = Some((query.to_string(), exact));
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
        // Characters scattered across a long prompt still "match"; drop the weak tail so the
        // list shows what the user meant rather than every question containing those letters.
        if !exact {
            let floor = hits.first().map_or(0, |h| h.score / 2);
            hits.retain(|h| h.score >= floor);
        }
        hits
    }

    /// Character positions in question `index`'s prompt that `query` matches, sorted, for
    /// highlighting; empty when the match was only in the category or tags.
    pub fn prompt_highlights(&mut self, query: &str, index: usize) -> Vec<usize> {
        if query.trim().is_empty() || index >= self.prompts.len() {
            return Vec::new();
        }
        let exact = match &self.last_query {
            Some((q, exact)) if q == query => *exact,
            _ => {
                self.search(query);
                self.last_query.as_ref().is_some_and(|(_, e)| *e)
            }
        };
        let pattern = if exact {
            Self::exact_pattern(query)
        } else {
            Self::fuzzy_pattern(query)
        };
        let mut indices = Vec::new();
        if pattern
            .indices(
                self.prompts[index].slice(..),
                &mut self.matcher,
                &mut indices,
            )
            .is_none()
        {
            return Vec::new();
        }
        indices.sort_unstable();
        indices.dedup();
        indices.into_iter().map(|i| i as usize).collect()
    }
}

/// Whether the characters of `needle` appear in order in `haystack` (both lowercased).
fn is_subsequence(needle: &str, haystack: &str) -> bool {
    let mut rest = haystack.chars();
    needle.chars().all(|c| rest.any(|h| h == c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;

    #[test]
    fn ranks_the_closest_prompt_first_and_highlights_it() {
        let bank = Bank::load(None).bank;
        let mut index = SearchIndex::new(bank.questions());
        let hits = index.search("conflict");
        assert!(!hits.is_empty());
        let best = &bank.questions()[hits[0].index];
        let haystack = format!("{} {} {}", best.prompt, best.category, best.tags.join(" "));
        assert!(haystack.to_lowercase().contains("conflict"), "{haystack}");
        let scores: Vec<u32> = hits.iter().map(|h| h.score).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]));
    }

    #[test]
    fn words_match_as_substrings_and_abbreviations_fall_back_to_fuzzy() {
        let bank = Bank::load(None).bank;
        let mut index = SearchIndex::new(bank.questions());
        let exact = index.search("isolation level");
        assert!(!exact.is_empty());
        for hit in &exact {
            let q = &bank.questions()[hit.index];
            let text = format!("{} {} {}", q.prompt, q.category, q.tags.join(" ")).to_lowercase();
            assert!(
                text.contains("isolation") && text.contains("level"),
                "{text}"
            );
        }
        let fuzzy = index.search("cnflct");
        assert!(!fuzzy.is_empty());
        let best = &bank.questions()[fuzzy[0].index];
        assert!(
            best.category == "conflict" || best.prompt.contains("conflict"),
            "{best:?}"
        );
        assert!(
            !index.prompt_highlights("cnflct", fuzzy[0].index).is_empty()
                || best.category == "conflict"
        );
    }

    #[test]
    fn empty_query_keeps_everything_and_nonsense_finds_nothing() {
        let bank = Bank::load(None).bank;
        let mut index = SearchIndex::new(bank.questions());
        assert_eq!(index.search("  ").len(), bank.questions().len());
        assert!(index.search("qqqzzzxxjjj").is_empty());
    }
}
