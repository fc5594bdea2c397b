//! Generated practice histories for tests and benches: several categories with improving,
//! declining and flat trends, days off and a long gap, skips and overtime, and answers given
//! from different time zones. Deterministic for a seed.

use super::catalog::{Catalog, QuestionInfo};
use crate::domain::{Attempt, Dimension, DimensionScore, QuestionKind, ScoreReport, ScorerId};
use jiff::Timestamp;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

/// How a category's scores move over the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    /// From about 45 up to about 85.
    Improving,
    /// From about 78 down to about 50.
    Declining,
    /// Steady around 52: a weak area.
    FlatLow,
    /// Steady around 84.
    FlatHigh,
}

impl Trend {
    /// The category trend used for the `index`-th category of a catalog.
    pub fn for_index(index: usize) -> Self {
        [
            Self::Improving,
            Self::FlatLow,
            Self::Declining,
            Self::FlatHigh,
        ][index % 4]
    }

    fn level(self, progress: f64) -> f64 {
        match self {
            Self::Improving => 40.0f64.mul_add(progress, 45.0),
            Self::Declining => 28.0f64.mul_add(-progress, 78.0),
            Self::FlatLow => 52.0,
            Self::FlatHigh => 84.0,
        }
    }
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The random seed.
    pub seed: u64,
    /// Attempts in total.
    pub attempts: usize,
    /// The first day's midnight, UTC.
    pub start: Timestamp,
    /// Calendar days the history spans.
    pub days: i64,
    /// UTC offsets in hours the user practises from, in turn over the history.
    pub offsets_hours: Vec<i32>,
    /// One trend for every category instead of the per-category mix.
    pub overall: Option<Trend>,
}

impl Spec {
    /// `attempts` over `days` from 2025-01-01, from New York, Berlin, Tokyo and back.
    pub fn new(seed: u64, attempts: usize, days: i64) -> Self {
        Self {
            seed,
            attempts,
            start: Timestamp::from_second(1_735_689_600).unwrap_or(Timestamp::UNIX_EPOCH),
            days,
            offsets_hours: vec![-5, 1, 9, -5],
            overall: None,
        }
    }
}

/// A small catalog: eight categories of six questions, covering every kind.
pub fn sample_catalog() -> Catalog {
    let categories = [
        ("leadership", QuestionKind::Behavioral),
        ("conflict", QuestionKind::Behavioral),
        ("databases", QuestionKind::Technical),
        ("motivation", QuestionKind::Company),
        ("caching", QuestionKind::SystemDesign),
        ("estimation", QuestionKind::Situational),
        ("failure", QuestionKind::Behavioral),
        ("team", QuestionKind::QuestionsToAsk),
    ];
    Catalog::from_questions(categories.iter().flat_map(|(cat, kind)| {
        (1..=6).map(move |i| QuestionInfo {
            id: format!("{cat}-{i}"),
            category: (*cat).to_string(),
            kind: *kind,
            prompt: format!("A {cat} question, number {i}."),
        })
    }))
}

fn report(rng: &mut StdRng, level: f64) -> ScoreReport {
    let dimensions: Vec<DimensionScore> = Dimension::ALL
        .iter()
        .enumerate()
        .map(|(i, &dimension)| {
            // structure lags, delivery leads: dimensions differ the way real ones do
            #[allow(clippy::cast_precision_loss)]
            let bias = (i as f64 - 2.0) * 3.0;
            let score = (level + bias + rng.random_range(-12.0..12.0)).clamp(0.0, 100.0);
            // clamped to 0..=100 above
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let score = score.round() as u8;
            DimensionScore {
                dimension,
                score,
                weight: 0.2,
                note: format!("{} scored {score}", dimension.label()),
            }
        })
        .collect();
    ScoreReport {
        total: ScoreReport::weighted_total(&dimensions),
        dimensions,
        evidence: vec![],
        talking_points: vec![],
        strengths: vec![],
        improvements: vec![],
        outline: vec![],
        scorer: ScorerId::Offline,
    }
}

/// Generates attempts over `catalog`'s questions, oldest first.
pub fn history(spec: &Spec, catalog: &Catalog) -> Vec<Attempt> {
    let mut rng = StdRng::seed_from_u64(spec.seed);
    let questions = catalog.questions();
    if questions.is_empty() || spec.attempts == 0 || spec.days <= 0 {
        return Vec::new();
    }
    let mut category_order: Vec<&str> = Vec::new();
    for q in questions {
        if !category_order.contains(&q.category.as_str()) {
            category_order.push(&q.category);
        }
    }
    // practice on about 70% of days, with a two-week break at 40% of the way
    let gap_from = spec.days * 2 / 5;
    let practice_days: Vec<i64> = (0..spec.days)
        .filter(|&d| !(gap_from..gap_from + 14).contains(&d) || spec.days < 40)
        .filter(|_| rng.random_bool(0.7))
        .collect();
    let practice_days = if practice_days.is_empty() {
        vec![0]
    } else {
        practice_days
    };
    let per_day = spec.attempts / practice_days.len();
    let extra = spec.attempts % practice_days.len();
    let mut out = Vec::with_capacity(spec.attempts);
    let zones = spec.offsets_hours.len().max(1);
    for (n, &day) in practice_days.iter().enumerate() {
        let count = per_day + usize::from(n < extra);
        #[allow(clippy::cast_precision_loss)]
        let progress = day as f64 / spec.days as f64;
        let zone =
            usize::try_from(day).unwrap_or(0) * zones / usize::try_from(spec.days).unwrap_or(1);
        let offset_secs = i64::from(spec.offsets_hours.get(zone).copied().unwrap_or(0)) * 3600;
        // a session starts between 07:00 and 22:00 local time; answers follow each other
        let session_start =
            spec.start.as_second() + day * 86_400 + rng.random_range(7 * 3600..22 * 3600)
                - offset_secs;
        let mut at = session_start;
        for _ in 0..count {
            let q = &questions[rng.random_range(0..questions.len())];
            let cat_index = category_order
                .iter()
                .position(|c| *c == q.category)
                .unwrap_or(0);
            let trend = spec.overall.unwrap_or_else(|| Trend::for_index(cat_index));
            let duration: u32 = rng.random_range(40..300);
            let started = Timestamp::from_second(at).unwrap_or(spec.start);
            at += i64::from(duration) + rng.random_range(5..60);
            let submitted = Timestamp::from_second(at).unwrap_or(spec.start);
            let skipped = rng.random_bool(0.03);
            out.push(Attempt {
                id: uuid_at(submitted, &mut rng),
                question_id: q.id.clone(),
                session_id: None,
                started_at: started,
                submitted_at: submitted,
                duration_secs: duration,
                answer: if skipped {
                    String::new()
                } else {
                    format!("A generated answer to {} for testing trends.", q.id)
                },
                overtime: !skipped && rng.random_bool(0.05),
                skipped,
                score: (!skipped).then(|| report(&mut rng, trend.level(progress))),
            });
        }
    }
    out
}

/// A version-7 UUID for a time, with random low bits from the generator.
fn uuid_at(at: Timestamp, rng: &mut StdRng) -> Uuid {
    let millis = u64::try_from(at.as_millisecond()).unwrap_or(0);
    let mut bytes: [u8; 16] = rng.random();
    bytes[..6].copy_from_slice(&millis.to_be_bytes()[2..]);
    bytes[6] = 0x70 | (bytes[6] & 0x0f);
    bytes[8] = 0x80 | (bytes[8] & 0x3f);
    Uuid::from_bytes(bytes)
}
