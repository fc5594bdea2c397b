//! `hotseat prep` with an LLM: enriches the saved offline guide section by section, printing
//! progress to stderr, saving after each section, and stopping (the offline guide stands) with one
//! line saying why when a section fails.

use crate::llm::{BudgetState, LlmSetup, RequestId};
use crate::prep::{EnrichKind, Guide};
use crate::store::Store;
use anyhow::{Context as _, Result};
use std::io::{IsTerminal as _, Write as _};
use tokio_util::sync::CancellationToken;

/// How a run of enrichment ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrichSummary {
    /// Sections added.
    pub added: usize,
    /// Of those, answered from the cache.
    pub cached: usize,
    /// Why it stopped early, if it did.
    pub stopped: Option<String>,
}

/// Enriches `guide` in place with every `EnrichKind`, saving it to `store` after each section.
/// Progress goes to stderr only.
pub fn enrich_guide(
    setup: &LlmSetup,
    guide: &mut Guide,
    store: &dyn Store,
) -> Result<EnrichSummary> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let enricher = setup.guide_enricher();
    let total = EnrichKind::ALL.len();
    let mut summary = EnrichSummary {
        added: 0,
        cached: 0,
        stopped: None,
    };
    for (i, kind) in EnrichKind::ALL.into_iter().enumerate() {
        let step = i + 1;
        eprint!(
            "enriching {step}/{total} with {}: {}… ",
            enricher.model(),
            kind.label()
        );
        let _ = std::io::stderr().flush();
        // a dot every few chunks shows the stream is alive, on a terminal only
        let dots = std::io::stderr().is_terminal();
        let mut chunks = 0usize;
        let outcome = runtime.block_on(enricher.enrich_section(
            guide,
            kind,
            RequestId::next(),
            CancellationToken::new(),
            |_| {
                chunks += 1;
                if dots && chunks.is_multiple_of(25) {
                    eprint!(".");
                }
            },
        ));
        match outcome {
            Ok(o) => {
                eprintln!("{}", if o.cached { "from the cache" } else { "done" });
                summary.added += 1;
                summary.cached += usize::from(o.cached);
                guide.add_enrichment(o.enrichment);
                save(store, guide);
                if let BudgetState::Warn(p) = o.budget {
                    eprintln!("note: {p}% of this month's LLM budget is used");
                }
            }
            Err(e) => {
                eprintln!("failed");
                let note =
                    guide.mark_enrichment_stopped(step, total, kind, summary.added, &e.to_string());
                eprintln!("{note}");
                save(store, guide);
                summary.stopped = Some(note);
                break;
            }
        }
    }
    Ok(summary)
}

fn save(store: &dyn Store, guide: &Guide) {
    if let Err(e) = store.save_guide(guide) {
        eprintln!("warning: the enriched guide was not saved: {e}");
    }
}
