//! Practice as pure state: effects on submit, durability before feedback, draft autosave,
//! timers (amber, red, overtime, auto-submit), pause, skip, results and the draft offer.
#![allow(clippy::unwrap_used)]

use hotseat::config::{Config, ConfigInputs, Settings, TimeoutAction};
use hotseat::domain::{Draft, QuestionKind};
use hotseat::practice::{PracticeKind, PracticeSetup, TimeMode, TimerPhase};
use hotseat::tui::action::{Action, Screen};
use hotseat::tui::effect::Effect;
use hotseat::tui::state::AppState;
use hotseat::tui::state::practice::Phase;
use jiff::{Timestamp, ToSpan};

#[path = "common/screens.rs"]
mod screens;
use screens::snap_bank as bank;

fn settings(on_timeout: TimeoutAction) -> Settings {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Config::load(&ConfigInputs {
        config_dir: Some(dir.path().into()),
        data_dir: Some(dir.path().into()),
        ..ConfigInputs::default()
    })
    .unwrap()
    .settings;
    s.on_timeout = on_timeout;
    s
}

fn t0() -> Timestamp {
    "2026-11-20T10:00:00Z".parse().unwrap()
}

/// The attempt an update asked to save, if it did.
fn saved_attempt(effects: &[Effect]) -> Option<Box<hotseat::domain::Attempt>> {
    effects.iter().find_map(|e| match e {
        Effect::SaveAttempt(a) => Some(a.clone()),
        _ => None,
    })
}

/// A state with a one-question behavioral run started at t0.
fn running(on_timeout: TimeoutAction, time: TimeMode) -> AppState {
    let mut s = AppState::new(bank(), settings(on_timeout), (100, 30));
    let setup = PracticeSetup {
        kind: PracticeKind::Kind(QuestionKind::Behavioral),
        role: None,
        difficulty: None,
        count: 1,
        time,
    };
    let effects = s.update(Action::StartPractice(setup), t0());
    assert_eq!(effects, vec![Effect::LoadPracticeData]);
    assert_eq!(s.screen, Screen::Practice);
    let effects = s.update(
        Action::PracticeDataLoaded {
            stats: vec![],
            draft: None,
        },
        t0(),
    );
    assert!(
        matches!(effects.as_slice(), [Effect::SaveSession(_)]),
        "{effects:?}"
    );
    assert_eq!(s.practice.phase, Phase::Running);
    s
}

const ANSWER: &str = "On the payments team I disagreed with a colleague about retries. I listened to their view, \
then built a prototype and measured both designs. We shipped my design and duplicate charges fell by 90 percent.";

#[test]
fn submit_persists_first_and_shows_feedback_only_once_saved() {
    let mut s = running(TimeoutAction::Overtime, TimeMode::QuestionOwn);
    s.practice.set_answer(ANSWER);
    let effects = s.update(Action::SubmitAnswer, t0() + 95.seconds());
    let attempt = saved_attempt(&effects).expect("the attempt is persisted");
    assert!(effects.contains(&Effect::DeleteDraft("practice".into())));
    assert_eq!(attempt.answer, ANSWER);
    assert_eq!(attempt.duration_secs, 95);
    assert!(attempt.total().unwrap() >= 50, "{:?}", attempt.score);
    assert_eq!(
        s.practice.phase,
        Phase::Running,
        "no feedback before the store confirms"
    );
    // keys are ignored while saving: the answer cannot change under the save
    s.update(
        Action::EditorKey(crossterm::event::KeyEvent::from(
            crossterm::event::KeyCode::Char('x'),
        )),
        t0() + 96.seconds(),
    );
    assert_eq!(s.practice.run.as_ref().unwrap().text(), ANSWER);
    let effects = s.update(Action::AttemptSaved(attempt.id), t0() + 96.seconds());
    assert!(
        matches!(effects.as_slice(), [Effect::SaveSession(sess)] if sess.attempt_ids == vec![attempt.id])
    );
    assert_eq!(s.practice.phase, Phase::Feedback);
    // the last question: Enter shows results and closes the session
    let effects = s.update(Action::Select, t0() + 100.seconds());
    assert_eq!(s.practice.phase, Phase::Results);
    let session = effects
        .iter()
        .find_map(|e| match e {
            Effect::SaveSession(sess) => Some(sess.clone()),
            _ => None,
        })
        .unwrap();
    assert!(session.ended_at.is_some());
    assert_eq!(session.total, attempt.total());
}

#[test]
fn a_failed_save_keeps_the_answer_and_allows_a_retry() {
    let mut s = running(TimeoutAction::Overtime, TimeMode::QuestionOwn);
    s.practice.set_answer(ANSWER);
    s.update(Action::SubmitAnswer, t0() + 10.seconds());
    s.update(
        Action::AttemptSaveFailed("disk full".into()),
        t0() + 11.seconds(),
    );
    assert_eq!(s.practice.phase, Phase::Running);
    assert_eq!(s.practice.run.as_ref().unwrap().text(), ANSWER);
    assert!(s.status.as_ref().unwrap().text.contains("disk full"));
    let effects = s.update(Action::SubmitAnswer, t0() + 12.seconds());
    assert!(effects.iter().any(|e| matches!(e, Effect::SaveAttempt(_))));
}

#[test]
fn drafts_autosave_while_typing_and_not_when_unchanged() {
    let mut s = running(TimeoutAction::Overtime, TimeMode::QuestionOwn);
    s.practice.set_answer("half an answer");
    let effects = s.update(Action::Tick, t0() + 500.milliseconds());
    assert!(effects.is_empty(), "not yet a second since the last save");
    let effects = s.update(Action::Tick, t0() + 1250.milliseconds());
    let draft: Vec<&Draft> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::SaveDraft(d) => Some(d),
            _ => None,
        })
        .collect();
    assert_eq!(draft.len(), 1);
    assert_eq!(draft[0].text, "half an answer");
    assert_eq!(draft[0].key, "practice");
    assert!(
        s.update(Action::Tick, t0() + 3.seconds()).is_empty(),
        "unchanged text is not saved again"
    );
}

#[test]
fn timer_turns_amber_then_red_then_overtime_and_keeps_going_by_default() {
    let mut s = running(TimeoutAction::Overtime, TimeMode::Fixed(180));
    s.practice.set_answer("still typing");
    assert_eq!(
        s.practice.timer_phase(t0() + 10.seconds()),
        Some(TimerPhase::Normal)
    );
    assert_eq!(
        s.practice.timer_phase(t0() + 70.seconds()),
        Some(TimerPhase::Amber)
    );
    assert_eq!(
        s.practice.timer_phase(t0() + 155.seconds()),
        Some(TimerPhase::Red)
    );
    s.update(Action::Tick, t0() + 181.seconds());
    assert_eq!(s.practice.phase, Phase::Running, "overtime keeps going");
    assert_eq!(
        s.practice.timer_phase(t0() + 181.seconds()),
        Some(TimerPhase::Overtime)
    );
    let effects = s.update(Action::SubmitAnswer, t0() + 200.seconds());
    let attempt = saved_attempt(&effects);
    assert!(attempt.unwrap().overtime);
}

#[test]
fn timeout_submits_when_configured() {
    let mut s = running(TimeoutAction::Submit, TimeMode::Fixed(60));
    s.practice.set_answer(ANSWER);
    assert!(
        s.update(Action::Tick, t0() + 59.seconds())
            .iter()
            .all(|e| !matches!(e, Effect::SaveAttempt(_)))
    );
    let effects = s.update(Action::Tick, t0() + 60.seconds());
    let attempt = saved_attempt(&effects).expect("time-out submits");
    assert!(
        !attempt.overtime,
        "sent when time ran out, so not over time"
    );
}

#[test]
fn timeout_with_nothing_typed_skips_instead_of_refusing_every_tick() {
    let mut s = running(TimeoutAction::Submit, TimeMode::Fixed(60));
    let effects = s.update(Action::Tick, t0() + 60.seconds());
    let attempt = saved_attempt(&effects).expect("the empty answer is stored as skipped");
    assert!(attempt.skipped && attempt.score.is_none());
    let status = s.status.as_ref().unwrap();
    assert!(!status.error, "{status:?}");
    assert!(status.text.contains("skipped"), "{status:?}");
    s.update(Action::AttemptSaved(attempt.id), t0() + 61.seconds());
    assert_eq!(s.practice.phase, Phase::Results);
}

#[test]
fn pause_stops_the_clock_and_ends_the_session_on_q() {
    let mut s = running(TimeoutAction::Overtime, TimeMode::Fixed(120));
    s.practice.set_answer("a start");
    let effects = s.update(Action::TogglePause, t0() + 30.seconds());
    assert!(
        effects.iter().any(|e| matches!(e, Effect::SaveDraft(_))),
        "pausing saves the draft"
    );
    assert!(s.practice.paused());
    let run = s.practice.run.as_ref().unwrap();
    assert_eq!(run.timer.elapsed_secs(t0() + 600.seconds()), 30);
    s.update(Action::TogglePause, t0() + 600.seconds());
    assert_eq!(
        s.practice
            .run
            .as_ref()
            .unwrap()
            .timer
            .elapsed_secs(t0() + 610.seconds()),
        40
    );
    s.update(Action::TogglePause, t0() + 611.seconds());
    // ending from the pause keeps the answer typed so far: it is scored and stored first
    let effects = s.update(Action::EndSession, t0() + 612.seconds());
    let attempt =
        saved_attempt(&effects).expect("the answer in progress is saved, not thrown away");
    assert_eq!(attempt.answer, "a start");
    assert!(!attempt.skipped);
    s.update(Action::AttemptSaved(attempt.id), t0() + 613.seconds());
    assert_eq!(s.practice.phase, Phase::Results);
    assert_eq!(s.practice.attempts.len(), 1);
}

#[test]
fn ending_from_the_pause_with_nothing_typed_goes_straight_to_results() {
    let mut s = running(TimeoutAction::Overtime, TimeMode::Fixed(120));
    s.update(Action::TogglePause, t0() + 5.seconds());
    let effects = s.update(Action::EndSession, t0() + 6.seconds());
    assert!(effects.iter().all(|e| !matches!(e, Effect::SaveAttempt(_))));
    assert_eq!(s.practice.phase, Phase::Results);
}

#[test]
fn a_failed_save_while_ending_keeps_the_session_going() {
    let mut s = running(TimeoutAction::Overtime, TimeMode::Fixed(120));
    s.practice.set_answer("half an answer");
    s.update(Action::TogglePause, t0() + 5.seconds());
    s.update(Action::EndSession, t0() + 6.seconds());
    s.update(
        Action::AttemptSaveFailed("disk full".into()),
        t0() + 7.seconds(),
    );
    assert_eq!(s.practice.phase, Phase::Running);
    assert!(!s.practice.ending);
    assert_eq!(s.practice.run.as_ref().unwrap().text(), "half an answer");
}

#[test]
fn skip_stores_a_skipped_attempt_and_moves_on() {
    let mut s = running(TimeoutAction::Overtime, TimeMode::QuestionOwn);
    let effects = s.update(Action::SkipQuestion, t0() + 5.seconds());
    let attempt = saved_attempt(&effects).unwrap();
    assert!(attempt.skipped && attempt.score.is_none());
    s.update(Action::AttemptSaved(attempt.id), t0() + 6.seconds());
    assert_eq!(
        s.practice.phase,
        Phase::Results,
        "one question: skipping it ends the session"
    );
    assert_eq!(s.practice.results.as_ref().unwrap().overall, None);
}

#[test]
fn an_unsent_draft_is_offered_before_a_new_session_and_resumes_with_its_text() {
    let mut s = AppState::new(bank(), settings(TimeoutAction::Overtime), (100, 30));
    s.update(Action::OpenPractice, t0());
    let draft = Draft {
        key: "practice".into(),
        question_id: "snap-sit-deadline".into(),
        session_id: None,
        text: "I would first size the impact".into(),
        saved_at: t0(),
    };
    s.update(
        Action::PracticeDataLoaded {
            stats: vec![],
            draft: Some(draft),
        },
        t0(),
    );
    assert_eq!(s.practice.phase, Phase::Setup);
    assert!(s.practice.draft_offer.is_some());
    s.update(Action::ResumeDraft, t0() + 1.second());
    let run = s.practice.run.as_ref().unwrap();
    assert_eq!(run.question.id, "snap-sit-deadline");
    assert_eq!(run.text(), "I would first size the impact");
}

#[test]
fn not_tracking_performance_stores_nothing() {
    let mut settings = settings(TimeoutAction::Overtime);
    settings.track_performance = false;
    let mut s = AppState::new(bank(), settings, (100, 30));
    s.update(
        Action::StartPracticeWith(vec!["snap-beh-conflict".into()]),
        t0(),
    );
    let effects = s.update(
        Action::PracticeDataLoaded {
            stats: vec![],
            draft: None,
        },
        t0(),
    );
    assert!(effects.is_empty(), "{effects:?}");
    s.practice.set_answer(ANSWER);
    let effects = s.update(Action::SubmitAnswer, t0() + 20.seconds());
    assert!(
        effects
            .iter()
            .all(|e| !matches!(e, Effect::SaveAttempt(_) | Effect::SaveSession(_)))
    );
    assert_eq!(s.practice.phase, Phase::Feedback);
}

#[test]
fn results_page_up_and_down_as_the_help_says() {
    let mut s = running(TimeoutAction::Overtime, TimeMode::QuestionOwn);
    s.practice.set_answer(ANSWER);
    let effects = s.update(Action::SubmitAnswer, t0() + 20.seconds());
    let id = saved_attempt(&effects).unwrap().id;
    s.update(Action::AttemptSaved(id), t0() + 21.seconds());
    s.update(Action::EndSession, t0() + 22.seconds());
    assert_eq!(s.practice.phase, Phase::Results);
    s.update(Action::PageDown, t0() + 23.seconds());
    assert_eq!(s.practice.scroll, 10);
    s.update(Action::PageUp, t0() + 24.seconds());
    assert_eq!(s.practice.scroll, 0);
}

#[test]
fn quitting_saves_the_draft_typed_since_the_last_autosave() {
    let mut s = running(TimeoutAction::Overtime, TimeMode::Fixed(120));
    s.practice.set_answer("the first half of my answer");
    let effects = s.update(Action::Quit, t0() + 3.seconds());
    let draft = effects
        .iter()
        .find_map(|e| match e {
            Effect::SaveDraft(d) => Some(d.clone()),
            _ => None,
        })
        .expect("the latest text is saved on the way out");
    assert_eq!(draft.text, "the first half of my answer");
    // already saved: quitting again asks for nothing more
    assert!(s.update(Action::Quit, t0() + 4.seconds()).is_empty());
}

#[test]
fn the_setup_count_goes_as_high_as_the_command_line_allows() {
    let mut s = AppState::new(bank(), settings(TimeoutAction::Overtime), (100, 30));
    s.update(Action::OpenPractice, t0());
    s.practice.field = 3; // Questions
    for _ in 0..100 {
        s.update(Action::Right, t0());
    }
    assert_eq!(
        s.practice.setup.count,
        hotseat::practice::plan::MAX_QUESTIONS
    );
    for _ in 0..100 {
        s.update(Action::Left, t0());
    }
    assert_eq!(s.practice.setup.count, 1);
}
