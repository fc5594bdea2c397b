//! The trends view: score-over-time chart with a category toggle, bars per category, a sparkline
//! per dimension, a calendar heatmap, weak areas and the recommended next session — or, with no
//! history, how to start.

use super::theme::Theme;
use super::widgets::{footer, score_bar, screen_areas, title_bar};
use crate::analytics::TrendsData;
use crate::analytics::report::DayPoint;
use crate::tui::state::AppState;
use jiff::ToSpan;
use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph, Sparkline, Wrap,
};
use std::collections::HashMap;

/// Practice days the chart shows at most.
const CHART_DAYS: usize = 120;

/// Draws the trends screen.
pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let [top, body, bottom] = screen_areas(area);
    let data = state.trends.data.as_deref();
    let right = data.map_or_else(String::new, |d| {
        let p = &d.progress;
        format!(
            "{} answers · avg {} · streak {}d · {} due",
            p.answers,
            p.average.map_or_else(|| "—".into(), |a| format!("{a:.0}")),
            p.streaks.current,
            p.due
        )
    });
    title_bar(frame, top, "Trends", &right, theme);
    let hints: &[(&str, &str)] = match data {
        Some(d) if d.progress.answers > 0 => &[
            ("c", "category"),
            ("Enter", "start next session"),
            ("d", "practise due"),
            ("?", "keys"),
            ("q", "back"),
        ],
        _ => &[("?", "keys"), ("q", "back")],
    };
    footer(frame, bottom, hints, state, theme);
    let body = body.inner(Margin::new(1, 0));
    match data {
        None => frame.render_widget(
            Paragraph::new(Span::styled("loading your history…", theme.dim)),
            body,
        ),
        Some(d) if d.progress.answers == 0 => render_empty(frame, body, theme),
        Some(d) => render_data(frame, body, d, state.trends.category, theme),
    }
}

fn render_empty(frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    let lines = vec![
        Line::from(""),
        Line::from(Span::styled(
            "No answers yet, so there is nothing to chart.",
            theme.title,
        )),
        Line::from(""),
        Line::from(Span::styled(
            "Trends fill in as you practise: each scored answer adds to your score over time, \
             per category and per dimension, your streak and practice calendar, and the weak \
             areas that shape your next session.",
            theme.text,
        )),
        Line::from(""),
        Line::from(vec![
            Span::styled("To start: ", theme.text),
            Span::styled("q", theme.accent),
            Span::styled(
                " back to Home, then practise a few questions — or browse the prep bank first.",
                theme.text,
            ),
        ]),
        Line::from(Span::styled(
            "From a shell: `hotseat progress` prints this summary; `hotseat import FILE.json` restores an export.",
            theme.dim,
        )),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

fn section<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme.title))
        .border_style(theme.dim)
}

fn render_data(
    frame: &mut Frame<'_>,
    area: Rect,
    data: &TrendsData,
    category: Option<usize>,
    theme: &Theme,
) {
    let tall = area.height >= 30;
    let [chart_row, middle_row, bottom_row] = Layout::vertical(if tall {
        [
            Constraint::Length(15),
            Constraint::Length(10),
            Constraint::Min(4),
        ]
    } else {
        [
            Constraint::Length(8),
            Constraint::Length(8),
            Constraint::Min(4),
        ]
    })
    .areas(area);
    let side = if area.width >= 110 { 44 } else { 30 };
    let [chart_area, bars_area] =
        Layout::horizontal([Constraint::Min(30), Constraint::Length(side)])
            .spacing(1)
            .areas(chart_row);
    render_chart(frame, chart_area, data, category, theme);
    render_bars(frame, bars_area, data, category, theme);
    let [dims_area, calendar_area] =
        Layout::horizontal([Constraint::Min(30), Constraint::Length(side)])
            .spacing(1)
            .areas(middle_row);
    render_dimensions(frame, dims_area, data, theme);
    render_calendar(frame, calendar_area, data, theme);
    let [weak_area, next_area] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .spacing(2)
            .areas(bottom_row);
    render_weak(frame, weak_area, data, theme);
    render_next(frame, next_area, data, theme);
}

fn render_chart(
    frame: &mut Frame<'_>,
    area: Rect,
    data: &TrendsData,
    category: Option<usize>,
    theme: &Theme,
) {
    let (name, days): (&str, &[DayPoint]) = match category.and_then(|i| data.categories.get(i)) {
        Some(c) => (c.name.as_str(), &c.days),
        None => ("all categories", &data.progress.daily),
    };
    let shown = &days[days.len().saturating_sub(CHART_DAYS)..];
    let title = format!(" Score over time · {name} (c: next) ");
    let block = section(title, theme);
    let (Some(first), Some(last)) = (shown.first(), shown.last()) else {
        frame.render_widget(
            Paragraph::new(Span::styled("no scored answers here yet", theme.dim)).block(block),
            area,
        );
        return;
    };
    let x_of = |d: Date| f64::from(first.date.until(d).map_or(0, |s| s.get_days()));
    let daily: Vec<(f64, f64)> = shown.iter().map(|p| (x_of(p.date), p.average)).collect();
    let moving: Vec<(f64, f64)> = shown
        .iter()
        .map(|p| (x_of(p.date), p.moving_average))
        .collect();
    let span = x_of(last.date).max(1.0);
    let datasets = vec![
        Dataset::default()
            .name("day")
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(theme.dim)
            .data(&daily),
        Dataset::default()
            .name("7-day avg")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.accent)
            .data(&moving),
    ];
    let chart = Chart::new(datasets)
        .block(block)
        .x_axis(
            Axis::default()
                .style(theme.dim)
                .bounds([0.0, span])
                .labels([
                    Span::styled(first.date.strftime("%b %d").to_string(), theme.dim),
                    Span::styled(last.date.strftime("%b %d").to_string(), theme.dim),
                ]),
        )
        .y_axis(
            Axis::default()
                .style(theme.dim)
                .bounds([0.0, 100.0])
                .labels([
                    Span::styled("0", theme.dim),
                    Span::styled("50", theme.dim),
                    Span::styled("100", theme.dim),
                ]),
        );
    frame.render_widget(chart, area);
}

fn render_bars(
    frame: &mut Frame<'_>,
    area: Rect,
    data: &TrendsData,
    category: Option<usize>,
    theme: &Theme,
) {
    let inner_rows = usize::from(area.height.saturating_sub(1));
    let selected = category
        .and_then(|i| data.categories.get(i))
        .map(|c| c.name.as_str());
    let name_w = usize::from(area.width).saturating_sub(14).clamp(6, 20);
    let bar_w = usize::from(area.width).saturating_sub(name_w + 6).max(4);
    let lines: Vec<Line<'_>> = data
        .progress
        .by_category
        .iter()
        .take(inner_rows)
        .map(|g| {
            let avg = g.average.round().clamp(0.0, 100.0);
            // clamped to 0..=100
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let avg = avg as u8;
            let name: String = g.name.chars().take(name_w).collect();
            let style = if selected == Some(g.name.as_str()) {
                theme.selected
            } else {
                theme.text
            };
            Line::from(vec![
                Span::styled(format!("{name:name_w$} "), style),
                Span::styled(score_bar(avg, bar_w), theme.score(avg)),
                Span::styled(format!(" {avg:>3}"), theme.score(avg)),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(section(" By category (avg) ".into(), theme)),
        area,
    );
}

fn render_dimensions(frame: &mut Frame<'_>, area: Rect, data: &TrendsData, theme: &Theme) {
    let block = section(" Dimensions (per practice day) ".into(), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    for (row, series) in data.dimension_series.iter().enumerate() {
        let Ok(y) = u16::try_from(row) else { break };
        if y >= inner.height {
            break;
        }
        let line = Rect::new(inner.x, inner.y + y, inner.width, 1);
        let [label, spark, value] = Layout::horizontal([
            Constraint::Length(12),
            Constraint::Min(4),
            Constraint::Length(10),
        ])
        .areas(line);
        frame.render_widget(
            Paragraph::new(Span::styled(series.dimension.label(), theme.text)),
            label,
        );
        let width = usize::from(spark.width);
        let values = &series.values[series.values.len().saturating_sub(width)..];
        frame.render_widget(
            Sparkline::default()
                .data(values)
                .max(100)
                .style(theme.accent),
            spark,
        );
        let trend = data
            .progress
            .dimensions
            .iter()
            .find(|d| d.dimension == series.dimension);
        let text = trend.map_or_else(String::new, |t| {
            let arrow = match t.change {
                c if c >= 1.0 => "↑",
                c if c <= -1.0 => "↓",
                _ => "→",
            };
            // a change of -0.4 shows as 0, not -0
            #[allow(clippy::cast_possible_truncation)] // changes are within ±100
            let change = t.change.round() as i64;
            format!(" {:>3.0} {arrow}{change:>+3}", t.recent_average)
        });
        frame.render_widget(Paragraph::new(Span::styled(text, theme.dim)), value);
    }
}

fn heat(count: u32) -> &'static str {
    match count {
        0 => "·",
        1..=2 => "░",
        3..=5 => "▒",
        6..=9 => "▓",
        _ => "█",
    }
}

fn render_calendar(frame: &mut Frame<'_>, area: Rect, data: &TrendsData, theme: &Theme) {
    let block = section(" Practice calendar ".into(), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let weeks = usize::from(inner.width.saturating_sub(4)).min(53);
    if weeks == 0 || inner.height == 0 {
        return;
    }
    let counts: HashMap<Date, u32> = data.calendar.iter().copied().collect();
    let today = data.progress.today;
    let back = i64::from(today.weekday().to_monday_zero_offset());
    let monday = today.checked_sub(back.days()).unwrap_or(today);
    let weeks_i64 = i64::try_from(weeks).unwrap_or(1);
    let start = monday
        .checked_sub(((weeks_i64 - 1) * 7).days())
        .unwrap_or(monday);
    let labels = ["Mon", "", "Wed", "", "Fri", "", "Sun"];
    let rows = usize::from(inner.height).min(7);
    let mut lines: Vec<Line<'_>> = Vec::new();
    for (weekday, label) in labels.iter().enumerate().take(rows) {
        let mut spans = vec![Span::styled(format!("{label:<4}"), theme.dim)];
        for week in 0..weeks_i64 {
            let offset = week * 7 + i64::try_from(weekday).unwrap_or(0);
            let Ok(day) = start.checked_add(offset.days()) else {
                continue;
            };
            if day > today {
                spans.push(Span::raw(" "));
                continue;
            }
            let n = counts.get(&day).copied().unwrap_or(0);
            spans.push(Span::styled(
                heat(n),
                if n == 0 { theme.dim } else { theme.good },
            ));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_weak(frame: &mut Frame<'_>, area: Rect, data: &TrendsData, theme: &Theme) {
    let p = &data.progress;
    let mut lines: Vec<Line<'_>> = Vec::new();
    if p.weak_areas.is_empty() {
        lines.push(Line::from(Span::styled(
            "No weak area stands out yet.",
            theme.dim,
        )));
    }
    for w in &p.weak_areas {
        lines.push(Line::from(vec![
            Span::styled("• ", theme.bad),
            Span::styled(w.category.clone(), theme.text),
            Span::styled(format!(" — {}", w.reason), theme.dim),
        ]));
    }
    for f in p.focus.iter().skip(usize::from(!p.weak_areas.is_empty())) {
        lines.push(Line::from(Span::styled(format!("→ {f}"), theme.text)));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(section(" Weak areas & focus ".into(), theme)),
        area,
    );
}

fn render_next(frame: &mut Frame<'_>, area: Rect, data: &TrendsData, theme: &Theme) {
    let p = &data.progress;
    let mut lines: Vec<Line<'_>> = Vec::new();
    let mut head = Vec::new();
    if let Some(v) = &p.velocity {
        head.push(Span::styled(
            format!("{:+.1} pts/week · ", v.points_per_week),
            if v.points_per_week >= 0.0 {
                theme.good
            } else {
                theme.bad
            },
        ));
    }
    head.push(Span::styled(p.prediction.sentence(), theme.text));
    lines.push(Line::from(head));
    if p.plan.is_empty() {
        lines.push(Line::from(Span::styled(
            "No session to recommend yet.",
            theme.dim,
        )));
    } else {
        lines.push(Line::from(vec![
            Span::styled("Enter", theme.accent),
            Span::styled(format!(" starts {} questions:", p.plan.len()), theme.text),
        ]));
        for item in &p.plan {
            lines.push(Line::from(vec![
                Span::styled(format!("  {} ", item.question_id), theme.text),
                Span::styled(format!("({})", item.reason), theme.dim),
            ]));
        }
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(section(" Next session ".into(), theme)),
        area,
    );
}
