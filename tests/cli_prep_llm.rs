//! `hotseat prep` with an LLM configured, against a fake OpenAI-compatible server on 127.0.0.1:
//! `--json` labels every part with its source and keeps progress off stdout, a rebuild is answered
//! from the cache, `--offline` sends nothing, a failing server leaves the offline guide with one
//! line saying why, and `hotseat history` lists the guide.
#![allow(clippy::unwrap_used)]

mod common;
#[path = "common/fake_llm.rs"]
mod fake_llm;

use fake_llm::{MODEL, Mode, start};
use serde_json::Value;
use std::path::Path;
use std::time::Duration;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs `hotseat ARGS` in `dir` with the LLM pointed at `base`, off the async runtime.
async fn run(dir: &Path, base: &str, args: &[&str]) -> std::process::Output {
    common::run_with_llm(dir, base, MODEL, args).await
}

fn build_args(extra: &[&'static str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "prep",
        "--jd",
        &fixture("jd/backend.md"),
        "--resume",
        &fixture("resume.md"),
        "--company",
        "Northwind Pay",
        "--days",
        "3",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect();
    args.extend(extra.iter().map(|s| (*s).to_string()));
    args
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_labels_each_part_with_its_source_and_a_rebuild_uses_the_cache() {
    let (base, fake) = start(Mode::Stream(Duration::from_millis(1))).await;
    let dir = tempfile::tempdir().unwrap();
    let args = build_args(&["--json"]);
    let out = run(dir.path(), &base, &strs(&args)).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // stdout is the JSON alone; progress went to stderr
    let guide: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        stderr.contains("enriching 1/3 with fake-model: role and company summary… done"),
        "{stderr}"
    );
    assert!(stderr.contains("added 3 LLM section(s)"), "{stderr}");
    assert_eq!(fake.hits(), 3);

    let sections = guide["sections"].as_array().unwrap();
    let source_of = |key: &str| {
        sections
            .iter()
            .find(|s| s["section"] == key)
            .map(|s| s["source"].as_str().unwrap().to_string())
    };
    assert_eq!(source_of("context").as_deref(), Some("offline"));
    assert_eq!(source_of("predicted").as_deref(), Some("offline"));
    assert_eq!(source_of("plan").as_deref(), Some("offline"));
    let llm = format!("llm:{MODEL}");
    assert_eq!(source_of("context_summary"), Some(llm.clone()));
    assert_eq!(source_of("predicted_questions"), Some(llm.clone()));
    assert_eq!(source_of("plan_refinements"), Some(llm.clone()));
    let enrichment = guide["enrichment"].as_array().unwrap();
    assert_eq!(enrichment.len(), 3);
    assert_eq!(enrichment[0]["kind"], "context_summary");
    assert_eq!(enrichment[0]["source"], llm);
    assert!(
        enrichment[0]["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s.as_str().unwrap().contains("Northwind Pay"))
    );
    assert_eq!(guide["generated_by"], format!("offline + {llm}"));
    // the offline sections are all there
    assert_eq!(guide["predicted"].as_array().unwrap().len(), 12);
    assert_eq!(guide["plan"].as_array().unwrap().len(), 3);

    // the same guide again: every section from the cache, no request
    let out = run(dir.path(), &base, &strs(&build_args(&[]))).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(fake.hits(), 3, "a rebuild asks the model nothing");
    assert!(stderr.contains("(3 from the cache)"), "{stderr}");
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.contains("### Role and company summary (written by an LLM: fake-model)"),
        "{md}"
    );
    assert!(md.contains("**Verify these facts.**"), "{md}");

    // History lists both guides
    let out = run(dir.path(), &base, &["history", "--json"]).await;
    assert!(out.status.success());
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    let guides: Vec<&Value> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "guide")
        .collect();
    assert_eq!(guides.len(), 2);
    assert_eq!(guides[0]["company"], "Northwind Pay");
    assert_eq!(guides[0]["stage"], "technical");
    assert_eq!(guides[0]["generated_by"], format!("offline + {llm}"));
    // and `history show` prints a guide by its id
    let id = guides[0]["id"].as_str().unwrap().to_string();
    let out = run(dir.path(), &base, &["history", "show", &id, "--json"]).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["sections"].as_array().unwrap().len(), 7 + 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_sends_nothing() {
    let (base, fake) = start(Mode::Stream(Duration::from_millis(1))).await;
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &base,
        &strs(&build_args(&["--offline", "--json"])),
    )
    .await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(fake.hits(), 0);
    assert!(!stderr.contains("enriching"), "{stderr}");
    let guide: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(guide.get("enrichment").is_none());
    assert_eq!(guide["generated_by"], "offline");
    assert!(
        guide["sections"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["source"] == "offline")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_server_leaves_the_offline_guide_and_says_why() {
    let (base, fake) = start(Mode::Status(500)).await;
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &base,
        &strs(&build_args(&["--json", "--set", "llm_timeout_secs=5"])),
    )
    .await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(fake.hits() >= 1);
    let guide: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(guide.get("enrichment").is_none());
    let note = guide["enrichment_note"].as_str().unwrap();
    assert!(note.starts_with("LLM enrichment stopped at 1/3"), "{note}");
    assert!(note.contains("failed with 500"), "{note}");
    assert!(stderr.contains(note), "{stderr}");
    assert_eq!(guide["predicted"].as_array().unwrap().len(), 12);
    // one line about it, no crash, and stdout is still clean JSON
    assert_eq!(
        stderr.lines().filter(|l| l.contains("stopped at")).count(),
        1,
        "{stderr}"
    );
}
