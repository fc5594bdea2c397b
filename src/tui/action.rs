//! Actions: user intents (imperative) and effect results (past tense) that drive `update`.

use crate::analytics::{HomeSummary, TrendsData};
use crate::domain::{InterviewStage, QuestionKind, Role};
use crate::prep::{Guide, GuideId};
use jiff::Timestamp;

/// A screen of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    /// The start screen.
    Home,
    /// The question list.
    BrowseList,
    /// One question in full.
    BrowseDetail,
    /// A prep guide.
    PrepGuide,
    /// The form that builds a prep guide, and the saved guides.
    PrepSetup,
    /// Timed practice: setup, run, feedback and results.
    Practice,
    /// Score trends, weak areas and the recommended session.
    Trends,
    /// Choosing persona, role, stage and length for a mock interview.
    MockSetup,
    /// A mock interview in progress.
    MockInterview,
    /// A mock interview's report.
    MockReport,
    /// Past sessions and interviews.
    History,
}

/// One past attempt as shown in Browse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastScore {
    /// When it was submitted.
    pub at: Timestamp,
    /// Its total.
    pub total: u8,
}

/// Everything that can change the app's state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Time passed (drives timers and status expiry).
    Tick,
    /// The terminal was resized.
    Resize(u16, u16),
    /// Leave the app.
    Quit,
    /// The screen's scrolling body, as last drawn, can scroll at most this far: a scroll past it
    /// comes back (sent by the app after a frame, so views stay read-only).
    ClampScroll(u16),
    /// Go back one screen (or close an overlay).
    Back,
    /// Open or close the help overlay.
    ToggleHelp,
    /// Move the selection up.
    Up,
    /// Change the selected value backwards.
    Left,
    /// Change the selected value forwards.
    Right,
    /// Move the selection down.
    Down,
    /// Move the selection a page up.
    PageUp,
    /// Move the selection a page down.
    PageDown,
    /// Jump to the first item.
    Top,
    /// Jump to the last item.
    Bottom,
    /// Open what is selected.
    Select,
    /// Select a list row by its index (mouse click).
    ClickRow(usize),
    /// Open the Browse screen.
    OpenBrowse,
    /// Open the practice setup screen.
    OpenPractice,
    /// Start a practice run with these choices (from the command line).
    StartPractice(crate::practice::PracticeSetup),
    /// Per-question stats and any unsent draft were loaded.
    PracticeDataLoaded {
        /// Stats per question id.
        stats: Vec<(String, crate::store::QuestionStats)>,
        /// The unsent practice answer, if any.
        draft: Option<crate::domain::Draft>,
    },
    /// A key typed into the answer editor.
    EditorKey(crossterm::event::KeyEvent),
    /// Submit the answer being typed.
    SubmitAnswer,
    /// Skip this question.
    SkipQuestion,
    /// Pause or resume the timer.
    TogglePause,
    /// End the practice session now.
    EndSession,
    /// The attempt is durably stored.
    AttemptSaved(crate::domain::AttemptId),
    /// The LLM judge answered (or failed, leaving the offline score).
    AttemptJudged {
        /// The attempt.
        id: crate::domain::AttemptId,
        /// The judge's report, absent when the offline score stands.
        report: Option<Box<crate::domain::ScoreReport>>,
        /// What to tell the user (a fallback reason or a budget warning).
        notice: Option<String>,
    },
    /// The offline scorer is built.
    ScorerReady(crate::tui::shared::Shared<crate::scoring::OfflineScorer>),
    /// Storing the attempt failed.
    AttemptSaveFailed(String),
    /// Resume the unsent answer.
    ResumeDraft,
    /// Discard the unsent answer.
    DiscardDraft,
    /// Practise the weakest answers of the session again.
    RetryWeakest,
    /// Open the Trends screen.
    OpenTrends,
    /// Show the next category (or all) in the trends chart.
    CycleCategory,
    /// Start the recommended next session.
    StartRecommended,
    /// Start a session of the questions due for review.
    PracticeDue,
    /// The trends data was loaded.
    TrendsLoaded(Box<TrendsData>),
    /// Start typing a fuzzy search.
    StartSearch,
    /// Start typing a tag filter.
    StartTagFilter,
    /// A character typed into the active input.
    InputChar(char),
    /// Delete the last character of the active input.
    InputBackspace,
    /// Empty the active input.
    InputClear,
    /// Confirm the active input.
    InputSubmit,
    /// Abandon the active input.
    InputCancel,
    /// Cycle the kind filter.
    CycleKind,
    /// Cycle the role filter.
    CycleRole,
    /// Cycle the difficulty filter.
    CycleDifficulty,
    /// Show only starred questions, or all.
    ToggleStarredOnly,
    /// Clear every filter and the search.
    ClearFilters,
    /// Star or unstar the selected question.
    ToggleStar,
    /// Show or hide the example answer.
    ToggleExample,
    /// Set filters directly (from the command line).
    ApplyFilters {
        /// Kind filter.
        kind: Option<QuestionKind>,
        /// Role filter.
        role: Option<Role>,
        /// Search text.
        search: Option<String>,
    },
    /// The home summary was loaded.
    HomeLoaded(HomeSummary),
    /// Starred question ids were loaded.
    StarsLoaded(Vec<String>),
    /// A question's past scores were loaded.
    HistoryLoaded {
        /// The question.
        question_id: String,
        /// Its scored attempts, oldest first.
        scores: Vec<PastScore>,
    },
    /// An effect failed; show the message.
    EffectFailed(String),
    /// Open a saved prep guide.
    OpenGuide(GuideId),
    /// A saved prep guide was loaded.
    GuideLoaded(Box<Guide>),
    /// Show the next section of the guide.
    NextSection,
    /// Show the previous section of the guide.
    PrevSection,
    /// Practise the guide's predicted questions.
    PractisePredicted,
    /// Mock the guide's interview stage.
    MockThisStage,
    /// Enrich the guide on screen with the LLM, section by section (once it is loaded).
    EnrichGuide,
    /// Text of a guide section being written by the LLM arrived.
    GuideEnrichToken {
        /// The request it belongs to.
        request: u64,
        /// The text.
        text: String,
    },
    /// The LLM finished one section of the guide.
    GuideSectionEnriched {
        /// The request.
        request: u64,
        /// The section it wrote.
        enrichment: Box<crate::prep::Enrichment>,
        /// Answered from the cache.
        cached: bool,
    },
    /// Writing a guide section with the LLM failed; the guide stays as it is.
    GuideEnrichFailed {
        /// The request.
        request: u64,
        /// Why.
        message: String,
    },
    /// Write the guide on screen to a file in this format.
    ExportGuide(crate::prep::ExportFormat),
    /// The guide was written to this file.
    GuideExported(std::path::PathBuf),
    /// Writing the guide to a file failed.
    GuideExportFailed(String),
    /// Open the prep guide form and the saved guides.
    OpenPrepSetup,
    /// Build a guide from what the form holds.
    BuildGuide,
    /// The saved guides were listed, newest first.
    GuidesListed(Vec<crate::interview::history::HistoryEntry>),
    /// A guide was built from the form and saved.
    GuideBuilt {
        /// The build it answers.
        request: u64,
        /// The saved guide.
        guide: Box<Guide>,
    },
    /// Building a guide from the form failed.
    GuideBuildFailed {
        /// The build it answers.
        request: u64,
        /// The input at fault (`None`: none of them, e.g. the store failed).
        field: Option<crate::prep::InputField>,
        /// What went wrong, naming the path or URL.
        message: String,
    },
    /// Start a practice session with these bank questions.
    StartPracticeWith(Vec<String>),
    /// Start a mock interview for a stage with a persona.
    StartMock {
        /// The stage to mock.
        stage: InterviewStage,
        /// The persona, if one fits.
        persona: Option<String>,
    },
    /// Open the mock interview setup.
    OpenMockSetup,
    /// Open the History screen.
    OpenHistory,
    /// Start a mock interview with this setup now.
    BeginMock(Box<crate::interview::MockSetup>),
    /// Change the selected setting to its next value.
    NextValue,
    /// Change the selected setting to its previous value.
    PrevValue,
    /// Put the focus in the answer editor.
    FocusEditor,
    /// Take the focus out of the answer editor.
    BlurEditor,
    /// Show or hide the running score.
    ToggleRunningScore,
    /// End the mock interview now.
    EndInterview,
    /// The mock interview's progress was saved (answers up to now are durable).
    MockSaved(uuid::Uuid),
    /// Text of the interviewer's streamed reply arrived.
    InterviewerToken {
        /// The request it belongs to.
        request: u64,
        /// Position among the request's chunks.
        seq: usize,
        /// The text.
        text: String,
    },
    /// The interviewer's streamed reply is complete.
    InterviewerFinished {
        /// The request.
        request: u64,
        /// The whole reply.
        text: String,
    },
    /// The interviewer's streamed reply failed.
    InterviewerFailed {
        /// The request.
        request: u64,
        /// Why.
        message: String,
    },
    /// The history list was loaded.
    HistoryListed(Vec<crate::interview::history::HistoryEntry>),
    /// One past session was loaded.
    HistoryOpened(super::shared::Shared<crate::interview::history::HistoryDetail>),
    /// Resume the interrupted mock interview on screen.
    ResumeMock,
    /// Show the report of the mock interview on screen so far.
    ShowPartialReport,
}
