//! The home view: streak, last score, reviews due, this week, the menu of screens, recent sessions.

use super::theme::Theme;
use super::widgets::{footer, screen_areas, title_bar};
use crate::analytics::HomeSummary;
use crate::tui::state::AppState;
use crate::tui::state::home::MenuEntry;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// Rows of the streak / score block above the menu.
const STATS_ROWS: u16 = 5;
/// The terminal row of the first menu entry: the title bar, the stats block, the menu's rule.
pub const MENU_TOP_ROW: u16 = 1 + STATS_ROWS + 1;

/// Draws the home screen.
pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let [top, body, bottom] = screen_areas(area);
    let bank = &state.bank;
    title_bar(
        frame,
        top,
        "Home",
        &format!(
            "{} questions · {} personas",
            bank.questions().len(),
            bank.personas().len()
        ),
        theme,
    );
    let [stats_area, menu_area, recent_area] = Layout::vertical([
        Constraint::Length(STATS_ROWS),
        Constraint::Length(u16::try_from(MenuEntry::ALL.len() * 2 + 3).unwrap_or(5)),
        Constraint::Min(0),
    ])
    .areas(body.inner(Margin::new(1, 0)));
    let summary = state.home.summary.as_ref();
    frame.render_widget(
        Paragraph::new({
            let mut lines = stats_lines(summary, theme);
            lines.push(Line::from(Span::styled(
                state.llm_status.clone(),
                theme.dim,
            )));
            lines
        })
        .wrap(Wrap { trim: true }),
        stats_area,
    );
    frame.render_widget(
        Paragraph::new(menu_lines(state.home.selected, theme)).block(section(" Start ", theme)),
        menu_area,
    );
    frame.render_widget(
        Paragraph::new(recent_lines(summary, theme)).block(section(" Recent sessions ", theme)),
        recent_area,
    );
    footer(
        frame,
        bottom,
        &[
            ("↑↓", "move"),
            ("Enter", "open"),
            ("?", "keys"),
            ("q", "quit"),
        ],
        state,
        theme,
    );
}

fn section<'a>(title: &'a str, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme.title))
        .border_style(theme.dim)
}

fn labelled(label: &str, value: String, style: Style, theme: &Theme) -> [Span<'static>; 2] {
    [
        Span::styled(format!("{label} "), theme.dim),
        Span::styled(value, style),
    ]
}

fn stats_lines(summary: Option<&HomeSummary>, theme: &Theme) -> Vec<Line<'static>> {
    let last = summary.and_then(|s| s.last_score);
    let mut first = Vec::new();
    first.extend(labelled(
        "streak",
        summary.map_or_else(|| "…".into(), |s| plural(u64::from(s.streak_days), "day")),
        theme.title,
        theme,
    ));
    first.push(Span::raw("    "));
    // "…" while the store is still being read; "—" once it is known there is no score yet
    let no_score = if summary.is_some() { "—" } else { "…" };
    first.extend(labelled(
        "last score",
        last.map_or_else(|| no_score.into(), |v| format!("{v}/100")),
        last.map_or(theme.dim, |v| theme.score(v)),
        theme,
    ));
    first.push(Span::raw("    "));
    first.extend(labelled(
        "due",
        summary.map_or_else(|| "…".into(), |s| s.due_reviews.to_string()),
        summary.map_or(theme.dim, |s| {
            if s.due_reviews > 0 {
                theme.warn
            } else {
                theme.text
            }
        }),
        theme,
    ));
    first.push(Span::raw("    "));
    first.extend(labelled(
        "this week",
        summary.map_or_else(
            || "…".into(),
            |s| plural(s.attempts_this_week as u64, "answer"),
        ),
        theme.text,
        theme,
    ));
    let second = match summary {
        Some(s) if s.counts.attempts == 0 => Span::styled(
            "No answers yet. Open the prep bank to read questions, guidance and example answers.",
            theme.dim,
        ),
        Some(s) => Span::styled(
            format!(
                "{} answers stored · {} questions starred or attempted",
                s.counts.attempts, s.counts.question_stats
            ),
            theme.dim,
        ),
        None => Span::styled("loading your history…", theme.dim),
    };
    vec![Line::from(""), Line::from(first), Line::from(second)]
}

fn menu_lines(selected: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (i, entry) in MenuEntry::ALL.iter().enumerate() {
        let (label, key) = entry.label();
        let is_selected = i == selected;
        lines.push(Line::from(vec![
            Span::styled(if is_selected { " ▶ " } else { "   " }, theme.accent),
            Span::styled(format!("[{key}] "), theme.accent),
            Span::styled(
                label,
                if is_selected {
                    theme.selected
                } else {
                    theme.text
                },
            ),
        ]));
        lines.push(Line::from(Span::styled(
            format!("       {}", entry.blurb()),
            theme.dim,
        )));
    }
    lines
}

fn recent_lines(summary: Option<&HomeSummary>, theme: &Theme) -> Vec<Line<'static>> {
    match summary.map(|s| s.recent.as_slice()) {
        Some([]) | None => vec![Line::from(Span::styled(
            "   Sessions you finish show up here.",
            theme.dim,
        ))],
        Some(recent) => recent
            .iter()
            .map(|r| {
                let when = r.started_at.strftime("%Y-%m-%d %H:%M").to_string();
                Line::from(vec![
                    Span::styled(format!("   {when}  "), theme.dim),
                    Span::styled(r.label.clone(), theme.text),
                    Span::styled(
                        r.total.map_or_else(String::new, |t| format!("  {t}/100")),
                        r.total.map_or(theme.dim, |t| theme.score(t)),
                    ),
                ])
            })
            .collect(),
    }
}

fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
