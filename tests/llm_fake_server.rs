//! The LLM layer against a fake OpenAI-compatible server on 127.0.0.1: retries, streaming,
//! cancellation, the judge's validation and fallback, budget, cache, and the CLI commands.
#![allow(clippy::unwrap_used, clippy::too_many_lines)]

mod common;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::post;
use futures::StreamExt;
use hotseat::domain::{
    Difficulty, Dimension, DimensionScore, Question, QuestionKind, Role, ScoreReport, ScorerId,
    TalkingPoint,
};
use hotseat::llm::prompts::user;
use hotseat::llm::{
    ApiKey, Budget, BudgetState, CallInfo, ChatCompletionRequestMessage, ClientOptions,
    JudgeSource, LlmCache, LlmClient, LlmEndpoint, LlmError, LlmJudge, ResponseMode, RetryPolicy,
    StreamEventKind, UsageLedger,
};
use hotseat::store::{SledStore, Store, UsageRecord};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::convert::Infallible;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const KEY: &str = "sk-hotseat-test-secret-7f3a9c";
const MODEL: &str = "fake-model";

// ---------------------------------------------------------------- the fake server

/// One scripted reply.
#[derive(Clone)]
enum Reply {
    /// A status, extra headers and a JSON body.
    Json {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: String,
    },
    /// A `text/event-stream` body sent in pieces, `delay` before each.
    Sse {
        pieces: Vec<String>,
        delay: Duration,
    },
    /// Decides from the request: streams if asked, answers `{"ok":true}` to a response format
    /// the server "supports", refuses json_schema with 400 when `schema` is false.
    Auto { schema: bool },
    /// Waits before answering at all (no headers until then).
    Delayed(Duration, Box<Reply>),
}

struct Fake {
    replies: Mutex<VecDeque<Reply>>,
    hits: AtomicUsize,
    bodies: Mutex<Vec<Value>>,
    auth: Mutex<Vec<Option<String>>>,
}

impl Fake {
    fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }

    fn body(&self, i: usize) -> Value {
        self.bodies.lock().unwrap()[i].clone()
    }
}

/// Starts the server on an ephemeral port; the last reply repeats once the script runs out.
async fn start(replies: Vec<Reply>) -> (String, Arc<Fake>) {
    let fake = Arc::new(Fake {
        replies: Mutex::new(replies.into()),
        hits: AtomicUsize::new(0),
        bodies: Mutex::new(Vec::new()),
        auth: Mutex::new(Vec::new()),
    });
    let app = Router::new()
        .route("/v1/chat/completions", post(chat))
        .with_state(Arc::clone(&fake));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    (format!("http://{addr}/v1"), fake)
}

async fn chat(State(fake): State<Arc<Fake>>, headers: HeaderMap, body: Bytes) -> Response {
    fake.hits.fetch_add(1, Ordering::SeqCst);
    let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    fake.bodies.lock().unwrap().push(request.clone());
    fake.auth.lock().unwrap().push(
        headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
    );
    let reply = {
        let mut replies = fake.replies.lock().unwrap();
        if replies.len() > 1 {
            replies.pop_front().unwrap()
        } else {
            replies.front().cloned().unwrap()
        }
    };
    let reply = match reply {
        Reply::Delayed(wait, inner) => {
            tokio::time::sleep(wait).await;
            *inner
        }
        other => other,
    };
    match reply {
        Reply::Delayed(..) => unreachable!("delays do not nest"),
        Reply::Json {
            status,
            headers,
            body,
        } => json_response(status, &headers, body),
        Reply::Sse { pieces, delay } => sse_response(pieces, delay),
        Reply::Auto { schema } => {
            if request["stream"] == json!(true) {
                return sse_response(stream_pieces(&["o", "k"]), Duration::ZERO);
            }
            match request
                .pointer("/response_format/type")
                .and_then(Value::as_str)
            {
                Some("json_schema") if !schema => json_response(
                    400,
                    &[],
                    json!({"error": {"message": "response_format json_schema is not supported"}})
                        .to_string(),
                ),
                Some(_) => json_response(200, &[], completion("{\"ok\": true}")),
                None => json_response(200, &[], completion("ok")),
            }
        }
    }
}

fn json_response(status: u16, headers: &[(&'static str, String)], body: String) -> Response {
    let mut builder = Response::builder()
        .status(StatusCode::from_u16(status).unwrap())
        .header("content-type", "application/json");
    for (k, v) in headers {
        builder = builder.header(*k, v.as_str());
    }
    builder.body(Body::from(body)).unwrap()
}

fn sse_response(pieces: Vec<String>, delay: Duration) -> Response {
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

fn ok(body: String) -> Reply {
    Reply::Json {
        status: 200,
        headers: vec![],
        body,
    }
}

fn status(status: u16, headers: Vec<(&'static str, String)>) -> Reply {
    Reply::Json {
        status,
        headers,
        body: json!({"error": {"message": format!("scripted {status}")}}).to_string(),
    }
}

fn completion(content: &str) -> String {
    json!({
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1_700_000_000u32,
        "model": MODEL,
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": content},
            "finish_reason": "stop"
        }],
        "usage": {"prompt_tokens": 60, "completion_tokens": 40, "total_tokens": 100}
    })
    .to_string()
}

fn chunk(content: Option<&str>, finish: Option<&str>) -> String {
    let mut delta = json!({});
    if let Some(c) = content {
        delta = json!({"role": "assistant", "content": c});
    }
    let value = json!({
        "id": "chatcmpl-s",
        "object": "chat.completion.chunk",
        "created": 1_700_000_000u32,
        "model": MODEL,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]
    });
    format!("data: {value}\n\n")
}

fn usage_chunk() -> String {
    let value = json!({
        "id": "chatcmpl-s",
        "object": "chat.completion.chunk",
        "created": 1_700_000_000u32,
        "model": MODEL,
        "choices": [],
        "usage": {"prompt_tokens": 20, "completion_tokens": 5, "total_tokens": 25}
    });
    format!("data: {value}\n\n")
}

/// A well-formed stream of `tokens`, a finish reason, usage and [DONE].
fn stream_pieces(tokens: &[&str]) -> Vec<String> {
    let mut pieces: Vec<String> = tokens.iter().map(|t| chunk(Some(t), None)).collect();
    pieces.push(chunk(None, Some("stop")));
    pieces.push(usage_chunk());
    pieces.push("data: [DONE]\n\n".to_string());
    pieces
}

fn sse(pieces: Vec<String>) -> Reply {
    Reply::Sse {
        pieces,
        delay: Duration::from_millis(5),
    }
}

// ---------------------------------------------------------------- clients and fixtures

fn client(base: &str) -> LlmClient {
    client_with_timeout(base, 5)
}

fn client_with_timeout(base: &str, timeout_secs: u32) -> LlmClient {
    let endpoint = LlmEndpoint::new(base, MODEL, Some(ApiKey::new(KEY)), timeout_secs).unwrap();
    LlmClient::new(
        endpoint,
        ClientOptions {
            retry: RetryPolicy::fast(),
            connect_timeout: Duration::from_secs(2),
        },
    )
    .unwrap()
}

fn store(dir: &Path) -> Arc<dyn Store> {
    Arc::new(SledStore::open(dir).unwrap())
}

fn ledger(store: &Arc<dyn Store>, monthly_tokens: u64) -> UsageLedger {
    UsageLedger::with_time_zone(
        Arc::clone(store),
        Budget {
            monthly_tokens,
            ..Budget::default()
        },
        TimeZone::UTC,
    )
}

fn hello() -> Vec<ChatCompletionRequestMessage> {
    vec![user("Say hello")]
}

fn question() -> Question {
    Question {
        id: "conflict-lead".into(),
        kind: QuestionKind::Behavioral,
        category: "conflict".into(),
        roles: vec![Role::Any],
        difficulty: Difficulty::Medium,
        time_limit_secs: None,
        prompt: "Tell me about a time you disagreed with your lead.".into(),
        guidance: "Use STAR.".into(),
        talking_points: vec![
            TalkingPoint {
                point: "Names the disagreement".into(),
                evidence: vec!["disagreed".into()],
            },
            TalkingPoint {
                point: "Gives a measured result".into(),
                evidence: vec!["percent".into()],
            },
        ],
        example_answer: "At my last job I disagreed with…".into(),
        follow_ups: vec![],
        tags: vec![],
        stages: vec![],
    }
}

const ANSWER: &str = "I disagreed with my lead about the rollout plan. I proposed a feature flag and we shipped behind it. Errors fell 30 percent.";

fn offline() -> ScoreReport {
    ScoreReport {
        total: 41,
        dimensions: Dimension::ALL
            .iter()
            .map(|d| DimensionScore {
                dimension: *d,
                score: 41,
                weight: 0.2,
                note: "offline".into(),
            })
            .collect(),
        evidence: vec![],
        talking_points: vec![],
        strengths: vec![],
        improvements: vec![],
        outline: vec![],
        scorer: ScorerId::Offline,
    }
}

fn judge_json(relevance: i64) -> String {
    let dim = |score: i64, quote: &str| json!({"score": score, "note": "ok", "evidence": [quote]});
    json!({
        "dimensions": {
            "relevance": dim(relevance, "I disagreed with my lead"),
            "structure": dim(70, "I proposed a feature flag"),
            "specificity": dim(80, "Errors fell 30 percent"),
            "concision": dim(90, "rollout plan"),
            "delivery": dim(60, "we shipped behind it"),
        },
        "talking_points": [
            {"id": 1, "hit": true, "quote": "I disagreed with my lead"},
            {"id": 2, "hit": true, "quote": "Errors fell 30 percent"}
        ],
        "strengths": [{"text": "Clear result", "quote": "Errors fell 30 percent"}],
        "improvements": [{"text": "Say what you learned", "quote": null, "talking_point_id": null}],
        "outline": ["Situation: the rollout plan", "Result: errors fell 30 percent"]
    })
    .to_string()
}

// ---------------------------------------------------------------- plain calls and retries

#[tokio::test]
async fn happy_path_returns_the_reply_and_records_usage() {
    let (base, fake) = start(vec![ok(completion("Hello!"))]).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let client = client(&base).with_ledger(ledger(&store, 0));
    let c = client
        .complete(
            client.request(hello()),
            &CallInfo::new("test").in_session("s-1"),
        )
        .await
        .unwrap();
    assert_eq!(c.content, "Hello!");
    assert_eq!(c.model, MODEL);
    assert_eq!(c.attempts, 1);
    assert_eq!(fake.hits(), 1);
    let body = fake.body(0);
    assert_eq!(body["model"], MODEL);
    assert_eq!(body["messages"][0]["content"], "Say hello");
    assert_eq!(
        fake.auth.lock().unwrap()[0].as_deref(),
        Some(format!("Bearer {KEY}").as_str())
    );
    let usage = store.usage_since(Timestamp::MIN).unwrap();
    assert_eq!(usage.len(), 1);
    assert_eq!(usage[0].total_tokens(), 100);
    assert_eq!(usage[0].session.as_deref(), Some("s-1"));
    assert!(!usage[0].estimated);
}

#[tokio::test]
async fn rate_limit_with_retry_after_is_honoured() {
    let (base, fake) = start(vec![
        status(429, vec![("retry-after", "1".into())]),
        ok(completion("after the wait")),
    ])
    .await;
    let started = Instant::now();
    let client = client(&base);
    let c = client
        .complete(client.request(hello()), &CallInfo::new("test"))
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(c.content, "after the wait");
    assert_eq!(c.attempts, 2);
    assert_eq!(fake.hits(), 2);
}

#[tokio::test]
async fn rate_limit_gives_up_after_four_attempts_and_says_so() {
    let (base, fake) = start(vec![status(429, vec![])]).await;
    let client = client(&base);
    let err = client
        .complete(client.request(hello()), &CallInfo::new("test"))
        .await
        .unwrap_err();
    assert_eq!(fake.hits(), 4);
    let msg = err.to_string();
    assert!(msg.starts_with("rate limited by 127.0.0.1:"), "{msg}");
    assert!(msg.contains("retried 3 times over"), "{msg}");
}

#[tokio::test]
async fn a_retry_after_longer_than_we_wait_fails_at_once() {
    let (base, fake) = start(vec![status(429, vec![("retry-after", "120".into())])]).await;
    let client = client(&base);
    let err = client
        .complete(client.request(hello()), &CallInfo::new("test"))
        .await
        .unwrap_err();
    assert_eq!(fake.hits(), 1);
    assert!(err.to_string().contains("asks to wait 120 s"), "{err}");
}

#[tokio::test]
async fn server_error_then_success_is_retried() {
    let (base, fake) = start(vec![
        status(500, vec![]),
        status(503, vec![]),
        ok(completion("fine")),
    ])
    .await;
    let client = client(&base);
    let c = client
        .complete(client.request(hello()), &CallInfo::new("test"))
        .await
        .unwrap();
    assert_eq!(c.content, "fine");
    assert_eq!(c.attempts, 3);
    assert_eq!(fake.hits(), 3);
}

#[tokio::test]
async fn bad_request_and_unauthorized_are_not_retried() {
    let (base, fake) = start(vec![status(400, vec![])]).await;
    let client = client(&base);
    let err = client
        .complete(client.request(hello()), &CallInfo::new("test"))
        .await
        .unwrap_err();
    assert_eq!(fake.hits(), 1);
    assert!(
        matches!(err, LlmError::Rejected { status: 400, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("scripted 400"), "{err}");

    let (base, fake) = start(vec![status(401, vec![])]).await;
    let client = self::client(&base);
    let err = client
        .complete(client.request(hello()), &CallInfo::new("test"))
        .await
        .unwrap_err();
    assert_eq!(fake.hits(), 1);
    assert!(
        err.to_string()
            .contains("returned 401: check OPENAI_API_KEY"),
        "{err}"
    );
}

#[tokio::test]
async fn an_unreachable_server_is_retried_then_reported() {
    // Bind then drop a listener: the port is (almost certainly) closed.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let client = client(&format!("http://127.0.0.1:{port}/v1"));
    let err = client
        .complete(client.request(hello()), &CallInfo::new("test"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, LlmError::Unreachable { attempts: 4, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("is the server running?"), "{err}");
}

#[tokio::test]
async fn a_server_silent_past_the_timeout_fails_without_retrying() {
    let (base, fake) = start(vec![Reply::Delayed(
        Duration::from_millis(1500),
        Box::new(ok(completion("too late"))),
    )])
    .await;
    let client = client_with_timeout(&base, 1);
    let err = client
        .complete(client.request(hello()), &CallInfo::new("test"))
        .await
        .unwrap_err();
    assert!(matches!(err, LlmError::Timeout { .. }), "{err:?}");
    assert!(err.to_string().contains("sent nothing for 1.0 s"), "{err}");
    assert_eq!(fake.hits(), 1);
}

// ---------------------------------------------------------------- streaming

#[tokio::test]
async fn stream_chunks_arrive_in_order_tagged_with_the_request_id() {
    let (base, fake) = start(vec![sse(stream_pieces(&["Hel", "lo", " wor", "ld"]))]).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let client = client(&base).with_ledger(ledger(&store, 0));
    let mut stream = client.stream_chat(client.request(hello()), &CallInfo::new("interview"));
    let id = stream.request_id();
    let mut texts = Vec::new();
    let mut finished = None;
    while let Some(event) = stream.next().await {
        assert_eq!(event.request_id, id);
        match event.kind {
            StreamEventKind::Token { seq, text } => {
                assert_eq!(seq, texts.len());
                texts.push(text);
            }
            StreamEventKind::Finished(s) => finished = Some(s),
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(texts, vec!["Hel", "lo", " wor", "ld"]);
    let summary = finished.unwrap();
    assert_eq!(summary.content, "Hello world");
    assert_eq!(summary.usage.unwrap().total_tokens, 25);
    let body = fake.body(0);
    assert_eq!(body["stream"], true);
    assert_eq!(body["stream_options"]["include_usage"], true);
    assert_eq!(
        store.usage_since(Timestamp::MIN).unwrap()[0].total_tokens(),
        25
    );
}

#[tokio::test]
async fn an_empty_stream_is_a_failure() {
    let (base, _fake) = start(vec![sse(vec!["data: [DONE]\n\n".into()])]).await;
    let client = client(&base);
    let err = client
        .stream_chat(client.request(hello()), &CallInfo::new("t"))
        .collect()
        .await
        .unwrap_err();
    assert!(matches!(err, LlmError::EmptyStream { .. }), "{err:?}");

    // A plain JSON answer to a streaming request is not a stream either.
    let (base, _fake) = start(vec![ok(completion("not streamed"))]).await;
    let client = self::client(&base);
    let err = client
        .stream_chat(client.request(hello()), &CallInfo::new("t"))
        .collect()
        .await
        .unwrap_err();
    assert!(matches!(err, LlmError::EmptyStream { .. }), "{err:?}");
    assert!(err.to_string().contains("plain JSON"), "{err}");
}

#[tokio::test]
async fn a_stream_without_finish_reason_is_a_failure() {
    let pieces = vec![
        chunk(Some("half an"), None),
        chunk(Some(" answer"), None),
        "data: [DONE]\n\n".into(),
    ];
    let (base, _fake) = start(vec![sse(pieces.clone())]).await;
    let client = client(&base);
    let err = client
        .stream_chat(client.request(hello()), &CallInfo::new("t"))
        .collect()
        .await
        .unwrap_err();
    assert!(
        matches!(err, LlmError::Truncated { chunks: 2, .. }),
        "{err:?}"
    );

    // The connection closing early (no [DONE], no finish reason) is the same failure.
    let (base, _fake) = start(vec![sse(pieces[..2].to_vec())]).await;
    let client = self::client(&base);
    let err = client
        .stream_chat(client.request(hello()), &CallInfo::new("t"))
        .collect()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("without a finish reason"), "{err}");
}

#[tokio::test]
async fn a_corrupt_chunk_is_a_failure() {
    let pieces = vec![
        chunk(Some("fine"), None),
        "data: {\"choices\": [{\"index\": 0, \"delta\": \n\n".into(),
        chunk(None, Some("stop")),
    ];
    let (base, _fake) = start(vec![sse(pieces)]).await;
    let client = client(&base);
    let err = client
        .stream_chat(client.request(hello()), &CallInfo::new("t"))
        .collect()
        .await
        .unwrap_err();
    assert!(matches!(err, LlmError::Corrupt { .. }), "{err:?}");
}

#[tokio::test]
async fn cancelling_mid_stream_stops_tokens_at_once() {
    let tokens: Vec<String> = (0..60).map(|i| format!("t{i} ")).collect();
    let refs: Vec<&str> = tokens.iter().map(String::as_str).collect();
    let (base, _fake) = start(vec![Reply::Sse {
        pieces: stream_pieces(&refs),
        delay: Duration::from_millis(50),
    }])
    .await;
    let client = client(&base);
    let mut stream = client.stream_chat(client.request(hello()), &CallInfo::new("interview"));
    let first = stream.next().await.unwrap();
    assert!(matches!(first.kind, StreamEventKind::Token { seq: 0, .. }));
    let cancelled_at = Instant::now();
    stream.cancel();
    let mut after = Vec::new();
    while let Some(e) = stream.next().await {
        after.push(e.kind);
    }
    assert!(cancelled_at.elapsed() < Duration::from_secs(1));
    assert!(
        matches!(after.as_slice(), [StreamEventKind::Cancelled]),
        "no tokens after cancel, then Cancelled: {after:?}"
    );
}

#[tokio::test]
async fn a_silent_stream_times_out() {
    let (base, _fake) = start(vec![Reply::Sse {
        pieces: vec![chunk(Some("slow"), None), chunk(None, Some("stop"))],
        delay: Duration::from_millis(1500),
    }])
    .await;
    let client = client_with_timeout(&base, 1);
    let err = client
        .stream_chat(client.request(hello()), &CallInfo::new("t"))
        .collect()
        .await
        .unwrap_err();
    assert!(matches!(err, LlmError::Timeout { .. }), "{err:?}");
}

// ---------------------------------------------------------------- the judge

#[tokio::test]
async fn the_judge_scores_with_a_strict_schema_and_caches_identical_requests() {
    let (base, fake) = start(vec![ok(completion(&judge_json(90)))]).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let client = client(&base).with_ledger(ledger(&store, 0));
    let judge = LlmJudge::new(client, LlmCache::new(Arc::clone(&store), 24));
    let out = judge.judge(&question(), ANSWER, &offline()).await;
    assert!(!out.is_fallback(), "{:?}", out.source);
    assert_eq!(out.report.scorer, ScorerId::Llm(MODEL.into()));
    // (90 + 70 + 80 + 90 + 60) / 5 = 78, computed here.
    assert_eq!(out.report.total, 78);
    assert!(out.report.talking_points.iter().all(|t| t.hit));
    assert_eq!(out.report.evidence.len(), 5);
    let body = fake.body(0);
    assert_eq!(body["response_format"]["type"], "json_schema");
    assert_eq!(body["response_format"]["json_schema"]["strict"], true);
    assert_eq!(body["temperature"], 0.0);
    assert_eq!(body["seed"], 7);
    let prompt = body["messages"][1]["content"].as_str().unwrap();
    for part in [
        "Names the disagreement",
        "STAR",
        "Reference answer",
        "Offline keyword scorer",
        ANSWER,
    ] {
        assert!(prompt.contains(part), "prompt lacks {part}");
    }

    let again = judge.judge(&question(), ANSWER, &offline()).await;
    assert_eq!(fake.hits(), 1, "the identical request came from the cache");
    assert!(matches!(
        again.source,
        JudgeSource::Llm { cached: true, .. }
    ));
    assert_eq!(again.report, out.report);

    // A different answer is a different request.
    let other = judge
        .judge(&question(), "I disagreed with my lead. Errors fell 30 percent. I proposed a feature flag and we shipped behind it; rollout plan.", &offline())
        .await;
    assert_eq!(fake.hits(), 2);
    assert!(matches!(
        other.source,
        JudgeSource::Llm { cached: false, .. }
    ));
}

#[tokio::test]
async fn malformed_judge_output_is_retried_once_with_the_error_then_falls_back() {
    let (base, fake) = start(vec![
        ok(completion("Sure! Here is my assessment: great answer.")),
        ok(completion(
            "{\"dimensions\": {\"relevance\": {\"score\": 50}}",
        )),
    ])
    .await;
    let client = client(&base);
    let judge = LlmJudge::new(client, None);
    let out = judge.judge(&question(), ANSWER, &offline()).await;
    assert_eq!(fake.hits(), 2);
    assert!(out.is_fallback());
    assert_eq!(out.report, offline());
    assert_eq!(out.report.scorer, ScorerId::Offline);
    let JudgeSource::OfflineFallback { reason } = &out.source else {
        panic!("not a fallback")
    };
    assert!(reason.contains("failed validation twice"), "{reason}");
    assert!(out.notice().unwrap().contains("showing the offline score"));
    // The retry carried the bad reply and the validation error.
    let retry = fake.body(1);
    let messages = retry["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 4);
    assert_eq!(messages[2]["role"], "assistant");
    let fix = messages[3]["content"].as_str().unwrap();
    assert!(fix.contains("no JSON object"), "{fix}");
}

#[tokio::test]
async fn an_invented_quote_is_fixed_by_the_retry() {
    let bad = judge_json(90).replace(
        "I disagreed with my lead\"",
        "I single-handedly saved the company\"",
    );
    let (base, fake) = start(vec![ok(completion(&bad)), ok(completion(&judge_json(90)))]).await;
    let judge = LlmJudge::new(client(&base), None);
    let out = judge.judge(&question(), ANSWER, &offline()).await;
    assert_eq!(fake.hits(), 2);
    assert!(
        matches!(out.source, JudgeSource::Llm { rounds: 2, .. }),
        "{:?}",
        out.source
    );
    let fix = fake.body(1)["messages"][3]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(fix.contains("is not in the candidate's answer"), "{fix}");
}

#[tokio::test]
async fn servers_without_json_schema_get_json_object_then_plain_text() {
    let refuse = status(400, vec![]);
    let fenced = format!("```json\n{}\n```", judge_json(50));
    let (base, fake) = start(vec![refuse.clone(), refuse, ok(completion(&fenced))]).await;
    let judge = LlmJudge::new(client(&base), None);
    let out = judge.judge(&question(), ANSWER, &offline()).await;
    assert!(!out.is_fallback(), "{:?}", out.source);
    assert!(matches!(
        out.source,
        JudgeSource::Llm {
            mode: ResponseMode::Text,
            ..
        }
    ));
    assert_eq!(fake.body(0)["response_format"]["type"], "json_schema");
    assert_eq!(fake.body(1)["response_format"]["type"], "json_object");
    assert!(fake.body(2).get("response_format").is_none());
    assert_eq!(
        judge.mode(),
        ResponseMode::Text,
        "the working mode is remembered"
    );
}

#[tokio::test]
async fn a_failing_server_gives_the_labelled_offline_score() {
    let (base, _fake) = start(vec![status(503, vec![])]).await;
    let judge = LlmJudge::new(client(&base), None);
    let out = judge.judge(&question(), ANSWER, &offline()).await;
    assert!(out.is_fallback());
    assert_eq!(out.report, offline());
    let JudgeSource::OfflineFallback { reason } = out.source else {
        panic!()
    };
    assert!(reason.contains("failed with 503"), "{reason}");
}

// ---------------------------------------------------------------- budget

fn spend(store: &Arc<dyn Store>, tokens: u64) {
    store
        .record_usage(&UsageRecord {
            at: Timestamp::now(),
            model: MODEL.into(),
            purpose: "earlier".into(),
            session: None,
            prompt_tokens: tokens,
            completion_tokens: 0,
            estimated: false,
        })
        .unwrap();
}

#[tokio::test]
async fn the_budget_warns_at_80_percent_and_blocks_at_100() {
    let (base, fake) = start(vec![ok(completion("hi"))]).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let client = client(&base).with_ledger(ledger(&store, 1000));
    spend(&store, 700);
    // 700 + 100 from this call = 80%.
    let c = client
        .complete(client.request(hello()), &CallInfo::new("t"))
        .await
        .unwrap();
    assert_eq!(c.budget, BudgetState::Warn(80));
    spend(&store, 200);
    let err = client
        .complete(client.request(hello()), &CallInfo::new("t"))
        .await
        .unwrap_err();
    assert!(matches!(err, LlmError::BudgetExhausted { .. }), "{err:?}");
    assert!(
        err.to_string().contains("1000 tokens of 1000 tokens"),
        "{err}"
    );
    assert_eq!(fake.hits(), 1, "no request once the budget is used up");
    let stream_err = client
        .stream_chat(client.request(hello()), &CallInfo::new("t"))
        .collect()
        .await
        .unwrap_err();
    assert!(matches!(stream_err, LlmError::BudgetExhausted { .. }));
    // The judge still answers: with the offline score, saying why.
    let out = LlmJudge::new(client, None)
        .judge(&question(), ANSWER, &offline())
        .await;
    assert!(out.is_fallback());
    assert!(
        out.notice().unwrap().contains("budget"),
        "{:?}",
        out.notice()
    );
    assert_eq!(fake.hits(), 1);
}

// ---------------------------------------------------------------- privacy

fn file_contains(dir: &Path, needle: &[u8]) -> Vec<String> {
    let mut hits = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            hits.extend(file_contains(&path, needle));
        } else if let Ok(bytes) = std::fs::read(&path)
            && bytes.windows(needle.len()).any(|w| w == needle)
        {
            hits.push(path.display().to_string());
        }
    }
    hits
}

#[tokio::test]
async fn the_api_key_is_never_written_to_sled() {
    let (base, fake) = start(vec![
        ok(completion(&judge_json(80))),
        sse(stream_pieces(&["a", "b"])),
        ok(completion("plain")),
    ])
    .await;
    let dir = tempfile::tempdir().unwrap();
    {
        let store = store(dir.path());
        let client = client(&base).with_ledger(ledger(&store, 0));
        let judge = LlmJudge::new(client.clone(), LlmCache::new(Arc::clone(&store), 24));
        assert!(
            !judge
                .judge(&question(), ANSWER, &offline())
                .await
                .is_fallback()
        );
        client
            .stream_chat(client.request(hello()), &CallInfo::new("t"))
            .collect()
            .await
            .unwrap();
        client
            .complete(client.request(hello()), &CallInfo::new("t"))
            .await
            .unwrap();
        assert_eq!(store.usage_since(Timestamp::MIN).unwrap().len(), 3);
        assert_eq!(store.counts().unwrap().cache, 1);
        store.flush().unwrap();
        assert!(!format!("{client:?}").contains(KEY));
    }
    assert_eq!(fake.hits(), 3);
    assert!(
        fake.auth
            .lock()
            .unwrap()
            .iter()
            .all(|a| a.as_deref() == Some(&format!("Bearer {KEY}")))
    );
    assert_eq!(
        file_contains(dir.path(), KEY.as_bytes()),
        Vec::<String>::new()
    );
    assert_eq!(
        file_contains(dir.path(), b"sk-hotseat"),
        Vec::<String>::new()
    );
}

// ---------------------------------------------------------------- the CLI

fn cli(dir: &Path, base: Option<&str>, args: &[&str]) -> std::process::Output {
    let mut cmd = common::hotseat(dir);
    cmd.args(args).env("NO_PROXY", "*");
    if let Some(base) = base {
        cmd.env("HOTSEAT_LLM_BASE_URL", base)
            .env("HOTSEAT_MODEL", MODEL)
            .env("OPENAI_API_KEY", KEY);
    }
    cmd.output().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn llm_check_json_reports_model_latency_streaming_and_structured_output() {
    let (base, fake) = start(vec![Reply::Auto { schema: true }]).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let b = base.clone();
    let out =
        tokio::task::spawn_blocking(move || cli(&path, Some(&b), &["llm", "check", "--json"]))
            .await
            .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["configured"], true);
    assert_eq!(v["model"], MODEL);
    assert!(v["latency_ms"].is_u64());
    assert_eq!(v["streaming"]["ok"], true);
    assert_eq!(v["structured_output"], "ok");
    assert_eq!(v["structured_output_mode"], "json_schema");
    assert_eq!(v["endpoint"]["local"], true);
    assert!(!stdout.contains(KEY));
    assert_eq!(fake.hits(), 3);

    // The check's calls are counted by `hotseat usage`.
    let path = dir.path().to_path_buf();
    let b = base.clone();
    let out = tokio::task::spawn_blocking(move || cli(&path, Some(&b), &["usage", "--json"]))
        .await
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["this_month"]["calls"], 3);
    assert_eq!(v["this_month"]["prompt_tokens"], 60 + 20 + 60);
    assert_eq!(v["state"]["state"], "ok");
    assert!(v["llm"].as_str().unwrap().starts_with("LLM on: fake-model"));
    assert_eq!(v["sessions"]["-"]["calls"], 3);

    // A server without json_schema: structured output is unsupported, the rest still works.
    let (base, _fake) = start(vec![Reply::Auto { schema: false }]).await;
    let path = dir.path().to_path_buf();
    let out =
        tokio::task::spawn_blocking(move || cli(&path, Some(&base), &["llm", "check", "--json"]))
            .await
            .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(out.status.success());
    assert_eq!(v["structured_output"], "unsupported");
    assert_eq!(v["structured_output_mode"], "json_object");
}

#[test]
fn without_an_llm_nothing_is_sent_and_usage_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::hotseat(dir.path())
        .env("OPENAI_API_KEY", KEY)
        .args(["llm", "check", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["configured"], false);
    assert!(
        v["status"]
            .as_str()
            .unwrap()
            .contains("nothing leaves this machine")
    );

    let out = common::hotseat(dir.path())
        .env("HOTSEAT_LLM_MONTHLY_TOKEN_BUDGET", "5000")
        .arg("usage")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("LLM off"), "{text}");
    assert!(text.contains("0 of 5000 tokens — ok"), "{text}");
}
