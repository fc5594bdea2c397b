//! Streams LLM sections of a prep guide for the effect runner: one task per request, tokens and
//! results turned into actions tagged with the request id, and a cancel table.

use super::action::Action;
use crate::llm::{LlmError, RequestId};
use crate::prep::{EnrichKind, Guide, GuideEnricher};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc::UnboundedSender;
use tokio_util::sync::CancellationToken;

/// The guide enricher (if an LLM is configured) and the requests running now.
#[derive(Clone, Default)]
pub struct GuideEnrichStreams {
    enricher: Option<Arc<GuideEnricher>>,
    running: Arc<Mutex<HashMap<u64, CancellationToken>>>,
}

impl GuideEnrichStreams {
    /// Streams over `enricher`.
    pub fn new(enricher: GuideEnricher) -> Self {
        Self {
            enricher: Some(Arc::new(enricher)),
            running: Arc::default(),
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
        let cancel = CancellationToken::new();
        if let Ok(mut running) = self.running.lock() {
            running.insert(request, cancel.clone());
        }
        let running = Arc::clone(&self.running);
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
            if let Ok(mut running) = running.lock() {
                running.remove(&request);
            }
            in_flight.fetch_sub(1, Ordering::SeqCst);
        });
    }

    /// Stops a request; its later chunks are dropped.
    pub fn cancel(&self, request: u64) {
        if let Ok(mut running) = self.running.lock()
            && let Some(token) = running.remove(&request)
        {
            token.cancel();
        }
    }
}
