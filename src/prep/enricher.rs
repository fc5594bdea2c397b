//! Runs guide enrichment against the LLM: one streamed request per section, tagged with a request
//! id and cancellable, answered from the sled cache when the same model was asked the same thing
//! within the TTL. Usage and the budget are counted by the client like every other call.

use super::enrich_prompts::enrich_prompt;
use super::enrichment::{EnrichKind, Enrichment, clean_reply};
use super::guide::Guide;
use crate::llm::{
    BudgetState, CallInfo, LlmCache, LlmClient, LlmError, RequestId, StreamEventKind, cache_key,
};
use jiff::Timestamp;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

/// The longest reply asked for, in tokens.
const MAX_REPLY_TOKENS: u32 = 900;

/// One enriched section and how it was obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionOutcome {
    /// The addition for the guide.
    pub enrichment: Enrichment,
    /// Answered from the cache (no call made, nothing spent).
    pub cached: bool,
    /// The budget state after the call.
    pub budget: BudgetState,
}

/// Enriches guides over one client, with the LLM cache when its TTL is not 0.
#[derive(Debug, Clone)]
pub struct GuideEnricher {
    client: LlmClient,
    cache: Option<LlmCache>,
}

impl GuideEnricher {
    /// An enricher; `cache` answers identical requests within its TTL.
    pub fn new(client: LlmClient, cache: Option<LlmCache>) -> Self {
        Self { client, cache }
    }

    /// The configured model.
    pub fn model(&self) -> &str {
        &self.client.endpoint().model
    }

    /// Writes one section of `guide`. Tokens go to `on_token` as they arrive (none on a cache
    /// hit). `cancel` stops the request; it then ends with `LlmError::Cancelled`. An empty or
    /// unusable reply is an error, never an addition.
    pub async fn enrich_section(
        &self,
        guide: &Guide,
        kind: EnrichKind,
        request: RequestId,
        cancel: CancellationToken,
        mut on_token: impl FnMut(&str) + Send,
    ) -> Result<SectionOutcome, LlmError> {
        let prompt = enrich_prompt(guide, kind);
        let model = self.model().to_string();
        let key = cache_key(&model, &prompt.messages);
        let addition = |text: String, model: &str| Enrichment {
            kind,
            source: format!("llm:{model}"),
            text,
            sources: prompt.sources.clone(),
            created_at: Timestamp::now(),
        };
        if let Some(cache) = &self.cache {
            match cache.get(&key, Timestamp::now()) {
                Ok(Some(text)) => {
                    if let Some(text) = clean_reply(&text) {
                        let budget = self
                            .client
                            .ledger()
                            .and_then(|l| l.state(Timestamp::now()).ok())
                            .unwrap_or(BudgetState::Ok);
                        return Ok(SectionOutcome {
                            enrichment: addition(text, &model),
                            cached: true,
                            budget,
                        });
                    }
                }
                Ok(None) => {}
                Err(e) => tracing::warn!("reading the LLM cache failed: {e}"),
            }
        }
        let mut body = self.client.request(prompt.messages.clone());
        body.temperature = Some(0.3);
        body.max_completion_tokens = Some(MAX_REPLY_TOKENS);
        let info = CallInfo::new("prep").in_session(guide.id.to_string());
        let (sink, mut events) = mpsc::channel(64);
        let task = self
            .client
            .spawn_stream(request, body, info, cancel.clone(), sink);
        let mut result = Err(LlmError::Cancelled);
        while let Some(event) = events.recv().await {
            match event.kind {
                StreamEventKind::Token { text, .. } => {
                    if !cancel.is_cancelled() {
                        on_token(&text);
                    }
                }
                StreamEventKind::Finished(summary) => result = Ok(summary),
                StreamEventKind::Failed(e) => result = Err(e),
                StreamEventKind::Cancelled => result = Err(LlmError::Cancelled),
            }
        }
        let _ = task.await;
        if cancel.is_cancelled() {
            return Err(LlmError::Cancelled);
        }
        let summary = result?;
        let text = clean_reply(&summary.content).ok_or_else(|| LlmError::EmptyReply {
            host: self.client.endpoint().host(),
            detail: "the reply had no usable text".into(),
        })?;
        if let Some(cache) = &self.cache
            && let Err(e) = cache.put(&key, &text, Timestamp::now())
        {
            tracing::warn!("caching the enrichment failed: {e}");
        }
        Ok(SectionOutcome {
            enrichment: addition(text, &model),
            cached: false,
            budget: summary.budget,
        })
    }
}
