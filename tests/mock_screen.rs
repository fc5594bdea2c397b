//! Mock interview and History screens driven through `AppState::update` with explicit clocks:
//! snapshots of setup, mid-interview, streaming after chunk 1, 5 and done, the report and History,
//! at 80×24 and 120×40; and the effects each step asks for.
#![allow(clippy::unwrap_used)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hotseat::bank::{Bank, SourceFile};
use hotseat::config::{Config, ConfigInputs, Theme as ThemeName};
use hotseat::interview::MockRecord;
use hotseat::interview::history::{self, HistoryDetail};
use hotseat::interview::setup::Length;
use hotseat::tui::action::{Action, Screen};
use hotseat::tui::effect::Effect;
use hotseat::tui::keymap::Keymap;
use hotseat::tui::shared::Shared;
use hotseat::tui::state::AppState;
use hotseat::tui::ui::{self, theme::Theme};
use jiff::{SignedDuration, Timestamp};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn bank() -> Arc<Bank> {
    let root = env!("CARGO_MANIFEST_DIR");
    let read = |p: &str| std::fs::read_to_string(format!("{root}/{p}")).unwrap();
    let loaded = Bank::from_sources(&[
        SourceFile {
            path: "snap_bank.toml".into(),
            text: read("tests/fixtures/snap_bank.toml"),
            user: false,
        },
        SourceFile {
            path: "friendly.toml".into(),
            text: read("personas/friendly.toml"),
            user: false,
        },
        SourceFile {
            path: "challenging.toml".into(),
            text: read("personas/challenging.toml"),
            user: false,
        },
    ]);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    Arc::new(loaded.bank)
}

fn t0() -> Timestamp {
    "2026-11-20T10:00:00Z".parse().unwrap()
}

fn at(secs: i64) -> Timestamp {
    t0() + SignedDuration::from_secs(secs)
}

fn state(size: (u16, u16)) -> AppState {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::load(&ConfigInputs {
        config_dir: Some(dir.path().into()),
        data_dir: Some(dir.path().into()),
        ..ConfigInputs::default()
    })
    .unwrap();
    let mut settings = config.settings;
    settings.interviewer_style = "friendly".into();
    AppState::new(bank(), settings, size)
}

fn draw(state: &AppState) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(state.size.0, state.size.1)).unwrap();
    let theme = Theme::new(ThemeName::Dark, false);
    terminal
        .draw(|f| ui::render(f, state, &Keymap::default(), &theme))
        .unwrap();
    terminal
}

fn text(terminal: &Terminal<TestBackend>) -> String {
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

fn type_answer(s: &mut AppState, answer: &str, now: Timestamp) {
    for c in answer.chars() {
        s.update(
            Action::EditorKey(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            now,
        );
    }
}

/// Submits an answer; asserts the save comes first and nothing is said before it is durable.
fn submit(s: &mut AppState, answer: &str, now: Timestamp) -> Vec<Effect> {
    type_answer(s, answer, now);
    let turns = s
        .mock
        .live
        .as_ref()
        .unwrap()
        .interview
        .transcript
        .turns
        .len();
    let effects = s.update(Action::SubmitAnswer, now);
    assert!(
        matches!(effects.as_slice(), [Effect::SaveMock(_)]),
        "{effects:?}"
    );
    let live = s.mock.live.as_ref().unwrap();
    assert_eq!(
        live.interview.transcript.turns.len(),
        turns + 1,
        "only the answer so far"
    );
    let id = live.interview.session_id;
    s.update(Action::MockSaved(id), now)
}

fn begin(s: &mut AppState, minutes: u32) -> Vec<Effect> {
    s.update(Action::OpenMockSetup, t0());
    let mut setup = s.mock.form.as_ref().unwrap().setup();
    setup.length = Length::Minutes(minutes);
    s.update(Action::BeginMock(Box::new(setup)), t0())
}

const ANSWER: &str = "At my last company two senior engineers disagreed about a schema change. \
    I set up a meeting, asked each to write down their constraints, and I proposed a phased migration. \
    As a result we shipped in 3 weeks with no downtime.";

#[test]
fn setup_screen() {
    for (w, h) in SIZES {
        let mut s = state((w, h));
        s.update(Action::OpenMockSetup, t0());
        assert_eq!(s.screen, Screen::MockSetup);
        s.update(Action::Down, t0());
        s.update(Action::NextValue, t0());
        let terminal = draw(&s);
        let screen = text(&terminal);
        assert!(screen.contains("Software engineer"), "{screen}");
        assert!(screen.contains("About the interviewer"), "{screen}");
        insta::assert_snapshot!(format!("mock_setup_{w}x{h}"), terminal.backend());
    }
}

#[test]
fn mid_interview_screen_with_typed_answer_and_running_score() {
    for (w, h) in SIZES {
        let mut s = state((w, h));
        let effects = begin(&mut s, 30);
        assert_eq!(s.screen, Screen::MockInterview);
        assert!(
            matches!(effects.as_slice(), [Effect::SaveMock(_)]),
            "{effects:?}"
        );
        submit(
            &mut s,
            "I'm a backend engineer; six years on payments.",
            at(40),
        );
        submit(&mut s, ANSWER, at(200));
        s.update(Action::BlurEditor, at(230));
        s.update(Action::ToggleRunningScore, at(230));
        s.update(Action::FocusEditor, at(230));
        type_answer(&mut s, "I would first ask", at(240));
        s.update(Action::Tick, at(245));
        let terminal = draw(&s);
        let screen = text(&terminal);
        assert!(screen.contains("04:05 / 30:00"), "{screen}");
        assert!(screen.contains("running score"), "{screen}");
        assert!(screen.contains("I would first ask"), "{screen}");
        insta::assert_snapshot!(format!("mock_interview_{w}x{h}"), terminal.backend());
    }
}

#[test]
fn streaming_reply_after_chunk_1_5_and_done() {
    let chunks = [
        "Hi",
        " there,",
        " I'm",
        " Dana.",
        " Thanks",
        " for",
        " joining",
        " today.",
        " Tell",
        " me",
        " about",
        " yourself.",
    ];
    for (w, h) in SIZES {
        let mut s = state((w, h));
        s.mock.llm_model = Some("fake-model".into());
        let effects = begin(&mut s, 30);
        let request = effects
            .iter()
            .find_map(|e| match e {
                Effect::AskInterviewer {
                    request, prompt, ..
                } => {
                    assert!(prompt.chars() > 200);
                    Some(*request)
                }
                _ => None,
            })
            .expect("the LLM interviewer streams its opening");
        for (seq, chunk) in chunks.iter().enumerate() {
            s.update(
                Action::InterviewerToken {
                    request,
                    seq,
                    text: (*chunk).to_string(),
                },
                at(1),
            );
            // a chunk of another (cancelled) request is dropped
            s.update(
                Action::InterviewerToken {
                    request: request + 99,
                    seq,
                    text: "STALE".into(),
                },
                at(1),
            );
            if seq == 0 || seq == 4 {
                let terminal = draw(&s);
                assert!(!text(&terminal).contains("STALE"));
                insta::assert_snapshot!(
                    format!("mock_streaming_chunk{}_{w}x{h}", seq + 1),
                    terminal.backend()
                );
            }
        }
        s.update(
            Action::InterviewerFinished {
                request,
                text: chunks.concat(),
            },
            at(2),
        );
        let live = s.mock.live.as_ref().unwrap();
        assert!(live.streaming.is_none());
        assert_eq!(live.interview.transcript.turns.len(), 1);
        insta::assert_snapshot!(format!("mock_streaming_done_{w}x{h}"), draw(&s).backend());
    }
}

#[test]
fn a_failed_stream_falls_back_to_the_scripted_line_and_keeps_the_answer() {
    let mut s = state((80, 24));
    s.mock.llm_model = Some("fake-model".into());
    let effects = begin(&mut s, 30);
    let request = effects
        .iter()
        .find_map(|e| match e {
            Effect::AskInterviewer { request, .. } => Some(*request),
            _ => None,
        })
        .unwrap();
    s.update(
        Action::InterviewerToken {
            request,
            seq: 0,
            text: "Hel".into(),
        },
        at(1),
    );
    s.update(
        Action::InterviewerFailed {
            request,
            message: "server returned 500".into(),
        },
        at(2),
    );
    let live = s.mock.live.as_ref().unwrap();
    assert_eq!(live.interviewer, "scripted (LLM failed)");
    assert!(live.llm_model.is_none());
    let greeting = &live.interview.transcript.turns[0].text;
    assert!(
        live.interview
            .persona
            .lines
            .greetings
            .iter()
            .any(|g| greeting.contains(g.as_str())),
        "{greeting}"
    );
    let status = s.status.as_ref().unwrap();
    assert!(
        status.error
            && status
                .text
                .contains("continuing with the scripted interviewer")
    );
    // the next answer is saved and answered by the scripted interviewer
    let effects = submit(&mut s, "I'm a backend engineer.", at(30));
    assert!(
        effects.is_empty(),
        "scripted lines need no effect: {effects:?}"
    );
    let turns = &s.mock.live.as_ref().unwrap().interview.transcript.turns;
    assert_eq!(turns.len(), 3);
    assert_eq!(turns[1].text, "I'm a backend engineer.");
}

fn finish(s: &mut AppState) -> MockRecord {
    begin(s, 12);
    submit(s, "I'm a backend engineer; six years on payments.", at(40));
    submit(s, ANSWER, at(200));
    // answer follow-ups until the candidate-questions phase, then ask one and decline
    let mut clock = 300;
    while !matches!(
        s.mock.live.as_ref().unwrap().interview.phase,
        hotseat::interview::Phase::CandidateQuestions { .. } | hotseat::interview::Phase::Closed
    ) {
        submit(s, ANSWER, at(clock));
        clock += 120;
    }
    submit(s, "What does the team look like?", at(clock));
    let effects = submit(s, "No, that's all, thank you.", at(clock + 30));
    let Some(Effect::SaveMock(record)) = effects.first() else {
        panic!("the close is saved: {effects:?}")
    };
    (**record).clone()
}

#[test]
fn report_screen() {
    for (w, h) in SIZES {
        let mut s = state((w, h));
        let record = finish(&mut s);
        assert!(record.report.is_some());
        s.update(Action::BlurEditor, at(2000));
        s.update(Action::Select, at(2000));
        assert_eq!(s.screen, Screen::MockReport);
        let terminal = draw(&s);
        let screen = text(&terminal);
        assert!(screen.contains("/100"), "{screen}");
        insta::assert_snapshot!(format!("mock_report_{w}x{h}"), terminal.backend());
        s.update(Action::Back, at(2001));
        assert_eq!(s.screen, Screen::Home);
    }
}

#[test]
fn ending_early_closes_with_the_persona_closing_line() {
    let mut s = state((80, 24));
    begin(&mut s, 30);
    submit(&mut s, "Backend engineer.", at(40));
    s.update(Action::BlurEditor, at(50));
    let effects = s.update(Action::EndInterview, at(60));
    assert!(
        matches!(effects.as_slice(), [Effect::SaveMock(r)] if r.report.as_ref().is_some_and(|r| r.ended_early))
    );
    let live = s.mock.live.as_ref().unwrap();
    assert!(live.interview.is_closed());
    let last = &live.interview.transcript.turns.last().unwrap().text;
    assert!(
        live.interview
            .persona
            .lines
            .closings
            .iter()
            .any(|c| last.contains(c.as_str()))
    );
}

#[test]
fn history_list_and_an_interrupted_interview() {
    for (w, h) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let store = hotseat::store::SledStore::open(dir.path()).unwrap();
        // a finished interview and an interrupted one
        let mut s = state((w, h));
        let done = finish(&mut s);
        hotseat::interview::save_progress(&store, &done).unwrap();
        let mut s2 = state((w, h));
        s2.update(Action::OpenMockSetup, at(3600));
        let setup = s2.mock.form.as_ref().unwrap().setup();
        let effects = s2.update(Action::BeginMock(Box::new(setup)), at(3600));
        assert!(!effects.is_empty());
        type_answer(&mut s2, "I lead a payments team.", at(3650));
        let Some(Effect::SaveMock(partial)) = s2.update(Action::SubmitAnswer, at(3650)).pop()
        else {
            panic!()
        };
        hotseat::interview::save_progress(&store, &partial).unwrap();

        let entries = history::list(&store).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].status, "in progress");
        let mut s = state((w, h));
        s.update(Action::OpenHistory, at(4000));
        s.update(Action::HistoryListed(entries.clone()), at(4000));
        insta::assert_snapshot!(format!("history_list_{w}x{h}"), draw(&s).backend());

        let effects = s.update(Action::Select, at(4000));
        assert_eq!(effects, vec![Effect::LoadHistoryDetail(entries[0].id)]);
        let detail = history::detail(&store, store_session(&store, entries[0].id)).unwrap();
        assert!(matches!(&detail, HistoryDetail::Mock(r) if !r.interview.is_closed()));
        s.update(Action::HistoryOpened(Shared::new(detail)), at(4000));
        let terminal = draw(&s);
        assert!(text(&terminal).contains("Press r to resume"));
        insta::assert_snapshot!(format!("history_interrupted_{w}x{h}"), terminal.backend());

        // resume: the pending interviewer line is said, then the candidate can answer
        s.update(Action::ResumeMock, at(4010));
        assert_eq!(s.screen, Screen::MockInterview);
        let live = s.mock.live.as_ref().unwrap();
        assert!(live.awaiting_answer());
        let turns = &live.interview.transcript.turns;
        assert_eq!(turns[1].text, "I lead a payments team.");
        assert_eq!(
            turns.len(),
            3,
            "greeting, the saved answer, the next question"
        );
    }
}

fn store_session(store: &dyn hotseat::store::Store, id: uuid::Uuid) -> hotseat::domain::Session {
    store.session(id).unwrap().unwrap()
}

#[test]
fn with_tracking_off_a_mock_interview_goes_on_but_asks_for_no_save() {
    let mut settings = state((120, 40)).settings;
    settings.track_performance = false;
    let mut s = AppState::new(bank(), settings, (120, 40));
    s.update(Action::OpenMockSetup, at(0));
    let setup = s.mock.form.as_ref().unwrap().setup();
    let saves = |effects: &[Effect]| {
        effects
            .iter()
            .filter(|e| matches!(e, Effect::SaveMock(_)))
            .count()
    };
    let effects = s.update(Action::BeginMock(Box::new(setup)), at(0));
    assert_eq!(saves(&effects), 0, "the start is not stored");
    let said = s
        .mock
        .live
        .as_ref()
        .unwrap()
        .interview
        .transcript
        .turns
        .len();
    type_answer(&mut s, "I lead a payments team of six engineers.", at(30));
    let effects = s.update(Action::SubmitAnswer, at(30));
    assert_eq!(saves(&effects), 0, "the answer is not stored");
    let live = s.mock.live.as_ref().unwrap();
    assert!(!live.saving, "nothing waits for a save");
    assert_eq!(
        live.interview.transcript.turns.len(),
        said + 2,
        "the answer and the interviewer's next line"
    );
    type_answer(&mut s, "half a thought", at(40));
    assert_eq!(saves(&s.update(Action::Quit, at(41))), 0, "nor on quit");
}

#[test]
fn time_away_from_a_paused_interview_is_not_on_its_clock() {
    let mut s = state((120, 40));
    begin(&mut s, 12);
    submit(
        &mut s,
        "I'm a backend engineer; six years on payments.",
        at(40),
    );
    assert!(
        s.mock
            .live
            .as_ref()
            .unwrap()
            .interview
            .current_question()
            .is_some()
    );
    // leave with Esc (out of the editor, then back) with half an answer typed: the interview
    // is saved as it stands, the unsent answer with it
    type_answer(&mut s, "I would start by", at(55));
    s.update(Action::BlurEditor, at(60));
    let effects = s.update(Action::Back, at(60));
    let Some(Effect::SaveMock(left)) = effects
        .iter()
        .find(|e| matches!(e, Effect::SaveMock(_)))
        .cloned()
    else {
        panic!("leaving saves the interview: {effects:?}")
    };
    assert_eq!(s.screen, Screen::Home);
    assert_eq!(
        left.interview.transcript.turns.len(),
        3,
        "the question already asked is in the saved transcript"
    );

    // two hours later it is resumed from History: the clock shows the minute it ran, not 2 h
    let back = at(60 + 2 * 3600);
    s.update(Action::OpenHistory, back);
    s.update(
        Action::HistoryOpened(Shared::new(HistoryDetail::Mock(Box::new((*left).clone())))),
        back,
    );
    s.update(Action::ResumeMock, back);
    assert_eq!(s.screen, Screen::MockInterview);
    let live = s.mock.live.as_ref().unwrap();
    assert_eq!(live.interview.elapsed(back).as_secs(), 60);
    assert_eq!(
        live.answer_text(),
        "I would start by",
        "the unsent answer is back in the editor"
    );
    assert!(live.interview.unsent_answer.is_none());
    assert!(!live.interview.time_is_up(back));
    // start the answer over
    s.mock.live.as_mut().unwrap().editor = tui_textarea::TextArea::default();
    submit(&mut s, ANSWER, back + SignedDuration::from_secs(60));
    let interview = &s.mock.live.as_ref().unwrap().interview;
    assert!(!interview.time_is_up(back + SignedDuration::from_secs(60)));
    assert!(
        text(&draw(&s)).contains("02:00 / 12:00"),
        "{}",
        text(&draw(&s))
    );
}

#[test]
fn quitting_mid_interview_saves_it_with_the_unsent_answer() {
    let mut s = state((120, 40));
    begin(&mut s, 12);
    type_answer(&mut s, "I run the payments platform team", at(20));
    let effects = s.update(Action::Quit, at(21));
    assert!(s.should_quit);
    let saved = effects
        .iter()
        .find_map(|e| match e {
            Effect::SaveMock(record) => Some(record.clone()),
            _ => None,
        })
        .expect("quitting saves the open interview");
    assert_eq!(
        saved.interview.unsent_answer.as_deref(),
        Some("I run the payments platform team")
    );
}

#[test]
fn quitting_with_no_interview_open_saves_nothing() {
    let mut s = state((120, 40));
    assert!(s.update(Action::Quit, at(1)).is_empty());
}
