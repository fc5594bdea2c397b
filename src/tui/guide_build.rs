//! Guide builds and exports for the effect runner: read the form's files and fetch its posting on
//! a task, build the offline guide and save it on the blocking pool, answer with an action tagged
//! with the request id (a cancelled build saves nothing more and answers nothing); save guides in
//! the order they were asked for; write a guide to `<data dir>/guides/`.

use super::action::Action;
use super::cancel_table::CancelTable;
use crate::bank::Bank;
use crate::prep::export::export_guide;
use crate::prep::fetch::FetchOptions;
use crate::prep::request::gather_input;
use crate::prep::{
    ExportFormat, Guide, GuideId, GuideRequest, InputField, Vocabulary, build_guide,
};
use crate::store::Store;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc::UnboundedSender;
use tokio_util::sync::CancellationToken;

/// The guide builds running now, by request id.
#[derive(Clone, Default)]
pub struct GuideBuilds {
    running: CancelTable,
}

/// What a build needs besides its request.
pub struct BuildContext {
    /// Where the guide is saved.
    pub store: Arc<dyn Store>,
    /// Where the answer goes.
    pub tx: UnboundedSender<Action>,
    /// Counts effects not yet answered.
    pub in_flight: Arc<AtomicUsize>,
}

impl GuideBuilds {
    /// Starts building a guide for `input` from `bank`; answers `GuideBuilt` or `GuideBuildFailed`.
    pub fn start(&self, request: u64, input: GuideRequest, bank: Arc<Bank>, ctx: BuildContext) {
        let cancel = self.running.register(request);
        let running = self.running.clone();
        let BuildContext {
            store,
            tx,
            in_flight,
        } = ctx;
        in_flight.fetch_add(1, Ordering::SeqCst);
        tokio::spawn(async move {
            let outcome = tokio::select! {
                () = cancel.cancelled() => None,
                built = build_and_save(input, bank, store, cancel.clone()) => built,
            };
            let action = outcome.map(|result| match result {
                Ok(guide) => Action::GuideBuilt {
                    request,
                    guide: Box::new(guide),
                },
                Err((field, message)) => Action::GuideBuildFailed {
                    request,
                    field,
                    message,
                },
            });
            if let Some(action) = action
                && !cancel.is_cancelled()
            {
                let _ = tx.send(action);
            }
            running.finish(request);
            in_flight.fetch_sub(1, Ordering::SeqCst);
        });
    }

    /// Stops a build: it saves nothing more and its answer is never sent.
    pub fn cancel(&self, request: u64) {
        self.running.cancel(request);
    }
}

/// Reads, fetches, builds and saves; `None` when cancelled before the save.
async fn build_and_save(
    request: GuideRequest,
    bank: Arc<Bank>,
    store: Arc<dyn Store>,
    cancel: CancellationToken,
) -> Option<Result<Guide, (Option<InputField>, String)>> {
    let input = match gather_input(&request, &FetchOptions::default()).await {
        Ok(input) => input,
        Err(e) => return Some(Err((Some(e.field), e.message))),
    };
    let built = tokio::task::spawn_blocking(move || {
        let guide = build_guide(
            &input,
            &bank,
            Vocabulary::builtin(),
            uuid::Uuid::now_v7(),
            jiff::Timestamp::now(),
        );
        if cancel.is_cancelled() {
            return None;
        }
        Some(
            store
                .save_guide(&guide)
                .map(|()| guide)
                .map_err(|e| format!("the guide was built but could not be saved: {e}")),
        )
    })
    .await;
    match built {
        Ok(Some(Ok(guide))) => Some(Ok(guide)),
        Ok(Some(Err(message))) => Some(Err((None, message))),
        Ok(None) => None,
        Err(e) => Some(Err((None, format!("building the guide stopped: {e}")))),
    }
}

/// Saves of prep guides in the order they were asked for. Saves run on the blocking pool and may
/// start out of order (enrichment saves the guide after each section, and cached sections come
/// back at once); a save whose guide was already written by a later-asked save is skipped, so the
/// store always ends with the latest version.
#[derive(Clone, Default)]
pub struct GuideSaves {
    next: Arc<AtomicU64>,
    written: Arc<Mutex<HashMap<GuideId, u64>>>,
}

impl GuideSaves {
    /// Saves `guide` unless a later-asked save of it has landed; a failure comes back as
    /// `EffectFailed`.
    pub fn save(&self, guide: Arc<Guide>, ctx: BuildContext) {
        let seq = self.next.fetch_add(1, Ordering::SeqCst);
        let written = Arc::clone(&self.written);
        let BuildContext {
            store,
            tx,
            in_flight,
        } = ctx;
        in_flight.fetch_add(1, Ordering::SeqCst);
        tokio::task::spawn_blocking(move || {
            let result = match written.lock() {
                Ok(mut last) => {
                    if last.get(&guide.id).is_some_and(|&newer| newer > seq) {
                        Ok(())
                    } else {
                        let saved = store.save_guide(&guide);
                        if saved.is_ok() {
                            last.insert(guide.id, seq);
                        }
                        saved
                    }
                }
                Err(_) => store.save_guide(&guide),
            };
            if let Err(e) = result {
                tracing::error!("saving the guide failed: {e}");
                let _ = tx.send(Action::EffectFailed(format!("storage error: {e}")));
            }
            in_flight.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

/// Writes `guide` as `format` into `dir` (`None`: no data dir known) on the blocking pool;
/// answers `GuideExported` or `GuideExportFailed`.
pub fn export(
    guide: Arc<Guide>,
    format: ExportFormat,
    dir: Option<PathBuf>,
    tx: UnboundedSender<Action>,
    in_flight: Arc<AtomicUsize>,
) {
    in_flight.fetch_add(1, Ordering::SeqCst);
    tokio::task::spawn_blocking(move || {
        let action = match dir {
            None => Action::GuideExportFailed(format!(
                "{} export: no data dir is set, so there is nowhere to save",
                format.label()
            )),
            Some(dir) => match export_guide(&guide, format, &dir) {
                Ok(path) => Action::GuideExported(path),
                Err(e) => Action::GuideExportFailed(format!(
                    "{} export to {} failed: {e}",
                    format.label(),
                    dir.display()
                )),
            },
        };
        let _ = tx.send(action);
        in_flight.fetch_sub(1, Ordering::SeqCst);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prep::PrepInput;
    use crate::store::SledStore;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_last_save_asked_for_is_the_one_stored() {
        let dir = tempfile::tempdir().unwrap();
        let store: Arc<dyn Store> = Arc::new(SledStore::open(dir.path()).unwrap());
        let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
        let in_flight = Arc::new(AtomicUsize::new(0));
        let base = build_guide(
            &PrepInput::from_jd("Backend Engineer\n\nWe build payments in Rust."),
            &Bank::load(None).bank,
            Vocabulary::builtin(),
            uuid::Uuid::nil(),
            "2026-11-20T10:00:00Z".parse().unwrap(),
        );
        let saves = GuideSaves::default();
        for n in 0..40 {
            let mut version = base.clone();
            version.title = format!("version {n}");
            saves.save(
                Arc::new(version),
                BuildContext {
                    store: Arc::clone(&store),
                    tx: tx.clone(),
                    in_flight: Arc::clone(&in_flight),
                },
            );
        }
        while in_flight.load(Ordering::SeqCst) > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        }
        let stored = store.guide(base.id).unwrap().unwrap();
        assert_eq!(stored.title, "version 39");
    }
}
