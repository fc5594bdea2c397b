//! `hotseat prep` from the command line: build from a file or stdin, Markdown and JSON output,
//! --out .md/.pdf, the saved guide in `prep list` / `prep show`, and clear errors for bad flags.
#![allow(clippy::unwrap_used)]

mod common;

use common::hotseat;
use predicates::prelude::*;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn builds_saves_lists_and_shows_a_guide() {
    let dir = tempfile::tempdir().unwrap();
    let out = hotseat(dir.path())
        .args([
            "prep",
            "--jd",
            &fixture("jd/backend.md"),
            "--resume",
            &fixture("resume.md"),
        ])
        .args([
            "--company",
            "Northwind Pay",
            "--stage",
            "technical",
            "--days",
            "4",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let guide: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(guide["context"]["role"], "software_engineer");
    assert_eq!(guide["plan"].as_array().unwrap().len(), 4);
    let id = guide["id"].as_str().unwrap().replace('-', "");
    assert!(String::from_utf8_lossy(&out.stderr).contains("saved as"));

    hotseat(dir.path())
        .args(["prep", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains(&id).and(predicate::str::contains("at Northwind Pay")));
    hotseat(dir.path())
        .args(["prep", "show", &id[..8]])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "# Prep guide: Senior Backend Engineer",
        ));
    let pdf = dir.path().join("guide.pdf");
    hotseat(dir.path())
        .args(["prep", "show", &id, "--out", pdf.to_str().unwrap()])
        .assert()
        .success();
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn reads_the_job_description_from_stdin_and_writes_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("guide.md");
    hotseat(dir.path())
        .args([
            "prep",
            "--jd",
            "-",
            "--stage",
            "final",
            "--out",
            md.to_str().unwrap(),
        ])
        .write_stdin(std::fs::read_to_string(fixture("jd/finance.md")).unwrap())
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote"));
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("## Callback drivers") || text.contains("### Callback drivers"));
    assert!(text.contains("**Role:** Finance"), "{text}");
}

#[test]
fn bad_flags_name_the_flag_and_value() {
    let dir = tempfile::tempdir().unwrap();
    let jd = fixture("jd/backend.md");
    hotseat(dir.path())
        .args(["prep", "--jd", &jd, "--stage", "lunch"])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("--stage")
                .and(predicate::str::contains("unknown stage 'lunch'")),
        );
    hotseat(dir.path())
        .args(["prep", "--jd", &jd, "--days", "900"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--days").and(predicate::str::contains("900")));
    hotseat(dir.path())
        .args(["prep", "--jd", &jd, "--out", "guide.docx"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "--out guide.docx: unsupported extension '.docx'",
        ));
    hotseat(dir.path())
        .args(["prep", "--jd", &jd, "--resume", "/nonexistent/cv.md"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "--resume /nonexistent/cv.md: cannot read",
        ));
    hotseat(dir.path())
        .args(["prep", "--jd", "/nonexistent/jd.md"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "--jd /nonexistent/jd.md: cannot read",
        ));
    hotseat(dir.path())
        .args(["prep"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--jd is required"));
    hotseat(dir.path())
        .args(["prep", "show", "zzzz"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no saved guide with id 'zzzz'"));
}

#[test]
fn history_shows_a_guide_by_the_start_of_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let out = hotseat(dir.path())
        .args([
            "--json",
            "prep",
            "--offline",
            "--jd",
            &fixture("jd/backend.md"),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let guide: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = guide["id"].as_str().unwrap().to_string();
    let title = guide["title"].as_str().unwrap().to_string();
    hotseat(dir.path())
        .args(["history", "show", &id[..8]])
        .assert()
        .success()
        .stdout(predicate::str::contains(title));
    hotseat(dir.path())
        .args(["history", "show", "zzzzzzzz"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("zzzzzzzz"));
}
