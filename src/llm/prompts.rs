//! Prompt text and message builders: the judge's rubric and instructions, the health check.

use crate::domain::{Dimension, Question, QuestionKind, ScoreReport};
use async_openai::types::chat::{
    ChatCompletionRequestAssistantMessage, ChatCompletionRequestAssistantMessageContent,
    ChatCompletionRequestMessage, ChatCompletionRequestSystemMessage,
    ChatCompletionRequestSystemMessageContent, ChatCompletionRequestUserMessage,
    ChatCompletionRequestUserMessageContent,
};
use std::fmt::Write as _;

/// A system message.
pub fn system(text: impl Into<String>) -> ChatCompletionRequestMessage {
    ChatCompletionRequestMessage::System(ChatCompletionRequestSystemMessage {
        content: ChatCompletionRequestSystemMessageContent::Text(text.into()),
        name: None,
    })
}

/// A user message.
pub fn user(text: impl Into<String>) -> ChatCompletionRequestMessage {
    ChatCompletionRequestMessage::User(ChatCompletionRequestUserMessage {
        content: ChatCompletionRequestUserMessageContent::Text(text.into()),
        name: None,
    })
}

/// An assistant message (a previous reply).
pub fn assistant(text: impl Into<String>) -> ChatCompletionRequestMessage {
    ChatCompletionRequestMessage::Assistant(ChatCompletionRequestAssistantMessage {
        content: Some(ChatCompletionRequestAssistantMessageContent::Text(
            text.into(),
        )),
        ..ChatCompletionRequestAssistantMessage::default()
    })
}

/// The key a dimension has in the judge's JSON.
pub fn dimension_key(d: Dimension) -> &'static str {
    match d {
        Dimension::Relevance => "relevance",
        Dimension::Structure => "structure",
        Dimension::Specificity => "specificity",
        Dimension::Concision => "concision",
        Dimension::Delivery => "delivery",
    }
}

/// What each dimension means for this kind of question.
fn rubric_line(d: Dimension, kind: QuestionKind) -> String {
    let text = match d {
        Dimension::Relevance => {
            "answers the question that was asked and makes the talking points listed below"
        }
        Dimension::Structure => match kind {
            QuestionKind::Behavioral => {
                "a STAR story: Situation, Task, the candidate's own Actions, a Result (ideally measured) and what they learned"
            }
            QuestionKind::SystemDesign => {
                "requirements, estimates, components, data model, scaling and trade-offs, in a sensible order"
            }
            QuestionKind::Technical => {
                "a direct answer first, then how it works, trade-offs or pitfalls, and an example"
            }
            QuestionKind::Situational => {
                "clarifies the situation, weighs options, states a decision and how they would follow up"
            }
            QuestionKind::Company => {
                "a clear reason, backed by something specific about the company, tied to the candidate"
            }
            QuestionKind::QuestionsToAsk => {
                "questions that are open, specific to the role or team, and not answered by a web search"
            }
        },
        Dimension::Specificity => {
            "concrete details: numbers, names of systems and tools, \"I\" rather than \"we\" for their own part"
        }
        Dimension::Concision => {
            "the right length for a spoken answer; no rambling, repetition or padding"
        }
        Dimension::Delivery => "confident, plain wording with few fillers and hedges",
    };
    format!("- {}: {text}", dimension_key(d))
}

/// The judge's system message: role, scale, rules and the reply format.
pub const JUDGE_SYSTEM: &str = "You are a strict, fair interview coach scoring one written answer to an interview question. \
Score each dimension from 0 to 100: 0-20 missing or off-topic, 21-40 weak, 41-60 adequate, 61-80 strong, 81-100 exceptional. \
An empty, nonsensical or off-topic answer scores low on every dimension, however long it is. \
Every evidence item and every quote must be copied word for word from the candidate's answer; never quote the question, the reference answer or anything else. \
Never invent facts the candidate did not give: the outline restructures what they said and marks gaps as [add: ...]. \
Do not compute a total; it is computed from your dimension scores. \
Reply with a single JSON object and nothing else.";

/// The shape of the JSON reply, spelled out for servers without schema support.
pub const JUDGE_FORMAT: &str = r#"{
  "dimensions": {
    "relevance":   {"score": 0-100, "note": "one line on why", "evidence": ["exact quote from the answer", ...]},
    "structure":   {"score": ..., "note": ..., "evidence": [...]},
    "specificity": {"score": ..., "note": ..., "evidence": [...]},
    "concision":   {"score": ..., "note": ..., "evidence": [...]},
    "delivery":    {"score": ..., "note": ..., "evidence": [...]}
  },
  "talking_points": [{"id": 1, "hit": true, "quote": "exact quote that makes the point, or null"}],
  "strengths": [{"text": "what went well", "quote": "exact quote or null"}],
  "improvements": [{"text": "what to do better", "quote": "exact quote or null", "talking_point_id": 2 or null}],
  "outline": ["a stronger structure built only from what the candidate said"]
}"#;

/// The judge's user message: the question, rubric, talking points, reference answer, the offline
/// report and the answer. Deterministic for the same inputs (so it can be cached).
pub fn judge_user_prompt(question: &Question, answer: &str, offline: &ScoreReport) -> String {
    let mut p = String::new();
    let _ = writeln!(
        p,
        "## Question ({}, {}, {})\n{}\n",
        question.kind.label(),
        question.category,
        question.difficulty,
        question.prompt.trim()
    );
    if !question.guidance.trim().is_empty() {
        let _ = writeln!(
            p,
            "## Guidance given to the candidate\n{}\n",
            question.guidance.trim()
        );
    }
    let _ = writeln!(p, "## Rubric");
    for d in Dimension::ALL {
        let weight = offline
            .dimensions
            .iter()
            .find(|s| s.dimension == d)
            .map(|s| s.weight);
        let _ = match weight {
            Some(w) => writeln!(
                p,
                "{} (weight {:.0}%)",
                rubric_line(d, question.kind),
                w * 100.0
            ),
            None => writeln!(p, "{}", rubric_line(d, question.kind)),
        };
    }
    let _ = writeln!(p, "\n## Talking points (report each by id)");
    if question.talking_points.is_empty() {
        let _ = writeln!(p, "(none: report an empty list)");
    }
    for (i, tp) in question.talking_points.iter().enumerate() {
        let _ = writeln!(
            p,
            "{}. {} (evidence words: {})",
            i + 1,
            tp.point.trim(),
            tp.evidence.join(", ")
        );
    }
    if !question.example_answer.trim().is_empty() {
        let _ = writeln!(
            p,
            "\n## Reference answer (for calibration only; never quote it)\n{}",
            question.example_answer.trim()
        );
    }
    let _ = writeln!(
        p,
        "\n## Offline keyword scorer's report (a hint, not a verdict)\ntotal {}",
        offline.total
    );
    for d in &offline.dimensions {
        let _ = writeln!(
            p,
            "- {}: {} ({})",
            dimension_key(d.dimension),
            d.score,
            d.note.trim()
        );
    }
    let hit: Vec<&str> = offline
        .talking_points
        .iter()
        .filter(|t| t.hit)
        .map(|t| t.point.as_str())
        .collect();
    let missed: Vec<&str> = offline
        .talking_points
        .iter()
        .filter(|t| !t.hit)
        .map(|t| t.point.as_str())
        .collect();
    if !offline.talking_points.is_empty() {
        let _ = writeln!(p, "- points it found: {}", list_or_none(&hit));
        let _ = writeln!(p, "- points it missed: {}", list_or_none(&missed));
    }
    let _ = writeln!(
        p,
        "\n## The candidate's answer (between the markers)\n<<<ANSWER\n{answer}\nANSWER>>>"
    );
    let _ = writeln!(
        p,
        "\n## Reply with JSON exactly in this shape\n{JUDGE_FORMAT}"
    );
    p
}

fn list_or_none(items: &[&str]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join("; ")
    }
}

/// The follow-up after a reply failed validation: what was wrong, and to answer again.
pub fn judge_fix_prompt(problems: &[String]) -> String {
    let mut p = String::from("Your reply could not be used. Problems:\n");
    for problem in problems.iter().take(12) {
        let _ = writeln!(p, "- {problem}");
    }
    p.push_str(
        "Reply again with the complete JSON object only, fixing every problem. Quotes must be copied exactly from the candidate's answer.",
    );
    p
}

/// The health check's prompt.
pub const CHECK_PROMPT: &str = "Reply with the single word: ok";

/// The structured-output check's prompt.
pub const CHECK_JSON_PROMPT: &str =
    "Reply with a JSON object whose only key is \"ok\" with the value true.";
