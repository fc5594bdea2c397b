//! Trends screen state: the loaded data, which category the chart shows, and the keys that
//! start the recommended or due session.

use crate::analytics::TrendsData;
use crate::tui::action::Action;

/// What a trends action leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrendsOutcome {
    /// Nothing beyond the state change.
    Stay,
    /// Back to home.
    Back,
    /// Start practice with these questions.
    Start(Vec<String>),
    /// Nothing to start; say why.
    Nothing(String),
}

/// Trends screen state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrendsState {
    /// The loaded data, once the store answered.
    pub data: Option<Box<TrendsData>>,
    /// Waiting for data.
    pub loading: bool,
    /// The category charted (an index into `data.categories`), or all when None.
    pub category: Option<usize>,
}

impl TrendsState {
    /// Takes freshly loaded data, keeping the charted category if it still exists.
    pub fn loaded(&mut self, data: TrendsData) {
        let keep = self.category.and_then(|i| {
            self.data
                .as_ref()?
                .categories
                .get(i)
                .map(|c| c.name.clone())
        });
        self.category = keep.and_then(|name| data.categories.iter().position(|c| c.name == name));
        self.data = Some(Box::new(data));
        self.loading = false;
    }

    /// The charted category's name, or None for all.
    pub fn category_name(&self) -> Option<&str> {
        let i = self.category?;
        self.data
            .as_ref()?
            .categories
            .get(i)
            .map(|c| c.name.as_str())
    }

    /// Applies an action to the trends screen.
    pub fn update(&mut self, action: &Action) -> TrendsOutcome {
        match action {
            Action::Back => TrendsOutcome::Back,
            Action::CycleCategory => {
                let n = self.data.as_ref().map_or(0, |d| d.categories.len());
                self.category = match self.category {
                    None if n > 0 => Some(0),
                    Some(i) if i + 1 < n => Some(i + 1),
                    _ => None,
                };
                TrendsOutcome::Stay
            }
            Action::StartRecommended | Action::Select => {
                let plan: Vec<String> = self.data.as_ref().map_or_else(Vec::new, |d| {
                    d.progress
                        .plan
                        .iter()
                        .map(|p| p.question_id.clone())
                        .collect()
                });
                if plan.is_empty() {
                    TrendsOutcome::Nothing(
                        "No recommendation yet: answer a few questions first".into(),
                    )
                } else {
                    TrendsOutcome::Start(plan)
                }
            }
            Action::PracticeDue => {
                let due: Vec<String> = self
                    .data
                    .as_ref()
                    .map_or_else(Vec::new, |d| d.due_questions.clone());
                if due.is_empty() {
                    TrendsOutcome::Nothing("Nothing is due for review".into())
                } else {
                    TrendsOutcome::Start(due)
                }
            }
            _ => TrendsOutcome::Stay,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::generate::{Spec, history, sample_catalog};
    use crate::analytics::{Options, analyze};
    use crate::store::AttemptFact;

    fn data() -> TrendsData {
        let catalog = sample_catalog();
        let attempts = history(&Spec::new(7, 200, 60), &catalog);
        let facts: Vec<AttemptFact> = attempts.iter().map(AttemptFact::of).collect();
        let now = attempts.last().unwrap().submitted_at;
        analyze(
            &facts,
            &[],
            &catalog,
            &Options::new(now, jiff::tz::TimeZone::UTC),
        )
    }

    #[test]
    fn cycles_categories_and_starts_the_plan() {
        let mut s = TrendsState::default();
        assert!(matches!(
            s.update(&Action::StartRecommended),
            TrendsOutcome::Nothing(_)
        ));
        s.loaded(data());
        let n = s.data.as_ref().unwrap().categories.len();
        assert_eq!(s.category_name(), None);
        s.update(&Action::CycleCategory);
        assert_eq!(s.category, Some(0));
        for _ in 0..n {
            s.update(&Action::CycleCategory);
        }
        assert_eq!(s.category, None, "wraps back to all");
        let TrendsOutcome::Start(ids) = s.update(&Action::StartRecommended) else {
            panic!("a plan exists for a history with weak areas")
        };
        assert_eq!(ids.len(), 5);
        assert_eq!(s.update(&Action::Back), TrendsOutcome::Back);
    }
}
