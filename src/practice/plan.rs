//! Session planning: pick questions by kind, role and difficulty, or by weak areas, stars or a list.

use crate::bank::Bank;
use crate::domain::{Difficulty, Question, QuestionKind, Role};
use crate::store::QuestionStats;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// What a practice session draws its questions from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PracticeKind {
    /// Only this kind of question.
    Kind(QuestionKind),
    /// A mix of behavioral, technical, situational and system design.
    Mixed,
    /// Questions in the categories with the lowest scores so far.
    WeakAreas,
    /// Starred questions.
    Starred,
}

impl PracticeKind {
    /// The choices offered on the setup screen, in order.
    pub const CHOICES: [Self; 7] = [
        Self::Kind(QuestionKind::Behavioral),
        Self::Kind(QuestionKind::Technical),
        Self::Kind(QuestionKind::SystemDesign),
        Self::Kind(QuestionKind::Situational),
        Self::Mixed,
        Self::WeakAreas,
        Self::Starred,
    ];
}

impl fmt::Display for PracticeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Kind(k) => f.write_str(k.as_str()),
            Self::Mixed => f.write_str("mixed"),
            Self::WeakAreas => f.write_str("weak_areas"),
            Self::Starred => f.write_str("starred"),
        }
    }
}

impl std::str::FromStr for PracticeKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        match wanted.as_str() {
            "mixed" => Ok(Self::Mixed),
            "weak_areas" | "weak" => Ok(Self::WeakAreas),
            "starred" => Ok(Self::Starred),
            other => other.parse::<QuestionKind>().map(Self::Kind).map_err(|_| {
                format!(
                    "unknown practice kind '{s}' (expected one of: behavioral, technical, system_design, situational, company, questions_to_ask, mixed, weak_areas, starred)"
                )
            }),
        }
    }
}

/// How long each answer may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeMode {
    /// Each question's own limit from the bank.
    QuestionOwn,
    /// The same number of seconds for every question.
    Fixed(u32),
    /// No limit.
    NoLimit,
}

impl TimeMode {
    /// The limit in seconds for `q`, if any.
    pub fn limit_for(self, q: &Question) -> Option<u32> {
        match self {
            Self::QuestionOwn => Some(q.time_limit()),
            Self::Fixed(secs) => Some(secs),
            Self::NoLimit => None,
        }
    }
}

/// Why a plan of `kind` came out empty, in words for the user.
pub fn empty_plan_hint(kind: PracticeKind) -> &'static str {
    match kind {
        PracticeKind::Starred => "no starred questions match — star some in Browse (s) first",
        PracticeKind::WeakAreas => "no weak areas yet — answer a few questions first",
        _ => "no questions match these choices",
    }
}

/// The most questions a practice session asks (the setup screen, `--count` and `question_count`).
pub const MAX_QUESTIONS: usize = 50;

/// Everything the setup screen chooses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticeSetup {
    /// Where questions come from.
    pub kind: PracticeKind,
    /// Only questions for this role.
    pub role: Option<Role>,
    /// Only this difficulty.
    pub difficulty: Option<Difficulty>,
    /// How many questions.
    pub count: usize,
    /// Time per answer.
    pub time: TimeMode,
}

/// A cheap, deterministic mixer (splitmix64) so the same seed gives the same result.
pub fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn id_hash(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// Picks the session's questions. `seed` makes the choice repeatable; questions never attempted
/// (or attempted longest ago) come first within each tier.
pub fn plan_questions<S: std::hash::BuildHasher>(
    bank: &Bank,
    setup: &PracticeSetup,
    stats: &HashMap<String, QuestionStats, S>,
    seed: u64,
) -> Vec<String> {
    let fits = |q: &&Question| {
        setup.role.is_none_or(|r| q.fits_role(r))
            && setup.difficulty.is_none_or(|d| q.difficulty == d)
    };
    let pool: Vec<&Question> = match setup.kind {
        PracticeKind::Kind(k) => bank
            .questions()
            .iter()
            .filter(|q| q.kind == k)
            .filter(fits)
            .collect(),
        PracticeKind::Mixed => bank
            .questions()
            .iter()
            .filter(|q| {
                matches!(
                    q.kind,
                    QuestionKind::Behavioral
                        | QuestionKind::Technical
                        | QuestionKind::Situational
                        | QuestionKind::SystemDesign
                )
            })
            .filter(fits)
            .collect(),
        PracticeKind::Starred => bank
            .questions()
            .iter()
            .filter(|q| stats.get(&q.id).is_some_and(|s| s.starred))
            .filter(fits)
            .collect(),
        PracticeKind::WeakAreas => weak_area_pool(bank, stats)
            .into_iter()
            .filter(fits)
            .collect(),
    };
    // order: weakest first for weak areas; otherwise least recently practised, then shuffled
    let mut ranked: Vec<(u64, u64, &Question)> = pool
        .into_iter()
        .map(|q| {
            let s = stats.get(&q.id);
            let tier = match setup.kind {
                // retry the weakest answers first, then new questions in the weak categories
                PracticeKind::WeakAreas => u64::from(s.and_then(|s| s.last).unwrap_or(100)),
                _ => s.and_then(|s| s.last_at).map_or(0, |t| {
                    u64::try_from(t.as_second()).unwrap_or(0) / 86_400 + 1
                }),
            };
            (tier, mix(seed ^ id_hash(&q.id)), q)
        })
        .collect();
    ranked.sort_by_key(|(tier, shuffle, _)| (*tier, *shuffle));
    if setup.kind == PracticeKind::Mixed {
        // round-robin over kinds so a mixed session really is mixed
        let mut by_kind: BTreeMap<QuestionKind, Vec<&Question>> = BTreeMap::new();
        for (_, _, q) in &ranked {
            by_kind.entry(q.kind).or_default().push(q);
        }
        let mut out = Vec::new();
        let mut round = 0;
        while out.len() < setup.count && by_kind.values().any(|v| v.len() > round) {
            for list in by_kind.values() {
                if let Some(q) = list.get(round)
                    && out.len() < setup.count
                {
                    out.push(q.id.clone());
                }
            }
            round += 1;
        }
        return out;
    }
    ranked
        .into_iter()
        .take(setup.count)
        .map(|(_, _, q)| q.id.clone())
        .collect()
}

/// What `hotseat practice plan` draws from: a practice kind, or the questions due for review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlanKind {
    /// What the practice screen offers.
    Practice(PracticeKind),
    /// Questions whose spaced-repetition review is due, most overdue first.
    Due,
}

impl fmt::Display for PlanKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Practice(k) => k.fmt(f),
            Self::Due => f.write_str("due"),
        }
    }
}

impl std::str::FromStr for PlanKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        if wanted == "due" || wanted == "reviews" {
            return Ok(Self::Due);
        }
        s.parse::<PracticeKind>()
            .map(Self::Practice)
            .map_err(|e| e.replace("weak_areas, starred", "weak_areas, starred, due"))
    }
}

/// The due questions (ids, most overdue first) that fit the setup's role and difficulty, at most
/// `setup.count` of them — what Trends' "practise what is due" starts, filtered.
pub fn plan_due(bank: &Bank, setup: &PracticeSetup, due: &[String]) -> Vec<String> {
    due.iter()
        .filter_map(|id| bank.question(id))
        .filter(|q| {
            setup.role.is_none_or(|r| q.fits_role(r))
                && setup.difficulty.is_none_or(|d| q.difficulty == d)
        })
        .take(setup.count)
        .map(|q| q.id.clone())
        .collect()
}

/// A seed that stays the same all day (UTC): days since 1970. Plans made on one day match.
pub fn day_seed(now: jiff::Timestamp) -> u64 {
    u64::try_from(now.as_second()).unwrap_or(0) / 86_400
}

/// Questions in the categories whose attempted questions score lowest on average, plus the
/// attempted questions scoring under 60 anywhere.
fn weak_area_pool<'a, S: std::hash::BuildHasher>(
    bank: &'a Bank,
    stats: &HashMap<String, QuestionStats, S>,
) -> Vec<&'a Question> {
    let mut by_category: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for q in bank.questions() {
        if let Some(last) = stats.get(&q.id).and_then(|s| s.last) {
            let e = by_category.entry(q.category.as_str()).or_default();
            e.0 += u32::from(last);
            e.1 += 1;
        }
    }
    let mut categories: Vec<(&str, u32)> = by_category
        .into_iter()
        .map(|(c, (sum, n))| (c, sum / n.max(1)))
        .collect();
    categories.sort_by_key(|(c, avg)| (*avg, *c));
    let weak: Vec<&str> = categories.iter().take(3).map(|(c, _)| *c).collect();
    bank.questions()
        .iter()
        .filter(|q| {
            weak.contains(&q.category.as_str())
                || stats
                    .get(&q.id)
                    .and_then(|s| s.last)
                    .is_some_and(|l| l < 60)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup(kind: PracticeKind, count: usize) -> PracticeSetup {
        PracticeSetup {
            kind,
            role: None,
            difficulty: None,
            count,
            time: TimeMode::QuestionOwn,
        }
    }

    #[test]
    fn same_seed_same_plan_and_kinds_respected() {
        let bank = Bank::load(None).bank;
        let stats = HashMap::new();
        let s = setup(PracticeKind::Kind(QuestionKind::Behavioral), 5);
        let a = plan_questions(&bank, &s, &stats, 7);
        assert_eq!(a, plan_questions(&bank, &s, &stats, 7));
        assert_ne!(a, plan_questions(&bank, &s, &stats, 8));
        assert_eq!(a.len(), 5);
        assert!(
            a.iter()
                .all(|id| bank.question(id).unwrap().kind == QuestionKind::Behavioral)
        );
    }

    #[test]
    fn mixed_rotates_kinds_and_role_filter_applies() {
        let bank = Bank::load(None).bank;
        let mut s = setup(PracticeKind::Mixed, 4);
        s.role = Some(Role::DataScientist);
        let ids = plan_questions(&bank, &s, &HashMap::new(), 1);
        let kinds: std::collections::BTreeSet<QuestionKind> = ids
            .iter()
            .map(|id| bank.question(id).unwrap().kind)
            .collect();
        assert!(kinds.len() >= 3, "{kinds:?}");
        assert!(
            ids.iter()
                .all(|id| bank.question(id).unwrap().fits_role(Role::DataScientist))
        );
    }

    #[test]
    fn weak_areas_and_starred_use_stats() {
        let bank = Bank::load(None).bank;
        let weak_q = bank
            .questions()
            .iter()
            .find(|q| q.category == "conflict")
            .unwrap();
        let strong_q = bank
            .questions()
            .iter()
            .find(|q| q.category == "databases")
            .unwrap();
        let mut stats = HashMap::new();
        stats.insert(
            weak_q.id.clone(),
            QuestionStats {
                attempts: 1,
                last: Some(35),
                starred: true,
                ..QuestionStats::default()
            },
        );
        stats.insert(
            strong_q.id.clone(),
            QuestionStats {
                attempts: 1,
                last: Some(92),
                ..QuestionStats::default()
            },
        );
        let ids = plan_questions(&bank, &setup(PracticeKind::WeakAreas, 3), &stats, 3);
        assert_eq!(
            ids[0], weak_q.id,
            "the weakest attempted question comes first"
        );
        let starred = plan_questions(&bank, &setup(PracticeKind::Starred, 3), &stats, 3);
        assert_eq!(starred, vec![weak_q.id.clone()]);
        assert!(
            plan_questions(&bank, &setup(PracticeKind::Starred, 3), &HashMap::new(), 3).is_empty()
        );
    }

    #[test]
    fn due_plans_keep_review_order_and_filters() {
        let bank = Bank::load(None).bank;
        let behavioral: Vec<String> = bank
            .questions()
            .iter()
            .filter(|q| q.kind == QuestionKind::Behavioral)
            .take(3)
            .map(|q| q.id.clone())
            .collect();
        let mut due = vec!["no-such-question".to_string()];
        due.extend(behavioral.iter().rev().cloned());
        let ids = plan_due(&bank, &setup(PracticeKind::Mixed, 2), &due);
        assert_eq!(ids, vec![behavioral[2].clone(), behavioral[1].clone()]);
        assert_eq!("due".parse::<PlanKind>(), Ok(PlanKind::Due));
        assert_eq!(
            "starred".parse::<PlanKind>(),
            Ok(PlanKind::Practice(PracticeKind::Starred))
        );
        assert!("poetry".parse::<PlanKind>().unwrap_err().contains("due"));
        let day = jiff::Timestamp::from_second(86_400 * 3 + 5).unwrap();
        assert_eq!(day_seed(day), 3);
    }

    #[test]
    fn practice_kind_parses() {
        assert_eq!(
            "weak-areas".parse::<PracticeKind>(),
            Ok(PracticeKind::WeakAreas)
        );
        assert_eq!(
            "system design".parse::<PracticeKind>(),
            Ok(PracticeKind::Kind(QuestionKind::SystemDesign))
        );
        assert!(
            "poetry"
                .parse::<PracticeKind>()
                .unwrap_err()
                .contains("unknown practice kind 'poetry'")
        );
    }
}
