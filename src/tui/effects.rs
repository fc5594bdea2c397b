//! The effect runner: performs effects on tasks (sled on the blocking pool) and sends actions back.

use super::action::{Action, PastScore};
use super::effect::Effect;
use crate::analytics::summarize;
use crate::store::{Store, StoreError};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::mpsc::UnboundedSender;

/// Runs effects and reports their results as actions.
#[derive(Clone)]
pub struct EffectRunner {
    store: Arc<dyn Store>,
    tx: UnboundedSender<Action>,
    in_flight: Arc<AtomicUsize>,
    tz: TimeZone,
    interviewer: super::interviewer_stream::InterviewerStreams,
}

impl EffectRunner {
    /// A runner over `store` sending results to `tx`.
    pub fn new(store: Arc<dyn Store>, tx: UnboundedSender<Action>, tz: TimeZone) -> Self {
        Self {
            store,
            tx,
            in_flight: Arc::new(AtomicUsize::new(0)),
            tz,
            interviewer: super::interviewer_stream::InterviewerStreams::default(),
        }
    }

    /// The same runner, streaming the mock interviewer from `client`.
    #[must_use]
    pub fn with_llm(mut self, client: crate::llm::LlmClient) -> Self {
        self.interviewer = super::interviewer_stream::InterviewerStreams::new(client);
        self
    }

    /// Effects started and not yet finished.
    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::SeqCst)
    }

    /// Starts an effect on the blocking pool.
    pub fn run(&self, effect: Effect) {
        let effect = match effect {
            Effect::AskInterviewer {
                request,
                prompt,
                session,
            } => {
                self.interviewer.ask(
                    request,
                    &prompt,
                    session,
                    self.tx.clone(),
                    Arc::clone(&self.in_flight),
                );
                return;
            }
            Effect::CancelInterviewer(request) => {
                self.interviewer.cancel(request);
                return;
            }
            other => other,
        };
        let store = Arc::clone(&self.store);
        let tx = self.tx.clone();
        let tz = self.tz.clone();
        let counter = Arc::clone(&self.in_flight);
        counter.fetch_add(1, Ordering::SeqCst);
        tokio::task::spawn_blocking(move || {
            let action = match perform(&*store, &tz, effect) {
                Ok(Some(a)) => Some(a),
                Ok(None) => None,
                Err(e) => {
                    tracing::error!("effect failed: {e}");
                    Some(Action::EffectFailed(format!("storage error: {e}")))
                }
            };
            if let Some(a) = action {
                let _ = tx.send(a);
            }
            counter.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

fn perform(store: &dyn Store, tz: &TimeZone, effect: Effect) -> Result<Option<Action>, StoreError> {
    Ok(match effect {
        Effect::LoadHome => {
            let attempts = store.attempts()?;
            let sessions = store.sessions()?;
            let counts = store.counts()?;
            Some(Action::HomeLoaded(summarize(
                &attempts,
                &sessions,
                counts,
                Timestamp::now(),
                tz,
            )))
        }
        Effect::LoadStars => {
            let ids = store
                .all_question_stats()?
                .into_iter()
                .filter(|(_, s)| s.starred)
                .map(|(id, _)| id)
                .collect();
            Some(Action::StarsLoaded(ids))
        }
        Effect::LoadHistory(question_id) => {
            let scores = store
                .attempts_for_question(&question_id)?
                .into_iter()
                .filter_map(|a| {
                    a.total().map(|total| PastScore {
                        at: a.submitted_at,
                        total,
                    })
                })
                .collect();
            Some(Action::HistoryLoaded {
                question_id,
                scores,
            })
        }
        Effect::LoadGuide(id) => Some(store.guide(id)?.map_or_else(
            || Action::EffectFailed(format!("no saved guide with id {id}")),
            |g| Action::GuideLoaded(Box::new(g)),
        )),
        Effect::SaveMock(record) => {
            crate::interview::save_progress(store, &record)?;
            Some(Action::MockSaved(record.session_id()))
        }
        Effect::LoadHistoryList => Some(Action::HistoryListed(crate::interview::history::list(
            store,
        )?)),
        Effect::LoadHistoryDetail(id) => match store.session(id)? {
            Some(session) => Some(Action::HistoryOpened(super::shared::Shared::new(
                crate::interview::history::detail(store, session)?,
            ))),
            None => Some(Action::EffectFailed(format!("no session with id {id}"))),
        },
        Effect::AskInterviewer { .. } | Effect::CancelInterviewer(_) => None,
        Effect::SetStarred {
            question_id,
            starred,
        } => {
            store.set_starred(&question_id, starred)?;
            None
        }
    })
}
