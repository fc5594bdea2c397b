//! The prep guide: its sections as data (context, predicted questions, resume defense, deep dives,
//! questions to ask, a day-by-day plan, focus areas) and `build_guide`, which assembles them offline.

use super::analyze::{Analysis, Driver, Seniority, SkillHit, analyze};
use super::enrichment::Enrichment;
use super::focus::{FocusArea, focus_areas};
use super::input::PrepInput;
use super::plan::{PlanDay, plan};
use super::predict::{
    AskQuestion, DeepDive, ExperienceQuestion, PredictedQuestion, deep_dives, experience_questions,
    mock_persona, predicted_questions, questions_to_ask,
};
use super::resume::{BulletDefense, defend};
use super::vocabulary::Vocabulary;
use crate::bank::Bank;
use crate::domain::{InterviewStage, Role};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Identifies a saved guide; time-ordered.
pub type GuideId = Uuid;

/// How many predicted questions a guide lists.
pub const PREDICTED_COUNT: usize = 12;
/// How many resume bullets get a defense.
pub const DEFENSE_COUNT: usize = 6;

/// Role and company context: what the posting says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleContext {
    /// The role category.
    pub role: Role,
    /// Why that role.
    pub role_reason: String,
    /// How senior.
    pub seniority: Seniority,
    /// Why that seniority.
    pub seniority_reason: String,
    /// Skills and tools, most mentioned first.
    pub skills: Vec<SkillHit>,
    /// The one to three requirements stressed most.
    pub drivers: Vec<Driver>,
    /// Sentences where the posting describes the company.
    pub company_lines: Vec<String>,
    /// The description with the drivers in bold.
    pub highlighted: String,
}

/// A section of the guide, in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// Role and company context.
    Context,
    /// The description with the callback drivers in bold.
    Description,
    /// Predicted questions and "your experience with X".
    Predicted,
    /// Probes and STAR drafts for resume bullets.
    ResumeDefense,
    /// Deep dives on the top skills.
    DeepDives,
    /// Questions to ask the interviewer.
    QuestionsToAsk,
    /// The day-by-day plan.
    Plan,
    /// Focus areas from prior-round notes.
    FocusAreas,
}

impl SectionKind {
    /// Every section, in reading order.
    pub const ALL: [Self; 8] = [
        Self::Context,
        Self::Description,
        Self::Predicted,
        Self::ResumeDefense,
        Self::DeepDives,
        Self::QuestionsToAsk,
        Self::Plan,
        Self::FocusAreas,
    ];

    /// The section's key, as in JSON (`context`, `predicted`, `resume_defense`, …).
    pub fn as_key(self) -> &'static str {
        match self {
            Self::Context => "context",
            Self::Description => "description",
            Self::Predicted => "predicted",
            Self::ResumeDefense => "resume_defense",
            Self::DeepDives => "deep_dives",
            Self::QuestionsToAsk => "questions_to_ask",
            Self::Plan => "plan",
            Self::FocusAreas => "focus_areas",
        }
    }

    /// A short label for narrow places (the screen's sidebar).
    pub fn short(self) -> &'static str {
        match self {
            Self::Context => "Role & company",
            Self::Description => "Description",
            Self::Predicted => "Predicted questions",
            Self::ResumeDefense => "Resume defense",
            Self::DeepDives => "Deep dives",
            Self::QuestionsToAsk => "Questions to ask",
            Self::Plan => "Day-by-day plan",
            Self::FocusAreas => "Focus areas",
        }
    }

    /// The section's heading.
    pub fn title(self) -> &'static str {
        match self {
            Self::Context => "Role and company",
            Self::Description => "Job description",
            Self::Predicted => "Predicted questions",
            Self::ResumeDefense => "Resume defense",
            Self::DeepDives => "Technical deep dives",
            Self::QuestionsToAsk => "Questions to ask",
            Self::Plan => "Day-by-day plan",
            Self::FocusAreas => "Focus areas from notes",
        }
    }
}

/// A prep guide for one interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guide {
    /// Time-ordered identifier.
    pub id: GuideId,
    /// When it was built.
    pub created_at: Timestamp,
    /// The job title.
    pub title: String,
    /// The company, if named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// The round prepared for.
    pub stage: InterviewStage,
    /// Days until the interview when the guide was built.
    pub days: u32,
    /// Where the job description came from.
    pub source: String,
    /// Who wrote it: "offline", or "offline + llm:<model>" once an LLM added sections.
    pub generated_by: String,
    /// Role and company context.
    pub context: RoleContext,
    /// Questions likely in this round, with why.
    pub predicted: Vec<PredictedQuestion>,
    /// "Your experience with X" questions.
    pub experience: Vec<ExperienceQuestion>,
    /// Whether a resume was given.
    pub resume_given: bool,
    /// Probes and STAR drafts for strong and risky resume bullets.
    pub resume_defense: Vec<BulletDefense>,
    /// Deep dives on the top skills.
    pub deep_dives: Vec<DeepDive>,
    /// Questions to ask the interviewer at this stage.
    pub questions_to_ask: Vec<AskQuestion>,
    /// One entry per day until the interview.
    pub plan: Vec<PlanDay>,
    /// A note about the plan (e.g. when it covers only the last two weeks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_note: Option<String>,
    /// Whether prior-round notes were given.
    pub notes_given: bool,
    /// Prior-round notes turned into focus areas.
    pub focus_areas: Vec<FocusArea>,
    /// The interviewer persona that fits this stage, for "mock this stage".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mock_persona: Option<String>,
    /// Sections an LLM wrote on top of the offline ones, in `EnrichKind::ALL` order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enrichment: Vec<Enrichment>,
    /// Why LLM enrichment stopped or was skipped, when it did not finish.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enrichment_note: Option<String>,
}

impl Guide {
    /// The sections this guide has, in reading order (focus areas only when notes were given).
    pub fn sections(&self) -> Vec<SectionKind> {
        SectionKind::ALL
            .into_iter()
            .filter(|s| *s != SectionKind::FocusAreas || self.notes_given)
            .collect()
    }

    /// Bank ids of the predicted questions, most likely first (for "practise these").
    pub fn predicted_ids(&self) -> Vec<String> {
        self.predicted
            .iter()
            .map(|p| p.question_id.clone())
            .collect()
    }

    /// A one-line heading: title, company and stage.
    pub fn heading(&self) -> String {
        let mut h = self.title.clone();
        if let Some(c) = &self.company {
            h.push_str(" at ");
            h.push_str(c);
        }
        h
    }
}

/// Lines where the posting talks about the company: the "About" section and sentences naming it.
pub fn company_lines(text: &str, company: Option<&str>) -> Vec<String> {
    let company = company.map(str::to_lowercase).filter(|c| !c.is_empty());
    // join wrapped lines into paragraphs first, so a sentence is never cut at a line break
    let mut paragraphs: Vec<(bool, String)> = Vec::new();
    let mut in_about = false;
    let mut current = String::new();
    let flush = |current: &mut String, in_about: bool, out: &mut Vec<(bool, String)>| {
        if !current.trim().is_empty() {
            out.push((in_about, current.trim().to_string()));
        }
        current.clear();
    };
    for raw in text.lines() {
        let line = raw.trim();
        let heading =
            line.starts_with('#') || (line.ends_with(':') && line.split_whitespace().count() <= 6);
        let bullet = line.starts_with(['-', '*', '\u{2022}']);
        if line.is_empty() || heading || bullet {
            flush(&mut current, in_about, &mut paragraphs);
        }
        if heading {
            let lower = line.to_lowercase();
            in_about = lower.contains("about")
                && !lower.contains("about you")
                && !lower.contains("about the role");
            continue;
        }
        if bullet {
            current.push_str(line.trim_start_matches(['-', '*', '\u{2022}', ' ']));
            flush(&mut current, in_about, &mut paragraphs);
        } else if !line.is_empty() {
            current.push(' ');
            current.push_str(line);
        }
    }
    flush(&mut current, in_about, &mut paragraphs);
    let mut lines = Vec::new();
    for (about, p) in paragraphs {
        let names_company = company
            .as_deref()
            .is_some_and(|c| p.to_lowercase().contains(c));
        if (about || names_company) && p.split_whitespace().count() >= 5 {
            let mut cut: String = p.chars().take(400).collect();
            if cut.len() < p.len()
                && let Some(end) = cut.rfind(". ")
            {
                cut.truncate(end + 1);
            }
            if !lines.contains(&cut) {
                lines.push(cut);
            }
        }
        if lines.len() == 5 {
            break;
        }
    }
    lines
}

/// Builds the offline guide for `input` from the bank and the vocabulary.
pub fn build_guide(
    input: &PrepInput,
    bank: &Bank,
    vocab: &Vocabulary,
    id: GuideId,
    now: Timestamp,
) -> Guide {
    let analysis: Analysis = analyze(vocab, &input.jd, input.job_title.as_deref());
    let resume = input.resume.as_deref().filter(|r| !r.trim().is_empty());
    let notes = input.notes.as_deref().filter(|n| !n.trim().is_empty());
    let focus = notes
        .map(|n| focus_areas(vocab, bank, &analysis, n))
        .unwrap_or_default();
    let predicted = predicted_questions(bank, &analysis, input.stage, &focus, PREDICTED_COUNT);
    let experience = experience_questions(vocab, &analysis, resume);
    let resume_defense = resume
        .map(|r| defend(vocab, r, DEFENSE_COUNT))
        .unwrap_or_default();
    let dives = deep_dives(bank, &analysis, 3);
    let ask = questions_to_ask(bank, analysis.role, input.stage, 5);
    let persona = mock_persona(bank, input.stage);
    let (days_plan, plan_note) = plan(
        input.days,
        input.stage,
        &predicted,
        &dives,
        &focus,
        !resume_defense.is_empty(),
        persona.as_deref(),
    );
    Guide {
        id,
        created_at: now,
        title: analysis.title.clone(),
        company: input.company.clone(),
        stage: input.stage,
        days: input.days,
        source: input.jd_source.label(),
        generated_by: "offline".into(),
        context: RoleContext {
            role: analysis.role,
            role_reason: analysis.role_reason.clone(),
            seniority: analysis.seniority,
            seniority_reason: analysis.seniority_reason.clone(),
            skills: analysis.skills.clone(),
            drivers: analysis.drivers.clone(),
            company_lines: company_lines(&input.jd, input.company.as_deref()),
            highlighted: analysis.highlighted.clone(),
        },
        predicted,
        experience,
        resume_given: resume.is_some(),
        resume_defense,
        deep_dives: dives,
        questions_to_ask: ask,
        plan: days_plan,
        plan_note,
        notes_given: notes.is_some(),
        focus_areas: focus,
        mock_persona: persona,
        enrichment: Vec::new(),
        enrichment_note: None,
    }
}
