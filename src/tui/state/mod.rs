//! The app's state and its pure, clocked `update`: one module per screen.

pub mod browse;
pub mod home;
pub mod trends;

use super::action::{Action, Screen};
use super::effect::Effect;
use crate::bank::Bank;
use crate::config::Settings;
use browse::BrowseState;
use home::HomeState;
use jiff::{SignedDuration, Timestamp};
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
}

impl AppState {
    /// A fresh state on the home screen.
    pub fn new(bank: Arc<Bank>, settings: Settings, size: (u16, u16)) -> Self {
        Self {
            screen: Screen::Home,
            home: HomeState::default(),
            browse: BrowseState::new(Arc::clone(&bank), settings.hide_example_answers, size),
            trends: TrendsState::default(),
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
                if self.status.as_ref().is_some_and(|s| s.until <= now) {
                    self.status = None;
                }
                return vec![];
            }
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.browse.resize(self.size);
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
            Action::StartPracticeWith(ids) => {
                self.start_practice_with(&ids, now);
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

    /// Practice with chosen questions. The practice screen is not in this build yet, so this
    /// says so plainly and names the questions; the practice branch replaces it.
    fn start_practice_with(&mut self, ids: &[String], now: Timestamp) {
        let shown: Vec<&str> = ids.iter().take(3).map(String::as_str).collect();
        let more = if ids.len() > 3 {
            format!(" +{}", ids.len() - 3)
        } else {
            String::new()
        };
        self.set_status(
            format!(
                "Practice is not in this build yet — recommended: {}{more}",
                shown.join(", ")
            ),
            false,
            now,
        );
    }
}
