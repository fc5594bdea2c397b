//! Chooses an interview's main questions by persona, role, stage and, when given, the job description.

use super::setup::MockSetup;
use crate::domain::{InterviewStage, Persona, Question, QuestionKind, Role};
use std::collections::{BTreeSet, HashMap};

/// Kinds a stage usually asks, most typical first.
fn stage_kinds(stage: InterviewStage) -> &'static [QuestionKind] {
    match stage {
        InterviewStage::Recruiter => &[QuestionKind::Company, QuestionKind::Behavioral],
        InterviewStage::Technical => &[QuestionKind::Technical, QuestionKind::SystemDesign],
        InterviewStage::HiringManager => &[QuestionKind::Behavioral, QuestionKind::Situational],
        InterviewStage::Final => &[
            QuestionKind::Behavioral,
            QuestionKind::Situational,
            QuestionKind::Company,
        ],
    }
}

/// Words of a job description worth matching: lowercase, 4+ letters, not everyday words.
fn jd_terms(text: &str) -> BTreeSet<String> {
    const COMMON: &[&str] = &[
        "with",
        "will",
        "that",
        "this",
        "from",
        "have",
        "your",
        "they",
        "their",
        "about",
        "work",
        "team",
        "teams",
        "role",
        "what",
        "into",
        "more",
        "year",
        "years",
        "able",
        "also",
        "such",
        "other",
        "must",
        "plus",
        "join",
        "looking",
        "experience",
        "strong",
        "skills",
        "including",
        "ability",
        "working",
        "using",
        "across",
        "well",
        "like",
        "within",
        "help",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !COMMON.contains(&w.as_str()))
        .collect()
}

/// A small stable hash so the same setup and seed always plan the same interview.
fn mix(seed: u64, id: &str) -> u64 {
    let mut h = seed ^ 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn relevance(q: &Question, persona: &Persona, setup: &MockSetup, terms: &BTreeSet<String>) -> i64 {
    let mut score = 0i64;
    if let Some(rank) = persona.preferred_kinds.iter().position(|k| *k == q.kind) {
        score += 30 - 5 * i64::try_from(rank).unwrap_or(5).min(5);
    }
    if let Some(rank) = stage_kinds(setup.stage).iter().position(|k| *k == q.kind) {
        score += 25 - 5 * i64::try_from(rank).unwrap_or(4).min(4);
    }
    if q.stages.contains(&setup.stage) {
        score += 10;
    }
    if q.roles.contains(&setup.role) {
        score += 15;
    }
    if !terms.is_empty() {
        let text = format!("{} {} {}", q.prompt, q.category, q.tags.join(" ")).to_lowercase();
        let hits = jd_terms(&text).intersection(terms).count();
        score += 8 * i64::try_from(hits).unwrap_or(0).min(4);
    }
    score
}

/// The main questions for `setup`, most fitting first with variety across categories; questions
/// that fit the role come before those that fit only the stage. Deterministic for a `seed`.
pub fn plan_questions(
    questions: &[Question],
    persona: &Persona,
    setup: &MockSetup,
    seed: u64,
) -> Vec<Question> {
    let want = setup.question_count();
    let terms = setup
        .job_description
        .as_deref()
        .map(jd_terms)
        .unwrap_or_default();
    let askable = |q: &&Question| q.kind != QuestionKind::QuestionsToAsk && q.fits_role(setup.role);
    let mut pool: Vec<&Question> = questions
        .iter()
        .filter(askable)
        .filter(|q| q.fits_stage(setup.stage))
        .collect();
    if pool.len() < want {
        pool = questions.iter().filter(askable).collect();
    }
    let mut ranked: Vec<(i64, u64, &Question)> = pool
        .into_iter()
        .map(|q| (relevance(q, persona, setup, &terms), mix(seed, &q.id), q))
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    if setup.role == Role::Any {
        // No role chosen: keep role-specific questions to one role (the best-ranked one's), so a
        // backend candidate is not asked a valuation question after a statistics one.
        let focus = ranked
            .iter()
            .find_map(|(_, _, q)| q.roles.iter().copied().find(|r| *r != Role::Any));
        if let Some(focus) = focus {
            ranked.retain(|(_, _, q)| q.fits_role(focus));
        }
    }
    // Take from the top, but let no category repeat until others have had a turn.
    let mut chosen: Vec<Question> = Vec::with_capacity(want);
    let mut per_category: HashMap<&str, usize> = HashMap::new();
    let top = ranked.len().min(want * 6);
    for round in 0..=want {
        for (_, _, q) in &ranked[..top] {
            if chosen.len() == want {
                break;
            }
            let times = per_category.get(q.category.as_str()).copied().unwrap_or(0);
            if times == round && !chosen.iter().any(|c| c.id == q.id) {
                per_category.insert(q.category.as_str(), times + 1);
                chosen.push((*q).clone());
            }
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;
    use crate::interview::setup::Length;

    #[test]
    fn without_a_role_the_role_specific_questions_share_one_role() {
        let bank = Bank::load(None).bank;
        let neutral = bank.persona("neutral").unwrap();
        for seed in 0..40 {
            let mut setup = MockSetup::new(neutral, 30);
            setup.role = Role::Any;
            setup.stage = InterviewStage::Technical;
            setup.length = Length::Questions(5);
            let qs = plan_questions(bank.questions(), neutral, &setup, seed);
            assert_eq!(qs.len(), 5, "seed {seed}");
            let specific: Vec<&Question> = qs
                .iter()
                .filter(|q| !q.roles.contains(&Role::Any))
                .collect();
            let shared = Role::ALL[1..]
                .iter()
                .any(|r| specific.iter().all(|q| q.roles.contains(r)));
            assert!(
                specific.is_empty() || shared,
                "seed {seed}: {:?}",
                specific
                    .iter()
                    .map(|q| (&q.id, &q.roles))
                    .collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn plans_fit_persona_stage_role_and_jd() {
        let bank = Bank::load(None).bank;
        let architect = bank.persona("architect").unwrap();
        let mut setup = MockSetup::new(architect, 30);
        setup.role = Role::SoftwareEngineer;
        setup.length = Length::Questions(4);
        let qs = plan_questions(bank.questions(), architect, &setup, 1);
        assert_eq!(qs.len(), 4);
        assert!(qs.iter().all(|q| q.fits_role(Role::SoftwareEngineer)));
        assert!(
            qs.iter()
                .all(|q| matches!(q.kind, QuestionKind::SystemDesign | QuestionKind::Technical)),
            "{:?}",
            qs.iter().map(|q| &q.id).collect::<Vec<_>>()
        );
        let again = plan_questions(bank.questions(), architect, &setup, 1);
        assert_eq!(qs, again, "same seed, same plan");
        let categories: BTreeSet<&str> = qs.iter().map(|q| q.category.as_str()).collect();
        assert!(categories.len() >= 3, "variety: {categories:?}");

        let recruiter = bank.persona("recruiter").unwrap();
        let mut setup = MockSetup::new(recruiter, 30);
        setup.stage = InterviewStage::Recruiter;
        let qs = plan_questions(bank.questions(), recruiter, &setup, 7);
        assert!(qs.iter().all(|q| q.kind != QuestionKind::SystemDesign));
    }
}
