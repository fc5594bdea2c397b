//! The app's state and its pure, clocked `update`: one module per screen.

pub mod browse;
pub mod history;
pub mod home;
pub mod mock;
pub mod practice;
pub mod practice_summary;
pub mod prep;
pub mod prep_enrich;
pub mod prep_setup;
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
use prep_setup::{PrepSetupOutcome, PrepSetupState};
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
    /// Prep guide form state.
    pub prep_setup: PrepSetupState,
    /// Practice screen state.
    pub practice: PracticeState,
    /// Trends screen state.
    pub trends: TrendsState,
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
            prep_setup: PrepSetupState::default(),
            practice: PracticeState::new(
                Arc::clone(&bank),
                None,
                settings.question_count,
                settings.role_filter(),
                settings.on_timeout,
                settings.track_performance,
            ),
            trends: TrendsState::default(),
            mock: mock::MockState {
                untracked: !settings.track_performance,
                ..mock::MockState::default()
            },
            history: history::HistoryState::default(),
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
        let action = match self.update_app_wide(action, now) {
            Ok(effects) => return effects,
            Err(action) => *action,
        };
        let action = match self.update_sessions(action, now) {
            Ok(effects) => return effects,
            Err(action) => *action,
        };
        if self.help_open {
            return vec![];
        }
        match self.screen {
            Screen::Home => self.update_home(&action),
            Screen::BrowseList | Screen::BrowseDetail => self.update_browse(action, now),
            Screen::Trends => self.update_trends(&action, now),
            Screen::PrepGuide => self.update_prep(&action, now),
            Screen::PrepSetup => self.update_prep_setup(&action, now),
            Screen::Practice => self.update_practice(action, now),
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

    /// Actions that mean the same on every screen; gives the action back when it is not one.
    /// The scroll offset of the current screen's scrolling body, if it has one.
    pub fn scroll(&self) -> Option<u16> {
        match self.screen {
            Screen::BrowseDetail => Some(self.browse.detail_scroll),
            Screen::PrepGuide => Some(self.prep.scroll),
            Screen::Practice => Some(self.practice.scroll),
            Screen::MockReport => self.mock.report.as_ref().map(|r| r.scroll),
            Screen::History => self.history.detail.as_ref().map(|_| self.history.scroll),
            _ => None,
        }
    }

    fn scroll_mut(&mut self) -> Option<&mut u16> {
        match self.screen {
            Screen::BrowseDetail => Some(&mut self.browse.detail_scroll),
            Screen::PrepGuide => Some(&mut self.prep.scroll),
            Screen::Practice => Some(&mut self.practice.scroll),
            Screen::MockReport => self.mock.report.as_mut().map(|r| &mut r.scroll),
            Screen::History if self.history.detail.is_some() => Some(&mut self.history.scroll),
            _ => None,
        }
    }

    fn update_app_wide(
        &mut self,
        action: Action,
        now: Timestamp,
    ) -> Result<Vec<Effect>, Box<Action>> {
        match action {
            Action::ClampScroll(max) => {
                if let Some(scroll) = self.scroll_mut() {
                    *scroll = (*scroll).min(max);
                }
                Ok(vec![])
            }
            Action::Quit => {
                self.should_quit = true;
                // nothing typed is lost on the way out: the latest draft and an open interview
                let mut effects = self.practice.save_before_quit(now);
                effects.extend(self.mock.save_before_quit(now));
                Ok(effects)
            }
            Action::Tick => {
                if let Some(live) = self.mock.live.as_mut() {
                    live.now = now;
                }
                if self.status.as_ref().is_some_and(|s| s.until <= now) {
                    self.status = None;
                }
                if self.screen == Screen::Practice {
                    return Ok(self.update_practice(action, now));
                }
                Ok(vec![])
            }
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.browse.resize(self.size);
                self.prep.resize(self.size);
                Ok(vec![])
            }
            Action::ToggleHelp => {
                self.help_open = !self.help_open;
                Ok(vec![])
            }
            Action::Back if self.help_open => {
                self.help_open = false;
                Ok(vec![])
            }
            Action::EffectFailed(message) | Action::GuideExportFailed(message) => {
                self.set_status(message, true, now);
                Ok(vec![])
            }
            Action::HomeLoaded(summary) => {
                self.home.summary = Some(summary);
                Ok(vec![])
            }
            Action::StarsLoaded(ids) => {
                self.browse.set_starred(ids);
                Ok(vec![])
            }
            Action::TrendsLoaded(data) => {
                self.trends.loaded(*data);
                Ok(vec![])
            }
            Action::OpenTrends if self.screen != Screen::Home && !self.help_open => {
                Ok(self.open_trends())
            }
            Action::OpenGuide(id) => {
                let mut effects = self.prep.cancel_enrichment();
                self.prep.unload();
                self.prep.read_only = false;
                self.prep.from_setup = false;
                effects.push(Effect::LoadGuide(id));
                Ok(effects)
            }
            Action::GuideExported(path) => {
                self.set_status(format!("Saved to {}", path.display()), false, now);
                // a path takes a moment to read
                if let Some(status) = self.status.as_mut() {
                    status.until = now + SignedDuration::from_secs(10);
                }
                Ok(vec![])
            }
            Action::EnrichGuide => Ok(self.prep.start_enrichment()),
            Action::GuideEnrichToken { .. }
            | Action::GuideSectionEnriched { .. }
            | Action::GuideEnrichFailed { .. } => Ok(self.prep.on_enrich_result(action)),
            Action::ScorerReady(scorer) => {
                self.practice.set_scorer(scorer.0);
                Ok(vec![])
            }
            Action::GuideLoaded(guide) => {
                let enrich = self.prep.pending_enrich;
                let mut effects = self.prep.cancel_enrichment();
                self.prep.load(*guide);
                self.screen = Screen::PrepGuide;
                self.help_open = false;
                if enrich {
                    effects.extend(self.prep.start_enrichment());
                }
                Ok(effects)
            }
            other => self.update_guide_builds(other),
        }
    }

    /// The prep guide form's results, whatever the screen: the saved guides and builds.
    fn update_guide_builds(&mut self, action: Action) -> Result<Vec<Effect>, Box<Action>> {
        match action {
            Action::GuidesListed(entries) => {
                self.prep_setup.listed(entries);
                Ok(vec![])
            }
            Action::GuideBuilt { request, guide } => {
                // a cancelled build's guide is dropped
                if !self.prep_setup.on_built(request) {
                    return Ok(vec![]);
                }
                let mut effects = self.prep.cancel_enrichment();
                self.prep.unload();
                self.prep.read_only = false;
                self.prep.from_setup = true;
                self.prep.load(*guide);
                self.screen = Screen::PrepGuide;
                self.help_open = false;
                // with an LLM configured the guide is enriched at once, as `hotseat prep --open` does
                if self.prep.llm_model.is_some() {
                    effects.extend(self.prep.start_enrichment());
                }
                Ok(effects)
            }
            Action::GuideBuildFailed {
                request,
                field,
                message,
            } => {
                self.prep_setup.on_build_failed(request, field, message);
                Ok(vec![])
            }
            other => Err(Box::new(other)),
        }
    }

    /// Results and starts of practice, mock interviews and history, whatever the screen.
    fn update_sessions(
        &mut self,
        action: Action,
        now: Timestamp,
    ) -> Result<Vec<Effect>, Box<Action>> {
        match action {
            Action::PracticeDataLoaded { .. }
            | Action::AttemptSaved(_)
            | Action::AttemptSaveFailed(_)
            | Action::AttemptJudged { .. } => Ok(self.update_practice(action, now)),
            Action::OpenPractice => {
                self.screen = Screen::Practice;
                self.help_open = false;
                Ok(self.practice.open())
            }
            Action::StartPractice(_) | Action::StartPracticeWith(_) => {
                self.screen = Screen::Practice;
                self.help_open = false;
                Ok(self.update_practice(action, now))
            }
            Action::StartMock { stage, persona } => {
                self.mock.form = None;
                self.open_mock_setup();
                if let Some(form) = self.mock.form.as_mut() {
                    form.prefill(stage, persona.as_deref());
                }
                Ok(vec![])
            }
            Action::OpenMockSetup => {
                self.open_mock_setup();
                Ok(vec![])
            }
            Action::OpenHistory => {
                self.screen = Screen::History;
                self.history.detail = None;
                Ok(vec![Effect::LoadHistoryList])
            }
            Action::BeginMock(setup) => {
                let step = self.mock.begin(&self.bank, *setup, now);
                Ok(self.apply_mock_step(step, now))
            }
            Action::MockSaved(_)
            | Action::InterviewerToken { .. }
            | Action::InterviewerFinished { .. }
            | Action::InterviewerFailed { .. } => {
                let step = self.mock.update_results(action, now);
                Ok(self.apply_mock_step(step, now))
            }
            Action::HistoryListed(entries) => {
                self.history.selected = self.history.selected.min(entries.len().saturating_sub(1));
                self.history.entries = Some(entries);
                Ok(vec![])
            }
            Action::HistoryOpened(detail) => {
                self.history.detail = Some(detail);
                self.history.scroll = 0;
                Ok(vec![])
            }
            other => Err(Box::new(other)),
        }
    }

    fn open_mock_setup(&mut self) {
        self.mock.open_setup(
            &self.bank,
            &self.settings.interviewer_style,
            self.settings.mock_minutes,
            self.settings.role,
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
            history::HistoryOutcome::OpenGuide(id) => {
                let mut effects = self.prep.cancel_enrichment();
                self.prep.unload();
                self.prep.read_only = true;
                self.prep.from_setup = false;
                effects.push(Effect::LoadGuide(id));
                effects
            }
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
                        self.mock.resume_saved(record, now)
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
            PrepOutcome::Effects(effects) => effects,
            // leaving the screen stops any enrichment; what was added is already saved
            PrepOutcome::Back => {
                let mut effects = self.prep.cancel_enrichment();
                if self.prep.from_setup {
                    self.screen = Screen::PrepSetup;
                    effects.push(Effect::LoadGuideList);
                } else if self.prep.read_only {
                    self.screen = Screen::History;
                    effects.push(Effect::LoadHistoryList);
                } else {
                    self.screen = Screen::Home;
                    effects.push(Effect::LoadHome);
                }
                effects
            }
            PrepOutcome::Emit(next) => {
                let mut effects = self.prep.cancel_enrichment();
                effects.extend(self.update(next, now));
                effects
            }
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
            home::HomeOutcome::Open(home::MenuEntry::Mock) => {
                self.open_mock_setup();
                vec![]
            }
            home::HomeOutcome::Open(home::MenuEntry::Prep) => self.open_prep_setup(),
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

impl AppState {
    fn open_prep_setup(&mut self) -> Vec<Effect> {
        self.screen = Screen::PrepSetup;
        self.help_open = false;
        vec![Effect::LoadGuideList]
    }

    fn update_prep_setup(&mut self, action: &Action, now: Timestamp) -> Vec<Effect> {
        match self.prep_setup.update(action, now) {
            PrepSetupOutcome::Stay => vec![],
            PrepSetupOutcome::Effects(effects) => effects,
            PrepSetupOutcome::Back => {
                self.screen = Screen::Home;
                vec![Effect::LoadHome]
            }
            PrepSetupOutcome::Build { request, input } => vec![Effect::BuildGuide {
                request,
                input,
                bank: super::shared::Shared(Arc::clone(&self.bank)),
            }],
            PrepSetupOutcome::OpenGuide(id) => {
                let mut effects = self.prep.cancel_enrichment();
                self.prep.unload();
                self.prep.read_only = true;
                self.prep.from_setup = true;
                effects.push(Effect::LoadGuide(id));
                effects
            }
        }
    }

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

/// The value after (or before) `current` in `all`, wrapping round.
fn step<T: Copy + PartialEq>(all: &[T], current: T, forward: bool) -> T {
    let i = all.iter().position(|x| *x == current).unwrap_or(0);
    let n = all.len();
    all[if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }]
}
