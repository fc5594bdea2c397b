//! The judge cache: identical requests (same model and messages) answered from sled within a TTL.

use crate::store::{Store, StoreError};
use async_openai::types::chat::ChatCompletionRequestMessage;
use jiff::{SignedDuration, Timestamp};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::sync::Arc;

/// The key for a request: `llm:` and the SHA-256 of the model and the messages as JSON.
/// The API key and the base URL are not part of it (the key is never stored anywhere).
pub fn cache_key(model: &str, messages: &[ChatCompletionRequestMessage]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(model.as_bytes());
    hasher.update([0]);
    for m in messages {
        hasher.update(serde_json::to_vec(m).unwrap_or_default());
        hasher.update([0]);
    }
    let digest = hasher.finalize();
    let mut key = String::with_capacity(4 + 64);
    key.push_str("llm:");
    for b in digest {
        let _ = write!(key, "{b:02x}");
    }
    key
}

/// Cached LLM results in the store's cache tree.
#[derive(Clone)]
pub struct LlmCache {
    store: Arc<dyn Store>,
    ttl: SignedDuration,
}

impl std::fmt::Debug for LlmCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LlmCache")
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}

impl LlmCache {
    /// A cache keeping entries for `ttl_hours`; `None` when 0 (no cache).
    pub fn new(store: Arc<dyn Store>, ttl_hours: u32) -> Option<Self> {
        (ttl_hours > 0).then(|| Self {
            store,
            ttl: SignedDuration::from_hours(i64::from(ttl_hours)),
        })
    }

    /// The value under `key` if it has not expired at `now`.
    pub fn get(&self, key: &str, now: Timestamp) -> Result<Option<String>, StoreError> {
        self.store.cache_get(key, now)
    }

    /// Stores `value` under `key` until `now` + TTL.
    pub fn put(&self, key: &str, value: &str, now: Timestamp) -> Result<(), StoreError> {
        let expires = now.checked_add(self.ttl).unwrap_or(Timestamp::MAX);
        self.store.cache_put(key, value, expires)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::llm::prompts::{system, user};

    #[test]
    fn keys_depend_on_model_and_every_message() {
        let a = cache_key("m", &[system("s"), user("u")]);
        assert_eq!(a, cache_key("m", &[system("s"), user("u")]));
        assert_ne!(a, cache_key("m2", &[system("s"), user("u")]));
        assert_ne!(a, cache_key("m", &[system("s"), user("u2")]));
        assert_ne!(a, cache_key("m", &[user("s"), user("u")]));
        assert!(a.starts_with("llm:") && a.len() == 68);
    }
}
