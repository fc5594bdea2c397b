//! `LlmError`: every way an LLM call can fail, worded so the user knows what to do next.

use crate::store::StoreError;
use std::time::Duration;

/// Seconds with one decimal, for messages.
fn secs(d: &Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 10.0 {
        format!("{s:.0} s")
    } else {
        format!("{s:.1} s")
    }
}

fn retried(attempts: u32) -> String {
    match attempts.saturating_sub(1) {
        0 => "not retried".to_string(),
        1 => "retried once".to_string(),
        n => format!("retried {n} times"),
    }
}

/// A failed LLM call. Offline scoring carries on whatever the variant.
#[derive(Debug, thiserror::Error)]
pub enum LlmError {
    /// No LLM is configured.
    #[error(
        "no LLM is configured: set llm_preset (openai, ollama, llamacpp, vllm, lmstudio) or llm_base_url in config.toml"
    )]
    NotConfigured,
    /// The LLM settings are unusable.
    #[error("LLM settings: {0}")]
    Config(String),
    /// 429 on every attempt, or a Retry-After longer than we wait.
    #[error("rate limited by {host}, {} over {}{}", retried(*attempts), secs(waited), retry_after.map(|d| format!("; the server asks to wait {}", secs(&d))).unwrap_or_default())]
    RateLimited {
        /// The server.
        host: String,
        /// Attempts made.
        attempts: u32,
        /// Time spent waiting between attempts.
        waited: Duration,
        /// The last Retry-After, if any.
        retry_after: Option<Duration>,
    },
    /// 401 or 403.
    #[error(
        "server {host} returned {status}: check {key_env} (is it set, and valid for this server?)"
    )]
    Unauthorized {
        /// The server.
        host: String,
        /// 401 or 403.
        status: u16,
        /// The variable the key is read from.
        key_env: String,
    },
    /// 404: usually a wrong base URL or model.
    #[error(
        "server {host} returned 404 for model '{model}': check llm_base_url (it should end in /v1) and llm_model{}",
        detail_suffix(detail)
    )]
    NotFound {
        /// The server.
        host: String,
        /// The model asked for.
        model: String,
        /// The server's message.
        detail: String,
    },
    /// Any other 4xx: the request was refused and is not retried.
    #[error(
        "server {host} refused the request with {status}{}",
        detail_suffix(detail)
    )]
    Rejected {
        /// The server.
        host: String,
        /// The status.
        status: u16,
        /// The server's message.
        detail: String,
    },
    /// 5xx on every attempt.
    #[error(
        "server {host} failed with {status}, {} over {}{}",
        retried(*attempts),
        secs(waited),
        detail_suffix(detail)
    )]
    ServerError {
        /// The server.
        host: String,
        /// The last status.
        status: u16,
        /// Attempts made.
        attempts: u32,
        /// Time spent waiting between attempts.
        waited: Duration,
        /// The server's message.
        detail: String,
    },
    /// Could not connect (refused, DNS, TLS) on every attempt.
    #[error(
        "cannot reach {host}, {} over {}: {detail} — is the server running?",
        retried(*attempts),
        secs(waited)
    )]
    Unreachable {
        /// The server.
        host: String,
        /// Attempts made.
        attempts: u32,
        /// Time spent waiting between attempts.
        waited: Duration,
        /// The transport error.
        detail: String,
    },
    /// The server went silent for longer than the timeout.
    #[error(
        "{host} sent nothing for {} (llm_timeout_secs); the model may be overloaded or still loading",
        secs(after)
    )]
    Timeout {
        /// The server.
        host: String,
        /// The silence that was allowed.
        after: Duration,
    },
    /// A streaming request got no chunks (or a plain JSON reply).
    #[error("{host} sent an empty stream{}", detail_suffix(detail))]
    EmptyStream {
        /// The server.
        host: String,
        /// Why, e.g. "answered with JSON, not server-sent events".
        detail: String,
    },
    /// A non-streamed reply had no text.
    #[error("{host} sent an empty reply{}", detail_suffix(detail))]
    EmptyReply {
        /// The server.
        host: String,
        /// Why, if known (e.g. a refusal).
        detail: String,
    },
    /// The stream stopped before a finish reason: the reply is incomplete.
    #[error(
        "{host} ended the stream without a finish reason after {chunks} chunks: the reply is incomplete"
    )]
    Truncated {
        /// The server.
        host: String,
        /// Chunks received.
        chunks: usize,
    },
    /// A chunk or reply could not be read.
    #[error("{host} sent a reply that cannot be read: {detail}")]
    Corrupt {
        /// The server.
        host: String,
        /// What was wrong.
        detail: String,
    },
    /// The caller cancelled the request.
    #[error("cancelled")]
    Cancelled,
    /// The monthly budget is used up; LLM calls stop until next month.
    #[error(
        "monthly LLM budget used up ({spent} of {limit}); LLM use is paused until next month — offline scoring goes on (raise llm_monthly_*_budget to continue)"
    )]
    BudgetExhausted {
        /// What was spent, formatted.
        spent: String,
        /// The budget, formatted.
        limit: String,
    },
    /// The store failed while recording usage or caching.
    #[error("LLM usage store: {0}")]
    Store(#[from] StoreError),
}

fn detail_suffix(detail: &str) -> String {
    let d = detail.trim();
    if d.is_empty() {
        String::new()
    } else {
        format!(": {d}")
    }
}

impl LlmError {
    /// Whether a different response format might succeed (the server refused the request itself).
    pub fn is_rejection(&self) -> bool {
        matches!(self, Self::Rejected { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_what_happened_and_what_to_do() {
        let e = LlmError::RateLimited {
            host: "api.openai.com".into(),
            attempts: 4,
            waited: Duration::from_secs(31),
            retry_after: None,
        };
        assert_eq!(
            e.to_string(),
            "rate limited by api.openai.com, retried 3 times over 31 s"
        );
        let e = LlmError::Unauthorized {
            host: "h".into(),
            status: 401,
            key_env: "OPENAI_API_KEY".into(),
        };
        assert!(
            e.to_string()
                .starts_with("server h returned 401: check OPENAI_API_KEY")
        );
    }
}
