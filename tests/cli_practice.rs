//! `hotseat practice` and the other app-opening commands on bad input and without a terminal:
//! clear errors that name the flag and value, and nothing is written.
#![allow(clippy::unwrap_used)]

mod common;

use common::hotseat;
use predicates::prelude::*;

#[test]
fn a_bad_practice_kind_names_the_flag_and_the_value() {
    let dir = tempfile::tempdir().unwrap();
    hotseat(dir.path())
        .args(["practice", "--kind", "poetry"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--kind").and(predicate::str::contains("poetry")))
        .stderr(predicate::str::contains("weak_areas"));
    hotseat(dir.path())
        .args(["practice", "--count", "0"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--count"));
    assert!(
        !dir.path().join("data").exists(),
        "nothing is written on bad input"
    );
}

#[test]
fn opening_the_app_without_a_terminal_says_how_to_script_it() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["practice"][..], &["trends"][..], &["browse"][..], &[][..]] {
        hotseat(dir.path())
            .args(args)
            .assert()
            .failure()
            .stderr(predicate::str::contains("needs a terminal"));
    }
}
