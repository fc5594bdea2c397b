//! `hotseat data path|info|delete`.

use super::{Context, print_json};
use crate::cli::DataCommand;
use crate::store::{DirLock, LockError, SledStore, Store};
use anyhow::{Context as _, Result, bail};
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

/// Runs a `data` subcommand.
pub fn run(ctx: &Context, command: &DataCommand) -> Result<i32> {
    let paths = &ctx.config.paths;
    match command {
        DataCommand::Path => {
            if ctx.json {
                print_json(paths)?;
            } else {
                println!("data dir:    {}", paths.data_dir.display());
                println!("config dir:  {}", paths.config_dir.display());
                println!("config file: {}", paths.config_file.display());
                println!(
                    "log file:    {}",
                    paths.data_dir.join("logs").join("hotseat.log").display()
                );
            }
        }
        DataCommand::Info => {
            let store = SledStore::open(&paths.data_dir)?;
            let counts = store.counts()?;
            if ctx.json {
                print_json(&serde_json::json!({"data_dir": paths.data_dir, "counts": counts}))?;
            } else {
                println!("data dir: {}", paths.data_dir.display());
                println!("schema version: {}", counts.schema_version);
                println!(
                    "attempts {} · sessions {} · transcripts {} · drafts {} · questions with stats {} · cache entries {}",
                    counts.attempts,
                    counts.sessions,
                    counts.transcripts,
                    counts.drafts,
                    counts.question_stats,
                    counts.cache
                );
            }
        }
        DataCommand::Delete { yes } => return delete(&paths.data_dir, *yes),
    }
    Ok(0)
}

fn delete(dir: &Path, yes: bool) -> Result<i32> {
    if !dir.exists() {
        println!("nothing to delete: {} does not exist", dir.display());
        return Ok(0);
    }
    if !yes {
        let stdin = std::io::stdin();
        if !stdin.is_terminal() {
            bail!(
                "refusing to delete {} without confirmation: run in a terminal, or pass --yes",
                dir.display()
            );
        }
        print!(
            "Delete everything under {} (attempts, sessions, drafts, cache)? Type 'yes' to confirm: ",
            dir.display()
        );
        std::io::stdout().flush()?;
        let mut line = String::new();
        stdin.lock().read_line(&mut line)?;
        if line.trim() != "yes" {
            println!("kept: nothing was deleted");
            return Ok(1);
        }
    }
    let lock = DirLock::acquire(dir).map_err(|e| match e {
        LockError::Held { pid } => anyhow::anyhow!(
            "data dir {} is in use by another hotseat ({}); close it first",
            dir.display(),
            pid.map_or_else(|| "pid unknown".into(), |p| format!("pid {p}"))
        ),
        LockError::Io(e) => anyhow::anyhow!("cannot lock {}: {e}", dir.display()),
    })?;
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path == lock.path() {
            continue;
        }
        if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        }
        .with_context(|| format!("deleting {}", path.display()))?;
    }
    let lock_path = lock.path().to_path_buf();
    drop(lock);
    let _ = std::fs::remove_file(lock_path);
    let _ = std::fs::remove_dir(dir);
    println!("deleted everything under {}", dir.display());
    Ok(0)
}
