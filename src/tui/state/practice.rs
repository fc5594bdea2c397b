//! Practice state: setup, the timed run with its editor and autosaved draft, feedback, results.

use super::practice_summary::ResultsSummary;
use super::step;
use crate::bank::Bank;
use crate::config::TimeoutAction;
use crate::domain::{Attempt, AttemptId, Difficulty, Draft, Question, Role, Session};
pub use crate::practice::answer::scorer_for;
use crate::practice::answer::{self, AnswerTiming};
use crate::practice::plan::mix;
use crate::practice::{
    PracticeKind, PracticeSetup, TimeMode, TimerPhase, TimerState, plan_questions,
};
use crate::scoring::OfflineScorer;
use crate::store::QuestionStats;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use jiff::{SignedDuration, Timestamp};
use std::collections::HashMap;
use std::sync::Arc;
use tui_textarea::TextArea;
use uuid::Uuid;

/// The one draft key practice uses: there is at most one unsent practice answer.
pub const DRAFT_KEY: &str = "practice";
/// How often a changed draft is saved while typing.
const DRAFT_EVERY: SignedDuration = SignedDuration::from_secs(1);

/// The setup screen's fields, top to bottom.
pub const SETUP_FIELDS: [&str; 5] = [
    "Practise",
    "Role",
    "Difficulty",
    "Questions",
    "Time per answer",
];

/// Time-per-answer choices on the setup screen.
pub const TIME_CHOICES: [TimeMode; 6] = [
    TimeMode::QuestionOwn,
    TimeMode::Fixed(60),
    TimeMode::Fixed(120),
    TimeMode::Fixed(180),
    TimeMode::Fixed(300),
    TimeMode::NoLimit,
];

/// Where the practice screen is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Choosing what to practise.
    Setup,
    /// Answering a question.
    Running,
    /// Reading the feedback on the last answer.
    Feedback,
    /// The session's results.
    Results,
}

/// The question being answered.
#[derive(Debug)]
pub struct Run {
    /// The question.
    pub question: Question,
    /// The answer editor.
    pub editor: TextArea<'static>,
    /// The answer timer.
    pub timer: TimerState,
    /// The text last written to the draft store.
    pub saved_text: String,
    /// When the draft was last saved.
    pub last_draft_save: Timestamp,
    /// Waiting for the store to confirm the attempt.
    pub saving: Option<Attempt>,
}

impl Run {
    /// The answer as typed.
    pub fn text(&self) -> String {
        self.editor.lines().join("\n")
    }

    /// Words typed so far.
    pub fn word_count(&self) -> usize {
        self.editor
            .lines()
            .iter()
            .map(|l| l.split_whitespace().count())
            .sum()
    }
}

/// What leaving the practice screen means for the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PracticeOutcome {
    /// Stay on the practice screen.
    Stay,
    /// Go back to the home screen.
    Home,
}

/// Practice screen state.
#[derive(Debug)]
pub struct PracticeState {
    bank: Arc<Bank>,
    /// The offline scorer with the bank's term weights; built off the UI thread at start, or
    /// here on first use if that has not finished.
    scorer: Option<Arc<OfflineScorer>>,
    /// Where the screen is.
    pub phase: Phase,
    /// The choices on the setup screen.
    pub setup: PracticeSetup,
    /// The highlighted setup field.
    pub field: usize,
    /// An unsent answer from an earlier run, offered back.
    pub draft_offer: Option<Draft>,
    /// Per-question stats (stars, last scores) for planning.
    pub stats: HashMap<String, QuestionStats>,
    /// The session being run.
    pub session: Option<Session>,
    /// Position in the session's questions.
    pub index: usize,
    /// The question being answered.
    pub run: Option<Run>,
    /// This session's attempts, in order.
    pub attempts: Vec<Attempt>,
    /// Feedback scroll in lines.
    pub scroll: u16,
    /// Results of the finished session.
    pub results: Option<ResultsSummary>,
    /// A message for the status line.
    pub message: Option<(String, bool)>,
    on_timeout: TimeoutAction,
    track: bool,
    counter: u64,
    pending: Option<Pending>,
    /// Whether an LLM judge is configured.
    pub llm: bool,
    /// The attempt the LLM judge is scoring now.
    pub judging: Option<AttemptId>,
    /// The session ends once the answer being saved is stored (ended from the pause with an
    /// answer typed: the answer is scored and kept, not thrown away).
    pub ending: bool,
}

/// A start requested before the stats and drafts were loaded.
#[derive(Debug, Clone)]
enum Pending {
    /// Plan from these choices.
    Setup(PracticeSetup),
    /// These questions.
    Ids(Vec<String>),
}

/// An empty answer editor that wraps long lines at word boundaries.
fn new_editor() -> TextArea<'static> {
    let mut editor = TextArea::default();
    editor.set_wrap_mode(tui_textarea::WrapMode::WordOrGlyph);
    editor.set_placeholder_text("Type your answer. Ctrl-S submits.");
    editor
}

fn step_opt<T: Copy + PartialEq>(all: &[T], current: Option<T>, forward: bool) -> Option<T> {
    let mut with_none: Vec<Option<T>> = vec![None];
    with_none.extend(all.iter().copied().map(Some));
    step(&with_none, current, forward)
}

impl PracticeState {
    /// A practice screen over `bank`, scoring with `scorer`.
    pub fn new(
        bank: Arc<Bank>,
        scorer: Option<Arc<OfflineScorer>>,
        count: u32,
        role: Option<Role>,
        on_timeout: TimeoutAction,
        track: bool,
    ) -> Self {
        Self {
            bank,
            scorer,
            phase: Phase::Setup,
            setup: PracticeSetup {
                kind: PracticeKind::Mixed,
                role,
                difficulty: None,
                count: usize::try_from(count).unwrap_or(5),
                time: TimeMode::QuestionOwn,
            },
            field: 0,
            draft_offer: None,
            stats: HashMap::new(),
            session: None,
            index: 0,
            run: None,
            attempts: Vec::new(),
            scroll: 0,
            results: None,
            message: None,
            on_timeout,
            track,
            counter: 0,
            pending: None,
            llm: false,
            judging: None,
            ending: false,
        }
    }

    /// The bank questions come from.
    pub fn bank(&self) -> &Bank {
        &self.bank
    }

    /// Installs the scorer built off the UI thread.
    pub fn set_scorer(&mut self, scorer: Arc<OfflineScorer>) {
        self.scorer.get_or_insert(scorer);
    }

    /// Whether the editor has the keyboard.
    pub fn editing(&self) -> bool {
        self.phase == Phase::Running
            && self
                .run
                .as_ref()
                .is_some_and(|r| !r.timer.is_paused() && r.saving.is_none())
    }

    /// Whether a run is paused.
    pub fn paused(&self) -> bool {
        self.phase == Phase::Running && self.run.as_ref().is_some_and(|r| r.timer.is_paused())
    }

    /// Whether ticks change what is on screen (a running countdown).
    pub fn ticking(&self) -> bool {
        self.phase == Phase::Running && !self.paused()
    }

    /// The timer phase now, when running.
    pub fn timer_phase(&self, now: Timestamp) -> Option<TimerPhase> {
        self.run.as_ref().map(|r| r.timer.phase(now))
    }

    fn next_id(&mut self, now: Timestamp) -> Uuid {
        self.counter += 1;
        let millis = u64::try_from(now.as_millisecond()).unwrap_or(0);
        let random = mix(millis ^ self.counter.rotate_left(17)).to_be_bytes();
        let mut bytes = [0u8; 10];
        bytes[..8].copy_from_slice(&random);
        bytes[8..].copy_from_slice(&self.counter.to_be_bytes()[6..]);
        uuid::Builder::from_unix_timestamp_millis(millis, &bytes).into_uuid()
    }

    /// Opens the setup screen and asks for stats and any unsent draft.
    pub fn open(&mut self) -> Vec<Effect> {
        self.phase = Phase::Setup;
        self.field = 0;
        vec![Effect::LoadPracticeData]
    }

    /// Applies an action; returns effects and whether to leave.
    pub fn update(&mut self, action: Action, now: Timestamp) -> (Vec<Effect>, PracticeOutcome) {
        match action {
            Action::PracticeDataLoaded { stats, draft } => {
                self.stats = stats.into_iter().collect();
                self.draft_offer = draft.filter(|d| !d.text.trim().is_empty());
                let Some(pending) = self.pending.take() else {
                    return (vec![], PracticeOutcome::Stay);
                };
                if self.draft_offer.is_some() {
                    // never start over an unsent answer: offer it first
                    self.phase = Phase::Setup;
                    self.message = Some((
                        "you have an unsent answer: r resumes it, Enter starts the new session"
                            .into(),
                        false,
                    ));
                    if let Pending::Setup(setup) = pending {
                        self.setup = setup;
                    }
                    return (vec![], PracticeOutcome::Stay);
                }
                let effects = match pending {
                    Pending::Setup(setup) => {
                        self.setup = setup;
                        self.start(now, None)
                    }
                    Pending::Ids(ids) => self.start_with(ids, now, None, false),
                };
                return (effects, PracticeOutcome::Stay);
            }
            Action::AttemptSaved(id) => return (self.attempt_saved(id), PracticeOutcome::Stay),
            Action::AttemptJudged { id, report, notice } => {
                if self.judging == Some(id) {
                    self.judging = None;
                }
                if let Some(report) = report
                    && let Some(a) = self.attempts.iter_mut().find(|a| a.id == id)
                {
                    self.message = Some((format!("rescored by {}", report.scorer), false));
                    a.score = Some(*report);
                    self.results = self
                        .results
                        .as_ref()
                        .map(|_| ResultsSummary::of(&self.bank, &self.attempts));
                }
                if let Some(n) = notice {
                    self.message = Some((n, true));
                }
                return (vec![], PracticeOutcome::Stay);
            }
            Action::AttemptSaveFailed(message) => {
                if let Some(run) = self.run.as_mut() {
                    run.saving = None;
                }
                self.ending = false;
                self.message = Some((
                    format!(
                        "could not save your answer ({message}); it is still here — Ctrl-S to try again"
                    ),
                    true,
                ));
                return (vec![], PracticeOutcome::Stay);
            }
            Action::StartPractice(setup) => {
                // start once stats and any unsent draft are loaded
                self.pending = Some(Pending::Setup(setup));
                return (vec![Effect::LoadPracticeData], PracticeOutcome::Stay);
            }
            Action::StartPracticeWith(ids) => {
                self.pending = Some(Pending::Ids(ids));
                return (vec![Effect::LoadPracticeData], PracticeOutcome::Stay);
            }
            _ => {}
        }
        match self.phase {
            Phase::Setup => self.update_setup(&action, now),
            Phase::Running => (self.update_running(&action, now), PracticeOutcome::Stay),
            Phase::Feedback => self.update_feedback(&action, now),
            Phase::Results => self.update_results(&action, now),
        }
    }

    fn update_setup(&mut self, action: &Action, now: Timestamp) -> (Vec<Effect>, PracticeOutcome) {
        let n = SETUP_FIELDS.len();
        match action {
            Action::Up => self.field = (self.field + n - 1) % n,
            Action::Down => self.field = (self.field + 1) % n,
            Action::Left | Action::Right => self.change_field(*action == Action::Right),
            Action::Select => return (self.start(now, None), PracticeOutcome::Stay),
            Action::ResumeDraft => {
                if let Some(draft) = self.draft_offer.take() {
                    let ids = vec![draft.question_id.clone()];
                    return (
                        self.start_with(ids, now, Some(draft.text), false),
                        PracticeOutcome::Stay,
                    );
                }
            }
            Action::DiscardDraft if self.draft_offer.take().is_some() => {
                self.message = Some(("unsent answer discarded".into(), false));
                return (
                    vec![Effect::DeleteDraft(DRAFT_KEY.into())],
                    PracticeOutcome::Stay,
                );
            }
            Action::Back => return (vec![], PracticeOutcome::Home),
            _ => {}
        }
        (vec![], PracticeOutcome::Stay)
    }

    fn change_field(&mut self, forward: bool) {
        let s = &mut self.setup;
        match self.field {
            0 => s.kind = step(&PracticeKind::CHOICES, s.kind, forward),
            1 => s.role = step_opt(&Role::ALL[1..], s.role, forward),
            2 => s.difficulty = step_opt(&Difficulty::ALL, s.difficulty, forward),
            3 => {
                s.count = if forward {
                    (s.count + 1).min(crate::practice::plan::MAX_QUESTIONS)
                } else {
                    s.count.saturating_sub(1).max(1)
                };
            }
            _ => s.time = step(&TIME_CHOICES, s.time, forward),
        }
    }

    fn start(&mut self, now: Timestamp, prefill: Option<String>) -> Vec<Effect> {
        let seed = u64::try_from(now.as_millisecond()).unwrap_or(0);
        let ids = plan_questions(&self.bank, &self.setup, &self.stats, seed);
        if ids.is_empty() {
            self.message = Some((
                crate::practice::plan::empty_plan_hint(self.setup.kind).into(),
                true,
            ));
            self.phase = Phase::Setup;
            return vec![];
        }
        self.start_with(ids, now, prefill, true)
    }

    fn start_with(
        &mut self,
        ids: Vec<String>,
        now: Timestamp,
        prefill: Option<String>,
        planned: bool,
    ) -> Vec<Effect> {
        let ids: Vec<String> = ids
            .into_iter()
            .filter(|id| self.bank.question(id).is_some())
            .collect();
        if ids.is_empty() {
            self.message = Some(("none of those questions are in the bank".into(), true));
            return vec![];
        }
        let what = if planned {
            self.setup.kind.to_string()
        } else {
            answer::CHOSEN.to_string()
        };
        let label = answer::session_label(&what, ids.len());
        let session = answer::new_session(self.next_id(now), label, ids, now);
        self.attempts.clear();
        self.results = None;
        self.index = 0;
        let mut effects = Vec::new();
        if self.track {
            effects.push(Effect::SaveSession(session.clone()));
        }
        self.session = Some(session);
        effects.extend(self.show_question(now, prefill));
        effects
    }

    fn show_question(&mut self, now: Timestamp, prefill: Option<String>) -> Vec<Effect> {
        let Some(id) = self
            .session
            .as_ref()
            .and_then(|s| s.question_ids.get(self.index))
            .cloned()
        else {
            return self.finish(now);
        };
        let Some(question) = self.bank.question(&id).cloned() else {
            self.index += 1;
            return self.show_question(now, None);
        };
        let mut editor = new_editor();
        let saved_text = prefill.clone().unwrap_or_default();
        if let Some(text) = prefill {
            editor.insert_str(text);
        }
        let limit = self.setup.time.limit_for(&question);
        self.run = Some(Run {
            question,
            editor,
            timer: TimerState::start(now, limit),
            saved_text,
            last_draft_save: now,
            saving: None,
        });
        self.phase = Phase::Running;
        self.scroll = 0;
        vec![]
    }

    fn draft_of(&self, run: &Run, now: Timestamp) -> Draft {
        Draft {
            key: DRAFT_KEY.into(),
            question_id: run.question.id.clone(),
            session_id: self.session.as_ref().map(|s| s.id),
            text: run.text(),
            saved_at: now,
        }
    }

    fn update_running(&mut self, action: &Action, now: Timestamp) -> Vec<Effect> {
        let Some(run) = self.run.as_mut() else {
            return vec![];
        };
        if run.saving.is_some() {
            return vec![];
        }
        match action {
            Action::EditorKey(key) if !run.timer.is_paused() => {
                run.editor.input(*key);
                vec![]
            }
            Action::TogglePause => {
                if run.timer.is_paused() {
                    run.timer.resume(now);
                    return vec![];
                }
                run.timer.pause(now);
                let Some(run) = self.run.as_ref() else {
                    return vec![];
                };
                let draft = self.draft_of(run, now);
                self.save_draft(draft, now)
            }
            Action::EndSession if run.timer.is_paused() => {
                if run.text().trim().is_empty() {
                    self.finish(now)
                } else {
                    // the answer in progress is scored and stored first; the results follow
                    self.ending = true;
                    self.submit(now, false)
                }
            }
            Action::SubmitAnswer => self.submit(now, false),
            Action::SkipQuestion => self.submit(now, true),
            Action::Tick => self.tick(now),
            _ => vec![],
        }
    }

    /// The draft to save before the app quits, if the answer being typed changed since the last
    /// autosave (which runs about once a second).
    pub fn save_before_quit(&mut self, now: Timestamp) -> Vec<Effect> {
        let Some(run) = self.run.as_ref() else {
            return vec![];
        };
        if run.saving.is_some() {
            return vec![];
        }
        let draft = self.draft_of(run, now);
        self.save_draft(draft, now)
    }

    fn save_draft(&mut self, draft: Draft, now: Timestamp) -> Vec<Effect> {
        let Some(run) = self.run.as_mut() else {
            return vec![];
        };
        if draft.text == run.saved_text {
            return vec![];
        }
        run.saved_text.clone_from(&draft.text);
        run.last_draft_save = now;
        vec![Effect::SaveDraft(draft)]
    }

    fn tick(&mut self, now: Timestamp) -> Vec<Effect> {
        let Some(run) = self.run.as_ref() else {
            return vec![];
        };
        if run.timer.is_paused() {
            return vec![];
        }
        if self.on_timeout == TimeoutAction::Submit && run.timer.phase(now) == TimerPhase::Overtime
        {
            // nothing typed: there is nothing to score, so the question is skipped (submitting
            // would refuse the empty answer on every tick and never move on)
            if run.text().trim().is_empty() {
                self.message = Some((
                    "time's up with nothing typed: question skipped".into(),
                    false,
                ));
                return self.submit(now, true);
            }
            return self.submit(now, false);
        }
        if now.duration_since(run.last_draft_save) >= DRAFT_EVERY {
            let draft = self.draft_of(run, now);
            return self.save_draft(draft, now);
        }
        vec![]
    }

    fn submit(&mut self, now: Timestamp, skipped: bool) -> Vec<Effect> {
        let id = self.next_id(now);
        let session_id = self.session.as_ref().map(|s| s.id);
        let Some(run) = self.run.as_mut() else {
            return vec![];
        };
        let text = run.text();
        if !skipped && text.trim().is_empty() {
            self.message = Some((
                "nothing to submit yet — type an answer, or Ctrl-N to skip".into(),
                true,
            ));
            return vec![];
        }
        // with on_timeout = submit the answer is sent when time runs out: on time, not over it
        let overtime = run.timer.phase(now) == TimerPhase::Overtime
            && self.on_timeout != TimeoutAction::Submit;
        let bank = &self.bank;
        let scorer = self
            .scorer
            .get_or_insert_with(|| Arc::new(scorer_for(bank)));
        let timing = AnswerTiming {
            id,
            session_id,
            started_at: run.timer.started_at,
            submitted_at: now,
            duration_secs: u32::try_from(run.timer.elapsed_secs(now)).unwrap_or(u32::MAX),
            overtime,
        };
        let attempt = answer::scored_attempt(scorer, &run.question, text, skipped, timing);
        run.timer.pause(now);
        let mut effects = vec![Effect::DeleteDraft(DRAFT_KEY.into())];
        if self.track {
            run.saving = Some(attempt.clone());
            effects.push(Effect::SaveAttempt(Box::new(attempt)));
        } else {
            // not tracking: nothing is stored, the feedback shows at once
            run.saving = Some(attempt);
            effects.extend(self.attempt_saved(id));
        }
        effects
    }

    fn attempt_saved(&mut self, id: AttemptId) -> Vec<Effect> {
        let Some(attempt) = self
            .run
            .as_mut()
            .and_then(|r| r.saving.take_if(|a| a.id == id))
        else {
            return vec![];
        };
        let skipped = attempt.skipped;
        let mut effects = Vec::new();
        if let Some(s) = self.session.as_mut() {
            answer::add_attempt(s, &attempt);
            if self.track {
                effects.push(Effect::SaveSession(s.clone()));
            }
        }
        if let Some(total) = attempt.total() {
            let st = self.stats.entry(attempt.question_id.clone()).or_default();
            st.last = Some(total);
            st.attempts += 1;
        }
        let now = attempt.submitted_at;
        if self.llm && !skipped && attempt.score.is_some() {
            let question = self.run.as_ref().map(|r| Box::new(r.question.clone()));
            if let Some(question) = question {
                self.judging = Some(attempt.id);
                effects.push(Effect::JudgeAttempt {
                    question,
                    attempt: Box::new(attempt.clone()),
                    persist: self.track,
                });
            }
        }
        self.attempts.push(attempt);
        self.scroll = 0;
        if std::mem::take(&mut self.ending) {
            effects.extend(self.finish(now));
        } else if skipped {
            self.index += 1;
            effects.extend(self.show_question(now, None));
        } else {
            self.phase = Phase::Feedback;
        }
        effects
    }

    fn update_feedback(
        &mut self,
        action: &Action,
        now: Timestamp,
    ) -> (Vec<Effect>, PracticeOutcome) {
        match action {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = self.scroll.saturating_add(1),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Action::PageDown => self.scroll = self.scroll.saturating_add(10),
            Action::Select => {
                self.index += 1;
                return (self.show_question(now, None), PracticeOutcome::Stay);
            }
            Action::EndSession | Action::Back => return (self.finish(now), PracticeOutcome::Stay),
            _ => {}
        }
        (vec![], PracticeOutcome::Stay)
    }

    fn update_results(
        &mut self,
        action: &Action,
        now: Timestamp,
    ) -> (Vec<Effect>, PracticeOutcome) {
        match action {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = self.scroll.saturating_add(1),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Action::PageDown => self.scroll = self.scroll.saturating_add(10),
            Action::RetryWeakest => {
                let ids = self
                    .results
                    .as_ref()
                    .map(|r| r.weakest.clone())
                    .unwrap_or_default();
                if ids.is_empty() {
                    self.message = Some((
                        "nothing to retry: every answer scored 70 or more".into(),
                        false,
                    ));
                    return (vec![], PracticeOutcome::Stay);
                }
                return (
                    self.start_with(ids, now, None, false),
                    PracticeOutcome::Stay,
                );
            }
            Action::Select => return (self.open(), PracticeOutcome::Stay),
            Action::Back => return (vec![], PracticeOutcome::Home),
            _ => {}
        }
        (vec![], PracticeOutcome::Stay)
    }

    fn finish(&mut self, now: Timestamp) -> Vec<Effect> {
        self.run = None;
        self.phase = Phase::Results;
        self.scroll = 0;
        let summary = ResultsSummary::of(&self.bank, &self.attempts);
        let mut effects = vec![Effect::DeleteDraft(DRAFT_KEY.into())];
        if let Some(s) = self.session.as_mut() {
            s.ended_at = Some(now);
            s.total = summary.overall;
            if self.track {
                effects.push(Effect::SaveSession(s.clone()));
            }
        }
        self.results = Some(summary);
        effects
    }

    /// Sets the editor's text (scripted tests and snapshots).
    pub fn set_answer(&mut self, text: &str) {
        if let Some(run) = self.run.as_mut() {
            let mut editor = new_editor();
            editor.insert_str(text);
            run.editor = editor;
        }
    }
}
