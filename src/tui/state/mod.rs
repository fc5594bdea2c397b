//! The app's state and its pure, clocked `update`: one module per screen.

pub mod browse;
pub mod home;
pub mod practice;
pub mod practice_summary;
pub mod prep;
pub mod trends;

use super::action::{Action, Screen};
use super::effect::Effect;
use crate::bank::Bank;
use crate::config::Settings;
use browse::BrowseState;
use home::HomeState;
use jiff::{SignedDuration, Timestamp};
use practice::{PracticeOutcome, PracticeState};
use prep::{PrepOutcome, PrepState};
use std::sync::Arc;
use trends::{TrendsOutcome, TrendsState};

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
    /// Practice screen state.
    pub practice: PracticeState,
    /// Trends screen state.
    pub trends: TrendsState,
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
    /// The time of the last update (views draw countdowns against it).
    pub now: Timestamp,
    /// Whether an LLM is used and where answers go, for the home screen.
    pub llm_status: String,
}

impl AppState {
    /// A fresh state on the home screen.
    pub fn new(bank: Arc<Bank>, settings: Settings, size: (u16, u16)) -> Self {
        Self {
            screen: Screen::Home,
            home: HomeState::default(),
            browse: BrowseState::new(Arc::clone(&bank), settings.hide_example_answers, size),
            prep: PrepState::new(size),
            practice: PracticeState::new(
                Arc::clone(&bank),
                Arc::new(crate::scoring::OfflineScorer::for_questions(
                    bank.questions()
                        .iter()
                        .map(crate::scoring::QuestionContext::from)
                        .collect::<Vec<_>>()
                        .iter(),
                )),
                settings.question_count,
                settings.on_timeout,
                settings.track_performance,
            ),
            trends: TrendsState::default(),
            help_open: false,
            size,
            status: None,
            should_quit: false,
            settings,
            bank,
            now: Timestamp::UNIX_EPOCH,
            llm_status: crate::llm::LLM_OFF_STATUS.to_string(),
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
        self.now = now;
        match action {
            Action::Quit => {
                self.should_quit = true;
                return vec![];
            }
            Action::Tick => {
                if self.status.as_ref().is_some_and(|s| s.until <= now) {
                    self.status = None;
                }
                if self.screen == Screen::Practice {
                    return self.update_practice(action, now);
                }
                return vec![];
            }
            Action::PracticeDataLoaded { .. }
            | Action::AttemptSaved(_)
            | Action::AttemptSaveFailed(_) => return self.update_practice(action, now),
            Action::OpenPractice => {
                self.screen = Screen::Practice;
                self.help_open = false;
                return self.practice.open();
            }
            Action::StartPractice(_) | Action::StartPracticeWith(_) => {
                self.screen = Screen::Practice;
                self.help_open = false;
                return self.update_practice(action, now);
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
            Action::TrendsLoaded(data) => {
                self.trends.loaded(*data);
                return vec![];
            }
            Action::OpenTrends if self.screen != Screen::Home && !self.help_open => {
                return self.open_trends();
            }
            Action::OpenGuide(id) => return vec![Effect::LoadGuide(id)],
            Action::GuideLoaded(guide) => {
                self.prep.load(*guide);
                self.screen = Screen::PrepGuide;
                self.help_open = false;
                return vec![];
            }
            Action::StartMock { stage, persona } => {
                // The mock interview screen is not built yet: say what would start.
                self.set_status(
                    format!(
                        "mock interviews are not available yet; it would mock the {stage} round with {}",
                        persona.map_or_else(|| "the default interviewer".to_string(), |p| format!("the {p} persona"))
                    ),
                    false,
                    now,
                );
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
            Screen::Trends => self.update_trends(&action, now),
            Screen::PrepGuide => self.update_prep(&action, now),
            Screen::Practice => self.update_practice(action, now),
        }
    }

    fn update_practice(&mut self, action: Action, now: Timestamp) -> Vec<Effect> {
        let (effects, outcome) = self.practice.update(action, now);
        if let Some((text, error)) = self.practice.message.take() {
            self.set_status(text, error, now);
        }
        if outcome == PracticeOutcome::Home && self.screen == Screen::Practice {
            self.screen = Screen::Home;
            let mut all = effects;
            all.push(Effect::LoadHome);
            return all;
        }
        effects
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
            home::HomeOutcome::Open(home::MenuEntry::Practice) => {
                self.screen = Screen::Practice;
                self.practice.open()
            }
            home::HomeOutcome::Open(home::MenuEntry::Trends) => self.open_trends(),
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

impl AppState {
    fn open_trends(&mut self) -> Vec<Effect> {
        self.screen = Screen::Trends;
        self.trends.loading = true;
        vec![Effect::LoadTrends {
            plan_size: usize::try_from(self.settings.question_count).unwrap_or(5),
        }]
    }

    fn update_trends(&mut self, action: &Action, now: Timestamp) -> Vec<Effect> {
        match self.trends.update(action) {
            TrendsOutcome::Stay => vec![],
            TrendsOutcome::Back => {
                self.screen = Screen::Home;
                vec![Effect::LoadHome]
            }
            TrendsOutcome::Start(ids) => self.update(Action::StartPracticeWith(ids), now),
            TrendsOutcome::Nothing(message) => {
                self.set_status(message, false, now);
                vec![]
            }
        }
    }
}
