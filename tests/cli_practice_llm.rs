//! `hotseat practice answer` with an LLM judge, against a fake OpenAI-compatible server on
//! 127.0.0.1: the judged report is printed and stored; a failing server leaves the offline score,
//! says why on stderr, and still stores the answer.
#![allow(clippy::unwrap_used)]

mod common;

use axum::Router;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::post;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

const QUESTION: &str = "beh-conflict-hard-to-work-with-colleague";
const ANSWER: &str = "A teammate kept rewriting my pull requests without asking, which frustrated me. \
I asked him for coffee to understand why and learned he was worried about performance regressions. \
We agreed he would comment instead of rewrite, and I added benchmarks to my changes. \
After that our reviews got 40% faster and we work well together now.";

fn judge_reply(points: usize) -> String {
    let dim = |score: i64, quote: &str| json!({"score": score, "note": "ok", "evidence": [quote]});
    let talking_points: Vec<Value> = (1..=points)
        .map(|id| json!({"id": id, "hit": true, "quote": "I asked him for coffee"}))
        .collect();
    let content = json!({
        "dimensions": {
            "relevance": dim(88, "I asked him for coffee to understand why"),
            "structure": dim(80, "We agreed he would comment instead of rewrite"),
            "specificity": dim(75, "our reviews got 40% faster"),
            "concision": dim(85, "I added benchmarks to my changes"),
            "delivery": dim(90, "we work well together now"),
        },
        "talking_points": talking_points,
        "strengths": [{"text": "You sought their side first", "quote": "I asked him for coffee to understand why"}],
        "improvements": [{"text": "Say what you changed in your own habits", "quote": null, "talking_point_id": null}],
        "outline": ["Situation: rewritten pull requests", "Result: reviews 40% faster"]
    })
    .to_string();
    json!({
        "id": "chatcmpl-1", "object": "chat.completion", "created": 1_700_000_000u32,
        "model": "judge-model",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 60, "completion_tokens": 40, "total_tokens": 100}
    })
    .to_string()
}

async fn server(ok: bool, points: usize) -> String {
    let app = Router::new().route(
        "/v1/chat/completions",
        post(move || async move {
            if ok {
                (
                    StatusCode::OK,
                    [("content-type", "application/json")],
                    judge_reply(points),
                )
                    .into_response()
            } else {
                (
                    StatusCode::BAD_REQUEST,
                    [("content-type", "application/json")],
                    "{\"error\":{\"message\":\"no such model\"}}".to_string(),
                )
                    .into_response()
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}/v1")
}

/// Runs `hotseat ARGS` in `dir` with the judge pointed at `base`, off the async runtime.
async fn run(dir: &Path, base: &str, args: &[&str]) -> std::process::Output {
    let dir: PathBuf = dir.to_path_buf();
    let base = base.to_string();
    let args: Vec<String> = args.iter().map(|a| (*a).to_string()).collect();
    tokio::task::spawn_blocking(move || {
        common::hotseat(&dir)
            .args(&args)
            .env("NO_PROXY", "*")
            .env("HOTSEAT_LLM_BASE_URL", base)
            .env("HOTSEAT_MODEL", "judge-model")
            .env("OPENAI_API_KEY", "sk-test")
            .env("HOTSEAT_LLM_CACHE_TTL_HOURS", "0")
            .output()
            .unwrap()
    })
    .await
    .unwrap()
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
    let base = server(true, talking_points(dir.path())).await;
    let args = answer_args(&file);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(dir.path(), &base, &args).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(printed.contains("llm:judge-model"), "{printed}");
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
    let base = server(false, 0).await;
    let args = answer_args(&file);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(dir.path(), &base, &args).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(!printed.contains("llm:judge-model"), "{printed}");
    assert!(printed.contains("offline"), "{printed}");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!stderr.trim().is_empty(), "the fallback is said on stderr");
    let progress = attempts(dir.path());
    assert_eq!(progress["answers"], 1, "{progress}");
    assert_ne!(progress["dimensions"][0]["average"], 88.0, "{progress}");
}
