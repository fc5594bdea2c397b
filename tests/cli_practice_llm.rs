//! `hotseat practice answer` with an LLM judge, against a fake OpenAI-compatible server on
//! 127.0.0.1: the judged report is printed and stored; a failing server leaves the offline score,
//! says why on stderr, and still stores the answer; a hung one cannot lose it to a kill.
#![allow(clippy::unwrap_used)]

mod common;
#[path = "common/fake_judge.rs"]
mod fake_judge;

use fake_judge::{JUDGE_MODEL, judge_reply, start_hung_judge, start_judge};
use serde_json::Value;
use std::path::Path;

const QUESTION: &str = "beh-conflict-hard-to-work-with-colleague";
const ANSWER: &str = "A teammate kept rewriting my pull requests without asking, which frustrated me. \
I asked him for coffee to understand why and learned he was worried about performance regressions. \
We agreed he would comment instead of rewrite, and I added benchmarks to my changes. \
After that our reviews got 40% faster and we work well together now.";

/// The fake judge's report: relevance 88 (the offline scorer gives this answer less), every
/// talking point hit.
fn judged(points: usize) -> String {
    judge_reply(
        "I asked him for coffee to understand why",
        points,
        [88, 80, 75, 85, 90],
    )
}

fn talking_points(dir: &Path) -> usize {
    let out = common::hotseat(dir)
        .args(["questions", "show", QUESTION, "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["talking_points"].as_array().unwrap().len()
}

fn attempts(dir: &Path) -> Value {
    let out = common::hotseat(dir)
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

fn answer_args(file: &Path) -> Vec<String> {
    vec![
        "practice".into(),
        "answer".into(),
        "--question".into(),
        QUESTION.into(),
        "--answer-file".into(),
        file.display().to_string(),
        "--json".into(),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_judged_report_is_printed_and_stored() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answer.txt");
    std::fs::write(&file, ANSWER).unwrap();
    let base = start_judge(Some(judged(talking_points(dir.path())))).await;
    let args = answer_args(&file);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = common::run_with_llm(dir.path(), &base, JUDGE_MODEL, &args).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(printed.contains(&format!("llm:{JUDGE_MODEL}")), "{printed}");
    let progress = attempts(dir.path());
    assert_eq!(progress["answers"], 1, "{progress}");
    // the stored score is the judge's (relevance 88 from the fake judge), not the offline one
    assert_eq!(progress["dimensions"][0]["dimension"], "relevance");
    assert_eq!(progress["dimensions"][0]["average"], 88.0, "{progress}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_judge_leaves_the_offline_score_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answer.txt");
    std::fs::write(&file, ANSWER).unwrap();
    let base = start_judge(None).await;
    let args = answer_args(&file);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = common::run_with_llm(dir.path(), &base, JUDGE_MODEL, &args).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        !printed.contains(&format!("llm:{JUDGE_MODEL}")),
        "{printed}"
    );
    assert!(printed.contains("offline"), "{printed}");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!stderr.trim().is_empty(), "the fallback is said on stderr");
    let progress = attempts(dir.path());
    assert_eq!(progress["answers"], 1, "{progress}");
    assert_ne!(progress["dimensions"][0]["average"], 88.0, "{progress}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_answer_is_stored_before_a_hung_judge_and_survives_a_kill() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answer.txt");
    std::fs::write(&file, ANSWER).unwrap();
    let base = start_hung_judge().await;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("hotseat"))
        .args([
            "practice",
            "answer",
            "--question",
            QUESTION,
            "--answer-file",
        ])
        .arg(&file)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir.path())
        .env("HOTSEAT_CONFIG_DIR", dir.path().join("config"))
        .env("HOTSEAT_DATA_DIR", dir.path().join("data"))
        .env("NO_PROXY", "*")
        .env("HOTSEAT_LLM_BASE_URL", &base)
        .env("HOTSEAT_MODEL", JUDGE_MODEL)
        .env("OPENAI_API_KEY", "sk-test")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // the offline score is saved within moments of start; the judge never answers
    tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    assert!(
        child.try_wait().unwrap().is_none(),
        "still waiting on the judge"
    );
    child.kill().unwrap();
    child.wait().unwrap();
    let progress = attempts(dir.path());
    assert_eq!(progress["answers"], 1, "{progress}");
}
