//! Shared by the screen tests: the fixed snapshot bank, default settings, a state and a draw.
#![allow(dead_code, clippy::unwrap_used)]

use hotseat::bank::{Bank, SourceFile};
use hotseat::config::{Config, ConfigInputs, Settings, Theme as ThemeName};
use hotseat::tui::keymap::Keymap;
use hotseat::tui::state::AppState;
use hotseat::tui::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;

/// The small bank in tests/fixtures/snap_bank.toml, so bank edits never change snapshots.
pub fn snap_bank() -> Arc<Bank> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/snap_bank.toml");
    let loaded = Bank::from_sources(&[SourceFile {
        path: "snap_bank.toml".into(),
        text: std::fs::read_to_string(path).unwrap(),
        user: false,
    }]);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    Arc::new(loaded.bank)
}

/// The default settings: an empty config dir and no environment.
pub fn default_settings() -> Settings {
    let dir = tempfile::tempdir().unwrap();
    Config::load(&ConfigInputs {
        config_dir: Some(dir.path().into()),
        data_dir: Some(dir.path().into()),
        ..ConfigInputs::default()
    })
    .unwrap()
    .settings
}

/// A fresh app state over the snapshot bank.
pub fn snap_state(size: (u16, u16)) -> AppState {
    AppState::new(snap_bank(), default_settings(), size)
}

/// Draws `state` with the default keymap and the dark theme on a test backend of its size.
pub fn draw(state: &AppState) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(state.size.0, state.size.1)).unwrap();
    let theme = Theme::new(ThemeName::Dark, false);
    terminal
        .draw(|f| ui::render(f, state, &Keymap::default(), &theme))
        .unwrap();
    terminal
}
