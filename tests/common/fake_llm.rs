//! A fake OpenAI-compatible server on 127.0.0.1 for the prep-guide enrichment tests: streams a
//! reply chosen from what the request asks for, or fails in a chosen way; counts requests.
#![allow(dead_code, clippy::unwrap_used)]

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::response::Response;
use axum::routing::post;
use futures::StreamExt;
use serde_json::{Value, json};
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The model the fake reports.
pub const MODEL: &str = "fake-model";

/// How the fake answers every request.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    /// Streams the section's reply in words, `delay` before each chunk.
    Stream(Duration),
    /// Answers with this status and a JSON error body.
    Status(u16),
    /// Answers a streaming request with a plain JSON completion (no server-sent events).
    JsonReply,
}

/// The server's record of what it was asked.
pub struct Fake {
    /// Every request body, in order.
    pub bodies: Mutex<Vec<Value>>,
    mode: Mutex<Mode>,
}

impl Fake {
    /// Requests received so far.
    pub fn hits(&self) -> usize {
        self.bodies.lock().unwrap().len()
    }

    /// Changes how the next requests are answered.
    pub fn set_mode(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }
}

/// The reply the fake writes for a request, by what its prompt asks for.
pub fn reply_for(prompt: &str) -> &'static str {
    if prompt.contains("Write a summary of this role") {
        "Northwind Pay builds payment rails for small businesses, per the posting. \
         The role owns the ledger service and its on-call.\n\n\
         - Ask how the ledger team splits on-call.\n- Check which regions they serve.\n- Find out how they test money movement."
    } else if prompt.contains("Write five more questions") {
        "- How would you make a ledger write idempotent?\n  - why: the posting stresses exactly-once payments.\n\
         - Tell me about an incident you led.\n  - why: the role includes on-call."
    } else {
        "- Day 1: add a mock on idempotency.\n- Day 2: rehearse the incident story twice."
    }
}

fn chunk(content: Option<&str>, finish: Option<&str>) -> String {
    let delta = content.map_or_else(|| json!({}), |c| json!({"role": "assistant", "content": c}));
    let value = json!({
        "id": "chatcmpl-prep", "object": "chat.completion.chunk", "created": 1_700_000_000u32,
        "model": MODEL, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]
    });
    format!("data: {value}\n\n")
}

async fn chat(State(fake): State<Arc<Fake>>, body: Bytes) -> Response {
    let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let prompt = request["messages"]
        .as_array()
        .and_then(|m| m.last())
        .and_then(|m| m["content"].as_str())
        .unwrap_or_default()
        .to_string();
    fake.bodies.lock().unwrap().push(request);
    let mode = fake.mode.lock().unwrap().clone();
    match mode {
        Mode::Status(status) => Response::builder()
            .status(status)
            .header("content-type", "application/json")
            .body(Body::from(
                json!({"error": {"message": "scripted failure"}}).to_string(),
            ))
            .unwrap(),
        Mode::JsonReply => Response::builder()
            .status(200)
            .header("content-type", "application/json")
            .body(Body::from(
                json!({
                    "id": "chatcmpl-x", "object": "chat.completion", "created": 1_700_000_000u32,
                    "model": MODEL,
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}, "finish_reason": "stop"}]
                })
                .to_string(),
            ))
            .unwrap(),
        Mode::Stream(delay) => {
            let text = reply_for(&prompt);
            let mut pieces: Vec<String> = text
                .split_inclusive(' ')
                .map(|w| chunk(Some(w), None))
                .collect();
            pieces.push(chunk(None, Some("stop")));
            pieces.push("data: [DONE]\n\n".into());
            let stream = futures::stream::iter(pieces).then(move |p| async move {
                tokio::time::sleep(delay).await;
                Ok::<_, Infallible>(Bytes::from(p))
            });
            Response::builder()
                .status(200)
                .header("content-type", "text/event-stream")
                .body(Body::from_stream(stream))
                .unwrap()
        }
    }
}

/// Starts the fake on an ephemeral port; returns its base URL (ending in `/v1`) and its record.
pub async fn start(mode: Mode) -> (String, Arc<Fake>) {
    let fake = Arc::new(Fake {
        bodies: Mutex::new(Vec::new()),
        mode: Mutex::new(mode),
    });
    let app = Router::new()
        .route("/v1/chat/completions", post(chat))
        .with_state(Arc::clone(&fake));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/v1"), fake)
}
