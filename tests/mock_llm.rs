//! The real `App` headless with the LLM interviewer streaming from a fake OpenAI-compatible server
//! on 127.0.0.1: the opening streams in, a typed answer is saved, and a failing server falls back
//! to the scripted interviewer visibly without losing the answer.
#![allow(clippy::unwrap_used)]

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::response::Response;
use axum::routing::post;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use futures::StreamExt;
use hotseat::bank::Bank;
use hotseat::config::{Config, ConfigInputs, Theme as ThemeName};
use hotseat::interview::MockSetup;
use hotseat::interview::setup::Length;
use hotseat::llm::{ApiKey, ClientOptions, LlmClient, LlmEndpoint, RetryPolicy};
use hotseat::store::{SledStore, Store};
use hotseat::tui::action::{Action, Screen};
use hotseat::tui::app::App;
use hotseat::tui::effects::EffectRunner;
use hotseat::tui::event::Event;
use hotseat::tui::keymap::Keymap;
use hotseat::tui::state::AppState;
use hotseat::tui::ui::theme::Theme;
use serde_json::{Value, json};
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const MODEL: &str = "fake-model";

struct Fake {
    bodies: Mutex<Vec<Value>>,
}

fn chunk(content: Option<&str>, finish: Option<&str>) -> String {
    let delta = content.map_or_else(|| json!({}), |c| json!({"role": "assistant", "content": c}));
    let value = json!({
        "id": "chatcmpl-s", "object": "chat.completion.chunk", "created": 1_700_000_000u32,
        "model": MODEL, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]
    });
    format!("data: {value}\n\n")
}

async fn chat(State(fake): State<Arc<Fake>>, body: Bytes) -> Response {
    let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let n = {
        let mut bodies = fake.bodies.lock().unwrap();
        bodies.push(request);
        bodies.len()
    };
    if n > 1 {
        // every request after the first fails
        return Response::builder()
            .status(400)
            .header("content-type", "application/json")
            .body(Body::from(
                json!({"error": {"message": "scripted failure"}}).to_string(),
            ))
            .unwrap();
    }
    let mut pieces: Vec<String> = [
        "Hello, I'm ",
        "Sam from ",
        "the platform team. ",
        "Tell me about yourself.",
    ]
    .iter()
    .map(|t| chunk(Some(t), None))
    .collect();
    pieces.push(chunk(None, Some("stop")));
    pieces.push("data: [DONE]\n\n".into());
    let stream = futures::stream::iter(pieces).then(|p| async move {
        tokio::time::sleep(Duration::from_millis(5)).await;
        Ok::<_, Infallible>(Bytes::from(p))
    });
    Response::builder()
        .status(200)
        .header("content-type", "text/event-stream")
        .body(Body::from_stream(stream))
        .unwrap()
}

async fn server() -> (String, Arc<Fake>) {
    let fake = Arc::new(Fake {
        bodies: Mutex::new(Vec::new()),
    });
    let app = Router::new()
        .route("/v1/chat/completions", post(chat))
        .with_state(Arc::clone(&fake));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/v1"), fake)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_interviewer_streams_and_a_failure_falls_back_to_scripted_without_losing_the_answer() {
    let (base, fake) = server().await;
    let dir = tempfile::tempdir().unwrap();
    let config = Config::load(&ConfigInputs {
        config_dir: Some(dir.path().join("config")),
        data_dir: Some(dir.path().join("data")),
        ..ConfigInputs::default()
    })
    .unwrap();
    let store: Arc<dyn Store> = Arc::new(SledStore::open(&config.paths.data_dir).unwrap());
    let endpoint = LlmEndpoint::new(&base, MODEL, Some(ApiKey::new("sk-test")), 5).unwrap();
    let client = LlmClient::new(
        endpoint,
        ClientOptions {
            retry: RetryPolicy::fast(),
            connect_timeout: Duration::from_secs(2),
        },
    )
    .unwrap();
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let runner =
        EffectRunner::new(Arc::clone(&store), tx, jiff::tz::TimeZone::UTC).with_llm(client);
    let bank = Arc::new(Bank::load(None).bank);
    let persona = bank.persona("neutral").unwrap().clone();
    let mut state = AppState::new(Arc::clone(&bank), config.settings, (100, 30));
    state.mock.llm_model = Some(MODEL.into());
    let mut app = App::new(
        state,
        Keymap::default(),
        Theme::new(ThemeName::Dark, true),
        runner,
        rx,
    );

    let mut setup = MockSetup::new(&persona, 30);
    setup.length = Length::Questions(2);
    setup.set_job_description("We are hiring a Rust engineer for payments.", "jd.md");
    app.dispatch(Action::BeginMock(Box::new(setup)));
    assert_eq!(app.state.screen, Screen::MockInterview);
    app.settle(Duration::from_secs(10)).await;

    let live = app.state.mock.live.as_ref().unwrap();
    assert!(live.streaming.is_none());
    assert_eq!(
        live.interview.transcript.turns[0].text,
        "Hello, I'm Sam from the platform team. Tell me about yourself."
    );
    let first = fake.bodies.lock().unwrap()[0].clone();
    assert_eq!(first["stream"], true);
    let system = first["messages"][0]["content"].as_str().unwrap();
    assert!(system.contains(&persona.name), "{system}");
    assert!(system.contains("Rust engineer for payments"), "{system}");

    // type an answer in the editor and submit it with Ctrl-S
    app.type_text("I build payment systems in Rust.");
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('s'),
        KeyModifiers::CONTROL,
    )));
    app.settle(Duration::from_secs(10)).await;

    let live = app.state.mock.live.as_ref().unwrap();
    assert_eq!(live.interviewer, "scripted (LLM failed)");
    let status = app.state.status.as_ref().unwrap();
    assert!(status.error, "{}", status.text);
    assert!(
        status
            .text
            .contains("continuing with the scripted interviewer"),
        "{}",
        status.text
    );
    let turns = &live.interview.transcript.turns;
    assert_eq!(turns.len(), 3);
    assert_eq!(turns[1].text, "I build payment systems in Rust.");
    assert_eq!(
        Some(&turns[2].text[..]).map(|t| t.contains(&live.interview.questions[0].prompt)),
        Some(true)
    );
    assert!(live.awaiting_answer());

    // the answer was durable in the store before the (fallback) line was shown
    let saved = store.mock(live.interview.session_id).unwrap().unwrap();
    assert!(
        saved
            .interview
            .transcript
            .turns
            .iter()
            .any(|t| t.text == "I build payment systems in Rust.")
    );
    assert_eq!(
        fake.bodies.lock().unwrap().len(),
        2,
        "no more LLM calls after the fallback"
    );
}
