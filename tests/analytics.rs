//! Analytics on generated histories: velocity sign, weak-area choice, streaks across month ends
//! and time zones, schedules and facts kept by the store, and retention keeping them right.
#![allow(clippy::unwrap_used)]

use hotseat::analytics::generate::{Spec, Trend, history, sample_catalog};
use hotseat::analytics::load::{apply_retention, load_progress};
use hotseat::analytics::predict::Prediction;
use hotseat::analytics::{Options, analyze, progress};
use hotseat::domain::{Attempt, Dimension, DimensionScore, ScoreReport, ScorerId};
use hotseat::store::{AttemptFact, SledStore, Store};
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

fn facts(attempts: &[Attempt]) -> Vec<AttemptFact> {
    attempts.iter().map(AttemptFact::of).collect()
}

fn end_of(attempts: &[Attempt]) -> Timestamp {
    attempts.last().unwrap().submitted_at + SignedDuration::from_hours(1)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn velocity_sign_matches_generated_trend(seed in 0u64..10_000, rising in any::<bool>()) {
        let catalog = sample_catalog();
        let mut spec = Spec::new(seed, 400, 50);
        spec.overall = Some(if rising { Trend::Improving } else { Trend::Declining });
        let attempts = history(&spec, &catalog);
        let p = progress(&facts(&attempts), &[], &catalog, &Options::new(end_of(&attempts), TimeZone::UTC));
        let v = p.velocity.unwrap();
        if rising {
            prop_assert!(v.points_per_week > 0.0, "{v:?}");
        } else {
            prop_assert!(v.points_per_week < 0.0, "{v:?}");
        }
    }

    #[test]
    fn weak_areas_are_the_low_or_falling_categories(seed in 0u64..10_000) {
        let catalog = sample_catalog();
        let attempts = history(&Spec::new(seed, 1_500, 120), &catalog);
        let p = progress(&facts(&attempts), &[], &catalog, &Options::new(end_of(&attempts), TimeZone::UTC));
        // sample catalog: index 1 and 5 are flat-low, 2 and 6 decline to ~50
        let low_or_falling = ["conflict", "estimation", "databases", "failure"];
        prop_assert!(!p.weak_areas.is_empty());
        for w in &p.weak_areas {
            prop_assert!(low_or_falling.contains(&w.category.as_str()), "{:?}", p.weak_areas);
        }
        // the plan is drawn from the weak areas
        prop_assert_eq!(p.plan.len(), 5);
        for item in &p.plan {
            prop_assert!(p.weak_areas.iter().any(|w| w.category == item.category), "{:?}", p.plan);
        }
    }
}

#[test]
fn improving_history_predicts_reaching_80() {
    let catalog = sample_catalog();
    let mut spec = Spec::new(3, 300, 30);
    spec.overall = Some(Trend::Improving);
    let attempts: Vec<Attempt> = history(&spec, &catalog);
    let p = progress(
        &facts(&attempts),
        &[],
        &catalog,
        &Options::new(end_of(&attempts), TimeZone::UTC),
    );
    match &p.prediction {
        Prediction::OnTrack { sessions, low, .. } => assert!(*low <= *sessions),
        Prediction::Reached { .. } => {}
        other => panic!("expected progress toward 80, got {other:?}"),
    }
}

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn attempt_at(question: &str, total: u8, when: Timestamp) -> Attempt {
    let dimensions: Vec<DimensionScore> = Dimension::ALL
        .iter()
        .map(|&dimension| DimensionScore {
            dimension,
            score: total,
            weight: 0.2,
            note: String::new(),
        })
        .collect();
    Attempt {
        id: uuid::Uuid::now_v7(),
        question_id: question.into(),
        session_id: None,
        started_at: when - SignedDuration::from_secs(60),
        submitted_at: when,
        duration_secs: 60,
        answer: "an answer".into(),
        overtime: false,
        skipped: false,
        score: Some(ScoreReport {
            total,
            dimensions,
            evidence: vec![],
            talking_points: vec![],
            strengths: vec![],
            improvements: vec![],
            outline: vec![],
            scorer: ScorerId::Offline,
        }),
    }
}

#[test]
fn streaks_cross_month_ends_and_follow_the_time_zone() {
    let catalog = sample_catalog();
    // 23:30 in New York on Jan 30, 31 and Feb 1 is 04:30 UTC the next day
    let attempts = vec![
        attempt_at("leadership-1", 70, at("2026-01-31T04:30:00Z")),
        attempt_at("leadership-2", 70, at("2026-02-01T04:30:00Z")),
        attempt_at("leadership-3", 70, at("2026-02-02T04:30:00Z")),
    ];
    let new_york = TimeZone::fixed(Offset::constant(-5));
    let tokyo = TimeZone::fixed(Offset::constant(9));
    let f = facts(&attempts);
    // Feb 1, 20:00 in New York: Jan 30, 31, Feb 1 practised locally → 3 days, across the month end
    let p = progress(
        &f,
        &[],
        &catalog,
        &Options::new(at("2026-02-02T01:00:00Z"), new_york.clone()),
    );
    assert_eq!(p.streaks.current, 3, "{:?}", p.streaks);
    assert_eq!(p.today.to_string(), "2026-02-01");
    // in Tokyo the same answers fall on Jan 31, Feb 1, Feb 2
    let p = progress(
        &f,
        &[],
        &catalog,
        &Options::new(at("2026-02-02T12:00:00Z"), tokyo),
    );
    assert_eq!(
        (p.streaks.current, p.today.to_string().as_str()),
        (3, "2026-02-02")
    );
    assert_eq!(p.daily.first().unwrap().date.to_string(), "2026-01-31");
    // two days later in New York the streak is broken, the longest stays
    let p = progress(
        &f,
        &[],
        &catalog,
        &Options::new(at("2026-02-04T01:00:00Z"), new_york),
    );
    assert_eq!((p.streaks.current, p.streaks.longest), (0, 3));
}

#[test]
fn store_keeps_facts_and_schedules_like_a_replay() {
    let dir = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    let catalog = sample_catalog();
    let attempts = history(&Spec::new(11, 300, 40), &catalog);
    let (one_by_one, bulk) = attempts.split_at(40);
    for a in one_by_one {
        store.save_attempt(a).unwrap();
    }
    assert_eq!(store.save_attempts(bulk).unwrap(), bulk.len());
    assert_eq!(
        store.save_attempts(bulk).unwrap(),
        0,
        "ids already stored are skipped"
    );
    // saving the same attempt again does not count it twice
    store.save_attempt(&attempts[0]).unwrap();
    let mut stored = store.attempt_facts().unwrap();
    stored.sort_by_key(|f| (f.at_secs, f.id));
    let mut expected = facts(&attempts);
    expected.sort_by_key(|f| (f.at_secs, f.id));
    assert_eq!(stored, expected);
    // the trait's replay over full attempts gives the same schedules as the ones kept on write
    let replayed = replay_schedules(&store);
    assert_eq!(store.schedules().unwrap(), replayed);
    let total: u32 = store
        .all_question_stats()
        .unwrap()
        .iter()
        .map(|(_, s)| s.attempts)
        .sum();
    assert_eq!(
        total as usize,
        attempts.iter().filter(|a| a.total().is_some()).count()
    );
}

/// Schedules from replaying every stored attempt, as the `Store` trait's default does.
fn replay_schedules(store: &SledStore) -> Vec<(String, hotseat::analytics::srs::Schedule)> {
    use hotseat::analytics::srs;
    let mut all = store.attempts().unwrap();
    all.sort_by_key(|a| (a.submitted_at, a.id));
    let mut map = std::collections::BTreeMap::new();
    for a in &all {
        if let Some(score) = srs::review_score(a.total(), a.skipped) {
            let next = srs::review(map.get(&a.question_id), score, a.submitted_at);
            map.insert(a.question_id.clone(), next);
        }
    }
    map.into_iter().collect()
}

#[test]
fn retention_prunes_and_aggregates_match_a_fresh_store() {
    let catalog = sample_catalog();
    let attempts = history(&Spec::new(5, 600, 90), &catalog);
    let now = end_of(&attempts);
    let dir = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    store.save_attempts(&attempts).unwrap();
    store.set_starred("leadership-1", true).unwrap();
    assert_eq!(
        apply_retention(&store, 0, now).unwrap(),
        0,
        "0 keeps forever"
    );
    let cutoff = now - SignedDuration::from_hours(30 * 24);
    let old = attempts.iter().filter(|a| a.submitted_at < cutoff).count();
    assert!(old > 0);
    assert_eq!(apply_retention(&store, 30, now).unwrap(), old);
    assert_eq!(store.counts().unwrap().attempts, attempts.len() - old);

    let kept: Vec<Attempt> = attempts
        .iter()
        .filter(|a| a.submitted_at >= cutoff)
        .cloned()
        .collect();
    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh = SledStore::open(fresh_dir.path()).unwrap();
    fresh.save_attempts(&kept).unwrap();
    let opts = Options::new(now, TimeZone::UTC);
    assert_eq!(
        load_progress(&store, &catalog, &opts).unwrap(),
        load_progress(&fresh, &catalog, &opts).unwrap()
    );
    assert_eq!(store.schedules().unwrap(), fresh.schedules().unwrap());
    let stats = |s: &SledStore| {
        s.all_question_stats()
            .unwrap()
            .into_iter()
            .filter(|(_, st)| st.attempts > 0)
            .map(|(q, st)| (q, st.attempts, st.best, st.last))
            .collect::<Vec<_>>()
    };
    assert_eq!(stats(&store), stats(&fresh));
    assert!(
        store.question_stats("leadership-1").unwrap().starred,
        "stars survive pruning"
    );
}

#[test]
fn analyze_handles_empty_and_tiny_histories() {
    let catalog = sample_catalog();
    let now = at("2026-05-01T12:00:00Z");
    let data = analyze(&[], &[], &catalog, &Options::new(now, TimeZone::UTC));
    assert_eq!(data.progress.answers, 0);
    assert!(data.progress.plan.is_empty() && data.calendar.is_empty());
    assert!(matches!(
        data.progress.prediction,
        Prediction::NotEnoughData { days_needed: 4 }
    ));
    let one = facts(&[attempt_at("team-1", 64, now)]);
    let p = progress(&one, &[], &catalog, &Options::new(now, TimeZone::UTC));
    assert_eq!((p.answers, p.best, p.streaks.current), (1, Some(64), 1));
    assert!(p.velocity.is_none());
}
