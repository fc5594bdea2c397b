//! LLM additions to a prep guide: which parts an LLM may enrich, what it wrote and from what
//! material, and how an addition joins the offline guide without changing any offline section.

use super::guide::{Guide, SectionKind};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The longest LLM addition kept, in characters (a reply is cut at a line before this).
pub const MAX_ENRICHMENT_CHARS: usize = 4_000;

/// A part of the guide an LLM enriches, one streamed request each, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnrichKind {
    /// A summary of the role and the company as the posting presents them.
    ContextSummary,
    /// More likely questions, each with why.
    PredictedQuestions,
    /// Changes to the day-by-day plan.
    PlanRefinements,
}

impl EnrichKind {
    /// Every kind, in the order they are requested.
    pub const ALL: [Self; 3] = [
        Self::ContextSummary,
        Self::PredictedQuestions,
        Self::PlanRefinements,
    ];

    /// Lower-case words for progress lines ("Enriching 2/3: predicted questions…").
    pub fn label(self) -> &'static str {
        match self {
            Self::ContextSummary => "role and company summary",
            Self::PredictedQuestions => "predicted questions",
            Self::PlanRefinements => "plan refinements",
        }
    }

    /// The heading the addition has inside its section.
    pub fn heading(self) -> &'static str {
        match self {
            Self::ContextSummary => "Role and company summary",
            Self::PredictedQuestions => "More predicted questions",
            Self::PlanRefinements => "Plan refinements",
        }
    }

    /// The offline section the addition is shown in (after the offline content).
    pub fn section(self) -> SectionKind {
        match self {
            Self::ContextSummary => SectionKind::Context,
            Self::PredictedQuestions => SectionKind::Predicted,
            Self::PlanRefinements => SectionKind::Plan,
        }
    }

    /// The additions shown in `section`.
    pub fn in_section(section: SectionKind) -> impl Iterator<Item = Self> {
        Self::ALL
            .into_iter()
            .filter(move |k| k.section() == section)
    }
}

/// One section an LLM wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrichment {
    /// Which part of the guide it enriches.
    pub kind: EnrichKind,
    /// Who wrote it: `llm:<model>`.
    pub source: String,
    /// The text, as Markdown (paragraphs and bullets).
    pub text: String,
    /// The material it was written from (never the LLM itself): shown under "Verify these facts".
    pub sources: Vec<String>,
    /// When it was written (or taken from the cache).
    pub created_at: Timestamp,
}

impl Enrichment {
    /// The model named in `source`.
    pub fn model(&self) -> &str {
        self.source.strip_prefix("llm:").unwrap_or(&self.source)
    }
}

/// Tidies an LLM reply for the guide: no code fences, no top-level headings, no blank runs, cut
/// at a line boundary to [`MAX_ENRICHMENT_CHARS`]. `None` when nothing usable is left.
pub fn clean_reply(reply: &str) -> Option<String> {
    let mut lines: Vec<String> = Vec::new();
    for raw in reply.lines() {
        let line = raw.trim_end();
        if line.trim_start().starts_with("```") {
            continue;
        }
        // the guide supplies the headings; an LLM's own become bold lines
        let line = match line.trim_start().strip_prefix('#') {
            Some(h) => format!("**{}**", h.trim_start_matches('#').trim()),
            None => line.to_string(),
        };
        if line.trim().is_empty() && lines.last().is_none_or(|l| l.trim().is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let mut out = String::new();
    for line in lines {
        if out.chars().count() + line.chars().count() + 1 > MAX_ENRICHMENT_CHARS {
            out.push_str("[… cut: the reply was longer than the guide keeps]");
            break;
        }
        out.push_str(&line);
        out.push('\n');
    }
    let out = out.trim_end().to_string();
    (!out.replace("**", "").trim().is_empty()).then_some(out)
}

impl Guide {
    /// The LLM addition of `kind`, if there is one.
    pub fn enrichment_of(&self, kind: EnrichKind) -> Option<&Enrichment> {
        self.enrichment.iter().find(|e| e.kind == kind)
    }

    /// Adds (or replaces) an LLM addition; offline sections are never touched.
    pub fn add_enrichment(&mut self, enrichment: Enrichment) {
        let source = enrichment.source.clone();
        self.enrichment.retain(|e| e.kind != enrichment.kind);
        self.enrichment.push(enrichment);
        self.enrichment.sort_by_key(|e| {
            EnrichKind::ALL
                .iter()
                .position(|k| *k == e.kind)
                .unwrap_or(usize::MAX)
        });
        self.generated_by = format!("offline + {source}");
        self.enrichment_note = None;
    }

    /// Records why enrichment stopped at `step` of `total` (the `kind` section) and returns the
    /// note; the guide keeps its offline sections and the `added` additions before it.
    pub fn mark_enrichment_stopped(
        &mut self,
        step: usize,
        total: usize,
        kind: EnrichKind,
        added: usize,
        reason: &str,
    ) -> String {
        let note = format!(
            "LLM enrichment stopped at {step}/{total} ({}): {reason}. The offline guide stands{}.",
            kind.label(),
            if added > 0 {
                " with the sections already added"
            } else {
                ""
            }
        );
        self.enrichment_note = Some(note.clone());
        note
    }

    /// Who wrote each part: `offline` for the offline sections, `llm:<model>` for each addition.
    pub fn section_sources(&self) -> Vec<SectionSource> {
        let mut out: Vec<SectionSource> = self
            .sections()
            .into_iter()
            .map(|s| SectionSource {
                section: s.as_key().to_string(),
                title: s.title().to_string(),
                source: "offline".into(),
            })
            .collect();
        out.extend(self.enrichment.iter().map(|e| {
            SectionSource {
                section: serde_json::to_value(e.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                title: e.kind.heading().to_string(),
                source: e.source.clone(),
            }
        }));
        out
    }
}

/// A part of the guide and who wrote it (for `--json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionSource {
    /// The section's key (`context`, `predicted`, …, `context_summary`, …).
    pub section: String,
    /// Its heading.
    pub title: String,
    /// `offline` or `llm:<model>`.
    pub source: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_tidied_and_bounded() {
        assert_eq!(clean_reply("  \n```\n```\n"), None);
        assert_eq!(clean_reply("**  **"), None);
        assert_eq!(
            clean_reply("# Title\n\n\n- one\n- two\n\n").as_deref(),
            Some("**Title**\n\n- one\n- two")
        );
        let long = "- a line of text\n".repeat(1_000);
        let cut = clean_reply(&long).unwrap();
        assert!(cut.chars().count() <= MAX_ENRICHMENT_CHARS + 60);
        assert!(cut.ends_with("longer than the guide keeps]"));
    }

    #[test]
    fn kinds_map_to_sections() {
        assert_eq!(
            EnrichKind::in_section(SectionKind::Predicted).collect::<Vec<_>>(),
            vec![EnrichKind::PredictedQuestions]
        );
        assert_eq!(
            EnrichKind::in_section(SectionKind::ResumeDefense).count(),
            0
        );
    }
}
