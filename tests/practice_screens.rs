//! Practice screen snapshots at 80×24 and 120×40: setup (with an unsent draft), the run in each
//! timer phase, paused, feedback and results.
#![allow(clippy::unwrap_used)]

use hotseat::domain::Draft;
use hotseat::practice::TimeMode;
use hotseat::tui::action::Action;
use hotseat::tui::effect::Effect;
use hotseat::tui::state::AppState;
use jiff::{Timestamp, ToSpan};

#[path = "common/screens.rs"]
mod screens;
use screens::{draw, snap_state as state};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn text_of(terminal: &ratatui::Terminal<ratatui::backend::TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn t0() -> Timestamp {
    "2026-11-20T10:00:00Z".parse().unwrap()
}

fn run_of(ids: &[&str], size: (u16, u16), time: TimeMode) -> AppState {
    let mut s = state(size);
    s.practice.setup.time = time;
    s.update(
        Action::StartPracticeWith(ids.iter().map(|i| (*i).to_string()).collect()),
        t0(),
    );
    s.update(
        Action::PracticeDataLoaded {
            stats: vec![],
            draft: None,
        },
        t0(),
    );
    s
}

const ANSWER: &str = "On the payments team I disagreed with a colleague about how to retry failed charges. \
I listened to their view first. Then I built a prototype and measured both designs under load. \
We shipped my design and duplicate charges fell by 90 percent.";

#[test]
fn setup_with_an_unsent_draft() {
    for (w, h) in SIZES {
        let mut s = state((w, h));
        s.update(Action::OpenPractice, t0());
        s.update(
            Action::PracticeDataLoaded {
                stats: vec![],
                draft: Some(Draft {
                    key: "practice".into(),
                    question_id: "snap-sit-deadline".into(),
                    session_id: None,
                    text: "I would size the impact first".into(),
                    saved_at: "2026-11-19T21:15:00Z".parse().unwrap(),
                }),
            },
            t0(),
        );
        s.update(Action::Down, t0());
        insta::assert_snapshot!(format!("practice_setup_{w}x{h}"), draw(&s).backend());
    }
}

#[test]
fn run_in_each_timer_phase() {
    for (w, h) in SIZES {
        for (name, secs) in [
            ("normal", 20),
            ("amber", 130),
            ("red", 160),
            ("overtime", 200),
        ] {
            let mut s = run_of(
                &["snap-beh-conflict", "snap-tech-index"],
                (w, h),
                TimeMode::Fixed(180),
            );
            s.practice.set_answer(ANSWER);
            s.update(Action::Tick, t0() + secs.seconds());
            insta::assert_snapshot!(format!("practice_run_{name}_{w}x{h}"), draw(&s).backend());
        }
    }
}

#[test]
fn run_paused() {
    for (w, h) in SIZES {
        let mut s = run_of(&["snap-beh-conflict"], (w, h), TimeMode::QuestionOwn);
        s.practice.set_answer("Half an answer");
        s.update(Action::TogglePause, t0() + 42.seconds());
        let terminal = draw(&s);
        let footer = text_of(&terminal).lines().last().unwrap().to_string();
        assert!(
            footer.contains("Enter resume") && !footer.contains("Esc pause"),
            "the footer offers what works while paused: {footer}"
        );
        insta::assert_snapshot!(format!("practice_paused_{w}x{h}"), terminal.backend());
        // every key the footer offers works while paused: Ctrl-S submits from here
        let ctrl_s = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char('s'),
            crossterm::event::KeyModifiers::CONTROL,
        );
        assert_eq!(
            hotseat::tui::keymap::Keymap::default()
                .action(hotseat::tui::keymap::KeyContext::PracticePaused, &ctrl_s),
            Some(Action::SubmitAnswer)
        );
        let effects = s.update(Action::SubmitAnswer, t0() + 50.seconds());
        assert!(
            effects.iter().any(|e| matches!(e, Effect::SaveAttempt(_))),
            "{effects:?}"
        );
    }
}

fn answered(size: (u16, u16)) -> AppState {
    let mut s = run_of(
        &["snap-beh-conflict", "snap-tech-index"],
        size,
        TimeMode::QuestionOwn,
    );
    s.practice.set_answer(ANSWER);
    let effects = s.update(Action::SubmitAnswer, t0() + 95.seconds());
    let id = effects
        .iter()
        .find_map(|e| match e {
            Effect::SaveAttempt(a) => Some(a.id),
            _ => None,
        })
        .unwrap();
    s.update(Action::AttemptSaved(id), t0() + 96.seconds());
    s
}

#[test]
fn feedback() {
    for (w, h) in SIZES {
        let s = answered((w, h));
        insta::assert_snapshot!(format!("practice_feedback_{w}x{h}"), draw(&s).backend());
    }
}

#[test]
fn results() {
    for (w, h) in SIZES {
        let mut s = answered((w, h));
        s.update(Action::Select, t0() + 100.seconds());
        s.practice.set_answer("An index is a sorted structure so lookups avoid a full scan, but every insert must update it.");
        let effects = s.update(Action::SubmitAnswer, t0() + 160.seconds());
        let id = effects
            .iter()
            .find_map(|e| match e {
                Effect::SaveAttempt(a) => Some(a.id),
                _ => None,
            })
            .unwrap();
        s.update(Action::AttemptSaved(id), t0() + 161.seconds());
        s.update(Action::Select, t0() + 162.seconds());
        insta::assert_snapshot!(format!("practice_results_{w}x{h}"), draw(&s).backend());
    }
}
