//! The History view: past sessions and saved prep guides newest first, and one session in full
//! (a mock interview's report and transcript, or a practice session's attempts).

use super::mock::{plain_transcript, report_lines, wrap};
use super::theme::Theme;
use super::widgets::scrolled;
use super::widgets::{footer, screen_areas, title_bar};
use crate::interview::MockStatus;
use crate::interview::history::{HistoryDetail, HistoryKind};
use crate::tui::state::AppState;
use crate::tui::state::history::HistoryState;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// Draws the History screen.
/// Draws History; returns how far an open entry's detail can scroll.
pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) -> Option<u16> {
    let [top, body, bottom] = screen_areas(area);
    let h = &state.history;
    if let Some(detail) = &h.detail {
        return Some(render_detail(
            frame, top, body, bottom, detail, state, theme,
        ));
    }
    let entries = h.entries.as_deref().unwrap_or_default();
    let guides = entries
        .iter()
        .filter(|e| e.kind == HistoryKind::Guide)
        .count();
    let sessions = entries.len() - guides;
    let count = if guides > 0 {
        format!("{sessions} session(s) · {guides} guide(s)")
    } else {
        format!("{sessions} session(s)")
    };
    title_bar(frame, top, "History", &count, theme);
    let rows: Vec<Line> = match &h.entries {
        None => vec![Line::from(Span::styled(" loading…", theme.dim))],
        Some(e) if e.is_empty() => vec![Line::from(Span::styled(
            " Nothing yet. Run a mock interview from the home screen (m), or build a guide with `hotseat prep`.",
            theme.dim,
        ))],
        Some(entries) => {
            let visible = HistoryState::visible_rows(area.height);
            let first = h.first_visible(visible);
            entries
                .iter()
                .enumerate()
                .skip(first)
                .take(visible)
                .map(|(i, e)| {
                    let style = if i == h.selected {
                        theme.selected
                    } else {
                        theme.text
                    };
                    let kind = e.kind.label();
                    let total = e
                        .total
                        .map_or_else(|| "  –".to_string(), |t| format!("{t:3}"));
                    Line::from(vec![
                        Span::styled(
                            format!(" {} ", e.started_at.strftime("%Y-%m-%d %H:%M")),
                            theme.dim,
                        ),
                        Span::styled(format!("{kind:8} "), style),
                        Span::styled(total, e.total.map_or(theme.dim, |t| theme.score(t))),
                        Span::styled(format!("  {:11}  ", e.status), theme.dim),
                        Span::styled(e.label.clone(), style),
                    ])
                })
                .collect()
        }
    };
    frame.render_widget(
        Paragraph::new(rows).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.dim)
                .title(Span::styled(
                    if guides > 0 {
                        " Sessions and guides "
                    } else {
                        " Sessions "
                    },
                    theme.title,
                )),
        ),
        body,
    );
    footer(
        frame,
        bottom,
        &[("↑↓", "move"), ("Enter", "open"), ("Esc", "back")],
        state,
        theme,
    );
    None
}

fn render_detail(
    frame: &mut Frame<'_>,
    top: Rect,
    body: Rect,
    bottom: Rect,
    detail: &HistoryDetail,
    state: &AppState,
    theme: &Theme,
) -> u16 {
    let width = usize::from(body.width.saturating_sub(2));
    let (crumb, lines, hints): (String, Vec<Line>, Vec<(&str, &str)>) = match detail {
        HistoryDetail::Mock(record) => {
            let status = record.status();
            let mut lines = vec![Line::from(vec![
                Span::styled(format!(" {}", record.interview.persona.name), theme.title),
                Span::styled(format!(" · {}", status.label()), theme.dim),
            ])];
            lines.push(Line::from(Span::styled(
                format!(" {}", record.interview.setup.label()),
                theme.dim,
            )));
            let mut hints = vec![("↑↓", "scroll")];
            if status == MockStatus::InProgress {
                lines.push(Line::from(Span::styled(
                    " This interview was interrupted. Press r to resume it, or p for the report so far.",
                    theme.warn,
                )));
                hints.push(("r", "resume"));
                hints.push(("p", "partial report"));
            } else {
                hints.push(("p", "report"));
            }
            hints.push(("Esc", "back"));
            lines.push(Line::raw(""));
            lines.extend(report_lines(&record.report_or_partial(), theme));
            lines.extend(plain_transcript(
                &record.interview.transcript,
                &record.interview.persona.short_name(),
                width,
                theme,
            ));
            (
                format!(
                    "History › mock {}",
                    record.interview.started_at.strftime("%Y-%m-%d %H:%M")
                ),
                lines,
                hints,
            )
        }
        HistoryDetail::Practice { session, attempts } => {
            let mut lines = vec![Line::from(Span::styled(
                format!(" {}", session.label),
                theme.title,
            ))];
            for a in attempts {
                let score = a
                    .total()
                    .map_or_else(|| "  –".to_string(), |t| format!("{t:3}"));
                lines.push(Line::raw(""));
                lines.push(Line::from(vec![
                    Span::styled(
                        format!(" {score} "),
                        a.total().map_or(theme.dim, |t| theme.score(t)),
                    ),
                    Span::styled(a.question_id.clone(), theme.accent),
                ]));
                for w in wrap(&a.answer, width.saturating_sub(4)) {
                    lines.push(Line::from(Span::styled(format!("   {w}"), theme.text)));
                }
            }
            (
                format!(
                    "History › practice {}",
                    session.started_at.strftime("%Y-%m-%d %H:%M")
                ),
                lines,
                vec![("↑↓", "scroll"), ("Esc", "back")],
            )
        }
    };
    title_bar(frame, top, &crumb, "", theme);
    let (paragraph, max_scroll) = scrolled(
        lines,
        Some(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.dim),
        ),
        body,
        state.history.scroll,
    );
    frame.render_widget(paragraph, body);
    footer(frame, bottom, &hints, state, theme);
    max_scroll
}
