//! Prep guide enrichment headless, against a fake OpenAI-compatible server on 127.0.0.1: the real
//! `App` streams every section into the guide screen and the store, a second build is answered
//! from the cache, a failing server leaves the offline guide with a visible reason, and Esc stops
//! a stream and drops its late chunks.
#![allow(clippy::unwrap_used)]

#[path = "common/fake_llm.rs"]
mod fake_llm;

use crossterm::event::KeyCode;
use fake_llm::{MODEL, Mode, start};
use hotseat::bank::Bank;
use hotseat::config::{Config, ConfigInputs, Theme as ThemeName};
use hotseat::domain::InterviewStage;
use hotseat::llm::{ApiKey, ClientOptions, LlmCache, LlmClient, LlmEndpoint, RetryPolicy};
use hotseat::prep::{EnrichKind, Guide, GuideEnricher, PrepInput, Vocabulary, build_guide};
use hotseat::store::{SledStore, Store};
use hotseat::tui::action::{Action, Screen};
use hotseat::tui::app::App;
use hotseat::tui::effects::EffectRunner;
use hotseat::tui::keymap::Keymap;
use hotseat::tui::state::AppState;
use hotseat::tui::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use std::time::Duration;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn guide(bank: &Bank) -> Guide {
    let input = PrepInput {
        resume: Some(fixture("resume.md")),
        company: Some("Northwind Pay".into()),
        stage: InterviewStage::Technical,
        days: 4,
        ..PrepInput::from_jd(fixture("jd/backend.md"))
    };
    build_guide(
        &input,
        bank,
        Vocabulary::builtin(),
        uuid::Uuid::now_v7(),
        jiff::Timestamp::now(),
    )
}

struct Harness {
    app: App,
    store: Arc<dyn Store>,
    bank: Arc<Bank>,
    _dir: tempfile::TempDir,
}

fn harness(base: &str) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::load(&ConfigInputs {
        config_dir: Some(dir.path().join("config")),
        data_dir: Some(dir.path().join("data")),
        ..ConfigInputs::default()
    })
    .unwrap();
    let store: Arc<dyn Store> = Arc::new(SledStore::open(&config.paths.data_dir).unwrap());
    let endpoint = LlmEndpoint::new(base, MODEL, Some(ApiKey::new("sk-test")), 5).unwrap();
    let client = LlmClient::new(
        endpoint,
        ClientOptions {
            retry: RetryPolicy::fast(),
            connect_timeout: Duration::from_secs(2),
        },
    )
    .unwrap();
    let cache = LlmCache::new(Arc::clone(&store), 24);
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let runner = EffectRunner::new(Arc::clone(&store), tx, jiff::tz::TimeZone::UTC)
        .with_guide_enricher(GuideEnricher::new(client, cache));
    let bank = Arc::new(Bank::load(None).bank);
    let mut state = AppState::new(Arc::clone(&bank), config.settings, (120, 40));
    state.prep.llm_model = Some(MODEL.into());
    let app = App::new(
        state,
        Keymap::default(),
        Theme::new(ThemeName::Dark, true),
        runner,
        rx,
    );
    Harness {
        app,
        store,
        bank,
        _dir: dir,
    }
}

/// Saves `guide`, opens it as `hotseat prep --open` does and starts enrichment.
async fn open_and_enrich(h: &mut Harness, guide: &Guide) {
    h.store.save_guide(guide).unwrap();
    h.app.dispatch(Action::OpenGuide(guide.id));
    h.app.dispatch(Action::EnrichGuide);
    h.app.settle(Duration::from_secs(20)).await;
    assert_eq!(h.app.state.screen, Screen::PrepGuide);
}

fn screen_text(app: &mut App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    app.dispatch(Action::Resize(120, 40));
    app.draw(&mut terminal).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_section_streams_in_is_saved_and_a_rebuild_hits_the_cache() {
    let (base, fake) = start(Mode::Stream(Duration::from_millis(1))).await;
    let mut h = harness(&base);
    let offline = guide(&h.bank);
    open_and_enrich(&mut h, &offline).await;

    // three streamed requests, one per section, each asking for a stream
    assert_eq!(fake.hits(), 3);
    for body in fake.bodies.lock().unwrap().iter() {
        assert_eq!(body["stream"], true);
        assert_eq!(body["model"], MODEL);
    }
    let prep = &h.app.state.prep;
    assert!(prep.enriching.is_none());
    let notice = prep.notice.as_ref().unwrap();
    assert!(!notice.error);
    assert!(
        notice.text.contains("LLM sections added: 3/3"),
        "{}",
        notice.text
    );
    let shown = prep.guide.as_deref().unwrap();
    assert_eq!(shown.enrichment.len(), 3);
    assert_eq!(shown.generated_by, format!("offline + llm:{MODEL}"));
    // the offline sections are untouched
    assert_eq!(shown.predicted, offline.predicted);
    assert_eq!(shown.plan, offline.plan);
    assert_eq!(shown.context, offline.context);

    // saved: the stored guide has every addition
    let stored = h.store.guide(offline.id).unwrap().unwrap();
    assert_eq!(stored.enrichment.len(), 3);
    assert_eq!(
        stored
            .enrichment_of(EnrichKind::ContextSummary)
            .unwrap()
            .source,
        format!("llm:{MODEL}")
    );

    // rendered, labelled, with the verify note and its sources
    let text = screen_text(&mut h.app);
    assert!(text.contains("written by an LLM: fake-model"), "{text}");
    assert!(text.contains("Verify these facts"), "{text}");
    assert!(text.contains("payment rails"), "{text}");

    // a rebuild of the same guide (new id) asks the model nothing: every section is cached
    let again = guide(&h.bank);
    assert_ne!(again.id, offline.id);
    open_and_enrich(&mut h, &again).await;
    assert_eq!(fake.hits(), 3, "no new requests for a cached guide");
    let prep = &h.app.state.prep;
    assert_eq!(prep.guide.as_deref().unwrap().enrichment.len(), 3);
    assert!(
        prep.notice
            .as_ref()
            .unwrap()
            .text
            .contains("all from the cache"),
        "{:?}",
        prep.notice
    );
    assert_eq!(
        h.store.guide(again.id).unwrap().unwrap().enrichment.len(),
        3
    );
}

async fn failing(mode: Mode, expect: &str) {
    let (base, fake) = start(mode).await;
    let mut h = harness(&base);
    let offline = guide(&h.bank);
    open_and_enrich(&mut h, &offline).await;
    assert!(fake.hits() >= 1);
    let prep = &h.app.state.prep;
    assert!(prep.enriching.is_none());
    let notice = prep.notice.as_ref().unwrap();
    assert!(notice.error);
    assert!(
        notice
            .text
            .starts_with("LLM enrichment stopped at 1/3 (role and company summary)"),
        "{}",
        notice.text
    );
    assert!(notice.text.contains(expect), "{}", notice.text);
    assert!(
        notice.text.contains("The offline guide stands"),
        "{}",
        notice.text
    );
    // the offline guide stands, on screen and in the store, with the reason saved
    let shown = prep.guide.as_deref().unwrap();
    assert!(shown.enrichment.is_empty());
    assert_eq!(shown.predicted, offline.predicted);
    let stored = h.store.guide(offline.id).unwrap().unwrap();
    assert!(stored.enrichment.is_empty());
    assert_eq!(
        stored.enrichment_note.as_deref(),
        Some(notice.text.as_str())
    );
    assert_eq!(stored.generated_by, "offline");
    let text = screen_text(&mut h.app);
    assert!(text.contains("LLM enrichment stopped at 1/3"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_error_leaves_the_offline_guide_with_the_reason() {
    failing(Mode::Status(500), "failed with 500").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_json_reply_to_a_stream_request_leaves_the_offline_guide() {
    failing(Mode::JsonReply, "plain JSON").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn esc_stops_the_stream_and_late_chunks_are_dropped() {
    let (base, fake) = start(Mode::Stream(Duration::from_millis(40))).await;
    let mut h = harness(&base);
    let offline = guide(&h.bank);
    h.store.save_guide(&offline).unwrap();
    h.app.dispatch(Action::OpenGuide(offline.id));
    h.app.dispatch(Action::EnrichGuide);
    // wait for the first chunks of the first section
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    let interim = |app: &App| app.state.prep.enriching.as_ref().map_or(0, |p| p.chunks);
    while interim(&h.app) < 2 {
        assert!(tokio::time::Instant::now() < deadline, "no chunks arrived");
        h.app.settle(Duration::from_millis(20)).await;
    }
    let request = h.app.state.prep.enriching.as_ref().unwrap().request;
    h.app.press(KeyCode::Esc);
    assert_eq!(h.app.state.screen, Screen::Home);
    assert!(h.app.state.prep.enriching.is_none());
    h.app.settle(Duration::from_secs(10)).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    h.app.settle(Duration::from_secs(2)).await;

    // a chunk of the stopped request that arrives late changes nothing
    h.app.dispatch(Action::GuideEnrichToken {
        request,
        text: "late words".into(),
    });
    let prep = &h.app.state.prep;
    assert!(prep.enriching.is_none());
    let shown = prep.guide.as_deref().unwrap();
    assert!(shown.enrichment.is_empty());
    assert!(
        prep.notice
            .as_ref()
            .unwrap()
            .text
            .contains("cancelled at 1/3"),
        "{:?}",
        prep.notice
    );
    assert_eq!(fake.hits(), 1, "nothing asked after the cancel");
    let stored = h.store.guide(offline.id).unwrap().unwrap();
    assert!(stored.enrichment.is_empty());
    // reopened from History or exported, the guide says why its LLM sections are missing
    let note = stored.enrichment_note.as_deref().unwrap();
    assert!(
        note.contains("stopped at 1/3") && note.contains("cancelled"),
        "{note}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spent_budget_stops_enrichment_before_any_request_and_usage_is_counted() {
    use hotseat::llm::{Budget, LlmError, RequestId, UsageLedger};
    use hotseat::store::UsageRecord;
    use tokio_util::sync::CancellationToken;

    let (base, fake) = start(Mode::Stream(Duration::from_millis(1))).await;
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> = Arc::new(SledStore::open(dir.path()).unwrap());
    let endpoint = LlmEndpoint::new(&base, MODEL, Some(ApiKey::new("sk-test")), 5).unwrap();
    let client = LlmClient::new(endpoint, ClientOptions::default())
        .unwrap()
        .with_ledger(UsageLedger::new(
            Arc::clone(&store),
            Budget {
                monthly_tokens: 100_000,
                ..Budget::default()
            },
        ));
    let enricher = GuideEnricher::new(client, None);
    let bank = Bank::load(None).bank;
    let g = guide(&bank);

    // under budget: the call is made and recorded as a "prep" call in the guide's session
    let outcome = enricher
        .enrich_section(
            &g,
            EnrichKind::ContextSummary,
            RequestId::next(),
            CancellationToken::new(),
            |_| {},
        )
        .await
        .unwrap();
    assert!(!outcome.cached);
    assert_eq!(fake.hits(), 1);
    let usage = store.usage_since(jiff::Timestamp::MIN).unwrap();
    assert_eq!(usage.len(), 1);
    assert_eq!(usage[0].purpose, "prep");
    assert_eq!(usage[0].session.as_deref(), Some(g.id.to_string().as_str()));

    // the month's budget used up: refused before any request
    store
        .record_usage(&UsageRecord {
            at: jiff::Timestamp::now(),
            model: MODEL.into(),
            purpose: "earlier".into(),
            session: None,
            prompt_tokens: 200_000,
            completion_tokens: 0,
            estimated: false,
        })
        .unwrap();
    let err = enricher
        .enrich_section(
            &g,
            EnrichKind::PredictedQuestions,
            RequestId::next(),
            CancellationToken::new(),
            |_| {},
        )
        .await
        .unwrap_err();
    assert!(matches!(err, LlmError::BudgetExhausted { .. }), "{err}");
    assert_eq!(fake.hits(), 1, "no request once the budget is spent");
}
