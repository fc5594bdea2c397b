//! The prep guide view: a sidebar of sections and the selected section rendered from Markdown
//! (tui-markdown), scrollable, with the keys for practice and mock in the footer.

use super::theme::Theme;
use super::widgets::{footer, screen_areas, title_bar};
use crate::tui::state::AppState;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// Draws the prep guide screen.
pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let [top, body, bottom] = screen_areas(area);
    let prep = &state.prep;
    let Some(guide) = prep.guide.as_deref() else {
        title_bar(frame, top, "Prep guide", "", theme);
        frame.render_widget(
            Paragraph::new("No guide loaded. Build one with `hotseat prep --jd FILE --open`.")
                .style(theme.dim)
                .wrap(Wrap { trim: true }),
            body,
        );
        footer(frame, bottom, &[("q", "back")], state, theme);
        return;
    };
    let right = format!("{} · {}", guide.stage.as_str(), guide.context.role.label());
    // leave room for the brand on the left and the stage and role on the right
    let room = usize::from(area.width).saturating_sub(right.chars().count() + 26);
    let heading = guide.heading();
    let crumb = if heading.chars().count() > room {
        let cut: String = heading.chars().take(room.saturating_sub(1)).collect();
        format!("Prep guide › {cut}…")
    } else {
        format!("Prep guide › {heading}")
    };
    title_bar(frame, top, &crumb, &right, theme);
    let side_width = if area.width >= 110 { 28 } else { 22 };
    let [side, content] =
        Layout::horizontal([Constraint::Length(side_width), Constraint::Min(20)]).areas(body);
    let items: Vec<Line<'_>> = prep
        .sections
        .iter()
        .enumerate()
        .map(|(i, (kind, _))| {
            let selected = i == prep.selected;
            Line::from(vec![
                Span::styled(if selected { "▶ " } else { "  " }, theme.accent),
                Span::styled(
                    if side_width >= 28 {
                        kind.title()
                    } else {
                        kind.short()
                    },
                    if selected { theme.selected } else { theme.text },
                ),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(items).block(
            Block::default()
                .borders(Borders::RIGHT)
                .border_style(theme.dim)
                .title(Span::styled(" Sections ", theme.title)),
        ),
        side,
    );
    if let Some((kind, md)) = prep.current() {
        let text = tui_markdown::from_str(md);
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(theme.dim)
            .title(Span::styled(format!(" {} ", kind.title()), theme.title));
        frame.render_widget(
            Paragraph::new(text)
                .block(block)
                .wrap(Wrap { trim: false })
                .scroll((prep.scroll, 0)),
            content.inner(ratatui::layout::Margin::new(1, 0)),
        );
    }
    footer(
        frame,
        bottom,
        &[
            ("↑↓", "scroll"),
            ("Tab ←→", "section"),
            ("p", "practise these"),
            ("m", "mock this stage"),
            ("q", "back"),
        ],
        state,
        theme,
    );
}
