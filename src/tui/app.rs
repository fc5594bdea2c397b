//! The app: owns the state and the terminal side; one `select!` loop over input, effect results
//! and ticks; redraws only when something changed, at most ~60 frames a second.

use super::action::{Action, Screen};
use super::effects::EffectRunner;
use super::event::{self, Event};
use super::keymap::{KeyContext, Keymap};
use super::state::AppState;
use super::ui::{self, theme::Theme};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEventKind};
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::time::{Duration, Instant};
use tokio::sync::mpsc::{self, UnboundedReceiver};

/// The shortest time between two frames.
const FRAME: Duration = Duration::from_millis(16);
/// How often the tick fires.
const TICK: Duration = Duration::from_millis(250);
/// The longest the app waits, after the user quits, for its last saves to land.
const QUIT_GRACE: Duration = Duration::from_secs(3);

/// The running app.
pub struct App {
    /// Everything the views read.
    pub state: AppState,
    keymap: Keymap,
    theme: Theme,
    runner: EffectRunner,
    actions: UnboundedReceiver<Action>,
    dirty: bool,
}

impl App {
    /// An app over `state`; effect results come back on `actions`.
    pub fn new(
        state: AppState,
        keymap: Keymap,
        theme: Theme,
        runner: EffectRunner,
        actions: UnboundedReceiver<Action>,
    ) -> Self {
        Self {
            state,
            keymap,
            theme,
            runner,
            actions,
            dirty: true,
        }
    }

    /// Runs the start-up effects.
    pub fn start(&mut self) {
        for effect in AppState::init() {
            self.runner.run(effect);
        }
        self.runner
            .run(super::effect::Effect::PrepareScorer(super::shared::Shared(
                std::sync::Arc::clone(&self.state.bank),
            )));
    }

    /// Applies an action now and starts its effects.
    pub fn dispatch(&mut self, action: Action) {
        let is_tick = action == Action::Tick;
        let had_status = self.state.status.is_some();
        let effects = self.state.update(action, Timestamp::now());
        for effect in effects {
            self.runner.run(effect);
        }
        // a tick changes nothing visible unless it cleared the status line or a clock runs
        let countdown = self.state.screen == Screen::Practice && self.state.practice.ticking();
        let timer_visible = self.state.screen == Screen::MockInterview;
        if !is_tick || countdown || timer_visible || had_status != self.state.status.is_some() {
            self.dirty = true;
        }
    }

    /// Turns a terminal event into an action, if it means one.
    pub fn map_event(&self, event: &Event) -> Option<Action> {
        match event {
            Event::Key(key) => self.map_key(key),
            Event::Mouse(m) => match m.kind {
                MouseEventKind::ScrollUp => Some(Action::Up),
                MouseEventKind::ScrollDown => Some(Action::Down),
                MouseEventKind::Down(MouseButton::Left) => self.click(m.row),
                _ => None,
            },
            Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
            Event::Tick => Some(Action::Tick),
            Event::Error(e) => Some(Action::EffectFailed(format!("terminal input error: {e}"))),
        }
    }

    fn map_key(&self, key: &KeyEvent) -> Option<Action> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && key.code == KeyCode::Char('c') {
            return Some(Action::Quit);
        }
        if self.state.help_open {
            // any of the usual "close" keys closes the overlay instead of acting underneath it
            return matches!(
                key.code,
                KeyCode::Esc | KeyCode::Char('q' | '?') | KeyCode::F(1)
            )
            .then_some(Action::ToggleHelp);
        }
        if self.state.screen == Screen::MockInterview && self.state.mock.editor_focused() {
            // the answer editor takes every key but these
            return match key.code {
                KeyCode::Char('s') if ctrl => Some(Action::SubmitAnswer),
                KeyCode::Esc => Some(Action::BlurEditor),
                KeyCode::F(1) => Some(Action::ToggleHelp),
                _ => Some(Action::EditorKey(*key)),
            };
        }
        let typing =
            matches!(self.state.screen, Screen::BrowseList) && self.state.browse.input.is_some();
        if typing && !self.state.help_open {
            return match key.code {
                KeyCode::Char(c) if !ctrl => Some(Action::InputChar(c)),
                KeyCode::Backspace => Some(Action::InputBackspace),
                KeyCode::Enter => Some(Action::InputSubmit),
                KeyCode::Esc => Some(Action::InputCancel),
                KeyCode::Up => Some(Action::Up),
                KeyCode::Down => Some(Action::Down),
                _ => None,
            };
        }
        if self.state.screen == Screen::PrepSetup && self.state.prep_setup.typing() {
            // on a text field characters and Backspace type; other keys act through the keymap
            let alt = key.modifiers.contains(KeyModifiers::ALT);
            match key.code {
                KeyCode::Char(c) if !ctrl && !alt => return Some(Action::InputChar(c)),
                KeyCode::Backspace => return Some(Action::InputBackspace),
                _ => {}
            }
        }
        let context = KeyContext::of_state(&self.state);
        if context == KeyContext::PracticeRun {
            // bound keys (submit, skip, pause, help) act; everything else is typing
            return self
                .keymap
                .action(context, key)
                .or(Some(Action::EditorKey(*key)));
        }
        self.keymap.action(context, key)
    }

    fn click(&self, row: u16) -> Option<Action> {
        match self.state.screen {
            Screen::Home => {
                // each entry is two rows: its name, then its description
                let offset = row.checked_sub(ui::home::MENU_TOP_ROW)?;
                Some(Action::ClickRow(usize::from(offset / 2)))
            }
            Screen::BrowseList => self.state.browse.row_at(row).map(Action::ClickRow),
            Screen::History if self.state.history.detail.is_none() => self
                .state
                .history
                .row_at(row, self.state.size.1)
                .map(Action::ClickRow),
            Screen::BrowseDetail
            | Screen::PrepGuide
            | Screen::PrepSetup
            | Screen::Practice
            | Screen::Trends
            | Screen::MockSetup
            | Screen::MockInterview
            | Screen::MockReport
            | Screen::History => None,
        }
    }

    /// Handles one terminal event.
    pub fn handle_event(&mut self, event: &Event) {
        if let Some(action) = self.map_event(event) {
            self.dispatch(action);
        }
    }

    /// Types a key (for scripted tests and the PTY-less harness).
    pub fn press(&mut self, code: KeyCode) {
        self.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    /// Types each character of `text`.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    /// Waits until every started effect has reported back (or `limit` passes), applying results.
    pub async fn settle(&mut self, limit: Duration) {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            while let Ok(action) = self.actions.try_recv() {
                self.dispatch(action);
            }
            if self.runner.in_flight() == 0 && self.actions.is_empty() {
                return;
            }
            if tokio::time::Instant::now() >= deadline {
                return;
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }

    /// Draws a frame if anything changed since the last one.
    pub fn draw<B: Backend>(&mut self, terminal: &mut Terminal<B>) -> Result<(), B::Error> {
        if self.dirty {
            let mut max_scroll = None;
            terminal.draw(|f| {
                max_scroll = ui::render_frame(f, &self.state, &self.keymap, &self.theme);
            })?;
            self.dirty = false;
            // scrolled past the end (the state cannot know how the text wraps): bring it back
            if let Some(max) = max_scroll
                && self.state.scroll().is_some_and(|s| s > max)
            {
                self.dispatch(Action::ClampScroll(max));
            }
        }
        Ok(())
    }

    /// Runs until the user quits.
    pub async fn run<B: Backend>(&mut self, terminal: &mut Terminal<B>) -> anyhow::Result<()>
    where
        B::Error: Send + Sync + 'static,
    {
        let (tx, mut events) = mpsc::unbounded_channel();
        let input = event::spawn(tx, TICK);
        self.start();
        let mut last_frame = Instant::now()
            .checked_sub(FRAME)
            .unwrap_or_else(Instant::now);
        while !self.state.should_quit {
            if self.dirty {
                let wait = FRAME.saturating_sub(last_frame.elapsed());
                if wait.is_zero() {
                    self.draw(terminal)?;
                    last_frame = Instant::now();
                }
            }
            let frame_due = tokio::time::sleep(FRAME.saturating_sub(last_frame.elapsed()));
            tokio::select! {
                Some(event) = events.recv() => self.handle_event(&event),
                Some(action) = self.actions.recv() => self.dispatch(action),
                () = frame_due, if self.dirty => {}
            }
        }
        input.abort();
        // let the saves asked for on the way out land before the store closes
        self.settle(QUIT_GRACE).await;
        Ok(())
    }
}
