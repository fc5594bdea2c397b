//! The real binary in a pseudo-terminal: it starts on the home screen, and quitting restores the terminal.
#![allow(clippy::unwrap_used)]

#[path = "common/pty.rs"]
mod pty;

use std::time::Duration;

const WAIT: Duration = Duration::from_secs(30);

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn starts_on_home_and_q_quits_restoring_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = pty::PtyApp::spawn(dir.path(), &[], (100, 30));
    app.wait_for("Browse the prep bank", WAIT);
    app.wait_for("streak", WAIT);
    app.send("q");
    assert!(app.wait_exit(WAIT), "exit status");
    let raw = app.raw();
    assert!(
        contains(&raw, b"\x1b[?1049h"),
        "entered the alternate screen"
    );
    assert!(contains(&raw, b"\x1b[?1049l"), "left the alternate screen");
    let shown = raw.windows(6).rposition(|w| w == b"\x1b[?25h");
    let hidden = raw.windows(6).rposition(|w| w == b"\x1b[?25l");
    assert!(shown.is_some(), "cursor shown again");
    assert!(shown > hidden, "the last cursor command shows it");
}

#[test]
fn browse_command_opens_filtered_and_ctrl_c_quits() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = pty::PtyApp::spawn(
        dir.path(),
        &["browse", "--kind", "system_design"],
        (100, 30),
    );
    app.wait_for("kind:system_design", WAIT);
    app.send("\x03");
    assert!(app.wait_exit(WAIT));
}

#[test]
fn a_second_instance_reports_the_lock_without_touching_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = pty::PtyApp::spawn(dir.path(), &[], (100, 30));
    first.wait_for("Browse the prep bank", WAIT);
    let mut second = pty::PtyApp::spawn(dir.path(), &[], (100, 30));
    assert!(!second.wait_exit(WAIT));
    let screen = second.screen();
    assert!(
        screen.contains("in use by another hotseat (pid"),
        "{screen}"
    );
    assert!(
        !contains(&second.raw(), b"\x1b[?1049h"),
        "never entered the alternate screen"
    );
    first.send("q");
    assert!(first.wait_exit(WAIT));
}
