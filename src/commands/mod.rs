//! The CLI's commands: each prints text or JSON and returns the process exit code.

mod banks;
mod data;
mod history;
mod llm;
mod mock_script;
mod personas;
mod practice;
mod prep;
mod prep_enrich;
mod progress;
mod questions;
mod score;
mod usage;

use crate::bank::{Bank, FileError};
use crate::cli::{Cli, Command, ConfigCommand, PracticeCommand};
use crate::config::{Config, ConfigInputs};
use anyhow::Result;
use std::io::Write;

/// Everything a command needs: the parsed flags and the loaded config.
pub struct Context {
    /// `--json` was given.
    pub json: bool,
    /// The merged configuration.
    pub config: Config,
}

impl Context {
    /// Builds the context from flags and the process environment.
    pub fn from_cli(cli: &Cli) -> Result<Self> {
        let mut inputs = ConfigInputs::from_process_env();
        inputs.config_dir.clone_from(&cli.config_dir);
        inputs.data_dir.clone_from(&cli.data_dir);
        inputs.sets.clone_from(&cli.sets);
        let config = Config::load(&inputs)?;
        Ok(Self {
            json: cli.json,
            config,
        })
    }

    /// The bank with the user's files; problems with user files are reported on stderr.
    pub fn bank(&self) -> Bank {
        let loaded = Bank::load(Some(&self.config.paths.config_dir));
        report_skipped(&loaded.problems);
        loaded.bank
    }
}

/// Tells the user which of their files were skipped and why.
pub fn report_skipped(problems: &[FileError]) {
    if problems.is_empty() {
        return;
    }
    let mut err = std::io::stderr().lock();
    for p in problems {
        let _ = writeln!(err, "warning: skipped: {p}");
    }
}

/// Prints a value as pretty JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Runs a subcommand; returns the exit code.
pub fn run(cli: &Cli, command: &Command) -> Result<i32> {
    if let Command::Completions { shell } = command {
        let mut cmd = <Cli as clap::CommandFactory>::command();
        clap_complete::generate(*shell, &mut cmd, "hotseat", &mut std::io::stdout());
        return Ok(0);
    }
    if let Command::Practice(args) = command {
        let ctx = Context::from_cli(cli)?;
        match &args.command {
            Some(PracticeCommand::Plan(plan)) => return practice::plan(&ctx, plan),
            Some(PracticeCommand::Answer(answer)) => return practice::answer(&ctx, answer),
            None => {}
        }
        let count = args
            .filter
            .count
            .unwrap_or(ctx.config.settings.question_count);
        let time = args
            .minutes
            .map_or(crate::practice::TimeMode::QuestionOwn, |m| {
                crate::practice::TimeMode::Fixed((m * 60 / count.max(1)).max(10))
            });
        let setup = crate::practice::PracticeSetup {
            kind: args.kind,
            role: args.filter.role.or(ctx.config.settings.role_filter()),
            difficulty: args.filter.difficulty,
            count: usize::try_from(count).unwrap_or(5),
            time,
        };
        let start = crate::tui::StartAt {
            actions: vec![crate::tui::action::Action::StartPractice(setup)],
        };
        return crate::tui::run_app_at(cli, start);
    }
    if let Command::Browse { kind, role, search } = command {
        use crate::tui::action::Action;
        let start = crate::tui::StartAt {
            actions: vec![
                Action::OpenBrowse,
                Action::ApplyFilters {
                    kind: *kind,
                    role: *role,
                    search: search.clone(),
                },
            ],
        };
        return crate::tui::run_app_at(cli, start);
    }
    if let Command::Trends = command {
        let start = crate::tui::StartAt {
            actions: vec![crate::tui::action::Action::OpenTrends],
        };
        return crate::tui::run_app_at(cli, start);
    }
    if let Command::Mock(args) = command {
        let ctx = Context::from_cli(cli)?;
        if let Some(script) = &args.script {
            return mock_script::run(&ctx, args, script);
        }
        let setup = history::mock_setup(&ctx, args)?;
        let start = crate::tui::StartAt {
            actions: vec![crate::tui::action::Action::BeginMock(Box::new(setup))],
        };
        return crate::tui::run_app_at(cli, start);
    }
    let ctx = Context::from_cli(cli)?;
    match command {
        Command::Questions(c) => questions::run(&ctx, c),
        Command::Personas(c) => personas::run(&ctx, c),
        Command::Banks(c) => banks::run(&ctx, c),
        Command::Config(ConfigCommand::Show) => config_show(&ctx),
        Command::Data(c) => data::run(&ctx, c),
        Command::Llm(c) => llm::run(&ctx, c),
        Command::Usage => usage::run(&ctx),
        Command::Completions { .. }
        | Command::Browse { .. }
        | Command::Practice(_)
        | Command::Trends
        | Command::Mock(_) => Ok(0),
        Command::History(args) => history::run(&ctx, args),
        Command::Prep(args) => prep::run_then_open(cli, &ctx, args),
        Command::Score(args) => score::run(&ctx, args),
        Command::Progress => progress::progress(&ctx),
        Command::Export { format, out } => progress::export(&ctx, *format, out.as_deref()),
        Command::Import { file } => progress::import(&ctx, file),
    }
}

fn config_show(ctx: &Context) -> Result<i32> {
    let shown = ctx.config.shown();
    if ctx.json {
        print_json(&serde_json::json!({
            "settings": shown,
            "paths": ctx.config.paths,
        }))?;
        return Ok(0);
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "# config file: {}",
        ctx.config.paths.config_file.display()
    )?;
    let width = shown.iter().map(|s| s.key.len()).max().unwrap_or(0);
    let vwidth = shown.iter().map(|s| s.value.len()).max().unwrap_or(0);
    for s in &shown {
        writeln!(
            out,
            "{:width$} = {:vwidth$}  # {} (override: {})",
            s.key, s.value, s.source, s.env
        )?;
    }
    writeln!(out, "# data dir: {}", ctx.config.paths.data_dir.display())?;
    Ok(0)
}
