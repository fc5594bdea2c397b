//! `hotseat personas list|show`.

use super::{Context, print_json};
use crate::cli::PersonasCommand;
use anyhow::{Result, bail};
use std::io::Write;

/// Runs a `personas` subcommand.
pub fn run(ctx: &Context, command: &PersonasCommand) -> Result<i32> {
    let bank = ctx.bank();
    let mut out = std::io::stdout().lock();
    match command {
        PersonasCommand::List => {
            if ctx.json {
                drop(out);
                print_json(&bank.personas())?;
            } else {
                for p in bank.personas() {
                    writeln!(
                        out,
                        "{:16} {:14} strictness {}  {}",
                        p.id,
                        p.style.as_str(),
                        p.strictness,
                        p.name
                    )?;
                }
            }
        }
        PersonasCommand::Show { id } => {
            let Some(p) = bank.persona(id) else {
                let ids: Vec<&str> = bank.personas().iter().map(|p| p.id.as_str()).collect();
                bail!("no persona with id '{id}' (available: {})", ids.join(", "));
            };
            if ctx.json {
                drop(out);
                print_json(p)?;
            } else {
                writeln!(out, "{} — {} ({})", p.id, p.name, p.style.as_str())?;
                writeln!(
                    out,
                    "strictness {}/5, up to {} follow-up(s) per question\n",
                    p.strictness, p.follow_up_depth
                )?;
                writeln!(out, "{}\n", p.description.trim())?;
                writeln!(out, "How they ask: {}\n", p.question_style.trim())?;
                if let Some(g) = p.lines.greetings.first() {
                    writeln!(out, "Opens with: \"{g}\"")?;
                }
                let topics: Vec<&str> = p.answers.iter().map(|a| a.topic.as_str()).collect();
                writeln!(out, "Answers questions about: {}", topics.join(", "))?;
            }
        }
    }
    Ok(0)
}
