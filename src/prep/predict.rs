//! Choosing from the bank for a guide: predicted questions by skill, tag and stage (each with why),
//! "your experience with X" questions, deep dives on the top skills, questions to ask for the
//! stage, and the persona that fits the stage.

use super::analyze::{Analysis, Seniority, SkillHit};
use super::focus::FocusArea;
use super::vocabulary::{SkillKind, Vocabulary};
use crate::bank::Bank;
use crate::domain::{Difficulty, InterviewStage, Question, QuestionKind, Role};
use serde::{Deserialize, Serialize};

/// A bank question likely in this round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PredictedQuestion {
    /// The bank id.
    pub question_id: String,
    /// The prompt.
    pub prompt: String,
    /// Its kind.
    pub kind: QuestionKind,
    /// Why it is likely.
    pub why: String,
}

/// A "your experience with X" question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExperienceQuestion {
    /// The skill asked about.
    pub skill: String,
    /// The question.
    pub prompt: String,
    /// Why it is likely, and whether the resume backs it.
    pub why: String,
}

/// A bank question by id and prompt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionRef {
    /// The bank id.
    pub id: String,
    /// The prompt.
    pub prompt: String,
}

/// A deep dive on one of the top skills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeepDive {
    /// The skill.
    pub skill: String,
    /// Why it is in the top skills.
    pub why: String,
    /// Bank questions that exercise it.
    pub questions: Vec<QuestionRef>,
    /// What strong answers to those questions cover.
    pub talking_points: Vec<String>,
    /// What to be able to do without notes.
    pub checklist: Vec<String>,
}

/// A question for the candidate to ask, with why it fits the stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskQuestion {
    /// The bank id.
    pub question_id: String,
    /// The question.
    pub prompt: String,
    /// Why ask it here.
    pub why: String,
}

fn haystack(q: &Question) -> Vec<String> {
    let mut h: Vec<String> = q.tags.iter().map(|t| t.to_lowercase()).collect();
    h.push(q.category.to_lowercase());
    h.push(q.category.to_lowercase().replace('_', " "));
    h
}

/// The tag that links a skill to a question, if any.
fn shared_tag<'a>(skill: &'a SkillHit, hay: &[String]) -> Option<&'a str> {
    skill
        .tags
        .iter()
        .find(|t| hay.iter().any(|h| h == *t))
        .map(String::as_str)
}

// One arm per (stage, kind) pair reads as a table; equal values in different rows are intended.
#[allow(clippy::match_same_arms)]
fn stage_bonus(stage: InterviewStage, kind: QuestionKind, seniority: Seniority) -> i32 {
    use QuestionKind as K;
    match (stage, kind) {
        (_, K::QuestionsToAsk) => -100,
        (InterviewStage::Recruiter, K::Company) => 5,
        (InterviewStage::Recruiter, K::Behavioral) => 2,
        (InterviewStage::Recruiter, K::SystemDesign) => -6,
        (InterviewStage::Recruiter, K::Technical) => -2,
        (InterviewStage::Technical, K::Technical) => 4,
        (InterviewStage::Technical, K::SystemDesign) => {
            if seniority >= Seniority::Mid {
                3
            } else {
                0
            }
        }
        (InterviewStage::Technical, K::Company) => -3,
        (InterviewStage::HiringManager, K::Behavioral) => 4,
        (InterviewStage::HiringManager, K::Situational) => 3,
        (InterviewStage::Final, K::Behavioral | K::SystemDesign) => 3,
        (InterviewStage::Final, K::Technical | K::Situational | K::Company) => 2,
        _ => 1,
    }
}

fn stage_phrase(stage: InterviewStage) -> &'static str {
    match stage {
        InterviewStage::Recruiter => "recruiter screen",
        InterviewStage::Technical => "technical round",
        InterviewStage::HiringManager => "hiring-manager round",
        InterviewStage::Final => "final round",
    }
}

/// Questions likely in this round: fits the role and stage, scored by the skills and drivers they
/// exercise, the stage's usual kinds, seniority and the notes' focus areas.
pub fn predicted_questions(
    bank: &Bank,
    analysis: &Analysis,
    stage: InterviewStage,
    focus: &[FocusArea],
    limit: usize,
) -> Vec<PredictedQuestion> {
    let driver_skills: Vec<&str> = analysis
        .drivers
        .iter()
        .flat_map(|d| d.skills.iter().map(String::as_str))
        .collect();
    let skills: Vec<&SkillHit> = analysis.top_skills().into_iter().take(14).collect();
    let mut scored: Vec<(i32, &Question, String)> = bank
        .questions()
        .iter()
        .filter(|q| q.kind != QuestionKind::QuestionsToAsk)
        .filter(|q| q.fits_role(analysis.role) && q.fits_stage(stage))
        .map(|q| {
            let hay = haystack(q);
            let mut score = stage_bonus(stage, q.kind, analysis.seniority);
            let mut why: Vec<String> = Vec::new();
            for s in &skills {
                if let Some(tag) = shared_tag(s, &hay) {
                    if driver_skills.contains(&s.name.as_str()) {
                        score += 7;
                        why.push(format!(
                            "a callback driver asks for {} (tag \u{201c}{tag}\u{201d})",
                            s.name
                        ));
                    } else {
                        score += 3 + i32::try_from(s.count.min(3)).unwrap_or(3);
                        why.push(format!(
                            "the posting mentions {} {}",
                            s.name,
                            times(s.count)
                        ));
                    }
                }
            }
            for f in focus {
                if f.tags.iter().any(|t| hay.contains(t)) {
                    score += 5;
                    why.insert(0, format!("your notes flag {}", f.topic));
                }
            }
            if analysis.role != Role::Any && q.roles.contains(&analysis.role) {
                score += 2;
            }
            score += match (analysis.seniority, q.difficulty) {
                (Seniority::Senior | Seniority::Staff | Seniority::Director, Difficulty::Hard)
                | (Seniority::Intern | Seniority::Junior, Difficulty::Easy) => 1,
                (Seniority::Senior | Seniority::Staff | Seniority::Director, Difficulty::Easy)
                | (Seniority::Intern | Seniority::Junior, Difficulty::Hard) => -1,
                _ => 0,
            };
            if why.is_empty() {
                why.push(format!(
                    "a common {} question in the {}",
                    q.kind.label().to_lowercase(),
                    stage_phrase(stage)
                ));
            } else {
                why.truncate(2);
                why.push(format!("fits the {}", stage_phrase(stage)));
            }
            (score, q, why.join("; "))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    let mut out: Vec<PredictedQuestion> = Vec::new();
    let mut per_category: Vec<(&str, usize)> = Vec::new();
    for (_, q, why) in scored {
        if out.len() == limit {
            break;
        }
        let seen = per_category
            .iter_mut()
            .find(|(c, _)| *c == q.category.as_str());
        match seen {
            Some((_, n)) if *n >= 2 => continue,
            Some((_, n)) => *n += 1,
            None => per_category.push((q.category.as_str(), 1)),
        }
        out.push(PredictedQuestion {
            question_id: q.id.clone(),
            prompt: q.prompt.clone(),
            kind: q.kind,
            why,
        });
    }
    out
}

fn times(n: u32) -> String {
    match n {
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

/// "Your experience with X" questions for the top skills, with whether the resume backs each.
pub fn experience_questions(
    vocab: &Vocabulary,
    analysis: &Analysis,
    resume: Option<&str>,
) -> Vec<ExperienceQuestion> {
    let on_resume: Vec<usize> = resume
        .map(|r| vocab.count(r).into_iter().map(|(i, _)| i).collect())
        .unwrap_or_default();
    let driver_skills: Vec<&str> = analysis
        .drivers
        .iter()
        .flat_map(|d| d.skills.iter().map(String::as_str))
        .collect();
    let mut out = Vec::new();
    let mut soft_taken = false;
    let mut per_driver = vec![0_usize; analysis.drivers.len()];
    for s in analysis.top_skills() {
        if out.len() == 5 {
            break;
        }
        // "Go, Java or Kotlin" is one requirement: ask about two of its skills at most
        if let Some(d) = analysis
            .drivers
            .iter()
            .position(|d| d.skills.contains(&s.name))
        {
            if per_driver[d] == 2 {
                continue;
            }
            per_driver[d] += 1;
        }
        let soft = s.kind == SkillKind::Soft;
        if soft && (soft_taken || !driver_skills.contains(&s.name.as_str())) {
            continue;
        }
        soft_taken |= soft;
        let prompt = match s.kind {
            SkillKind::Language
            | SkillKind::Framework
            | SkillKind::Tool
            | SkillKind::DataStore
            | SkillKind::Cloud => format!(
                "Tell me about the most demanding thing you have built with {}. What would you do differently now?",
                s.name
            ),
            SkillKind::Practice | SkillKind::Domain => format!(
                "Walk me through a time you used {} in your work, start to finish.",
                s.name
            ),
            SkillKind::Soft => format!("Give me an example that shows your {}.", s.name),
        };
        let mut why = if driver_skills.contains(&s.name.as_str()) {
            "a callback driver asks for it".to_string()
        } else {
            format!("the posting mentions it {}", times(s.count))
        };
        if resume.is_some() {
            let backed = vocab
                .by_name(&s.name)
                .is_some_and(|i| on_resume.contains(&i));
            why.push_str(if backed {
                "; your resume mentions it, so expect depth"
            } else {
                "; your resume does not mention it: prepare the closest example and say so plainly"
            });
        }
        out.push(ExperienceQuestion {
            skill: s.name.clone(),
            prompt,
            why,
        });
    }
    out
}

/// Deep dives on the top `limit` technical skills: bank questions and their talking points.
pub fn deep_dives(bank: &Bank, analysis: &Analysis, limit: usize) -> Vec<DeepDive> {
    let driver_skills: Vec<&str> = analysis
        .drivers
        .iter()
        .flat_map(|d| d.skills.iter().map(String::as_str))
        .collect();
    // languages last: "deep dive on Go" says less than "deep dive on PostgreSQL"
    let mut technical: Vec<&SkillHit> = analysis
        .top_skills()
        .into_iter()
        .filter(|s| s.kind.is_technical())
        .collect();
    technical.sort_by_key(|s| s.kind == SkillKind::Language);
    technical
        .into_iter()
        .take(limit)
        .map(|s| {
            let mut matches: Vec<(usize, &Question)> = bank
                .questions()
                .iter()
                .filter(|q| matches!(q.kind, QuestionKind::Technical | QuestionKind::SystemDesign))
                .filter(|q| q.fits_role(analysis.role))
                .filter_map(|q| {
                    let hay = haystack(q);
                    let overlap = s.tags.iter().filter(|t| hay.contains(t)).count();
                    (overlap > 0).then_some((overlap, q))
                })
                .collect();
            matches.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
            let picked: Vec<&Question> = matches.into_iter().take(2).map(|(_, q)| q).collect();
            let talking_points = picked
                .iter()
                .flat_map(|q| q.talking_points.iter().map(|t| t.point.clone()))
                .take(5)
                .collect();
            DeepDive {
                skill: s.name.clone(),
                why: if driver_skills.contains(&s.name.as_str()) {
                    "a callback driver asks for it".into()
                } else {
                    format!("the posting mentions it {}", times(s.count))
                },
                questions: picked
                    .iter()
                    .map(|q| QuestionRef {
                        id: q.id.clone(),
                        prompt: q.prompt.clone(),
                    })
                    .collect(),
                talking_points,
                checklist: vec![
                    format!("Explain {} to a peer in two minutes: what it is, when to use it, when not to.", s.name),
                    format!("One project story with {}: the hardest decision or bug, and what you measured.", s.name),
                    format!("The trade-offs of {} against the usual alternative, and when you would switch.", s.name),
                ],
            }
        })
        .collect()
}

fn first_sentence(text: &str) -> String {
    let t = text.trim();
    let end = t.match_indices(". ").next().map_or(t.len(), |(i, _)| i + 1);
    t[..end].trim().to_string()
}

/// Questions to ask the interviewer at this stage, most stage-specific first.
pub fn questions_to_ask(
    bank: &Bank,
    role: Role,
    stage: InterviewStage,
    limit: usize,
) -> Vec<AskQuestion> {
    let mut qs: Vec<&Question> = bank
        .questions()
        .iter()
        .filter(|q| q.kind == QuestionKind::QuestionsToAsk)
        .filter(|q| q.fits_role(role) && q.fits_stage(stage))
        .collect();
    qs.sort_by_key(|q| (q.stages.len() != 1, !q.roles.contains(&role), q.id.clone()));
    qs.into_iter()
        .take(limit)
        .map(|q| AskQuestion {
            question_id: q.id.clone(),
            prompt: q.prompt.clone(),
            why: if q.guidance.trim().is_empty() {
                format!("fits the {}", stage_phrase(stage))
            } else {
                first_sentence(&q.guidance)
            },
        })
        .collect()
}

/// The persona to mock this stage with: the usual interviewer for the stage, if the bank has one.
pub fn mock_persona(bank: &Bank, stage: InterviewStage) -> Option<String> {
    let preferred: &[&str] = match stage {
        InterviewStage::Recruiter => &["recruiter"],
        InterviewStage::Technical => &["challenging", "neutral", "architect"],
        InterviewStage::HiringManager => &["hiring_manager", "neutral"],
        InterviewStage::Final => &["bar_raiser", "executive", "challenging"],
    };
    preferred
        .iter()
        .find_map(|id| bank.persona(id).map(|p| p.id.clone()))
        .or_else(|| {
            bank.personas()
                .iter()
                .find(|p| p.stages.contains(&stage))
                .map(|p| p.id.clone())
        })
}
