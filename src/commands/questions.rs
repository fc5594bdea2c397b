//! `hotseat questions list|show|search|stats`.

use super::{Context, print_json};
use crate::bank::QuestionFilter;
use crate::bank::search::SearchIndex;
use crate::bank::stats::BankStats;
use crate::cli::{FilterArgs, QuestionsCommand};
use crate::domain::Question;
use anyhow::{Result, bail};
use std::io::Write;

fn filter_of(args: &FilterArgs) -> QuestionFilter {
    QuestionFilter {
        kind: args.kind,
        role: args.role,
        difficulty: args.difficulty,
        tag: args.tag.clone(),
    }
}

/// Runs a `questions` subcommand.
pub fn run(ctx: &Context, command: &QuestionsCommand) -> Result<i32> {
    let bank = ctx.bank();
    match command {
        QuestionsCommand::List(args) => {
            let filter = filter_of(args);
            let list: Vec<&Question> = bank.filtered(&filter).collect();
            if ctx.json {
                print_json(&list)?;
            } else {
                print_table(&list)?;
            }
        }
        QuestionsCommand::Show { id } => {
            let Some(q) = bank.question(id) else {
                bail!("no question with id '{id}' (try `hotseat questions search TEXT`)");
            };
            if ctx.json {
                print_json(q)?;
            } else {
                print_question(q)?;
            }
        }
        QuestionsCommand::Search {
            text,
            filter,
            limit,
        } => {
            let filter = filter_of(filter);
            let pool: Vec<&Question> = bank.filtered(&filter).collect();
            let mut index = SearchIndex::new(pool.iter().copied());
            let hits: Vec<&Question> = index
                .search(text)
                .into_iter()
                .take(*limit)
                .map(|h| pool[h.index])
                .collect();
            if ctx.json {
                print_json(&hits)?;
            } else if hits.is_empty() {
                println!("no questions match '{text}'");
            } else {
                print_table(&hits)?;
            }
        }
        QuestionsCommand::Stats => {
            let stats = BankStats::of(bank.questions());
            if ctx.json {
                print_json(&stats)?;
            } else {
                print!("{}", stats.markdown());
            }
        }
    }
    Ok(0)
}

fn print_table(list: &[&Question]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let idw = list.iter().map(|q| q.id.len()).max().unwrap_or(2).max(2);
    writeln!(out, "{:idw$}  {:16} {:6}  PROMPT", "ID", "KIND", "LEVEL")?;
    for q in list {
        let prompt: String = q.prompt.chars().take(90).collect();
        let ellipsis = if q.prompt.chars().count() > 90 {
            "…"
        } else {
            ""
        };
        writeln!(
            out,
            "{:idw$}  {:16} {:6}  {prompt}{ellipsis}",
            q.id,
            q.kind.as_str(),
            q.difficulty.as_str()
        )?;
    }
    writeln!(out, "{} question(s)", list.len())?;
    Ok(())
}

fn print_question(q: &Question) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let roles: Vec<&str> = q.roles.iter().map(|r| r.as_str()).collect();
    writeln!(
        out,
        "{}  [{} · {} · {}]",
        q.id,
        q.kind.label(),
        q.category,
        q.difficulty
    )?;
    writeln!(
        out,
        "roles: {}   time limit: {}s",
        roles.join(", "),
        q.time_limit()
    )?;
    writeln!(out, "\n{}\n", q.prompt)?;
    if !q.guidance.is_empty() {
        writeln!(out, "How to approach it:\n  {}\n", q.guidance.trim())?;
    }
    writeln!(out, "Talking points:")?;
    for tp in &q.talking_points {
        writeln!(out, "  • {}", tp.point)?;
    }
    if !q.follow_ups.is_empty() {
        writeln!(out, "\nFollow-ups:")?;
        for f in &q.follow_ups {
            writeln!(out, "  • {f}")?;
        }
    }
    if !q.example_answer.is_empty() {
        writeln!(out, "\nExample answer:\n{}", q.example_answer.trim())?;
    }
    if !q.tags.is_empty() {
        writeln!(out, "\ntags: {}", q.tags.join(", "))?;
    }
    Ok(())
}
