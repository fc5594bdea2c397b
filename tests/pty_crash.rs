//! Crash safety with the real binary: kill -9 while typing keeps the draft; a submitted answer
//! survives kill -9.
#![allow(clippy::unwrap_used)]

#[path = "common/pty.rs"]
mod pty;

use std::time::Duration;

const WAIT: Duration = Duration::from_secs(30);

#[test]
fn kill_9_while_typing_then_restart_offers_the_draft_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = pty::PtyApp::spawn(
        dir.path(),
        &["practice", "--kind", "behavioral", "--count", "1"],
        (100, 30),
    );
    app.wait_for("Your answer", WAIT);
    app.send("My unsent answer about a hard deadline");
    app.wait_for("7 words", WAIT);
    // autosave runs at least every 2 s while the text changes
    std::thread::sleep(Duration::from_millis(2500));
    app.kill_hard();

    let mut again = pty::PtyApp::spawn(dir.path(), &[], (100, 30));
    again.wait_for("Timed practice", WAIT);
    again.send("p");
    again.wait_for("You have an unsent answer", WAIT);
    again.send("r");
    again.wait_for("My unsent answer about a hard deadline", WAIT);
    again.send("\x03");
    assert!(again.wait_exit(WAIT));
}

#[test]
fn a_submitted_answer_survives_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = pty::PtyApp::spawn(
        dir.path(),
        &["practice", "--kind", "technical", "--count", "2"],
        (100, 30),
    );
    app.wait_for("Your answer", WAIT);
    app.send(
        "An index is a sorted structure, usually a B-tree, so lookups avoid a full table scan.",
    );
    app.send("\x13"); // Ctrl-S
    // feedback shows only after the attempt is durable
    app.wait_for("scored offline", WAIT);
    app.kill_hard();

    let out = assert_cmd::Command::cargo_bin("hotseat")
        .unwrap()
        .env("HOTSEAT_CONFIG_DIR", dir.path().join("config"))
        .env("HOTSEAT_DATA_DIR", dir.path().join("data"))
        .args(["data", "info", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["counts"]["attempts"], 1, "{info}");
    assert_eq!(info["counts"]["sessions"], 1, "{info}");
}
