//! The `Interviewer` trait and its two implementations: scripted (persona lines, offline) and LLM
//! (a bounded prompt to stream, with the scripted line kept as the fallback).

use super::engine::{Cue, Interview};
use super::prompt::{self, Prompt};
use crate::domain::PersonaStyle;

/// What the interviewer says for a cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Utterance {
    /// The scripted words: shown as they are offline, and used when the LLM fails.
    pub text: String,
    /// A prompt to stream the words from an LLM instead, if this interviewer uses one.
    pub prompt: Option<Prompt>,
}

/// Turns the engine's cues into words.
pub trait Interviewer {
    /// What to say for `cue` at this point of `interview`.
    fn speak(&self, interview: &Interview, cue: &Cue) -> Utterance;
    /// "scripted", or "llm:<model>".
    fn label(&self) -> String;
}

/// The offline interviewer: persona lines and bank questions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptedInterviewer;

/// The placeholder a persona line may use for the interview's planned length in minutes.
pub const MINUTES_PLACEHOLDER: &str = "{minutes}";

/// A line from `lines`, varied by how far the interview has come, with [`MINUTES_PLACEHOLDER`]
/// filled in; "" when there are none.
fn pick(lines: &[String], interview: &Interview, salt: usize) -> String {
    if lines.is_empty() {
        return String::new();
    }
    let turn = interview.transcript.turns.len();
    let seed = interview.session_id.as_u128() as usize;
    lines[(seed.wrapping_add(turn * 7).wrapping_add(salt)) % lines.len()]
        .trim()
        .replace(
            MINUTES_PLACEHOLDER,
            &interview.setup.planned_minutes().to_string(),
        )
}

fn join(parts: &[String]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the scripted interviewer says when there are more candidate questions to take.
pub const ANYTHING_ELSE: &str = "What else would you like to ask?";

impl ScriptedInterviewer {
    /// The scripted words for `cue`.
    pub fn line(interview: &Interview, cue: &Cue) -> String {
        let p = &interview.persona;
        let l = &p.lines;
        match cue {
            Cue::Opening => format!(
                "{}\n\n{}",
                pick(&l.greetings, interview, 0),
                pick(&l.warmups, interview, 1)
            ),
            Cue::Ask { index } => {
                let prompt = interview
                    .questions
                    .get(*index)
                    .map_or_else(String::new, |q| q.prompt.trim().to_string());
                let lead = if *index == 0 || p.style == PersonaStyle::Architect {
                    pick(&l.acknowledgements, interview, 2)
                } else {
                    pick(&l.transitions, interview, 3)
                };
                format!("{lead}\n\n{prompt}").trim().to_string()
            }
            Cue::Probe { kind, .. } => {
                let probe = pick(p.probes.for_kind(*kind), interview, 4);
                // A friendly interviewer encourages before probing; others just ask.
                if p.style == PersonaStyle::Friendly {
                    join(&[pick(&l.acknowledgements, interview, 5), probe])
                } else {
                    probe
                }
            }
            Cue::InviteQuestions => join(&[
                pick(&l.acknowledgements, interview, 6),
                pick(&l.candidate_questions, interview, 7),
            ]),
            Cue::AnswerCandidate { answer, close, .. } => {
                if *close {
                    format!("{answer}\n\n{}", pick(&l.closings, interview, 8))
                } else {
                    format!("{answer}\n\n{ANYTHING_ELSE}")
                }
            }
            Cue::Close => pick(&l.closings, interview, 9),
        }
    }
}

impl Interviewer for ScriptedInterviewer {
    fn speak(&self, interview: &Interview, cue: &Cue) -> Utterance {
        Utterance {
            text: Self::line(interview, cue),
            prompt: None,
        }
    }

    fn label(&self) -> String {
        "scripted".into()
    }
}

/// The LLM interviewer: streams its words from a model, falling back to the scripted line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LlmInterviewer {
    /// The model's name, for labels.
    pub model: String,
}

impl Interviewer for LlmInterviewer {
    fn speak(&self, interview: &Interview, cue: &Cue) -> Utterance {
        Utterance {
            text: ScriptedInterviewer::line(interview, cue),
            prompt: Some(prompt::build(interview, cue)),
        }
    }

    fn label(&self) -> String {
        format!("llm:{}", self.model)
    }
}
