//! Prep guide form state: the inputs a guide is built from (typed inline), the Build step and its
//! pending request, errors pinned to the field that caused them, and the saved guides below the
//! form. Pure: building is asked for as data and its answer comes back as an action.

use crate::domain::InterviewStage;
use crate::interview::history::{HistoryEntry, HistoryKind};
use crate::prep::{GuideId, GuideRequest, InputField};
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use jiff::Timestamp;
use std::path::PathBuf;

/// The most days ahead a plan is built for.
pub const MAX_DAYS: u32 = 365;

/// What the form holds, exactly as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrepForm {
    /// A job description file path or an http(s) URL.
    pub job_description: String,
    /// A resume file path.
    pub resume: String,
    /// The company's name.
    pub company: String,
    /// The round prepared for.
    pub stage: InterviewStage,
    /// Days until the interview, as typed.
    pub days: String,
    /// A prior-round notes file path.
    pub notes: String,
}

impl Default for PrepForm {
    fn default() -> Self {
        Self {
            job_description: String::new(),
            resume: String::new(),
            company: String::new(),
            stage: InterviewStage::Technical,
            days: "7".into(),
            notes: String::new(),
        }
    }
}

fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl PrepForm {
    /// The text of a typed field (`None` for the stage, which is chosen).
    pub fn text(&self, field: InputField) -> Option<&str> {
        match field {
            InputField::JobDescription => Some(&self.job_description),
            InputField::Resume => Some(&self.resume),
            InputField::Company => Some(&self.company),
            InputField::Days => Some(&self.days),
            InputField::Notes => Some(&self.notes),
            InputField::Stage => None,
        }
    }

    fn text_mut(&mut self, field: InputField) -> Option<&mut String> {
        match field {
            InputField::JobDescription => Some(&mut self.job_description),
            InputField::Resume => Some(&mut self.resume),
            InputField::Company => Some(&mut self.company),
            InputField::Days => Some(&mut self.days),
            InputField::Notes => Some(&mut self.notes),
            InputField::Stage => None,
        }
    }

    /// The request the form describes, or every problem with it, each naming its field.
    pub fn request(&self) -> Result<GuideRequest, Vec<FieldError>> {
        let mut errors = Vec::new();
        let jd = self.job_description.trim();
        if jd.is_empty() {
            errors.push(FieldError::new(
                InputField::JobDescription,
                "Job description: required — a file path or an http(s) URL",
            ));
        } else if jd == "-" {
            errors.push(FieldError::new(
                InputField::JobDescription,
                "Job description '-': give a file path or an http(s) URL (standard input is for `hotseat prep --jd -`)",
            ));
        }
        let days = match self.days.trim().parse::<u32>() {
            Ok(d) if d <= MAX_DAYS => Some(d),
            _ => {
                errors.push(FieldError::new(
                    InputField::Days,
                    format!(
                        "Days until the interview: '{}' is not a whole number from 0 to {MAX_DAYS}",
                        self.days
                    ),
                ));
                None
            }
        };
        match (errors.is_empty(), days) {
            (true, Some(days)) => Ok(GuideRequest {
                job_description: jd.to_string(),
                resume: optional(&self.resume).map(PathBuf::from),
                company: optional(&self.company),
                stage: self.stage,
                days,
                notes: optional(&self.notes).map(PathBuf::from),
            }),
            _ => Err(errors),
        }
    }
}

/// A problem shown under the field that caused it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field.
    pub field: InputField,
    /// What is wrong, naming the field and the value, path or URL.
    pub message: String,
}

impl FieldError {
    fn new(field: InputField, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

/// A build that was asked for and has not answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Building {
    /// The id its answer carries.
    pub request: u64,
}

/// What a form action leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum PrepSetupOutcome {
    /// Nothing beyond the state change.
    Stay,
    /// Leave the screen.
    Back,
    /// Run these effects.
    Effects(Vec<Effect>),
    /// Build a guide for this request, tagged `request`.
    Build {
        /// The id the answer will carry.
        request: u64,
        /// What to build it from.
        input: GuideRequest,
    },
    /// Open a saved guide on the guide screen.
    OpenGuide(GuideId),
}

/// A row of the screen: a field, the Build button, or a saved guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// One of the form's inputs.
    Field(InputField),
    /// The Build button.
    Build,
    /// The saved guide at this index.
    Guide(usize),
}

/// Rows before the saved guides: the fields and the Build button.
const FORM_ROWS: usize = InputField::ALL.len() + 1;

/// The prep guide form screen.
#[derive(Debug, Clone, Default)]
pub struct PrepSetupState {
    /// The values typed and chosen.
    pub form: PrepForm,
    /// The highlighted row (fields, Build, then saved guides).
    pub selected: usize,
    /// Problems, each under its field.
    pub errors: Vec<FieldError>,
    /// The build running, if one is.
    pub building: Option<Building>,
    /// Saved guides, newest first (None until listed).
    pub guides: Option<Vec<HistoryEntry>>,
    /// A word about the last build (cancelled…), shown by the Build button.
    pub notice: Option<String>,
    /// Why the last build failed when no field was at fault (the store, say).
    pub failure: Option<String>,
    last_request: u64,
}

impl PrepSetupState {
    /// The highlighted row.
    pub fn row(&self) -> Row {
        match InputField::ALL.get(self.selected) {
            Some(field) => Row::Field(*field),
            None if self.selected == FORM_ROWS - 1 => Row::Build,
            None => Row::Guide(self.selected - FORM_ROWS),
        }
    }

    /// Whether keys type into a field now (a text field is highlighted and nothing is building).
    pub fn typing(&self) -> bool {
        self.building.is_none()
            && matches!(self.row(), Row::Field(f) if self.form.text(f).is_some())
    }

    /// The error shown under `field`, if any.
    pub fn error(&self, field: InputField) -> Option<&FieldError> {
        self.errors.iter().find(|e| e.field == field)
    }

    fn rows(&self) -> usize {
        FORM_ROWS + self.guides.as_ref().map_or(0, Vec::len)
    }

    fn select_field(&mut self, field: InputField) {
        self.selected = InputField::ALL
            .iter()
            .position(|f| *f == field)
            .unwrap_or(0);
    }

    /// Takes the saved guides (any other history rows are left out).
    pub fn listed(&mut self, entries: Vec<HistoryEntry>) {
        let mut guides: Vec<HistoryEntry> = entries
            .into_iter()
            .filter(|e| e.kind == HistoryKind::Guide)
            .collect();
        guides.sort_by_key(|e| std::cmp::Reverse(e.started_at));
        self.guides = Some(guides);
        self.selected = self.selected.min(self.rows() - 1);
    }

    /// Applies an action to the form at time `now`.
    pub fn update(&mut self, action: &Action, _now: Timestamp) -> PrepSetupOutcome {
        if let Some(building) = &self.building {
            // while building only Esc acts: it cancels, keeping every value typed
            if *action == Action::Back {
                let request = building.request;
                self.building = None;
                self.notice = Some("Build cancelled; nothing was saved.".into());
                return PrepSetupOutcome::Effects(vec![Effect::CancelGuideBuild(request)]);
            }
            return PrepSetupOutcome::Stay;
        }
        let last = self.rows() - 1;
        match action {
            Action::Back => return PrepSetupOutcome::Back,
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            Action::Left | Action::Right | Action::PrevValue | Action::NextValue => {
                self.change(matches!(action, Action::Right | Action::NextValue));
            }
            Action::InputChar(c) => self.edit(|text| text.push(*c)),
            Action::InputBackspace => self.edit(|text| {
                text.pop();
            }),
            Action::InputClear => self.edit(String::clear),
            Action::BuildGuide => return self.build(),
            Action::Select => match self.row() {
                Row::Field(_) => self.selected = (self.selected + 1).min(last),
                Row::Build => return self.build(),
                Row::Guide(i) => {
                    if let Some(entry) = self.guides.as_ref().and_then(|g| g.get(i)) {
                        return PrepSetupOutcome::OpenGuide(entry.id);
                    }
                }
            },
            _ => {}
        }
        PrepSetupOutcome::Stay
    }

    /// Edits the highlighted text field; its error goes, since the value changed.
    fn edit(&mut self, change: impl FnOnce(&mut String)) {
        let Row::Field(field) = self.row() else {
            return;
        };
        if let Some(text) = self.form.text_mut(field) {
            change(text);
            self.errors.retain(|e| e.field != field);
        }
    }

    /// ←→: the stage cycles; the days step by one.
    fn change(&mut self, forward: bool) {
        match self.row() {
            Row::Field(InputField::Stage) => {
                self.form.stage = super::step(&InterviewStage::ALL, self.form.stage, forward);
            }
            Row::Field(InputField::Days) => {
                if let Ok(d) = self.form.days.trim().parse::<u32>() {
                    let next = if forward {
                        d.saturating_add(1).min(MAX_DAYS)
                    } else {
                        d.saturating_sub(1)
                    };
                    self.form.days = next.to_string();
                    self.errors.retain(|e| e.field != InputField::Days);
                }
            }
            _ => {}
        }
    }

    fn build(&mut self) -> PrepSetupOutcome {
        self.notice = None;
        self.failure = None;
        match self.form.request() {
            Err(errors) => {
                if let Some(first) = errors.first() {
                    self.select_field(first.field);
                }
                self.errors = errors;
                PrepSetupOutcome::Stay
            }
            Ok(input) => {
                self.errors.clear();
                self.last_request += 1;
                let request = self.last_request;
                self.building = Some(Building { request });
                PrepSetupOutcome::Build { request, input }
            }
        }
    }

    /// The build `request` finished; false when it is not the one running (cancelled: drop it).
    pub fn on_built(&mut self, request: u64) -> bool {
        if self.building.as_ref().is_some_and(|b| b.request == request) {
            self.building = None;
            self.errors.clear();
            return true;
        }
        false
    }

    /// The build `request` failed at `field`: the error goes under it and the field is
    /// highlighted (with no field, by the Build button); every value stays as typed. A late
    /// failure of a cancelled build is dropped.
    pub fn on_build_failed(&mut self, request: u64, field: Option<InputField>, message: String) {
        if self.building.as_ref().is_none_or(|b| b.request != request) {
            return;
        }
        self.building = None;
        match field {
            Some(field) => {
                self.select_field(field);
                self.errors = vec![FieldError { field, message }];
            }
            None => self.failure = Some(message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-11-20T10:00:00Z".parse().unwrap()
    }

    fn type_text(s: &mut PrepSetupState, text: &str) {
        for c in text.chars() {
            s.update(&Action::InputChar(c), now());
        }
    }

    /// Highlights `field`, as ↑↓ would.
    fn go(s: &mut PrepSetupState, field: InputField) {
        s.update(&Action::Top, now());
        let i = InputField::ALL.iter().position(|f| *f == field).unwrap();
        for _ in 0..i {
            s.update(&Action::Down, now());
        }
        assert_eq!(s.row(), Row::Field(field));
    }

    #[test]
    fn typing_edits_the_highlighted_field_and_ctrl_u_clears_it() {
        let mut s = PrepSetupState::default();
        assert!(s.typing());
        type_text(&mut s, "jd.mdx");
        s.update(&Action::InputBackspace, now());
        go(&mut s, InputField::Company);
        type_text(&mut s, "Northwind");
        go(&mut s, InputField::Notes);
        type_text(&mut s, "notes.md");
        s.update(&Action::InputClear, now());
        assert_eq!(s.form.job_description, "jd.md");
        assert_eq!(s.form.company, "Northwind");
        assert_eq!(s.form.notes, "");
        // the stage row is chosen, not typed
        go(&mut s, InputField::Stage);
        assert!(!s.typing());
        s.update(&Action::InputChar('x'), now());
        assert_eq!(s.form.stage, InterviewStage::Technical);
    }

    #[test]
    fn left_and_right_cycle_the_stage_and_step_the_days() {
        let mut s = PrepSetupState::default();
        go(&mut s, InputField::Stage);
        s.update(&Action::Right, now());
        assert_eq!(s.form.stage, InterviewStage::HiringManager);
        s.update(&Action::Right, now());
        s.update(&Action::Right, now());
        assert_eq!(s.form.stage, InterviewStage::Recruiter, "wraps around");
        s.update(&Action::Left, now());
        assert_eq!(s.form.stage, InterviewStage::Final);
        go(&mut s, InputField::Days);
        s.update(&Action::Left, now());
        assert_eq!(s.form.days, "6");
    }

    #[test]
    fn days_out_of_range_is_an_error_naming_the_field_and_value() {
        let mut s = PrepSetupState::default();
        type_text(&mut s, "jd.md");
        go(&mut s, InputField::Days);
        s.update(&Action::InputClear, now());
        type_text(&mut s, "400");
        assert_eq!(s.update(&Action::BuildGuide, now()), PrepSetupOutcome::Stay);
        let err = s.error(InputField::Days).unwrap();
        assert_eq!(
            err.message,
            "Days until the interview: '400' is not a whole number from 0 to 365"
        );
        assert!(s.building.is_none());
        s.update(&Action::InputClear, now());
        type_text(&mut s, "soon");
        s.update(&Action::BuildGuide, now());
        assert!(
            s.error(InputField::Days)
                .unwrap()
                .message
                .contains("'soon'")
        );
        // typing into the field takes its error away
        s.update(&Action::InputBackspace, now());
        assert!(s.error(InputField::Days).is_none());
    }

    #[test]
    fn build_without_a_job_description_points_at_it() {
        let mut s = PrepSetupState::default();
        go(&mut s, InputField::Notes);
        assert_eq!(s.update(&Action::BuildGuide, now()), PrepSetupOutcome::Stay);
        assert_eq!(s.row(), Row::Field(InputField::JobDescription));
        assert!(
            s.error(InputField::JobDescription)
                .unwrap()
                .message
                .starts_with("Job description: required")
        );
    }

    #[test]
    fn enter_on_build_asks_for_the_typed_request() {
        let mut s = PrepSetupState::default();
        type_text(&mut s, " jobs/backend.md ");
        go(&mut s, InputField::Resume);
        type_text(&mut s, "cv.md");
        go(&mut s, InputField::Days);
        s.update(&Action::InputClear, now());
        type_text(&mut s, "3");
        s.update(&Action::Bottom, now());
        assert_eq!(s.row(), Row::Build);
        let outcome = s.update(&Action::Select, now());
        assert_eq!(
            outcome,
            PrepSetupOutcome::Build {
                request: 1,
                input: GuideRequest {
                    job_description: "jobs/backend.md".into(),
                    resume: Some(PathBuf::from("cv.md")),
                    company: None,
                    stage: InterviewStage::Technical,
                    days: 3,
                    notes: None,
                },
            }
        );
        assert_eq!(s.building.as_ref().unwrap().request, 1);
        // nothing else acts while building
        assert_eq!(s.update(&Action::Up, now()), PrepSetupOutcome::Stay);
        assert_eq!(s.row(), Row::Build);
    }
}
