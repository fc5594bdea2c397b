//! Streams the LLM interviewer's replies for the effect runner: one task per request, events turned
//! into actions tagged with the request id, and a cancel table.

use super::action::Action;
use super::cancel_table::CancelTable;
use crate::interview::Prompt;
use crate::llm::{CallInfo, LlmClient, RequestId, StreamEvent, StreamEventKind};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::mpsc::{self, UnboundedSender};
use uuid::Uuid;

/// The interviewer's LLM client (if any) and the streams running now.
#[derive(Clone, Default)]
pub struct InterviewerStreams {
    client: Option<LlmClient>,
    running: CancelTable,
}

impl InterviewerStreams {
    /// Streams over `client`.
    pub fn new(client: LlmClient) -> Self {
        Self {
            client: Some(client),
            running: CancelTable::default(),
        }
    }

    /// Starts streaming the reply to `prompt`; its events come back as actions on `tx`.
    pub fn ask(
        &self,
        request: u64,
        prompt: &Prompt,
        session: Uuid,
        tx: UnboundedSender<Action>,
        in_flight: Arc<AtomicUsize>,
    ) {
        let Some(client) = self.client.clone() else {
            let _ = tx.send(Action::InterviewerFailed {
                request,
                message: "no LLM is configured".into(),
            });
            return;
        };
        let cancel = self.running.register(request);
        let running = self.running.clone();
        let body = client.request(prompt.to_messages());
        let info = CallInfo::new("interview").in_session(session.to_string());
        in_flight.fetch_add(1, Ordering::SeqCst);
        tokio::spawn(async move {
            let (sink, mut events) = mpsc::channel::<StreamEvent>(64);
            let task = client.spawn_stream(RequestId(request), body, info, cancel, sink);
            while let Some(event) = events.recv().await {
                let action = match event.kind {
                    StreamEventKind::Token { seq, text } => {
                        Action::InterviewerToken { request, seq, text }
                    }
                    StreamEventKind::Finished(summary) => Action::InterviewerFinished {
                        request,
                        text: summary.content,
                    },
                    StreamEventKind::Failed(e) => Action::InterviewerFailed {
                        request,
                        message: e.to_string(),
                    },
                    StreamEventKind::Cancelled => continue,
                };
                let _ = tx.send(action);
            }
            let _ = task.await;
            running.finish(request);
            in_flight.fetch_sub(1, Ordering::SeqCst);
        });
    }

    /// Stops a request; its later chunks are dropped.
    pub fn cancel(&self, request: u64) {
        self.running.cancel(request);
    }
}
