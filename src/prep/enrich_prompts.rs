//! Prompts for guide enrichment: one per `EnrichKind`, built only from the saved guide (so the
//! same guide always asks the same thing and the cache can answer), each bounded in size.

use super::enrichment::EnrichKind;
use super::guide::Guide;
use crate::llm::ChatCompletionRequestMessage;
use crate::llm::prompts::{system, user};
use std::fmt::Write as _;

/// The most of the job description sent, in characters.
pub const MAX_JD_CHARS: usize = 6_000;
/// The most of one resume bullet sent, in characters.
pub const MAX_BULLET_CHARS: usize = 240;
/// The most resume bullets sent.
pub const MAX_BULLETS: usize = 6;

/// What the model is told for every section.
pub const ENRICH_SYSTEM: &str = "You help a candidate prepare for one job interview. \
Write plain Markdown: short paragraphs and '- ' bullets, no tables, no code blocks, no headings. \
Use only the material between the markers. Do not add facts about the company from memory: \
no funding, size, customers, products, people or news unless the material states them; when the \
material does not say something, say that it does not. Never invent experience for the candidate. \
Be concrete and brief.";

/// One section's request: the messages and the material they were built from.
#[derive(Debug, Clone, PartialEq)]
pub struct EnrichPrompt {
    /// The section.
    pub kind: EnrichKind,
    /// System and user messages.
    pub messages: Vec<ChatCompletionRequestMessage>,
    /// What the prompt contains, for the guide's "from these sources" note.
    pub sources: Vec<String>,
}

/// Cuts `text` to at most `max` characters, at a paragraph, line or sentence end when one is
/// near, and says that it was cut.
pub fn clip_text(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    let floor = head.len() * 3 / 4;
    let cut = ["\n\n", "\n", ". "]
        .iter()
        .filter_map(|sep| head.rfind(sep).filter(|&i| i >= floor))
        .max()
        .map_or(head.len(), |i| i + 1);
    format!("{}\n[… cut to {max} characters]", head[..cut].trim_end())
}

fn plain(text: &str) -> String {
    text.replace("**", "")
}

fn header(p: &mut String, g: &Guide) {
    let _ = writeln!(p, "Job title: {}", g.title);
    if let Some(c) = &g.company {
        let _ = writeln!(p, "Company (as the candidate named it): {c}");
    }
    let _ = writeln!(
        p,
        "Interview stage: {} · days until the interview: {}",
        g.stage.as_str().replace('_', " "),
        g.days
    );
    let _ = writeln!(
        p,
        "Role family: {} · seniority: {}",
        g.context.role.label(),
        g.context.seniority.label()
    );
    let skills: Vec<&str> = g
        .context
        .skills
        .iter()
        .take(12)
        .map(|s| s.name.as_str())
        .collect();
    if !skills.is_empty() {
        let _ = writeln!(p, "Skills the posting names: {}", skills.join(", "));
    }
    if !g.context.drivers.is_empty() {
        let _ = writeln!(p, "What the posting stresses most:");
        for d in g.context.drivers.iter().take(3) {
            let _ = writeln!(p, "- {}", clip_text(&d.text, 300));
        }
    }
}

fn job_description(p: &mut String, g: &Guide) {
    let _ = writeln!(
        p,
        "\n<<<POSTING\n{}\nPOSTING>>>",
        clip_text(&plain(&g.context.highlighted), MAX_JD_CHARS)
    );
}

fn resume_bullets(p: &mut String, g: &Guide) -> bool {
    if g.resume_defense.is_empty() {
        return false;
    }
    let _ = writeln!(p, "\n<<<RESUME BULLETS");
    for d in g.resume_defense.iter().take(MAX_BULLETS) {
        let _ = writeln!(p, "- {}", clip_text(&d.bullet, MAX_BULLET_CHARS));
    }
    let _ = writeln!(p, "RESUME BULLETS>>>");
    true
}

fn jd_source(g: &Guide) -> String {
    format!("the job description ({})", g.source)
}

fn company_source(g: &Guide) -> Option<String> {
    g.company
        .as_ref()
        .map(|c| format!("the company name you gave (\"{c}\")"))
}

/// The prompt for one section of `guide`.
pub fn enrich_prompt(guide: &Guide, kind: EnrichKind) -> EnrichPrompt {
    let mut p = String::new();
    let mut sources = vec![jd_source(guide)];
    match kind {
        EnrichKind::ContextSummary => {
            sources.extend(company_source(guide));
            header(&mut p, guide);
            job_description(&mut p, guide);
            let _ = writeln!(
                p,
                "\nWrite a summary of this role and company as the posting presents them, in at most 180 words: \
                 what the team and company do, what the role owns, and what the posting stresses most. \
                 Then a '- ' list of three things the candidate should find out or check before the interview. \
                 State only what the posting says; where it is silent, say so."
            );
        }
        EnrichKind::PredictedQuestions => {
            header(&mut p, guide);
            job_description(&mut p, guide);
            if resume_bullets(&mut p, guide) {
                sources.push("your resume's bullets".into());
            }
            sources.push("the guide's offline predicted questions".into());
            let _ = writeln!(p, "\nQuestions already in the guide (do not repeat them):");
            for q in guide.predicted.iter().take(12) {
                let _ = writeln!(p, "- {}", clip_text(&q.prompt, 200));
            }
            let _ = writeln!(
                p,
                "\nWrite five more questions this interviewer is likely to ask at this stage, not in the list above. \
                 For each: a '- ' bullet with the question, then an indented line '  - why: ' tying it to a line \
                 of the posting or a resume bullet."
            );
        }
        EnrichKind::PlanRefinements => {
            header(&mut p, guide);
            sources.push("the guide's offline plan".into());
            let _ = writeln!(p, "\nThe candidate's plan:");
            for day in guide.plan.iter().take(14) {
                let items: Vec<String> = day
                    .items
                    .iter()
                    .map(|i| clip_text(&format!("{}: {}", i.kind.label(), i.text), 160))
                    .collect();
                let _ = writeln!(p, "- Day {}: {}", day.day, items.join("; "));
            }
            if let Some(note) = &guide.plan_note {
                let _ = writeln!(p, "Note: {}", clip_text(note, 300));
            }
            if !guide.focus_areas.is_empty() {
                sources.push("your notes from earlier rounds".into());
                let topics: Vec<&str> = guide
                    .focus_areas
                    .iter()
                    .take(6)
                    .map(|f| f.topic.as_str())
                    .collect();
                let _ = writeln!(p, "Focus areas from earlier rounds: {}", topics.join(", "));
            }
            let _ = writeln!(
                p,
                "\nSuggest up to five refinements to this plan for what the posting stresses: a '- ' bullet each, \
                 naming the day it changes and why. Keep the plan's days; do not rewrite the whole plan."
            );
        }
    }
    EnrichPrompt {
        kind,
        messages: vec![system(ENRICH_SYSTEM), user(p)],
        sources,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;
    use crate::prep::{PrepInput, Vocabulary, build_guide};

    fn guide(id: u128, jd: &str) -> Guide {
        let input = PrepInput {
            company: Some("Acme".into()),
            resume: Some("- Led the move of billing to Rust, cutting p99 by 40%.".into()),
            ..PrepInput::from_jd(jd)
        };
        let bank = Bank::load(None).bank;
        let now = jiff::Timestamp::from_second(1_700_000_000 + i64::try_from(id).unwrap()).unwrap();
        build_guide(
            &input,
            &bank,
            Vocabulary::builtin(),
            uuid::Uuid::from_u128(id),
            now,
        )
    }

    #[test]
    fn prompts_are_bounded_and_the_same_for_the_same_guide() {
        let jd = format!(
            "# Senior Rust Engineer\n\nWe need Rust and PostgreSQL.\n\n{}",
            "We move money safely. ".repeat(2_000)
        );
        let (a, b) = (guide(1, &jd), guide(2, &jd));
        for kind in EnrichKind::ALL {
            let pa = enrich_prompt(&a, kind);
            // a rebuild (new id, new time) asks the same thing, so the cache can answer it
            assert_eq!(pa.messages, enrich_prompt(&b, kind).messages);
            let size: usize = pa
                .messages
                .iter()
                .map(|m| serde_json::to_string(m).unwrap().len())
                .sum();
            assert!(size < MAX_JD_CHARS + 6_000, "{kind:?}: {size}");
            assert!(pa.sources[0].starts_with("the job description"));
        }
        let summary = enrich_prompt(&a, EnrichKind::ContextSummary);
        assert!(summary.sources.iter().any(|s| s.contains("\"Acme\"")));
        let text = serde_json::to_string(&summary.messages).unwrap();
        assert!(text.contains("[… cut to 6000 characters]"));
        let predicted = enrich_prompt(&a, EnrichKind::PredictedQuestions);
        assert!(
            serde_json::to_string(&predicted.messages)
                .unwrap()
                .contains("billing to Rust")
        );
    }

    #[test]
    fn clipping_prefers_a_boundary_and_says_so() {
        assert_eq!(clip_text("  short  ", 10), "short");
        let text = format!("{}\n\n{}", "a".repeat(80), "b".repeat(80));
        let cut = clip_text(&text, 100);
        assert!(cut.starts_with(&"a".repeat(80)));
        assert!(!cut.contains('b'));
        assert!(cut.ends_with("[… cut to 100 characters]"));
        let hard = clip_text(&"x".repeat(50), 20);
        assert!(hard.starts_with(&"x".repeat(20)) && !hard.starts_with(&"x".repeat(21)));
        // multi-byte text is cut on characters
        assert!(clip_text(&"é".repeat(30), 10).starts_with(&"é".repeat(10)));
    }
}
