//! Home screen state: the summary and the menu of screens that exist.

use crate::analytics::HomeSummary;
use crate::tui::action::Action;

/// A way in from the home screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuEntry {
    /// Timed practice.
    Practice,
    /// Browse the prep bank.
    Browse,
    /// Score trends, weak areas and what to practise next.
    Trends,
    /// Run a mock interview.
    Mock,
    /// Build a prep guide; the saved guides.
    Prep,
    /// Past sessions and interviews.
    History,
}

impl MenuEntry {
    /// Menu entries in order.
    pub const ALL: [Self; 6] = [
        Self::Practice,
        Self::Mock,
        Self::Browse,
        Self::Trends,
        Self::Prep,
        Self::History,
    ];

    /// The entry's label and its one-key shortcut.
    pub fn label(self) -> (&'static str, char) {
        match self {
            Self::Practice => ("Timed practice", 'p'),
            Self::Browse => ("Browse the prep bank", 'b'),
            Self::Trends => ("Trends", 't'),
            Self::Mock => ("Mock interview", 'm'),
            Self::Prep => ("Prep guide", 'g'),
            Self::History => ("History", 'h'),
        }
    }

    /// One line on what it is for; short enough to fit an 80-column terminal.
    pub fn blurb(self) -> &'static str {
        match self {
            Self::Practice => {
                "answer against the clock; every answer scored at once, with feedback"
            }
            Self::Browse => {
                "filter and search questions; guidance, talking points, example answers"
            }
            Self::Trends => "scores over time, streaks, weak areas and what to practise next",
            Self::Mock => "a persona asks, probes what you missed, takes your questions, reports",
            Self::Prep => "a guide from a job description and your resume; your saved guides",
            Self::History => "past sessions, interviews and guides; reopen or resume one",
        }
    }
}

/// The longest blurb that fits beside the menu's indent in 80 columns.
pub const MAX_BLURB_CHARS: usize = 70;

/// What a home action leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeOutcome {
    /// Nothing beyond the state change.
    Stay,
    /// Leave the app.
    Quit,
    /// Open a screen.
    Open(MenuEntry),
}

/// Home screen state.
#[derive(Debug, Clone, Default)]
pub struct HomeState {
    /// The loaded summary, once the store answered.
    pub summary: Option<HomeSummary>,
    /// The highlighted menu entry.
    pub selected: usize,
}

impl HomeState {
    /// Applies an action to the home screen.
    pub fn update(&mut self, action: &Action) -> HomeOutcome {
        let n = MenuEntry::ALL.len();
        match action {
            Action::Up => self.selected = (self.selected + n - 1) % n,
            Action::Down => self.selected = (self.selected + 1) % n,
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = n - 1,
            Action::ClickRow(i) if *i < n => {
                self.selected = *i;
                return HomeOutcome::Open(MenuEntry::ALL[*i]);
            }
            Action::Select => return HomeOutcome::Open(MenuEntry::ALL[self.selected]),
            Action::OpenBrowse => return HomeOutcome::Open(MenuEntry::Browse),
            Action::OpenTrends => return HomeOutcome::Open(MenuEntry::Trends),
            Action::OpenPrepSetup => return HomeOutcome::Open(MenuEntry::Prep),
            Action::Back => return HomeOutcome::Quit,
            _ => {}
        }
        HomeOutcome::Stay
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_blurb_fits_an_80_column_terminal() {
        for entry in MenuEntry::ALL {
            let blurb = entry.blurb();
            assert!(
                blurb.chars().count() <= MAX_BLURB_CHARS,
                "{entry:?}: {} chars",
                blurb.chars().count()
            );
        }
    }
}
