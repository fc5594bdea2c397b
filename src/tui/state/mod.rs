//! The app's state and its pure, clocked `update`: one module per screen.

pub mod browse;
pub mod history;
pub mod home;
pub mod mock;
pub mod prep;

use super::action::{Action, Screen};
use super::effect::Effect;
use crate::bank::Bank;
use crate::config::Settings;
use browse::BrowseState;
use home::HomeState;
use jiff::{SignedDuration, Timestamp};
use prep::{PrepOutcome, PrepState};
use std::sync::Arc;

/// A message shown in the status line until it expires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The text.
    pub text: String,
    /// Whether it reports a problem.
    pub error: bool,
    /// When it disappears.
    pub until: Timestamp,
}

/// Everything the views read.
#[derive(Debug)]
pub struct AppState {
    /// The screen on top.
    pub screen: Screen,
    /// Home screen state.
    pub home: HomeState,
    /// Browse screen state.
    pub browse: BrowseState,
    /// Prep guide screen state.
    pub prep: PrepState,
    /// Mock interview screens' state.
    pub mock: mock::MockState,
    /// History screen state.
    pub history: history::HistoryState,
    /// Whether the help overlay is open.
    pub help_open: bool,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// A transient message.
    pub status: Option<Status>,
    /// Set when the app should exit.
    pub should_quit: bool,
    /// Settings in force.
    pub settings: Settings,
    /// The loaded bank.
    pub bank: Arc<Bank>,
}

impl AppState {
    /// A fresh state on the home screen.
    pub fn new(bank: Arc<Bank>, settings: Settings, size: (u16, u16)) -> Self {
        Self {
            screen: Screen::Home,
            home: HomeState::default(),
            browse: BrowseState::new(Arc::clone(&bank), settings.hide_example_answers, size),
            prep: PrepState::new(size),
            mock: mock::MockState::default(),
            history: history::HistoryState::default(),
            help_open: false,
            size,
            status: None,
            should_quit: false,
            settings,
            bank,
        }
    }

    /// Effects to run once at start.
    pub fn init() -> Vec<Effect> {
        vec![Effect::LoadHome, Effect::LoadStars]
    }

    /// Shows a message for a few seconds.
    pub fn set_status(&mut self, text: impl Into<String>, error: bool, now: Timestamp) {
        self.status = Some(Status {
            text: text.into(),
            error,
            until: now + SignedDuration::from_secs(if error { 8 } else { 4 }),
        });
    }

    /// Applies one action at time `now`; returns the effects to run. Pure: no I/O, no clock.
    pub fn update(&mut self, action: Action, now: Timestamp) -> Vec<Effect> {
        match action {
            Action::Quit => {
                self.should_quit = true;
                return vec![];
            }
            Action::Tick => {
                if let Some(live) = self.mock.live.as_mut() {
                    live.now = now;
                }
                if self.status.as_ref().is_some_and(|s| s.until <= now) {
                    self.status = None;
                }
                return vec![];
            }
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.browse.resize(self.size);
                self.prep.resize(self.size);
                return vec![];
            }
            Action::ToggleHelp => {
                self.help_open = !self.help_open;
                return vec![];
            }
            Action::Back if self.help_open => {
                self.help_open = false;
                return vec![];
            }
            Action::EffectFailed(message) => {
                self.set_status(message, true, now);
                return vec![];
            }
            Action::HomeLoaded(summary) => {
                self.home.summary = Some(summary);
                return vec![];
            }
            Action::StarsLoaded(ids) => {
                self.browse.set_starred(ids);
                return vec![];
            }
            Action::OpenGuide(id) => return vec![Effect::LoadGuide(id)],
            Action::GuideLoaded(guide) => {
                self.prep.load(*guide);
                self.screen = Screen::PrepGuide;
                self.help_open = false;
                return vec![];
            }
            Action::StartPracticeWith(ids) => {
                // The practice screen is not built yet: say what would start.
                self.set_status(
                    format!(
                        "practice is not available yet; it would start with {} predicted question(s): {}",
                        ids.len(),
                        ids.join(", ")
                    ),
                    false,
                    now,
                );
                return vec![];
            }
            Action::StartMock { stage, persona } => {
                self.mock.form = None;
                self.open_mock_setup();
                if let Some(form) = self.mock.form.as_mut() {
                    form.prefill(stage, persona.as_deref());
                }
                return vec![];
            }
            Action::OpenMockSetup => {
                self.open_mock_setup();
                return vec![];
            }
            Action::OpenHistory => {
                self.screen = Screen::History;
                self.history.detail = None;
                return vec![Effect::LoadHistoryList];
            }
            Action::BeginMock(setup) => {
                let step = self.mock.begin(&self.bank, *setup, now);
                return self.apply_mock_step(step, now);
            }
            Action::MockSaved(_)
            | Action::InterviewerToken { .. }
            | Action::InterviewerFinished { .. }
            | Action::InterviewerFailed { .. } => {
                let step = self.mock.update_results(action, now);
                return self.apply_mock_step(step, now);
            }
            Action::HistoryListed(entries) => {
                self.history.selected = self.history.selected.min(entries.len().saturating_sub(1));
                self.history.entries = Some(entries);
                return vec![];
            }
            Action::HistoryOpened(detail) => {
                self.history.detail = Some(detail);
                self.history.scroll = 0;
                return vec![];
            }
            _ => {}
        }
        if self.help_open {
            return vec![];
        }
        match self.screen {
            Screen::Home => self.update_home(&action),
            Screen::BrowseList | Screen::BrowseDetail => self.update_browse(action, now),
            Screen::PrepGuide => self.update_prep(&action, now),
            Screen::MockSetup => {
                let step = self.mock.update_setup(&self.bank, &action, now);
                self.apply_mock_step(step, now)
            }
            Screen::MockInterview => {
                let step = self.mock.update_interview(&action, now);
                self.apply_mock_step(step, now)
            }
            Screen::MockReport => {
                let step = self.mock.update_report(&action);
                self.apply_mock_step(step, now)
            }
            Screen::History => self.update_history(&action, now),
        }
    }

    fn open_mock_setup(&mut self) {
        self.mock.open_setup(
            &self.bank,
            &self.settings.interviewer_style,
            self.settings.mock_minutes,
        );
        self.screen = Screen::MockSetup;
        self.help_open = false;
    }

    fn apply_mock_step(&mut self, step: mock::MockStep, now: Timestamp) -> Vec<Effect> {
        let mut effects = step.effects;
        if let Some((text, error)) = step.status {
            self.set_status(text, error, now);
        }
        if let Some(screen) = step.screen {
            if screen == Screen::Home && self.screen != Screen::Home {
                effects.push(Effect::LoadHome);
            }
            self.screen = screen;
        }
        effects
    }

    fn update_history(&mut self, action: &Action, now: Timestamp) -> Vec<Effect> {
        use crate::interview::history::HistoryDetail;
        match self.history.update(action) {
            history::HistoryOutcome::Stay => vec![],
            history::HistoryOutcome::Effects(effects) => effects,
            history::HistoryOutcome::Back => {
                self.screen = Screen::Home;
                vec![Effect::LoadHome]
            }
            history::HistoryOutcome::Emit(next) => {
                let Some(detail) = self.history.detail.clone() else {
                    return vec![];
                };
                let HistoryDetail::Mock(record) = &*detail else {
                    return vec![];
                };
                let step = match next {
                    Action::ResumeMock if !record.interview.is_closed() => {
                        self.mock.resume(record.interview.clone(), now)
                    }
                    Action::ResumeMock => {
                        self.set_status("that interview is over; here is its report", false, now);
                        self.mock.show_report(record)
                    }
                    _ => self.mock.show_report(record),
                };
                self.apply_mock_step(step, now)
            }
        }
    }

    fn update_prep(&mut self, action: &Action, now: Timestamp) -> Vec<Effect> {
        match self.prep.update(action) {
            PrepOutcome::Stay => vec![],
            PrepOutcome::Back => {
                self.screen = Screen::Home;
                vec![Effect::LoadHome]
            }
            PrepOutcome::Emit(next) => self.update(next, now),
        }
    }

    fn update_home(&mut self, action: &Action) -> Vec<Effect> {
        match self.home.update(action) {
            home::HomeOutcome::Stay => vec![],
            home::HomeOutcome::Quit => {
                self.should_quit = true;
                vec![]
            }
            home::HomeOutcome::Open(home::MenuEntry::Browse) => {
                self.screen = Screen::BrowseList;
                vec![]
            }
            home::HomeOutcome::Open(home::MenuEntry::Mock) => {
                self.open_mock_setup();
                vec![]
            }
            home::HomeOutcome::Open(home::MenuEntry::History) => {
                self.screen = Screen::History;
                self.history.detail = None;
                vec![Effect::LoadHistoryList]
            }
        }
    }

    fn update_browse(&mut self, action: Action, now: Timestamp) -> Vec<Effect> {
        let before = self.screen;
        let (effects, next) = self.browse.update(action, self.screen, now);
        self.screen = next;
        if before != Screen::Home && next == Screen::Home {
            return vec![Effect::LoadHome];
        }
        if let Some(msg) = self.browse.take_message() {
            self.set_status(msg, false, now);
        }
        effects
    }
}
