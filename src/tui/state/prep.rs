//! Prep guide screen state: the loaded guide, its sections as Markdown, the selected section
//! and the scroll offset; a pure `update` that maps keys to navigation or to actions for the app
//! ("practise the predicted questions", "mock this stage", export to a file). LLM enrichment is in
//! `prep_enrich`.

use super::prep_enrich::{EnrichNotice, EnrichProgress};
use crate::prep::markdown::section_markdown;
use crate::prep::{Guide, SectionKind};
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::shared::Shared;

/// What a prep-screen action leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum PrepOutcome {
    /// Nothing beyond the state change.
    Stay,
    /// Leave the screen.
    Back,
    /// Hand this action to the app (practice, mock).
    Emit(Action),
    /// Run these effects.
    Effects(Vec<Effect>),
}

/// The prep guide screen.
#[derive(Debug, Clone, Default)]
pub struct PrepState {
    /// The guide on screen.
    pub guide: Option<Box<Guide>>,
    /// Each section with its Markdown, in reading order.
    pub sections: Vec<(SectionKind, String)>,
    /// The selected section.
    pub selected: usize,
    /// Lines scrolled past in the selected section.
    pub scroll: u16,
    /// Rows of text visible at once (for paging).
    page: u16,
    /// The configured LLM's model; `None` keeps guides offline.
    pub llm_model: Option<String>,
    /// The LLM section being written, while enrichment runs.
    pub enriching: Option<EnrichProgress>,
    /// The last word on enrichment (done, skipped and why), shown above the section.
    pub notice: Option<EnrichNotice>,
    /// Enrich as soon as the guide being loaded arrives.
    pub pending_enrich: bool,
    /// Opened from History: a saved guide to read (Back returns to History; no enrichment).
    pub read_only: bool,
    /// Opened from the prep guide form (built there, or one of its saved guides): Back returns to it.
    pub from_setup: bool,
    /// The last request id handed out.
    pub(super) last_request: u64,
}

impl PrepState {
    /// An empty screen for a terminal of `size`.
    pub fn new(size: (u16, u16)) -> Self {
        let mut s = Self::default();
        s.resize(size);
        s
    }

    /// Adapts paging to a new terminal size.
    pub fn resize(&mut self, size: (u16, u16)) {
        // title, footer and the content block's borders
        self.page = size.1.saturating_sub(4).max(1);
    }

    /// Shows `guide` from its first section.
    pub fn load(&mut self, guide: Guide) {
        self.notice = guide
            .enrichment_note
            .clone()
            .map(|text| EnrichNotice { text, error: true });
        self.guide = Some(Box::new(guide));
        self.enriching = None;
        self.selected = 0;
        self.scroll = 0;
        self.refresh();
    }

    /// Forgets the guide on screen (another one is being loaded).
    pub fn unload(&mut self) {
        self.guide = None;
        self.sections.clear();
        self.notice = None;
        self.selected = 0;
        self.scroll = 0;
    }

    /// Rebuilds each section's Markdown from the guide, keeping the place on screen.
    pub(super) fn refresh(&mut self) {
        let Some(guide) = self.guide.as_deref() else {
            self.sections.clear();
            return;
        };
        self.sections = guide
            .sections()
            .into_iter()
            .map(|k| (k, section_markdown(guide, k)))
            .collect();
        self.selected = self.selected.min(self.sections.len().saturating_sub(1));
    }

    /// The Markdown of the selected section.
    pub fn current(&self) -> Option<&(SectionKind, String)> {
        self.sections.get(self.selected)
    }

    fn select(&mut self, index: usize) {
        if index < self.sections.len() {
            self.selected = index;
            self.scroll = 0;
        }
    }

    /// Applies an action to the prep screen.
    pub fn update(&mut self, action: &Action) -> PrepOutcome {
        let n = self.sections.len();
        match action {
            Action::Back => return PrepOutcome::Back,
            Action::EnrichGuide => return PrepOutcome::Effects(self.start_enrichment()),
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            // how far a section can scroll depends on how it wraps: the app brings a scroll past
            // the end back after the frame (`Action::ClampScroll`)
            Action::Down => self.scroll = self.scroll.saturating_add(1),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(self.page),
            Action::PageDown => self.scroll = self.scroll.saturating_add(self.page),
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = u16::MAX,
            Action::NextSection if n > 0 => self.select((self.selected + 1) % n),
            Action::PrevSection if n > 0 => self.select((self.selected + n - 1) % n),
            Action::ClickRow(i) => self.select(*i),
            Action::PractisePredicted => {
                if let Some(g) = &self.guide {
                    return PrepOutcome::Emit(Action::StartPracticeWith(g.predicted_ids()));
                }
            }
            Action::ExportGuide(format) => {
                if let Some(g) = &self.guide {
                    return PrepOutcome::Effects(vec![Effect::ExportGuide {
                        guide: Shared::new((**g).clone()),
                        format: *format,
                    }]);
                }
            }
            Action::MockThisStage => {
                if let Some(g) = &self.guide {
                    return PrepOutcome::Emit(Action::StartMock {
                        stage: g.stage,
                        persona: g.mock_persona.clone(),
                    });
                }
            }
            _ => {}
        }
        PrepOutcome::Stay
    }
}
