//! The real `App` driven headless from home to a saved, exported guide: `g`, type a fixture job
//! description path, Ctrl-S, the guide screen shows it; `x` writes it as Markdown under the
//! temporary data dir, and a missing file is reported next to its field.
#![allow(clippy::unwrap_used)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hotseat::bank::Bank;
use hotseat::config::{Config, ConfigInputs, Theme as ThemeName};
use hotseat::prep::InputField;
use hotseat::store::{SledStore, Store};
use hotseat::tui::action::Screen;
use hotseat::tui::app::App;
use hotseat::tui::effects::EffectRunner;
use hotseat::tui::event::Event;
use hotseat::tui::keymap::Keymap;
use hotseat::tui::state::AppState;
use hotseat::tui::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

const SETTLE: Duration = Duration::from_secs(10);

fn app(dir: &Path) -> (App, Arc<dyn Store>, PathBuf) {
    let config = Config::load(&ConfigInputs {
        config_dir: Some(dir.join("config")),
        data_dir: Some(dir.join("data")),
        ..ConfigInputs::default()
    })
    .unwrap();
    let data_dir = config.paths.data_dir.clone();
    let store: Arc<dyn Store> = Arc::new(SledStore::open(&data_dir).unwrap());
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let runner =
        EffectRunner::new(Arc::clone(&store), tx, jiff::tz::TimeZone::UTC).with_data_dir(&data_dir);
    let bank = Arc::new(Bank::load(None).bank);
    let state = AppState::new(bank, config.settings, (120, 40));
    let app = App::new(
        state,
        Keymap::default(),
        Theme::new(ThemeName::Dark, true),
        runner,
        rx,
    );
    (app, store, data_dir)
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

fn ctrl(app: &mut App, c: char) {
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

fn fixture(path: &str) -> String {
    format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_g_builds_a_guide_from_a_jd_file_and_exports_it_as_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, store, data_dir) = app(dir.path());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    app.start();
    app.settle(SETTLE).await;
    app.draw(&mut terminal).unwrap();
    assert!(screen_text(&terminal).contains("[g] Prep guide"));

    app.press(KeyCode::Char('g'));
    app.settle(SETTLE).await;
    assert_eq!(app.state.screen, Screen::PrepSetup);
    app.draw(&mut terminal).unwrap();
    assert!(screen_text(&terminal).contains("Saved guides (0)"));

    app.type_text(&fixture("jd/backend.md"));
    ctrl(&mut app, 's');
    assert!(app.state.prep_setup.building.is_some());
    app.settle(SETTLE).await;
    assert_eq!(app.state.screen, Screen::PrepGuide);
    let guide = app.state.prep.guide.as_deref().unwrap().clone();
    assert!(guide.title.contains("Backend"), "{}", guide.title);
    app.draw(&mut terminal).unwrap();
    let text = screen_text(&terminal);
    assert!(text.contains("Prep guide › "), "{text}");
    assert!(text.contains("Role and company"), "{text}");
    // End goes to the end of the section as it wraps, and stops there: one press up moves
    app.press(KeyCode::End);
    app.draw(&mut terminal).unwrap();
    let end = app.state.scroll().unwrap();
    assert!(end < u16::MAX, "brought back within the section");
    app.press(KeyCode::Up);
    app.draw(&mut terminal).unwrap();
    assert_eq!(app.state.scroll(), Some(end.saturating_sub(1)));
    app.press(KeyCode::Home);
    // built, saved, listed
    let saved = store.guides().unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].id, guide.id);

    // export: x writes Markdown to <data dir>/guides and says where
    app.press(KeyCode::Char('x'));
    app.settle(SETTLE).await;
    let status = app.state.status.as_ref().unwrap().text.clone();
    let path = PathBuf::from(status.strip_prefix("Saved to ").unwrap());
    assert_eq!(path.parent().unwrap(), data_dir.join("guides"));
    assert!(
        path.extension().is_some_and(|e| e == "md"),
        "{}",
        path.display()
    );
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains(&guide.title), "{written}");
    app.draw(&mut terminal).unwrap();
    assert!(screen_text(&terminal).contains("Saved to "));

    // a second export never overwrites the first
    app.press(KeyCode::Char('x'));
    app.settle(SETTLE).await;
    let second = app.state.status.as_ref().unwrap().text.clone();
    assert_ne!(second, status);
    assert!(path.exists());

    // back to the form: the guide is listed, the path still typed
    app.press(KeyCode::Esc);
    app.settle(SETTLE).await;
    assert_eq!(app.state.screen, Screen::PrepSetup);
    assert_eq!(app.state.prep_setup.guides.as_ref().unwrap().len(), 1);
    assert_eq!(
        app.state.prep_setup.form.job_description,
        fixture("jd/backend.md")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_resume_is_reported_next_to_its_field_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, store, _) = app(dir.path());
    app.start();
    app.settle(SETTLE).await;
    app.press(KeyCode::Char('g'));
    app.type_text(&fixture("jd/backend.md"));
    app.press(KeyCode::Down);
    let missing = dir.path().join("no-such-cv.md");
    app.type_text(missing.to_str().unwrap());
    ctrl(&mut app, 's');
    app.settle(SETTLE).await;
    assert_eq!(app.state.screen, Screen::PrepSetup);
    let err = app.state.prep_setup.error(InputField::Resume).unwrap();
    assert!(
        err.message
            .contains(&format!("{}: cannot read", missing.display())),
        "{}",
        err.message
    );
    assert_eq!(
        app.state.prep_setup.form.resume,
        missing.to_str().unwrap(),
        "the value typed stays"
    );
    assert!(store.guides().unwrap().is_empty());
}
