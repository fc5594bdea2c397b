//! An interviewer persona: voice, strictness, follow-up policy, probes and answers to candidate questions.

use super::question::{InterviewStage, QuestionKind};
use serde::{Deserialize, Serialize};

/// The broad manner of an interviewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonaStyle {
    /// Warm and encouraging; gives the candidate room.
    Friendly,
    /// Even and professional; neither helps nor pushes.
    Neutral,
    /// Skeptical; pushes back and cuts rambling short.
    Challenging,
    /// Raises the bar: probes depth, ownership and judgement relentlessly.
    BarRaiser,
    /// A recruiter screening for fit, motivation and logistics.
    Recruiter,
    /// The hiring manager: scope, ownership, team fit.
    HiringManager,
    /// A system-design architect: requirements, trade-offs, scale.
    Architect,
    /// A time-pressed executive who wants the headline first.
    Executive,
}

impl PersonaStyle {
    /// The identifier used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Friendly => "friendly",
            Self::Neutral => "neutral",
            Self::Challenging => "challenging",
            Self::BarRaiser => "bar_raiser",
            Self::Recruiter => "recruiter",
            Self::HiringManager => "hiring_manager",
            Self::Architect => "architect",
            Self::Executive => "executive",
        }
    }
}

/// What an answer missed, which decides the follow-up probe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProbeKind {
    /// The story has no outcome.
    NoResult,
    /// Nothing was measured.
    NoMetric,
    /// "We" throughout, never "I".
    NoOwnership,
    /// The answer ran long.
    TooLong,
    /// The answer was too thin.
    TooShort,
    /// The answer did not address the question.
    OffTopic,
    /// A claim with nothing to back it.
    UnsupportedClaim,
}

/// Lines the interviewer says, several of each so interviews do not repeat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonaLines {
    /// Opening lines.
    pub greetings: Vec<String>,
    /// Warm-up prompts ("tell me about yourself" in the persona's voice).
    pub warmups: Vec<String>,
    /// Short reactions after an answer.
    pub acknowledgements: Vec<String>,
    /// Bridges to the next question.
    pub transitions: Vec<String>,
    /// The invitation to ask questions of the interviewer.
    pub candidate_questions: Vec<String>,
    /// Closing lines.
    pub closings: Vec<String>,
}

/// Follow-up probes keyed by what an answer missed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Probes {
    /// Asked when the story has no outcome.
    pub no_result: Vec<String>,
    /// Asked when nothing was measured.
    pub no_metric: Vec<String>,
    /// Asked when the answer says "we" but never "I".
    pub no_ownership: Vec<String>,
    /// Said when the answer runs long.
    pub too_long: Vec<String>,
    /// Asked when the answer is too thin.
    pub too_short: Vec<String>,
    /// Said when the answer is off topic.
    pub off_topic: Vec<String>,
    /// Asked when a claim has nothing behind it.
    pub unsupported_claim: Vec<String>,
}

impl Probes {
    /// The probe lines for one kind of miss.
    pub fn for_kind(&self, kind: ProbeKind) -> &[String] {
        match kind {
            ProbeKind::NoResult => &self.no_result,
            ProbeKind::NoMetric => &self.no_metric,
            ProbeKind::NoOwnership => &self.no_ownership,
            ProbeKind::TooLong => &self.too_long,
            ProbeKind::TooShort => &self.too_short,
            ProbeKind::OffTopic => &self.off_topic,
            ProbeKind::UnsupportedClaim => &self.unsupported_claim,
        }
    }

    /// Every probe kind with its lines, for validation and display.
    pub fn all(&self) -> [(&'static str, &[String]); 7] {
        [
            ("no_result", &self.no_result),
            ("no_metric", &self.no_metric),
            ("no_ownership", &self.no_ownership),
            ("too_long", &self.too_long),
            ("too_short", &self.too_short),
            ("off_topic", &self.off_topic),
            ("unsupported_claim", &self.unsupported_claim),
        ]
    }
}

/// The persona's answer to a question candidates commonly ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CandidateAnswer {
    /// The topic, e.g. "team", "process", "culture", "next_steps".
    pub topic: String,
    /// Words in a candidate's question that select this answer.
    pub keywords: Vec<String>,
    /// What the interviewer says.
    pub answer: String,
}

/// An interviewer persona.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    /// Stable identifier (the config's interviewer style names one).
    pub id: String,
    /// The interviewer's name and title as shown on screen.
    pub name: String,
    /// Broad manner.
    pub style: PersonaStyle,
    /// Who they are and how they interview, for the setup screen.
    pub description: String,
    /// How they choose and phrase questions.
    pub question_style: String,
    /// Kinds of question this persona prefers, most preferred first; empty means any.
    #[serde(default)]
    pub preferred_kinds: Vec<QuestionKind>,
    /// Stages this persona usually runs; empty means any.
    #[serde(default)]
    pub stages: Vec<InterviewStage>,
    /// 1 (lenient) to 5 (exacting).
    pub strictness: u8,
    /// How many follow-ups at most per question (0 to 3).
    pub follow_up_depth: u8,
    /// What they say at each step of the interview.
    pub lines: PersonaLines,
    /// Follow-up probes keyed by what an answer missed.
    pub probes: Probes,
    /// Answers to the questions candidates usually ask.
    #[serde(default)]
    pub answers: Vec<CandidateAnswer>,
    /// What they say when no prepared answer fits the candidate's question.
    #[serde(default)]
    pub fallback_answer: String,
}

impl Persona {
    /// The name before the title ("Dana Whitfield, Senior Engineering Lead" → "Dana Whitfield"),
    /// as transcripts show the speaker.
    pub fn short_name(&self) -> String {
        self.name
            .split(',')
            .next()
            .unwrap_or(&self.name)
            .trim()
            .to_string()
    }

    /// The prepared answer whose keywords best match a candidate's question, if any.
    pub fn answer_for(&self, candidate_question: &str) -> Option<&CandidateAnswer> {
        let lower = candidate_question.to_lowercase();
        self.answers
            .iter()
            .map(|a| {
                let hits = a
                    .keywords
                    .iter()
                    .filter(|k| lower.contains(&k.to_lowercase()))
                    .count();
                (hits, a)
            })
            .filter(|(hits, _)| *hits > 0)
            .max_by_key(|(hits, _)| *hits)
            .map(|(_, a)| a)
    }
}
