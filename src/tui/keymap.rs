//! Key bindings as data: an embedded default TOML plus a user overlay; (screen, key) → Action.

use super::action::{Action, Screen};
use crate::bank::{FileError, line_col};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

const DEFAULT_KEYMAP: &str = include_str!("keymap.toml");

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyContext {
    /// Every screen.
    Global,
    /// The home screen.
    Home,
    /// The browse list.
    Browse,
    /// A question's detail.
    Detail,
    /// The prep guide.
    Prep,
    /// The prep guide form and the saved guides.
    PrepSetup,
    /// Practice setup.
    PracticeSetup,
    /// Typing an answer (keys not bound here go to the editor).
    PracticeRun,
    /// A paused answer.
    PracticePaused,
    /// Feedback and results after answering.
    PracticeReview,
    /// The trends screen.
    Trends,
    /// The mock interview setup.
    MockSetup,
    /// A mock interview (while the editor does not have the focus).
    Mock,
    /// A mock interview's report.
    MockReport,
    /// The History screen.
    History,
}

impl KeyContext {
    const ALL: [(Self, &'static str); 15] = [
        (Self::Global, "global"),
        (Self::Home, "home"),
        (Self::Browse, "browse"),
        (Self::Detail, "detail"),
        (Self::Prep, "prep"),
        (Self::PrepSetup, "prep_setup"),
        (Self::PracticeSetup, "practice_setup"),
        (Self::PracticeRun, "practice_run"),
        (Self::PracticePaused, "practice_paused"),
        (Self::PracticeReview, "practice_review"),
        (Self::Trends, "trends"),
        (Self::MockSetup, "mock_setup"),
        (Self::Mock, "mock"),
        (Self::MockReport, "mock_report"),
        (Self::History, "history"),
    ];

    /// The context of a screen.
    pub fn of(screen: Screen) -> Self {
        match screen {
            Screen::Home => Self::Home,
            Screen::BrowseList => Self::Browse,
            Screen::BrowseDetail => Self::Detail,
            Screen::PrepGuide => Self::Prep,
            Screen::PrepSetup => Self::PrepSetup,
            Screen::Practice => Self::PracticeSetup,
            Screen::Trends => Self::Trends,
            Screen::MockSetup => Self::MockSetup,
            Screen::MockInterview => Self::Mock,
            Screen::MockReport => Self::MockReport,
            Screen::History => Self::History,
        }
    }

    /// The context for what is on screen now (practice has one per phase).
    pub fn of_state(state: &crate::tui::state::AppState) -> Self {
        use crate::tui::state::practice::Phase;
        if state.screen != Screen::Practice {
            return Self::of(state.screen);
        }
        match state.practice.phase {
            Phase::Setup => Self::PracticeSetup,
            Phase::Running if state.practice.paused() => Self::PracticePaused,
            Phase::Running => Self::PracticeRun,
            Phase::Feedback | Phase::Results => Self::PracticeReview,
        }
    }
}

impl KeyContext {
    fn parse(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(c, _)| *c)
    }
}

impl From<Screen> for KeyContext {
    fn from(screen: Screen) -> Self {
        Self::of(screen)
    }
}

/// A bindable command, by its name in keymap files.
#[derive(Debug, Clone, Copy)]
struct Command {
    name: &'static str,
    help: &'static str,
    action: fn() -> Action,
}

const COMMANDS: &[Command] = &[
    Command {
        name: "quit",
        help: "quit hotseat",
        action: || Action::Quit,
    },
    Command {
        name: "help",
        help: "show or hide this help",
        action: || Action::ToggleHelp,
    },
    Command {
        name: "back",
        help: "go back",
        action: || Action::Back,
    },
    Command {
        name: "up",
        help: "move up",
        action: || Action::Up,
    },
    Command {
        name: "down",
        help: "move down",
        action: || Action::Down,
    },
    Command {
        name: "page_up",
        help: "page up",
        action: || Action::PageUp,
    },
    Command {
        name: "page_down",
        help: "page down",
        action: || Action::PageDown,
    },
    Command {
        name: "top",
        help: "go to the top",
        action: || Action::Top,
    },
    Command {
        name: "bottom",
        help: "go to the bottom",
        action: || Action::Bottom,
    },
    Command {
        name: "select",
        help: "open the selection",
        action: || Action::Select,
    },
    Command {
        name: "open_browse",
        help: "browse the prep bank",
        action: || Action::OpenBrowse,
    },
    Command {
        name: "open_trends",
        help: "score trends and weak areas",
        action: || Action::OpenTrends,
    },
    Command {
        name: "cycle_category",
        help: "chart the next category (or all)",
        action: || Action::CycleCategory,
    },
    Command {
        name: "start_recommended",
        help: "start the recommended session",
        action: || Action::StartRecommended,
    },
    Command {
        name: "practice_due",
        help: "practise the questions due for review",
        action: || Action::PracticeDue,
    },
    Command {
        name: "search",
        help: "fuzzy search",
        action: || Action::StartSearch,
    },
    Command {
        name: "tag_filter",
        help: "filter by tag",
        action: || Action::StartTagFilter,
    },
    Command {
        name: "cycle_kind",
        help: "cycle the kind filter",
        action: || Action::CycleKind,
    },
    Command {
        name: "cycle_role",
        help: "cycle the role filter",
        action: || Action::CycleRole,
    },
    Command {
        name: "cycle_difficulty",
        help: "cycle the difficulty filter",
        action: || Action::CycleDifficulty,
    },
    Command {
        name: "starred_only",
        help: "show only starred questions",
        action: || Action::ToggleStarredOnly,
    },
    Command {
        name: "clear_filters",
        help: "clear filters and search",
        action: || Action::ClearFilters,
    },
    Command {
        name: "star",
        help: "star / unstar the question",
        action: || Action::ToggleStar,
    },
    Command {
        name: "open_practice",
        help: "start timed practice",
        action: || Action::OpenPractice,
    },
    Command {
        name: "left",
        help: "previous value",
        action: || Action::Left,
    },
    Command {
        name: "right",
        help: "next value",
        action: || Action::Right,
    },
    Command {
        name: "submit_answer",
        help: "submit the answer",
        action: || Action::SubmitAnswer,
    },
    Command {
        name: "skip_question",
        help: "skip this question",
        action: || Action::SkipQuestion,
    },
    Command {
        name: "toggle_pause",
        help: "pause / resume the timer",
        action: || Action::TogglePause,
    },
    Command {
        name: "end_session",
        help: "end the session and see results",
        action: || Action::EndSession,
    },
    Command {
        name: "resume_draft",
        help: "resume your unsent answer",
        action: || Action::ResumeDraft,
    },
    Command {
        name: "discard_draft",
        help: "discard your unsent answer",
        action: || Action::DiscardDraft,
    },
    Command {
        name: "retry_weakest",
        help: "practise the weakest answers again",
        action: || Action::RetryWeakest,
    },
    Command {
        name: "toggle_example",
        help: "show / hide the example answer",
        action: || Action::ToggleExample,
    },
    Command {
        name: "next_section",
        help: "next section",
        action: || Action::NextSection,
    },
    Command {
        name: "prev_section",
        help: "previous section",
        action: || Action::PrevSection,
    },
    Command {
        name: "practise_predicted",
        help: "practise the predicted questions",
        action: || Action::PractisePredicted,
    },
    Command {
        name: "mock_stage",
        help: "mock this interview stage",
        action: || Action::MockThisStage,
    },
    Command {
        name: "enrich_guide",
        help: "enrich the guide with the LLM (Esc stops it)",
        action: || Action::EnrichGuide,
    },
    Command {
        name: "export_markdown",
        help: "save the guide as Markdown in <data dir>/guides",
        action: || Action::ExportGuide(crate::prep::ExportFormat::Markdown),
    },
    Command {
        name: "export_pdf",
        help: "save the guide as PDF in <data dir>/guides",
        action: || Action::ExportGuide(crate::prep::ExportFormat::Pdf),
    },
    Command {
        name: "open_prep",
        help: "build a prep guide; your saved guides",
        action: || Action::OpenPrepSetup,
    },
    Command {
        name: "build_guide",
        help: "build the guide from the form",
        action: || Action::BuildGuide,
    },
    Command {
        name: "clear_input",
        help: "clear the field",
        action: || Action::InputClear,
    },
    Command {
        name: "open_mock",
        help: "set up a mock interview",
        action: || Action::OpenMockSetup,
    },
    Command {
        name: "open_history",
        help: "past sessions and interviews",
        action: || Action::OpenHistory,
    },
    Command {
        name: "next_value",
        help: "next value",
        action: || Action::NextValue,
    },
    Command {
        name: "prev_value",
        help: "previous value",
        action: || Action::PrevValue,
    },
    Command {
        name: "focus_editor",
        help: "type your answer (Ctrl-S submits, Esc leaves the editor)",
        action: || Action::FocusEditor,
    },
    Command {
        name: "toggle_score",
        help: "show / hide the running score",
        action: || Action::ToggleRunningScore,
    },
    Command {
        name: "end_interview",
        help: "end the interview now",
        action: || Action::EndInterview,
    },
    Command {
        name: "resume",
        help: "resume the interrupted interview",
        action: || Action::ResumeMock,
    },
    Command {
        name: "partial_report",
        help: "see the report so far",
        action: || Action::ShowPartialReport,
    },
];

/// A key with modifiers, normalised so `G` and `shift+g` are the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Chord {
    code: ChordCode,
    ctrl: bool,
    alt: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum ChordCode {
    Char(char),
    Named(&'static str),
    F(u8),
}

const NAMED: &[(&str, KeyCode)] = &[
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
];

impl Chord {
    /// Parses `ctrl+c`, `G`, `pagedown`, `f1`, `space`…
    pub fn parse(text: &str) -> Option<Self> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("ctrl+") && rest.len() > 5 {
                ctrl = true;
                rest = &rest[5..];
            } else if lower.starts_with("alt+") && rest.len() > 4 {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = if let (Some(c), None) = (chars.next(), chars.next()) {
            ChordCode::Char(if ctrl { c.to_ascii_lowercase() } else { c })
        } else {
            let lower = rest.to_ascii_lowercase();
            if lower == "space" {
                ChordCode::Char(' ')
            } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                ChordCode::F(n)
            } else {
                ChordCode::Named(NAMED.iter().find(|(n, _)| *n == lower)?.0)
            }
        };
        Some(Self { code, ctrl, alt })
    }

    /// The chord of a terminal key event.
    pub fn from_event(key: &KeyEvent) -> Option<Self> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let code = match key.code {
            KeyCode::Char(c) => ChordCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            KeyCode::F(n) => ChordCode::F(n),
            other => ChordCode::Named(NAMED.iter().find(|(_, k)| *k == other)?.0),
        };
        Some(Self { code, ctrl, alt })
    }

    /// How the chord is written in help.
    pub fn label(&self) -> String {
        let mut s = String::new();
        if self.ctrl {
            s.push_str("Ctrl-");
        }
        if self.alt {
            s.push_str("Alt-");
        }
        match self.code {
            ChordCode::Char(' ') => s.push_str("Space"),
            ChordCode::Char(c) => s.push(c),
            ChordCode::F(n) => {
                let _ = write!(s, "F{n}");
            }
            ChordCode::Named(n) => s.push_str(match n {
                "up" => "↑",
                "down" => "↓",
                "left" => "←",
                "right" => "→",
                "pageup" => "PgUp",
                "pagedown" => "PgDn",
                "enter" => "Enter",
                "esc" => "Esc",
                "home" => "Home",
                "end" => "End",
                other => other,
            }),
        }
        s
    }
}

/// The bindings in force.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: BTreeMap<(KeyContext, Chord), &'static Command>,
}

impl Default for Keymap {
    fn default() -> Self {
        let mut map = Self {
            bindings: BTreeMap::new(),
        };
        map.apply(Path::new("keymap.toml (built in)"), DEFAULT_KEYMAP)
            .expect("the built-in keymap is valid");
        map
    }
}

impl Keymap {
    /// The defaults with `config_dir/keymap.toml` on top. A bad user file leaves the defaults
    /// in force and comes back as the error to show.
    pub fn load(config_dir: &Path) -> (Self, Option<FileError>) {
        let map = Self::default();
        let path = config_dir.join("keymap.toml");
        let Ok(text) = std::fs::read_to_string(&path) else {
            return (map, None);
        };
        let mut candidate = map.clone();
        match candidate.apply(&path, &text) {
            Ok(()) => (candidate, None),
            Err(e) => (map, Some(e)),
        }
    }

    /// Applies a keymap file's text on top of the current bindings.
    pub fn apply(&mut self, path: &Path, text: &str) -> Result<(), FileError> {
        let err = |line: usize, field: Option<String>, message: String| FileError {
            file: path.to_path_buf(),
            line,
            column: 1,
            field,
            message,
        };
        let table: toml::Table = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(0, |s| line_col(text, s.start).0);
            err(line, None, e.message().trim().to_string())
        })?;
        let line_of = |needle: &str| {
            text.lines()
                .position(|l| l.contains(needle))
                .map_or(0, |i| i + 1)
        };
        for (section, value) in &table {
            let ctx = KeyContext::parse(section).ok_or_else(|| {
                let names: Vec<&str> = KeyContext::ALL.iter().map(|(_, n)| *n).collect();
                err(
                    line_of(&format!("[{section}]")),
                    Some(section.clone()),
                    format!("unknown section (expected one of: {})", names.join(", ")),
                )
            })?;
            let toml::Value::Table(keys) = value else {
                return Err(err(
                    line_of(section),
                    Some(section.clone()),
                    "expected a table".into(),
                ));
            };
            for (key, action) in keys {
                let field = Some(format!("{section}.{key}"));
                let line = line_of(&format!("\"{key}\""));
                let chord = Chord::parse(key)
                    .ok_or_else(|| err(line, field.clone(), format!("unknown key '{key}'")))?;
                let name = action.as_str().ok_or_else(|| {
                    err(
                        line,
                        field.clone(),
                        "expected an action name in quotes".into(),
                    )
                })?;
                if name == "none" {
                    self.bindings.remove(&(ctx, chord));
                    continue;
                }
                let command = COMMANDS.iter().find(|c| c.name == name).ok_or_else(|| {
                    let names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
                    err(
                        line,
                        field.clone(),
                        format!("unknown action '{name}' (known: {})", names.join(", ")),
                    )
                })?;
                self.bindings.insert((ctx, chord), command);
            }
        }
        Ok(())
    }

    /// The action for a key on a screen: the screen's own binding first, then the global one.
    pub fn action(&self, context: impl Into<KeyContext>, key: &KeyEvent) -> Option<Action> {
        let chord = Chord::from_event(key)?;
        self.bindings
            .get(&(context.into(), chord))
            .or_else(|| self.bindings.get(&(KeyContext::Global, chord)))
            .map(|c| (c.action)())
    }

    /// Help rows for a screen: (keys, what they do), the screen's bindings then the global ones.
    pub fn help(&self, context: impl Into<KeyContext>) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(String, &'static str)> = Vec::new();
        for ctx in [context.into(), KeyContext::Global] {
            for command in COMMANDS {
                let keys: Vec<String> = self
                    .bindings
                    .iter()
                    .filter(|((c, _), cmd)| *c == ctx && cmd.name == command.name)
                    .map(|((_, chord), _)| chord.label())
                    .collect();
                if !keys.is_empty() && !rows.iter().any(|(_, h)| *h == command.help) {
                    rows.push((keys.join(" "), command.help));
                }
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn defaults_map_vim_keys_arrows_and_global_quit() {
        let map = Keymap::default();
        let none = KeyModifiers::NONE;
        assert_eq!(
            map.action(Screen::BrowseList, &key(KeyCode::Char('j'), none)),
            Some(Action::Down)
        );
        assert_eq!(
            map.action(Screen::BrowseList, &key(KeyCode::Down, none)),
            Some(Action::Down)
        );
        assert_eq!(
            map.action(
                Screen::BrowseList,
                &key(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ),
            Some(Action::Bottom)
        );
        assert_eq!(
            map.action(
                Screen::BrowseDetail,
                &key(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            map.action(Screen::Home, &key(KeyCode::Char('?'), none)),
            Some(Action::ToggleHelp)
        );
        assert!(
            map.help(Screen::BrowseList)
                .iter()
                .any(|(k, h)| k.contains('/') && *h == "fuzzy search")
        );
    }

    #[test]
    fn every_screen_but_home_and_typing_has_esc_as_a_way_out() {
        let map = Keymap::default();
        let esc = key(KeyCode::Esc, KeyModifiers::NONE);
        for (context, name) in KeyContext::ALL {
            if matches!(
                context,
                KeyContext::Global | KeyContext::Home | KeyContext::PracticeRun
            ) {
                continue;
            }
            let action = map.action(context, &esc);
            assert!(
                matches!(
                    action,
                    Some(Action::Back | Action::TogglePause | Action::EndSession)
                ),
                "[{name}] Esc does {action:?}"
            );
        }
    }

    #[test]
    fn q_leaves_practice_feedback_and_results() {
        let map = Keymap::default();
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(
            map.action(KeyContext::PracticeReview, &q),
            Some(Action::Back)
        );
    }

    #[test]
    fn user_overlay_rebinds_and_unbinds() {
        let mut map = Keymap::default();
        map.apply(
            Path::new("k.toml"),
            "[browse]\n\"x\" = \"star\"\n\"s\" = \"none\"\n",
        )
        .unwrap();
        let none = KeyModifiers::NONE;
        assert_eq!(
            map.action(Screen::BrowseList, &key(KeyCode::Char('x'), none)),
            Some(Action::ToggleStar)
        );
        assert_eq!(
            map.action(Screen::BrowseList, &key(KeyCode::Char('s'), none)),
            None
        );
    }

    #[test]
    fn bad_user_keymap_names_file_line_and_action_and_keeps_defaults() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("keymap.toml"),
            "[browse]\n\"x\" = \"star\"\n\"y\" = \"launch_rockets\"\n",
        )
        .unwrap();
        let (map, err) = Keymap::load(dir.path());
        let err = err.unwrap().to_string();
        assert!(err.contains("keymap.toml:3"), "{err}");
        assert!(err.contains("unknown action 'launch_rockets'"), "{err}");
        let none = KeyModifiers::NONE;
        assert_eq!(
            map.action(Screen::BrowseList, &key(KeyCode::Char('x'), none)),
            None
        );
        assert_eq!(
            map.action(Screen::BrowseList, &key(KeyCode::Char('s'), none)),
            Some(Action::ToggleStar)
        );
    }
}
