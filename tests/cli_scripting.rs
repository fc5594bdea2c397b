//! The scriptable practice and mock commands end to end: `practice plan`, `practice answer` (stored
//! as the practice screen stores answers) and `mock --script`, with their errors storing nothing.
#![allow(clippy::unwrap_used)]

mod common;

use common::hotseat;
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

fn json_of(dir: &Path, args: &[&str]) -> Value {
    let out = hotseat(dir).args(args).arg("--json").output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn answers_stored(dir: &Path) -> u64 {
    let p = json_of(dir, &["progress"]);
    p["answers"].as_u64().unwrap() + p["skipped"].as_u64().unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

const STRONG: &str = "In my last role our checkout service timed out under peak load. I owned the fix: \
I profiled the slow queries, added a read replica and a cache for the catalogue, and set alerts on p99 \
latency. As a result p99 latency fell from 2.1 seconds to 300 ms and failed checkouts dropped by 40%. \
I learned to measure before changing anything.";

#[test]
fn plan_json_has_the_requested_questions_and_the_same_seed_gives_the_same_plan() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "practice",
        "plan",
        "--kind",
        "behavioral",
        "--role",
        "software_engineer",
        "--count",
        "4",
        "--seed",
        "11",
    ];
    let plan = json_of(dir.path(), &args);
    let questions = plan["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 4);
    assert_eq!(plan["seed"], 11);
    for q in questions {
        assert_eq!(q["kind"], "behavioral");
        assert!(q["prompt"].as_str().unwrap().len() > 10);
        assert!(q["time_limit_secs"].as_u64().unwrap() > 0);
        let id = q["id"].as_str().unwrap();
        let shown = json_of(dir.path(), &["questions", "show", id]);
        let roles = shown["roles"].as_array().unwrap();
        assert!(
            roles.iter().any(|r| r == "software_engineer" || r == "any"),
            "{id}: {roles:?}"
        );
    }
    assert_eq!(json_of(dir.path(), &args), plan, "same seed, same plan");
    let mut other = args;
    other[9] = "12";
    assert_ne!(json_of(dir.path(), &other)["questions"], plan["questions"]);
    assert!(
        !dir.path().join("data").exists(),
        "planning reads the store only when there is one"
    );
}

#[test]
fn plan_text_lists_ids_and_an_empty_plan_says_why() {
    let dir = tempfile::tempdir().unwrap();
    hotseat(dir.path())
        .args(["practice", "plan", "--kind", "technical", "--count", "2"])
        .assert()
        .success()
        .stdout(predicate::str::contains("technical · 2 questions"))
        .stdout(predicate::str::contains(" 1. "));
    hotseat(dir.path())
        .args(["practice", "plan", "--kind", "starred"])
        .assert()
        .success()
        .stderr(predicate::str::contains("no starred questions"));
    hotseat(dir.path())
        .args(["practice", "plan", "--kind", "due", "--json"])
        .assert()
        .success()
        .stderr(predicate::str::contains("nothing is due"));
    hotseat(dir.path())
        .args(["practice", "plan", "--kind", "poetry"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--kind").and(predicate::str::contains("due")));
}

fn first_behavioral(dir: &Path) -> String {
    let plan = json_of(
        dir,
        &[
            "practice",
            "plan",
            "--kind",
            "behavioral",
            "--count",
            "2",
            "--seed",
            "3",
        ],
    );
    plan["questions"][0]["id"].as_str().unwrap().to_string()
}

#[test]
fn an_answer_is_stored_like_the_practice_screen_stores_it() {
    let dir = tempfile::tempdir().unwrap();
    let id = first_behavioral(dir.path());
    let file = write(dir.path(), "answer.txt", STRONG);
    let out = json_of(
        dir.path(),
        &[
            "practice",
            "answer",
            "--question",
            &id,
            "--answer-file",
            &file,
            "--seconds",
            "95",
        ],
    );
    assert_eq!(out["saved"], true);
    assert_eq!(out["question_id"], id.as_str());
    let total = out["report"]["total"].as_u64().unwrap();
    assert_eq!(out["session_answers"], 1);
    let session = out["session_id"].as_str().unwrap().to_string();

    let progress = json_of(dir.path(), &["progress"]);
    assert_eq!(progress["answers"], 1);
    assert!(
        progress["scheduled"].as_u64().unwrap() >= 1,
        "a review is scheduled"
    );
    let history = json_of(dir.path(), &["history"]);
    let rows = history.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], session.as_str());
    assert_eq!(rows[0]["kind"], "practice");
    assert_eq!(rows[0]["total"].as_u64().unwrap(), total);

    // a second answer joins the same session; text mode prints the report and where it went
    hotseat(dir.path())
        .args([
            "practice",
            "answer",
            "--question",
            &id,
            "--answer-file",
            "-",
        ])
        .args(["--session", &session[..13]])
        .write_stdin("I think it went fine, basically.")
        .assert()
        .success()
        .stdout(predicate::str::contains("Score: "))
        .stdout(predicate::str::contains("saved as attempt"))
        .stdout(predicate::str::contains(&session));
    let shown = json_of(dir.path(), &["history", "show", &session]);
    assert_eq!(shown["attempts"].as_array().unwrap().len(), 2);
    assert_eq!(
        json_of(dir.path(), &["history"]).as_array().unwrap().len(),
        1
    );
    assert_eq!(answers_stored(dir.path()), 2);
}

#[test]
fn with_tracking_off_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let id = first_behavioral(dir.path());
    let file = write(dir.path(), "answer.txt", STRONG);
    hotseat(dir.path())
        .args(["--set", "track_performance=false"])
        .args([
            "practice",
            "answer",
            "--question",
            &id,
            "--answer-file",
            &file,
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Score: "))
        .stdout(predicate::str::contains(
            "not saved: track_performance is off",
        ));
    assert!(!dir.path().join("data").exists());
    assert_eq!(answers_stored(dir.path()), 0);
}

#[test]
fn bad_answers_name_the_flag_and_store_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let id = first_behavioral(dir.path());
    let file = write(dir.path(), "answer.txt", STRONG);
    let typo = format!("{}x", &id[..id.len() - 1]);
    hotseat(dir.path())
        .args([
            "practice",
            "answer",
            "--question",
            &typo,
            "--answer-file",
            &file,
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!("--question {typo}")))
        .stderr(predicate::str::contains("nearest").and(predicate::str::contains(&id)));
    let missing = dir.path().join("nope.txt").display().to_string();
    hotseat(dir.path())
        .args([
            "practice",
            "answer",
            "--question",
            &id,
            "--answer-file",
            &missing,
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!("--answer-file {missing}")));
    let blank = write(dir.path(), "blank.txt", "  \n\n");
    hotseat(dir.path())
        .args([
            "practice",
            "answer",
            "--question",
            &id,
            "--answer-file",
            &blank,
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--answer-file").and(predicate::str::contains("empty")));
    assert_eq!(answers_stored(dir.path()), 0);
    hotseat(dir.path())
        .args([
            "practice",
            "answer",
            "--question",
            &id,
            "--answer-file",
            &file,
        ])
        .args(["--session", "0123abcd"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--session 0123abcd"));
    assert_eq!(answers_stored(dir.path()), 0);
    assert!(
        json_of(dir.path(), &["history"])
            .as_array()
            .unwrap()
            .is_empty()
    );
}

/// Warm-up, a weak first answer, then answers enough for a follow-up on each question and a "no".
fn full_script() -> String {
    [
        "I am a backend engineer with six years in payments, and I lead a team of four.",
        "I fixed it.",
        STRONG,
        STRONG,
        STRONG,
        "no",
        "no",
    ]
    .join("\n---\n")
}

fn mock(dir: &Path, script: &str) -> Value {
    json_of(
        dir,
        &[
            "mock",
            "--persona",
            "friendly",
            "--questions",
            "2",
            "--seed",
            "5",
            "--script",
            script,
        ],
    )
}

#[test]
fn a_scripted_mock_runs_to_a_report_and_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let script = write(dir.path(), "script.txt", &full_script());
    let run = mock(dir.path(), &script);
    assert_eq!(run["status"], "finished", "{run:#}");
    assert_eq!(run["interviewer"], "scripted");
    assert_eq!(run["persona"], "friendly");
    assert_eq!(run["report"]["planned"], 2);
    assert_eq!(run["report"]["answered"], 2);
    assert_eq!(run["questions"].as_array().unwrap().len(), 2);

    let turns = run["transcript"].as_array().unwrap();
    assert_eq!(turns[0]["speaker"], "interviewer");
    assert_eq!(turns[0]["cue"], "opening");
    for pair in turns.windows(2) {
        assert_ne!(pair[0]["speaker"], pair[1]["speaker"], "turns alternate");
        assert!(pair[0]["at"].as_str() <= pair[1]["at"].as_str());
    }
    assert_eq!(turns[1]["speaker"], "candidate");
    assert_eq!(turns[1]["script_line"], 1);
    assert!(
        turns[1]["text"]
            .as_str()
            .unwrap()
            .starts_with("I am a backend")
    );
    assert_eq!(turns[2]["cue"], "ask");
    assert_eq!(turns[3]["text"], "I fixed it.");
    assert_eq!(turns[4]["cue"], "probe", "a thin answer draws a follow-up");
    assert!(turns[4]["probe"].is_string());
    assert_eq!(
        run["probes_asked"][0]["question_id"],
        turns[2]["question_id"]
    );
    assert_eq!(turns.last().unwrap()["speaker"], "interviewer");

    let session = run["session_id"].as_str().unwrap();
    let history = json_of(dir.path(), &["history"]);
    assert_eq!(history[0]["id"], session);
    assert_eq!(history[0]["kind"], "mock");
    assert_eq!(history[0]["status"], "finished");
    let shown = json_of(dir.path(), &["history", "show", session]);
    assert_eq!(
        shown["transcript"]["turns"].as_array().unwrap().len(),
        turns.len()
    );
    assert_eq!(answers_stored(dir.path()), 2, "one attempt per question");

    hotseat(dir.path())
        .args([
            "mock",
            "--persona",
            "friendly",
            "--questions",
            "2",
            "--seed",
            "5",
        ])
        .args(["--script", &script])
        .assert()
        .success()
        .stdout(predicate::str::contains("Transcript"))
        .stdout(predicate::str::contains("You: I fixed it."))
        .stdout(predicate::str::contains("saved as session"));
}

#[test]
fn a_short_script_ends_early_with_a_partial_report() {
    let dir = tempfile::tempdir().unwrap();
    let script = write(
        dir.path(),
        "short.txt",
        &format!("I build payment systems.\n---\n{STRONG}\n"),
    );
    let out = hotseat(dir.path())
        .args([
            "mock",
            "--persona",
            "friendly",
            "--questions",
            "2",
            "--seed",
            "5",
        ])
        .args(["--script", &script, "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("ended early"));
    let run: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(run["status"], "ended_early");
    assert_eq!(run["ran_out"], true);
    assert_eq!(run["report"]["ended_early"], true);
    assert!(run["report"]["answered"].as_u64().unwrap() < 2);
    let turns = run["transcript"].as_array().unwrap();
    assert_eq!(turns.last().unwrap()["cue"], "close");
    let history = json_of(dir.path(), &["history"]);
    assert_eq!(history[0]["status"], "ended early");
}

#[test]
fn empty_and_bad_scripts_are_errors_naming_the_file_and_store_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.txt", "\n---\n   \n");
    hotseat(dir.path())
        .args(["mock", "--persona", "friendly", "--script", &empty])
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!("--script {empty}")))
        .stderr(predicate::str::contains("no answers"));
    let gap = write(dir.path(), "gap.txt", "Hello.\n---\n\n---\nmore\n");
    hotseat(dir.path())
        .args(["mock", "--persona", "friendly", "--script", &gap])
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!("--script {gap}")))
        .stderr(predicate::str::contains("line 3"));
    let missing = dir.path().join("nope.txt").display().to_string();
    hotseat(dir.path())
        .args(["mock", "--script", &missing])
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!("--script {missing}")));
    hotseat(dir.path())
        .args(["mock", "--persona", "nobody", "--script", &gap])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--persona"));
    assert!(!dir.path().join("data").exists());
}
