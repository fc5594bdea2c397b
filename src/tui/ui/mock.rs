//! Mock interview views: the setup form with the persona's description, the live interview
//! (transcript with the streaming reply, answer editor, timer, optional running score) and the report.

use super::theme::Theme;
use super::widgets::scrolled;
use super::widgets::{footer, score_bar, screen_areas, title_bar};
use crate::domain::{InterviewStage, Role, Speaker};
use crate::interview::{MockReport, Phase};
use crate::tui::state::AppState;
use crate::tui::state::mock::{LiveInterview, SetupField};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// Greedy word wrap to `width` columns (a word longer than the width is split).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let mut word = word.to_string();
            while word.chars().count() > width {
                if !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                }
                let head: String = word.chars().take(width).collect();
                word = word.chars().skip(width).collect();
                out.push(head);
            }
            let needed =
                line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
            if needed > width && !line.is_empty() {
                out.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&word);
        }
        out.push(line);
    }
    out
}

fn block<'a>(title: &'a str, theme: &Theme, focused: bool) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { theme.accent } else { theme.dim })
        .title(Span::styled(title, theme.title))
}

fn mmss(secs: i64) -> String {
    let secs = secs.max(0);
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

/// Draws the setup form.
#[allow(clippy::too_many_lines)] // one field after another, in screen order
pub fn render_setup(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let [top, body, bottom] = screen_areas(area);
    let mode = state.mock.llm_model.as_ref().map_or_else(
        || "scripted interviewer (offline)".to_string(),
        |m| format!("LLM interviewer: {m}"),
    );
    title_bar(frame, top, "Mock interview › Setup", &mode, theme);
    footer(
        frame,
        bottom,
        &[
            ("↑↓", "field"),
            ("←→", "change"),
            ("Enter", "start"),
            ("Esc", "back"),
        ],
        state,
        theme,
    );
    let Some(form) = state.mock.form.as_ref() else {
        return;
    };
    let setup = form.setup();
    let persona = state.bank.persona(&setup.persona_id);
    let wide = body.width >= 100;
    let [form_area, about_area] = if wide {
        Layout::horizontal([Constraint::Length(56), Constraint::Min(20)]).areas(body)
    } else {
        Layout::vertical([Constraint::Length(10), Constraint::Min(3)]).areas(body)
    };
    let value = |f: SetupField| -> String {
        match f {
            SetupField::Persona => persona.map_or_else(
                || setup.persona_id.clone(),
                crate::domain::Persona::short_name,
            ),
            SetupField::Role => Role::ALL[form.role.min(Role::ALL.len() - 1)]
                .label()
                .to_string(),
            SetupField::Stage => InterviewStage::ALL[form.stage.min(3)]
                .as_str()
                .replace('_', " "),
            SetupField::Unit => if form.by_questions {
                "questions"
            } else {
                "minutes"
            }
            .to_string(),
            SetupField::Amount => {
                if form.by_questions {
                    format!(
                        "{} questions (about {} min)",
                        form.questions,
                        setup.planned_minutes()
                    )
                } else {
                    format!(
                        "{} min ({} questions)",
                        form.minutes,
                        setup.question_count()
                    )
                }
            }
        }
    };
    let labels = ["Interviewer", "Role", "Stage", "Length in", "Length"];
    let mut lines: Vec<Line> = SetupField::ALL
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let selected = i == form.field;
            let style = if selected { theme.selected } else { theme.text };
            Line::from(vec![
                Span::styled(format!(" {:12}", labels[i]), theme.dim),
                Span::styled(format!("‹ {} ›", value(*f)), style),
            ])
        })
        .collect();
    lines.push(Line::from(vec![
        Span::styled(format!(" {:12}", "Job descr."), theme.dim),
        Span::styled(
            form.job_description.as_ref().map_or_else(
                || "none (hotseat mock --jd FILE)".to_string(),
                |(src, _)| src.clone(),
            ),
            theme.text,
        ),
    ]));
    frame.render_widget(
        Paragraph::new(lines).block(block(" Setup ", theme, true)),
        form_area,
    );
    let about: Vec<Line> = persona.map_or_else(Vec::new, |p| {
        let mut l = vec![
            Line::from(Span::styled(p.name.clone(), theme.title)),
            Line::from(Span::styled(
                format!(
                    "{} · strictness {}/5 · up to {} follow-up(s)",
                    p.style.as_str().replace('_', " "),
                    p.strictness,
                    p.follow_up_depth
                ),
                theme.dim,
            )),
            Line::raw(""),
            Line::from(Span::styled(p.description.trim().to_string(), theme.text)),
            Line::raw(""),
        ];
        l.push(Line::from(vec![
            Span::styled("How they ask: ", theme.accent),
            Span::styled(p.question_style.trim().to_string(), theme.text),
        ]));
        l
    });
    frame.render_widget(
        Paragraph::new(about).wrap(Wrap { trim: true }).block(block(
            " About the interviewer ",
            theme,
            false,
        )),
        about_area,
    );
}

fn phase_label(live: &LiveInterview) -> String {
    let i = &live.interview;
    match i.phase {
        Phase::Ready | Phase::Warmup => "Warm-up".into(),
        Phase::Question { index, follow_ups } => {
            let mut s = format!("Question {}/{}", index + 1, i.questions.len());
            if follow_ups > 0 {
                s.push_str(" · follow-up ");
                s.push_str(&follow_ups.to_string());
            }
            s
        }
        Phase::CandidateQuestions { .. } => "Your questions".into(),
        Phase::Closed => "Interview over".into(),
    }
}

fn transcript_lines<'a>(live: &'a LiveInterview, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let name = live.interview.persona.short_name();
    let mut lines = Vec::new();
    let mut push_turn = |who: &str, style: Style, text: &str, cursor: bool| {
        lines.push(Line::from(Span::styled(
            who.to_string(),
            style.add_modifier(Modifier::BOLD),
        )));
        let wrapped = wrap(text, width.saturating_sub(2));
        let n = wrapped.len();
        for (k, w) in wrapped.into_iter().enumerate() {
            let mut spans = vec![Span::raw("  "), Span::styled(w, theme.text)];
            if cursor && k + 1 == n {
                spans.push(Span::styled("▌", theme.accent));
            }
            lines.push(Line::from(spans));
        }
        lines.push(Line::raw(""));
    };
    for turn in &live.interview.transcript.turns {
        match turn.speaker {
            Speaker::Interviewer => push_turn(&name, theme.accent, &turn.text, false),
            Speaker::Candidate => push_turn("You", theme.good, &turn.text, false),
        }
    }
    if let Some(s) = &live.streaming {
        push_turn(&name, theme.accent, &s.text, true);
    }
    if live.saving {
        lines.push(Line::from(Span::styled("  saving your answer…", theme.dim)));
    }
    if live.interview.is_closed() && live.streaming.is_none() {
        lines.push(Line::from(Span::styled(
            "  — The interview is over. Press Enter for the report. —",
            theme.title,
        )));
    }
    lines
}

/// Draws the interview in progress.
pub fn render_interview(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let Some(live) = state.mock.live.as_ref() else {
        return;
    };
    let editor_rows = if area.height >= 36 { 10 } else { 7 };
    let [top, info, body, editor_area, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(editor_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    let i = &live.interview;
    title_bar(
        frame,
        top,
        &format!("Mock interview › {}", i.persona.short_name()),
        &format!(
            "{} round · {}",
            i.setup.stage.as_str().replace('_', " "),
            live.interviewer
        ),
        theme,
    );
    let elapsed = i.elapsed(live.now).as_secs();
    let planned = i64::from(i.setup.planned_minutes()) * 60;
    let mut info_spans = vec![
        Span::styled(format!(" {}", phase_label(live)), theme.title),
        Span::styled("  ·  ", theme.dim),
        Span::styled(
            format!("{} / {}", mmss(elapsed), mmss(planned)),
            if elapsed > planned {
                theme.warn
            } else {
                theme.text
            },
        ),
    ];
    if state.mock.show_score {
        let score = i.running_score();
        info_spans.push(Span::styled("  ·  ", theme.dim));
        info_spans.push(match score {
            Some(s) => Span::styled(format!("running score {s}"), theme.score(s)),
            None => Span::styled("running score –", theme.dim),
        });
    }
    frame.render_widget(Paragraph::new(Line::from(info_spans)), info);

    let inner_width = usize::from(body.width.saturating_sub(2));
    let lines = transcript_lines(live, inner_width, theme);
    let visible = usize::from(body.height.saturating_sub(2));
    let total = lines.len();
    let max_up = total.saturating_sub(visible);
    let up = usize::from(live.scroll_up).min(max_up);
    let start = total.saturating_sub(visible + up);
    let shown: Vec<Line> = lines.into_iter().skip(start).take(visible).collect();
    frame.render_widget(
        Paragraph::new(shown).block(block(" Transcript ", theme, !live.editor_focused)),
        body,
    );

    let title = if live.awaiting_answer() {
        " Your answer "
    } else if i.is_closed() {
        " Your answer (closed) "
    } else {
        " Your answer (the interviewer is speaking…) "
    };
    let b = block(title, theme, live.editor_focused);
    let inner = b.inner(editor_area);
    frame.render_widget(b, editor_area);
    let mut editor = live.editor.clone();
    if !live.editor_focused {
        editor.set_cursor_style(Style::default());
    }
    editor.set_cursor_line_style(Style::default());
    frame.render_widget(&editor, inner.inner(Margin::new(1, 0)));

    let hints: &[(&str, &str)] = if live.editor_focused {
        &[
            ("Ctrl-S", "submit"),
            ("Esc", "leave editor"),
            ("F1", "keys"),
        ]
    } else if i.is_closed() {
        &[("Enter", "report"), ("↑↓", "scroll"), ("Esc", "home")]
    } else {
        &[
            ("Enter", "answer"),
            ("↑↓", "scroll"),
            ("s", "score"),
            ("e", "end now"),
            ("Esc", "leave (resume from History)"),
        ]
    };
    footer(frame, bottom, hints, state, theme);
}

/// Report lines, styled: the score with a bar, then the sections.
pub fn report_lines<'a>(report: &MockReport, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = vec![if report.answered == 0 {
        Line::from(Span::styled("   –/100  nothing answered yet", theme.dim))
    } else {
        Line::from(vec![
            Span::styled(
                format!(" {:3}/100 ", report.total),
                theme.score(report.total),
            ),
            Span::styled(score_bar(report.total, 20), theme.score(report.total)),
        ])
    }];
    let headers = [
        "Questions",
        "Dimensions",
        "Strengths",
        "To improve",
        "Recommendations",
    ];
    for text in report.to_lines().into_iter().skip(1) {
        let style = if headers.contains(&text.as_str()) || text.starts_with("Notes from ") {
            theme.title
        } else {
            theme.text
        };
        lines.push(Line::from(Span::styled(format!(" {text}"), style)));
    }
    if let Some(first) = report.to_lines().first() {
        lines.insert(1, Line::from(Span::styled(format!(" {first}"), theme.dim)));
    }
    lines
}

/// Transcript lines for a report or history view.
pub fn plain_transcript<'a>(
    transcript: &crate::domain::Transcript,
    interviewer: &str,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let mut lines = vec![
        Line::raw(""),
        Line::from(Span::styled(" Transcript", theme.title)),
    ];
    for turn in &transcript.turns {
        let (who, style) = match turn.speaker {
            Speaker::Interviewer => (interviewer.to_string(), theme.accent),
            Speaker::Candidate => ("You".to_string(), theme.good),
        };
        lines.push(Line::from(Span::styled(format!(" {who}"), style)));
        for w in wrap(&turn.text, width.saturating_sub(4)) {
            lines.push(Line::from(Span::styled(format!("   {w}"), theme.text)));
        }
    }
    lines
}

/// Draws the report.
pub fn render_report(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
) -> Option<u16> {
    let [top, body, bottom] = screen_areas(area);
    let view = state.mock.report.as_ref()?;
    let state_label = if view.report.complete {
        "report"
    } else {
        "partial report"
    };
    title_bar(
        frame,
        top,
        &format!("Mock interview › {state_label}"),
        &view.report.interviewer,
        theme,
    );
    let width = usize::from(body.width.saturating_sub(2));
    let mut lines = report_lines(&view.report, theme);
    lines.extend(plain_transcript(
        &view.transcript,
        &view.interviewer,
        width,
        theme,
    ));
    let (paragraph, max_scroll) = scrolled(
        lines,
        Some(block(" Report ", theme, true)),
        body,
        view.scroll,
    );
    frame.render_widget(paragraph, body);
    footer(
        frame,
        bottom,
        &[("↑↓ PgUp PgDn", "scroll"), ("Enter/Esc", "home")],
        state,
        theme,
    );
    Some(max_scroll)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_on_words_and_splits_long_ones() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(wrap("abcdefg", 3), vec!["abc", "def", "g"]);
        assert_eq!(wrap("a\n\nb", 10), vec!["a", "", "b"]);
    }
}
