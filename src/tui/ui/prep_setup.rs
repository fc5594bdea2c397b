//! The prep guide form view: the inputs with their values typed inline and any error under the
//! field it belongs to, the Build button (or "Building the guide…"), and the saved guides below.

use super::mock::wrap;
use super::theme::Theme;
use super::widgets::{footer, screen_areas, title_bar};
use crate::domain::InterviewStage;
use crate::prep::InputField;
use crate::tui::state::AppState;
use crate::tui::state::prep_setup::{PrepSetupState, Row};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// Columns taken by the marker and the label before a value.
const LABEL_WIDTH: usize = 28;

/// Draws the prep guide form.
pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let [top, body, bottom] = screen_areas(area);
    let setup = &state.prep_setup;
    let mode = state.prep.llm_model.as_ref().map_or_else(
        || "offline guide".to_string(),
        |m| format!("offline guide, then {m} enriches it"),
    );
    title_bar(frame, top, "Prep guide", &mode, theme);
    let body = body.inner(Margin::new(1, 0));
    let form = form_lines(setup, usize::from(body.width), theme);
    let form_height = u16::try_from(form.len() + 2).unwrap_or(u16::MAX);
    let [form_area, guides_area] =
        Layout::vertical([Constraint::Length(form_height), Constraint::Min(0)]).areas(body);
    frame.render_widget(
        Paragraph::new(form).block(section(" Build a guide ", theme)),
        form_area,
    );
    render_guides(frame, guides_area, setup, theme);
    footer(frame, bottom, &hints(setup), state, theme);
}

fn section<'a>(title: &'a str, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme.title))
        .border_style(theme.dim)
}

fn hints(setup: &PrepSetupState) -> Vec<(&'static str, &'static str)> {
    if setup.building.is_some() {
        return vec![("Esc", "cancel the build")];
    }
    let mut hints = vec![("↑↓", "move")];
    match setup.row() {
        Row::Field(InputField::Stage) => hints.push(("←→", "stage")),
        Row::Field(InputField::Days) => hints.push(("←→", "±1 day")),
        Row::Field(_) => hints.push(("Ctrl-U", "clear")),
        Row::Build => hints.push(("Enter", "build")),
        Row::Guide(_) => hints.push(("Enter", "open")),
    }
    hints.push(("Ctrl-S", "build"));
    hints.push(("F1", "keys"));
    hints.push(("Esc", "back"));
    hints
}

/// What an empty field says it wants.
fn placeholder(field: InputField) -> &'static str {
    match field {
        InputField::JobDescription => "required: a file path or an http(s) URL",
        InputField::Resume => "optional: a text or Markdown file",
        InputField::Company => "optional",
        InputField::Notes => "optional: notes from earlier rounds, a file",
        InputField::Stage | InputField::Days => "",
    }
}

/// `text` cut to its last `width` characters (the end is where the cursor is).
fn tail(text: &str, width: usize) -> String {
    let n = text.chars().count();
    if n <= width {
        return text.to_string();
    }
    let keep = width.saturating_sub(1);
    let rest: String = text.chars().skip(n - keep).collect();
    format!("…{rest}")
}

fn value_spans(
    setup: &PrepSetupState,
    field: InputField,
    focused: bool,
    width: usize,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let typing = focused && setup.building.is_none();
    if field == InputField::Stage {
        let stage = setup.form.stage.as_str().replace('_', " ");
        return if focused {
            vec![
                Span::styled("◀ ", theme.accent),
                Span::styled(stage, theme.selected),
                Span::styled(" ▶", theme.accent),
            ]
        } else {
            vec![Span::styled(stage, theme.text)]
        };
    }
    let text = setup.form.text(field).unwrap_or_default();
    let mut spans = Vec::new();
    if text.is_empty() {
        if typing {
            spans.push(Span::styled("▏", theme.accent));
        }
        spans.push(Span::styled(placeholder(field).to_string(), theme.dim));
        return spans;
    }
    let room = width.saturating_sub(usize::from(typing));
    spans.push(Span::styled(
        tail(text, room),
        if focused { theme.selected } else { theme.text },
    ));
    if field == InputField::Days {
        spans.push(Span::styled(" days", theme.dim));
    }
    if typing {
        spans.push(Span::styled("▏", theme.accent));
    }
    spans
}

fn form_lines(setup: &PrepSetupState, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let value_width = width.saturating_sub(LABEL_WIDTH + 1).max(8);
    let mut lines = Vec::new();
    let row = setup.row();
    for field in InputField::ALL {
        let focused = row == Row::Field(field);
        let mut spans = vec![
            Span::styled(if focused { " ▶ " } else { "   " }, theme.accent),
            Span::styled(
                format!("{:width$}", field.label(), width = LABEL_WIDTH - 3),
                if focused { theme.title } else { theme.dim },
            ),
        ];
        spans.extend(value_spans(setup, field, focused, value_width, theme));
        lines.push(Line::from(spans));
        if let Some(error) = setup.error(field) {
            for (i, part) in wrap(&error.message, value_width.saturating_sub(2))
                .into_iter()
                .enumerate()
            {
                lines.push(Line::from(vec![
                    Span::raw(" ".repeat(LABEL_WIDTH)),
                    Span::styled(if i == 0 { "✗ " } else { "  " }, theme.bad),
                    Span::styled(part, theme.bad),
                ]));
            }
        }
    }
    lines.push(Line::from(""));
    lines.push(build_line(setup, row == Row::Build, theme));
    if let Some(notice) = &setup.notice {
        lines.push(Line::from(Span::styled(format!("   {notice}"), theme.dim)));
    }
    if let Some(failure) = &setup.failure {
        for part in wrap(failure, width.saturating_sub(5)) {
            lines.push(Line::from(Span::styled(format!("   {part}"), theme.bad)));
        }
    }
    lines
}

fn build_line(setup: &PrepSetupState, focused: bool, theme: &Theme) -> Line<'static> {
    if setup.building.is_some() {
        return Line::from(vec![
            Span::styled(" ◷ Building the guide…", theme.accent),
            Span::styled(
                format!(" from {} · Esc cancels", setup.form.job_description),
                theme.dim,
            ),
        ]);
    }
    Line::from(vec![
        Span::styled(if focused { " ▶ " } else { "   " }, theme.accent),
        Span::styled(
            "[ Build the guide ]",
            if focused { theme.selected } else { theme.text },
        ),
        Span::styled("  or Ctrl-S from any field", theme.dim),
    ])
}

fn render_guides(frame: &mut Frame<'_>, area: Rect, setup: &PrepSetupState, theme: &Theme) {
    let count = setup.guides.as_ref().map_or(0, Vec::len);
    let title = format!(" Saved guides ({count}) ");
    let rows = usize::from(area.height.saturating_sub(1)).max(1);
    let width = usize::from(area.width);
    let lines: Vec<Line<'_>> = match setup.guides.as_deref() {
        None => vec![Line::from(Span::styled("   loading…", theme.dim))],
        Some([]) => vec![Line::from(Span::styled(
            "   None yet. The guides you build are saved here; Enter opens one.",
            theme.dim,
        ))],
        Some(guides) => {
            let selected = match setup.row() {
                Row::Guide(i) => Some(i),
                _ => None,
            };
            let first = selected.map_or(0, |i| i.saturating_sub(rows - 1));
            guides
                .iter()
                .enumerate()
                .skip(first)
                .take(rows)
                .map(|(i, g)| {
                    let is_selected = selected == Some(i);
                    let stage = g.stage.map_or_else(|| g.status.clone(), stage_label);
                    // marker, date, two gaps and the stage column; the stage stays near the label
                    let room = width.saturating_sub(3 + 10 + 2 + 2 + 14).min(64);
                    let label = if g.label.chars().count() > room {
                        let cut: String = g.label.chars().take(room.saturating_sub(1)).collect();
                        format!("{cut}…")
                    } else {
                        g.label.clone()
                    };
                    Line::from(vec![
                        Span::styled(if is_selected { " ▶ " } else { "   " }, theme.accent),
                        Span::styled(g.started_at.strftime("%Y-%m-%d").to_string(), theme.dim),
                        Span::raw("  "),
                        Span::styled(
                            format!("{label:room$}"),
                            if is_selected {
                                theme.selected
                            } else {
                                theme.text
                            },
                        ),
                        Span::styled(format!("  {stage}"), theme.dim),
                    ])
                })
                .collect()
        }
    };
    frame.render_widget(Paragraph::new(lines).block(section(&title, theme)), area);
}

fn stage_label(stage: InterviewStage) -> String {
    stage.as_str().replace('_', " ")
}
