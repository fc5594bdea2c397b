//! Follow-up probes: what an answer missed, read from the offline scorer's report and the text,
//! and which miss a persona probes first.

use crate::domain::{Dimension, Persona, PersonaStyle, ProbeKind, QuestionKind, ScoreReport};

/// Fewer words than this is too thin to move on from.
pub const TOO_SHORT_WORDS: usize = 25;
/// Below this relevance an answer of some length is off topic.
pub const OFF_TOPIC_RELEVANCE: u8 = 20;

/// Words that claim a lot; without a figure in the same sentence they are unsupported.
const CLAIM_WORDS: &[&str] = &[
    "best",
    "significantly",
    "significant",
    "hugely",
    "huge",
    "massively",
    "massive",
    "dramatically",
    "greatly",
    "always",
    "everyone",
    "never",
    "tremendous",
    "tremendously",
    "world-class",
    "drastically",
    "perfectly",
    "flawless",
    "flawlessly",
];

/// What an answer (with its follow-up answers) shows and misses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)] // each bool is one independent finding
pub struct AnswerSignals {
    /// Words in the latest answer.
    pub words: usize,
    /// Word limit for this question before the answer counts as too long.
    pub long_limit: usize,
    /// "I", "me", "my" … across the answers.
    pub i_count: usize,
    /// "we", "our", "us" … across the answers.
    pub we_count: usize,
    /// The story has an outcome (or a decision, for situational questions).
    pub has_result: bool,
    /// Something was measured.
    pub has_metric: bool,
    /// The answer did not address the question.
    pub off_topic: bool,
    /// A strong claim with no figure behind it.
    pub unsupported_claim: bool,
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace().map(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-')
            .replace('’', "'")
            .to_lowercase()
    })
}

fn has_claim_without_figure(text: &str) -> bool {
    text.split(['.', '!', '?', '\n'])
        .filter(|s| !s.chars().any(|c| c.is_ascii_digit()))
        .any(|s| words(s).any(|w| CLAIM_WORDS.contains(&w.as_str())))
}

impl AnswerSignals {
    /// Reads the signals of `latest` (the answer just given) and `all` (every answer to this
    /// question so far, joined) from the text and the offline report of `all`.
    pub fn read(
        kind: QuestionKind,
        reference_words: usize,
        latest: &str,
        all: &str,
        report: &ScoreReport,
    ) -> Self {
        let has = |labels: &[&str]| {
            report
                .evidence
                .iter()
                .any(|e| labels.contains(&e.label.as_str()))
        };
        let (mut i_count, mut we_count) = (0, 0);
        for w in words(all) {
            match w.as_str() {
                "i" | "i'm" | "i've" | "i'd" | "i'll" | "me" | "my" | "myself" => i_count += 1,
                "we" | "we're" | "we've" | "we'd" | "we'll" | "our" | "us" | "ourselves" => {
                    we_count += 1;
                }
                _ => {}
            }
        }
        let latest_words = words(latest).filter(|w| !w.is_empty()).count();
        let long_limit = if reference_words > 0 {
            (reference_words * 9 / 5).clamp(180, 400)
        } else {
            300
        };
        let relevance = report.dimension(Dimension::Relevance).unwrap_or(100);
        Self {
            words: latest_words,
            long_limit,
            i_count,
            we_count,
            has_result: match kind {
                QuestionKind::Behavioral => has(&["result"]),
                QuestionKind::Situational => has(&["decision", "follow_through"]),
                _ => true,
            },
            has_metric: has(&["metric"]),
            off_topic: relevance < OFF_TOPIC_RELEVANCE && latest_words >= TOO_SHORT_WORDS,
            unsupported_claim: has_claim_without_figure(all),
        }
    }

    /// Whether this signal set shows `kind` of miss for a question of `question` kind.
    pub fn shows(&self, kind: ProbeKind, question: QuestionKind) -> bool {
        let story = matches!(
            question,
            QuestionKind::Behavioral | QuestionKind::Situational
        );
        match kind {
            ProbeKind::OffTopic => self.off_topic,
            ProbeKind::TooLong => self.words > self.long_limit,
            ProbeKind::TooShort => self.words < TOO_SHORT_WORDS && !self.off_topic,
            ProbeKind::NoResult => story && !self.has_result,
            ProbeKind::NoOwnership => story && self.we_count > 0 && self.i_count == 0,
            ProbeKind::NoMetric => {
                matches!(
                    question,
                    QuestionKind::Behavioral | QuestionKind::SystemDesign
                ) && !self.has_metric
            }
            ProbeKind::UnsupportedClaim => self.unsupported_claim,
        }
    }
}

/// The order in which a persona's style probes misses, first wins. A challenging interviewer cuts
/// rambling short and pushes back on claims first; a friendly one leaves length alone and helps
/// the story along; a recruiter screens (on topic, enough said, not too much) rather than drills.
pub fn probe_order(style: PersonaStyle) -> &'static [ProbeKind] {
    use ProbeKind::{
        NoMetric, NoOwnership, NoResult, OffTopic, TooLong, TooShort, UnsupportedClaim,
    };
    match style {
        PersonaStyle::Challenging | PersonaStyle::BarRaiser | PersonaStyle::Executive => &[
            TooLong,
            OffTopic,
            NoResult,
            NoOwnership,
            UnsupportedClaim,
            NoMetric,
            TooShort,
        ],
        PersonaStyle::Friendly => &[OffTopic, NoResult, NoOwnership, TooShort, NoMetric],
        PersonaStyle::Recruiter => &[OffTopic, TooLong, TooShort, NoResult],
        PersonaStyle::Architect => &[
            OffTopic,
            TooShort,
            NoMetric,
            UnsupportedClaim,
            TooLong,
            NoResult,
            NoOwnership,
        ],
        PersonaStyle::Neutral | PersonaStyle::HiringManager => &[
            OffTopic,
            TooLong,
            NoResult,
            NoOwnership,
            NoMetric,
            UnsupportedClaim,
            TooShort,
        ],
    }
}

/// The probe to ask next, if any: the first miss in the persona's order that has not been probed
/// on this question yet and for which the persona has lines. `asked` is how many follow-ups this
/// question has had; the persona's depth caps it.
pub fn choose_probe(
    persona: &Persona,
    question: QuestionKind,
    signals: &AnswerSignals,
    already: &[ProbeKind],
) -> Option<ProbeKind> {
    if already.len() >= usize::from(persona.follow_up_depth) {
        return None;
    }
    probe_order(persona.style).iter().copied().find(|k| {
        !already.contains(k)
            && !persona.probes.for_kind(*k).is_empty()
            && signals.shows(*k, question)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_need_a_figure_in_the_same_sentence() {
        assert!(has_claim_without_figure(
            "It was the best launch ever. Everyone loved it."
        ));
        assert!(!has_claim_without_figure(
            "Latency dropped significantly, from 900 ms to 120 ms."
        ));
    }

    #[test]
    fn friendly_never_cuts_length_but_challenging_does_first() {
        let signals = AnswerSignals {
            words: 900,
            long_limit: 300,
            i_count: 3,
            has_result: false,
            has_metric: true,
            ..AnswerSignals::default()
        };
        let bank = crate::bank::Bank::load(None).bank;
        let friendly = bank.persona("friendly").unwrap();
        let challenging = bank.persona("challenging").unwrap();
        assert_eq!(
            choose_probe(friendly, QuestionKind::Behavioral, &signals, &[]),
            Some(ProbeKind::NoResult)
        );
        assert_eq!(
            choose_probe(challenging, QuestionKind::Behavioral, &signals, &[]),
            Some(ProbeKind::TooLong)
        );
    }
}
