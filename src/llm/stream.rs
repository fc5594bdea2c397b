//! Streaming chat: server-sent events parsed into request-tagged token events, with cancellation.

use super::LlmError;
use super::client::{CallInfo, LlmClient, Sent, clip, error_detail, normalise};
use super::usage::BudgetState;
use async_openai::types::chat::{
    ChatCompletionStreamOptions, CompletionUsage, CreateChatCompletionRequest,
    CreateChatCompletionStreamResponse, FinishReason,
};
use futures::StreamExt;
use serde::Serialize;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

/// Tags one LLM request and every event it produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct RequestId(pub u64);

static NEXT_REQUEST_ID: AtomicU64 = AtomicU64::new(1);

impl RequestId {
    /// A fresh id, unique in this process.
    pub fn next() -> Self {
        Self(NEXT_REQUEST_ID.fetch_add(1, Ordering::Relaxed))
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "req-{}", self.0)
    }
}

/// One event of a streamed reply.
#[derive(Debug)]
pub struct StreamEvent {
    /// The request it belongs to.
    pub request_id: RequestId,
    /// What happened.
    pub kind: StreamEventKind,
}

/// What happened on a stream. After `Finished`, `Failed` or `Cancelled` nothing more arrives.
#[derive(Debug)]
pub enum StreamEventKind {
    /// Text as it arrived; `seq` counts tokens events from 0.
    Token {
        /// Position among this request's token events.
        seq: usize,
        /// The text.
        text: String,
    },
    /// The reply is complete.
    Finished(StreamSummary),
    /// The stream failed; any text already shown is incomplete.
    Failed(LlmError),
    /// The caller cancelled; no more tokens follow.
    Cancelled,
}

/// A completed stream.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamSummary {
    /// All the text.
    pub content: String,
    /// The model that answered.
    pub model: String,
    /// Why it stopped.
    pub finish_reason: FinishReason,
    /// Token counts, if the server sent them.
    pub usage: Option<CompletionUsage>,
    /// Chunks received.
    pub chunks: usize,
    /// The budget state after this call.
    pub budget: BudgetState,
}

/// A running streamed request: read events with `next`, stop it with `cancel`.
#[derive(Debug)]
pub struct ChatStream {
    id: RequestId,
    rx: mpsc::Receiver<StreamEvent>,
    cancel: CancellationToken,
    task: Option<JoinHandle<()>>,
}

impl ChatStream {
    /// The request id on every event.
    pub fn request_id(&self) -> RequestId {
        self.id
    }

    /// The next event; `None` after the last one.
    pub async fn next(&mut self) -> Option<StreamEvent> {
        self.rx.recv().await
    }

    /// Asks the request to stop: the connection is dropped and a `Cancelled` event ends the stream.
    pub fn cancel(&self) {
        self.cancel.cancel();
    }

    /// A token that cancels this request (for an effect runner's abort table).
    pub fn cancel_token(&self) -> CancellationToken {
        self.cancel.clone()
    }

    /// Waits until the request's task has ended (after the last event was sent).
    pub async fn join(&mut self) {
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    /// Waits for the end and returns the whole reply (tokens are concatenated).
    pub async fn collect(mut self) -> Result<StreamSummary, LlmError> {
        let mut result = Err(LlmError::Cancelled);
        while let Some(event) = self.next().await {
            match event.kind {
                StreamEventKind::Token { .. } => {}
                StreamEventKind::Finished(s) => result = Ok(s),
                StreamEventKind::Failed(e) => result = Err(e),
                StreamEventKind::Cancelled => result = Err(LlmError::Cancelled),
            }
        }
        result
    }
}

impl Drop for ChatStream {
    fn drop(&mut self) {
        // Nobody is listening any more: stop the request rather than leak it. The task sees the
        // cancellation at its next read or wait and ends; it is not awaited here.
        self.cancel.cancel();
    }
}

impl LlmClient {
    /// Starts a streamed request on the current tokio runtime with a fresh request id.
    pub fn stream_chat(&self, request: CreateChatCompletionRequest, info: &CallInfo) -> ChatStream {
        let id = RequestId::next();
        let cancel = CancellationToken::new();
        let (tx, rx) = mpsc::channel(64);
        let task = self.spawn_stream(id, request, info.clone(), cancel.clone(), tx);
        ChatStream {
            id,
            rx,
            cancel,
            task: Some(task),
        }
    }

    /// Starts a streamed request whose events go to `sink`, tagged `id`; `cancel` stops it.
    /// For an effect runner that merges several requests into one channel.
    pub fn spawn_stream(
        &self,
        id: RequestId,
        request: CreateChatCompletionRequest,
        info: CallInfo,
        cancel: CancellationToken,
        sink: mpsc::Sender<StreamEvent>,
    ) -> JoinHandle<()> {
        let client = self.clone();
        tokio::spawn(async move {
            let emitter = Emitter {
                id,
                sink,
                cancel: cancel.clone(),
            };
            let kind = match client.run_stream(request, &info, &emitter).await {
                Ok(summary) => StreamEventKind::Finished(summary),
                Err(LlmError::Cancelled) => StreamEventKind::Cancelled,
                Err(e) => StreamEventKind::Failed(e),
            };
            let _ = emitter
                .sink
                .send(StreamEvent {
                    request_id: id,
                    kind,
                })
                .await;
        })
    }

    async fn run_stream(
        &self,
        mut request: CreateChatCompletionRequest,
        info: &CallInfo,
        out: &Emitter,
    ) -> Result<StreamSummary, LlmError> {
        self.check_budget()?;
        if request.model.is_empty() {
            request.model.clone_from(&self.endpoint().model);
        }
        request.stream = Some(true);
        request.stream_options = Some(ChatCompletionStreamOptions {
            include_usage: Some(true),
            include_obfuscation: None,
        });
        let Sent { response, .. } = self.send(&request, Some(&out.cancel)).await?;
        let host = self.host();
        let response = reject_plain_json(response, &host).await?;

        let mut state = StreamState::default();
        let mut bytes = response.bytes_stream();
        let mut parser = SseParser::default();
        let mut done = false;
        while !done {
            let next = tokio::select! {
                biased;
                () = out.cancel.cancelled() => None,
                n = tokio::time::timeout(self.idle_timeout(), bytes.next()) => Some(n),
            };
            let Some(next) = next else {
                self.record_partial(&request, &state, info);
                return Err(LlmError::Cancelled);
            };
            let piece = match next {
                Err(_) => {
                    self.record_partial(&request, &state, info);
                    return Err(self.timeout_error());
                }
                Ok(None) => {
                    done = true;
                    parser.finish()
                }
                Ok(Some(Err(e))) => {
                    self.record_partial(&request, &state, info);
                    return Err(self.transport_error(&e));
                }
                Ok(Some(Ok(b))) => parser.push(&b),
            };
            for data in piece {
                if data.trim() == "[DONE]" {
                    done = true;
                    break;
                }
                let chunk = parse_chunk(&data).map_err(|detail| {
                    self.record_partial(&request, &state, info);
                    LlmError::Corrupt {
                        host: host.clone(),
                        detail,
                    }
                })?;
                if let Some(text) = state.absorb(chunk) {
                    out.token(state.tokens, text).await?;
                    state.tokens += 1;
                }
            }
        }
        if state.chunks == 0 {
            return Err(LlmError::EmptyStream {
                host,
                detail: "no chunks arrived".to_string(),
            });
        }
        let Some(finish_reason) = state.finish_reason else {
            self.record_partial(&request, &state, info);
            return Err(LlmError::Truncated {
                host,
                chunks: state.chunks,
            });
        };
        let model = state.model.clone().unwrap_or_else(|| request.model.clone());
        let budget = self.record_usage(
            &model,
            state.usage.as_ref(),
            &request.messages,
            &state.content,
            info,
        )?;
        Ok(StreamSummary {
            content: state.content,
            model,
            finish_reason,
            usage: state.usage,
            chunks: state.chunks,
            budget,
        })
    }

    /// Records what a stream that did not finish used (estimated unless the server said).
    fn record_partial(
        &self,
        request: &CreateChatCompletionRequest,
        state: &StreamState,
        info: &CallInfo,
    ) {
        if state.chunks == 0 {
            return;
        }
        let model = state.model.clone().unwrap_or_else(|| request.model.clone());
        if let Err(e) = self.record_usage(
            &model,
            state.usage.as_ref(),
            &request.messages,
            &state.content,
            info,
        ) {
            tracing::warn!("could not record LLM usage: {e}");
        }
    }
}

/// A streaming request answered with plain JSON is a failure (async-openai would show it as an
/// empty stream); anything else is read as server-sent events.
async fn reject_plain_json(
    response: reqwest::Response,
    host: &str,
) -> Result<reqwest::Response, LlmError> {
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if !content_type.contains("application/json") {
        return Ok(response);
    }
    let body = response.text().await.unwrap_or_default();
    Err(LlmError::EmptyStream {
        host: host.to_string(),
        detail: format!(
            "it answered with plain JSON, not server-sent events (streaming unsupported?): {}",
            clip(&error_detail(&body), 120)
        ),
    })
}

/// Sends token events unless the request was cancelled.
struct Emitter {
    id: RequestId,
    sink: mpsc::Sender<StreamEvent>,
    cancel: CancellationToken,
}

impl Emitter {
    async fn token(&self, seq: usize, text: String) -> Result<(), LlmError> {
        if self.cancel.is_cancelled() {
            return Err(LlmError::Cancelled);
        }
        let event = StreamEvent {
            request_id: self.id,
            kind: StreamEventKind::Token { seq, text },
        };
        tokio::select! {
            biased;
            () = self.cancel.cancelled() => Err(LlmError::Cancelled),
            sent = self.sink.send(event) => sent.map_err(|_| LlmError::Cancelled),
        }
    }
}

/// What a stream has delivered so far.
#[derive(Debug, Default)]
struct StreamState {
    chunks: usize,
    tokens: usize,
    content: String,
    model: Option<String>,
    finish_reason: Option<FinishReason>,
    usage: Option<CompletionUsage>,
}

impl StreamState {
    /// Takes in one chunk; returns its new text, if any.
    fn absorb(&mut self, chunk: CreateChatCompletionStreamResponse) -> Option<String> {
        self.chunks += 1;
        if self.model.is_none() && !chunk.model.is_empty() {
            self.model = Some(chunk.model.clone());
        }
        if chunk.usage.is_some() {
            self.usage = chunk.usage;
        }
        let mut text = String::new();
        for choice in chunk.choices.iter().filter(|c| c.index == 0) {
            if let Some(t) = &choice.delta.content {
                text.push_str(t);
            }
            if choice.finish_reason.is_some() {
                self.finish_reason = choice.finish_reason;
            }
        }
        if text.is_empty() {
            return None;
        }
        self.content.push_str(&text);
        Some(text)
    }
}

fn parse_chunk(data: &str) -> Result<CreateChatCompletionStreamResponse, String> {
    let mut value: serde_json::Value = serde_json::from_str(data)
        .map_err(|e| format!("a stream chunk is not JSON ({e}): {}", clip(data, 120)))?;
    if value.get("choices").is_none()
        && let Some(err) = value.get("error")
    {
        return Err(format!(
            "the stream carried an error: {}",
            error_detail(&err.to_string())
        ));
    }
    normalise(&mut value, "chat.completion.chunk");
    serde_json::from_value(value).map_err(|e| format!("a stream chunk is malformed: {e}"))
}

/// A minimal server-sent-events reader: returns each event's `data` (multi-line data joined
/// with newlines); ignores comments, `event:`, `id:` and `retry:` fields.
#[derive(Debug, Default)]
pub struct SseParser {
    buf: Vec<u8>,
    data: Option<String>,
}

impl SseParser {
    /// Feeds bytes; returns the data of every event completed by them.
    pub fn push(&mut self, bytes: &[u8]) -> Vec<String> {
        self.buf.extend_from_slice(bytes);
        let mut events = Vec::new();
        while let Some(pos) = self.buf.iter().position(|&b| b == b'\n') {
            let mut line: Vec<u8> = self.buf.drain(..=pos).collect();
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            self.line(&String::from_utf8_lossy(&line), &mut events);
        }
        events
    }

    /// Ends the input: a last event without its blank line still counts.
    pub fn finish(&mut self) -> Vec<String> {
        let mut events = Vec::new();
        if !self.buf.is_empty() {
            let rest = std::mem::take(&mut self.buf);
            let line = String::from_utf8_lossy(&rest)
                .trim_end_matches('\r')
                .to_string();
            self.line(&line, &mut events);
        }
        if let Some(d) = self.data.take() {
            events.push(d);
        }
        events
    }

    fn line(&mut self, line: &str, events: &mut Vec<String>) {
        if line.is_empty() {
            if let Some(d) = self.data.take() {
                events.push(d);
            }
            return;
        }
        if line.starts_with(':') {
            return;
        }
        let (field, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        if field == "data" {
            match &mut self.data {
                Some(d) => {
                    d.push('\n');
                    d.push_str(value);
                }
                None => self.data = Some(value.to_string()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sse_events_split_across_reads_and_line_endings() {
        let mut p = SseParser::default();
        assert!(p.push(b"data: {\"a\"").is_empty());
        assert_eq!(p.push(b":1}\r\n\r\n: comment\n"), vec!["{\"a\":1}"]);
        assert_eq!(
            p.push(b"event: x\ndata: one\ndata: two\n\ndata: [DONE]\n\n"),
            vec!["one\ntwo", "[DONE]"]
        );
        assert!(p.push(b"data: tail").is_empty());
        assert_eq!(p.finish(), vec!["tail"]);
    }

    #[test]
    fn chunks_parse_leniently_and_errors_are_named() {
        let c = parse_chunk(r#"{"choices":[{"index":0,"delta":{"content":"hi"}}]}"#).unwrap();
        assert_eq!(c.choices[0].delta.content.as_deref(), Some("hi"));
        assert!(parse_chunk("{not json").unwrap_err().contains("not JSON"));
        assert!(
            parse_chunk(r#"{"error":{"message":"boom"}}"#)
                .unwrap_err()
                .contains("boom")
        );
        assert!(parse_chunk(r#"{"choices":[{"delta":5}]}"#).is_err());
    }

    #[test]
    fn request_ids_are_unique() {
        let a = RequestId::next();
        let b = RequestId::next();
        assert_ne!(a, b);
        assert!(a.to_string().starts_with("req-"));
    }
}
