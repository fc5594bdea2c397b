//! The effect runner: performs effects on tasks (sled on the blocking pool) and sends actions back.

use super::action::{Action, PastScore};
use super::effect::Effect;
use crate::analytics::load::load_trends;
use crate::analytics::{Catalog, Options, summarize_facts};
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
    catalog: Arc<Catalog>,
    judge: Option<Arc<crate::llm::LlmJudge>>,
    interviewer: super::interviewer_stream::InterviewerStreams,
    guides: super::guide_enrich_stream::GuideEnrichStreams,
    builds: super::guide_build::GuideBuilds,
    guide_saves: super::guide_build::GuideSaves,
    export_dir: Option<std::path::PathBuf>,
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
            guides: super::guide_enrich_stream::GuideEnrichStreams::default(),
            builds: super::guide_build::GuideBuilds::default(),
            guide_saves: super::guide_build::GuideSaves::default(),
            export_dir: None,
            catalog: Arc::new(Catalog::default()),
            judge: None,
        }
    }

    /// The same runner with an LLM judge for `JudgeAttempt` effects.
    #[must_use]
    pub fn with_judge(mut self, judge: Arc<crate::llm::LlmJudge>) -> Self {
        self.judge = Some(judge);
        self
    }

    /// Runs the LLM judge on a task; the store write goes to the blocking pool.
    fn judge(
        &self,
        question: crate::domain::Question,
        mut attempt: crate::domain::Attempt,
        persist: bool,
    ) {
        let tx = self.tx.clone();
        let counter = Arc::clone(&self.in_flight);
        let store = Arc::clone(&self.store);
        let Some(judge) = self.judge.clone() else {
            let _ = tx.send(Action::AttemptJudged {
                id: attempt.id,
                report: None,
                notice: None,
            });
            return;
        };
        counter.fetch_add(1, Ordering::SeqCst);
        let id = attempt.id;
        tokio::spawn(async move {
            let Some(offline) = attempt.score.clone() else {
                let _ = tx.send(Action::AttemptJudged {
                    id,
                    report: None,
                    notice: None,
                });
                counter.fetch_sub(1, Ordering::SeqCst);
                return;
            };
            let outcome = judge.judge(&question, &attempt.answer, &offline).await;
            let notice = outcome.notice();
            let report = (!outcome.is_fallback()).then(|| Box::new(outcome.report));
            if let (Some(r), true) = (&report, persist) {
                attempt.score = Some((**r).clone());
                let saved = tokio::task::spawn_blocking(move || store.save_attempt(&attempt)).await;
                if let Ok(Err(e)) = saved {
                    tracing::error!("saving the judged attempt failed: {e}");
                }
            }
            let _ = tx.send(Action::AttemptJudged { id, report, notice });
            counter.fetch_sub(1, Ordering::SeqCst);
        });
    }

    /// The same runner with the bank's questions, so trends know categories and kinds.
    #[must_use]
    pub fn with_catalog(mut self, catalog: Arc<Catalog>) -> Self {
        self.catalog = catalog;
        self
    }

    /// The same runner, streaming the mock interviewer from `client`.
    #[must_use]
    pub fn with_llm(mut self, client: crate::llm::LlmClient) -> Self {
        self.interviewer = super::interviewer_stream::InterviewerStreams::new(client);
        self
    }

    /// The same runner, enriching prep guides with `enricher`.
    #[must_use]
    pub fn with_guide_enricher(mut self, enricher: crate::prep::GuideEnricher) -> Self {
        self.guides = super::guide_enrich_stream::GuideEnrichStreams::new(enricher);
        self
    }

    /// The same runner, exporting guides to `<data_dir>/guides/`.
    #[must_use]
    pub fn with_data_dir(mut self, data_dir: &std::path::Path) -> Self {
        self.export_dir = Some(data_dir.join("guides"));
        self
    }

    /// Effects started and not yet finished.
    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::SeqCst)
    }

    fn build_context(&self) -> super::guide_build::BuildContext {
        super::guide_build::BuildContext {
            store: Arc::clone(&self.store),
            tx: self.tx.clone(),
            in_flight: Arc::clone(&self.in_flight),
        }
    }

    /// Starts a guide build, cancels one, saves a guide in order, or writes one to a file.
    fn run_guide_file_effect(&self, effect: Effect) {
        match effect {
            Effect::SaveGuide(guide) => self.guide_saves.save(guide.0, self.build_context()),
            Effect::BuildGuide {
                request,
                input,
                bank,
            } => self
                .builds
                .start(request, input, bank.0, self.build_context()),
            Effect::CancelGuideBuild(request) => self.builds.cancel(request),
            Effect::ExportGuide { guide, format } => super::guide_build::export(
                guide.0,
                format,
                self.export_dir.clone(),
                self.tx.clone(),
                Arc::clone(&self.in_flight),
            ),
            _ => {}
        }
    }

    /// Starts an effect on the blocking pool (the LLM judge on a task).
    pub fn run(&self, effect: Effect) {
        if let Effect::JudgeAttempt {
            question,
            attempt,
            persist,
        } = effect
        {
            self.judge(*question, *attempt, persist);
            return;
        }
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
            Effect::PrepareScorer(bank) => {
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    let scorer = crate::tui::state::practice::scorer_for(&bank);
                    let _ = tx.send(Action::ScorerReady(crate::tui::shared::Shared::new(scorer)));
                });
                return;
            }
            Effect::CancelInterviewer(request) => {
                self.interviewer.cancel(request);
                return;
            }
            Effect::EnrichGuideSection {
                request,
                kind,
                guide,
            } => {
                self.guides.start(
                    request,
                    kind,
                    guide.0,
                    self.tx.clone(),
                    Arc::clone(&self.in_flight),
                );
                return;
            }
            Effect::CancelGuideEnrich(request) => {
                self.guides.cancel(request);
                return;
            }
            build @ (Effect::BuildGuide { .. }
            | Effect::CancelGuideBuild(_)
            | Effect::SaveGuide(_)
            | Effect::ExportGuide { .. }) => {
                self.run_guide_file_effect(build);
                return;
            }
            other => other,
        };
        let store = Arc::clone(&self.store);
        let tx = self.tx.clone();
        let tz = self.tz.clone();
        let catalog = Arc::clone(&self.catalog);
        let counter = Arc::clone(&self.in_flight);
        counter.fetch_add(1, Ordering::SeqCst);
        tokio::task::spawn_blocking(move || {
            let action = match perform(&*store, &tz, &catalog, effect) {
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

/// Loads a saved prep guide, or lists them.
fn perform_guide(store: &dyn Store, effect: &Effect) -> Result<Option<Action>, StoreError> {
    Ok(match effect {
        Effect::LoadGuide(id) => Some(store.guide(*id)?.map_or_else(
            || Action::EffectFailed(format!("no saved guide with id {id}")),
            |g| Action::GuideLoaded(Box::new(g)),
        )),
        Effect::LoadGuideList => Some(Action::GuidesListed(
            store
                .guides()?
                .iter()
                .map(crate::interview::history::guide_entry)
                .collect(),
        )),
        _ => None,
    })
}

/// One question's scored attempts, for Browse.
fn past_scores(store: &dyn Store, question_id: String) -> Result<Action, StoreError> {
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
    Ok(Action::HistoryLoaded {
        question_id,
        scores,
    })
}

fn perform(
    store: &dyn Store,
    tz: &TimeZone,
    catalog: &Catalog,
    effect: Effect,
) -> Result<Option<Action>, StoreError> {
    Ok(match effect {
        Effect::LoadHome => {
            let facts = store.attempt_facts()?;
            let sessions = store.sessions()?;
            let counts = store.counts()?;
            let now = Timestamp::now();
            let due = store
                .schedules()?
                .iter()
                .filter(|(_, s)| s.is_due(now))
                .count();
            Some(Action::HomeLoaded(summarize_facts(
                &facts, &sessions, counts, due, now, tz,
            )))
        }
        Effect::LoadTrends { plan_size } => {
            let mut opts = Options::new(Timestamp::now(), tz.clone());
            opts.plan_size = plan_size;
            Some(Action::TrendsLoaded(Box::new(load_trends(
                store, catalog, &opts,
            )?)))
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
        Effect::LoadHistory(question_id) => Some(past_scores(store, question_id)?),
        guide @ (Effect::LoadGuide(_) | Effect::LoadGuideList) => perform_guide(store, &guide)?,
        Effect::LoadPracticeData => Some(Action::PracticeDataLoaded {
            stats: store.all_question_stats()?,
            draft: store.draft(crate::tui::state::practice::DRAFT_KEY)?,
        }),
        Effect::SaveSession(session) => {
            store.save_session(&session)?;
            None
        }
        Effect::SaveAttempt(attempt) => Some(match store.save_attempt(&attempt) {
            Ok(()) => Action::AttemptSaved(attempt.id),
            Err(e) => {
                tracing::error!("saving attempt failed: {e}");
                Action::AttemptSaveFailed(e.to_string())
            }
        }),
        Effect::SaveDraft(draft) => {
            store.save_draft(&draft)?;
            None
        }
        Effect::DeleteDraft(key) => {
            store.delete_draft(&key)?;
            None
        }
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
        // handled on tasks by `EffectRunner::run` itself, never on the blocking pool
        Effect::JudgeAttempt { .. }
        | Effect::PrepareScorer(_)
        | Effect::AskInterviewer { .. }
        | Effect::CancelInterviewer(_)
        | Effect::EnrichGuideSection { .. }
        | Effect::CancelGuideEnrich(_)
        | Effect::BuildGuide { .. }
        | Effect::CancelGuideBuild(_)
        | Effect::SaveGuide(_)
        | Effect::ExportGuide { .. } => None,
        Effect::SetStarred {
            question_id,
            starred,
        } => {
            store.set_starred(&question_id, starred)?;
            None
        }
    })
}
