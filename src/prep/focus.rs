//! Prior-round notes turned into focus areas: each note that names a skill, a topic or a
//! delivery problem becomes something to work on, with actions and bank questions to practise.

use super::analyze::Analysis;
use super::vocabulary::Vocabulary;
use crate::bank::Bank;
use crate::domain::QuestionKind;
use serde::{Deserialize, Serialize};

/// Something to work on before the next round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FocusArea {
    /// The note it came from, as written.
    pub note: String,
    /// What to work on.
    pub topic: String,
    /// Bank tags that practise it (lower case).
    pub tags: Vec<String>,
    /// What to do about it.
    pub actions: Vec<String>,
    /// Bank questions to practise it with.
    pub question_ids: Vec<String>,
}

/// Delivery problems a note may describe: words that signal it, the topic, and what to do.
const DELIVERY: &[(&[&str], &str, &str)] = &[
    (
        &[
            "rambl",
            "too long",
            "long-winded",
            "concise",
            "ran out of time",
            "went over time",
        ],
        "Concise answers",
        "Answer in two minutes: the headline first, then the story. Time every practice answer.",
    ),
    (
        &["metric", "numbers", "quantif", "impact", "measur"],
        "Quantified results",
        "Give every story a number: time, money, users or errors, with the baseline.",
    ),
    (
        &["nervous", "blank", "froze", "anxious", "panic"],
        "Composure under pressure",
        "Run a full mock interview a day; practise saying \u{201c}let me think for a moment\u{201d} and structuring aloud.",
    ),
    (
        &[
            "\"we\"",
            "said we",
            "too much we",
            "my role",
            "my contribution",
            "ownership",
        ],
        "Your own part in team work",
        "Say \u{201c}I\u{201d} for what you did; name one decision that was yours in each story.",
    ),
    (
        &["clarif", "assumption", "jumped in", "requirements first"],
        "Clarify before solving",
        "Open every design or case answer by restating the goal and asking two clarifying questions.",
    ),
    (
        &[
            "why this company",
            "why us",
            "motivation",
            "research the company",
            "company research",
        ],
        "Motivation for this company",
        "Write three specific reasons for this company and role, each tied to something in the posting.",
    ),
];

/// Topic words a note may name, with the bank tags and question kind that practise them.
const TOPICS: &[(&str, &[&str], Option<QuestionKind>)] = &[
    (
        "system design",
        &["architecture", "design", "web_services", "scaling"],
        Some(QuestionKind::SystemDesign),
    ),
    (
        "design",
        &["architecture", "design"],
        Some(QuestionKind::SystemDesign),
    ),
    ("behavioral", &[], Some(QuestionKind::Behavioral)),
    ("behavioural", &[], Some(QuestionKind::Behavioral)),
    ("conflict", &["conflict", "difficult conversations"], None),
    ("prioriti", &["prioritisation", "trade-offs"], None),
    ("stakeholder", &["stakeholders", "influence"], None),
    ("leadership", &["leadership", "influence"], None),
    ("failure", &["failure", "mistakes"], None),
    ("case", &["case framing", "framework"], None),
    ("market sizing", &["market sizing", "estimation"], None),
    ("estimation", &["estimation", "fermi"], None),
    ("product sense", &["product sense", "product design"], None),
    (
        "coding",
        &["data structures", "complexity"],
        Some(QuestionKind::Technical),
    ),
    (
        "algorithm",
        &["data structures", "complexity"],
        Some(QuestionKind::Technical),
    ),
];

const PROBLEM_WORDS: &[&str] = &[
    "struggl",
    "weak",
    "didn't know",
    "did not know",
    "forgot",
    "missed",
    "couldn't",
    "could not",
    "unsure",
    "wanted more",
    "asked for more",
    "pushed",
    "probe",
    "improve",
    "feedback",
    "shaky",
    "not sure",
    "deeper",
    "depth",
    "gap",
    "lacked",
    "lacking",
    "vague",
    "rambl",
    "too long",
    "nervous",
    "blank",
    "froze",
];

fn note_pieces(notes: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    for line in notes.lines() {
        let line = line
            .trim()
            .trim_start_matches(['-', '*', '•', '#', ' '])
            .trim();
        if line.is_empty() {
            continue;
        }
        for s in line.split(". ") {
            let s = s.trim().trim_end_matches('.').trim();
            if s.split_whitespace().count() >= 2 {
                pieces.push(s.to_string());
            }
        }
    }
    pieces
}

fn questions_for(
    bank: &Bank,
    analysis: &Analysis,
    tags: &[String],
    kind: Option<QuestionKind>,
) -> Vec<String> {
    let mut ids: Vec<String> = bank
        .questions()
        .iter()
        .filter(|q| q.kind != QuestionKind::QuestionsToAsk && q.fits_role(analysis.role))
        .filter(|q| {
            let by_tag = q
                .tags
                .iter()
                .map(|t| t.to_lowercase())
                .chain([q.category.to_lowercase(), q.category.replace('_', " ")])
                .any(|t| tags.contains(&t));
            by_tag || (tags.is_empty() && kind == Some(q.kind))
        })
        .filter(|q| kind.is_none_or(|k| q.kind == k) || !tags.is_empty())
        .map(|q| q.id.clone())
        .collect();
    ids.sort();
    ids.truncate(2);
    ids
}

/// Focus areas from prior-round notes, one per note that names a skill, topic or problem.
pub fn focus_areas(
    vocab: &Vocabulary,
    bank: &Bank,
    analysis: &Analysis,
    notes: &str,
) -> Vec<FocusArea> {
    let mut out: Vec<FocusArea> = Vec::new();
    for piece in note_pieces(notes) {
        let lower = piece.to_lowercase();
        let problem = PROBLEM_WORDS.iter().any(|w| lower.contains(w));
        let mut area: Option<FocusArea> = None;
        if let Some(m) = vocab.find(&piece).first() {
            let skill = vocab.skill(m.skill);
            let tags = skill.tags.clone();
            let question_ids = questions_for(bank, analysis, &tags, None);
            area = Some(FocusArea {
                note: piece.clone(),
                topic: skill.name.clone(),
                actions: vec![
                    format!(
                        "Deep dive on {}: fundamentals, trade-offs and one project story with numbers.",
                        skill.name
                    ),
                    "Practise the linked questions aloud and check the talking points you missed."
                        .into(),
                ],
                tags,
                question_ids,
            });
        } else if let Some((word, tags, kind)) = TOPICS.iter().find(|(w, _, _)| lower.contains(w)) {
            let tags: Vec<String> = tags.iter().map(|t| (*t).to_string()).collect();
            let topic = {
                let t = if *word == "prioriti" {
                    "prioritisation"
                } else {
                    word
                };
                let mut c = t.chars();
                c.next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default()
            };
            area = Some(FocusArea {
                note: piece.clone(),
                question_ids: questions_for(bank, analysis, &tags, *kind),
                topic,
                tags,
                actions: vec![
                    "Prepare two stories or worked answers for this topic and practise them timed."
                        .into(),
                ],
            });
        }
        if let Some((_, topic, action)) = DELIVERY
            .iter()
            .find(|(words, _, _)| words.iter().any(|w| lower.contains(w)))
        {
            match &mut area {
                Some(a) => a.actions.insert(0, (*action).to_string()),
                None => {
                    area = Some(FocusArea {
                        note: piece.clone(),
                        topic: (*topic).to_string(),
                        tags: Vec::new(),
                        actions: vec![(*action).to_string()],
                        question_ids: Vec::new(),
                    });
                }
            }
        }
        if area.is_none() && problem {
            area = Some(FocusArea {
                note: piece.clone(),
                topic: "Follow-up from the last round".into(),
                tags: Vec::new(),
                actions: vec![
                    "Write a clear two-minute answer to this point and say it aloud twice.".into(),
                ],
                question_ids: Vec::new(),
            });
        }
        if let Some(a) = area
            && !out.iter().any(|o| o.topic == a.topic)
        {
            out.push(a);
        }
    }
    out
}
