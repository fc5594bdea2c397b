//! A fake OpenAI-compatible judge on 127.0.0.1 for tests: it answers every chat request with one
//! judged report in the judge's JSON shape, or with a 400 to stand for a failing model.
#![allow(dead_code, clippy::unwrap_used)]

use axum::Router;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::post;
use serde_json::{Value, json};

/// The model name the fake answers as.
pub const JUDGE_MODEL: &str = "judge-model";

/// A judged report: `scores` for relevance, structure, specificity, concision and delivery, each
/// with `quote` (which must come from the answer) as evidence; `points` talking points, all hit.
pub fn judge_reply(quote: &str, points: usize, scores: [i64; 5]) -> String {
    let names = [
        "relevance",
        "structure",
        "specificity",
        "concision",
        "delivery",
    ];
    let dimensions: serde_json::Map<String, Value> = names
        .iter()
        .zip(scores)
        .map(|(name, score)| {
            (
                (*name).to_string(),
                json!({"score": score, "note": "ok", "evidence": [quote]}),
            )
        })
        .collect();
    let talking_points: Vec<Value> = (1..=points)
        .map(|id| json!({"id": id, "hit": true, "quote": quote}))
        .collect();
    let content = json!({
        "dimensions": dimensions,
        "talking_points": talking_points,
        "strengths": [{"text": "A concrete account", "quote": quote}],
        "improvements": [{"text": "Say what you would do differently", "quote": null, "talking_point_id": null}],
        "outline": ["Situation first", "Then the result"]
    })
    .to_string();
    json!({
        "id": "chatcmpl-1", "object": "chat.completion", "created": 1_700_000_000u32,
        "model": JUDGE_MODEL,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 60, "completion_tokens": 40, "total_tokens": 100}
    })
    .to_string()
}

/// Starts the fake; `reply` is sent for every request, `None` answers 400 ("no such model").
/// Returns the base URL, ending in `/v1`.
pub async fn start_judge(reply: Option<String>) -> String {
    let app = Router::new().route(
        "/v1/chat/completions",
        post(move || {
            let reply = reply.clone();
            async move {
                match reply {
                    Some(body) => (StatusCode::OK, [("content-type", "application/json")], body)
                        .into_response(),
                    None => (
                        StatusCode::BAD_REQUEST,
                        [("content-type", "application/json")],
                        "{\"error\":{\"message\":\"no such model\"}}".to_string(),
                    )
                        .into_response(),
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}/v1")
}

/// Starts a judge that accepts every request and never answers (a hung model); returns the base
/// URL, ending in `/v1`.
pub async fn start_hung_judge() -> String {
    let app = Router::new().route(
        "/v1/chat/completions",
        post(|| async {
            tokio::time::sleep(std::time::Duration::from_mins(10)).await;
            StatusCode::GATEWAY_TIMEOUT
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}/v1")
}
