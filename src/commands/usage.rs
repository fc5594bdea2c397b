//! `hotseat usage`: LLM tokens per month and per session, cost where priced, and the budget state.

use super::{Context, print_json};
use crate::llm::usage::format_usd;
use crate::llm::{
    Budget, BudgetState, LLM_OFF_STATUS, LlmEndpoint, Totals, UsageLedger, process_env,
};
use crate::store::{SledStore, Store};
use anyhow::Result;
use jiff::Timestamp;
use std::fmt::Write as _;
use std::sync::Arc;

/// Prints the usage report.
pub fn run(ctx: &Context) -> Result<i32> {
    let settings = &ctx.config.settings.llm;
    let llm = match LlmEndpoint::resolve(settings, &process_env) {
        Ok(Some(e)) => e.status_line(),
        Ok(None) => LLM_OFF_STATUS.to_string(),
        Err(e) => format!("LLM not usable: {e}"),
    };
    let store: Arc<dyn Store> = Arc::new(SledStore::open(&ctx.config.paths.data_dir)?);
    let ledger = UsageLedger::new(store, Budget::from_settings(settings));
    let report = ledger.report(Timestamp::now())?;
    if ctx.json {
        print_json(&serde_json::json!({
            "llm": llm,
            "month": report.month,
            "this_month": report.this_month,
            "state": report.state,
            "budget": {
                "monthly_tokens": report.budget.monthly_tokens,
                "monthly_usd": format_usd(report.budget.monthly_usd_micros),
                "set": report.budget.is_set(),
            },
            "months": report.months,
            "sessions": report.sessions,
        }))?;
        return Ok(0);
    }
    println!("{llm}");
    println!(
        "this month ({}): {}",
        report.month,
        describe(&report.this_month)
    );
    let budget = &report.budget;
    if budget.is_set() {
        let mut limits = Vec::new();
        if budget.monthly_tokens > 0 {
            limits.push(format!(
                "{} of {} tokens",
                report.this_month.tokens(),
                budget.monthly_tokens
            ));
        }
        if budget.monthly_usd_micros > 0 {
            limits.push(format!(
                "{} of {}",
                format_usd(report.this_month.usd_micros),
                format_usd(budget.monthly_usd_micros)
            ));
        }
        let state = match report.state {
            BudgetState::Ok => "ok".to_string(),
            BudgetState::Warn(p) => format!("warning: {p}% used"),
            BudgetState::Exhausted => {
                "used up: LLM use is paused until next month; offline scoring goes on".to_string()
            }
        };
        println!("budget: {} — {state}", limits.join(", "));
    } else {
        println!("budget: none (set llm_monthly_token_budget or llm_monthly_usd_budget)");
    }
    if !report.months.is_empty() {
        println!("by month:");
        for (month, totals) in &report.months {
            println!("  {month}  {}", describe(totals));
        }
    }
    if !report.sessions.is_empty() {
        println!("by session this month (- = outside a session):");
        for (session, totals) in &report.sessions {
            println!("  {session}  {}", describe(totals));
        }
    }
    Ok(0)
}

fn describe(t: &Totals) -> String {
    let mut s = format!(
        "{} tokens ({} in, {} out) in {} calls",
        t.tokens(),
        t.prompt_tokens,
        t.completion_tokens,
        t.calls
    );
    if t.calls > t.unpriced_calls {
        let _ = write!(s, " · {}", format_usd(t.usd_micros));
    }
    if t.unpriced_calls > 0 {
        let _ = write!(s, " · {} unpriced", t.unpriced_calls);
    }
    if t.estimated_calls > 0 {
        let _ = write!(s, " · {} estimated", t.estimated_calls);
    }
    s
}
