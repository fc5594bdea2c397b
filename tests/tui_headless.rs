//! The real `App` driven headless: scripted keys, a temporary sled store, a test backend.
#![allow(clippy::unwrap_used)]

use crossterm::event::KeyCode;
use hotseat::bank::Bank;
use hotseat::config::{Config, ConfigInputs, Theme as ThemeName};
use hotseat::store::{SledStore, Store};
use hotseat::tui::action::Screen;
use hotseat::tui::app::App;
use hotseat::tui::effects::EffectRunner;
use hotseat::tui::keymap::Keymap;
use hotseat::tui::state::AppState;
use hotseat::tui::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use std::time::Duration;

fn app(dir: &std::path::Path) -> (App, Arc<dyn Store>) {
    let config = Config::load(&ConfigInputs {
        config_dir: Some(dir.join("config")),
        data_dir: Some(dir.join("data")),
        ..ConfigInputs::default()
    })
    .unwrap();
    let store: Arc<dyn Store> = Arc::new(SledStore::open(&config.paths.data_dir).unwrap());
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let runner = EffectRunner::new(Arc::clone(&store), tx, jiff::tz::TimeZone::UTC);
    let bank = Arc::new(Bank::load(None).bank);
    let state = AppState::new(bank, config.settings, (120, 40));
    let app = App::new(
        state,
        Keymap::default(),
        Theme::new(ThemeName::Dark, true),
        runner,
        rx,
    );
    (app, store)
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const SETTLE: Duration = Duration::from_secs(5);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_for_conflict_opens_a_conflict_question() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, store) = app(dir.path());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    app.start();
    app.settle(SETTLE).await;
    app.draw(&mut terminal).unwrap();
    assert!(screen_text(&terminal).contains("Browse the prep bank"));

    app.press(KeyCode::Char('b'));
    app.type_text("/conflict");
    app.press(KeyCode::Enter);
    app.settle(SETTLE).await;
    assert_eq!(app.state.screen, Screen::BrowseDetail);
    app.draw(&mut terminal).unwrap();
    let text = screen_text(&terminal);
    let question = app.state.browse.selected_question().unwrap().clone();
    assert!(
        question.category == "conflict" || question.tags.iter().any(|t| t.contains("conflict")),
        "{question:?}"
    );
    assert!(
        text.contains(&format!("Browse › {}", question.id)),
        "{text}"
    );
    assert!(text.contains("Talking points"), "{text}");
    let history = app
        .state
        .browse
        .history
        .as_ref()
        .expect("history loaded from the store");
    assert_eq!(history.0, question.id);
    assert!(history.1.is_empty());

    // starring persists through the effect runner to the store
    app.press(KeyCode::Char('s'));
    app.settle(SETTLE).await;
    assert!(store.question_stats(&question.id).unwrap().starred);

    // back to the list keeps the query; back again reaches home; q quits
    app.press(KeyCode::Esc);
    assert_eq!(app.state.screen, Screen::BrowseList);
    assert_eq!(app.state.browse.query, "conflict");
    app.press(KeyCode::Esc);
    assert_eq!(app.state.screen, Screen::Home);
    app.press(KeyCode::Char('q'));
    assert!(app.state.should_quit);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_overlay_opens_and_closes_and_resize_below_minimum_shows_the_message() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _store) = app(dir.path());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    app.start();
    app.settle(SETTLE).await;
    app.press(KeyCode::Char('?'));
    app.draw(&mut terminal).unwrap();
    assert!(screen_text(&terminal).contains("Keys"));
    app.press(KeyCode::Esc);
    assert!(!app.state.help_open);
    assert_eq!(
        app.state.screen,
        hotseat::tui::action::Screen::Home,
        "Esc closed help, not the app"
    );

    let mut small = Terminal::new(TestBackend::new(50, 12)).unwrap();
    app.handle_event(&hotseat::tui::event::Event::Resize(50, 12));
    app.draw(&mut small).unwrap();
    assert!(screen_text(&small).contains("terminal too small (need 60×16"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clicking_a_home_menu_entry_opens_that_entry() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    use hotseat::tui::event::Event;
    for (label, screen) in [
        ("[m] Mock interview", Screen::MockSetup),
        ("[b] Browse the prep bank", Screen::BrowseList),
        ("[t] Trends", Screen::Trends),
        ("[h] History", Screen::History),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (mut app, _store) = app(dir.path());
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        app.start();
        app.settle(SETTLE).await;
        app.draw(&mut terminal).unwrap();
        let text = screen_text(&terminal);
        let row = text.lines().position(|l| l.contains(label)).unwrap();
        app.handle_event(&Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 10,
            row: u16::try_from(row).unwrap(),
            modifiers: crossterm::event::KeyModifiers::NONE,
        }));
        assert_eq!(app.state.screen, screen, "clicked {label} on row {row}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_detail_scrolls_no_further_than_its_last_line() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _store) = app(dir.path());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    app.start();
    app.settle(SETTLE).await;
    app.press(KeyCode::Char('b'));
    app.press(KeyCode::Enter);
    app.settle(SETTLE).await;
    assert_eq!(app.state.screen, Screen::BrowseDetail);
    app.draw(&mut terminal).unwrap();
    for _ in 0..300 {
        app.press(KeyCode::Down);
        app.draw(&mut terminal).unwrap();
    }
    let at_end = app.state.scroll().unwrap();
    assert!(at_end > 0, "the detail is longer than 24 rows");
    assert!(at_end < 300, "held at the end, not at 300");
    let text = screen_text(&terminal);
    assert!(
        text.lines().nth(2).is_some_and(|l| !l.trim().is_empty()),
        "no blank screen past the end:\n{text}"
    );
    // one press up moves the view at once
    app.press(KeyCode::Up);
    app.draw(&mut terminal).unwrap();
    assert_eq!(app.state.scroll(), Some(at_end - 1));
}
