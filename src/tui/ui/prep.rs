//! The prep guide view: a sidebar of sections and the selected section rendered from Markdown
//! (tui-markdown), scrollable, with the keys for practice, mock and export in the footer; while the LLM
//! enriches the guide, a progress line and the streamed text.

use super::mock::wrap;
use super::theme::Theme;
use super::widgets::scrolled;
use super::widgets::{footer, screen_areas, title_bar};
use crate::tui::state::AppState;
use crate::tui::state::prep::PrepState;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// Draws the prep guide screen.
/// Draws the guide; returns how far the selected section can scroll.
pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) -> Option<u16> {
    let [top, body, bottom] = screen_areas(area);
    let prep = &state.prep;
    let Some(guide) = prep.guide.as_deref() else {
        title_bar(frame, top, "Prep guide", "", theme);
        frame.render_widget(
            Paragraph::new("No guide loaded. Build one from the home screen (g), or with `hotseat prep --jd FILE --open`.")
                .style(theme.dim)
                .wrap(Wrap { trim: true }),
            body,
        );
        footer(frame, bottom, &[("q", "back")], state, theme);
        return None;
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
    let content = content.inner(ratatui::layout::Margin::new(1, 0));
    let content = enrichment_panels(frame, content, prep, theme);
    let mut max_scroll = None;
    if let Some((kind, md)) = prep.current() {
        let text = tui_markdown::from_str(md);
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(theme.dim)
            .title(Span::styled(format!(" {} ", kind.title()), theme.title));
        let (paragraph, max) = scrolled(text.lines, Some(block), content, prep.scroll);
        frame.render_widget(paragraph, content);
        max_scroll = Some(max);
    }
    let mut hints = vec![("↑↓", "scroll"), ("Tab ←→", "section")];
    if prep.enriching.is_some() {
        hints.push(("Esc", "stop the LLM"));
    } else {
        // narrow screens get the short words, so every key still fits
        let narrow = area.width < 100;
        hints.push(("p", if narrow { "practise" } else { "practise these" }));
        hints.push(("m", if narrow { "mock" } else { "mock this stage" }));
        if prep.llm_model.is_some() && !prep.read_only {
            hints.push(("e", if narrow { "enrich" } else { "enrich (LLM)" }));
        }
        hints.push(("x/X", if narrow { "export" } else { "save .md/.pdf" }));
        hints.push(("q", "back"));
    }
    footer(frame, bottom, &hints, state, theme);
    max_scroll
}

/// Draws the enrichment line (progress, or the last word on it) above the section and, while a
/// section streams, its text so far below; returns the room left for the section.
fn enrichment_panels(frame: &mut Frame<'_>, area: Rect, prep: &PrepState, theme: &Theme) -> Rect {
    let line = match (&prep.enriching, &prep.notice) {
        (Some(p), _) => Some(Line::from(vec![
            Span::styled("✦ ", theme.accent),
            Span::styled(p.line(), theme.accent),
            Span::styled(
                format!(
                    " {} · {} chunk(s)",
                    prep.llm_model.as_deref().unwrap_or("LLM"),
                    p.chunks
                ),
                theme.dim,
            ),
        ])),
        (None, Some(n)) => Some(Line::from(Span::styled(
            n.text.clone(),
            if n.error { theme.warn } else { theme.dim },
        ))),
        (None, None) => None,
    };
    let Some(line) = line else {
        return area;
    };
    let notice_rows = if prep.enriching.is_some() {
        1
    } else {
        // a notice may need two rows on a narrow screen
        u16::try_from(line.width().div_ceil(usize::from(area.width.max(1))))
            .unwrap_or(2)
            .clamp(1, 2)
    };
    let stream_rows = match &prep.enriching {
        Some(_) => (area.height / 3).clamp(4, 12),
        None => 0,
    };
    let [top, middle, bottom] = Layout::vertical([
        Constraint::Length(notice_rows),
        Constraint::Min(3),
        Constraint::Length(stream_rows),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), top);
    if let Some(p) = &prep.enriching {
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(theme.accent)
            .title(Span::styled(
                format!(" Written by an LLM: {} (streaming) ", p.kind.label()),
                theme.title,
            ));
        let inner_width = usize::from(bottom.width.max(1));
        let rows = usize::from(bottom.height.saturating_sub(1));
        let wrapped = wrap(&p.text, inner_width);
        let first = wrapped.len().saturating_sub(rows);
        let text: Vec<Line<'_>> = if p.text.is_empty() {
            vec![Line::from(Span::styled(
                "waiting for the first words…",
                theme.dim,
            ))]
        } else {
            wrapped[first..]
                .iter()
                .map(|l| Line::from(Span::styled(l.clone(), theme.text)))
                .collect()
        };
        frame.render_widget(Paragraph::new(text).block(block), bottom);
    }
    middle
}
