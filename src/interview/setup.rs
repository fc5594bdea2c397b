//! How a mock interview is set up: persona, role, stage, planned length and an optional job description.

use crate::bank::Bank;
use crate::domain::{InterviewStage, Persona, Role};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Planned minutes one question takes with its follow-ups.
pub const MINUTES_PER_QUESTION: u32 = 6;
/// Minutes the greeting, warm-up, candidate questions and closing take together.
pub const MINUTES_OVERHEAD: u32 = 5;
/// The most questions one interview asks.
pub const MAX_QUESTIONS: u32 = 12;
/// The longest job description kept, in characters.
pub const MAX_JD_CHARS: usize = 6000;

/// How long the interview is planned to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Length {
    /// A number of minutes; the question count follows from it.
    Minutes(u32),
    /// A number of main questions; the planned minutes follow from it.
    Questions(u32),
}

/// Everything chosen before the interview starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MockSetup {
    /// The interviewer persona's id.
    pub persona_id: String,
    /// The role interviewed for.
    pub role: Role,
    /// The interview round.
    pub stage: InterviewStage,
    /// The planned length.
    pub length: Length,
    /// The job description's text, if one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_description: Option<String>,
    /// Where the job description came from (a file name), for display.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_description_source: Option<String>,
}

/// A setup that cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SetupError {
    /// No persona has this id.
    #[error("no persona with id '{id}' (available: {available})")]
    UnknownPersona {
        /// The id asked for.
        id: String,
        /// The ids there are.
        available: String,
    },
    /// The job description file could not be read.
    #[error("cannot read the job description file {}: {message}", path.display())]
    JobDescription {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// A length of zero.
    #[error("--{flag} must be at least 1 (got {value})")]
    ZeroLength {
        /// The flag.
        flag: &'static str,
        /// The value.
        value: u32,
    },
}

impl MockSetup {
    /// A setup with defaults: the persona's first stage (or technical), any role, `minutes` long.
    pub fn new(persona: &Persona, minutes: u32) -> Self {
        Self {
            persona_id: persona.id.clone(),
            role: Role::Any,
            stage: persona
                .stages
                .first()
                .copied()
                .unwrap_or(InterviewStage::Technical),
            length: Length::Minutes(minutes.max(1)),
            job_description: None,
            job_description_source: None,
        }
    }

    /// How many main questions are asked.
    pub fn question_count(&self) -> usize {
        let n = match self.length {
            Length::Questions(n) => n,
            Length::Minutes(m) => m.saturating_sub(MINUTES_OVERHEAD) / MINUTES_PER_QUESTION,
        };
        n.clamp(1, MAX_QUESTIONS) as usize
    }

    /// The planned length in minutes.
    pub fn planned_minutes(&self) -> u32 {
        match self.length {
            Length::Minutes(m) => m.max(1),
            Length::Questions(n) => n.max(1) * MINUTES_PER_QUESTION + MINUTES_OVERHEAD,
        }
    }

    /// A one-line description, e.g. "friendly · technical · software_engineer · 30 min".
    pub fn label(&self) -> String {
        let length = match self.length {
            Length::Minutes(m) => format!("{m} min"),
            Length::Questions(n) => format!("{n} questions"),
        };
        let mut label = format!(
            "mock · {} · {} · {} · {length}",
            self.persona_id, self.stage, self.role
        );
        if let Some(src) = &self.job_description_source {
            label.push_str(" · jd ");
            label.push_str(src);
        }
        label
    }

    /// Reads a job description file into the setup (clipped to [`MAX_JD_CHARS`]).
    pub fn read_job_description(&mut self, path: &Path) -> Result<(), SetupError> {
        let text = std::fs::read_to_string(path).map_err(|e| SetupError::JobDescription {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        self.set_job_description(
            &text,
            path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
        );
        Ok(())
    }

    /// Sets the job description's text and where it came from.
    pub fn set_job_description(&mut self, text: &str, source: impl Into<String>) {
        let text: String = text.trim().chars().take(MAX_JD_CHARS).collect();
        self.job_description = (!text.is_empty()).then_some(text);
        self.job_description_source = Some(source.into());
    }

    /// The persona this setup names, or an error listing the ones there are.
    pub fn persona<'a>(&self, bank: &'a Bank) -> Result<&'a Persona, SetupError> {
        bank.persona(&self.persona_id)
            .ok_or_else(|| SetupError::UnknownPersona {
                id: self.persona_id.clone(),
                available: bank
                    .personas()
                    .iter()
                    .map(|p| p.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_and_questions_convert_both_ways() {
        let bank = Bank::load(None).bank;
        let p = bank.persona("friendly").unwrap();
        let mut s = MockSetup::new(p, 30);
        assert_eq!(s.question_count(), 4);
        assert_eq!(s.planned_minutes(), 30);
        s.length = Length::Minutes(3);
        assert_eq!(s.question_count(), 1);
        s.length = Length::Questions(3);
        assert_eq!(s.planned_minutes(), 23);
        assert!(s.label().contains("3 questions"));
        s.persona_id = "nobody".into();
        let err = s.persona(&bank).unwrap_err().to_string();
        assert!(err.contains("no persona with id 'nobody'"), "{err}");
        assert!(err.contains("friendly"), "{err}");
    }
}
