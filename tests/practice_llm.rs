//! Practice with an LLM judge against a fake OpenAI-compatible server on 127.0.0.1: the judged
//! report replaces the offline one (and is stored); a failing server leaves the offline score,
//! with a visible notice, and nothing typed is lost.
#![allow(clippy::unwrap_used)]

#[path = "common/fake_judge.rs"]
mod fake_judge;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fake_judge::{judge_reply, start_judge};
use hotseat::bank::{Bank, SourceFile};
use hotseat::config::{Config, ConfigInputs, Theme as ThemeName};
use hotseat::domain::ScorerId;
use hotseat::llm::LlmSetup;
use hotseat::store::{SledStore, Store};
use hotseat::tui::action::Action;
use hotseat::tui::app::App;
use hotseat::tui::effects::EffectRunner;
use hotseat::tui::keymap::Keymap;
use hotseat::tui::state::AppState;
use hotseat::tui::state::practice::Phase;
use hotseat::tui::ui::theme::Theme;
use std::sync::Arc;
use std::time::Duration;

const ANSWER: &str = "I disagreed with my lead about a risky launch. I proposed a feature flag and a rollout plan, \
and we shipped behind it. Errors fell 30 percent in the first week.";

fn app(dir: &std::path::Path, base: &str) -> (App, Arc<dyn Store>) {
    let config = Config::load(&ConfigInputs {
        config_dir: Some(dir.join("config")),
        data_dir: Some(dir.join("data")),
        sets: vec![
            format!("llm_base_url={base}"),
            "llm_model=judge-model".into(),
            "llm_cache_ttl_hours=0".into(),
        ],
        ..ConfigInputs::default()
    })
    .unwrap();
    let store: Arc<dyn Store> = Arc::new(SledStore::open(&config.paths.data_dir).unwrap());
    let env = |name: &str| (name == "OPENAI_API_KEY").then(|| "test-key".to_string());
    let setup = LlmSetup::from_config(&config, Arc::clone(&store), &env)
        .unwrap()
        .expect("LLM configured");
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let runner = EffectRunner::new(Arc::clone(&store), tx, jiff::tz::TimeZone::UTC)
        .with_judge(Arc::new(setup.judge));
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/snap_bank.toml");
    let bank = Bank::from_sources(&[SourceFile {
        path: "snap_bank.toml".into(),
        text: std::fs::read_to_string(path).unwrap(),
        user: false,
    }])
    .bank;
    let mut state = AppState::new(Arc::new(bank), config.settings, (100, 30));
    state.practice.llm = true;
    (
        App::new(
            state,
            Keymap::default(),
            Theme::new(ThemeName::Dark, true),
            runner,
            rx,
        ),
        store,
    )
}

async fn answer_one(app: &mut App) {
    app.dispatch(Action::StartPracticeWith(vec!["snap-beh-conflict".into()]));
    app.settle(Duration::from_secs(10)).await;
    app.state.practice.set_answer(ANSWER);
    app.handle_event(&hotseat::tui::event::Event::Key(KeyEvent::new(
        KeyCode::Char('s'),
        KeyModifiers::CONTROL,
    )));
    app.settle(Duration::from_secs(20)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_llm_report_replaces_the_offline_one_and_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let base = start_judge(Some(judge_reply(
        "Errors fell 30 percent",
        3,
        [90, 80, 85, 90, 80],
    )))
    .await;
    let (mut app, store) = app(dir.path(), &base);
    answer_one(&mut app).await;
    assert_eq!(app.state.practice.phase, Phase::Feedback);
    assert_eq!(app.state.practice.judging, None);
    let attempt = app.state.practice.attempts.last().unwrap();
    let report = attempt.score.as_ref().unwrap();
    assert_eq!(
        report.scorer,
        ScorerId::Llm("judge-model".into()),
        "{:?}",
        app.state.status
    );
    let stored = store.attempt(attempt.id).unwrap().unwrap();
    assert_eq!(
        stored.score.unwrap().scorer,
        ScorerId::Llm("judge-model".into())
    );
    assert_eq!(stored.answer, ANSWER);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_llm_leaves_the_offline_score_with_a_visible_notice() {
    let dir = tempfile::tempdir().unwrap();
    let base = start_judge(None).await;
    let (mut app, store) = app(dir.path(), &base);
    answer_one(&mut app).await;
    assert_eq!(app.state.practice.phase, Phase::Feedback);
    let attempt = app.state.practice.attempts.last().unwrap();
    assert_eq!(attempt.score.as_ref().unwrap().scorer, ScorerId::Offline);
    let status = app.state.status.as_ref().unwrap();
    assert!(
        status.error && status.text.contains("offline score"),
        "{}",
        status.text
    );
    let stored = store.attempt(attempt.id).unwrap().unwrap();
    assert_eq!(stored.answer, ANSWER, "nothing typed is lost");
    assert_eq!(stored.score.unwrap().scorer, ScorerId::Offline);
}
