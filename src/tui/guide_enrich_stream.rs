//! Streams LLM sections of a prep guide for the effect runner: one task per request, tokens and
//! results turned into actions tagged with the request id, and a cancel table.

use super::action::Action;
use super::cancel_table::CancelTable;
use crate::llm::{LlmError, RequestId};
use crate::prep::{EnrichKind, Guide, GuideEnricher};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::mpsc::UnboundedSender;

/// The guide enricher (if an LLM is configured) and the requests running now.
#[derive(Clone, Default)]
pub struct GuideEnrichStreams {
    enricher: Option<Arc<GuideEnricher>>,
    running: CancelTable,
}

impl GuideEnrichStreams {
    /// Streams over `enricher`.
    pub fn new(enricher: GuideEnricher) -> Self {
        Self {
            enricher: Some(Arc::new(enricher)),
            running: CancelTable::default(),
        }
    }

    /// Starts writing `kind` for `guide`; its tokens and result come back as actions on `tx`.
    pub fn start(
        &self,
        request: u64,
        kind: EnrichKind,
        guide: Arc<Guide>,
        tx: UnboundedSender<Action>,
        in_flight: Arc<AtomicUsize>,
    ) {
        let Some(enricher) = self.enricher.clone() else {
            let _ = tx.send(Action::GuideEnrichFailed {
                request,
                message: "no LLM is configured".into(),
            });
            return;
        };
        let cancel = self.running.register(request);
        let running = self.running.clone();
        in_flight.fetch_add(1, Ordering::SeqCst);
        tokio::spawn(async move {
            let token_tx = tx.clone();
            let outcome = enricher
                .enrich_section(&guide, kind, RequestId(request), cancel, |text| {
                    let _ = token_tx.send(Action::GuideEnrichToken {
                        request,
                        text: text.to_string(),
                    });
                })
                .await;
            let action = match outcome {
                Ok(o) => Some(Action::GuideSectionEnriched {
                    request,
                    enrichment: Box::new(o.enrichment),
                    cached: o.cached,
                }),
                Err(LlmError::Cancelled) => None,
                Err(e) => Some(Action::GuideEnrichFailed {
                    request,
                    message: e.to_string(),
                }),
            };
            if let Some(action) = action {
                let _ = tx.send(action);
            }
            running.finish(request);
            in_flight.fetch_sub(1, Ordering::SeqCst);
        });
    }

    /// Stops a request; its later chunks are dropped.
    pub fn cancel(&self, request: u64) {
        self.running.cancel(request);
    }
}
