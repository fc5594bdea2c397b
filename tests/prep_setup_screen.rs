//! The prep guide form reached from home: snapshots at 80×24 and 120×40 (empty, filled with a
//! field error, building, with saved guides), and its `update` as data: keys type into fields,
//! Build asks for the effect with the typed values, a failed build keeps every value and points at
//! the field, Esc while building drops the late result, and a built guide opens (and is enriched
//! when an LLM is configured).
#![allow(clippy::unwrap_used)]

#[path = "common/screens.rs"]
mod screens;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hotseat::domain::InterviewStage;
use hotseat::interview::history::guide_entry;
use hotseat::prep::request::read_local_files;
use hotseat::prep::{Guide, GuideRequest, InputField, PrepInput, Vocabulary, build_guide};
use hotseat::tui::action::{Action, Screen};
use hotseat::tui::effect::Effect;
use hotseat::tui::keymap::Keymap;
use hotseat::tui::state::AppState;
use hotseat::tui::state::prep_setup::Row;
use jiff::Timestamp;
use screens::{draw, snap_bank, snap_state};
use std::path::PathBuf;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const JD: &str = "tests/fixtures/jd/backend.md";

fn now() -> Timestamp {
    "2026-11-20T10:00:00Z".parse().unwrap()
}

/// The form, opened from home with the `g` key.
fn form(size: (u16, u16)) -> AppState {
    let mut s = snap_state(size);
    let effects = press(&mut s, KeyCode::Char('g'), KeyModifiers::NONE);
    assert_eq!(effects, vec![Effect::LoadGuideList]);
    assert_eq!(s.screen, Screen::PrepSetup);
    s
}

/// A key as the app maps it: characters and Backspace type on a text field, the rest by keymap.
fn press(s: &mut AppState, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
    let key = KeyEvent::new(code, modifiers);
    let action = match code {
        KeyCode::Char(c) if s.screen == Screen::PrepSetup && s.prep_setup.typing() => {
            if modifiers.contains(KeyModifiers::CONTROL) {
                Keymap::default().action(s.screen, &key).unwrap()
            } else {
                Action::InputChar(c)
            }
        }
        KeyCode::Backspace if s.prep_setup.typing() => Action::InputBackspace,
        _ => Keymap::default().action(s.screen, &key).unwrap(),
    };
    s.update(action, now())
}

fn type_text(s: &mut AppState, text: &str) {
    for c in text.chars() {
        press(s, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

fn down(s: &mut AppState, n: usize) {
    for _ in 0..n {
        press(s, KeyCode::Down, KeyModifiers::NONE);
    }
}

/// Fills every field: JD, resume, company, stage (→ hiring manager), days 3, notes.
fn fill(s: &mut AppState) {
    type_text(s, JD);
    down(s, 1);
    type_text(s, "tests/fixtures/cv.md");
    down(s, 1);
    type_text(s, "Northwind Pay");
    down(s, 1);
    press(s, KeyCode::Right, KeyModifiers::NONE);
    down(s, 1);
    press(s, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(s, "3");
    down(s, 1);
    type_text(s, "tests/fixtures/notes.md");
}

fn ctrl_s(s: &mut AppState) -> Vec<Effect> {
    press(s, KeyCode::Char('s'), KeyModifiers::CONTROL)
}

/// The request id and input of the one `BuildGuide` among `effects`.
fn build_effect(effects: &[Effect]) -> (u64, GuideRequest) {
    let [Effect::BuildGuide { request, input, .. }] = effects else {
        panic!("{effects:?}")
    };
    (*request, input.clone())
}

fn guide(n: u128, jd: &str, company: &str, stage: InterviewStage, when: &str) -> Guide {
    let input = PrepInput {
        company: Some(company.into()),
        stage,
        days: 3,
        ..PrepInput::from_jd(std::fs::read_to_string(format!("tests/fixtures/{jd}")).unwrap())
    };
    build_guide(
        &input,
        &snap_bank(),
        Vocabulary::builtin(),
        uuid::Uuid::from_u128(n),
        when.parse().unwrap(),
    )
}

fn saved_guides() -> Vec<Guide> {
    vec![
        guide(
            1,
            "jd/finance.md",
            "Harbor Capital",
            InterviewStage::Final,
            "2026-11-17T08:00:00Z",
        ),
        guide(
            2,
            "jd/backend.md",
            "Northwind Pay",
            InterviewStage::Technical,
            "2026-11-19T10:30:00Z",
        ),
        guide(
            3,
            "jd/frontend.md",
            "Lumen Studio",
            InterviewStage::Recruiter,
            "2026-11-18T16:45:00Z",
        ),
    ]
}

#[test]
fn empty_form() {
    for (w, h) in SIZES {
        let mut s = form((w, h));
        s.update(Action::GuidesListed(vec![]), now());
        insta::assert_snapshot!(format!("prep_setup_empty_{w}x{h}"), draw(&s).backend());
    }
}

#[test]
fn typing_fills_the_fields_and_build_asks_for_them_as_data() {
    let mut s = form((120, 40));
    fill(&mut s);
    let f = &s.prep_setup.form;
    assert_eq!(f.job_description, JD);
    assert_eq!(f.resume, "tests/fixtures/cv.md");
    assert_eq!(f.company, "Northwind Pay");
    assert_eq!(f.stage, InterviewStage::HiringManager);
    assert_eq!(f.days, "3");
    assert_eq!(f.notes, "tests/fixtures/notes.md");
    // Backspace and Ctrl-U edit the highlighted field only
    type_text(&mut s, "x");
    press(&mut s, KeyCode::Backspace, KeyModifiers::NONE);
    assert_eq!(s.prep_setup.form.notes, "tests/fixtures/notes.md");

    let (request, input) = build_effect(&ctrl_s(&mut s));
    assert_eq!(
        input,
        GuideRequest {
            job_description: JD.into(),
            resume: Some(PathBuf::from("tests/fixtures/cv.md")),
            company: Some("Northwind Pay".into()),
            stage: InterviewStage::HiringManager,
            days: 3,
            notes: Some(PathBuf::from("tests/fixtures/notes.md")),
        }
    );
    assert_eq!(s.prep_setup.building.as_ref().unwrap().request, request);
    // Enter on the Build button asks the same way
    let mut s = form((120, 40));
    type_text(&mut s, JD);
    down(&mut s, 6);
    assert_eq!(s.prep_setup.row(), Row::Build);
    let (_, input) = build_effect(&press(&mut s, KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(input.job_description, JD);
    assert_eq!(input.resume, None);
    assert_eq!(input.stage, InterviewStage::Technical);
    assert_eq!(input.days, 7);
}

#[test]
fn days_out_of_range_names_the_field_and_the_value_and_asks_nothing() {
    let mut s = form((80, 24));
    type_text(&mut s, JD);
    down(&mut s, 4);
    press(&mut s, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(&mut s, "366");
    assert!(ctrl_s(&mut s).is_empty());
    let err = s.prep_setup.error(InputField::Days).unwrap();
    assert_eq!(
        err.message,
        "Days until the interview: '366' is not a whole number from 0 to 365"
    );
    assert!(s.prep_setup.building.is_none());
}

/// A form filled and built, then failed by the runner at the resume it could not read.
fn failed_build(size: (u16, u16)) -> AppState {
    let mut s = form(size);
    s.update(Action::GuidesListed(vec![]), now());
    fill(&mut s);
    let (request, input) = build_effect(&ctrl_s(&mut s));
    // the message the runner would send: read the files as it does
    let err = read_local_files(&input).unwrap_err();
    assert_eq!(err.field, InputField::Resume);
    s.update(
        Action::GuideBuildFailed {
            request,
            field: Some(err.field),
            message: err.message,
        },
        now(),
    );
    s
}

#[test]
fn a_failed_build_keeps_every_value_and_points_at_the_field() {
    let s = failed_build((120, 40));
    let setup = &s.prep_setup;
    assert!(setup.building.is_none());
    assert_eq!(setup.row(), Row::Field(InputField::Resume));
    let err = setup.error(InputField::Resume).unwrap();
    assert!(
        err.message
            .starts_with("Resume tests/fixtures/cv.md: cannot read:"),
        "{}",
        err.message
    );
    let f = &setup.form;
    assert_eq!(f.job_description, JD);
    assert_eq!(f.resume, "tests/fixtures/cv.md");
    assert_eq!(f.company, "Northwind Pay");
    assert_eq!(f.stage, InterviewStage::HiringManager);
    assert_eq!(f.days, "3");
    assert_eq!(f.notes, "tests/fixtures/notes.md");
    assert_eq!(s.screen, Screen::PrepSetup);
}

#[test]
fn filled_form_with_a_field_error() {
    for (w, h) in SIZES {
        let s = failed_build((w, h));
        insta::assert_snapshot!(format!("prep_setup_error_{w}x{h}"), draw(&s).backend());
    }
}

#[test]
fn building() {
    for (w, h) in SIZES {
        let mut s = form((w, h));
        s.update(Action::GuidesListed(vec![]), now());
        type_text(&mut s, JD);
        build_effect(&ctrl_s(&mut s));
        insta::assert_snapshot!(format!("prep_setup_building_{w}x{h}"), draw(&s).backend());
    }
}

#[test]
fn esc_while_building_cancels_and_drops_the_late_guide() {
    let mut s = form((120, 40));
    type_text(&mut s, JD);
    let (request, _) = build_effect(&ctrl_s(&mut s));
    // typing does nothing while building
    assert!(!s.prep_setup.typing());
    let effects = press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(effects, vec![Effect::CancelGuideBuild(request)]);
    assert!(s.prep_setup.building.is_none());
    assert_eq!(s.screen, Screen::PrepSetup, "Esc cancels, the form stays");
    assert_eq!(s.prep_setup.form.job_description, JD);
    let late = guide(
        9,
        "jd/backend.md",
        "Northwind Pay",
        InterviewStage::Technical,
        "2026-11-20T10:00:00Z",
    );
    let effects = s.update(
        Action::GuideBuilt {
            request,
            guide: Box::new(late),
        },
        now(),
    );
    assert!(effects.is_empty());
    assert_eq!(s.screen, Screen::PrepSetup);
    assert!(s.prep.guide.is_none());
    // a late failure is dropped as well
    s.update(
        Action::GuideBuildFailed {
            request,
            field: Some(InputField::JobDescription),
            message: "late".into(),
        },
        now(),
    );
    assert!(s.prep_setup.errors.is_empty());
    // a second Esc leaves for home
    assert_eq!(
        press(&mut s, KeyCode::Esc, KeyModifiers::NONE),
        vec![Effect::LoadHome]
    );
    assert_eq!(s.screen, Screen::Home);
}

#[test]
fn a_built_guide_opens_and_back_returns_to_the_form() {
    let mut s = form((120, 40));
    type_text(&mut s, JD);
    let (request, _) = build_effect(&ctrl_s(&mut s));
    let built = guide(
        9,
        "jd/backend.md",
        "Northwind Pay",
        InterviewStage::Technical,
        "2026-11-20T10:00:00Z",
    );
    let effects = s.update(
        Action::GuideBuilt {
            request,
            guide: Box::new(built.clone()),
        },
        now(),
    );
    assert!(effects.is_empty(), "offline: nothing more to do");
    assert_eq!(s.screen, Screen::PrepGuide);
    assert_eq!(s.prep.guide.as_deref(), Some(&built));
    assert!(!s.prep.read_only);
    assert_eq!(
        s.update(Action::Back, now()),
        vec![Effect::LoadGuideList],
        "back to the form, its list reloaded"
    );
    assert_eq!(s.screen, Screen::PrepSetup);
    assert_eq!(s.prep_setup.form.job_description, JD);

    // with an LLM configured, the built guide is enriched at once
    let mut s = form((120, 40));
    s.prep.llm_model = Some("fake-model".into());
    type_text(&mut s, JD);
    let (request, _) = build_effect(&ctrl_s(&mut s));
    let effects = s.update(
        Action::GuideBuilt {
            request,
            guide: Box::new(built),
        },
        now(),
    );
    assert!(
        matches!(&effects[..], [Effect::EnrichGuideSection { .. }]),
        "{effects:?}"
    );
}

#[test]
fn with_saved_guides_listed() {
    for (w, h) in SIZES {
        let mut s = form((w, h));
        let entries = saved_guides().iter().map(guide_entry).collect();
        s.update(Action::GuidesListed(entries), now());
        // the newest is first; highlight the second
        down(&mut s, 8);
        assert_eq!(s.prep_setup.row(), Row::Guide(1));
        insta::assert_snapshot!(format!("prep_setup_guides_{w}x{h}"), draw(&s).backend());
    }
}

#[test]
fn enter_on_a_saved_guide_loads_it_and_back_returns_to_the_form() {
    let mut s = form((120, 40));
    let guides = saved_guides();
    s.update(
        Action::GuidesListed(guides.iter().map(guide_entry).collect()),
        now(),
    );
    down(&mut s, 7);
    assert_eq!(s.prep_setup.row(), Row::Guide(0));
    let newest = &guides[1];
    let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(effects, vec![Effect::LoadGuide(newest.id)]);
    s.update(Action::GuideLoaded(Box::new(newest.clone())), now());
    assert_eq!(s.screen, Screen::PrepGuide);
    assert!(s.prep.read_only);
    // the guide screen exports it as data
    let effects = press(&mut s, KeyCode::Char('x'), KeyModifiers::NONE);
    assert!(
        matches!(&effects[..], [Effect::ExportGuide { guide, format: hotseat::prep::ExportFormat::Markdown }] if guide.id == newest.id),
        "{effects:?}"
    );
    let effects = press(&mut s, KeyCode::Char('X'), KeyModifiers::SHIFT);
    assert!(
        matches!(
            &effects[..],
            [Effect::ExportGuide {
                format: hotseat::prep::ExportFormat::Pdf,
                ..
            }]
        ),
        "{effects:?}"
    );
    s.update(
        Action::GuideExported(PathBuf::from("/data/guides/northwind-2026-11-19.md")),
        now(),
    );
    assert_eq!(
        s.status.as_ref().unwrap().text,
        "Saved to /data/guides/northwind-2026-11-19.md"
    );
    assert_eq!(s.update(Action::Back, now()), vec![Effect::LoadGuideList]);
    assert_eq!(s.screen, Screen::PrepSetup);
}

#[test]
fn home_lists_the_prep_guide_and_help_lists_the_export_keys() {
    let map = Keymap::default();
    let help = map.help(Screen::PrepGuide);
    assert!(
        help.iter().any(|(k, h)| k == "x" && h.contains("Markdown")),
        "{help:?}"
    );
    assert!(
        help.iter().any(|(k, h)| k == "X" && h.contains("PDF")),
        "{help:?}"
    );
    let help = map.help(Screen::Home);
    assert!(help.iter().any(|(k, _)| k == "g"), "{help:?}");
    let help = map.help(Screen::PrepSetup);
    assert!(
        help.iter()
            .any(|(k, h)| k == "Ctrl-s" && h.contains("build")),
        "{help:?}"
    );
}
