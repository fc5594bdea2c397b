//! Effects: data describing the I/O that `update` asks for; only the runner performs them.

/// Work for the effect runner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Load the home screen's summary from the store.
    LoadHome,
    /// Load the starred question ids.
    LoadStars,
    /// Load one question's past scores.
    LoadHistory(String),
    /// Load a saved prep guide.
    LoadGuide(crate::prep::GuideId),
    /// Persist a star / unstar.
    SetStarred {
        /// The question.
        question_id: String,
        /// Starred or not.
        starred: bool,
    },
}
