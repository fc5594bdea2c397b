//! Running a mock interview from a script: answers separated by `---` lines, each taken in turn
//! by the warm-up, the questions, their follow-ups and "any questions for me?", spoken to by the
//! scripted interviewer. Pure apart from the clock it is given; nothing here touches the store.

use super::engine::{Cue, Interview, Phase};
use super::interviewer::ScriptedInterviewer;
use jiff::Timestamp;

/// A line holding only this (and whitespace) separates two answers.
pub const SEPARATOR: &str = "---";

/// One answer in a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptAnswer {
    /// The answer, trimmed; empty for a blank answer.
    pub text: String,
    /// The 1-based line it starts on (its first non-blank line).
    pub line: usize,
}

/// Splits a script into answers. Lines holding only `---` separate answers; line endings may be
/// `\n` or `\r\n`; trailing whitespace is ignored; a blank block after the last separator is not
/// an answer.
pub fn parse_script(text: &str) -> Vec<ScriptAnswer> {
    let mut answers = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    let mut start = 1;
    let mut first_text: Option<usize> = None;
    let mut close = |lines: &mut Vec<&str>, start: usize, first_text: Option<usize>| {
        answers.push(ScriptAnswer {
            text: lines.join("\n").trim().to_string(),
            line: first_text.unwrap_or(start),
        });
        lines.clear();
    };
    let mut count = 0;
    for (i, raw) in text.lines().enumerate() {
        let number = i + 1;
        count = number;
        let line = raw.trim_end();
        if line.trim_start() == SEPARATOR {
            close(&mut lines, start, first_text);
            start = number + 1;
            first_text = None;
            continue;
        }
        if first_text.is_none() && !line.trim().is_empty() {
            first_text = Some(number);
        }
        lines.push(line);
    }
    let trailing_blank = lines.iter().all(|l| l.trim().is_empty());
    let separated = start > 1;
    if !(trailing_blank && (separated || count == 0)) {
        close(&mut lines, start, first_text);
    }
    answers
}

/// Whether a script holds at least one answer with words in it.
pub fn has_answers(answers: &[ScriptAnswer]) -> bool {
    answers.iter().any(|a| !a.text.is_empty())
}

/// A script that cannot be run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScriptError {
    /// A blank answer where only the candidate-questions step may take one.
    #[error(
        "answer {number} (line {line}) is empty but answers {step}; only the answer to \"any questions for me?\" may be empty (it closes the interview)"
    )]
    EmptyAnswer {
        /// The answer's 1-based position in the script.
        number: usize,
        /// The line it starts on.
        line: usize,
        /// What it would answer, e.g. "question 2".
        step: String,
    },
}

/// A finished scripted run.
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptRun {
    /// The interview, closed.
    pub interview: Interview,
    /// For each transcript turn, the cue the interviewer spoke to (`None` for the candidate's).
    pub cues: Vec<Option<Cue>>,
    /// Answers the run took from the script.
    pub used: usize,
    /// The script ran out before the interview closed, so it was ended early.
    pub ran_out: bool,
}

/// What an answer in `phase` answers, for messages.
fn step_name(phase: Phase) -> String {
    match phase {
        Phase::Ready | Phase::Warmup => "the warm-up".into(),
        Phase::Question {
            index,
            follow_ups: 0,
        } => format!("question {}", index + 1),
        Phase::Question { index, .. } => format!("a follow-up on question {}", index + 1),
        Phase::CandidateQuestions { .. } => "\"any questions for me?\"".into(),
        Phase::Closed => "nothing (the interview is over)".into(),
    }
}

/// Says the pending cue with the scripted interviewer.
fn speak(interview: &mut Interview, cues: &mut Vec<Option<Cue>>, now: Timestamp) {
    if let Some(cue) = interview.pending.clone() {
        let text = ScriptedInterviewer::line(interview, &cue);
        interview.say(text, now);
        cues.push(Some(cue));
    }
}

/// Runs an opened `interview` with `answers` in order until it closes, or ends it early when the
/// answers run out (as the screen's "end interview" does). `clock` gives the time of each step.
pub fn run_script(
    mut interview: Interview,
    answers: &[ScriptAnswer],
    mut clock: impl FnMut() -> Timestamp,
) -> Result<ScriptRun, ScriptError> {
    let mut cues: Vec<Option<Cue>> = interview.transcript.turns.iter().map(|_| None).collect();
    speak(&mut interview, &mut cues, clock());
    let mut used = 0;
    let mut ran_out = false;
    while !interview.is_closed() {
        let Some(answer) = answers.get(used) else {
            interview.end_early(clock());
            speak(&mut interview, &mut cues, clock());
            ran_out = true;
            break;
        };
        let may_be_empty = matches!(interview.phase, Phase::CandidateQuestions { .. });
        if answer.text.trim().is_empty() && !may_be_empty {
            return Err(ScriptError::EmptyAnswer {
                number: used + 1,
                line: answer.line,
                step: step_name(interview.phase),
            });
        }
        used += 1;
        interview.answer(&answer.text, clock());
        cues.push(None);
        speak(&mut interview, &mut cues, clock());
    }
    Ok(ScriptRun {
        interview,
        cues,
        used,
        ran_out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;
    use crate::interview::setup::{Length, MockSetup};
    use crate::interview::start::start;

    fn texts(script: &str) -> Vec<(String, usize)> {
        parse_script(script)
            .into_iter()
            .map(|a| (a.text, a.line))
            .collect()
    }

    #[test]
    fn separators_split_answers_and_record_their_lines() {
        let script = "I am an engineer.\n---\nFirst answer,\nsecond line.\n---\n\nno\n";
        assert_eq!(
            texts(script),
            vec![
                ("I am an engineer.".into(), 1),
                ("First answer,\nsecond line.".into(), 3),
                ("no".into(), 7),
            ]
        );
    }

    #[test]
    fn trailing_whitespace_and_crlf_are_ignored() {
        let script = "warm up  \r\n---   \r\nanswer one\t\r\n  ---\r\nanswer two\r\n";
        assert_eq!(
            texts(script),
            vec![
                ("warm up".into(), 1),
                ("answer one".into(), 3),
                ("answer two".into(), 5),
            ]
        );
    }

    #[test]
    fn blank_answers_keep_their_place_but_a_trailing_separator_adds_none() {
        assert_eq!(
            texts("one\n---\n\n---\nthree\n---\n\n"),
            vec![("one".into(), 1), (String::new(), 3), ("three".into(), 5)]
        );
        assert_eq!(
            texts("---- not a separator\n"),
            vec![("---- not a separator".into(), 1)]
        );
        assert!(parse_script("").is_empty());
        assert!(!has_answers(&parse_script("\n---\n  \n---\n")));
        assert!(has_answers(&parse_script("hello")));
    }

    fn interview() -> Interview {
        let bank = Bank::load(None).bank;
        let persona = bank.persona("neutral").unwrap();
        let mut setup = MockSetup::new(persona, 30);
        setup.length = Length::Questions(2);
        start(
            &bank,
            setup,
            7,
            Timestamp::from_second(1_700_000_000).unwrap(),
        )
        .unwrap()
    }

    fn clock() -> impl FnMut() -> Timestamp {
        let mut at = Timestamp::from_second(1_700_000_000).unwrap();
        move || {
            at += jiff::SignedDuration::from_secs(30);
            at
        }
    }

    #[test]
    fn running_out_ends_early_and_empty_question_answers_are_refused() {
        let answers = parse_script("I build payment systems and lead a team of four.");
        let run = run_script(interview(), &answers, clock()).unwrap();
        assert!(run.ran_out && run.interview.is_closed() && run.interview.ended_early);
        assert_eq!(run.used, 1);
        assert_eq!(run.cues.len(), run.interview.transcript.turns.len());
        assert!(matches!(run.cues.last(), Some(Some(Cue::Close))));

        let answers = parse_script("Hello there.\n---\n\n---\nmore");
        let err = run_script(interview(), &answers, clock()).unwrap_err();
        assert_eq!(
            err,
            ScriptError::EmptyAnswer {
                number: 2,
                line: 3,
                step: "question 1".into()
            }
        );
    }
}
