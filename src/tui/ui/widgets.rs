//! Small shared pieces: the title bar, the footer with key hints and status, a centred popup rect.

use super::theme::Theme;
use crate::tui::state::AppState;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// The top line: brand, where you are, and something on the right.
pub fn title_bar(frame: &mut Frame<'_>, area: Rect, crumb: &str, right: &str, theme: &Theme) {
    let left = vec![
        Span::styled(" hotseat", theme.title),
        Span::styled(format!(" › {crumb}"), theme.text),
    ];
    frame.render_widget(Paragraph::new(Line::from(left)), area);
    let width = u16::try_from(right.chars().count() + 1)
        .unwrap_or(area.width)
        .min(area.width);
    let r = Rect::new(area.right() - width, area.y, width, 1);
    frame.render_widget(
        Paragraph::new(Span::styled(right.to_string(), theme.dim)),
        r,
    );
}

/// The bottom line: the status message if any, else key hints.
pub fn footer(
    frame: &mut Frame<'_>,
    area: Rect,
    hints: &[(&str, &str)],
    state: &AppState,
    theme: &Theme,
) {
    let line = if let Some(status) = &state.status {
        Line::from(Span::styled(
            format!(
                " {}",
                shorten_middle(&status.text, usize::from(area.width.saturating_sub(1)))
            ),
            if status.error {
                theme.bad
            } else {
                theme.accent
            },
        ))
    } else {
        let mut spans = vec![Span::raw(" ")];
        for (i, (key, what)) in hints.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled("  ", theme.dim));
            }
            spans.push(Span::styled((*key).to_string(), theme.accent));
            spans.push(Span::styled(format!(" {what}"), theme.dim));
        }
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// `text` cut to `width` columns by dropping its middle, so a long message keeps both its
/// start and its end (a saved file's name and extension, the key that retries).
pub fn shorten_middle(text: &str, width: usize) -> String {
    let cols = |c: char| Span::raw(String::from(c)).width();
    if Span::raw(text).width() <= width {
        return text.to_string();
    }
    let Some(room) = width.checked_sub(1) else {
        return String::new();
    };
    let mut head = String::new();
    let mut used = 0;
    for c in text.chars() {
        if used + cols(c) > room.div_ceil(2) {
            break;
        }
        used += cols(c);
        head.push(c);
    }
    let mut tail: Vec<char> = Vec::new();
    for c in text.chars().rev() {
        if used + cols(c) > room {
            break;
        }
        used += cols(c);
        tail.push(c);
    }
    tail.reverse();
    format!("{head}…{}", tail.into_iter().collect::<String>())
}

/// A screen's three bands: the title line, the body, and the footer line.
pub fn screen_areas(area: Rect) -> [Rect; 3] {
    ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Length(1),
        ratatui::layout::Constraint::Min(1),
        ratatui::layout::Constraint::Length(1),
    ])
    .areas(area)
}

/// A rect of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// A bar of `width` cells filled in proportion to `score` out of 100.
pub fn score_bar(score: u8, width: usize) -> String {
    let filled = usize::from(score) * width / 100;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_status_keeps_its_start_and_its_end() {
        let saved = "Saved to /home/me/.local/share/hotseat/guides/acme-senior-backend-engineer-2026-12-06.pdf";
        let short = shorten_middle(saved, 60);
        assert_eq!(Span::raw(short.as_str()).width(), 60, "{short}");
        assert!(short.starts_with("Saved to /home"), "{short}");
        assert!(short.strip_suffix("2026-12-06.pdf").is_some(), "{short}");
        assert_eq!(shorten_middle("fits", 60), "fits");
        let wide = shorten_middle("保存しました 日本語のファイル名.md", 20);
        assert!(Span::raw(wide.as_str()).width() <= 20, "{wide}");
        assert!(wide.strip_suffix("名.md").is_some(), "{wide}");
    }
}

/// `lines` as a wrapped paragraph for `area` (inside `block`, if given), scrolled by `scroll` but
/// never past the point where the last line reaches the bottom; with that furthest scroll, so the
/// app can bring a state scrolled too far back within reach.
pub fn scrolled<'a>(
    lines: Vec<Line<'a>>,
    block: Option<Block<'a>>,
    area: Rect,
    scroll: u16,
) -> (Paragraph<'a>, u16) {
    let inner = block.as_ref().map_or(area, |b| b.inner(area));
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let total = paragraph.line_count(inner.width);
    let max = u16::try_from(total.saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX);
    let paragraph = paragraph.scroll((scroll.min(max), 0));
    let paragraph = match block {
        Some(b) => paragraph.block(b),
        None => paragraph,
    };
    (paragraph, max)
}

#[cfg(test)]
mod scroll_tests {
    use super::*;

    #[test]
    fn scrolling_stops_when_the_last_line_is_at_the_bottom() {
        let lines: Vec<Line> = (0..30).map(|i| Line::from(format!("line {i}"))).collect();
        let area = Rect::new(0, 0, 20, 10);
        let (_, max) = scrolled(lines.clone(), None, area, 0);
        assert_eq!(max, 20);
        let (_, max) = scrolled(lines.clone(), Some(Block::bordered()), area, 0);
        assert_eq!(max, 22, "borders take two rows");
        let (_, max) = scrolled(lines[..5].to_vec(), None, area, 50);
        assert_eq!(max, 0, "short content does not scroll");
    }

    #[test]
    fn wrapped_lines_count_as_the_rows_they_take() {
        let long = Line::from("word ".repeat(40)); // 200 columns
        let (_, max) = scrolled(vec![long], None, Rect::new(0, 0, 20, 5), 0);
        assert!(max >= 5, "{max}");
    }
}
