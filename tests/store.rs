//! The sled store: round trips, durability across reopen, the lock, schema guard, and `data` commands.

mod common;

use common::hotseat;
use hotseat::domain::{
    Attempt, Dimension, DimensionScore, Draft, ScoreReport, ScorerId, Session, SessionKind,
    Speaker, Transcript, Turn,
};
use hotseat::store::{SledStore, Store, StoreError};
use jiff::{Timestamp, ToSpan};
use predicates::prelude::*;
use uuid::Uuid;

fn report(total: u8) -> ScoreReport {
    ScoreReport {
        total,
        dimensions: vec![DimensionScore {
            dimension: Dimension::Relevance,
            score: total,
            weight: 1.0,
            note: "covered the points".into(),
        }],
        evidence: vec![],
        talking_points: vec![],
        strengths: vec![],
        improvements: vec![],
        outline: vec![],
        scorer: ScorerId::Offline,
    }
}

fn attempt(question: &str, total: u8, at: Timestamp) -> Attempt {
    Attempt {
        id: Uuid::now_v7(),
        question_id: question.into(),
        session_id: None,
        started_at: at - 90.seconds(),
        submitted_at: at,
        duration_secs: 90,
        answer: format!("answer scoring {total}"),
        overtime: false,
        skipped: false,
        score: Some(report(total)),
    }
}

#[test]
fn attempts_round_trip_and_update_stats() {
    let dir = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    let now = Timestamp::now();
    let a = attempt("beh-x", 60, now);
    let b = attempt("beh-x", 80, now + 1.second());
    let c = attempt("tech-y", 40, now + 2.seconds());
    for x in [&a, &b, &c] {
        store.save_attempt(x).unwrap();
    }
    assert_eq!(store.attempt(a.id).unwrap().as_ref(), Some(&a));
    assert_eq!(
        store.attempts().unwrap(),
        vec![a.clone(), b.clone(), c.clone()]
    );
    assert_eq!(
        store.attempts_for_question("beh-x").unwrap(),
        vec![a.clone(), b.clone()]
    );
    let stats = store.question_stats("beh-x").unwrap();
    assert_eq!(
        (stats.attempts, stats.best, stats.last),
        (2, Some(80), Some(80))
    );
    store.set_starred("beh-x", true).unwrap();
    assert!(store.question_stats("beh-x").unwrap().starred);
    assert_eq!(store.question_stats("beh-x").unwrap().attempts, 2);
}

#[test]
fn everything_survives_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let now = Timestamp::now();
    let a = attempt("beh-x", 70, now);
    let session = Session {
        id: Uuid::now_v7(),
        kind: SessionKind::Mock,
        started_at: now,
        ended_at: Some(now + 30.minutes()),
        question_ids: vec!["beh-x".into()],
        attempt_ids: vec![a.id],
        persona_id: Some("neutral".into()),
        label: "mock · neutral".into(),
        total: Some(70),
    };
    let transcript = Transcript {
        turns: vec![
            Turn {
                speaker: Speaker::Interviewer,
                text: "Hello".into(),
                at: now,
                question_id: None,
            },
            Turn {
                speaker: Speaker::Candidate,
                text: "Hi".into(),
                at: now,
                question_id: None,
            },
        ],
    };
    let draft = Draft {
        key: "practice:beh-x".into(),
        question_id: "beh-x".into(),
        session_id: None,
        text: "half an answer — with ünïcode".into(),
        saved_at: now,
    };
    {
        let store = SledStore::open(dir.path()).unwrap();
        store.save_attempt(&a).unwrap();
        store.save_session(&session).unwrap();
        store.save_transcript(session.id, &transcript).unwrap();
        store.save_draft(&draft).unwrap();
        store.cache_put("k", "cached", now + 1.hour()).unwrap();
        store.cache_put("old", "stale", now - 1.second()).unwrap();
    }
    let store = SledStore::open(dir.path()).unwrap();
    assert_eq!(store.attempts().unwrap(), vec![a]);
    assert_eq!(store.sessions().unwrap(), vec![session.clone()]);
    assert_eq!(store.transcript(session.id).unwrap(), Some(transcript));
    assert_eq!(store.draft("practice:beh-x").unwrap(), Some(draft));
    assert_eq!(
        store.cache_get("k", now).unwrap().as_deref(),
        Some("cached")
    );
    assert_eq!(store.cache_get("old", now).unwrap(), None);
    store.delete_draft("practice:beh-x").unwrap();
    assert!(store.drafts().unwrap().is_empty());
    let counts = store.counts().unwrap();
    assert_eq!(
        (counts.attempts, counts.sessions, counts.schema_version),
        (1, 1, 1)
    );
}

#[test]
fn prune_removes_only_old_attempts() {
    let dir = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    let now = Timestamp::now();
    let old = attempt("q", 50, now - 100.hours());
    let new = attempt("q", 60, now);
    store.save_attempt(&old).unwrap();
    store.save_attempt(&new).unwrap();
    assert_eq!(store.prune_attempts_before(now - 48.hours()).unwrap(), 1);
    assert_eq!(store.attempts().unwrap(), vec![new.clone()]);
    assert_eq!(store.attempts_for_question("q").unwrap(), vec![new]);
}

#[test]
fn a_second_process_gets_a_clear_lock_error() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let _held = SledStore::open(&data).unwrap();
    hotseat(dir.path())
        .args(["data", "info"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "is in use by another hotseat (pid {})",
            std::process::id()
        )))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema-version"), "99").unwrap();
    let err = SledStore::open(dir.path()).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::FutureSchema {
                found: 99,
                supported: 1,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("nothing was changed"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("schema-version")).unwrap(),
        "99"
    );
    assert!(
        !dir.path().join("db").exists(),
        "the database must not be created"
    );
}

#[test]
fn data_delete_removes_everything_under_the_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let store = SledStore::open(&data).unwrap();
        store
            .save_attempt(&attempt("q", 50, Timestamp::now()))
            .unwrap();
    }
    std::fs::create_dir_all(data.join("logs")).unwrap();
    std::fs::write(data.join("logs/hotseat.log"), "log").unwrap();
    // without --yes and without a terminal it refuses and keeps everything
    hotseat(dir.path())
        .args(["data", "delete"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--yes"));
    assert!(data.join("db").exists());
    hotseat(dir.path())
        .args(["data", "delete", "--yes"])
        .assert()
        .success();
    assert!(!data.exists() || std::fs::read_dir(&data).unwrap().next().is_none());
    let out = hotseat(dir.path())
        .args(["data", "info", "--json"])
        .output()
        .unwrap();
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["counts"]["attempts"], 0);
}

#[test]
fn config_show_lists_sources() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("config")).unwrap();
    std::fs::write(
        dir.path().join("config/config.toml"),
        "question_count = 7\n",
    )
    .unwrap();
    let out = hotseat(dir.path())
        .env("HOTSEAT_MOCK_MINUTES", "45")
        .args(["config", "show", "--json", "--set", "theme=light"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let find = |k: &str| {
        v["settings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == k)
            .unwrap()
            .clone()
    };
    assert_eq!(find("question_count")["value"], "7");
    assert_eq!(find("question_count")["source"]["kind"], "file");
    assert_eq!(
        find("mock_minutes")["source"]["from"],
        "HOTSEAT_MOCK_MINUTES"
    );
    assert_eq!(find("theme")["source"]["kind"], "flag");
    assert_eq!(find("retention_days")["source"]["kind"], "default");
    hotseat(dir.path())
        .args(["config", "show", "--set", "theme=purple"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--set theme=purple"));
}
