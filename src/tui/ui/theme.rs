//! Colours and text styles for dark and light terminals; NO_COLOR keeps only bold/underline.

use crate::config::Theme as ThemeName;
use crate::domain::{Difficulty, QuestionKind};
use ratatui::style::{Color, Modifier, Style};

/// The styles every view draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether colour is used at all.
    pub color: bool,
    /// Ordinary text.
    pub text: Style,
    /// Titles and headings.
    pub title: Style,
    /// The brand and key hints.
    pub accent: Style,
    /// Secondary text.
    pub dim: Style,
    /// The selected row.
    pub selected: Style,
    /// Matched search characters.
    pub matched: Style,
    /// Good scores.
    pub good: Style,
    /// Middling scores and warnings.
    pub warn: Style,
    /// Poor scores and errors.
    pub bad: Style,
}

impl Theme {
    /// The theme for a setting, without colour when `no_color`.
    pub fn new(name: ThemeName, no_color: bool) -> Self {
        if no_color {
            let plain = Style::default();
            return Self {
                color: false,
                text: plain,
                title: plain.add_modifier(Modifier::BOLD),
                accent: plain.add_modifier(Modifier::BOLD),
                dim: plain,
                selected: plain.add_modifier(Modifier::REVERSED),
                matched: plain.add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
                good: plain,
                warn: plain,
                bad: plain.add_modifier(Modifier::BOLD),
            };
        }
        let (fg, dim, sel_bg, accent) = match name {
            ThemeName::Dark => (
                Color::Gray,
                Color::DarkGray,
                Color::Rgb(40, 48, 64),
                Color::Cyan,
            ),
            ThemeName::Light => (
                Color::Black,
                Color::Gray,
                Color::Rgb(214, 226, 245),
                Color::Blue,
            ),
        };
        Self {
            color: true,
            text: Style::default().fg(fg),
            title: Style::default().fg(accent).add_modifier(Modifier::BOLD),
            accent: Style::default().fg(accent),
            dim: Style::default().fg(dim),
            selected: Style::default().bg(sel_bg).add_modifier(Modifier::BOLD),
            matched: Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            good: Style::default().fg(Color::Green),
            warn: Style::default().fg(Color::Yellow),
            bad: Style::default().fg(Color::Red),
        }
    }

    /// The style for a score out of 100.
    pub fn score(&self, score: u8) -> Style {
        match score {
            75.. => self.good,
            50..75 => self.warn,
            _ => self.bad,
        }
    }

    /// A colour per question kind, for badges.
    pub fn kind(&self, kind: QuestionKind) -> Style {
        if !self.color {
            return self.text;
        }
        let c = match kind {
            QuestionKind::Behavioral => Color::Magenta,
            QuestionKind::Technical => Color::Cyan,
            QuestionKind::SystemDesign => Color::Blue,
            QuestionKind::Situational => Color::Yellow,
            QuestionKind::Company => Color::Green,
            QuestionKind::QuestionsToAsk => Color::LightRed,
        };
        Style::default().fg(c)
    }

    /// A style per difficulty.
    pub fn difficulty(&self, d: Difficulty) -> Style {
        match d {
            Difficulty::Easy => self.good,
            Difficulty::Medium => self.warn,
            Difficulty::Hard => self.bad,
        }
    }
}

/// Short badge text for a kind.
pub fn kind_badge(kind: QuestionKind) -> &'static str {
    match kind {
        QuestionKind::Behavioral => "BEH",
        QuestionKind::Technical => "TECH",
        QuestionKind::SystemDesign => "SYS",
        QuestionKind::Situational => "SIT",
        QuestionKind::Company => "CO",
        QuestionKind::QuestionsToAsk => "ASK",
    }
}
