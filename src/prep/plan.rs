//! The day-by-day plan for the days left: practice sessions on the predicted questions, mock
//! interviews with the stage's persona, deep-dive topics, resume rehearsal and a light last day.

use super::focus::FocusArea;
use super::predict::{DeepDive, PredictedQuestion};
use crate::domain::InterviewStage;
use serde::{Deserialize, Serialize};

/// The most days the plan lists one by one.
pub const MAX_PLAN_DAYS: u32 = 14;

/// What a plan item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanKind {
    /// A timed practice session on bank questions.
    Practice,
    /// A full mock interview.
    Mock,
    /// Study a topic.
    Study,
    /// Rehearse the resume and the drivers.
    Review,
    /// Logistics and rest.
    Rest,
}

impl PlanKind {
    /// A short label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Practice => "Practice",
            Self::Mock => "Mock",
            Self::Study => "Study",
            Self::Review => "Review",
            Self::Rest => "Rest",
        }
    }
}

/// One thing to do on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItem {
    /// What sort of thing.
    pub kind: PlanKind,
    /// What to do.
    pub text: String,
    /// Bank questions it uses, if any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub question_ids: Vec<String>,
}

/// One day of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanDay {
    /// 1 for the first day; the interview follows the last day.
    pub day: u32,
    /// Days left after this one until the interview.
    pub days_left: u32,
    /// What to do.
    pub items: Vec<PlanItem>,
}

fn item(kind: PlanKind, text: impl Into<String>) -> PlanItem {
    PlanItem {
        kind,
        text: text.into(),
        question_ids: Vec::new(),
    }
}

fn stage_name(stage: InterviewStage) -> &'static str {
    match stage {
        InterviewStage::Recruiter => "recruiter screen",
        InterviewStage::Technical => "technical round",
        InterviewStage::HiringManager => "hiring-manager round",
        InterviewStage::Final => "final round",
    }
}

/// The plan when the interview is today: a short warm-up.
fn today(practice: PlanItem, has_resume_defense: bool) -> (Vec<PlanDay>, Option<String>) {
    let mut items = vec![
        item(
            PlanKind::Review,
            "Reread the callback drivers and have one story ready for each.",
        ),
        practice,
    ];
    if has_resume_defense {
        items.push(item(
            PlanKind::Review,
            "Say the STAR drafts of your two strongest bullets aloud.",
        ));
    }
    items.push(item(
        PlanKind::Rest,
        "Pick two questions to ask; check time, place or link; stop preparing an hour before.",
    ));
    (
        vec![PlanDay {
            day: 1,
            days_left: 0,
            items,
        }],
        Some("The interview is today: a short warm-up only.".into()),
    )
}

/// The plan for `days` days (0 = the interview is today), with a note when it is shortened.
pub fn plan(
    days: u32,
    stage: InterviewStage,
    predicted: &[PredictedQuestion],
    dives: &[DeepDive],
    focus: &[FocusArea],
    has_resume_defense: bool,
    persona: Option<&str>,
) -> (Vec<PlanDay>, Option<String>) {
    let mock_text = persona.map_or_else(
        || format!("Mock the {} end to end, timed.", stage_name(stage)),
        |p| format!("Mock the {} with the \u{201c}{p}\u{201d} interviewer, timed, then read the report.", stage_name(stage)),
    );
    let ids: Vec<String> = predicted.iter().map(|p| p.question_id.clone()).collect();
    let batch = |n: usize| -> Vec<String> {
        if ids.is_empty() {
            return Vec::new();
        }
        (0..3.min(ids.len()))
            .map(|k| ids[(n * 3 + k) % ids.len()].clone())
            .collect()
    };
    let practice = |n: usize| -> PlanItem {
        let q = batch(n);
        PlanItem {
            kind: PlanKind::Practice,
            text: format!(
                "Practise {} predicted question{} aloud, timed; check the talking points you missed.",
                q.len(),
                if q.len() == 1 { "" } else { "s" }
            ),
            question_ids: q,
        }
    };
    if days == 0 {
        return today(practice(0), has_resume_defense);
    }
    let n = days.min(MAX_PLAN_DAYS);
    let note = (days > MAX_PLAN_DAYS).then(|| {
        format!("The plan covers the last {MAX_PLAN_DAYS} days; until then, practise three predicted questions a day.")
    });
    let mut topics: Vec<String> = dives
        .iter()
        .map(|d| format!("Deep dive: {} (see Technical deep dives).", d.skill))
        .collect();
    topics.extend(
        focus
            .iter()
            .map(|f| format!("Focus: {} (from your notes).", f.topic)),
    );
    let mut plan_days = Vec::new();
    let mut topic_at = 0;
    for d in 1..=n {
        let left = n - d;
        let session = usize::try_from(d - 1).unwrap_or(0);
        let mut items = Vec::new();
        if d == n && n > 1 {
            items.push(item(
                PlanKind::Review,
                "Reread the callback drivers and your STAR drafts; no new material.",
            ));
            items.push(item(
                PlanKind::Review,
                "Choose three questions to ask from the list for this stage.",
            ));
            items.push(item(
                PlanKind::Rest,
                "Check time, place or link and what to bring; stop early and sleep.",
            ));
        } else {
            if d == 1 {
                items.push(item(
                    PlanKind::Study,
                    "Read the job description with the drivers in bold; note one story per driver.",
                ));
                if has_resume_defense {
                    items.push(item(
                        PlanKind::Review,
                        "Rehearse the resume defense: answer each probe aloud.",
                    ));
                }
            }
            if !topics.is_empty() && d > 1 {
                items.push(item(
                    PlanKind::Study,
                    topics[topic_at % topics.len()].clone(),
                ));
                topic_at += 1;
            }
            let mock_day = (n >= 3 && left == 1) || (d % 3 == 0 && left > 2);
            if mock_day {
                items.push(item(PlanKind::Mock, mock_text.clone()));
            } else {
                items.push(practice(session));
            }
            if n == 1 {
                items.push(item(
                    PlanKind::Rest,
                    "Pick two questions to ask; check time, place or link; sleep well.",
                ));
            }
        }
        plan_days.push(PlanDay {
            day: d,
            days_left: left,
            items,
        });
    }
    (plan_days, note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::QuestionKind;

    fn predicted(n: usize) -> Vec<PredictedQuestion> {
        (0..n)
            .map(|i| PredictedQuestion {
                question_id: format!("q{i}"),
                prompt: String::new(),
                kind: QuestionKind::Behavioral,
                why: String::new(),
            })
            .collect()
    }

    #[test]
    fn a_week_mixes_practice_mocks_and_a_light_last_day() {
        let (days, note) = plan(
            7,
            InterviewStage::Technical,
            &predicted(12),
            &[],
            &[],
            true,
            Some("challenging"),
        );
        assert_eq!(days.len(), 7);
        assert!(note.is_none());
        let kinds: Vec<PlanKind> = days
            .iter()
            .flat_map(|d| d.items.iter().map(|i| i.kind))
            .collect();
        assert!(kinds.contains(&PlanKind::Mock));
        assert!(kinds.contains(&PlanKind::Practice));
        assert!(
            days[6]
                .items
                .iter()
                .all(|i| i.kind != PlanKind::Practice && i.kind != PlanKind::Mock)
        );
        assert!(
            days[5].items.iter().any(|i| i.kind == PlanKind::Mock),
            "the day before is a mock"
        );
    }

    #[test]
    fn long_and_zero_day_plans() {
        let (days, note) = plan(
            30,
            InterviewStage::Final,
            &predicted(3),
            &[],
            &[],
            false,
            None,
        );
        assert_eq!(days.len(), 14);
        assert!(note.unwrap().contains("last 14 days"));
        let (days, note) = plan(
            0,
            InterviewStage::Recruiter,
            &predicted(3),
            &[],
            &[],
            false,
            None,
        );
        assert_eq!(days.len(), 1);
        assert!(note.unwrap().contains("today"));
    }
}
