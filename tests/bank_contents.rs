//! What ships in the prep bank: counts per kind and role, no duplicates, evidence everywhere,
//! and behavioral stories that end in a measurable result.
#![allow(clippy::unwrap_used)]

use hotseat::bank::Bank;
use hotseat::bank::stats::BankStats;
use hotseat::domain::{PersonaStyle, QuestionKind, Role};
use std::collections::{BTreeMap, BTreeSet};

fn bank() -> Bank {
    let loaded = Bank::load(None);
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    loaded.bank
}

#[test]
fn counts_per_kind_and_role_meet_the_bar() {
    let bank = bank();
    let stats = BankStats::of(bank.questions());
    let want = [
        (QuestionKind::Behavioral, 120),
        (QuestionKind::Technical, 160),
        (QuestionKind::SystemDesign, 30),
        (QuestionKind::Situational, 40),
        (QuestionKind::Company, 20),
        (QuestionKind::QuestionsToAsk, 30),
    ];
    for (kind, min) in want {
        let n = stats.by_kind.get(&kind).copied().unwrap_or(0);
        assert!(n >= min, "{kind}: {n} < {min}");
    }
    assert!(stats.total >= 400, "{} questions", stats.total);
    let technical = &stats.by_kind_role[&QuestionKind::Technical];
    let roles_with_20: Vec<&Role> = technical
        .iter()
        .filter(|(_, n)| **n >= 20)
        .map(|(r, _)| r)
        .collect();
    assert!(
        roles_with_20.len() >= 8,
        "technical roles with ≥ 20 questions: {roles_with_20:?}"
    );
    // behavioral covers at least ten competencies
    let categories: BTreeSet<&str> = bank
        .questions()
        .iter()
        .filter(|q| q.kind == QuestionKind::Behavioral)
        .map(|q| q.category.as_str())
        .collect();
    assert!(categories.len() >= 10, "{categories:?}");
    // questions to ask are tagged by every stage
    let stages: BTreeSet<_> = bank
        .questions()
        .iter()
        .filter(|q| q.kind == QuestionKind::QuestionsToAsk)
        .flat_map(|q| q.stages.iter().copied())
        .collect();
    assert_eq!(stages.len(), 4, "{stages:?}");
}

#[test]
fn every_question_is_complete_and_prompts_are_unique() {
    let bank = bank();
    let mut prompts: BTreeMap<String, &str> = BTreeMap::new();
    for q in bank.questions() {
        let normalised: String = q
            .prompt
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace())
            .collect();
        if let Some(other) = prompts.insert(normalised, &q.id) {
            panic!("{} repeats the prompt of {other}", q.id);
        }
        assert!(
            q.talking_points.len() >= 3,
            "{}: fewer than 3 talking points",
            q.id
        );
        for tp in &q.talking_points {
            assert!(
                tp.evidence.iter().filter(|e| !e.trim().is_empty()).count() >= 3,
                "{}: talking point '{}' has too few evidence words",
                q.id,
                tp.point
            );
        }
        assert!(q.follow_ups.len() >= 2, "{}: fewer than 2 follow-ups", q.id);
        assert!(!q.guidance.trim().is_empty(), "{}: no guidance", q.id);
        assert!(
            !q.example_answer.trim().is_empty(),
            "{}: no example answer",
            q.id
        );
        assert!(!q.tags.is_empty(), "{}: no tags", q.id);
        assert!(q.time_limit_secs.is_some(), "{}: no time limit", q.id);
    }
}

const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "half",
    "double", "doubled", "tripled", "halved", "percent",
];

#[test]
fn behavioral_example_answers_end_in_a_measured_result() {
    let mut missing = Vec::new();
    for q in bank()
        .questions()
        .iter()
        .filter(|q| q.kind == QuestionKind::Behavioral)
    {
        let answer = q.example_answer.trim();
        assert!(
            answer.contains("I "),
            "{}: not told in the first person",
            q.id
        );
        // the result is at the end of a STAR story: the last third must carry a number.
        // "Why this role / why leaving" answers are not stories; their evidence may sit anywhere.
        let chars: Vec<char> = answer.chars().collect();
        let from = if q.category == "motivation" {
            0
        } else {
            chars.len() * 2 / 3
        };
        let tail: String = chars[from..].iter().collect();
        let lower = tail.to_lowercase();
        let number_word = NUMBER_WORDS.iter().any(|w| {
            lower
                .split(|c: char| !c.is_alphanumeric())
                .any(|token| token == *w)
        });
        if !(tail.chars().any(|c| c.is_ascii_digit()) || number_word) {
            missing.push(format!("{}: …{tail}", q.id));
        }
    }
    assert!(
        missing.is_empty(),
        "no number in the result:\n{}",
        missing.join("\n")
    );
}

#[test]
fn eight_distinct_personas_ship() {
    let bank = bank();
    let styles: BTreeSet<&str> = bank.personas().iter().map(|p| p.style.as_str()).collect();
    assert!(bank.personas().len() >= 8);
    for style in [
        PersonaStyle::Friendly,
        PersonaStyle::Neutral,
        PersonaStyle::Challenging,
        PersonaStyle::BarRaiser,
        PersonaStyle::Recruiter,
        PersonaStyle::HiringManager,
        PersonaStyle::Architect,
        PersonaStyle::Executive,
    ] {
        assert!(
            styles.contains(style.as_str()),
            "no {} persona",
            style.as_str()
        );
    }
    for p in bank.personas() {
        let topics: BTreeSet<&str> = p.answers.iter().map(|a| a.topic.as_str()).collect();
        for topic in ["team", "process", "culture", "next_steps"] {
            assert!(
                topics.contains(topic),
                "{} cannot answer about {topic}",
                p.id
            );
        }
        for (key, lines) in p.probes.all() {
            assert!(!lines.is_empty(), "{}: no {key} probe", p.id);
        }
    }
    // the voices differ: no two personas open with the same greeting
    let greetings: BTreeSet<&String> = bank
        .personas()
        .iter()
        .filter_map(|p| p.lines.greetings.first())
        .collect();
    assert_eq!(greetings.len(), bank.personas().len());
}
