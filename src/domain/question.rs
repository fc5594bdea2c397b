//! A bank question and its vocabularies: kind, role, difficulty, interview stage, talking points.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What sort of question this is; decides how an answer is structured and scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// "Tell me about a time…" — answered as a STAR story.
    Behavioral,
    /// A concept or skill question for a role, with a reference answer.
    Technical,
    /// Design a system: requirements, estimates, components, data, scaling, trade-offs.
    SystemDesign,
    /// "What would you do if…" — judgement in a hypothetical.
    Situational,
    /// Company and culture fit: why us, values, the product.
    Company,
    /// Questions the candidate asks the interviewer.
    QuestionsToAsk,
}

impl QuestionKind {
    /// Every kind, in display order.
    pub const ALL: [Self; 6] = [
        Self::Behavioral,
        Self::Technical,
        Self::SystemDesign,
        Self::Situational,
        Self::Company,
        Self::QuestionsToAsk,
    ];

    /// The identifier used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Behavioral => "behavioral",
            Self::Technical => "technical",
            Self::SystemDesign => "system_design",
            Self::Situational => "situational",
            Self::Company => "company",
            Self::QuestionsToAsk => "questions_to_ask",
        }
    }

    /// A human label for screens.
    pub fn label(self) -> &'static str {
        match self {
            Self::Behavioral => "Behavioral",
            Self::Technical => "Technical",
            Self::SystemDesign => "System design",
            Self::Situational => "Situational",
            Self::Company => "Company & culture",
            Self::QuestionsToAsk => "Questions to ask",
        }
    }

    /// The time limit used when a question does not set its own.
    pub fn default_time_limit_secs(self) -> u32 {
        match self {
            Self::Behavioral | Self::Situational => 180,
            Self::Technical => 240,
            Self::SystemDesign => 900,
            Self::Company => 120,
            Self::QuestionsToAsk => 60,
        }
    }
}

/// The role a question is asked for. `Any` means every role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Asked whatever the role.
    Any,
    /// Backend / general software engineering.
    SoftwareEngineer,
    /// Frontend and web engineering.
    FrontendEngineer,
    /// Data science and machine learning.
    DataScientist,
    /// Data engineering: pipelines, warehouses, streaming.
    DataEngineer,
    /// DevOps and site reliability engineering.
    DevopsSre,
    /// Engineering management.
    EngineeringManager,
    /// Product management.
    ProductManager,
    /// Management consulting: cases, sizing, profitability.
    Consultant,
    /// Finance: valuation, accounting, modelling.
    Finance,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Self; 10] = [
        Self::Any,
        Self::SoftwareEngineer,
        Self::FrontendEngineer,
        Self::DataScientist,
        Self::DataEngineer,
        Self::DevopsSre,
        Self::EngineeringManager,
        Self::ProductManager,
        Self::Consultant,
        Self::Finance,
    ];

    /// The identifier used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Any => "any",
            Self::SoftwareEngineer => "software_engineer",
            Self::FrontendEngineer => "frontend_engineer",
            Self::DataScientist => "data_scientist",
            Self::DataEngineer => "data_engineer",
            Self::DevopsSre => "devops_sre",
            Self::EngineeringManager => "engineering_manager",
            Self::ProductManager => "product_manager",
            Self::Consultant => "consultant",
            Self::Finance => "finance",
        }
    }

    /// A human label for screens.
    pub fn label(self) -> &'static str {
        match self {
            Self::Any => "Any role",
            Self::SoftwareEngineer => "Software engineer",
            Self::FrontendEngineer => "Frontend engineer",
            Self::DataScientist => "Data scientist / ML",
            Self::DataEngineer => "Data engineer",
            Self::DevopsSre => "DevOps / SRE",
            Self::EngineeringManager => "Engineering manager",
            Self::ProductManager => "Product manager",
            Self::Consultant => "Consultant",
            Self::Finance => "Finance",
        }
    }
}

/// How hard a question is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Difficulty {
    /// A warm-up; most candidates answer it well.
    Easy,
    /// The typical interview question.
    Medium,
    /// Senior scope or deep knowledge.
    Hard,
}

impl Difficulty {
    /// Every difficulty, easiest first.
    pub const ALL: [Self; 3] = [Self::Easy, Self::Medium, Self::Hard];

    /// The identifier used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Easy => "easy",
            Self::Medium => "medium",
            Self::Hard => "hard",
        }
    }
}

/// The round of an interview loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterviewStage {
    /// The first call with a recruiter: fit, logistics, motivation.
    Recruiter,
    /// A technical round with an engineer or specialist.
    Technical,
    /// The hiring manager's round: scope, ownership, team fit.
    HiringManager,
    /// The final / onsite round, often with senior leaders.
    Final,
}

impl InterviewStage {
    /// Every stage, in the order a loop usually runs.
    pub const ALL: [Self; 4] = [
        Self::Recruiter,
        Self::Technical,
        Self::HiringManager,
        Self::Final,
    ];

    /// The identifier used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Recruiter => "recruiter",
            Self::Technical => "technical",
            Self::HiringManager => "hiring_manager",
            Self::Final => "final",
        }
    }
}

macro_rules! display_and_parse {
    ($ty:ty, $what:literal) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $ty {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == wanted)
                    .ok_or_else(|| {
                        let names: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                        format!(
                            "unknown {} '{}' (expected one of: {})",
                            $what,
                            s,
                            names.join(", ")
                        )
                    })
            }
        }
    };
}

display_and_parse!(QuestionKind, "kind");
display_and_parse!(Role, "role");
display_and_parse!(Difficulty, "difficulty");
display_and_parse!(InterviewStage, "stage");

/// A point a strong answer makes, with the words and phrases that show it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TalkingPoint {
    /// The point, in a short sentence.
    pub point: String,
    /// Words and phrases (with synonyms) whose presence evidences the point.
    pub evidence: Vec<String>,
}

/// One question of the prep bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable identifier, unique across all banks (attempts refer to it).
    pub id: String,
    /// What sort of question it is.
    pub kind: QuestionKind,
    /// The competency or topic, e.g. "conflict" or "databases".
    pub category: String,
    /// Roles that are asked this question; `any` for all.
    pub roles: Vec<Role>,
    /// How hard it is.
    pub difficulty: Difficulty,
    /// Seconds allowed for a timed answer; the kind's default when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit_secs: Option<u32>,
    /// The question as the interviewer asks it.
    pub prompt: String,
    /// How to approach it, in a few sentences.
    #[serde(default)]
    pub guidance: String,
    /// What a strong answer covers.
    pub talking_points: Vec<TalkingPoint>,
    /// A model answer (a STAR story for behavioral; a precise reference for technical).
    #[serde(default)]
    pub example_answer: String,
    /// Follow-up questions an interviewer may ask next.
    #[serde(default)]
    pub follow_ups: Vec<String>,
    /// Free-form tags for search and filtering.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Interview stages where it is likely; empty means any stage.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<InterviewStage>,
}

impl Question {
    /// The time limit in seconds: the question's own, or its kind's default.
    pub fn time_limit(&self) -> u32 {
        self.time_limit_secs
            .unwrap_or_else(|| self.kind.default_time_limit_secs())
    }

    /// Whether the question is asked for `role` (questions for `any` match every role).
    pub fn fits_role(&self, role: Role) -> bool {
        role == Role::Any || self.roles.iter().any(|r| *r == Role::Any || *r == role)
    }

    /// Whether the question is likely at `stage` (no stages listed means every stage).
    pub fn fits_stage(&self, stage: InterviewStage) -> bool {
        self.stages.is_empty() || self.stages.contains(&stage)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_from_cli_spellings() {
        assert_eq!(
            "system-design".parse::<QuestionKind>(),
            Ok(QuestionKind::SystemDesign)
        );
        assert_eq!(
            "Questions to ask".parse::<QuestionKind>(),
            Ok(QuestionKind::QuestionsToAsk)
        );
        let err = "poetry".parse::<QuestionKind>().unwrap_err();
        assert!(err.contains("unknown kind 'poetry'"), "{err}");
        assert!(err.contains("behavioral"), "{err}");
    }

    #[test]
    fn role_any_matches_everything() {
        let q = Question {
            id: "x".into(),
            kind: QuestionKind::Technical,
            category: "c".into(),
            roles: vec![Role::DataScientist],
            difficulty: Difficulty::Easy,
            time_limit_secs: None,
            prompt: "p".into(),
            guidance: String::new(),
            talking_points: vec![],
            example_answer: String::new(),
            follow_ups: vec![],
            tags: vec![],
            stages: vec![],
        };
        assert!(q.fits_role(Role::Any));
        assert!(q.fits_role(Role::DataScientist));
        assert!(!q.fits_role(Role::Finance));
        assert_eq!(q.time_limit(), 240);
        assert!(q.fits_stage(InterviewStage::Final));
    }
}
