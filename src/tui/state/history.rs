//! History screen state: past practice sessions, mock interviews and prep guides, newest first,
//! and one in full (a guide opens on the guide screen).

use crate::interview::history::{HistoryDetail, HistoryEntry, HistoryKind};
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::shared::Shared;

/// What a history action leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryOutcome {
    /// Nothing beyond the state change.
    Stay,
    /// Run these effects.
    Effects(Vec<Effect>),
    /// Leave the screen.
    Back,
    /// Hand this action to the app (resume, partial report).
    Emit(Action),
    /// Open this saved guide on the guide screen, read-only.
    OpenGuide(crate::prep::GuideId),
}

/// The History screen.
#[derive(Debug, Clone, Default)]
pub struct HistoryState {
    /// Sessions, newest first (None until loaded).
    pub entries: Option<Vec<HistoryEntry>>,
    /// The highlighted row.
    pub selected: usize,
    /// The session shown in full.
    pub detail: Option<Shared<HistoryDetail>>,
    /// Lines scrolled in the detail.
    pub scroll: u16,
}

/// The screen row of the list's first entry (the title bar, then the list block's border).
pub const LIST_TOP_ROW: u16 = 2;

impl HistoryState {
    /// The first entry shown when `visible` rows fit: the list scrolls just enough to keep the
    /// selection in view.
    pub fn first_visible(&self, visible: usize) -> usize {
        self.selected.saturating_sub(visible.max(1) - 1)
    }

    /// How many entries fit on a terminal `height` rows tall (title, borders and footer aside).
    pub fn visible_rows(height: u16) -> usize {
        usize::from(height.saturating_sub(LIST_TOP_ROW + 2)).max(1)
    }

    /// The entry drawn at screen row `y` on a terminal `height` rows tall, as the list is scrolled.
    pub fn row_at(&self, y: u16, height: u16) -> Option<usize> {
        let visible = Self::visible_rows(height);
        let offset = usize::from(y.checked_sub(LIST_TOP_ROW)?);
        (offset < visible).then(|| self.first_visible(visible) + offset)
    }

    /// The highlighted entry.
    pub fn selected_entry(&self) -> Option<&HistoryEntry> {
        self.entries.as_ref()?.get(self.selected)
    }

    /// Applies an action to the history screen.
    pub fn update(&mut self, action: &Action) -> HistoryOutcome {
        if let Some(detail) = &self.detail {
            match action {
                Action::Back => {
                    self.detail = None;
                    self.scroll = 0;
                }
                Action::Up => self.scroll = self.scroll.saturating_sub(1),
                Action::Down => self.scroll = self.scroll.saturating_add(1),
                Action::PageUp => self.scroll = self.scroll.saturating_sub(10),
                Action::PageDown => self.scroll = self.scroll.saturating_add(10),
                Action::Top => self.scroll = 0,
                Action::ResumeMock | Action::ShowPartialReport
                    if matches!(&**detail, HistoryDetail::Mock(_)) =>
                {
                    return HistoryOutcome::Emit(action.clone());
                }
                _ => {}
            }
            return HistoryOutcome::Stay;
        }
        let n = self.entries.as_ref().map_or(0, Vec::len);
        match action {
            Action::Back => return HistoryOutcome::Back,
            Action::Up if n > 0 => self.selected = (self.selected + n - 1) % n,
            Action::Down if n > 0 => self.selected = (self.selected + 1) % n,
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = n.saturating_sub(1),
            Action::ClickRow(i) if *i < n => self.selected = *i,
            Action::Select => {
                if let Some(e) = self.selected_entry() {
                    if e.kind == HistoryKind::Guide {
                        return HistoryOutcome::OpenGuide(e.id);
                    }
                    return HistoryOutcome::Effects(vec![Effect::LoadHistoryDetail(e.id)]);
                }
            }
            _ => {}
        }
        HistoryOutcome::Stay
    }
}

#[cfg(test)]
mod click_tests {
    use super::*;

    #[test]
    fn a_click_picks_the_entry_drawn_there_once_the_list_has_scrolled() {
        let mut h = HistoryState::default();
        // a 24-row terminal shows 20 entries from row 2
        assert_eq!(HistoryState::visible_rows(24), 20);
        assert_eq!(h.row_at(2, 24), Some(0));
        assert_eq!(h.row_at(1, 24), None, "the title bar");
        assert_eq!(h.row_at(22, 24), None, "the bottom border");
        // selecting entry 30 scrolls the list: rows now start at entry 11
        h.selected = 30;
        assert_eq!(h.first_visible(20), 11);
        assert_eq!(h.row_at(2, 24), Some(11));
        assert_eq!(h.row_at(21, 24), Some(30));
    }
}
