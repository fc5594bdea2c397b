//! Read-only views: one per screen, plus the help overlay and the too-small message.

pub mod browse;
pub mod help;
pub mod history;
pub mod home;
pub mod mock;
pub mod practice;
pub mod prep;
pub mod prep_setup;
pub mod theme;
pub mod trends;
pub mod widgets;

use super::action::Screen;
use super::keymap::Keymap;
use super::state::AppState;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::{Paragraph, Wrap};
use theme::Theme;

/// The smallest terminal the layouts support.
pub const MIN_SIZE: (u16, u16) = (60, 16);

/// Draws the whole app for `state`.
pub fn render(frame: &mut Frame<'_>, state: &AppState, keymap: &Keymap, theme: &Theme) {
    let _ = render_frame(frame, state, keymap, theme);
}

/// Draws the whole app for `state`; returns how far the screen's scrolling body can scroll, if
/// it has one (the app uses it to keep the scroll within reach: see `Action::ClampScroll`).
pub fn render_frame(
    frame: &mut Frame<'_>,
    state: &AppState,
    keymap: &Keymap,
    theme: &Theme,
) -> Option<u16> {
    let area = frame.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        render_too_small(frame, area, theme);
        return None;
    }
    let max_scroll = match state.screen {
        Screen::BrowseDetail => browse::render_detail(frame, area, state, theme),
        Screen::Practice => practice::render(frame, area, state, theme),
        Screen::MockReport => mock::render_report(frame, area, state, theme),
        Screen::History => history::render(frame, area, state, theme),
        Screen::Home => {
            home::render(frame, area, state, theme);
            None
        }
        Screen::BrowseList => {
            browse::render_list(frame, area, state, theme);
            None
        }
        Screen::PrepGuide => prep::render(frame, area, state, theme),
        Screen::PrepSetup => {
            prep_setup::render(frame, area, state, theme);
            None
        }
        Screen::Trends => {
            trends::render(frame, area, state, theme);
            None
        }
        Screen::MockSetup => {
            mock::render_setup(frame, area, state, theme);
            None
        }
        Screen::MockInterview => {
            mock::render_interview(frame, area, state, theme);
            None
        }
    };
    if state.help_open {
        help::render(
            frame,
            area,
            &keymap.help(super::keymap::KeyContext::of_state(state)),
            theme,
        );
    }
    max_scroll
}

fn render_too_small(frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    let text = format!(
        "terminal too small (need {}×{}, have {}×{})\nenlarge the window, or press Ctrl-C to quit",
        MIN_SIZE.0, MIN_SIZE.1, area.width, area.height
    );
    let y = area.height / 2;
    let rect = Rect::new(
        area.x,
        area.y + y.saturating_sub(1),
        area.width,
        2.min(area.height),
    );
    frame.render_widget(
        Paragraph::new(text)
            .style(theme.warn)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        rect,
    );
}
