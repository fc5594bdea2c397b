//! What the app does before its first frame: lock the data dir, start opening the store in the
//! background, parse the bank and load the keymap. Nothing here waits for the database.

use super::keymap::Keymap;
use crate::bank::{Bank, FileError, LoadedBank};
use crate::config::Paths;
use crate::store::{OpeningStore, SledStore, StoreError};
use std::sync::Arc;

/// Everything the first frame needs, and the store still opening behind it.
#[derive(Debug)]
pub struct Started {
    /// The bank, and the problems found in the user's files.
    pub loaded: LoadedBank,
    /// The store; calls wait until it is open.
    pub store: Arc<OpeningStore>,
    /// The keymap.
    pub keymap: Keymap,
    /// Why the user's keymap file was ignored, if it was.
    pub keymap_error: Option<FileError>,
}

/// Locks the data dir (failing at once when another hotseat holds it), opens the store and
/// applies retention (`retention_days`, 0 keeps everything) on a thread of its own, and loads
/// the bank and keymap meanwhile. `on_store_failure` runs if the open or retention fails.
pub fn begin(
    paths: &Paths,
    retention_days: u32,
    on_store_failure: impl FnOnce(&StoreError) + Send + 'static,
) -> Result<Started, StoreError> {
    let locked = SledStore::lock(&paths.data_dir)?;
    let now = jiff::Timestamp::now();
    let store = OpeningStore::start(
        locked,
        move |store| {
            let pruned = crate::analytics::load::apply_retention(store, retention_days, now)?;
            if pruned > 0 {
                tracing::info!(pruned, "retention applied");
            }
            Ok(())
        },
        on_store_failure,
    )?;
    let loaded = Bank::load(Some(&paths.config_dir));
    let (keymap, keymap_error) = Keymap::load(&paths.config_dir);
    Ok(Started {
        loaded,
        store: Arc::new(store),
        keymap,
        keymap_error,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Attempt;
    use crate::store::Store;
    use jiff::{Timestamp, ToSpan};

    fn paths(root: &std::path::Path) -> Paths {
        Paths {
            config_dir: root.join("config"),
            data_dir: root.join("data"),
            config_file: root.join("config/config.toml"),
        }
    }

    fn skipped(question: &str, at: Timestamp) -> Attempt {
        Attempt {
            id: uuid::Uuid::now_v7(),
            question_id: question.into(),
            session_id: None,
            started_at: at,
            submitted_at: at,
            duration_secs: 30,
            answer: String::new(),
            overtime: false,
            skipped: true,
            score: None,
        }
    }

    #[test]
    fn begin_loads_the_bank_and_applies_retention_behind_the_scenes() {
        let root = tempfile::tempdir().unwrap();
        let paths = paths(root.path());
        let now = Timestamp::now();
        {
            let store = SledStore::open(&paths.data_dir).unwrap();
            store
                .save_attempt(&skipped("old", now - (40 * 24).hours()))
                .unwrap();
            store
                .save_attempt(&skipped("new", now - 24.hours()))
                .unwrap();
        }
        let started = begin(&paths, 30, |e| panic!("unexpected failure: {e}")).unwrap();
        assert!(!started.loaded.bank.questions().is_empty());
        assert!(started.keymap_error.is_none());
        let kept: Vec<String> = started
            .store
            .attempts()
            .unwrap()
            .into_iter()
            .map(|a| a.question_id)
            .collect();
        assert_eq!(kept, vec!["new".to_string()]);
    }

    #[test]
    fn begin_fails_at_once_when_another_hotseat_holds_the_data_dir() {
        let root = tempfile::tempdir().unwrap();
        let paths = paths(root.path());
        let _held = SledStore::lock(&paths.data_dir).unwrap();
        let err = begin(&paths, 0, |_| {}).unwrap_err();
        assert!(matches!(err, StoreError::Locked { .. }), "{err}");
    }
}
