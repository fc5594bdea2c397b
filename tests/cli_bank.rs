//! The bank and persona commands end to end: listing as JSON, validation errors, user files.
#![allow(clippy::unwrap_used)]

mod common;

use common::hotseat;
use predicates::prelude::*;
use std::path::PathBuf;

fn fixtures(sub: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(sub);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn questions_list_json_is_an_array_of_what_ships() {
    let dir = tempfile::tempdir().unwrap();
    let out = hotseat(dir.path())
        .args(["questions", "list", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(list.len() >= 60, "{} questions", list.len());
    assert!(
        list.iter()
            .all(|q| q["id"].is_string() && q["prompt"].is_string())
    );
    let kinds: std::collections::BTreeSet<&str> =
        list.iter().filter_map(|q| q["kind"].as_str()).collect();
    for k in [
        "behavioral",
        "technical",
        "system_design",
        "situational",
        "company",
        "questions_to_ask",
    ] {
        assert!(kinds.contains(k), "no {k} question ships");
    }
}

#[test]
fn filters_apply_and_bad_filter_values_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = hotseat(dir.path())
        .args([
            "questions",
            "list",
            "--kind",
            "behavioral",
            "--difficulty",
            "hard",
            "--json",
        ])
        .output()
        .unwrap();
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!list.is_empty());
    assert!(
        list.iter()
            .all(|q| q["kind"] == "behavioral" && q["difficulty"] == "hard")
    );

    hotseat(dir.path())
        .args(["questions", "list", "--kind", "poetry"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--kind").and(predicate::str::contains("poetry")));
}

#[test]
fn personas_list_json_has_the_classic_three() {
    let dir = tempfile::tempdir().unwrap();
    let out = hotseat(dir.path())
        .args(["personas", "list", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = list.iter().filter_map(|p| p["id"].as_str()).collect();
    for id in ["friendly", "neutral", "challenging"] {
        assert!(ids.contains(&id), "{ids:?}");
    }
    hotseat(dir.path())
        .args(["personas", "show", "friendly"])
        .assert()
        .success()
        .stdout(predicate::str::contains("strictness"));
    hotseat(dir.path())
        .args(["personas", "show", "nobody"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no persona with id 'nobody'"));
}

#[test]
fn validate_reports_one_error_per_bad_file_with_line() {
    let dir = tempfile::tempdir().unwrap();
    let files = fixtures("bad");
    let out = hotseat(dir.path())
        .args(["banks", "validate"])
        .args(&files)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(lines.len(), files.len(), "{stderr}");
    for file in &files {
        let name = file.file_name().unwrap().to_str().unwrap();
        let line = lines.iter().find(|l| l.contains(name)).unwrap();
        // file:line:col: …
        let after = line.split(name).nth(1).unwrap();
        assert!(
            after.starts_with(':') && after[1..].chars().next().unwrap().is_ascii_digit(),
            "{line}"
        );
    }
    let expect = [
        (
            "bad_enum.toml:3:",
            "question[0].kind",
            "unknown variant `riddle`",
        ),
        (
            "duplicate_id.toml:14:",
            "question[1].id",
            "duplicate id 'bad-dup'",
        ),
        (
            "empty_prompt.toml:7:",
            "question[0].prompt",
            "must not be empty",
        ),
        (
            "missing_field.toml:1:",
            "question[0].prompt",
            "missing field `prompt`",
        ),
        (
            "no_evidence.toml:15:",
            "question[0].talking_points[1].evidence",
            "no evidence words",
        ),
        ("persona_strictness.toml:6:", "strictness", "out of range"),
        (
            "syntax.toml:4:",
            "question[0].prompt",
            "invalid basic string",
        ),
        (
            "unknown_field.toml:8:",
            "question[0].answr",
            "unknown field `answr`",
        ),
    ];
    for (at, field, message) in expect {
        let line = lines
            .iter()
            .find(|l| l.contains(at))
            .unwrap_or_else(|| panic!("no {at} in {stderr}"));
        assert!(line.contains(&format!("field `{field}`")), "{line}");
        assert!(line.contains(message), "{line}");
    }
}

#[test]
fn validate_passes_on_shipped_banks_and_good_files() {
    let dir = tempfile::tempdir().unwrap();
    hotseat(dir.path())
        .args(["banks", "validate"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 error(s)"));
    hotseat(dir.path())
        .args(["banks", "validate"])
        .args(fixtures("good"))
        .assert()
        .success();
}

#[test]
fn user_files_extend_the_bank_and_bad_ones_are_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let banks = dir.path().join("config/question_banks");
    std::fs::create_dir_all(&banks).unwrap();
    for f in fixtures("good") {
        std::fs::copy(&f, banks.join(f.file_name().unwrap())).unwrap();
    }
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/empty_prompt.toml"),
        banks.join("broken.toml"),
    )
    .unwrap();
    let out = hotseat(dir.path())
        .args(["questions", "show", "user-tech-raft-leader", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let q: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(q["difficulty"], "hard");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("warning: skipped:") && stderr.contains("broken.toml:7"),
        "{stderr}"
    );
    // validate with no paths covers the user's files too, and fails on the broken one
    hotseat(dir.path())
        .args(["banks", "validate"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("broken.toml:7"));
}

#[test]
fn search_finds_conflict_questions_and_stats_prints_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = hotseat(dir.path())
        .args(["questions", "search", "conflict", "--json", "--limit", "5"])
        .output()
        .unwrap();
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!hits.is_empty() && hits.len() <= 5);
    hotseat(dir.path())
        .args(["questions", "stats"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("| behavioral |").and(predicate::str::contains("**total**")),
        );
}

#[test]
fn completions_print_a_script() {
    let dir = tempfile::tempdir().unwrap();
    hotseat(dir.path())
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("_hotseat"));
}
