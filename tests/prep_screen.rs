//! The prep guide screen: snapshots at 80×24 and 120×40 on a fixed bank, section navigation,
//! and the practise / mock keys that emit actions the app answers with a status message.
#![allow(clippy::unwrap_used)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hotseat::bank::Bank;
use hotseat::config::{Config, ConfigInputs, Theme as ThemeName};
use hotseat::domain::InterviewStage;
use hotseat::prep::{Guide, PrepInput, SectionKind, Vocabulary, build_guide};
use hotseat::tui::action::{Action, Screen};
use hotseat::tui::effect::Effect;
use hotseat::tui::keymap::Keymap;
use hotseat::tui::state::AppState;
use hotseat::tui::ui::{self, theme::Theme};
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[path = "common/screens.rs"]
mod screens;
use screens::snap_bank as bank;

fn now() -> Timestamp {
    "2026-11-20T10:00:00Z".parse().unwrap()
}

fn guide(bank: &Bank) -> Guide {
    let input = PrepInput {
        resume: Some(fixture("resume.md")),
        notes: Some(fixture("notes.md")),
        company: Some("Northwind Pay".into()),
        stage: InterviewStage::Technical,
        days: 5,
        ..PrepInput::from_jd(fixture("jd/backend.md"))
    };
    build_guide(
        &input,
        bank,
        Vocabulary::builtin(),
        uuid::Uuid::nil(),
        now(),
    )
}

fn state(size: (u16, u16)) -> AppState {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::load(&ConfigInputs {
        config_dir: Some(dir.path().into()),
        data_dir: Some(dir.path().into()),
        ..ConfigInputs::default()
    })
    .unwrap();
    let bank = bank();
    let mut s = AppState::new(Arc::clone(&bank), config.settings, size);
    let effects = s.update(Action::OpenGuide(uuid::Uuid::nil()), now());
    assert_eq!(effects, vec![Effect::LoadGuide(uuid::Uuid::nil())]);
    s.update(Action::GuideLoaded(Box::new(guide(&bank))), now());
    assert_eq!(s.screen, Screen::PrepGuide);
    s
}

fn draw(state: &AppState) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(state.size.0, state.size.1)).unwrap();
    let theme = Theme::new(ThemeName::Dark, false);
    terminal
        .draw(|f| ui::render(f, state, &Keymap::default(), &theme))
        .unwrap();
    terminal
}

fn key(state: &mut AppState, code: KeyCode) {
    let action = Keymap::default()
        .action(state.screen, &KeyEvent::new(code, KeyModifiers::NONE))
        .unwrap();
    state.update(action, now());
}

#[test]
fn guide_opens_on_the_context_section() {
    for (w, h) in SIZES {
        let s = state((w, h));
        insta::assert_snapshot!(format!("prep_context_{w}x{h}"), draw(&s).backend());
    }
}

#[test]
fn tab_moves_to_predicted_questions_and_scrolls() {
    for (w, h) in SIZES {
        let mut s = state((w, h));
        key(&mut s, KeyCode::Tab);
        key(&mut s, KeyCode::Tab);
        assert_eq!(s.prep.current().unwrap().0, SectionKind::Predicted);
        key(&mut s, KeyCode::Char('j'));
        insta::assert_snapshot!(format!("prep_predicted_{w}x{h}"), draw(&s).backend());
    }
}

#[test]
fn resume_defense_section() {
    for (w, h) in SIZES {
        let mut s = state((w, h));
        for _ in 0..3 {
            key(&mut s, KeyCode::Right);
        }
        assert_eq!(s.prep.current().unwrap().0, SectionKind::ResumeDefense);
        insta::assert_snapshot!(format!("prep_defense_{w}x{h}"), draw(&s).backend());
    }
}

#[test]
fn practise_key_starts_practice_with_the_predicted_questions() {
    let mut s = state((120, 40));
    let ids = s.prep.guide.as_ref().unwrap().predicted_ids();
    assert!(!ids.is_empty());
    // the state's own update turns the key into the app-level action
    let mut prep = s.prep.clone();
    assert_eq!(
        prep.update(&Action::PractisePredicted),
        hotseat::tui::state::prep::PrepOutcome::Emit(Action::StartPracticeWith(ids.clone()))
    );
    let effects = s.update(Action::PractisePredicted, now());
    assert_eq!(s.screen, hotseat::tui::action::Screen::Practice);
    assert!(effects.contains(&hotseat::tui::effect::Effect::LoadPracticeData));
    s.update(
        Action::PracticeDataLoaded {
            stats: vec![],
            draft: None,
        },
        now(),
    );
    let run = s.practice.run.as_ref().expect("a run started");
    assert_eq!(run.question.id, ids[0]);
    assert_eq!(
        s.practice.session.as_ref().unwrap().question_ids.len(),
        ids.iter()
            .filter(|id| s.practice.bank().question(id).is_some())
            .count()
    );
}

#[test]
fn mock_key_is_answered_with_a_status() {
    let mut s = state((120, 40));
    key(&mut s, KeyCode::Char('m'));
    // "mock this stage" opens the mock interview setup on the guide's stage
    assert_eq!(s.screen, Screen::MockSetup);
    let form = s.mock.form.as_ref().unwrap();
    assert_eq!(
        form.setup().stage,
        hotseat::domain::InterviewStage::Technical
    );
}
