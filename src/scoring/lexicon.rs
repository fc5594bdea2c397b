//! Word lists written for the offline scorer: stopwords, common words, fillers, hedges and vague words.
//!
//! Every list is lowercase and sorted so lookups are a binary search; a unit test keeps them sorted.

/// Function words that carry no topic: skipped when comparing content.
pub const STOPWORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "been", "before", "being", "below", "between", "both", "but", "by",
    "can", "could", "did", "do", "does", "doing", "done", "down", "during", "each", "eg", "else",
    "etc", "even", "ever", "every", "for", "from", "further", "had", "has", "have", "having", "he",
    "her", "here", "hers", "him", "his", "how", "i", "i'd", "i'll", "i'm", "i've", "ie", "if",
    "in", "into", "is", "it", "it's", "its", "itself", "just", "me", "might", "mine", "more",
    "most", "must", "my", "myself", "no", "nor", "not", "of", "off", "on", "once", "one", "only",
    "or", "other", "our", "ours", "out", "over", "own", "per", "same", "shall", "she", "should",
    "so", "some", "such", "than", "that", "that's", "the", "their", "theirs", "them", "then",
    "there", "these", "they", "this", "those", "through", "to", "too", "two", "under", "until",
    "up", "upon", "us", "very", "via", "was", "we", "we'd", "we're", "we've", "were", "what",
    "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with",
    "would", "yes", "yet", "you", "your", "yours",
];

/// Everyday words that say little about a topic: content words, but weighted down when
/// judging how distinctive a term is.
pub const COMMON_WORDS: &[&str] = &[
    "able",
    "actually",
    "always",
    "another",
    "answer",
    "anything",
    "around",
    "back",
    "bad",
    "because",
    "best",
    "better",
    "big",
    "bit",
    "came",
    "case",
    "certain",
    "change",
    "come",
    "different",
    "example",
    "fact",
    "far",
    "first",
    "found",
    "get",
    "give",
    "go",
    "going",
    "good",
    "got",
    "great",
    "help",
    "high",
    "important",
    "instance",
    "keep",
    "kind",
    "know",
    "last",
    "least",
    "less",
    "let",
    "like",
    "little",
    "long",
    "look",
    "lot",
    "low",
    "made",
    "main",
    "make",
    "many",
    "mean",
    "means",
    "much",
    "need",
    "new",
    "next",
    "now",
    "number",
    "often",
    "old",
    "part",
    "people",
    "point",
    "possible",
    "put",
    "question",
    "quite",
    "really",
    "right",
    "said",
    "say",
    "see",
    "set",
    "several",
    "small",
    "something",
    "still",
    "take",
    "thing",
    "things",
    "think",
    "time",
    "times",
    "together",
    "took",
    "true",
    "try",
    "type",
    "usually",
    "way",
    "ways",
    "well",
    "went",
    "whole",
    "within",
    "without",
    "work",
    "worked",
    "working",
    "yeah",
];

/// Filler words and phrases that pad spoken or typed answers.
pub const FILLERS: &[&str] = &[
    "at the end of the day",
    "basically",
    "er",
    "erm",
    "hmm",
    "i mean",
    "like i said",
    "literally",
    "so yeah",
    "uh",
    "uhm",
    "um",
    "umm",
    "whatever",
    "you know",
    "you see",
];

/// Hedges that undercut confidence.
pub const HEDGES: &[&str] = &[
    "hopefully",
    "i am not sure",
    "i believe",
    "i feel like",
    "i guess",
    "i suppose",
    "i think",
    "i'm not sure",
    "kind of",
    "kinda",
    "maybe",
    "more or less",
    "not sure",
    "perhaps",
    "possibly",
    "probably",
    "somewhat",
    "sort of",
];

/// Vague words that stand in for a concrete noun or number.
pub const VAGUE_WORDS: &[&str] = &[
    "a lot",
    "lots",
    "many things",
    "some stuff",
    "somehow",
    "something",
    "stuff",
    "things",
    "various",
];

/// Number words that count as figures when they quantify something.
pub const NUMBER_WORDS: &[&str] = &[
    "billion", "double", "doubled", "dozen", "eight", "eighty", "eleven", "fifteen", "fifty",
    "five", "forty", "four", "half", "halved", "hundred", "million", "nine", "ninety", "percent",
    "quarter", "seven", "seventy", "six", "sixty", "ten", "thirty", "thousand", "three", "tripled",
    "twelve", "twenty", "twice",
];

/// Units and metric words that make a number a measurement.
pub const UNITS: &[&str] = &[
    "day", "days", "gb", "hour", "hours", "k", "kb", "m", "mb", "minute", "minutes", "month",
    "months", "ms", "percent", "qps", "rps", "second", "seconds", "tb", "users", "week", "weeks",
    "year", "years",
];

/// Whether `word` (lowercase) is in the sorted list `list`.
pub fn contains(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_lowercase_for_binary_search() {
        for list in [
            STOPWORDS,
            COMMON_WORDS,
            FILLERS,
            HEDGES,
            VAGUE_WORDS,
            NUMBER_WORDS,
            UNITS,
        ] {
            for pair in list.windows(2) {
                assert!(pair[0] < pair[1], "{} !< {}", pair[0], pair[1]);
            }
            for w in list {
                assert_eq!(*w, w.to_lowercase());
            }
        }
        assert!(contains(STOPWORDS, "the"));
        assert!(!contains(STOPWORDS, "database"));
    }
}
