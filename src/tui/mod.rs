//! The full-screen app: terminal setup and teardown, logging, and the entry points.

pub mod action;
pub mod app;
pub mod cancel_table;
pub mod effect;
pub mod effects;
pub mod event;
pub mod guide_build;
pub mod guide_enrich_stream;
pub mod interviewer_stream;
pub mod keymap;
pub mod shared;
pub mod startup;
pub mod state;
pub mod ui;

use crate::cli::Cli;
use crate::commands::Context;
use crate::store::Store;
use action::Action;
use anyhow::{Context as _, Result};
use app::App;
use effects::EffectRunner;
use state::AppState;
use std::io::IsTerminal;
use std::sync::Arc;
use ui::theme::Theme;

/// Where the app starts.
#[derive(Debug, Clone, Default)]
pub struct StartAt {
    /// Actions applied before the first frame (e.g. open Browse with filters).
    pub actions: Vec<Action>,
}

/// Opens the full-screen app on the home screen; returns the exit code.
pub fn run_app(cli: &Cli) -> Result<i32> {
    run_app_at(cli, StartAt::default())
}

/// Sets up logging to `<data dir>/logs/hotseat.log`; the guard flushes on drop.
fn init_logging(data_dir: &std::path::Path) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let dir = data_dir.join("logs");
    std::fs::create_dir_all(&dir).ok()?;
    let appender = tracing_appender::rolling::never(dir, "hotseat.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = tracing_subscriber::EnvFilter::try_from_env("HOTSEAT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .ok()?;
    Some(guard)
}

/// Opens the full-screen app with `start` applied; returns the exit code.
pub fn run_app_at(cli: &Cli, start: StartAt) -> Result<i32> {
    if !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "the full-screen app needs a terminal; use a subcommand (see `hotseat --help`) for scripts"
        );
    }
    let ctx = Context::from_cli(cli)?;
    let paths = ctx.config.paths.clone();
    let settings = ctx.config.settings.clone();
    let config = ctx.config.clone();
    let _guard = init_logging(&paths.data_dir);
    // The database opens on its own thread while the bank is parsed and the first frame drawn;
    // if it fails, the app quits and the error is reported like any start-up error.
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let quit = tx.clone();
    let started = startup::begin(&paths, settings.retention_days, move |e| {
        tracing::error!("store unavailable: {e}");
        let _ = quit.send(Action::Quit);
    })?;
    tracing::info!(data_dir = %paths.data_dir.display(), "hotseat starting");
    let startup::Started {
        loaded,
        store: opening,
        keymap,
        keymap_error,
    } = started;
    for p in &loaded.problems {
        tracing::warn!("skipped: {p}");
    }
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = Theme::new(settings.theme, no_color);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let store: Arc<dyn Store> = opening.clone();
    runtime.block_on(async move {
        let catalog = Arc::new(crate::analytics::Catalog::from_bank(&loaded.bank));
        let llm = crate::llm::LlmSetup::from_config(
            &config,
            Arc::clone(&store),
            &crate::llm::process_env,
        );
        let mut runner = EffectRunner::new(Arc::clone(&store), tx, jiff::tz::TimeZone::system())
            .with_catalog(catalog)
            .with_data_dir(&paths.data_dir);
        // with an LLM: the judge rescores practice answers and the mock interviewer streams
        let (llm_on, llm_status, llm_error, llm_model) = match llm {
            Ok(Some(setup)) => {
                let line = setup.status_line();
                let model = setup.client.endpoint().model.clone();
                runner = runner
                    .with_guide_enricher(setup.guide_enricher())
                    .with_judge(Arc::new(setup.judge))
                    .with_llm(setup.client);
                (true, line, None, Some(model))
            }
            Ok(None) => (false, crate::llm::LLM_OFF_STATUS.to_string(), None, None),
            Err(e) => (
                false,
                crate::llm::LLM_OFF_STATUS.to_string(),
                Some(format!("LLM not used: {e}")),
                None,
            ),
        };
        let mut terminal = ratatui::init();
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::EnableMouseCapture);
        let size = terminal.size().map_or((80, 24), |s| (s.width, s.height));
        let mut state = AppState::new(Arc::new(loaded.bank), settings, size);
        state.practice.llm = llm_on;
        state.llm_status = llm_status;
        state.prep.llm_model.clone_from(&llm_model);
        state.mock.llm_model = llm_model;
        let now = jiff::Timestamp::now();
        if let Some(e) = llm_error {
            state.set_status(e, true, now);
        } else if let Some(e) = keymap_error {
            state.set_status(format!("keymap ignored: {e}"), true, now);
        } else if !loaded.problems.is_empty() {
            state.set_status(
                format!(
                    "{} problem(s) in your bank files were skipped — run `hotseat banks validate`",
                    loaded.problems.len()
                ),
                true,
                now,
            );
        }
        let mut app = App::new(state, keymap, theme, runner, rx);
        for action in start.actions {
            app.dispatch(action);
        }
        let result = app.run(&mut terminal).await;
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
        ratatui::restore();
        result
    })?;
    // waits for an open still running when the user quit, so its failure is never missed
    if let Err(e) = opening.wait() {
        anyhow::bail!("{e}");
    }
    Ok(0)
}
