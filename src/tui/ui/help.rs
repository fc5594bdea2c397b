//! The help overlay: the current screen's keys, built from the keymap's descriptions.

use super::theme::Theme;
use super::widgets::centered;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Draws the help popup over `area`.
pub fn render(frame: &mut Frame<'_>, area: Rect, rows: &[(String, &'static str)], theme: &Theme) {
    let key_width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let text_width = rows
        .iter()
        .map(|(_, h)| h.chars().count())
        .max()
        .unwrap_or(0);
    let w = u16::try_from(key_width + text_width + 7).unwrap_or(u16::MAX);
    let h = u16::try_from(rows.len() + 4).unwrap_or(u16::MAX);
    let rect = centered(area, w.max(30), h);
    let mut lines: Vec<Line<'_>> = rows
        .iter()
        .map(|(keys, help)| {
            Line::from(vec![
                Span::styled(format!(" {keys:>key_width$} "), theme.accent),
                Span::styled(format!(" {help}"), theme.text),
            ])
        })
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        " Esc or ? closes this help",
        theme.dim,
    )));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(" Keys ", theme.title))
                .border_style(theme.dim),
        ),
        rect,
    );
}
