//! `hotseat mock` in a pseudo-terminal: the interview opens straight away, a kill -9 after a
//! submitted answer loses nothing — History lists the interview as resumable with the answer saved —
//! and Ctrl-C keeps even an answer typed but not sent.
#![allow(clippy::unwrap_used)]

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::time::Duration;

const WAIT: Duration = Duration::from_secs(30);

#[test]
fn kill_9_mid_interview_loses_no_submitted_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = pty::PtyApp::spawn(
        dir.path(),
        &[
            "mock",
            "--persona",
            "neutral",
            "--questions",
            "2",
            "--role",
            "software_engineer",
        ],
        (100, 30),
    );
    app.wait_for("Warm-up", WAIT);
    app.wait_for("Your answer", WAIT);
    app.send("I build payment systems in Rust.");
    app.send("\x13"); // Ctrl-S
    // the header moves on at once; the interviewer speaks again only once the answer is durable,
    // and until then the transcript says it is saving
    app.wait_for("Question 1/2", WAIT);
    let deadline = std::time::Instant::now() + WAIT;
    while app.screen().contains("saving your answer") {
        assert!(std::time::Instant::now() < deadline, "{}", app.screen());
        std::thread::sleep(Duration::from_millis(20));
    }
    app.kill_hard();

    let out = common::hotseat(dir.path())
        .args(["history", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let entry = &list[0];
    assert_eq!(entry["kind"], "mock");
    assert_eq!(entry["status"], "in progress");
    let id = entry["id"].as_str().unwrap();

    let out = common::hotseat(dir.path())
        .args(["history", "show", &id[..8]])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("I build payment systems in Rust."), "{text}");
    assert!(text.contains("in progress"), "{text}");

    let out = common::hotseat(dir.path())
        .args(["--json", "history", "show", id])
        .output()
        .unwrap();
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["status"], "in_progress");
    assert_eq!(
        shown["transcript"]["turns"][1]["text"],
        "I build payment systems in Rust."
    );
    assert_eq!(shown["report"]["complete"], false);
}

#[test]
fn ctrl_c_mid_answer_keeps_the_interview_and_the_unsent_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = pty::PtyApp::spawn(
        dir.path(),
        &["mock", "--persona", "neutral", "--questions", "1"],
        (100, 30),
    );
    app.wait_for("Warm-up", WAIT);
    app.wait_for("Your answer", WAIT);
    app.send("I lead the ledger team and");
    app.wait_for("I lead the ledger team and", WAIT);
    app.send("\x03"); // Ctrl-C
    assert!(app.wait_exit(WAIT), "Ctrl-C quits");

    let out = common::hotseat(dir.path())
        .args(["history", "--json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list[0]["kind"], "mock", "{list}");
    assert_eq!(list[0]["status"], "in progress", "{list}");
    let id: uuid::Uuid = list[0]["id"].as_str().unwrap().parse().unwrap();
    let store = hotseat::store::SledStore::open(&dir.path().join("data")).unwrap();
    let record = hotseat::store::Store::mock(&store, id).unwrap().unwrap();
    assert_eq!(
        record.interview.unsent_answer.as_deref(),
        Some("I lead the ledger team and")
    );
}

#[test]
fn mock_rejects_an_unknown_persona_and_a_missing_jd_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::hotseat(dir.path())
        .args(["mock", "--persona", "nobody"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--persona: no persona with id 'nobody'"),
        "{err}"
    );
    let out = common::hotseat(dir.path())
        .args(["mock", "--persona", "friendly", "--jd", "/no/such/jd.md"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--jd: cannot read the job description file /no/such/jd.md"),
        "{err}"
    );
}

#[test]
fn history_on_an_empty_store() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::hotseat(dir.path())
        .args(["history"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("no sessions yet"));
    let out = common::hotseat(dir.path())
        .args(["history", "show", "abc"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no session with id 'abc'"));
}
