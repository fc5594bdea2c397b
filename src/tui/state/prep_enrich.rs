//! LLM enrichment on the prep guide screen: which section is being written, the streamed text so
//! far, and the pure steps that ask for each section, add it to the guide, save it, and stop on
//! failure or cancel (late chunks of a stopped request are dropped).

use super::prep::PrepState;
use crate::prep::EnrichKind;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::shared::Shared;

/// The LLM section being written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrichProgress {
    /// The request id every chunk of it carries.
    pub request: u64,
    /// The section.
    pub kind: EnrichKind,
    /// Its position, from 1.
    pub step: usize,
    /// Sections in this run.
    pub total: usize,
    /// The text streamed so far.
    pub text: String,
    /// Chunks received.
    pub chunks: usize,
    /// Sections added so far in this run.
    pub added: usize,
    /// Of those, answered from the cache.
    pub cached: usize,
}

impl EnrichProgress {
    /// "Enriching 2/3: predicted questions…"
    pub fn line(&self) -> String {
        format!(
            "Enriching {}/{}: {}…",
            self.step,
            self.total,
            self.kind.label()
        )
    }
}

/// A line about enrichment for the guide screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrichNotice {
    /// The text.
    pub text: String,
    /// Whether it says something went wrong.
    pub error: bool,
}

impl EnrichNotice {
    fn info(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            error: false,
        }
    }

    fn error(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            error: true,
        }
    }
}

impl PrepState {
    /// Starts enriching the guide on screen (or as soon as it is loaded). Returns the request for
    /// the first section; nothing when there is no LLM, the guide is read-only, or a run is on.
    pub fn start_enrichment(&mut self) -> Vec<Effect> {
        if self.read_only {
            self.notice = Some(EnrichNotice::info(if self.from_setup {
                "A saved guide, read-only. Build it again from the form to enrich it."
            } else {
                "Opened from History: a saved guide, read-only. Rebuild it with `hotseat prep` to enrich it."
            }));
            return vec![];
        }
        if self.llm_model.is_none() {
            self.notice = Some(EnrichNotice::info(
                "No LLM is configured: the offline guide stands (docs/llm.md says how to add one).",
            ));
            return vec![];
        }
        if self.guide.is_none() {
            self.pending_enrich = true;
            return vec![];
        }
        if self.enriching.is_some() {
            return vec![];
        }
        self.pending_enrich = false;
        self.request_step(1, 0, 0)
    }

    /// Asks for section `step` (from 1) of `EnrichKind::ALL`.
    fn request_step(&mut self, step: usize, added: usize, cached: usize) -> Vec<Effect> {
        let total = EnrichKind::ALL.len();
        let (Some(kind), Some(guide)) = (
            EnrichKind::ALL.get(step.saturating_sub(1)).copied(),
            self.guide.as_deref(),
        ) else {
            self.enriching = None;
            return vec![];
        };
        self.last_request += 1;
        let request = self.last_request;
        self.enriching = Some(EnrichProgress {
            request,
            kind,
            step,
            total,
            text: String::new(),
            chunks: 0,
            added,
            cached,
        });
        self.notice = None;
        vec![Effect::EnrichGuideSection {
            request,
            kind,
            guide: Shared::new(guide.clone()),
        }]
    }

    /// Stops the run, if one is on; its later chunks are dropped.
    pub fn cancel_enrichment(&mut self) -> Vec<Effect> {
        self.pending_enrich = false;
        let Some(p) = self.enriching.take() else {
            return vec![];
        };
        self.notice = Some(EnrichNotice::info(format!(
            "LLM enrichment cancelled at {}/{}; the sections already added are saved.",
            p.step, p.total
        )));
        let mut effects = vec![Effect::CancelGuideEnrich(p.request)];
        // the saved guide says why sections are missing, as it does after a failure
        if let Some(guide) = self.guide.as_deref_mut() {
            guide.mark_enrichment_stopped(p.step, p.total, p.kind, p.added, "cancelled");
            effects.push(Effect::SaveGuide(Shared::new(guide.clone())));
        }
        effects
    }

    /// Applies a streamed token, a finished section or a failure. Anything tagged with another
    /// request than the one running (a cancelled or superseded one) is dropped.
    pub fn on_enrich_result(&mut self, action: Action) -> Vec<Effect> {
        let running = self.enriching.as_ref().map(|p| p.request);
        match action {
            Action::GuideEnrichToken { request, text } if Some(request) == running => {
                if let Some(p) = self.enriching.as_mut() {
                    p.text.push_str(&text);
                    p.chunks += 1;
                }
                vec![]
            }
            Action::GuideSectionEnriched {
                request,
                enrichment,
                cached,
            } if Some(request) == running => {
                let Some(progress) = self.enriching.take() else {
                    return vec![];
                };
                let Some(guide) = self.guide.as_deref_mut() else {
                    return vec![];
                };
                let model = enrichment.model().to_string();
                guide.add_enrichment(*enrichment);
                let saved = Shared::new(guide.clone());
                self.refresh();
                let added = progress.added + 1;
                let cached = progress.cached + usize::from(cached);
                let mut effects = vec![Effect::SaveGuide(saved)];
                if progress.step < progress.total {
                    effects.extend(self.request_step(progress.step + 1, added, cached));
                } else {
                    let from_cache = match cached {
                        0 => String::new(),
                        n if n == added => ", all from the cache".to_string(),
                        n => format!(", {n} from the cache"),
                    };
                    self.notice = Some(EnrichNotice::info(format!(
                        "LLM sections added: {added}/{} by {model}{from_cache}. They are labelled in the guide; verify their facts.",
                        progress.total
                    )));
                }
                effects
            }
            Action::GuideEnrichFailed { request, message } if Some(request) == running => {
                let Some(progress) = self.enriching.take() else {
                    return vec![];
                };
                let Some(guide) = self.guide.as_deref_mut() else {
                    return vec![];
                };
                let text = guide.mark_enrichment_stopped(
                    progress.step,
                    progress.total,
                    progress.kind,
                    progress.added,
                    &message,
                );
                self.notice = Some(EnrichNotice::error(text));
                vec![Effect::SaveGuide(Shared::new(guide.clone()))]
            }
            _ => vec![],
        }
    }
}
