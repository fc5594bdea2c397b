//! `hotseat progress`, `export` and `import` end to end: empty history, text and JSON, export →
//! `data delete` → import giving the same progress, Markdown and CSV, bad import files, retention.
#![allow(clippy::unwrap_used)]

mod common;

use common::hotseat;
use hotseat::analytics::Catalog;
use hotseat::analytics::generate::{Spec, history};
use hotseat::bank::Bank;
use hotseat::domain::Attempt;
use hotseat::store::{SledStore, Store};
use jiff::{SignedDuration, Timestamp};
use predicates::prelude::*;
use std::path::Path;

/// Generated attempts over the shipped bank, ending about now.
fn recent_history(attempts: usize, days: i64) -> Vec<Attempt> {
    let catalog = Catalog::from_bank(&Bank::load(None).bank);
    let mut spec = Spec::new(42, attempts, days);
    spec.start = Timestamp::now() - SignedDuration::from_hours(24 * days);
    history(&spec, &catalog)
}

fn seed(dir: &Path, attempts: &[Attempt]) {
    let store = SledStore::open(&dir.join("data")).unwrap();
    store.save_attempts(attempts).unwrap();
}

fn progress_json(dir: &Path) -> serde_json::Value {
    let out = hotseat(dir)
        .env("TZ", "UTC")
        .args(["progress", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn empty_history_explains_how_to_start() {
    let dir = tempfile::tempdir().unwrap();
    hotseat(dir.path())
        .arg("progress")
        .assert()
        .success()
        .stdout(predicate::str::contains("No answers yet"));
    let json = progress_json(dir.path());
    assert_eq!(json["answers"], 0);
    assert_eq!(json["prediction"]["status"], "not_enough_data");
}

#[test]
fn export_delete_import_gives_the_same_progress() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path(), &recent_history(400, 60));
    let before = progress_json(dir.path());
    assert_eq!(
        before["answers"].as_u64().unwrap() + before["skipped"].as_u64().unwrap(),
        400
    );
    assert!(!before["weak_areas"].as_array().unwrap().is_empty());
    assert!(before["scheduled"].as_u64().unwrap() > 0);
    let file = dir.path().join("export.json");
    hotseat(dir.path())
        .args(["export", "--format", "json", "--out"])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains("400 attempt(s)"));
    hotseat(dir.path())
        .args(["data", "delete", "--yes"])
        .assert()
        .success();
    assert_eq!(progress_json(dir.path())["answers"], 0);
    hotseat(dir.path())
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("imported 400 attempt(s)"));
    assert_eq!(progress_json(dir.path()), before);
    // importing again adds nothing
    hotseat(dir.path())
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("imported 0 attempt(s)")
                .and(predicate::str::contains("400 already present")),
        );
}

#[test]
fn text_markdown_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path(), &recent_history(200, 30));
    hotseat(dir.path())
        .arg("progress")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("By category:").and(predicate::str::contains("Next session:")),
        );
    let md = hotseat(dir.path())
        .args(["export", "--format", "md"])
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.starts_with("# hotseat progress"), "{md}");
    assert!(
        md.contains("## Categories\n\n| Category | Answers |"),
        "{md}"
    );
    assert!(
        md.matches("\n### ").count() >= 3,
        "a table per category: {md}"
    );
    assert!(md.contains("| Question | Prompt | Answers |"));
    let out = dir.path().join("a.csv");
    hotseat(dir.path())
        .args(["export", "--format", "csv", "--out"])
        .arg(&out)
        .assert()
        .success();
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.starts_with("id,question_id,category,kind,started_at,submitted_at,duration_secs,skipped,overtime,total,relevance,structure,specificity,concision,delivery,scorer\n"));
    assert_eq!(csv.lines().count(), 201);
}

#[test]
fn bad_import_names_the_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.json");
    std::fs::write(
        &file,
        "{\n  \"format\": \"hotseat-attempts\",\n  \"version\": 1,\n  \"exported_at\": \"2026-01-01T00:00:00Z\",\n  \"attempts\": [\n    {\"id\": \"not-a-uuid\"}\n  ]\n}\n",
    )
    .unwrap();
    hotseat(dir.path())
        .arg("import")
        .arg(&file)
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("bad.json:6:").and(predicate::str::contains("attempts[0].id")),
        );
    hotseat(dir.path())
        .args(["import", "missing.json"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("cannot read missing.json"));
    hotseat(dir.path())
        .args(["export", "--format", "pdf"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("'pdf'"));
}

#[test]
fn retention_setting_prunes_old_attempts_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let attempts = recent_history(300, 90);
    let cutoff = Timestamp::now() - SignedDuration::from_hours(24 * 30);
    let recent = attempts.iter().filter(|a| a.submitted_at >= cutoff).count();
    assert!(recent < 300);
    seed(dir.path(), &attempts);
    let out = hotseat(dir.path())
        .env("TZ", "UTC")
        .args(["--set", "retention_days=30", "progress", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let kept = json["answers"].as_u64().unwrap() + json["skipped"].as_u64().unwrap();
    assert_eq!(usize::try_from(kept).unwrap(), recent);
    hotseat(dir.path())
        .args(["data", "info"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("attempts {recent} ")));
}
