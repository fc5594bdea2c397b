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
    /// Save a mock interview's progress; answers `MockSaved` once durable.
    SaveMock(super::shared::Shared<crate::interview::MockRecord>),
    /// Stream the interviewer's next words from the LLM.
    AskInterviewer {
        /// Tags every event of the reply.
        request: u64,
        /// The prompt.
        prompt: crate::interview::Prompt,
        /// The session, for usage records.
        session: uuid::Uuid,
    },
    /// Stop a streamed reply.
    CancelInterviewer(u64),
    /// Load the history list.
    LoadHistoryList,
    /// Load one past session.
    LoadHistoryDetail(uuid::Uuid),
}
