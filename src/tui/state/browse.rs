//! Browse state: filters, fuzzy search, ranked list, selection, stars, and the detail view.

use crate::bank::search::SearchIndex;
use crate::bank::{Bank, QuestionFilter};
use crate::domain::{Difficulty, Question, QuestionKind, Role};
use crate::tui::action::{Action, PastScore, Screen};
use crate::tui::effect::Effect;
use jiff::Timestamp;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Rows the browse list loses to the title, filter bar, search line and footer.
pub const LIST_CHROME_ROWS: u16 = 4;
/// The first terminal row of the list.
pub const LIST_TOP_ROW: u16 = 3;
/// Search results that get match highlights computed.
const HIGHLIGHTED_HITS: usize = 300;

/// Which text input is active.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Fuzzy search.
    Search,
    /// Tag filter.
    Tag,
}

/// An active text input and what it held before, to restore on cancel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Which input.
    pub kind: InputKind,
    /// What was there before editing began.
    pub previous: String,
}

/// Browse screen state.
#[allow(clippy::struct_excessive_bools)] // independent toggles, each shown on screen
pub struct BrowseState {
    bank: Arc<Bank>,
    index: SearchIndex,
    /// Filters in force.
    pub filter: QuestionFilter,
    /// Only starred questions.
    pub starred_only: bool,
    /// The fuzzy search text.
    pub query: String,
    /// The tag filter being typed (mirrors `filter.tag`).
    pub tag_text: String,
    /// The input being typed, if any.
    pub input: Option<Input>,
    /// Indices into the bank's questions, in display order.
    pub visible: Vec<usize>,
    /// Matched prompt character positions per question index (search results only).
    pub highlights: HashMap<usize, Vec<usize>>,
    /// Selected row in `visible`.
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
    /// Rows the list can show.
    pub page_rows: usize,
    /// Starred question ids.
    pub starred: HashSet<String>,
    /// Whether the example answer is revealed in the detail view.
    pub show_example: bool,
    /// Whether example answers start hidden until attempted.
    pub hide_examples: bool,
    /// Detail view scroll, in lines.
    pub detail_scroll: u16,
    /// Past scores of the question in the detail view.
    pub history: Option<(String, Vec<PastScore>)>,
    message: Option<String>,
    open_requested: bool,
}

impl std::fmt::Debug for BrowseState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BrowseState")
            .field("filter", &self.filter)
            .field("query", &self.query)
            .field("visible", &self.visible.len())
            .field("selected", &self.selected)
            .finish_non_exhaustive()
    }
}

fn cycle<T: Copy + PartialEq>(all: &[T], current: Option<T>) -> Option<T> {
    match current {
        None => all.first().copied(),
        Some(c) => {
            let i = all.iter().position(|x| *x == c).unwrap_or(all.len());
            all.get(i + 1).copied()
        }
    }
}

impl BrowseState {
    /// A browse state over `bank`, sized for a terminal of `size`.
    pub fn new(bank: Arc<Bank>, hide_examples: bool, size: (u16, u16)) -> Self {
        let index = SearchIndex::new(bank.questions());
        let mut s = Self {
            bank,
            index,
            filter: QuestionFilter::default(),
            starred_only: false,
            query: String::new(),
            tag_text: String::new(),
            input: None,
            visible: Vec::new(),
            highlights: HashMap::new(),
            selected: 0,
            offset: 0,
            page_rows: 1,
            starred: HashSet::new(),
            show_example: !hide_examples,
            hide_examples,
            detail_scroll: 0,
            history: None,
            message: None,
            open_requested: false,
        };
        s.resize(size);
        s.refresh();
        s
    }

    /// The bank being browsed.
    pub fn bank(&self) -> &Bank {
        &self.bank
    }

    /// The selected question, if the list is not empty.
    pub fn selected_question(&self) -> Option<&Question> {
        self.visible
            .get(self.selected)
            .map(|&i| &self.bank.questions()[i])
    }

    /// Adapts paging to a new terminal size.
    pub fn resize(&mut self, size: (u16, u16)) {
        self.page_rows = usize::from(size.1.saturating_sub(LIST_CHROME_ROWS)).max(1);
        self.keep_selection_visible();
    }

    /// Replaces the starred set.
    pub fn set_starred(&mut self, ids: Vec<String>) {
        self.starred = ids.into_iter().collect();
        if self.starred_only {
            self.refresh();
        }
    }

    /// A one-off message for the status line.
    pub fn take_message(&mut self) -> Option<String> {
        self.message.take()
    }

    /// Which list row a click at terminal row `y` lands on, if any.
    pub fn row_at(&self, y: u16) -> Option<usize> {
        let top = LIST_TOP_ROW;
        if y < top {
            return None;
        }
        let row = self.offset + usize::from(y - top);
        (row < self.visible.len() && usize::from(y - top) < self.page_rows).then_some(row)
    }

    /// Recomputes the visible list from the filters and the search, keeping the selection
    /// on the same question when it is still visible.
    pub fn refresh(&mut self) {
        let keep = self.visible.get(self.selected).copied();
        let questions = self.bank.questions();
        let pass = |i: usize| {
            let q = &questions[i];
            self.filter.matches(q) && (!self.starred_only || self.starred.contains(&q.id))
        };
        self.highlights.clear();
        if self.query.trim().is_empty() {
            self.visible = (0..questions.len()).filter(|&i| pass(i)).collect();
        } else {
            let hits = self.index.search(&self.query);
            self.visible = hits.iter().map(|h| h.index).filter(|&i| pass(i)).collect();
            for &i in self.visible.iter().take(HIGHLIGHTED_HITS) {
                let h = self.index.prompt_highlights(&self.query, i);
                self.highlights.insert(i, h);
            }
        }
        self.selected = keep
            .and_then(|k| self.visible.iter().position(|&i| i == k))
            .unwrap_or(0);
        if self.query.trim().is_empty() {
            self.keep_selection_visible();
        } else {
            // a new search shows the best match at the top
            self.selected = 0;
            self.offset = 0;
        }
    }

    fn keep_selection_visible(&mut self) {
        let len = self.visible.len();
        if len == 0 {
            self.selected = 0;
            self.offset = 0;
            return;
        }
        self.selected = self.selected.min(len - 1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + self.page_rows {
            self.offset = self.selected + 1 - self.page_rows;
        }
        self.offset = self.offset.min(len.saturating_sub(self.page_rows));
    }

    fn move_by(&mut self, delta: isize) {
        let len = self.visible.len();
        if len == 0 {
            return;
        }
        let last = isize::try_from(len - 1).unwrap_or(isize::MAX);
        let cur = isize::try_from(self.selected).unwrap_or(0);
        self.selected = usize::try_from((cur + delta).clamp(0, last)).unwrap_or(0);
        self.keep_selection_visible();
    }

    fn page(&self) -> isize {
        isize::try_from(self.page_rows.max(1)).unwrap_or(1)
    }

    fn open_detail(&mut self) -> (Vec<Effect>, Screen) {
        let Some(q) = self.selected_question() else {
            return (vec![], Screen::BrowseList);
        };
        let id = q.id.clone();
        self.detail_scroll = 0;
        self.show_example = !self.hide_examples;
        self.history = None;
        (vec![Effect::LoadHistory(id)], Screen::BrowseDetail)
    }

    fn toggle_star(&mut self, screen: Screen) -> Vec<Effect> {
        let Some(id) = self.selected_question().map(|q| q.id.clone()) else {
            return vec![];
        };
        let starred = !self.starred.contains(&id);
        if starred {
            self.starred.insert(id.clone());
        } else {
            self.starred.remove(&id);
        }
        self.message = Some(if starred { "starred" } else { "unstarred" }.to_string());
        // the detail keeps showing its question; the list drops it when the detail closes
        if self.starred_only && screen == Screen::BrowseList {
            self.refresh();
        }
        vec![Effect::SetStarred {
            question_id: id,
            starred,
        }]
    }

    fn input_text(&mut self, kind: InputKind) -> &mut String {
        match kind {
            InputKind::Search => &mut self.query,
            InputKind::Tag => &mut self.tag_text,
        }
    }

    fn apply_tag(&mut self) {
        let t = self.tag_text.trim();
        self.filter.tag = (!t.is_empty()).then(|| t.to_string());
    }

    fn update_input(&mut self, input: &Input, action: &Action) -> bool {
        match action {
            Action::InputChar(c) => self.input_text(input.kind).push(*c),
            Action::InputBackspace => {
                self.input_text(input.kind).pop();
            }
            Action::InputSubmit => {
                self.input = None;
                if input.kind == InputKind::Search && !self.visible.is_empty() {
                    self.open_requested = true;
                }
            }
            Action::InputCancel => {
                self.input_text(input.kind).clone_from(&input.previous);
                self.input = None;
            }
            _ => return false,
        }
        if input.kind == InputKind::Tag {
            self.apply_tag();
        }
        self.refresh();
        true
    }

    /// Applies an action on the list or detail screen; returns effects and the next screen.
    pub fn update(
        &mut self,
        action: Action,
        screen: Screen,
        _now: Timestamp,
    ) -> (Vec<Effect>, Screen) {
        if let Some(input) = self.input.clone()
            && self.update_input(&input, &action)
        {
            if std::mem::take(&mut self.open_requested) {
                return self.open_detail();
            }
            return (vec![], screen);
        }
        if screen == Screen::BrowseDetail {
            return self.update_detail(action);
        }
        match action {
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-self.page()),
            Action::PageDown => self.move_by(self.page()),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::ClickRow(row) if row < self.visible.len() => {
                if row == self.selected {
                    return self.open_detail();
                }
                self.selected = row;
                self.keep_selection_visible();
            }
            Action::Select => return self.open_detail(),
            Action::Back => return (vec![], Screen::Home),
            Action::StartSearch => {
                self.input = Some(Input {
                    kind: InputKind::Search,
                    previous: self.query.clone(),
                });
            }
            Action::StartTagFilter => {
                self.input = Some(Input {
                    kind: InputKind::Tag,
                    previous: self.tag_text.clone(),
                });
            }
            Action::CycleKind => {
                self.filter.kind = cycle(&QuestionKind::ALL, self.filter.kind);
                self.refresh();
            }
            Action::CycleRole => {
                self.filter.role = cycle(&Role::ALL[1..], self.filter.role);
                self.refresh();
            }
            Action::CycleDifficulty => {
                self.filter.difficulty = cycle(&Difficulty::ALL, self.filter.difficulty);
                self.refresh();
            }
            Action::ToggleStarredOnly => {
                self.starred_only = !self.starred_only;
                self.refresh();
            }
            Action::ClearFilters => {
                self.filter = QuestionFilter::default();
                self.starred_only = false;
                self.query.clear();
                self.tag_text.clear();
                self.refresh();
            }
            Action::ToggleStar => return (self.toggle_star(screen), screen),
            Action::ApplyFilters { kind, role, search } => {
                self.filter.kind = kind;
                self.filter.role = role;
                self.query = search.unwrap_or_default();
                self.refresh();
            }
            _ => {}
        }
        (vec![], Screen::BrowseList)
    }

    fn update_detail(&mut self, action: Action) -> (Vec<Effect>, Screen) {
        match action {
            Action::Up => self.detail_scroll = self.detail_scroll.saturating_sub(1),
            Action::Down => self.detail_scroll = self.detail_scroll.saturating_add(1),
            Action::PageUp => self.detail_scroll = self.detail_scroll.saturating_sub(10),
            Action::PageDown => self.detail_scroll = self.detail_scroll.saturating_add(10),
            Action::Top => self.detail_scroll = 0,
            Action::ToggleExample => self.show_example = !self.show_example,
            Action::ToggleStar => {
                return (self.toggle_star(Screen::BrowseDetail), Screen::BrowseDetail);
            }
            Action::Back => {
                if self.starred_only {
                    self.refresh();
                }
                return (vec![], Screen::BrowseList);
            }
            Action::HistoryLoaded {
                question_id,
                scores,
            } => {
                let attempted = !scores.is_empty();
                let current = self
                    .selected_question()
                    .is_some_and(|q| q.id == question_id);
                if current {
                    if attempted && self.hide_examples {
                        self.show_example = true;
                    }
                    self.history = Some((question_id, scores));
                }
            }
            _ => {}
        }
        (vec![], Screen::BrowseDetail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::TalkingPoint;

    fn q(
        id: &str,
        kind: QuestionKind,
        role: Role,
        difficulty: Difficulty,
        prompt: &str,
        tags: &[&str],
    ) -> Question {
        Question {
            id: id.into(),
            kind,
            category: "cat".into(),
            roles: vec![role],
            difficulty,
            time_limit_secs: None,
            prompt: prompt.into(),
            guidance: String::new(),
            talking_points: vec![TalkingPoint {
                point: "p".into(),
                evidence: vec!["e".into()],
            }],
            example_answer: "An example.".into(),
            follow_ups: vec![],
            tags: tags.iter().map(|t| (*t).to_string()).collect(),
            stages: vec![],
        }
    }

    fn state() -> BrowseState {
        let bank = Bank::from_parts(
            vec![
                q(
                    "a",
                    QuestionKind::Behavioral,
                    Role::Any,
                    Difficulty::Easy,
                    "Tell me about a conflict with a peer",
                    &["conflict"],
                ),
                q(
                    "b",
                    QuestionKind::Technical,
                    Role::SoftwareEngineer,
                    Difficulty::Hard,
                    "Explain database isolation levels",
                    &["databases"],
                ),
                q(
                    "c",
                    QuestionKind::Technical,
                    Role::DataScientist,
                    Difficulty::Medium,
                    "Explain the bias variance trade-off",
                    &["ml"],
                ),
                q(
                    "d",
                    QuestionKind::Behavioral,
                    Role::Any,
                    Difficulty::Hard,
                    "Describe a failure you learned from",
                    &["failure", "conflict"],
                ),
            ],
            vec![],
        );
        BrowseState::new(Arc::new(bank), false, (80, 10))
    }

    fn now() -> Timestamp {
        Timestamp::UNIX_EPOCH
    }

    fn ids(s: &BrowseState) -> Vec<&str> {
        s.visible
            .iter()
            .map(|&i| s.bank().questions()[i].id.as_str())
            .collect()
    }

    #[test]
    fn kind_role_and_difficulty_filters_cycle_and_combine() {
        let mut s = state();
        assert_eq!(ids(&s), ["a", "b", "c", "d"]);
        s.update(Action::CycleKind, Screen::BrowseList, now());
        assert_eq!(s.filter.kind, Some(QuestionKind::Behavioral));
        assert_eq!(ids(&s), ["a", "d"]);
        s.update(Action::CycleDifficulty, Screen::BrowseList, now());
        assert_eq!(ids(&s), ["a"]);
        s.update(Action::ClearFilters, Screen::BrowseList, now());
        s.update(Action::CycleRole, Screen::BrowseList, now());
        assert_eq!(s.filter.role, Some(Role::SoftwareEngineer));
        assert_eq!(ids(&s), ["a", "b", "d"], "`any` questions fit every role");
    }

    #[test]
    fn tag_filter_is_typed_and_cancel_restores_it() {
        let mut s = state();
        s.update(Action::StartTagFilter, Screen::BrowseList, now());
        for c in "conflict".chars() {
            s.update(Action::InputChar(c), Screen::BrowseList, now());
        }
        assert_eq!(ids(&s), ["a", "d"]);
        s.update(Action::InputSubmit, Screen::BrowseList, now());
        assert!(s.input.is_none());
        s.update(Action::StartTagFilter, Screen::BrowseList, now());
        s.update(Action::InputBackspace, Screen::BrowseList, now());
        s.update(Action::InputCancel, Screen::BrowseList, now());
        assert_eq!(s.filter.tag.as_deref(), Some("conflict"));
    }

    #[test]
    fn search_ranks_best_match_first_and_enter_opens_it() {
        let mut s = state();
        s.update(Action::StartSearch, Screen::BrowseList, now());
        for c in "isolation".chars() {
            s.update(Action::InputChar(c), Screen::BrowseList, now());
        }
        assert_eq!(ids(&s)[0], "b");
        assert!(!s.highlights[&1].is_empty());
        let (effects, screen) = s.update(Action::InputSubmit, Screen::BrowseList, now());
        assert_eq!(screen, Screen::BrowseDetail);
        assert_eq!(effects, vec![Effect::LoadHistory("b".into())]);
        // Esc on the search input restores the previous query
        let mut s = state();
        s.update(Action::StartSearch, Screen::BrowseList, now());
        s.update(Action::InputChar('x'), Screen::BrowseList, now());
        s.update(Action::InputCancel, Screen::BrowseList, now());
        assert_eq!(s.query, "");
        assert_eq!(ids(&s).len(), 4);
    }

    #[test]
    fn selection_moves_within_bounds_and_scrolls() {
        let mut s = state();
        s.resize((80, 6)); // two list rows
        assert_eq!(s.page_rows, 2);
        s.update(Action::Up, Screen::BrowseList, now());
        assert_eq!(s.selected, 0);
        s.update(Action::Bottom, Screen::BrowseList, now());
        assert_eq!((s.selected, s.offset), (3, 2));
        s.update(Action::PageUp, Screen::BrowseList, now());
        assert_eq!((s.selected, s.offset), (1, 1));
        s.update(Action::Top, Screen::BrowseList, now());
        assert_eq!((s.selected, s.offset), (0, 0));
        assert_eq!(s.row_at(LIST_TOP_ROW + 1), Some(1));
        assert_eq!(s.row_at(LIST_TOP_ROW + 5), None);
    }

    #[test]
    fn star_toggles_and_emits_a_persist_effect() {
        let mut s = state();
        let (effects, _) = s.update(Action::ToggleStar, Screen::BrowseList, now());
        assert_eq!(
            effects,
            vec![Effect::SetStarred {
                question_id: "a".into(),
                starred: true
            }]
        );
        assert!(s.starred.contains("a"));
        s.update(Action::ToggleStarredOnly, Screen::BrowseList, now());
        assert_eq!(ids(&s), ["a"]);
        let (effects, _) = s.update(Action::ToggleStar, Screen::BrowseList, now());
        assert_eq!(
            effects,
            vec![Effect::SetStarred {
                question_id: "a".into(),
                starred: false
            }]
        );
        assert!(ids(&s).is_empty());
    }

    #[test]
    fn unstarring_in_the_detail_of_the_starred_list_keeps_the_question_on_screen() {
        let mut s = state();
        s.update(Action::Down, Screen::BrowseList, now());
        s.update(Action::ToggleStar, Screen::BrowseList, now()); // b
        s.update(Action::Down, Screen::BrowseList, now());
        s.update(Action::ToggleStar, Screen::BrowseList, now()); // c
        s.update(Action::ToggleStarredOnly, Screen::BrowseList, now());
        assert_eq!(ids(&s), ["b", "c"]);
        s.update(Action::Bottom, Screen::BrowseList, now());
        let (_, screen) = s.update(Action::Select, Screen::BrowseList, now());
        assert_eq!(screen, Screen::BrowseDetail);
        s.update(Action::ToggleStar, Screen::BrowseDetail, now());
        assert_eq!(
            s.selected_question().map(|q| q.id.as_str()),
            Some("c"),
            "the detail still shows the question just unstarred"
        );
        // and it can be starred again from there
        s.update(Action::ToggleStar, Screen::BrowseDetail, now());
        assert!(s.starred.contains("c"));
        s.update(Action::ToggleStar, Screen::BrowseDetail, now());
        let (_, screen) = s.update(Action::Back, Screen::BrowseDetail, now());
        assert_eq!(screen, Screen::BrowseList);
        assert_eq!(
            ids(&s),
            ["b"],
            "back on the list, the unstarred question is gone"
        );
    }

    #[test]
    fn hidden_example_is_revealed_once_the_question_was_attempted() {
        let bank = state().bank;
        let mut s = BrowseState::new(bank, true, (80, 24));
        s.update(Action::Select, Screen::BrowseList, now());
        assert!(!s.show_example);
        s.update(
            Action::HistoryLoaded {
                question_id: "a".into(),
                scores: vec![PastScore {
                    at: now(),
                    total: 60,
                }],
            },
            Screen::BrowseDetail,
            now(),
        );
        assert!(s.show_example);
        let (_, screen) = s.update(Action::Back, Screen::BrowseDetail, now());
        assert_eq!(screen, Screen::BrowseList);
    }
}
