//! `hotseat banks validate`: checks bank and persona files and reports errors by file and line.

use super::{Context, print_json};
use crate::bank::{Bank, FileError, embedded_sources, read_source, user_sources};
use crate::cli::BanksCommand;
use anyhow::Result;
use std::io::Write;

/// Runs a `banks` subcommand.
pub fn run(ctx: &Context, command: &BanksCommand) -> Result<i32> {
    let BanksCommand::Validate { paths } = command;
    let mut problems: Vec<FileError> = Vec::new();
    let sources = if paths.is_empty() {
        let mut s = embedded_sources();
        let (user, unreadable) = user_sources(&ctx.config.paths.config_dir);
        s.extend(user);
        problems.extend(unreadable);
        s
    } else {
        paths
            .iter()
            .filter_map(|p| match read_source(p, true) {
                Ok(s) => Some(s),
                Err(e) => {
                    problems.push(e);
                    None
                }
            })
            .collect()
    };
    let loaded = Bank::from_sources(&sources);
    problems.extend(loaded.problems);
    let checked = sources.len() + problems.iter().filter(|p| p.line == 0).count();
    if ctx.json {
        let rows: Vec<serde_json::Value> = problems
            .iter()
            .map(|p| {
                serde_json::json!({
                    "file": p.file, "line": p.line, "column": p.column,
                    "field": p.field, "message": p.message, "display": p.to_string(),
                })
            })
            .collect();
        print_json(&serde_json::json!({
            "files": checked,
            "questions": loaded.bank.questions().len(),
            "personas": loaded.bank.personas().len(),
            "errors": rows,
        }))?;
    } else {
        let mut err = std::io::stderr().lock();
        for p in &problems {
            writeln!(err, "error: {p}")?;
        }
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "{checked} file(s) checked: {} question(s), {} persona(s) valid; {} error(s)",
            loaded.bank.questions().len(),
            loaded.bank.personas().len(),
            problems.len()
        )?;
    }
    Ok(i32::from(!problems.is_empty()))
}
