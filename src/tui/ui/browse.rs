//! The browse views: the filtered, searchable question list with a preview, and one question in full.

use super::theme::{Theme, kind_badge};
use super::widgets::scrolled;
use super::widgets::{footer, score_bar, screen_areas, title_bar};
use crate::domain::{Difficulty, Question};
use crate::tui::action::PastScore;
use crate::tui::state::AppState;
use crate::tui::state::browse::{BrowseState, InputKind};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph, Sparkline, Wrap};

/// Terminal width from which the list shows a preview pane beside it.
pub const PREVIEW_MIN_WIDTH: u16 = 110;

fn filter_bar(b: &BrowseState, theme: &Theme) -> Line<'static> {
    let item = |key: &str, label: &str, value: String, active: bool| {
        vec![
            Span::styled(format!("{key} "), theme.accent),
            Span::styled(format!("{label}:"), theme.dim),
            Span::styled(value, if active { theme.title } else { theme.text }),
            Span::raw("  "),
        ]
    };
    let mut spans = vec![Span::raw(" ")];
    spans.extend(item(
        "t",
        "kind",
        b.filter
            .kind
            .map_or("all".into(), |k| k.as_str().to_string()),
        b.filter.kind.is_some(),
    ));
    spans.extend(item(
        "r",
        "role",
        b.filter
            .role
            .map_or("all".into(), |r| r.as_str().to_string()),
        b.filter.role.is_some(),
    ));
    spans.extend(item(
        "d",
        "level",
        b.filter
            .difficulty
            .map_or("all".into(), |d| d.as_str().to_string()),
        b.filter.difficulty.is_some(),
    ));
    spans.extend(item(
        "#",
        "tag",
        b.filter.tag.clone().unwrap_or_else(|| "any".into()),
        b.filter.tag.is_some(),
    ));
    spans.extend(item(
        "*",
        "starred",
        if b.starred_only { "only" } else { "any" }.into(),
        b.starred_only,
    ));
    Line::from(spans)
}

fn search_line(b: &BrowseState, theme: &Theme) -> Line<'static> {
    let editing = b.input.as_ref().map(|i| i.kind);
    let (label, text) = match editing {
        Some(InputKind::Tag) => ("tag", b.tag_text.clone()),
        _ => ("/", b.query.clone()),
    };
    let mut spans = vec![Span::styled(format!(" {label} "), theme.accent)];
    if text.is_empty() && editing.is_none() {
        spans.push(Span::styled(
            "press / to search prompts, categories and tags",
            theme.dim,
        ));
    } else {
        spans.push(Span::styled(text, theme.text));
    }
    if editing.is_some() {
        spans.push(Span::styled("▏", theme.accent));
        spans.push(Span::styled("   Enter open · Esc cancel", theme.dim));
    }
    Line::from(spans)
}

/// The prompt as spans, with matched characters highlighted, cut to `width` characters.
fn highlighted_prompt(
    q: &Question,
    matched: &[usize],
    width: usize,
    base: Style,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    let count = q.prompt.chars().count();
    for (i, c) in q.prompt.chars().enumerate() {
        if i + 1 >= width && count > width {
            run.push('…');
            break;
        }
        let is_match = matched.binary_search(&i).is_ok();
        if is_match != run_matched && !run.is_empty() {
            let style = if run_matched {
                base.patch(theme.matched)
            } else {
                base
            };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_matched = is_match;
        run.push(if c == '\n' { ' ' } else { c });
    }
    if !run.is_empty() {
        let style = if run_matched {
            base.patch(theme.matched)
        } else {
            base
        };
        spans.push(Span::styled(run, style));
    }
    spans
}

/// Draws the question list (with a preview pane on wide terminals).
pub fn render_list(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let b = &state.browse;
    let [top, filters, search, body, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    title_bar(
        frame,
        top,
        "Browse",
        &format!(
            "{} of {} questions",
            b.visible.len(),
            b.bank().questions().len()
        ),
        theme,
    );
    frame.render_widget(Paragraph::new(filter_bar(b, theme)), filters);
    frame.render_widget(Paragraph::new(search_line(b, theme)), search);
    let (list_area, preview) = if area.width >= PREVIEW_MIN_WIDTH {
        let [l, p] = Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
            .areas(body);
        (l, Some(p))
    } else {
        (body, None)
    };
    frame.render_widget(Paragraph::new(list_lines(b, list_area, theme)), list_area);
    if let (Some(preview), Some(q)) = (preview, b.selected_question()) {
        frame.render_widget(
            Paragraph::new(preview_lines(q, theme))
                .wrap(Wrap { trim: true })
                .block(
                    Block::default()
                        .borders(Borders::LEFT)
                        .border_style(theme.dim)
                        .padding(Padding::horizontal(1)),
                ),
            preview,
        );
    }
    footer(
        frame,
        bottom,
        &[
            ("↑↓", "move"),
            ("Enter", "open"),
            ("/", "search"),
            ("t r d", "filter"),
            ("s", "star"),
            ("?", "keys"),
            ("q", "back"),
        ],
        state,
        theme,
    );
}

fn list_lines(b: &BrowseState, area: Rect, theme: &Theme) -> Vec<Line<'static>> {
    if b.visible.is_empty() {
        // while a search or tag is being typed, c would type a c
        let hint = if b.input.is_some() {
            "  No questions match. Backspace to edit, Esc to put back what was there."
        } else {
            "  No questions match. Press c to clear filters and search."
        };
        return vec![Line::from(Span::styled(hint, theme.dim))];
    }
    let questions = b.bank().questions();
    let width = usize::from(area.width).saturating_sub(12);
    b.visible
        .iter()
        .enumerate()
        .skip(b.offset)
        .take(usize::from(area.height))
        .map(|(row, &qi)| {
            let q = &questions[qi];
            let selected = row == b.selected;
            let base = if selected { theme.selected } else { theme.text };
            let mut spans = vec![
                Span::styled(if selected { "▶" } else { " " }, theme.accent),
                Span::styled(
                    if b.starred.contains(&q.id) {
                        "★"
                    } else {
                        " "
                    },
                    theme.warn,
                ),
                Span::styled(format!("{:<4} ", kind_badge(q.kind)), theme.kind(q.kind)),
                Span::styled(
                    match q.difficulty {
                        Difficulty::Easy => "easy ",
                        Difficulty::Medium => "med  ",
                        Difficulty::Hard => "hard ",
                    },
                    theme.difficulty(q.difficulty),
                ),
            ];
            let matched = b.highlights.get(&qi).map_or(&[][..], Vec::as_slice);
            spans.extend(highlighted_prompt(q, matched, width, base, theme));
            Line::from(spans)
        })
        .collect()
}

fn preview_lines(q: &Question, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(Span::styled(q.prompt.clone(), theme.title)),
        Line::from(Span::styled(
            format!(
                "{} · {} · {} · {}s",
                q.kind.label(),
                q.category,
                q.difficulty,
                q.time_limit()
            ),
            theme.dim,
        )),
        Line::from(""),
    ];
    if !q.guidance.is_empty() {
        lines.push(Line::from(Span::styled(
            q.guidance.trim().to_string(),
            theme.text,
        )));
        lines.push(Line::from(""));
    }
    for tp in &q.talking_points {
        lines.push(bullet(&tp.point, theme));
    }
    lines
}

fn section(title: &str, theme: &Theme) -> Line<'static> {
    Line::from(Span::styled(title.to_string(), theme.title))
}

fn bullet(text: &str, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled("• ", theme.accent),
        Span::styled(text.to_string(), theme.text),
    ])
}

fn detail_lines(b: &BrowseState, q: &Question, theme: &Theme) -> Vec<Line<'static>> {
    let roles: Vec<&str> = q.roles.iter().map(|r| r.as_str()).collect();
    let mut lines = vec![
        Line::from(Span::styled(q.prompt.clone(), theme.title)),
        Line::from(vec![
            Span::styled(q.kind.label().to_string(), theme.kind(q.kind)),
            Span::styled(format!(" · {} · ", q.category), theme.dim),
            Span::styled(
                q.difficulty.as_str().to_string(),
                theme.difficulty(q.difficulty),
            ),
            Span::styled(
                format!(" · {} · {}s", roles.join(", "), q.time_limit()),
                theme.dim,
            ),
        ]),
        Line::from(""),
    ];
    if !q.guidance.is_empty() {
        lines.push(section("How to approach it", theme));
        lines.push(Line::from(Span::styled(
            q.guidance.trim().to_string(),
            theme.text,
        )));
        lines.push(Line::from(""));
    }
    lines.push(section("Talking points", theme));
    for tp in &q.talking_points {
        lines.push(bullet(&tp.point, theme));
        lines.push(Line::from(Span::styled(
            format!("    shows it: {}", tp.evidence.join(", ")),
            theme.dim,
        )));
    }
    lines.push(Line::from(""));
    if !q.follow_ups.is_empty() {
        lines.push(section("Follow-ups", theme));
        lines.extend(q.follow_ups.iter().map(|f| bullet(f, theme)));
        lines.push(Line::from(""));
    }
    lines.push(section("Example answer", theme));
    if q.example_answer.trim().is_empty() {
        lines.push(Line::from(Span::styled("(none in the bank)", theme.dim)));
    } else if b.show_example {
        for para in q.example_answer.trim().split("\n\n") {
            lines.push(Line::from(Span::styled(
                para.replace('\n', " "),
                theme.text,
            )));
        }
    } else {
        lines.push(Line::from(Span::styled(
            "hidden until you have answered it yourself — press e to reveal",
            theme.dim,
        )));
    }
    lines.push(Line::from(""));
    if !q.tags.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("tags: {}", q.tags.join(", ")),
            theme.dim,
        )));
        lines.push(Line::from(""));
    }
    lines.push(section("Your attempts", theme));
    lines.extend(history_lines(history_of(b, q), theme));
    lines
}

fn history_of<'a>(b: &'a BrowseState, q: &Question) -> Option<&'a [PastScore]> {
    b.history
        .as_ref()
        .filter(|(id, _)| *id == q.id)
        .map(|(_, s)| s.as_slice())
}

fn history_lines(history: Option<&[PastScore]>, theme: &Theme) -> Vec<Line<'static>> {
    match history {
        None => vec![Line::from(Span::styled("loading…", theme.dim))],
        Some([]) => vec![Line::from(Span::styled("not attempted yet", theme.dim))],
        Some(scores) => {
            let best = scores.iter().map(|s| s.total).max().unwrap_or(0);
            let mut lines = vec![Line::from(Span::styled(
                format!("{} attempt(s), best {best}/100", scores.len()),
                theme.text,
            ))];
            for s in scores.iter().rev().take(5) {
                lines.push(Line::from(vec![
                    Span::styled(format!("{}  ", s.at.strftime("%Y-%m-%d")), theme.dim),
                    Span::styled(score_bar(s.total, 20), theme.score(s.total)),
                    Span::styled(format!(" {}", s.total), theme.score(s.total)),
                ]));
            }
            lines
        }
    }
}

/// Draws one question in full.
pub fn render_detail(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
) -> Option<u16> {
    let b = &state.browse;
    let [top, body, bottom] = screen_areas(area);
    let q = b.selected_question()?;
    let starred = b.starred.contains(&q.id);
    title_bar(
        frame,
        top,
        &format!("Browse › {}", q.id),
        if starred { "★ starred" } else { "" },
        theme,
    );
    let history = history_of(b, q).filter(|s| !s.is_empty());
    let (text_area, spark_area) = if history.is_some() && body.height > 12 {
        let [t, s] = Layout::vertical([Constraint::Min(1), Constraint::Length(3)]).areas(body);
        (t, Some(s))
    } else {
        (body, None)
    };
    let (paragraph, max_scroll) = scrolled(
        detail_lines(b, q, theme),
        Some(Block::default().padding(Padding::horizontal(1))),
        text_area,
        b.detail_scroll,
    );
    frame.render_widget(paragraph, text_area);
    if let (Some(area), Some(scores)) = (spark_area, history) {
        let data: Vec<u64> = scores.iter().map(|s| u64::from(s.total)).collect();
        frame.render_widget(
            Sparkline::default()
                .data(&data)
                .max(100)
                .style(theme.accent)
                .block(
                    Block::default()
                        .borders(Borders::TOP)
                        .title(" scores over time ")
                        .border_style(theme.dim),
                ),
            area,
        );
    }
    footer(
        frame,
        bottom,
        &[
            ("↑↓", "scroll"),
            ("e", "example answer"),
            ("s", "star"),
            ("?", "keys"),
            ("q", "back"),
        ],
        state,
        theme,
    );
    Some(max_scroll)
}
