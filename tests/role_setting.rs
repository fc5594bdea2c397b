//! The `role` setting: where it comes from, how a bad value is reported, and that practice and mock
//! interviews start on it.
#![allow(clippy::unwrap_used)]

#[path = "common/screens.rs"]
mod screens;

use hotseat::config::{Config, ConfigInputs};
use hotseat::domain::Role;
use hotseat::tui::action::Action;
use hotseat::tui::state::AppState;
use jiff::Timestamp;
use screens::snap_bank;

fn load(sets: &[&str], env: &[(&str, &str)]) -> Result<Config, String> {
    let dir = tempfile::tempdir().unwrap();
    Config::load(&ConfigInputs {
        config_dir: Some(dir.path().into()),
        data_dir: Some(dir.path().into()),
        sets: sets.iter().map(ToString::to_string).collect(),
        env: env
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect(),
    })
    .map_err(|e| e.to_string())
}

#[test]
fn the_role_defaults_to_any_and_comes_from_flag_or_environment() {
    assert_eq!(load(&[], &[]).unwrap().settings.role, Role::Any);
    let env = load(&[], &[("HOTSEAT_ROLE", "data_scientist")]).unwrap();
    assert_eq!(env.settings.role, Role::DataScientist);
    let flag = load(&["role=product_manager"], &[("HOTSEAT_ROLE", "finance")]).unwrap();
    assert_eq!(flag.settings.role, Role::ProductManager);
}

#[test]
fn a_bad_role_names_the_flag_and_the_value() {
    let err = load(&["role=astronaut"], &[]).unwrap_err();
    assert!(err.contains("role"), "{err}");
    assert!(err.contains("astronaut"), "{err}");
    let err = load(&[], &[("HOTSEAT_ROLE", "astronaut")]).unwrap_err();
    assert!(err.contains("HOTSEAT_ROLE"), "{err}");
}

#[test]
fn practice_and_mock_setups_start_on_the_configured_role() {
    let settings = load(&["role=data_engineer"], &[]).unwrap().settings;
    let mut state = AppState::new(snap_bank(), settings, (120, 40));
    assert_eq!(state.practice.setup.role, Some(Role::DataEngineer));
    let now: Timestamp = "2026-11-20T10:00:00Z".parse().unwrap();
    let _ = state.update(Action::OpenMockSetup, now);
    let form = state.mock.form.as_ref().unwrap();
    assert_eq!(Role::ALL[form.role], Role::DataEngineer);
}

#[test]
fn without_a_role_setting_setups_stay_on_any_role() {
    let settings = load(&[], &[]).unwrap().settings;
    let mut state = AppState::new(snap_bank(), settings, (120, 40));
    assert_eq!(state.practice.setup.role, None);
    let _ = state.update(
        Action::OpenMockSetup,
        "2026-11-20T10:00:00Z".parse().unwrap(),
    );
    assert_eq!(Role::ALL[state.mock.form.as_ref().unwrap().role], Role::Any);
}
