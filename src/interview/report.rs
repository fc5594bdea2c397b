//! The mock interview's report: final and per-question scores, a dimension breakdown, strengths,
//! improvement areas, the interviewer's notes in the persona's voice and recommendations.

use super::engine::Interview;
use crate::domain::{Dimension, PersonaStyle, ProbeKind, QuestionKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One main question's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionScore {
    /// The bank question.
    pub question_id: String,
    /// Its kind.
    pub kind: QuestionKind,
    /// The question as asked.
    pub prompt: String,
    /// The score of all its answers together; absent when it was not answered.
    pub total: Option<u8>,
    /// Follow-ups the interviewer asked on it.
    pub follow_ups: Vec<ProbeKind>,
}

/// A dimension's average over the answered questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionAverage {
    /// Which dimension.
    pub dimension: Dimension,
    /// 0–100.
    pub score: u8,
}

/// The report of a mock interview (partial while it is still open).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MockReport {
    /// The interviewer's name.
    pub interviewer: String,
    /// 0–100: the average of the answered questions.
    pub total: u8,
    /// Whether the interview reached its close.
    pub complete: bool,
    /// Whether the candidate ended it early.
    pub ended_early: bool,
    /// Main questions answered.
    pub answered: usize,
    /// Main questions planned.
    pub planned: usize,
    /// Per-question outcomes, in the order asked.
    pub questions: Vec<QuestionScore>,
    /// Dimension averages.
    pub dimensions: Vec<DimensionAverage>,
    /// What went well.
    pub strengths: Vec<String>,
    /// What to improve.
    pub improvements: Vec<String>,
    /// The interviewer's notes, in the persona's voice.
    pub notes: Vec<String>,
    /// What to practise next.
    pub recommendations: Vec<String>,
}

fn average(values: &[u8]) -> Option<u8> {
    if values.is_empty() {
        return None;
    }
    let sum: u32 = values.iter().map(|v| u32::from(*v)).sum();
    let n = u32::try_from(values.len()).unwrap_or(u32::MAX);
    u8::try_from((sum + n / 2) / n).ok()
}

fn top_unique(items: impl Iterator<Item = String>, n: usize) -> Vec<String> {
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (i, item) in items.enumerate() {
        let e = counts.entry(item).or_insert((0, i));
        e.0 += 1;
    }
    let mut v: Vec<(String, (usize, usize))> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.1.1.cmp(&b.1.1)));
    v.into_iter().take(n).map(|(s, _)| s).collect()
}

/// Whether the persona speaks warmly (friendly, recruiter) rather than directly.
fn warm(style: PersonaStyle) -> bool {
    matches!(style, PersonaStyle::Friendly | PersonaStyle::Recruiter)
}

fn opener(style: PersonaStyle, total: u8, answered: usize) -> String {
    if answered == 0 {
        return if warm(style) {
            "We didn't get to the main questions this time — no problem, let's pick it up again soon."
        } else {
            "We never got to the main questions, so I have nothing to assess yet."
        }
        .to_string();
    }
    let band = match total {
        75..=100 => 2,
        50..=74 => 1,
        _ => 0,
    };
    match (style, band) {
        (PersonaStyle::Friendly, 2) => "I really enjoyed our conversation — you came across as prepared and clear.",
        (PersonaStyle::Friendly, 1) => "Thanks for a good conversation; there's a solid base here to build on.",
        (PersonaStyle::Friendly, _) => "Thanks for sticking with it — the experience is there, it just didn't always come through in the answers.",
        (PersonaStyle::Recruiter, 2) => "From a screening point of view you're a clear yes to move forward.",
        (PersonaStyle::Recruiter, 1) => "I'd likely move you forward, but I'd want a sharper story about why this role.",
        (PersonaStyle::Recruiter, _) => "As it stands I'd struggle to pitch you to the hiring manager.",
        (PersonaStyle::Challenging | PersonaStyle::BarRaiser | PersonaStyle::Executive, 2) => "Strong interview. You held up when I pushed.",
        (PersonaStyle::Challenging | PersonaStyle::BarRaiser | PersonaStyle::Executive, 1) => "Mixed. Some answers landed; too many needed prodding.",
        (PersonaStyle::Challenging | PersonaStyle::BarRaiser | PersonaStyle::Executive, _) => "I wasn't convinced. I had to dig for the substance in most answers.",
        (_, 2) => "A solid interview overall.",
        (_, 1) => "A reasonable interview, with some gaps to close.",
        (_, _) => "The interview showed gaps that would hold you back at this stage.",
    }
    .to_string()
}

fn probe_note(kind: ProbeKind, times: usize, warm: bool) -> String {
    let often = if times > 1 {
        format!(" ({times} times)")
    } else {
        String::new()
    };
    let (warm_text, direct_text) = match kind {
        ProbeKind::NoResult => (
            "I sometimes had to ask how things turned out — lead with that, it's your best material",
            "I had to ask for the outcome",
        ),
        ProbeKind::NoMetric => (
            "I'd love to hear more numbers; they make your impact easy to see",
            "I had to ask how you measured things",
        ),
        ProbeKind::NoOwnership => (
            "I wanted to hear more about your own part, not just the team's",
            "I couldn't tell what you did yourself; I heard \"we\" a lot",
        ),
        ProbeKind::TooLong => (
            "a few answers ran long; the headline first would help",
            "I had to cut you off; give me the headline first",
        ),
        ProbeKind::TooShort => (
            "some answers were brief — don't be shy about the details",
            "several answers were too thin to assess",
        ),
        ProbeKind::OffTopic => (
            "once or twice we drifted from the question",
            "you didn't answer the question I asked",
        ),
        ProbeKind::UnsupportedClaim => (
            "a couple of big claims would land better with evidence",
            "you made claims you didn't back up",
        ),
    };
    let text = if warm { warm_text } else { direct_text };
    let mut s = text.to_string();
    if let Some(first) = s.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    format!("{s}{often}.")
}

fn recommendation(kind: ProbeKind) -> &'static str {
    match kind {
        ProbeKind::NoResult => {
            "End every story with its result: what changed, for whom, and how you know."
        }
        ProbeKind::NoMetric => {
            "Prepare one number per story: a size, a time saved, a before/after figure."
        }
        ProbeKind::NoOwnership => {
            "Say \"I\" for your own actions; keep \"we\" for the team's. Rehearse your part of each story."
        }
        ProbeKind::TooLong => {
            "Lead with a one-sentence headline, then the detail; aim for about two minutes an answer."
        }
        ProbeKind::TooShort => {
            "Go one level deeper by default: the why, the how, and one concrete example."
        }
        ProbeKind::OffTopic => {
            "Restate the question in your first sentence so you answer what was asked."
        }
        ProbeKind::UnsupportedClaim => {
            "Back each strong claim with a figure, a name or an example."
        }
    }
}

/// Builds the report of `interview` as it stands (partial while it is still open).
#[allow(clippy::too_many_lines)] // one section after another, each short
pub fn build(interview: &Interview) -> MockReport {
    let style = interview.persona.style;
    let questions: Vec<QuestionScore> = interview
        .records
        .iter()
        .map(|r| QuestionScore {
            question_id: r.question_id.clone(),
            kind: r.kind,
            prompt: r.prompt.clone(),
            total: r.report.as_ref().map(|s| s.total),
            follow_ups: r.probes.clone(),
        })
        .collect();
    let totals: Vec<u8> = questions.iter().filter_map(|q| q.total).collect();
    let total = average(&totals).unwrap_or(0);
    let reports: Vec<_> = interview
        .records
        .iter()
        .filter_map(|r| r.report.as_ref())
        .collect();
    let dimensions: Vec<DimensionAverage> = Dimension::ALL
        .iter()
        .filter_map(|d| {
            let scores: Vec<u8> = reports.iter().filter_map(|r| r.dimension(*d)).collect();
            average(&scores).map(|score| DimensionAverage {
                dimension: *d,
                score,
            })
        })
        .collect();
    let strengths = top_unique(
        reports
            .iter()
            .flat_map(|r| r.strengths.iter().map(|s| s.text.clone())),
        4,
    );
    let improvements = top_unique(
        reports
            .iter()
            .flat_map(|r| r.improvements.iter().map(|s| s.text.clone())),
        5,
    );
    let mut probes: Vec<(ProbeKind, usize)> = Vec::new();
    for p in questions.iter().flat_map(|q| q.follow_ups.iter()) {
        match probes.iter_mut().find(|(k, _)| k == p) {
            Some((_, n)) => *n += 1,
            None => probes.push((*p, 1)),
        }
    }
    // stable: ties keep the order first probed
    probes.sort_by_key(|p| std::cmp::Reverse(p.1));

    let mut notes = vec![opener(style, total, totals.len())];
    for (kind, times) in probes.iter().take(2) {
        notes.push(probe_note(*kind, *times, warm(style)));
    }
    if let Some(best) = questions
        .iter()
        .filter(|q| q.total.is_some())
        .max_by_key(|q| q.total)
        && totals.len() > 1
    {
        notes.push(format!(
            "{} \"{}\"",
            if warm(style) {
                "Your best moment was"
            } else {
                "Your strongest answer was to"
            },
            super::prompt::clip(&best.prompt, 80)
        ));
    }
    if interview.ended_early {
        notes.push(if warm(style) {
            "We stopped early — that's fine, the report covers what we got through.".to_string()
        } else {
            "You ended the interview early; I can only judge what I heard.".to_string()
        });
    }

    let mut recommendations: Vec<String> = probes
        .iter()
        .take(3)
        .map(|(k, _)| recommendation(*k).to_string())
        .collect();
    if let Some(weak) = dimensions.iter().min_by_key(|d| d.score)
        && weak.score < 70
    {
        recommendations.push(format!(
            "Work on {} (your weakest dimension at {}/100).",
            weak.dimension.label().to_lowercase(),
            weak.score
        ));
    }
    if let Some(worst) = questions
        .iter()
        .filter(|q| q.total.is_some_and(|t| t < 60))
        .min_by_key(|q| q.total)
    {
        recommendations.push(format!(
            "Practise again: {} ({})",
            super::prompt::clip(&worst.prompt, 80),
            worst.question_id
        ));
    }
    if recommendations.is_empty() && !totals.is_empty() {
        recommendations.push(format!(
            "Try a harder round: the same stage with a stricter interviewer than {}.",
            interview.persona.name
        ));
    }
    MockReport {
        interviewer: interview.persona.name.clone(),
        total,
        complete: interview.is_closed(),
        ended_early: interview.ended_early,
        answered: totals.len(),
        planned: interview.questions.len(),
        questions,
        dimensions,
        strengths,
        improvements,
        notes,
        recommendations,
    }
}

impl MockReport {
    /// The report as plain text lines (for the CLI and exports).
    pub fn to_lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        let state = if self.complete {
            if self.ended_early {
                "ended early"
            } else {
                "complete"
            }
        } else {
            "partial — the interview is still open"
        };
        let score = if self.answered == 0 {
            "–".to_string()
        } else {
            self.total.to_string()
        };
        out.push(format!(
            "Score {score}/100 · {} of {} question(s) answered · {state}",
            self.answered, self.planned
        ));
        out.push(String::new());
        out.push("Questions".into());
        for (n, q) in self.questions.iter().enumerate() {
            let score = q
                .total
                .map_or_else(|| "  –".to_string(), |t| format!("{t:3}"));
            let probes = if q.follow_ups.is_empty() {
                String::new()
            } else {
                format!(" · {} follow-up(s)", q.follow_ups.len())
            };
            out.push(format!("  {}. {score}  {}{probes}", n + 1, q.prompt.trim()));
        }
        if !self.dimensions.is_empty() {
            out.push(String::new());
            out.push("Dimensions".into());
            for d in &self.dimensions {
                out.push(format!("  {:12} {:3}", d.dimension.label(), d.score));
            }
        }
        for (title, items) in [
            ("Strengths", &self.strengths),
            ("To improve", &self.improvements),
        ] {
            if !items.is_empty() {
                out.push(String::new());
                out.push(title.into());
                out.extend(items.iter().map(|s| format!("  - {s}")));
            }
        }
        out.push(String::new());
        out.push(format!("Notes from {}", self.interviewer));
        out.extend(self.notes.iter().map(|s| format!("  \"{s}\"")));
        out.push(String::new());
        if !self.recommendations.is_empty() {
            out.push("Recommendations".into());
            out.extend(self.recommendations.iter().map(|s| format!("  - {s}")));
        }
        out
    }
}
