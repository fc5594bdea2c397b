//! Mock interview screens' state: the setup form, the live interview (transcript, streaming reply,
//! answer editor, timer) and the report view. Pure: every step takes `now`, I/O is returned as effects.

use crate::bank::Bank;
use crate::domain::{InterviewStage, Role, Transcript};
use crate::interview::setup::{Length, MockSetup};
use crate::interview::{
    Interview, Interviewer, LlmInterviewer, MockRecord, MockReport, ScriptedInterviewer,
};
use crate::tui::action::{Action, Screen};
use crate::tui::effect::Effect;
use crate::tui::shared::Shared;
use jiff::Timestamp;
use tui_textarea::{TextArea, WrapMode};

/// The fields of the setup form, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupField {
    /// The interviewer.
    Persona,
    /// The role.
    Role,
    /// The round.
    Stage,
    /// Minutes or questions.
    Unit,
    /// How many.
    Amount,
}

impl SetupField {
    /// Every field, in order.
    pub const ALL: [Self; 5] = [
        Self::Persona,
        Self::Role,
        Self::Stage,
        Self::Unit,
        Self::Amount,
    ];
}

/// The setup form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupForm {
    /// Persona ids on offer.
    pub persona_ids: Vec<String>,
    /// The chosen persona.
    pub persona: usize,
    /// The chosen role, an index into `Role::ALL`.
    pub role: usize,
    /// The chosen stage, an index into `InterviewStage::ALL`.
    pub stage: usize,
    /// Length counted in questions rather than minutes.
    pub by_questions: bool,
    /// Planned minutes.
    pub minutes: u32,
    /// Planned questions.
    pub questions: u32,
    /// The highlighted field.
    pub field: usize,
    /// A job description: (where it came from, its text).
    pub job_description: Option<(String, String)>,
}

fn cycle(i: usize, n: usize, forward: bool) -> usize {
    if n == 0 {
        0
    } else if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }
}

impl SetupForm {
    /// A form over the bank's personas, starting at `default_persona`, `minutes` and `role`.
    pub fn new(bank: &Bank, default_persona: &str, minutes: u32, role: Role) -> Self {
        let persona_ids: Vec<String> = bank.personas().iter().map(|p| p.id.clone()).collect();
        let persona = persona_ids
            .iter()
            .position(|id| id == default_persona)
            .unwrap_or(0);
        let mut form = Self {
            persona_ids,
            persona,
            role: Role::ALL.iter().position(|r| *r == role).unwrap_or(0),
            stage: 1,
            by_questions: false,
            minutes: minutes.clamp(5, 240),
            questions: 4,
            field: 0,
            job_description: None,
        };
        form.stage_from_persona(bank);
        form
    }

    fn stage_from_persona(&mut self, bank: &Bank) {
        if let Some(stage) = self
            .persona_ids
            .get(self.persona)
            .and_then(|id| bank.persona(id))
            .and_then(|p| p.stages.first())
        {
            self.stage = InterviewStage::ALL
                .iter()
                .position(|s| s == stage)
                .unwrap_or(self.stage);
        }
    }

    /// Prefills persona and stage (e.g. from a prep guide).
    pub fn prefill(&mut self, stage: InterviewStage, persona: Option<&str>) {
        if let Some(i) = persona.and_then(|p| self.persona_ids.iter().position(|id| id == p)) {
            self.persona = i;
        }
        self.stage = InterviewStage::ALL
            .iter()
            .position(|s| *s == stage)
            .unwrap_or(self.stage);
    }

    /// The highlighted field.
    pub fn current(&self) -> SetupField {
        SetupField::ALL[self.field.min(SetupField::ALL.len() - 1)]
    }

    fn change(&mut self, bank: &Bank, forward: bool) {
        match self.current() {
            SetupField::Persona => {
                self.persona = cycle(self.persona, self.persona_ids.len(), forward);
                self.stage_from_persona(bank);
            }
            SetupField::Role => self.role = cycle(self.role, Role::ALL.len(), forward),
            SetupField::Stage => {
                self.stage = cycle(self.stage, InterviewStage::ALL.len(), forward);
            }
            SetupField::Unit => self.by_questions = !self.by_questions,
            SetupField::Amount => {
                if self.by_questions {
                    self.questions = if forward {
                        (self.questions + 1).min(12)
                    } else {
                        self.questions.saturating_sub(1).max(1)
                    };
                } else {
                    self.minutes = if forward {
                        (self.minutes + 5).min(240)
                    } else {
                        self.minutes.saturating_sub(5).max(5)
                    };
                }
            }
        }
    }

    /// The setup the form describes.
    pub fn setup(&self) -> MockSetup {
        MockSetup {
            persona_id: self
                .persona_ids
                .get(self.persona)
                .cloned()
                .unwrap_or_default(),
            role: Role::ALL[self.role.min(Role::ALL.len() - 1)],
            stage: InterviewStage::ALL[self.stage.min(InterviewStage::ALL.len() - 1)],
            length: if self.by_questions {
                Length::Questions(self.questions)
            } else {
                Length::Minutes(self.minutes)
            },
            job_description: self.job_description.as_ref().map(|(_, t)| t.clone()),
            job_description_source: self.job_description.as_ref().map(|(s, _)| s.clone()),
        }
    }
}

/// An interviewer reply being streamed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Streaming {
    /// The request id.
    pub request: u64,
    /// The text so far.
    pub text: String,
    /// Chunks received.
    pub chunks: usize,
    /// The scripted words, used if the stream fails.
    pub fallback: String,
}

/// A mock interview on screen.
#[derive(Debug, Clone)]
pub struct LiveInterview {
    /// The engine.
    pub interview: Interview,
    /// "scripted", "llm:<model>" or "scripted (LLM failed)".
    pub interviewer: String,
    /// The model to stream from, while the LLM works.
    pub llm_model: Option<String>,
    /// The answer being typed.
    pub editor: TextArea<'static>,
    /// Whether keys go to the editor.
    pub editor_focused: bool,
    /// The interviewer's reply being streamed.
    pub streaming: Option<Streaming>,
    /// An answer was submitted and is being saved; the next line waits for it.
    pub saving: bool,
    /// Not stored (`track_performance = false`): nothing is saved and nothing waits for a save.
    pub untracked: bool,
    /// The time of the last update (for the timer).
    pub now: Timestamp,
    /// Transcript lines scrolled up from the bottom.
    pub scroll_up: u16,
    next_request: u64,
}

fn new_editor() -> TextArea<'static> {
    let mut editor = TextArea::default();
    editor.set_wrap_mode(WrapMode::WordOrGlyph);
    editor.set_placeholder_text("Type your answer… (Ctrl-S to submit, Esc to leave the editor)");
    editor
}

pub use crate::interview::start::session_id_at;

impl LiveInterview {
    /// An interview on screen; `llm_model` streams the interviewer from that model.
    pub fn new(interview: Interview, llm_model: Option<String>, now: Timestamp) -> Self {
        let interviewer = llm_model
            .as_ref()
            .map_or_else(|| ScriptedInterviewer.label(), |m| format!("llm:{m}"));
        let mut interview = interview;
        let mut editor = new_editor();
        if let Some(text) = interview.unsent_answer.take() {
            editor.insert_str(text);
        }
        Self {
            interview,
            interviewer,
            llm_model,
            editor,
            editor_focused: true,
            streaming: None,
            saving: false,
            untracked: false,
            now,
            scroll_up: 0,
            next_request: 0,
        }
    }

    /// The text in the editor.
    pub fn answer_text(&self) -> String {
        self.editor.lines().join("\n")
    }

    /// Whether the candidate may type and submit now.
    pub fn awaiting_answer(&self) -> bool {
        !self.saving
            && self.streaming.is_none()
            && self.interview.pending.is_none()
            && !self.interview.is_closed()
    }

    fn record(&self, now: Timestamp) -> MockRecord {
        MockRecord::new(self.interview.clone(), self.interviewer.clone(), now)
    }

    /// The save of the interview as it stands; none when interviews are not stored.
    fn save(&self, now: Timestamp) -> Option<Effect> {
        (!self.untracked).then(|| Effect::SaveMock(Shared::new(self.record(now))))
    }

    /// Leaving (or quitting) mid-interview: keeps the answer typed but not sent with the save, so
    /// it is back in the editor when the interview is resumed from History.
    fn save_as_left(&mut self, now: Timestamp) -> Option<Effect> {
        if self.interview.is_closed() {
            return None;
        }
        let text = self.answer_text();
        self.interview.unsent_answer = (!text.trim().is_empty()).then_some(text);
        self.save(now)
    }

    /// Says the pending cue: scripted at once, or streamed from the LLM.
    pub fn speak(&mut self, now: Timestamp) -> Vec<Effect> {
        let Some(cue) = self.interview.pending.clone() else {
            return vec![];
        };
        let utterance = match &self.llm_model {
            Some(model) => LlmInterviewer {
                model: model.clone(),
            }
            .speak(&self.interview, &cue),
            None => ScriptedInterviewer.speak(&self.interview, &cue),
        };
        if let Some(prompt) = utterance.prompt {
            self.next_request += 1;
            // unique per interview and per line; the low session bits keep interviews apart
            let session_bits = u64::from_le_bytes(
                self.interview.session_id.as_bytes()[8..16]
                    .try_into()
                    .unwrap_or([0; 8]),
            );
            let request = ((session_bits & 0xffff_ffff) << 16) | self.next_request;
            self.streaming = Some(Streaming {
                request,
                text: String::new(),
                chunks: 0,
                fallback: utterance.text,
            });
            return vec![Effect::AskInterviewer {
                request,
                prompt,
                session: self.interview.session_id,
            }];
        }
        self.finish_line(utterance.text, now)
    }

    fn finish_line(&mut self, text: String, now: Timestamp) -> Vec<Effect> {
        self.streaming = None;
        self.interview.say(text, now);
        self.scroll_up = 0;
        if self.interview.is_closed() {
            self.editor_focused = false;
            return self.save(now).into_iter().collect();
        }
        vec![]
    }
}

/// What a mock-screen action leads to, for the app.
#[derive(Debug, Default)]
pub struct MockStep {
    /// Effects to run.
    pub effects: Vec<Effect>,
    /// The screen to show next, if it changes.
    pub screen: Option<Screen>,
    /// A message for the status line: (text, is an error).
    pub status: Option<(String, bool)>,
}

impl MockStep {
    fn effects(effects: Vec<Effect>) -> Self {
        Self {
            effects,
            ..Self::default()
        }
    }

    fn status(text: impl Into<String>, error: bool) -> Self {
        Self {
            status: Some((text.into(), error)),
            ..Self::default()
        }
    }

    fn go(screen: Screen) -> Self {
        Self {
            screen: Some(screen),
            ..Self::default()
        }
    }
}

/// A report on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportView {
    /// The report.
    pub report: MockReport,
    /// The conversation.
    pub transcript: Transcript,
    /// The interviewer's short name, for the transcript.
    pub interviewer: String,
    /// Lines scrolled.
    pub scroll: u16,
}

impl ReportView {
    /// The report view of a record (partial while the interview is open).
    pub fn of(record: &MockRecord) -> Self {
        Self {
            report: record.report_or_partial(),
            transcript: record.interview.transcript.clone(),
            interviewer: record.interview.persona.short_name(),
            scroll: 0,
        }
    }
}

/// The mock interview screens' state.
#[derive(Debug, Clone, Default)]
pub struct MockState {
    /// The setup form.
    pub form: Option<SetupForm>,
    /// The interview on screen.
    pub live: Option<LiveInterview>,
    /// The report on screen.
    pub report: Option<ReportView>,
    /// The configured LLM's model; `None` runs the scripted interviewer.
    pub llm_model: Option<String>,
    /// Whether the running score is shown (hidden by default).
    pub show_score: bool,
    /// `track_performance = false`: interviews run but are not stored.
    pub untracked: bool,
}

impl MockState {
    /// Whether keys should go to the answer editor.
    pub fn editor_focused(&self) -> bool {
        self.live.as_ref().is_some_and(|l| l.editor_focused)
    }

    /// Opens the setup form.
    pub fn open_setup(&mut self, bank: &Bank, default_persona: &str, minutes: u32, role: Role) {
        if self.form.is_none() {
            self.form = Some(SetupForm::new(bank, default_persona, minutes, role));
        }
    }

    /// Starts an interview with `setup` at `now`.
    pub fn begin(&mut self, bank: &Bank, setup: MockSetup, now: Timestamp) -> MockStep {
        let seed = crate::interview::start::default_seed(now);
        match crate::interview::start::start(bank, setup, seed, now) {
            Ok(interview) => self.resume(interview, now),
            Err(e) => MockStep::status(e.to_string(), true),
        }
    }

    /// Puts `interview` on screen and says its pending line, if any.
    pub fn resume(&mut self, interview: Interview, now: Timestamp) -> MockStep {
        let mut interview = interview;
        if interview.phase == crate::interview::Phase::Ready {
            interview.open();
        }
        let mut live = LiveInterview::new(interview, self.llm_model.clone(), now);
        live.untracked = self.untracked;
        // save the start (so History lists it), then speak
        let mut effects: Vec<Effect> = live.save(now).into_iter().collect();
        effects.extend(live.speak(now));
        self.live = Some(live);
        self.report = None;
        MockStep {
            effects,
            screen: Some(Screen::MockInterview),
            status: None,
        }
    }

    /// Takes up an interrupted interview from its saved record: the time since it was last
    /// saved (when it was left, or just before a crash) is not counted against its length.
    pub fn resume_saved(&mut self, record: &MockRecord, now: Timestamp) -> MockStep {
        let mut interview = record.interview.clone();
        interview.come_back(record.saved_at, now);
        self.resume(interview, now)
    }

    /// Shows a report.
    pub fn show_report(&mut self, record: &MockRecord) -> MockStep {
        self.report = Some(ReportView::of(record));
        MockStep::go(Screen::MockReport)
    }

    /// The setup screen's actions.
    pub fn update_setup(&mut self, bank: &Bank, action: &Action, now: Timestamp) -> MockStep {
        let Some(form) = self.form.as_mut() else {
            return MockStep::go(Screen::Home);
        };
        let n = SetupField::ALL.len();
        match action {
            Action::Up => form.field = cycle(form.field, n, false),
            Action::Down => form.field = cycle(form.field, n, true),
            Action::NextValue => form.change(bank, true),
            Action::PrevValue => form.change(bank, false),
            Action::Select => {
                let setup = form.setup();
                return self.begin(bank, setup, now);
            }
            Action::Back => return MockStep::go(Screen::Home),
            _ => {}
        }
        MockStep::default()
    }

    /// The interview screen's actions.
    pub fn update_interview(&mut self, action: &Action, now: Timestamp) -> MockStep {
        let show_score = &mut self.show_score;
        let Some(live) = self.live.as_mut() else {
            return MockStep::go(Screen::Home);
        };
        live.now = now;
        match action {
            Action::EditorKey(key) if live.editor_focused => {
                live.editor.input(*key);
            }
            Action::FocusEditor if !live.interview.is_closed() => {
                live.editor_focused = true;
            }
            Action::BlurEditor => live.editor_focused = false,
            Action::Select => {
                if live.interview.is_closed() && live.streaming.is_none() {
                    let record = live.record(now);
                    return self.show_report(&record);
                }
                live.editor_focused = true;
            }
            Action::SubmitAnswer => {
                if !live.awaiting_answer() {
                    return MockStep::status("wait for the interviewer to finish", false);
                }
                let text = live.answer_text();
                if text.trim().is_empty() {
                    return MockStep::status("type an answer first (Ctrl-S submits)", false);
                }
                live.interview.answer(&text, now);
                live.editor = new_editor();
                live.scroll_up = 0;
                // the next line is said once the answer is durable (at once when not stored)
                return match live.save(now) {
                    Some(save) => {
                        live.saving = true;
                        MockStep::effects(vec![save])
                    }
                    None => MockStep::effects(live.speak(now)),
                };
            }
            Action::ToggleRunningScore => *show_score = !*show_score,
            Action::EndInterview => {
                if live.interview.is_closed() {
                    return MockStep::default();
                }
                let mut effects = Vec::new();
                if let Some(s) = live.streaming.take() {
                    effects.push(Effect::CancelInterviewer(s.request));
                }
                live.interview.end_early(now);
                live.saving = false;
                effects.extend(live.speak(now));
                return MockStep::effects(effects);
            }
            Action::Up => live.scroll_up = live.scroll_up.saturating_add(1),
            Action::Down => live.scroll_up = live.scroll_up.saturating_sub(1),
            Action::PageUp => live.scroll_up = live.scroll_up.saturating_add(10),
            Action::PageDown => live.scroll_up = live.scroll_up.saturating_sub(10),
            Action::Back => {
                let mut step = MockStep::go(Screen::Home);
                if let Some(s) = live.streaming.take() {
                    step.effects.push(Effect::CancelInterviewer(s.request));
                }
                if !live.interview.is_closed() {
                    // saved as it stands, so History shows what was said and the time away is
                    // not counted when it is resumed
                    step.effects.extend(live.save_as_left(now));
                    step.status = Some((
                        "interview paused — resume it from History".to_string(),
                        false,
                    ));
                }
                self.live = None;
                return step;
            }
            _ => {}
        }
        MockStep::default()
    }

    /// The save to make before the app quits: an interview still open is saved as it stands, with
    /// any answer typed but not sent, so it can be resumed from History.
    pub fn save_before_quit(&mut self, now: Timestamp) -> Vec<Effect> {
        self.live
            .as_mut()
            .and_then(|live| live.save_as_left(now))
            .into_iter()
            .collect()
    }

    /// Results that arrive whatever the screen: saves and streamed replies.
    pub fn update_results(&mut self, action: Action, now: Timestamp) -> MockStep {
        let Some(live) = self.live.as_mut() else {
            return MockStep::default();
        };
        match action {
            Action::MockSaved(id) if id == live.interview.session_id && live.saving => {
                live.saving = false;
                MockStep::effects(live.speak(now))
            }
            Action::InterviewerToken { request, text, .. } => {
                if let Some(s) = live.streaming.as_mut().filter(|s| s.request == request) {
                    s.text.push_str(&text);
                    s.chunks += 1;
                }
                MockStep::default()
            }
            Action::InterviewerFinished { request, text } => {
                if live
                    .streaming
                    .as_ref()
                    .is_some_and(|s| s.request == request)
                {
                    let text = if text.trim().is_empty() {
                        live.streaming
                            .as_ref()
                            .map(|s| s.fallback.clone())
                            .unwrap_or_default()
                    } else {
                        text.trim().to_string()
                    };
                    return MockStep::effects(live.finish_line(text, now));
                }
                MockStep::default()
            }
            Action::InterviewerFailed { request, message } => {
                let Some(s) = live.streaming.as_ref().filter(|s| s.request == request) else {
                    return MockStep::default();
                };
                let fallback = s.fallback.clone();
                live.llm_model = None;
                live.interviewer = "scripted (LLM failed)".into();
                let mut step = MockStep::effects(live.finish_line(fallback, now));
                step.status = Some((
                    format!(
                        "LLM interviewer failed ({message}); continuing with the scripted interviewer"
                    ),
                    true,
                ));
                step
            }
            _ => MockStep::default(),
        }
    }

    /// The report screen's actions.
    pub fn update_report(&mut self, action: &Action) -> MockStep {
        let Some(view) = self.report.as_mut() else {
            return MockStep::go(Screen::Home);
        };
        match action {
            Action::Up => view.scroll = view.scroll.saturating_sub(1),
            Action::Down => view.scroll = view.scroll.saturating_add(1),
            Action::PageUp => view.scroll = view.scroll.saturating_sub(10),
            Action::PageDown => view.scroll = view.scroll.saturating_add(10),
            Action::Top => view.scroll = 0,
            Action::Back | Action::Select => {
                self.report = None;
                self.live = None;
                return MockStep::go(Screen::Home);
            }
            _ => {}
        }
        MockStep::default()
    }
}
