//! The practice views: setup, the timed run with the answer editor, feedback, and results.

use super::theme::Theme;
use super::widgets::scrolled;
use super::widgets::{centered, footer, score_bar, screen_areas, title_bar};
use crate::domain::{ScoreReport, ScorerId};
use crate::practice::timer::clock;
use crate::practice::{PracticeKind, TimeMode, TimerPhase};
use crate::tui::state::AppState;
use crate::tui::state::practice::{Phase, PracticeState, Run, SETUP_FIELDS};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Clear, Gauge, Paragraph, Wrap};

/// Draws the practice screen for its current phase.
/// Draws the practice screen; returns how far its scrolling body can scroll (feedback, results).
pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) -> Option<u16> {
    let p = &state.practice;
    match p.phase {
        Phase::Setup => render_setup(frame, area, state, theme),
        Phase::Running => render_run(frame, area, state, theme),
        Phase::Feedback => return render_feedback(frame, area, state, theme),
        Phase::Results => return Some(render_results(frame, area, state, theme)),
    }
    None
}

fn kind_label(kind: PracticeKind) -> String {
    match kind {
        PracticeKind::Kind(k) => k.label().to_string(),
        PracticeKind::Mixed => "Mixed".into(),
        PracticeKind::WeakAreas => "Weak areas".into(),
        PracticeKind::Starred => "Starred".into(),
    }
}

fn time_label(t: TimeMode) -> String {
    match t {
        TimeMode::QuestionOwn => "each question's own limit".into(),
        TimeMode::Fixed(s) if s % 60 == 0 => format!("{} min", s / 60),
        TimeMode::Fixed(s) if s < 60 => format!("{s} s"),
        TimeMode::Fixed(s) => format!("{} min {} s", s / 60, s % 60),
        TimeMode::NoLimit => "no limit".into(),
    }
}

fn render_setup(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let p = &state.practice;
    let [top, body, bottom] = screen_areas(area);
    title_bar(frame, top, "Practice › Setup", "", theme);
    let body = body.inner(Margin::new(2, 1));
    let mut lines = Vec::new();
    if let Some(d) = &p.draft_offer {
        let prompt = p
            .bank()
            .question(&d.question_id)
            .map_or(d.question_id.as_str(), |q| q.prompt.as_str());
        let words = d.text.split_whitespace().count();
        lines.push(Line::from(Span::styled(
            "You have an unsent answer",
            theme.warn.add_modifier(Modifier::BOLD),
        )));
        lines.push(Line::from(Span::styled(
            format!("  “{prompt}”"),
            theme.text,
        )));
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "  {words} words, saved {} · ",
                    d.saved_at.strftime("%Y-%m-%d %H:%M")
                ),
                theme.dim,
            ),
            Span::styled("r", theme.accent),
            Span::styled(" resume  ", theme.dim),
            Span::styled("x", theme.accent),
            Span::styled(" discard", theme.dim),
        ]));
        lines.push(Line::from(""));
    }
    let s = &p.setup;
    let values = [
        kind_label(s.kind),
        s.role
            .map_or_else(|| "any role".into(), |r| r.label().to_string()),
        s.difficulty
            .map_or_else(|| "any".into(), |d| d.as_str().to_string()),
        s.count.to_string(),
        time_label(s.time),
    ];
    for (i, (name, value)) in SETUP_FIELDS.iter().zip(values).enumerate() {
        let selected = i == p.field;
        lines.push(Line::from(vec![
            Span::styled(if selected { "▶ " } else { "  " }, theme.accent),
            Span::styled(format!("{name:<16}"), theme.dim),
            Span::styled("◀ ", if selected { theme.accent } else { theme.dim }),
            Span::styled(value, if selected { theme.selected } else { theme.text }),
            Span::styled(" ▶", if selected { theme.accent } else { theme.dim }),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Each answer is scored the moment you submit it: relevance, structure, specificity, concision and delivery.",
        theme.dim,
    )));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
    footer(
        frame,
        bottom,
        &[
            ("↑↓", "field"),
            ("←→", "change"),
            ("Enter", "start"),
            ("?", "keys"),
            ("q", "back"),
        ],
        state,
        theme,
    );
}

fn timer_line(run: &Run, now: jiff::Timestamp, theme: &Theme) -> (String, Style, f64) {
    let phase = run.timer.phase(now);
    let style = match phase {
        TimerPhase::Normal | TimerPhase::Unlimited => theme.good,
        TimerPhase::Amber => theme.warn,
        TimerPhase::Red | TimerPhase::Overtime => theme.bad,
    };
    let elapsed = run.timer.elapsed_secs(now);
    match (run.timer.limit_secs, run.timer.remaining_secs(now)) {
        (Some(limit), Some(left)) if left > 0 => {
            #[allow(clippy::cast_precision_loss)]
            let ratio = left as f64 / f64::from(limit.max(1));
            (
                format!("{} left", clock(left)),
                style,
                ratio.clamp(0.0, 1.0),
            )
        }
        (Some(_), Some(left)) => (
            format!("OVERTIME {}", clock(left)),
            style.add_modifier(Modifier::BOLD),
            1.0,
        ),
        _ => (format!("no limit · {}", clock(elapsed)), style, 0.0),
    }
}

fn answer_title(words: usize) -> String {
    match words {
        1 => " Your answer · 1 word ".to_string(),
        n => format!(" Your answer · {n} words "),
    }
}

fn render_run(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let p = &state.practice;
    let Some(run) = p.run.as_ref() else {
        return;
    };
    let [top, body, bottom] = screen_areas(area);
    let total = p.session.as_ref().map_or(1, |s| s.question_ids.len());
    let (timer_text, timer_style, ratio) = timer_line(run, state.now, theme);
    title_bar(
        frame,
        top,
        &format!("Practice › Question {} of {total}", p.index + 1),
        &timer_text,
        theme,
    );
    let q = &run.question;
    let prompt_width = usize::from(body.width.saturating_sub(2)).max(10);
    let prompt_rows = u16::try_from(q.prompt.chars().count().div_ceil(prompt_width) + 1)
        .unwrap_or(3)
        .min(6);
    let [question, meta, gauge, editor] = Layout::vertical([
        Constraint::Length(prompt_rows),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
    ])
    .areas(body.inner(Margin::new(1, 0)));
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(q.prompt.clone(), theme.title)))
            .wrap(Wrap { trim: true }),
        question,
    );
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            format!(
                "{} · {} · {}",
                q.kind.label(),
                q.category.replace('_', " "),
                q.difficulty
            ),
            theme.dim,
        ))),
        meta,
    );
    frame.render_widget(
        Gauge::default()
            .gauge_style(timer_style)
            .ratio(ratio)
            .label(Span::styled(timer_text, timer_style)),
        gauge,
    );
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .title(Span::styled(answer_title(run.word_count()), theme.title));
    if run.timer.phase(state.now) == TimerPhase::Overtime {
        block = block.title_bottom(Span::styled(
            " overtime — keep going or Ctrl-S to submit ",
            theme.bad,
        ));
    }
    let inner = block.inner(editor);
    frame.render_widget(block, editor);
    frame.render_widget(&run.editor, inner);
    if run.timer.is_paused() && run.saving.is_none() {
        let rect = centered(area, 48, 5);
        frame.render_widget(Clear, rect);
        frame.render_widget(
            Paragraph::new(vec![
                Line::from(Span::styled("Paused — the clock has stopped", theme.title)),
                Line::from(""),
                Line::from(Span::styled(
                    "Enter resume · Ctrl-S submit · q end session",
                    theme.dim,
                )),
            ])
            .alignment(ratatui::layout::Alignment::Center)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme.accent),
            ),
            rect,
        );
    }
    footer(frame, bottom, run_hints(run), state, theme);
}

/// The footer's keys while answering: what works now (saving, paused or typing).
fn run_hints(run: &Run) -> &'static [(&'static str, &'static str)] {
    if run.saving.is_some() {
        &[("", "saving your answer…")]
    } else if run.timer.is_paused() {
        &[
            ("Enter", "resume"),
            ("Ctrl-S", "submit"),
            ("Ctrl-N", "skip"),
            ("q", "end session"),
            ("?", "keys"),
        ]
    } else {
        &[
            ("Ctrl-S", "submit"),
            ("Ctrl-N", "skip"),
            ("Esc", "pause"),
            ("F1", "keys"),
        ]
    }
}

/// Lines describing a score report: total, dimensions, talking points, the answer with its
/// parts marked, strengths, improvements and the outline.
pub fn report_lines(report: &ScoreReport, answer: &str, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!("{}/100", report.total),
            theme.score(report.total).add_modifier(Modifier::BOLD),
        ),
        Span::styled(
            match &report.scorer {
                ScorerId::Offline => "   scored offline".to_string(),
                ScorerId::Llm(m) => format!("   scored by {m}"),
            },
            theme.dim,
        ),
    ])];
    lines.push(Line::from(""));
    for d in &report.dimensions {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<12}", d.dimension.label()), theme.text),
            Span::styled(score_bar(d.score, 20), theme.score(d.score)),
            Span::styled(format!(" {:>3}  ", d.score), theme.score(d.score)),
            Span::styled(d.note.clone(), theme.dim),
        ]));
    }
    if !report.talking_points.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Talking points", theme.title)));
        for tp in &report.talking_points {
            let (mark, style) = if tp.hit {
                ("✓ ", theme.good)
            } else {
                ("✗ ", theme.bad)
            };
            let mut spans = vec![
                Span::styled(mark, style),
                Span::styled(tp.point.clone(), theme.text),
            ];
            if !tp.matched.is_empty() {
                spans.push(Span::styled(
                    format!("  ({})", tp.matched.join(", ")),
                    theme.dim,
                ));
            }
            lines.push(Line::from(spans));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("Your answer", theme.title)));
    lines.extend(marked_answer(report, answer, theme));
    for (title, items) in [
        ("Strengths", &report.strengths),
        ("Improvements", &report.improvements),
    ] {
        if items.is_empty() {
            continue;
        }
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(title, theme.title)));
        for item in items {
            lines.push(Line::from(vec![
                Span::styled("• ", theme.accent),
                Span::styled(item.text.clone(), theme.text),
            ]));
            if let Some(q) = &item.quote {
                lines.push(Line::from(Span::styled(format!("    “{q}”"), theme.dim)));
            }
        }
    }
    if !report.outline.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            "A stronger shape, from what you said",
            theme.title,
        )));
        for (i, o) in report.outline.iter().enumerate() {
            lines.push(Line::from(Span::styled(
                format!("{}. {o}", i + 1),
                theme.text,
            )));
        }
    }
    lines
}

const PARTS: [&str; 18] = [
    "situation",
    "task",
    "action",
    "result",
    "definition",
    "mechanism",
    "example",
    "tradeoffs",
    "requirements",
    "estimates",
    "components",
    "data",
    "scaling",
    "clarify",
    "options",
    "decision",
    "follow_through",
    "follow-through",
];

/// The answer with each structural part's sentence labelled, e.g. `[result] …`.
fn marked_answer(report: &ScoreReport, answer: &str, theme: &Theme) -> Vec<Line<'static>> {
    let mut spans: Vec<&crate::domain::Evidence> = report
        .evidence
        .iter()
        .filter(|e| PARTS.contains(&e.label.as_str()) && e.end <= answer.len() && e.start < e.end)
        .filter(|e| answer.is_char_boundary(e.start) && answer.is_char_boundary(e.end))
        .collect();
    spans.sort_by_key(|e| (e.start, e.end));
    if spans.is_empty() {
        return answer
            .lines()
            .map(|l| Line::from(Span::styled(l.to_string(), theme.text)))
            .collect();
    }
    let mut out = Vec::new();
    let mut pos = 0;
    for e in spans {
        if e.start < pos {
            continue;
        }
        let gap = answer[pos..e.start].trim();
        if !gap.is_empty() {
            out.push(Line::from(Span::styled(gap.replace('\n', " "), theme.text)));
        }
        out.push(Line::from(vec![
            Span::styled(
                format!("[{}] ", e.label),
                theme.accent.add_modifier(Modifier::BOLD),
            ),
            Span::styled(answer[e.start..e.end].trim().replace('\n', " "), theme.text),
        ]));
        pos = e.end;
    }
    let rest = answer[pos..].trim();
    if !rest.is_empty() {
        out.push(Line::from(Span::styled(
            rest.replace('\n', " "),
            theme.text,
        )));
    }
    out
}

fn render_feedback(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
) -> Option<u16> {
    let p = &state.practice;
    let [top, body, bottom] = screen_areas(area);
    let attempt = p.attempts.last()?;
    let total = p.session.as_ref().map_or(1, |s| s.question_ids.len());
    let right = if attempt.overtime {
        format!("{} · overtime", clock(i64::from(attempt.duration_secs)))
    } else {
        clock(i64::from(attempt.duration_secs))
    };
    title_bar(
        frame,
        top,
        &format!("Practice › Feedback {} of {total}", p.index + 1),
        &right,
        theme,
    );
    let prompt = p
        .bank()
        .question(&attempt.question_id)
        .map_or_else(String::new, |q| q.prompt.clone());
    let mut lines = vec![Line::from(Span::styled(prompt, theme.dim)), Line::from("")];
    if p.judging == Some(attempt.id) {
        lines.push(Line::from(Span::styled(
            "The LLM judge is reviewing this answer; the offline score shows until it replies.",
            theme.warn,
        )));
        lines.push(Line::from(""));
    }
    if let Some(report) = &attempt.score {
        lines.extend(report_lines(report, &attempt.answer, theme));
    }
    let text_area = body.inner(Margin::new(1, 0));
    let (paragraph, max_scroll) = scrolled(lines, None, text_area, p.scroll);
    frame.render_widget(paragraph, text_area);
    let last = p.index + 1 >= total;
    footer(
        frame,
        bottom,
        &[
            ("Enter", if last { "results" } else { "next question" }),
            ("↑↓", "scroll"),
            ("e", "end session"),
            ("?", "keys"),
        ],
        state,
        theme,
    );
    Some(max_scroll)
}

fn results_lines(p: &PracticeState, theme: &Theme) -> Vec<Line<'static>> {
    let Some(r) = p.results.as_ref() else {
        return vec![];
    };
    let mut lines = vec![Line::from(vec![
        Span::styled("Overall ", theme.dim),
        match r.overall {
            Some(o) => Span::styled(
                format!("{o}/100"),
                theme.score(o).add_modifier(Modifier::BOLD),
            ),
            None => Span::styled("no answers scored".to_string(), theme.dim),
        },
        Span::styled(
            format!(
                "   {} answered · {} skipped",
                r.rows.iter().filter(|x| x.total.is_some()).count(),
                r.rows.iter().filter(|x| x.total.is_none()).count()
            ),
            theme.dim,
        ),
    ])];
    if !r.per_category.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("By category", theme.title)));
        for (c, m, n) in &r.per_category {
            lines.push(Line::from(vec![
                Span::styled(format!("{:<22}", c.replace('_', " ")), theme.text),
                Span::styled(score_bar(*m, 20), theme.score(*m)),
                Span::styled(format!(" {m:>3}  ({n})"), theme.score(*m)),
            ]));
        }
    }
    if !r.dimensions.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Improvement areas", theme.title)));
        for (d, m) in r.dimensions.iter().take(2) {
            lines.push(Line::from(vec![
                Span::styled(format!("{:<12}", d.label()), theme.text),
                Span::styled(format!("{m:>3}"), theme.score(*m)),
            ]));
        }
    }
    if !r.next_steps.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Next steps", theme.title)));
        for s in &r.next_steps {
            lines.push(Line::from(vec![
                Span::styled("• ", theme.accent),
                Span::styled(s.clone(), theme.text),
            ]));
        }
    }
    lines
}

fn render_results(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) -> u16 {
    let p = &state.practice;
    let [top, body, bottom] = screen_areas(area);
    let label = p
        .session
        .as_ref()
        .map_or_else(String::new, |s| s.label.clone());
    title_bar(frame, top, "Practice › Results", &label, theme);
    let rows = p.results.as_ref().map_or(0, |r| r.rows.len());
    let chart_height = if rows > 0 && body.height >= 20 { 9 } else { 0 };
    let [text, chart] = Layout::vertical([Constraint::Min(1), Constraint::Length(chart_height)])
        .areas(body.inner(Margin::new(1, 0)));
    let (paragraph, max_scroll) = scrolled(results_lines(p, theme), None, text, p.scroll);
    frame.render_widget(paragraph, text);
    if chart_height > 0
        && let Some(r) = p.results.as_ref()
    {
        let bars: Vec<Bar<'_>> = r
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let style = if row.overtime {
                    theme.bad
                } else {
                    theme.accent
                };
                Bar::default()
                    .value(u64::from(row.secs))
                    .label(Line::from(format!("Q{}", i + 1)))
                    .text_value(clock(i64::from(row.secs)))
                    .style(style)
            })
            .collect();
        frame.render_widget(
            BarChart::default()
                .block(
                    Block::default()
                        .borders(Borders::TOP)
                        .border_style(theme.dim)
                        .title(Span::styled(" Time per question ", theme.title)),
                )
                .bar_width(6)
                .bar_gap(2)
                .data(BarGroup::default().bars(&bars)),
            chart,
        );
    }
    footer(
        frame,
        bottom,
        &[
            ("r", "retry the weakest"),
            ("Enter", "new session"),
            ("q", "home"),
            ("?", "keys"),
        ],
        state,
        theme,
    );
    max_scroll
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_per_answer_reads_as_minutes_and_seconds() {
        // `hotseat practice --minutes 1 --count 3` gives 20 s a question
        assert_eq!(time_label(TimeMode::Fixed(20)), "20 s");
        assert_eq!(time_label(TimeMode::Fixed(120)), "2 min");
        assert_eq!(time_label(TimeMode::Fixed(90)), "1 min 30 s");
    }

    #[test]
    fn one_word_is_not_words() {
        assert_eq!(answer_title(1), " Your answer · 1 word ");
        assert_eq!(answer_title(0), " Your answer · 0 words ");
    }
}
