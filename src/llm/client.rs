//! The OpenAI-compatible chat client: one request with our retry policy, timeouts, budget and usage.
//!
//! Deliberate choice: the HTTP is done here with reqwest, not through `async_openai::Client`.
//! async-openai 0.43 wraps every request in its own retry layer (429/5xx with its own backoff) that
//! can only be replaced through its `middleware` feature, and its streams turn a plain-JSON reply
//! into an empty stream without an error. hotseat owns the retry policy (see `retry.rs`: at most
//! four attempts, Retry-After honoured, no retry of other 4xx) and must tell empty, truncated and
//! corrupt streams apart, so the transport lives here. async-openai's request and response
//! TYPES are still used for every body we send and read.

use super::LlmError;
use super::config::LlmEndpoint;
use super::retry::{AttemptFailure, Decision, RetryPolicy, parse_retry_after};
use super::usage::{BudgetState, UsageLedger, estimate_tokens};
use crate::store::UsageRecord;
use async_openai::types::chat::{
    ChatCompletionRequestMessage, CompletionUsage, CreateChatCompletionRequest,
    CreateChatCompletionResponse, FinishReason,
};
use jiff::Timestamp;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio_util::sync::CancellationToken;

/// Transport settings that are not part of the endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientOptions {
    /// Retry rules.
    pub retry: RetryPolicy,
    /// How long connecting may take.
    pub connect_timeout: Duration,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            retry: RetryPolicy::default(),
            connect_timeout: Duration::from_secs(10),
        }
    }
}

/// What a call is for; stored with its usage record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallInfo {
    /// "judge", "interview", "check", …
    pub purpose: String,
    /// The session it belongs to, if any.
    pub session: Option<String>,
}

impl CallInfo {
    /// A call for `purpose` outside any session.
    pub fn new(purpose: &str) -> Self {
        Self {
            purpose: purpose.to_string(),
            session: None,
        }
    }

    /// The same call, tagged with a session id.
    #[must_use]
    pub fn in_session(mut self, session: impl Into<String>) -> Self {
        self.session = Some(session.into());
        self
    }
}

/// A finished, non-streamed reply.
#[derive(Debug, Clone, PartialEq)]
pub struct Completion {
    /// The reply text.
    pub content: String,
    /// The model that answered.
    pub model: String,
    /// Why the model stopped.
    pub finish_reason: Option<FinishReason>,
    /// Token counts, if the server sent them.
    pub usage: Option<CompletionUsage>,
    /// Attempts it took.
    pub attempts: u32,
    /// Time from the first attempt to the full reply.
    pub latency: Duration,
    /// The budget state after this call.
    pub budget: BudgetState,
}

/// The client. Cheap to clone; share one per endpoint.
#[derive(Clone)]
pub struct LlmClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    endpoint: LlmEndpoint,
    retry: RetryPolicy,
    idle_timeout: Duration,
    ledger: Option<UsageLedger>,
}

impl std::fmt::Debug for LlmClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LlmClient")
            .field("endpoint", &self.inner.endpoint)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

/// A successful HTTP response and the attempts it took.
pub(crate) struct Sent {
    pub(crate) response: reqwest::Response,
    pub(crate) attempts: u32,
}

impl LlmClient {
    /// A client for `endpoint`. Loopback servers are reached without any proxy.
    pub fn new(endpoint: LlmEndpoint, options: ClientOptions) -> Result<Self, LlmError> {
        let mut builder = reqwest::Client::builder()
            .connect_timeout(options.connect_timeout)
            .user_agent(concat!("hotseat/", env!("CARGO_PKG_VERSION")));
        if endpoint.is_local() {
            builder = builder.no_proxy();
        }
        let http = builder
            .build()
            .map_err(|e| LlmError::Config(format!("cannot build the HTTP client: {e}")))?;
        let idle_timeout = Duration::from_secs(u64::from(endpoint.timeout_secs));
        Ok(Self {
            inner: Arc::new(Inner {
                http,
                endpoint,
                retry: options.retry,
                idle_timeout,
                ledger: None,
            }),
        })
    }

    /// The same client, recording usage in `ledger` and refusing calls once its budget is spent.
    #[must_use]
    pub fn with_ledger(self, ledger: UsageLedger) -> Self {
        let inner = &self.inner;
        Self {
            inner: Arc::new(Inner {
                http: inner.http.clone(),
                endpoint: inner.endpoint.clone(),
                retry: inner.retry,
                idle_timeout: inner.idle_timeout,
                ledger: Some(ledger),
            }),
        }
    }

    /// The endpoint.
    pub fn endpoint(&self) -> &LlmEndpoint {
        &self.inner.endpoint
    }

    /// The usage ledger, if any.
    pub fn ledger(&self) -> Option<&UsageLedger> {
        self.inner.ledger.as_ref()
    }

    /// The longest silence allowed from the server.
    pub fn idle_timeout(&self) -> Duration {
        self.inner.idle_timeout
    }

    pub(crate) fn host(&self) -> String {
        self.inner.endpoint.host()
    }

    /// Fails when the budget is used up; else the current state.
    pub fn check_budget(&self) -> Result<BudgetState, LlmError> {
        match &self.inner.ledger {
            Some(l) => l.check(Timestamp::now()),
            None => Ok(BudgetState::Ok),
        }
    }

    /// A request for the configured model with these messages and nothing else set.
    pub fn request(
        &self,
        messages: Vec<ChatCompletionRequestMessage>,
    ) -> CreateChatCompletionRequest {
        CreateChatCompletionRequest {
            model: self.inner.endpoint.model.clone(),
            messages,
            ..CreateChatCompletionRequest::default()
        }
    }

    /// Sends a non-streamed request (retrying as the policy allows) and returns the reply.
    /// An empty model in `request` means the configured one.
    pub async fn complete(
        &self,
        mut request: CreateChatCompletionRequest,
        info: &CallInfo,
    ) -> Result<Completion, LlmError> {
        self.check_budget()?;
        if request.model.is_empty() {
            request.model.clone_from(&self.inner.endpoint.model);
        }
        request.stream = None;
        request.stream_options = None;
        let started = Instant::now();
        let Sent { response, attempts } = self.send(&request, None).await?;
        let body = tokio::time::timeout(self.inner.idle_timeout, response.bytes())
            .await
            .map_err(|_| self.timeout_error())?
            .map_err(|e| self.transport_error(&e))?;
        let latency = started.elapsed();
        let reply = parse_completion(&body).map_err(|detail| LlmError::Corrupt {
            host: self.host(),
            detail,
        })?;
        let choice = reply.choices.first().ok_or_else(|| LlmError::Corrupt {
            host: self.host(),
            detail: "the reply has no choices".into(),
        })?;
        let content = choice.message.content.clone().unwrap_or_default();
        let finish_reason = choice.finish_reason;
        let model = if reply.model.is_empty() {
            request.model.clone()
        } else {
            reply.model.clone()
        };
        let budget = self.record_usage(
            &model,
            reply.usage.as_ref(),
            &request.messages,
            &content,
            info,
        )?;
        if content.trim().is_empty() {
            return Err(LlmError::EmptyReply {
                host: self.host(),
                detail: choice
                    .message
                    .refusal
                    .clone()
                    .map(|r| format!("the model refused: {r}"))
                    .unwrap_or_default(),
            });
        }
        Ok(Completion {
            content,
            model,
            finish_reason,
            usage: reply.usage,
            attempts,
            latency,
            budget,
        })
    }

    /// Records a call's usage (estimated from text when the server sent none).
    pub(crate) fn record_usage(
        &self,
        model: &str,
        usage: Option<&CompletionUsage>,
        messages: &[ChatCompletionRequestMessage],
        reply: &str,
        info: &CallInfo,
    ) -> Result<BudgetState, LlmError> {
        let Some(ledger) = &self.inner.ledger else {
            return Ok(BudgetState::Ok);
        };
        let (prompt_tokens, completion_tokens, estimated) = if let Some(u) = usage {
            (
                u64::from(u.prompt_tokens),
                u64::from(u.completion_tokens),
                false,
            )
        } else {
            let prompt: String = messages
                .iter()
                .map(|m| serde_json::to_string(m).unwrap_or_default())
                .collect();
            (estimate_tokens(&prompt), estimate_tokens(reply), true)
        };
        let record = UsageRecord {
            at: Timestamp::now(),
            model: model.to_string(),
            purpose: info.purpose.clone(),
            session: info.session.clone(),
            prompt_tokens,
            completion_tokens,
            estimated,
        };
        Ok(ledger.record(&record)?)
    }

    /// POSTs `request` to `/chat/completions`, retrying per the policy, until a 2xx arrives.
    /// Waits between attempts stop early (with `Cancelled`) when `cancel` fires.
    pub(crate) async fn send(
        &self,
        request: &CreateChatCompletionRequest,
        cancel: Option<&CancellationToken>,
    ) -> Result<Sent, LlmError> {
        let url = format!("{}/chat/completions", self.inner.endpoint.base_url);
        let streaming = request.stream == Some(true);
        let mut attempt: u32 = 0;
        let mut waited = Duration::ZERO;
        let never = CancellationToken::new();
        let cancel = cancel.unwrap_or(&never);
        loop {
            attempt += 1;
            let mut builder = self.inner.http.post(&url).json(request);
            if let Some(key) = &self.inner.endpoint.api_key {
                builder = builder.bearer_auth(key.expose());
            }
            if streaming {
                builder = builder.header(reqwest::header::ACCEPT, "text/event-stream");
            }
            let outcome = tokio::select! {
                biased;
                () = cancel.cancelled() => return Err(LlmError::Cancelled),
                r = tokio::time::timeout(self.inner.idle_timeout, builder.send()) => r,
            };
            let (failure, detail, retry_after) = match outcome {
                Ok(Ok(response)) if response.status().is_success() => {
                    return Ok(Sent {
                        response,
                        attempts: attempt,
                    });
                }
                Ok(Ok(response)) => {
                    let status = response.status().as_u16();
                    let header = |name: &str| {
                        response
                            .headers()
                            .get(name)
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_string)
                    };
                    let retry_after = parse_retry_after(
                        header("retry-after").as_deref(),
                        header("retry-after-ms").as_deref(),
                        Timestamp::now(),
                    );
                    let body = tokio::time::timeout(Duration::from_secs(5), response.text())
                        .await
                        .ok()
                        .and_then(Result::ok)
                        .unwrap_or_default();
                    (
                        AttemptFailure::Status {
                            status,
                            retry_after,
                        },
                        error_detail(&body),
                        retry_after,
                    )
                }
                Ok(Err(e)) if e.is_timeout() && !e.is_connect() => {
                    (AttemptFailure::Timeout, e.to_string(), None)
                }
                Ok(Err(e)) => (AttemptFailure::Connection, transport_detail(&e), None),
                Err(_) => (AttemptFailure::Timeout, String::new(), None),
            };
            match self
                .inner
                .retry
                .decide(&failure, attempt, rand::random::<f64>())
            {
                Decision::RetryAfter(delay) => {
                    tracing::warn!(
                        host = %self.host(),
                        attempt,
                        ?failure,
                        delay_ms = delay.as_millis(),
                        "LLM call failed; retrying"
                    );
                    tokio::select! {
                        biased;
                        () = cancel.cancelled() => return Err(LlmError::Cancelled),
                        () = tokio::time::sleep(delay) => {}
                    }
                    waited += delay;
                }
                Decision::GiveUp => {
                    return Err(self.give_up(&failure, attempt, waited, detail, retry_after));
                }
            }
        }
    }

    fn give_up(
        &self,
        failure: &AttemptFailure,
        attempts: u32,
        waited: Duration,
        detail: String,
        retry_after: Option<Duration>,
    ) -> LlmError {
        let host = self.host();
        match failure {
            AttemptFailure::Status { status: 429, .. } => LlmError::RateLimited {
                host,
                attempts,
                waited,
                retry_after,
            },
            AttemptFailure::Status {
                status: status @ (401 | 403),
                ..
            } => LlmError::Unauthorized {
                host,
                status: *status,
                key_env: self.inner.endpoint.key_env.clone(),
            },
            AttemptFailure::Status { status: 404, .. } => LlmError::NotFound {
                host,
                model: self.inner.endpoint.model.clone(),
                detail,
            },
            AttemptFailure::Status { status, .. } if *status >= 500 => LlmError::ServerError {
                host,
                status: *status,
                attempts,
                waited,
                detail,
            },
            AttemptFailure::Status { status, .. } => LlmError::Rejected {
                host,
                status: *status,
                detail,
            },
            AttemptFailure::Connection => LlmError::Unreachable {
                host,
                attempts,
                waited,
                detail,
            },
            AttemptFailure::Timeout => self.timeout_error(),
        }
    }

    pub(crate) fn timeout_error(&self) -> LlmError {
        LlmError::Timeout {
            host: self.host(),
            after: self.inner.idle_timeout,
        }
    }

    pub(crate) fn transport_error(&self, e: &reqwest::Error) -> LlmError {
        if e.is_timeout() {
            return self.timeout_error();
        }
        LlmError::Corrupt {
            host: self.host(),
            detail: format!(
                "the connection broke while reading: {}",
                transport_detail(e)
            ),
        }
    }
}

/// The most useful line of a reqwest error: its innermost cause.
fn transport_detail(e: &reqwest::Error) -> String {
    let mut detail = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        detail = s.to_string();
        source = s.source();
    }
    detail
}

/// The message in an error body: `{"error": {"message": …}}`, `{"error": "…"}`, `{"message": …}`,
/// or the start of the text.
pub(crate) fn error_detail(body: &str) -> String {
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(body) {
        let message = v
            .pointer("/error/message")
            .or_else(|| v.get("error").filter(|e| e.is_string()))
            .or_else(|| v.get("message"))
            .or_else(|| v.get("detail"))
            .and_then(serde_json::Value::as_str);
        if let Some(m) = message {
            return clip(m, 300);
        }
    }
    clip(body.trim(), 300)
}

/// At most `max` characters of `text`, with an ellipsis when cut.
pub(crate) fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max).collect();
    s.push('…');
    s
}

/// Finish reasons async-openai's enum knows; anything else a server invents reads as "stop".
const KNOWN_FINISH_REASONS: [&str; 5] = [
    "stop",
    "length",
    "tool_calls",
    "content_filter",
    "function_call",
];

/// Makes a reply or chunk from a lenient server readable by async-openai's strict types:
/// fills a missing id / object / created / model, and maps unknown finish reasons to "stop".
/// The choices themselves are not repaired: a malformed choice is a corrupt reply.
pub(crate) fn normalise(value: &mut serde_json::Value, object: &str) {
    let Some(map) = value.as_object_mut() else {
        return;
    };
    map.entry("id").or_insert_with(|| "".into());
    map.entry("object").or_insert_with(|| object.into());
    map.entry("model").or_insert_with(|| "".into());
    let created_ok = map
        .get("created")
        .and_then(serde_json::Value::as_u64)
        .is_some_and(|c| u32::try_from(c).is_ok());
    if !created_ok {
        map.insert("created".into(), 0.into());
    }
    if let Some(choices) = map.get_mut("choices").and_then(|c| c.as_array_mut()) {
        for choice in choices {
            if let Some(reason) = choice.get_mut("finish_reason")
                && let Some(r) = reason.as_str()
                && !KNOWN_FINISH_REASONS.contains(&r)
            {
                *reason = "stop".into();
            }
        }
    }
}

fn parse_completion(body: &[u8]) -> Result<CreateChatCompletionResponse, String> {
    let mut value: serde_json::Value = serde_json::from_slice(body).map_err(|e| {
        format!(
            "not JSON ({e}): {}",
            clip(&String::from_utf8_lossy(body), 120)
        )
    })?;
    if value.get("choices").is_none()
        && let Some(err) = value.get("error")
    {
        return Err(format!(
            "the server sent an error: {}",
            error_detail(&err.to_string())
        ));
    }
    normalise(&mut value, "chat.completion");
    serde_json::from_value(value).map_err(|e| format!("not a chat completion: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_details_come_from_common_shapes() {
        assert_eq!(
            error_detail(r#"{"error":{"message":"bad model","type":"x"}}"#),
            "bad model"
        );
        assert_eq!(error_detail(r#"{"error":"nope"}"#), "nope");
        assert_eq!(error_detail("plain text\n"), "plain text");
    }

    #[test]
    fn lenient_replies_are_normalised_but_bad_choices_are_not() {
        let ok = br#"{"choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"eos"}]}"#;
        let reply = parse_completion(ok).unwrap();
        assert_eq!(reply.choices[0].finish_reason, Some(FinishReason::Stop));
        assert_eq!(reply.object, "chat.completion");
        assert!(parse_completion(br#"{"choices":[{"nope":1}]}"#).is_err());
        assert!(parse_completion(b"<html>").is_err());
        let err = parse_completion(br#"{"error":{"message":"overloaded"}}"#).unwrap_err();
        assert!(err.contains("overloaded"), "{err}");
    }
}
