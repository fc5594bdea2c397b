//! The LLM layer: an OpenAI-compatible client with our own retries, streaming, usage and budget,
//! a judge cache, and the LLM judge. Nothing here runs unless an LLM is configured.
//!
//! Wiring, in short: `LlmEndpoint::resolve` (None = LLM off) → `LlmClient::new` →
//! `.with_ledger(UsageLedger::new(store, Budget::from_settings(..)))` → `LlmJudge::new(client,
//! LlmCache::new(store, ttl))` for scoring, `client.stream_chat(..)` for the interviewer.

pub mod cache;
pub mod client;
pub mod config;
mod error;
pub mod judge;
pub mod prompts;
pub mod retry;
pub mod stream;
pub mod usage;

pub use async_openai::types::chat::{ChatCompletionRequestMessage, CreateChatCompletionRequest};
pub use cache::{LlmCache, cache_key};
pub use client::{CallInfo, ClientOptions, Completion, LlmClient};
pub use config::{
    ApiKey, EndpointSummary, LLM_OFF_STATUS, LlmEndpoint, Preset, normalize_base_url,
};
pub use error::LlmError;
pub use judge::{JudgeOutcome, JudgeSource, LlmJudge, ResponseMode};
pub use retry::{AttemptFailure, Decision, RetryPolicy};
pub use stream::{ChatStream, RequestId, StreamEvent, StreamEventKind, StreamSummary};
pub use usage::{
    Budget, BudgetState, ModelPrice, Totals, UsageLedger, UsageReport, parse_prices,
    parse_usd_micros,
};

use crate::config::Config;
use crate::store::Store;
use std::sync::Arc;

/// Looks an environment variable up in the process environment.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// Everything the app needs from the LLM layer, built from the config; `None` when LLM is off.
#[derive(Debug)]
pub struct LlmSetup {
    /// The client, recording usage in the store.
    pub client: LlmClient,
    /// The judge (with the cache when its TTL is not 0).
    pub judge: LlmJudge,
    /// The cache shared by the judge and guide enrichment (`None` when its TTL is 0).
    pub cache: Option<LlmCache>,
}

impl LlmSetup {
    /// Builds the client and judge from `config` over `store`; `Ok(None)` when no LLM is
    /// configured. `env` looks up OPENAI_* and the key variable (use [`process_env`]).
    pub fn from_config(
        config: &Config,
        store: Arc<dyn Store>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Option<Self>, LlmError> {
        let settings = &config.settings.llm;
        let Some(endpoint) = LlmEndpoint::resolve(settings, env)? else {
            return Ok(None);
        };
        let ledger = UsageLedger::new(Arc::clone(&store), Budget::from_settings(settings));
        let client = LlmClient::new(endpoint, ClientOptions::default())?.with_ledger(ledger);
        let cache = LlmCache::new(store, settings.cache_ttl_hours);
        Ok(Some(Self {
            judge: LlmJudge::new(client.clone(), cache.clone()),
            client,
            cache,
        }))
    }

    /// A guide enricher over the same client and cache.
    pub fn guide_enricher(&self) -> crate::prep::GuideEnricher {
        crate::prep::GuideEnricher::new(self.client.clone(), self.cache.clone())
    }

    /// The status line for the screen (where answers go).
    pub fn status_line(&self) -> String {
        self.client.endpoint().status_line()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ConfigInputs;
    use crate::store::SledStore;

    fn setup(env: &[(&str, &str)]) -> Option<LlmSetup> {
        let dir = tempfile::tempdir().unwrap();
        let inputs = ConfigInputs {
            config_dir: Some(dir.path().to_path_buf()),
            data_dir: Some(dir.path().join("data")),
            env: env
                .iter()
                .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                .collect(),
            ..ConfigInputs::default()
        };
        let config = Config::load(&inputs).unwrap();
        let store: Arc<dyn Store> = Arc::new(SledStore::open(&dir.path().join("data")).unwrap());
        let lookup = |k: &str| inputs.env.get(k).cloned();
        LlmSetup::from_config(&config, store, &lookup).unwrap()
    }

    #[test]
    fn setup_is_none_unless_an_llm_is_configured() {
        assert!(setup(&[("OPENAI_API_KEY", "sk-x")]).is_none());
        let s = setup(&[
            ("HOTSEAT_LLM_PRESET", "lmstudio"),
            ("HOTSEAT_MODEL", "qwen"),
        ])
        .unwrap();
        assert_eq!(s.client.endpoint().base_url, "http://localhost:1234/v1");
        assert!(s.status_line().contains("qwen"));
        assert!(s.client.ledger().is_some());
    }
}
