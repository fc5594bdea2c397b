//! `hotseat llm check`: one tiny request to the configured server, reported as text or JSON.

use super::{Context, print_json};
use crate::cli::LlmCommand;
use crate::llm::judge::extract_json;
use crate::llm::prompts::{CHECK_JSON_PROMPT, CHECK_PROMPT, user};
use crate::llm::{
    Budget, BudgetState, CallInfo, ClientOptions, EndpointSummary, LLM_OFF_STATUS, LlmClient,
    LlmEndpoint, LlmError, ResponseMode, UsageLedger, process_env,
};
use crate::store::{SledStore, Store};
use anyhow::Result;
use serde::Serialize;
use std::sync::Arc;
use std::time::Instant;

/// Runs an `llm` subcommand.
pub fn run(ctx: &Context, command: &LlmCommand) -> Result<i32> {
    match command {
        LlmCommand::Check => check(ctx),
    }
}

/// What `llm check` found.
#[derive(Debug, Serialize)]
struct CheckReport {
    configured: bool,
    status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    endpoint: Option<EndpointSummary>,
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    model: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    latency_ms: Option<u128>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reply: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    streaming: Probe,
    structured_output: &'static str,
    structured_output_mode: Option<ResponseMode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    structured_output_error: Option<String>,
    budget: BudgetState,
    usage_recorded: bool,
}

/// The result of one probe.
#[derive(Debug, Default, Serialize)]
struct Probe {
    ok: bool,
    tested: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    chunks: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    latency_ms: Option<u128>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

fn check(ctx: &Context) -> Result<i32> {
    let settings = &ctx.config.settings.llm;
    let Some(endpoint) = LlmEndpoint::resolve(settings, &process_env)? else {
        let report = CheckReport {
            configured: false,
            status: LLM_OFF_STATUS.to_string(),
            endpoint: None,
            ok: false,
            model: None,
            latency_ms: None,
            reply: None,
            error: Some(LlmError::NotConfigured.to_string()),
            streaming: Probe::default(),
            structured_output: "untested",
            structured_output_mode: None,
            structured_output_error: None,
            budget: BudgetState::Ok,
            usage_recorded: false,
        };
        print(ctx, &report)?;
        return Ok(1);
    };
    let mut client = LlmClient::new(endpoint, ClientOptions::default())?;
    let mut usage_recorded = false;
    match SledStore::open(&ctx.config.paths.data_dir) {
        Ok(store) => {
            let store: Arc<dyn Store> = Arc::new(store);
            client = client.with_ledger(UsageLedger::new(store, Budget::from_settings(settings)));
            usage_recorded = true;
        }
        Err(e) => eprintln!("warning: usage of this check is not recorded: {e}"),
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let report = runtime.block_on(probe(&client, usage_recorded));
    if let Some(ledger) = client.ledger() {
        ledger.store().flush()?;
    }
    print(ctx, &report)?;
    Ok(i32::from(!(report.ok && report.streaming.ok)))
}

async fn probe(client: &LlmClient, usage_recorded: bool) -> CheckReport {
    let endpoint = client.endpoint();
    let info = CallInfo::new("check");
    let mut report = CheckReport {
        configured: true,
        status: endpoint.status_line(),
        endpoint: Some(endpoint.summary()),
        ok: false,
        model: None,
        latency_ms: None,
        reply: None,
        error: None,
        streaming: Probe::default(),
        structured_output: "untested",
        structured_output_mode: None,
        structured_output_error: None,
        budget: BudgetState::Ok,
        usage_recorded,
    };
    let mut request = client.request(vec![user(CHECK_PROMPT)]);
    request.temperature = Some(0.0);
    match client.complete(request.clone(), &info).await {
        Ok(c) => {
            report.ok = true;
            report.model = Some(c.model);
            report.latency_ms = Some(c.latency.as_millis());
            report.reply = Some(c.content.trim().chars().take(80).collect());
            report.budget = c.budget;
        }
        Err(e) => {
            report.error = Some(e.to_string());
            return report;
        }
    }

    let started = Instant::now();
    report.streaming.tested = true;
    match client.stream_chat(request, &info).collect().await {
        Ok(s) => {
            report.streaming.ok = true;
            report.streaming.chunks = Some(s.chunks);
            report.streaming.latency_ms = Some(started.elapsed().as_millis());
            report.budget = s.budget;
        }
        Err(e) => report.streaming.error = Some(e.to_string()),
    }

    let schema = serde_json::json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["ok"],
        "properties": {"ok": {"type": "boolean"}}
    });
    let mut last_error = None;
    for mode in [ResponseMode::JsonSchema, ResponseMode::JsonObject] {
        let mut request = client.request(vec![user(CHECK_JSON_PROMPT)]);
        request.temperature = Some(0.0);
        request.response_format = mode.response_format("health_check", &schema);
        match client.complete(request, &info).await {
            Ok(c) => {
                report.budget = c.budget;
                let parsed = extract_json(&c.content)
                    .and_then(|j| serde_json::from_str::<serde_json::Value>(j).ok());
                if parsed.and_then(|v| v.get("ok").and_then(serde_json::Value::as_bool))
                    == Some(true)
                {
                    report.structured_output_mode = Some(mode);
                    break;
                }
                last_error = Some(format!(
                    "{mode:?}: the reply did not follow the schema: {}",
                    c.content.trim().chars().take(80).collect::<String>()
                ));
            }
            Err(e) => last_error = Some(format!("{mode:?}: {e}")),
        }
    }
    report.structured_output = if report.structured_output_mode == Some(ResponseMode::JsonSchema) {
        "ok"
    } else {
        "unsupported"
    };
    if report.structured_output_mode.is_none() {
        report.structured_output_mode = Some(ResponseMode::Text);
    }
    if report.structured_output != "ok" {
        report.structured_output_error = last_error;
    }
    report
}

fn print(ctx: &Context, report: &CheckReport) -> Result<()> {
    if ctx.json {
        return print_json(report);
    }
    println!("{}", report.status);
    let Some(endpoint) = &report.endpoint else {
        if let Some(e) = &report.error {
            println!("{e}");
        }
        return Ok(());
    };
    println!(
        "base URL: {} · key: {} ({})",
        endpoint.base_url,
        endpoint.key_env,
        if endpoint.key_set { "set" } else { "not set" }
    );
    if let Some(e) = &report.error {
        println!("request: FAILED — {e}");
        return Ok(());
    }
    println!(
        "request: ok — model {} answered {:?} in {} ms",
        report.model.as_deref().unwrap_or("?"),
        report.reply.as_deref().unwrap_or(""),
        report.latency_ms.unwrap_or_default()
    );
    match (&report.streaming.error, report.streaming.ok) {
        (_, true) => println!(
            "streaming: ok ({} chunks in {} ms)",
            report.streaming.chunks.unwrap_or_default(),
            report.streaming.latency_ms.unwrap_or_default()
        ),
        (Some(e), false) => println!("streaming: FAILED — {e}"),
        (None, false) => println!("streaming: not tested"),
    }
    let mode = match report.structured_output_mode {
        Some(ResponseMode::JsonSchema) => "json_schema",
        Some(ResponseMode::JsonObject) => "json_object; the judge will use it",
        Some(ResponseMode::Text) | None => "JSON taken from plain text",
    };
    println!("structured output: {} ({mode})", report.structured_output);
    if let BudgetState::Warn(p) = report.budget {
        println!("warning: {p}% of this month's LLM budget is used");
    }
    Ok(())
}
