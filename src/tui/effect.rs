//! Effects: data describing the I/O that `update` asks for; only the runner performs them.

/// Work for the effect runner.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Load the home screen's summary from the store.
    LoadHome,
    /// Load the starred question ids.
    LoadStars,
    /// Load the trends screen's data; the plan holds `plan_size` questions.
    LoadTrends {
        /// Questions in the recommended session.
        plan_size: usize,
    },
    /// Load one question's past scores.
    LoadHistory(String),
    /// Load a saved prep guide.
    LoadGuide(crate::prep::GuideId),
    /// Load per-question stats and any unsent practice draft.
    LoadPracticeData,
    /// Save (or replace) a session.
    SaveSession(crate::domain::Session),
    /// Save an attempt durably, then report `AttemptSaved`.
    SaveAttempt(Box<crate::domain::Attempt>),
    /// Ask the LLM judge to score a saved attempt; its report replaces the offline one.
    JudgeAttempt {
        /// The question answered.
        question: Box<crate::domain::Question>,
        /// The attempt, with its offline score.
        attempt: Box<crate::domain::Attempt>,
        /// Whether to store the judged attempt (false when not tracking performance).
        persist: bool,
    },
    /// Build the offline scorer's term weights from the bank, off the UI thread.
    PrepareScorer(crate::tui::shared::Shared<crate::bank::Bank>),
    /// Save the answer being typed.
    SaveDraft(crate::domain::Draft),
    /// Remove a draft by key.
    DeleteDraft(String),
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
    /// Stream one LLM section of a prep guide.
    EnrichGuideSection {
        /// Tags every event of the reply.
        request: u64,
        /// The section to write.
        kind: crate::prep::EnrichKind,
        /// The guide as it stands (offline sections and earlier additions).
        guide: super::shared::Shared<crate::prep::Guide>,
    },
    /// Stop a guide section being written; its late chunks are dropped.
    CancelGuideEnrich(u64),
    /// Save (replace) a prep guide.
    SaveGuide(super::shared::Shared<crate::prep::Guide>),
    /// Read the request's files, fetch its posting, build the offline guide, save it; answers
    /// `GuideBuilt` or `GuideBuildFailed` tagged with `request`.
    BuildGuide {
        /// Tags the answer.
        request: u64,
        /// What the form asked for.
        input: crate::prep::GuideRequest,
        /// The bank the guide's questions come from.
        bank: super::shared::Shared<crate::bank::Bank>,
    },
    /// Stop a guide build; it saves nothing more and its answer is dropped.
    CancelGuideBuild(u64),
    /// List the saved guides for the prep guide form.
    LoadGuideList,
    /// Write a guide to `<data dir>/guides/` as Markdown or PDF.
    ExportGuide {
        /// The guide.
        guide: super::shared::Shared<crate::prep::Guide>,
        /// The format.
        format: crate::prep::ExportFormat,
    },
    /// Load the history list.
    LoadHistoryList,
    /// Load one past session.
    LoadHistoryDetail(uuid::Uuid),
}
