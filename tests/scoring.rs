//! Offline scorer properties (proptest: total in 0..=100, no panic on any UTF-8) and the `hotseat score` CLI.
#![allow(clippy::unwrap_used)]

mod common;

use hotseat::domain::{QuestionKind, TalkingPoint};
use hotseat::scoring::{OfflineScorer, QuestionContext, Scorer};
use predicates::prelude::*;
use proptest::prelude::*;

fn question(kind: QuestionKind) -> QuestionContext {
    let mut q = QuestionContext::new(kind, "How would you make a slow API endpoint faster?");
    q.talking_points = vec![TalkingPoint {
        point: "Measures before changing anything".into(),
        evidence: vec!["profile".into(), "measure".into(), "p99".into()],
    }];
    q.reference_answer = Some(
        "Measure first: profile the endpoint and look at p99 latency. Then cache hot reads, batch queries and add indexes."
            .into(),
    );
    q
}

fn kind() -> impl Strategy<Value = QuestionKind> {
    prop::sample::select(QuestionKind::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn total_is_in_range_and_nothing_panics(kind in kind(), answer in any::<String>()) {
        let r = OfflineScorer::new().score(&question(kind), &answer);
        prop_assert!(r.total <= 100);
        for d in &r.dimensions {
            prop_assert!(d.score <= 100);
        }
        for e in &r.evidence {
            prop_assert!(e.start <= e.end && e.end <= answer.len());
            prop_assert!(answer.is_char_boundary(e.start) && answer.is_char_boundary(e.end));
        }
    }

    #[test]
    fn odd_text_and_odd_questions_do_not_panic(
        kind in kind(),
        prompt in "\\PC{0,80}",
        reference in prop::option::of("\\PC{0,200}"),
        answer in "(\\PC|[ \\n.?!'’-]){0,400}",
    ) {
        let mut q = QuestionContext::new(kind, prompt);
        q.reference_answer = reference;
        let r = OfflineScorer::new().score(&q, &answer);
        prop_assert!(r.total <= 100);
    }

    #[test]
    fn scoring_is_deterministic(answer in "[a-zA-Z0-9 .,]{0,300}") {
        let s = OfflineScorer::new();
        let q = question(QuestionKind::Technical);
        prop_assert_eq!(s.score(&q, &answer), s.score(&q, &answer));
    }
}

#[test]
fn huge_and_strange_answers_do_not_panic() {
    let s = OfflineScorer::new();
    let q = question(QuestionKind::Behavioral);
    let huge = "I measured p99 and cached the hot reads. ".repeat(5_000);
    let one_word = "a".repeat(100_000);
    let emoji = "🔥".repeat(10_000);
    let mixed = "Ünïcödé … — “quotes” 数据库 \u{200b}\u{0}\r\n\t".repeat(500);
    for answer in [huge.as_str(), &one_word, &emoji, &mixed, "\n\n\n", "...?!"] {
        let r = s.score(&q, answer);
        assert!(r.total <= 100);
    }
    assert!(s.score(&q, &emoji).total <= 15);
    assert!(s.score(&q, &one_word).total <= 15);
}

#[test]
fn cli_scores_a_bank_question_as_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let answer = dir.path().join("answer.txt");
    std::fs::write(
        &answer,
        "An SLI is a measured ratio of good events to total events, like the share of checkout requests under 300 ms. \
         An SLO is the internal target for it over a rolling 28 day window, for example 99.9%. \
         An SLA is the contract with customers, with credits if we miss it, so it is looser than the SLO.",
    )
    .unwrap();
    common::hotseat(dir.path())
        .args([
            "score",
            "--question",
            "tech-sre-sli-slo-sla-difference",
            "--answer-file",
        ])
        .arg(&answer)
        .assert()
        .success()
        .stdout(predicate::str::contains("Score: "))
        .stdout(predicate::str::contains("Relevance"))
        .stdout(predicate::str::contains("✓"))
        .stdout(predicate::str::contains("Suggested outline"));
    let out = common::hotseat(dir.path())
        .args([
            "--json",
            "score",
            "--question",
            "tech-sre-sli-slo-sla-difference",
            "--answer-file",
        ])
        .arg(&answer)
        .output()
        .unwrap();
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["total"].as_u64().unwrap() >= 50, "{report}");
    assert_eq!(report["scorer"], "offline");
    assert_eq!(report["dimensions"].as_array().unwrap().len(), 5);
}

#[test]
fn cli_reads_the_answer_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    common::hotseat(dir.path())
        .args([
            "--json",
            "score",
            "--question",
            "tech-sre-sli-slo-sla-difference",
            "--answer-file",
            "-",
        ])
        .write_stdin("asdf qwer zxcv")
        .assert()
        .success()
        .stdout(predicate::str::contains("\"total\": "));
}

#[test]
fn cli_errors_name_the_flag_and_value() {
    let dir = tempfile::tempdir().unwrap();
    let answer = dir.path().join("a.txt");
    std::fs::write(&answer, "text").unwrap();
    common::hotseat(dir.path())
        .args(["score", "--question", "no-such-id", "--answer-file"])
        .arg(&answer)
        .assert()
        .failure()
        .stderr(predicate::str::contains("--question no-such-id"));
    common::hotseat(dir.path())
        .args([
            "score",
            "--question",
            "tech-sre-sli-slo-sla-difference",
            "--answer-file",
            "/no/such/file",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--answer-file /no/such/file"));
    common::hotseat(dir.path())
        .args(["score", "--batch", "/no/such/batch.jsonl"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--batch /no/such/batch.jsonl"));
    common::hotseat(dir.path())
        .args(["score"])
        .assert()
        .failure();
}

#[test]
fn cli_batch_writes_rows_in_order_and_rejects_bad_rows_without_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let out = dir.path().join("out.jsonl");
    std::fs::write(
        &input,
        concat!(
            r#"{"id": "x1", "kind": "technical", "question": "What is a cache?", "reference_answer": "A cache keeps copies of data near where it is used so repeated reads are fast.", "answer": "It keeps copies of data close to the reader so repeated reads are fast."}"#,
            "\n",
            r#"{"id": "x2", "kind": "behavioral", "question": "Tell me about a failure.", "talking_points": ["learned"], "answer": ""}"#,
            "\n"
        ),
    )
    .unwrap();
    common::hotseat(dir.path())
        .args(["score", "--batch"])
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let rows: Vec<serde_json::Value> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], "x1");
    assert_eq!(rows[1]["score"], 0);
    for key in [
        "score",
        "dimensions",
        "talking_points",
        "strengths",
        "improvements",
    ] {
        assert!(rows[0].get(key).is_some(), "{key}");
    }

    let bad = dir.path().join("bad.jsonl");
    let bad_out = dir.path().join("bad_out.jsonl");
    std::fs::write(
        &bad,
        "{\"id\": 1, \"kind\": \"technical\", \"question\": \"q\", \"answer\": \"a\"}\n{\"id\": 2, \"kind\": \"technical\", \"answer\": \"a\"}\n",
    )
    .unwrap();
    common::hotseat(dir.path())
        .args(["score", "--batch"])
        .arg(&bad)
        .arg("--out")
        .arg(&bad_out)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "line 2: field `question`: missing",
        ));
    assert!(!bad_out.exists());
}
